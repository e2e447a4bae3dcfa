import Foundation
import TestSupport
import Testing

@testable import BilletterieCore

extension Sandbox {
    /// The store's signing key, read from the file as a forger with a copy of it could.
    func privateKey() throws -> [UInt8] {
        try storeDatabase().row("SELECT private_key FROM signing_keys")!.blob("private_key")
    }

    func scanCount() throws -> Int64 {
        if case .integer(let n) = try storeDatabase().scalar("SELECT count(*) FROM scans") { return n }
        return -1
    }

    /// A paid ticket's code on the on-sale event (a free Guest ticket).
    func validCode(buyer: String = "ana@example.org") throws -> (id: String, code: String) {
        let ticket = (try reserve([], tier: "Guest", buyer: buyer).json["tickets"] as! [[String: Any]])[0]
        return (ticket["id"] as! String, ticket["code"] as! String)
    }

    func validate(_ code: String, _ extra: [String] = []) throws -> Result {
        try run(["validate", code, "--event", "jazz-night", "--json"] + extra)
    }
}

@Suite("the door: validate")
struct DoorTests {
    @Test("accepted once (exit 0); again: already_used with the first admission's time and gate (exit 1); both recorded")
    func acceptedThenUsed() throws {
        let box = try Sandbox().onSale()
        let ticket = try box.validCode()
        try box.login("door@example.org", "a-good-password")
        let first = try box.validate(ticket.code, ["--gate", "A"])
        #expect(first.status == 0, "\(first)")
        #expect(first.json["result"] as? String == "accepted")
        #expect(first.json["reason"] as? String == "ok")
        #expect((first.json["ticket"] as? [String: Any])?["attendee_name"] as? String == "ana")
        #expect((first.json["scan_id"] as? String)?.hasPrefix("scn_") == true)
        let second = try box.validate(ticket.code, ["--gate", "B"])
        #expect(second.status == 1)
        #expect(second.stderr.isEmpty, "a rejection is an answer on stdout, not an error")
        #expect(second.json["reason"] as? String == "already_used")
        #expect((second.json["first_scan"] as? [String: Any])?["gate"] as? String == "A")
        #expect((second.json["first_scan"] as? [String: Any])?["at"] as? String == "2026-05-01T10:00:00Z")
        #expect(try box.scanCount() == 2)
        #expect(try box.run(["ticket", "show", ticket.id, "--json"]).json["status"] as? String == "used")
    }

    @Test(
        "every rejection reason, each recorded",
        arguments: [
            "void-refunded", "void-transferred", "unpaid", "addon", "unknown", "other-store",
            "bit-flip", "truncated", "garbage", "lowercase", "wrong-event",
        ])
    func reasons(kind: String) throws {
        let box = try Sandbox().onSale()
        let code: String
        let expected: String
        switch kind {
        case "void-refunded":
            let order = try box.reserve([], tier: "Standard").json
            #expect(try box.run(["pay", order["id"] as! String, "--method", "cash"]).status == 0)
            #expect(try box.run(["refund", order["id"] as! String]).status == 0)
            code = (order["tickets"] as! [[String: Any]])[0]["code"] as! String
            expected = "void"
        case "void-transferred":
            let ticket = try box.validCode()
            #expect(try box.run(["ticket", "transfer", ticket.id, "--to", "carla@example.org"]).status == 0)
            code = ticket.code
            expected = "void"
        case "unpaid":
            code = ((try box.reserve([], tier: "Standard").json["tickets"] as! [[String: Any]])[0]["code"] as! String)
            expected = "unpaid"
        case "addon":
            let order = try box.reserve([], tier: "Parking").json
            #expect(try box.run(["pay", order["id"] as! String, "--method", "cash"]).status == 0)
            code = (order["tickets"] as! [[String: Any]])[0]["code"] as! String
            expected = "addon_not_admission"
        case "unknown":
            // Signed with the store's own key, but for a ticket the store never sold.
            let event = try box.run(["event", "show", "jazz-night", "--json"]).json
            let tier = (event["tiers"] as! [[String: Any]])[0]["id"] as! String
            code = try TicketCode(ticketID: Identifier.make(.ticket), eventID: event["id"] as! String, tierID: tier).signed(privateKey: box.privateKey())
            expected = "unknown"
        case "other-store":
            let event = try box.run(["event", "show", "jazz-night", "--json"]).json
            let tier = (event["tiers"] as! [[String: Any]])[0]["id"] as! String
            code = try TicketCode(ticketID: try box.validCode().id, eventID: event["id"] as! String, tierID: tier)
                .signed(privateKey: CryptoPrimitives.newSigningKeyPair().privateKey)
            expected = "invalid_signature"
        case "bit-flip":
            var chars = Array(try box.validCode().code)
            chars[60] = chars[60] == "A" ? "B" : "A"
            code = String(chars)
            expected = "invalid_signature"
        case "truncated":
            code = String(try box.validCode().code.dropLast(5))
            expected = "malformed"
        case "garbage":
            code = "%%%not a ticket at all%%%"
            expected = "malformed"
        case "lowercase":
            code = try box.validCode().code.lowercased()
            expected = "malformed"
        default:  // a real, paid ticket of another event
            try box.createEvent("Other", ["--publish"])
            #expect(try box.run(["event", "tier", "add", "other", "--name", "G", "--price", "0"]).status == 0)
            code =
                ((try box.run(["ticket", "reserve", "--event", "other", "--tier", "G", "--buyer", "x@example.org", "--json"])
                    .json["tickets"] as! [[String: Any]])[0]["code"] as! String)
            expected = "wrong_event"
        }
        let before = try box.scanCount()
        let answer = try box.validate(code)
        #expect(answer.status == 1, "\(answer)")
        #expect(answer.json["result"] as? String == "rejected")
        #expect(answer.json["reason"] as? String == expected, "\(answer)")
        #expect(try box.scanCount() == before + 1, "every scan is recorded")
    }

    @Test("a forged code is never looked up: malformed and unsigned scans name no ticket")
    func forgedNotLookedUp() throws {
        let box = try Sandbox().onSale()
        var chars = Array(try box.validCode().code)
        chars[40] = chars[40] == "A" ? "B" : "A"
        #expect(try box.validate(String(chars)).json["ticket"] is NSNull)
        let ticketOfScan = try box.storeDatabase().scalar("SELECT ticket_id FROM scans ORDER BY rowid DESC LIMIT 1")
        #expect(ticketOfScan == .null)
    }

    @Test("who may validate: staff, admins, the event's organizer; not participants nor other organizers (exit 77)")
    func permissions() throws {
        let box = try Sandbox().onSale()
        let ticket = try box.validCode()
        try box.login("ana@example.org", "a-good-password")
        #expect(try box.validate(ticket.code).status == 77)
        try box.login("otto@example.org", "a-good-password")
        #expect(try box.validate(ticket.code).status == 77)
        #expect(try box.scanCount() == 0)
        try box.login("olga@example.org", "a-good-password")
        #expect(try box.validate(ticket.code).status == 0)
    }

    @Test("undo reverses an admission without deleting it; the holder comes back in")
    func undo() throws {
        let box = try Sandbox().onSale()
        let ticket = try box.validCode()
        let scan = try box.validate(ticket.code).json["scan_id"] as! String
        let undone = try box.run(["validate", "--undo", scan, "--json"])
        #expect(undone.status == 0, "\(undone)")
        #expect(try box.validate(ticket.code).status == 0, "admitted again")
        #expect(try box.run(["validate", "--undo", scan]).status == 4, "an undo happens once")
        #expect(try box.run(["validate", "--undo", "scn_aaaaaaaaaaaaaaaa"]).status == 3)
        let rejection = try box.validate(ticket.code).json["scan_id"] as! String
        #expect(try box.run(["validate", "--undo", rejection]).status == 4)
        #expect(try box.scanCount() == 3, "history is kept")
        #expect(try box.domainEventTypes().contains("scan.undone"))
    }
}

@Suite("the door: streams")
struct DoorStreamTests {
    @Test("--stream answers each line as it arrives, before the next is sent")
    func interactive() throws {
        let box = try Sandbox().onSale()
        let codes = try (0..<3).map { try box.validCode(buyer: "p\($0)@example.org").code }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Sandbox.binary)
        process.arguments = ["validate", "--stream", "--event", "jazz-night", "--gate", "A", "--json"]
        process.environment = box.environment
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let reader = output.fileHandleForReading
        func readAnswer() -> String? {
            // Read on another thread so a program that buffers until EOF fails the test instead of hanging it.
            let done = DispatchSemaphore(value: 0)
            nonisolated(unsafe) var line: [UInt8] = []
            Thread.detachNewThread {
                while let byte = try? reader.read(upToCount: 1), let b = byte.first, b != 10 { line.append(b) }
                done.signal()
            }
            guard done.wait(timeout: .now() + 20) == .success else { return nil }
            return String(decoding: line, as: UTF8.self)
        }
        for (index, code) in (codes + [codes[0]]).enumerated() {
            input.fileHandleForWriting.write(Data((code + "\n").utf8))
            let answer = try #require(readAnswer(), "no answer to line \(index + 1) before the next was sent")
            let json = try JSONSerialization.jsonObject(with: Data(answer.utf8)) as? [String: Any]
            #expect(json?["result"] as? String == (index < 3 ? "accepted" : "rejected"))
        }
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test("10 000 random and mutated lines: one answer per non-blank line, and the process never dies")
    func fuzz() throws {
        let box = try Sandbox().onSale()
        let valid = try box.validCode().code
        var generator = SeededGenerator.printed("door stream fuzz")
        var bytes: [UInt8] = []
        var expected = 0
        for index in 0..<10_000 {
            var line: [UInt8]
            switch index % 5 {
            case 0: line = (0..<Int.random(in: 0...300, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }.filter { $0 != 10 }
            case 1:
                line = Array(valid.utf8)
                for _ in 0..<Int.random(in: 1...3, using: &generator) {
                    line[Int.random(in: 0..<line.count, using: &generator)] = UInt8.random(in: 32...126, using: &generator)
                }
            case 2: line = Array(valid.utf8.prefix(Int.random(in: 0...valid.count, using: &generator)))
            case 3: line = Array(" \t \r".utf8)
            default: line = Array(("  " + valid + "  \r").utf8)
            }
            let text = String(decoding: line.last == 13 ? Array(line.dropLast()) : line, as: UTF8.self)
            if !text.allSatisfy(\.isWhitespace) { expected += 1 }
            bytes += line + [10]
        }
        let result = try box.run(["validate", "--stream", "--event", "jazz-night", "--json"], stdinBytes: bytes)
        #expect(result.status == 0, "\(result.stderr.prefix(500))")
        let answers = result.stdout.split(separator: "\n")
        #expect(answers.count == expected)
        #expect(answers.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) is [String: Any] })
        #expect(answers.filter { $0.contains("\"result\":\"accepted\"") }.count == 1, "the one valid ticket gets in once")
    }
}

@Suite("the door: offline gate packs")
struct GatePackTests {
    @Test("two gates admit the same ticket offline; merge imports once and reports the double admission")
    func twoGates() throws {
        let box = try Sandbox().onSale()
        let early = try box.validCode()
        let voided = try box.validCode(buyer: "bob@example.org")
        #expect(try box.run(["ticket", "cancel", voided.id]).status == 0)
        let packA = box.folder + "/gate-a.pack"
        let packB = box.folder + "/gate-b.pack"
        #expect(try box.run(["validate", "pack", "--event", "jazz-night", "-o", packA]).status == 0)
        #expect(try box.run(["validate", "pack", "--event", "jazz-night", "-o", packB]).status == 0)
        #expect(box.mode(packA) == 0o600)
        // What a pack holds: no private key, no e-mail address.
        let packBytes = try Data(contentsOf: URL(fileURLWithPath: packA))
        #expect(packBytes.range(of: Data(try box.privateKey())) == nil)
        #expect(packBytes.range(of: Data("ana@example.org".utf8)) == nil)
        // Sold after the packs were made: still admitted offline.
        let late = try box.validCode(buyer: "late@example.org")

        let offline = ["BILLETTERIE_DB": box.folder + "/no-store-here.sqlite3", "BILLETTERIE_TOKEN": ""]
        func gate(_ pack: String, _ name: String, _ code: String) throws -> Sandbox.Result {
            try box.run(["validate", "--pack", pack, code, "--gate", name, "--json"], environment: offline)
        }
        #expect(try gate(packA, "A", early.code).status == 0)
        #expect(try gate(packB, "B", early.code).status == 0, "gate B cannot know gate A admitted it")
        #expect(try gate(packA, "A", late.code).status == 0)
        #expect(try gate(packA, "A", late.code).json["reason"] as? String == "already_used")
        #expect(try gate(packA, "A", voided.code).json["reason"] as? String == "void")
        #expect(try gate(packA, "A", "garbage").json["reason"] as? String == "malformed")
        #expect(!FileManager.default.fileExists(atPath: box.folder + "/no-store-here.sqlite3"))

        let merged = try box.run(["validate", "merge", packA, packB, "--json"])
        #expect(merged.status == 0, "\(merged)")
        #expect(merged.json["imported"] as? Int == 6)
        let doubles = try #require(merged.json["double_admissions"] as? [[String: Any]])
        #expect(doubles.count == 1)
        #expect(doubles[0]["ticket"] as? String == early.id)
        #expect((doubles[0]["admissions"] as? [[String: Any]])?.map { $0["gate"] as? String } == ["A", "B"])
        #expect(try box.run(["validate", "merge", packA, packB, "--json"]).json["imported"] as? Int == 0, "merging again imports nothing")
        #expect(try box.run(["ticket", "show", late.id, "--json"]).json["status"] as? String == "used")
        // Online, the door now knows.
        #expect(try box.validate(late.code).json["reason"] as? String == "already_used")
    }

    @Test("packs: a wrong-event code is rejected offline; only organizers and admins make and merge packs; bad files are refused")
    func refusals() throws {
        let box = try Sandbox().onSale()
        let pack = box.folder + "/gate.pack"
        #expect(try box.run(["validate", "pack", "--event", "jazz-night", "-o", pack]).status == 0)
        #expect(try box.run(["validate", "pack", "--event", "jazz-night", "-o", pack]).status == 4, "never over a file")
        try box.createEvent("Other", ["--publish"])
        #expect(try box.run(["event", "tier", "add", "other", "--name", "G", "--price", "0"]).status == 0)
        let other =
            ((try box.run(["ticket", "reserve", "--event", "other", "--tier", "G", "--buyer", "x@example.org", "--json"])
                .json["tickets"] as! [[String: Any]])[0]["code"] as! String)
        #expect(try box.run(["validate", "--pack", pack, other, "--json"]).json["reason"] as? String == "wrong_event")
        if !Sandbox.onPostgres {
            #expect(try box.run(["validate", "--pack", box.db, "x"]).status == 65, "a store is not a pack (CLI.md section 11: exit 65)")
        }
        #expect(try box.run(["validate", "--pack", box.folder + "/none.pack", "x"]).status == 66)
        try box.login("door@example.org", "a-good-password")
        #expect(try box.run(["validate", "pack", "--event", "jazz-night", "-o", box.folder + "/staff.pack"]).status == 77)
        #expect(try box.run(["validate", "merge", pack]).status == 77)
    }
}

/// `validate CODE` has a fast reader of its arguments (SingleScanArguments) beside
/// ArgumentParser; `validate check CODE --event=E` always goes through ArgumentParser. Both
/// must answer alike, byte for byte but for the scan's own id.
@Suite("the door: the single-scan fast path answers as ArgumentParser does")
struct SingleScanPathTests {
    static func normalized(_ result: Sandbox.Result) -> String {
        let text = "exit \(result.status)\n\(result.stdout)\n\(result.stderr)"
        return text.replacingOccurrences(of: #"scn_[a-z0-9]+"#, with: "scn_X", options: .regularExpression)
    }

    func both(
        _ box: Sandbox, _ code: String, event: String = "jazz-night", json: Bool, extra: [String] = [],
        between: () throws -> Void = {}
    ) throws -> (fast: String, parsed: String) {
        let tail = json ? ["--json"] : []
        let fast = try box.run(["validate", code, "--event", event, "--gate", "A"] + tail + extra)
        try between()
        let parsed = try box.run(["validate", "check", code, "--event=\(event)", "--gate=A"] + tail + extra)
        return (Self.normalized(fast), Self.normalized(parsed))
    }

    @Test("accepted, already used, forged, unknown event, text and JSON, not logged in, no store")
    func parity() throws {
        let box = try Sandbox().onSale()
        let ticket = try box.validCode()
        try box.login("door@example.org", "a-good-password")
        let accepted = try both(box, ticket.code, json: true) {
            // Let the holder back in, so the parsed run is a first admission too.
            let last = try box.storeDatabase().row("SELECT id FROM scans ORDER BY rowid DESC LIMIT 1")!.string("id")
            #expect(try box.run(["validate", "--undo", last]).status == 0)
        }
        #expect(accepted.fast.hasPrefix("exit 0"), "\(accepted.fast)")
        #expect(accepted.fast == accepted.parsed)
        for json in [true, false] {
            let used = try both(box, ticket.code, json: json)
            #expect(used.fast.hasPrefix("exit 1") && used.fast.contains("already"), "\(used.fast)")
            #expect(used.fast == used.parsed)
        }
        var flipped = Array(ticket.code.utf8)
        flipped[40] = flipped[40] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let forged = try both(box, String(decoding: flipped, as: UTF8.self), json: true)
        #expect(forged.fast.contains("invalid_signature"), "\(forged.fast)")
        #expect(forged.fast == forged.parsed)
        let noEvent = try both(box, ticket.code, event: "no-such-event", json: true)
        #expect(noEvent.fast.hasPrefix("exit 3"), "\(noEvent.fast)")
        #expect(noEvent.fast == noEvent.parsed)
        let noStore = try both(box, ticket.code, json: false, extra: ["--db", box.folder + "/missing.sqlite3"])
        #expect(!noStore.fast.hasPrefix("exit 0") && !noStore.fast.hasPrefix("exit 1"), "\(noStore.fast)")
        #expect(noStore.fast == noStore.parsed)
        #expect(try box.run(["user", "logout"]).status == 0)
        let loggedOut = try both(box, ticket.code, json: true)
        #expect(loggedOut.fast.hasPrefix("exit 77"), "\(loggedOut.fast)")
        #expect(loggedOut.fast == loggedOut.parsed)
    }
}

import Foundation
import TestSupport
import Testing

@testable import BilletterieCore

extension Sandbox {
    /// A paid ticket of the on-sale event, with its code and reference.
    func paidTicket(buyer: String = "ana@example.org", attendee: String? = nil) throws -> [String: Any] {
        let extra = attendee.map { ["--attendee", $0] } ?? []
        let order = try reserve(extra, tier: "Standard", buyer: buyer).json
        #expect(try run(["pay", order["id"] as! String, "--method", "cash"]).status == 0)
        return (try run(["ticket", "show", order["id"] as! String, "--json"]).json["tickets"] as! [[String: Any]])[0]
    }

    /// Runs `command` with /bin/sh, as a person at a prompt would (unquoted codes, raw bytes).
    func shell(_ command: String) throws -> (status: Int32, stdout: String, stderr: String) {
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", command]
        shell.environment = environment
        let out = Pipe()
        let err = Pipe()
        shell.standardOutput = out
        shell.standardError = err
        try shell.run()
        Sandbox.limit(shell)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        shell.waitUntilExit()
        return (shell.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    /// Runs a SQL statement on the store file, as a test reaching behind the program.
    func sql(_ statement: String, _ arguments: SQLBindable...) throws {
        try storeDatabase().execute(statement, arguments: arguments)
    }
}

@Suite("the door on the day: codes, references, finding a guest")
struct DoorDayTests {
    @Test("a new code is one token of 0-9 A-Z that survives an unquoted shell argument, and its reference sits beside it")
    func shellSafe() throws {
        let box = try Sandbox().onSale()
        let ticket = try box.paidTicket()
        let code = try #require(ticket["code"] as? String)
        #expect(code.count == 121 && code.allSatisfy { $0.isASCII && ($0.isNumber || $0.isUppercase) })
        let reference = try #require(ticket["reference"] as? String)
        #expect(reference.count == 10)
        try box.login("door@example.org", "a-good-password")
        // Pasted unquoted into a shell command line, as door staff do.
        let pasted = try box.shell("\(Sandbox.binary) validate \(code) --event jazz-night --gate A --json")
        #expect(pasted.status == 0, "\(pasted)")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(pasted.stdout.utf8)) as? [String: Any])
        #expect((answer["ticket"] as? [String: Any])?["reference"] as? String == reference)
        // ticket show prints the reference beside the code.
        try box.login("olga@example.org", "a-good-password")
        let shown = try box.run(["ticket", "show", ticket["id"] as! String])
        #expect(shown.stdout.contains(code) && shown.stdout.contains(reference), "\(shown)")
    }

    @Test("validate REFERENCE admits, typed loosely; once only; a slip is `mistyped`, recorded, and accuses no one")
    func references() throws {
        let box = try Sandbox().onSale()
        let reference = try box.paidTicket()["reference"] as! String
        try box.login("door@example.org", "a-good-password")
        let typed = reference.prefix(5).lowercased() + "-" + reference.dropFirst(5).lowercased()
        let first = try box.validate(typed, ["--gate", "A"])
        #expect(first.status == 0, "\(first)")
        #expect(first.json["reason"] as? String == "ok")
        #expect(try box.validate(reference).json["reason"] as? String == "already_used")
        var wrong = Array(reference)
        wrong[3] = wrong[3] == "7" ? "8" : "7"
        let before = try box.scanCount()
        let slip = try box.run(["validate", String(wrong), "--event", "jazz-night"])
        #expect(slip.status == 1, "\(slip)")
        #expect(slip.stdout.contains("mistyped"), "\(slip)")
        #expect(!slip.stdout.lowercased().contains("forg"), "a typo is never called a forgery: \(slip.stdout)")
        #expect(try box.scanCount() == before + 1)
        #expect(try box.validate(String(wrong)).json["reason"] as? String == "mistyped")
    }

    @Test("a code that does not verify reads as not valid, never as a forgery")
    func neverAccuses() throws {
        let box = try Sandbox().onSale()
        var chars = Array(try box.paidTicket()["code"] as! String)
        chars[50] = chars[50] == "7" ? "8" : "7"
        try box.login("door@example.org", "a-good-password")
        let answer = try box.run(["validate", String(chars), "--event", "jazz-night"])
        #expect(answer.status == 1)
        #expect(answer.stdout.contains("not valid") && answer.stdout.contains("damaged, mistyped or forged"), "\(answer)")
    }

    @Test("tickets issued in format 1 keep their codes: admitted online and from a pack")
    func formatOneStillAdmitted() throws {
        let box = try Sandbox().onSale()
        let first = try box.paidTicket()
        let second = try box.paidTicket()
        let event = try box.run(["event", "show", "jazz-night", "--json"]).json
        let signer = try CryptoPrimitives.Signer(privateKey: box.privateKey())
        var old: [String] = []
        for ticket in [first, second] {
            let code = try TicketCode.FormatOne.signed(
                ticketID: ticket["id"] as! String, eventID: event["id"] as! String,
                tierID: (ticket["tier"] as! [String: Any])["id"] as! String, signer: signer)
            try box.sql("UPDATE tickets SET code = ? WHERE id = ?", code, ticket["id"] as! String)
            old.append(code)
        }
        #expect(try box.run(["validate", "pack", "--event", "jazz-night", "-o", "gate.pack"]).status == 0)
        try box.login("door@example.org", "a-good-password")
        let online = try box.validate(old[0])
        #expect(online.status == 0, "\(online)")
        let offline = try box.run(["validate", "--pack", "gate.pack", old[1], "--json"])
        #expect(offline.status == 0, "\(offline)")
        #expect(try box.run(["validate", "--pack", "gate.pack", old[1], "--json"]).json["reason"] as? String == "already_used")
    }

    @Test("references work from a pack too, and the pack holds no reference in clear")
    func referencesOffline() throws {
        let box = try Sandbox().onSale()
        let reference = try box.paidTicket()["reference"] as! String
        #expect(try box.run(["validate", "pack", "--event", "jazz-night", "-o", "gate.pack"]).status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: box.folder + "/gate.pack"))
        #expect(bytes.range(of: Data(reference.utf8)) == nil, "a lost pack must not list references")
        let accepted = try box.run(["validate", "--pack", "gate.pack", reference.lowercased(), "--json"])
        #expect(accepted.status == 0, "\(accepted)")
        var wrong = Array(reference)
        wrong.swapAt(0, 1)
        if wrong[0] != wrong[1] {
            #expect(try box.run(["validate", "--pack", "gate.pack", String(wrong), "--json"]).json["reason"] as? String == "mistyped")
        }
    }

    @Test("a pack made by an older release (unsigned) is refused with what to do, not misread: exit 65")
    func oldPackRefused() throws {
        let box = try Sandbox().onSale()
        let code = try box.paidTicket()["code"] as! String
        #expect(try box.run(["validate", "pack", "--event", "jazz-night", "-o", "gate.pack"]).status == 0)
        try SQLiteConnection(path: box.folder + "/gate.pack", create: false).execute("UPDATE meta SET value = '1' WHERE key = 'format'")
        let answer = try box.run(["validate", "--pack", "gate.pack", code])
        #expect(answer.status == 65, "\(answer)")
        #expect(answer.stderr.contains("make a new one with `billetterie validate pack`"), "\(answer)")
    }

    @Test("a pending ticket's code and reference are hidden from its buyer until paid; the organizer sees them")
    func pendingHidden() throws {
        let box = try Sandbox().onSale()
        try box.login("ana@example.org", "a-good-password")
        let order = try box.reserve([], tier: "Standard").json
        let ticket = (order["tickets"] as! [[String: Any]])[0]
        #expect(ticket["code"] is NSNull && ticket["reference"] is NSNull, "\(ticket)")
        let listed = try box.run(["ticket", "list", "--json"]).json["items"] as! [[String: Any]]
        #expect(listed.allSatisfy { $0["code"] is NSNull && $0["reference"] is NSNull })
        #expect(try box.run(["ticket", "qr", ticket["id"] as! String]).status == 4)
        #expect(!(try box.run(["ticket", "show", ticket["id"] as! String]).stdout.contains("Reference:")))
        try box.login("olga@example.org", "a-good-password")
        let code = try box.run(["ticket", "show", ticket["id"] as! String, "--json"]).json["code"] as? String
        #expect(code?.count == 121)
        #expect(try box.run(["pay", order["id"] as! String, "--method", "cash"]).status == 0)
        try box.login("ana@example.org", "a-good-password")
        let paid = try box.run(["ticket", "show", ticket["id"] as! String, "--json"]).json
        #expect(paid["code"] as? String == code && (paid["reference"] as? String)?.count == 10)
    }

    @Test("ticket find: by name in any order, accents and case ignored, by e-mail, order id and reference; who may")
    func find() throws {
        let box = try Sandbox().onSale()
        let zoe = try box.paidTicket(buyer: "buyer@example.org", attendee: "Zoé Dupont <zoe@example.org>")
        _ = try box.paidTicket(buyer: "buyer@example.org", attendee: "Bruno Costa <bruno@example.org>")
        func found(_ text: String, _ extra: [String] = []) throws -> [String] {
            let result = try box.run(["ticket", "find", text, "--json"] + extra)
            #expect(result.status == 0, "\(result)")
            return (result.json["items"] as? [[String: Any]] ?? []).map { $0["attendee_name"] as! String }
        }
        try box.login("door@example.org", "a-good-password")
        #expect(try found("dupont zoe") == ["Zoé Dupont"])
        #expect(try found("ZOE") == ["Zoé Dupont"])
        #expect(try found("zoe@example") == ["Zoé Dupont"])
        #expect(try found("buyer@example.org") == ["Bruno Costa", "Zoé Dupont"], "by the buyer too, sorted by attendee")
        #expect(try found((zoe["reference"] as! String).lowercased()) == ["Zoé Dupont"])
        #expect(try found(zoe["order_id"] as! String) == ["Zoé Dupont"])
        #expect(try found("nobody") == [])
        let table = try box.run(["ticket", "find", "dupont"])
        #expect(table.stdout.contains(zoe["reference"] as! String), "\(table)")
        try box.login("ana@example.org", "a-good-password")
        #expect(try box.run(["ticket", "find", "dupont"]).status == 77)
        try box.login("otto@example.org", "a-good-password")
        #expect(try box.run(["ticket", "find", "dupont", "--event", "jazz-night"]).status == 3, "another organizer's event")
        #expect(try found("dupont") == [], "an organizer finds only in their own events")
        try box.login("olga@example.org", "a-good-password")
        #expect(try found("dupont", ["--event", "jazz-night"]) == ["Zoé Dupont"])
        let before = try box.snapshot()
        let empty = try box.run(["ticket", "find", "  ", "--json"])
        #expect(empty.status == 65 && empty.errorJSON["code"] as? String == "empty_query", "\(empty)")
        #expect(try box.run(["ticket", "find", "dupont", "--event", "no-such-event"]).status == 3)
        #expect(try box.run(["ticket", "find"]).status == 64)
        #expect(try box.snapshot() == before)
    }

    @Test("an id typed at the door is malformed, with a pointer to the reference")
    func idAtTheDoor() throws {
        let box = try Sandbox().onSale()
        let ticket = try box.paidTicket()
        try box.login("door@example.org", "a-good-password")
        let answer = try box.validate(ticket["id"] as! String)
        #expect(answer.status == 1)
        #expect(answer.json["reason"] as? String == "malformed")
        #expect((answer.json["detail"] as? String)?.contains("reference") == true, "\(answer)")
    }

    @Test("report door-list: valid and used tickets by attendee name, with references; table, CSV, JSON and PDF")
    func doorList() throws {
        let box = try Sandbox().onSale()
        for name in ["Yves Zola", "ana Abel", "Marc Martin"] {
            _ = try box.paidTicket(attendee: "\(name) <\(name.split(separator: " ")[0].lowercased())@example.org>")
        }
        _ = try box.reserve([], tier: "Standard")  // pending: not on the list
        let json = try box.run(["report", "door-list", "--event", "jazz-night", "--json"])
        #expect(json.status == 0, "\(json)")
        let items = json.json["items"] as! [[String: Any]]
        #expect(items.map { $0["attendee_name"] as! String } == ["ana Abel", "Marc Martin", "Yves Zola"])
        #expect(items.allSatisfy { ($0["reference"] as? String)?.count == 10 && $0["code"] == nil })
        let csv = try box.run(["report", "door-list", "--event", "jazz-night", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("attendee_name,reference,tier,status"), "\(csv)")
        #expect(csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 4, "\(csv)")
        let table = try box.run(["report", "door-list", "--event", "jazz-night", "-o", "list.txt"])
        #expect(table.status == 0, "\(table)")
        #expect(box.mode(box.folder + "/list.txt") == 0o600)
        #expect(try String(contentsOfFile: box.folder + "/list.txt", encoding: .utf8).contains("Marc Martin"))
        #expect(try box.run(["report", "door-list", "--event", "jazz-night", "--format", "pdf"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: box.folder + "/jazz-night-door-list.pdf"), "PDF by default beside the command")
        #expect(try box.run(["report", "door-list", "--event", "jazz-night", "--format", "xml"]).status == 64)
        #expect(try box.run(["report", "door-list", "--event", "no-such-event"]).status == 3)
        #expect(try box.run(["report", "door-list", "--event", "jazz-night", "-o", "/no/such/folder/list.txt"]).status == 73)
        try box.login("door@example.org", "a-good-password")
        #expect(try box.run(["report", "door-list", "--event", "jazz-night"]).status == 0, "staff print it")
        try box.login("ana@example.org", "a-good-password")
        #expect(try box.run(["report", "door-list", "--event", "jazz-night"]).status == 77)
    }

    @Test("without --event only events whose doors are open now admit (not_today, naming the event); with it, any day")
    func notToday() throws {
        let box = try Sandbox().onSale()  // Jazz Night: 2026-06-21 20:30 Paris; now: 2026-05-01
        let code = try box.paidTicket()["code"] as! String
        try box.login("door@example.org", "a-good-password")
        let early = try box.run(["validate", code, "--json"])
        #expect(early.status == 1)
        #expect(early.json["reason"] as? String == "not_today")
        #expect((early.json["detail"] as? String)?.contains("Jazz Night") == true, "\(early)")
        // Doors open 6 hours before the start: 14:30 Paris is 12:30 UTC.
        box.environment["BILLETTERIE_NOW"] = "2026-06-21T12:29:00Z"
        try box.login("door@example.org", "a-good-password")
        let justBefore = try box.run(["validate", code, "--json"])
        #expect(justBefore.json["reason"] as? String == "not_today")
        box.environment["BILLETTERIE_NOW"] = "2026-06-21T12:31:00Z"
        let open = try box.run(["validate", code, "--json"])
        #expect(open.status == 0, "\(open)")
        #expect(try box.scanCount() == 3)
    }

    @Test("wrong_event names the ticket's event")
    func wrongEventNamed() throws {
        let box = try Sandbox().onSale()
        try box.createEvent("Other Night", ["--publish"])
        #expect(try box.run(["event", "tier", "add", "other-night", "--name", "G", "--price", "0"]).status == 0)
        let other = try box.run(["ticket", "reserve", "--event", "other-night", "--tier", "G", "--buyer", "x@example.org", "--json"]).json
        let ticket = (other["tickets"] as! [[String: Any]])[0]
        for typed in [ticket["code"] as! String, ticket["reference"] as! String] {
            let answer = try box.validate(typed)
            #expect(answer.json["reason"] as? String == "wrong_event")
            #expect((answer.json["detail"] as? String)?.contains("Other Night") == true, "\(answer)")
        }
    }

    @Test("the fast path never takes a subcommand for a code, and runs validate()")
    func fastPathRefusals() throws {
        let box = try Sandbox().onSale()
        try box.login("door@example.org", "a-good-password")
        for arguments in [["validate", "pack"], ["validate", "merge"], ["validate", "pack", "--event", "jazz-night"], ["validate", "check"]] {
            let result = try box.run(arguments)
            #expect(result.status == 64, "\(arguments): \(result)")
            #expect(result.stderr.contains("billetterie") || result.stderr.contains("Error"), "\(result)")
        }
        #expect(try box.scanCount() == 0, "no subcommand name was scanned")
    }
}

@Suite("free text refuses control characters; the terminal never shows them")
struct ControlCharacterTests {
    static let hostile = "\r\u{1B}[2K\u{1B}[1;42m  ACCEPTED"

    @Test(
        "every free-text option refuses C0, DEL, C1 and bidi controls: exit 65, billetterie: error:, store unchanged",
        arguments: ["\u{1B}", "\u{7F}", "\u{85}", "\u{202E}", "\u{1}", "\n"])
    func refused(bad: String) throws {
        let box = try Sandbox().onSale()
        let order = try box.paidTicket()
        let commands: [[String]] = [
            ["event", "create", "--title", "Bad\(bad)Title", "--starts-at", "2026-07-01T20:00", "--venue", "V", "--timezone", "Europe/Paris"],
            ["event", "create", "--title", "T", "--starts-at", "2026-07-01T20:00", "--venue", "V\(bad)", "--timezone", "Europe/Paris"],
            ["event", "update", "jazz-night", "--title", "x\(bad)"],
            ["event", "tier", "add", "jazz-night", "--name", "Bad\(bad)", "--price", "5"],
            ["ticket", "reserve", "--event", "jazz-night", "--tier", "Standard", "--buyer", "z@example.org", "--buyer-name", "Z\(bad)"],
            ["ticket", "reserve", "--event", "jazz-night", "--tier", "Standard", "--buyer", "z@example.org", "--attendee", "Eve\(bad) <e@example.org>"],
            ["ticket", "transfer", order["id"] as! String, "--to", "Eve\(bad) <e@example.org>"],
            ["refund", order["order_id"] as! String, "--reason", "because\(bad)"],
            ["event", "cancel", "jazz-night", "--reason", "rain\(bad)"],
            ["validate", order["code"] as! String, "--event", "jazz-night", "--gate", "A\(bad)"],
            ["user", "register", "--email", "new@example.org", "--name", "New\(bad)", "--password-stdin"],
        ]
        let before = try box.snapshot()
        for command in commands {
            let result = try box.run(command, stdin: "a-good-password\n")
            #expect(result.status == 65, "\(command): \(result)")
            #expect(result.stderr.hasPrefix("billetterie: error:") && result.stderr.contains("control character"), "\(result)")
            let json = try box.run(command + ["--json"], stdin: "a-good-password\n")
            #expect(json.errorJSON["code"] as? String == "control_character", "\(json)")
        }
        #expect(try box.snapshot() == before)
    }

    @Test("a description may span lines; its other controls are refused")
    func multilineDescription() throws {
        let box = try Sandbox().withOrganizer()
        #expect(try box.createEvent("Lines", ["--description", "First line\nsecond\tline"])["description"] as? String == "First line\nsecond\tline")
        let bad = try box.run([
            "event", "create", "--title", "T", "--starts-at", "2026-07-01T20:00", "--venue", "V", "--timezone", "Europe/Paris",
            "--description", "x\u{1B}[31m",
        ])
        #expect(bad.status == 65, "\(bad)")
    }

    @Test("event files and CSV imports holding control characters are refused with the field named, nothing imported")
    func files() throws {
        let box = try Sandbox().onSale()
        let file = box.folder + "/bad.yaml"
        try "key: bad\ntitle: \"Bad \\e[31m title\"\nstarts_at: 2026-07-01T20:00\ntimezone: Europe/Paris\nvenue: Hall\n".write(
            toFile: file, atomically: true, encoding: .utf8)
        let before = try box.snapshot()
        let event = try box.run(["event", "import", file])
        #expect(event.status == 65, "\(event)")
        #expect(event.stderr.contains("title") && event.stderr.contains("control character"), "\(event)")
        let csv = box.folder + "/bad.csv"
        try "external_id,buyer_email,attendee_name\nx1,a@example.org,Ok\nx2,b@example.org,\"Bad\u{1B}[1;42m\"\n".write(
            toFile: csv, atomically: true, encoding: .utf8)
        let imported = try box.run(["ticket", "import", csv, "--event", "jazz-night", "--tier", "Guest"])
        #expect(imported.status == 65, "\(imported)")
        #expect(imported.stderr.contains("line 3"), "\(imported)")
        #expect(try box.snapshot() == before)
    }

    @Test("non-UTF-8 bytes in an argument are refused (exit 65), not repaired and stored")
    func notUTF8() throws {
        let box = try Sandbox().withOrganizer()
        let before = try box.snapshot()
        // Process takes Strings; a shell passes the raw bytes.
        let result = try box.shell(
            "\(Sandbox.binary) event create --title \"$(printf 'Caf\\351')\" --starts-at 2026-07-01T20:00 --venue V --timezone Europe/Paris")
        #expect(result.status == 65, "\(result)")
        #expect(result.stderr.hasPrefix("billetterie: error:") && result.stderr.contains("UTF-8"), "\(result)")
        #expect(try box.snapshot() == before)
    }

    @Test(
        "a name holding escape sequences, stored before this check existed, cannot paint the door's banner",
        .enabled(if: TerminalTests.python != nil))
    func bannerCannotBeForged() throws {
        let box = try Sandbox().onSale()
        let ticket = try box.paidTicket()
        try box.sql("UPDATE tickets SET attendee_name = ? WHERE id = ?", Self.hostile, ticket["id"] as! String)
        try box.login("door@example.org", "a-good-password")
        #expect(try box.validate(ticket["code"] as! String).status == 0)
        for colour in [true, false] {
            if !colour { box.environment["NO_COLOR"] = "1" } else { box.environment.removeValue(forKey: "NO_COLOR") }
            let screen = try TerminalTests.onTerminal(box, ["validate", ticket["code"] as! String, "--event", "jazz-night", "--gate", "A"], answers: [])
            #expect(screen.status == 1)
            #expect(screen.screen.contains("REJECTED"))
            #expect(!screen.screen.contains("\u{1B}[1;42m") && !screen.screen.contains("\u{1B}[2K"), "\(screen.screen.debugDescription)")
            #expect(!screen.screen.contains("ACCEPTED\u{1B}") && screen.screen.contains("\u{FFFD}"), "\(screen.screen.debugDescription)")
        }
        box.environment["NO_COLOR"] = "1"
        // JSON escapes them.
        let json = try box.validate(ticket["code"] as! String)
        #expect(json.stdout.contains("\\u001b[1;42m"), "\(json)")
    }
}

@Suite("listings written straight into the output's buffer screen what is not text")
struct ListingScreenTests {
    @Test(
        "a control character anywhere in a stored name never reaches stdout or a CSV file raw: --inside and the audit, at every place in an 8-byte word",
        arguments: [UInt64(0x5C12_EE01), 0x5C12_EE02])
    func controlsScreened(seed: UInt64) throws {
        print("ListingScreenTests seed: \(String(seed, radix: 16))")
        var random = SeededGenerator(seed: seed)
        let box = try Sandbox().onSale()
        // Our own style marker (U+FDD0) too: data never turns into an escape sequence.
        let controls: [String] = ["\u{1B}", String(Unicode.Scalar(0xFDD0)!), "\u{7F}", "\u{85}", "\u{202E}", "\r"]
        var names: [String] = []
        for index in 0..<6 {
            let ticket = try box.paidTicket()
            // Names of different lengths put the control at each place of a word, and past one.
            let letters = String(repeating: "x", count: index + Int.random(in: 0...8, using: &random))
            let cut = letters.index(letters.startIndex, offsetBy: Int.random(in: 0...letters.count, using: &random))
            let name = "N\(index)" + letters[..<cut] + controls[index % controls.count] + letters[cut...] + "é"
            try box.sql("UPDATE tickets SET attendee_name = ? WHERE id = ?", name, ticket["id"] as! String)
            try box.sql(
                "INSERT INTO domain_events (type, subject_id, actor_id, data, occurred_at) VALUES ('note', ?, NULL, ?, 1777629600)",
                ticket["id"] as! String, "{\"name\":\"\(name)\"}")
            names.append(name)
            try box.login("door@example.org", "a-good-password")
            #expect(try box.validate(ticket["code"] as! String).status == 0)
            try box.login("olga@example.org", "a-good-password")
        }
        try box.login("admin@example.org", Sandbox.adminPassword)
        let file = box.folder + "/inside.csv"
        for arguments in [
            ["report", "checkins", "--event", "jazz-night", "--inside", "--format", "csv"], ["report", "audit", "--format", "csv"],
            ["report", "checkins", "--event", "jazz-night", "--inside", "--format", "csv", "-o", file],
        ] {
            let result = try box.run(arguments)
            #expect(result.status == 0, "\(result)")
            let written = arguments.contains("-o") ? try String(contentsOfFile: file, encoding: .utf8) : result.stdout
            let scalars = Array(written.unicodeScalars)
            for (index, scalar) in scalars.enumerated() where scalar != "\n" {
                let isLineEnd = scalar == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n"
                #expect(isLineEnd || !FreeText.isControl(scalar), "seed \(seed): \(arguments) wrote U+\(String(scalar.value, radix: 16)) raw")
            }
            for (index, name) in names.enumerated() {
                // The control became U+FFFD, the rest of the name is whole.
                let before = name.unicodeScalars.prefix { !FreeText.isControl($0) && $0 != "\r" }
                #expect(written.contains(String(String.UnicodeScalarView(before)) + "\u{FFFD}"), "seed \(seed): name \(index) in \(arguments)")
            }
        }
    }
}

@Suite("-o names a device or a pipe")
struct StreamTargetTests {
    @Test("an export and a PDF written with -o into a named pipe reach its reader, and the pipe stays a pipe (never renamed over, as /dev/null once was)")
    func fifo() throws {
        let box = try Sandbox().onSale()
        let ticket = try box.paidTicket()
        try box.login("admin@example.org", Sandbox.adminPassword)
        let fifo = box.folder + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        for (arguments, expected) in [
            (["report", "audit", "--format", "csv", "-o", fifo], Array("seq,occurred_at".utf8)),
            (["ticket", "pdf", ticket["order_id"] as! String, "-o", fifo], Array("%PDF".utf8)),
        ] {
            let reader = Process()
            reader.executableURL = URL(fileURLWithPath: "/bin/sh")
            reader.arguments = ["-c", "cat \"$0\" > \"$0.out\"", fifo]
            try reader.run()
            Sandbox.limit(reader)
            let result = try box.run(arguments)
            reader.waitUntilExit()
            #expect(result.status == 0, "\(result)")
            let read = try [UInt8](Data(contentsOf: URL(fileURLWithPath: fifo + ".out")))
            #expect(read.starts(with: expected), "\(arguments): \(read.prefix(40))")
            var info = stat()
            #expect(stat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO, "\(arguments) replaced the pipe")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: box.folder).filter { $0.contains(".tmp-") }.isEmpty)
    }
}

@Suite("the door's stream re-reads the operator's role")
struct StreamRoleTests {
    @Test("a role taken away while a stream runs stops admissions at the next scan (exit 77)")
    func roleTakenAway() throws {
        let box = try Sandbox().onSale()
        let first = try box.paidTicket()["code"] as! String
        let second = try box.paidTicket()["code"] as! String
        let adminToken = try box.run(
            ["user", "login", "--email", "admin@example.org", "--password-stdin", "--print-token"],
            stdin: Sandbox.adminPassword + "\n"
        ).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let doorToken = try box.run(
            ["user", "login", "--email", "door@example.org", "--password-stdin", "--print-token"],
            stdin: "a-good-password\n"
        ).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Sandbox.binary)
        process.arguments = ["validate", "--stream", "--event", "jazz-night", "--gate", "A", "--json"]
        process.environment = box.environment.merging(["BILLETTERIE_TOKEN": doorToken]) { $1 }
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        Sandbox.limit(process)
        input.fileHandleForWriting.write(Data((first + "\n").utf8))
        // The first answer, read as it comes: the stream is running and admitted it.
        var answer = Data()
        while !answer.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            answer += chunk
        }
        #expect(String(decoding: answer, as: UTF8.self).contains("\"accepted\""), "\(String(decoding: answer, as: UTF8.self))")
        let demoted = try box.run(["user", "role", "door@example.org", "participant"], environment: ["BILLETTERIE_TOKEN": adminToken])
        #expect(demoted.status == 0, "\(demoted)")
        input.fileHandleForWriting.write(Data((second + "\n").utf8))
        try input.fileHandleForWriting.close()
        let rest = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 77, "\(stderr)")
        #expect(stderr.contains("role_not_allowed"), "\(stderr)")
        #expect(!String(decoding: rest, as: UTF8.self).contains("accepted"))
        let admitted = try box.storeDatabase().scalar("SELECT count(*) FROM scans WHERE result = 'accepted'")
        #expect(admitted == .integer(1))
    }
}

@Suite("the door's stream on a terminal")
struct StreamTerminalTests {
    @Test("it first says what it checks against, and each banner shows the scan id and local times", .enabled(if: TerminalTests.python != nil))
    func header() throws {
        let box = try Sandbox().onSale()
        let ticket = try box.paidTicket()
        try box.login("door@example.org", "a-good-password")
        let online = try TerminalTests.typed(
            box, ["validate", "--stream", "--event", "jazz-night", "--gate", "A"],
            lines: [ticket["code"] as! String, ticket["reference"] as! String])
        #expect(online.status == 0, "\(online.screen)")
        let screen = online.screen
        let header = try #require(screen.range(of: "Checking tickets of Jazz Night"), "\(screen)")
        #expect(screen.range(of: "ACCEPTED").map { header.lowerBound < $0.lowerBound } == true, "the header comes first")
        #expect(screen.contains("Gate A"))
        #expect(screen.contains("scn_"), "the scan id is on the banner")
        // 10:00 UTC is 12:00 in Paris, where the event is.
        #expect(screen.contains("2026-05-01 12:00"), "\(screen)")
        #expect(screen.contains("first admitted 2026-05-01 12:00"), "\(screen)")

        try box.login("olga@example.org", "a-good-password")
        #expect(try box.run(["validate", "pack", "--event", "jazz-night", "-o", "gate.pack"]).status == 0)
        let offline = try TerminalTests.typed(box, ["validate", "--pack", "gate.pack", "--stream", "--gate", "B"], lines: [])
        #expect(offline.screen.contains("from the pack gate.pack") && offline.screen.contains("0 min ago"), "\(offline.screen)")
        try box.login("door@example.org", "a-good-password")
        let unnamed = try TerminalTests.typed(box, ["validate", "--stream"], lines: [])
        #expect(unnamed.screen.contains("every event whose doors are open now"), "\(unnamed.screen)")
    }
}

@Suite("a gate pack and the tickets it does not know")
struct NotInPackTests {
    @Test("a ticket sold after the pack: accepted with warning not_in_pack (once), or rejected with --unknown reject; a pending one is unpaid")
    func unknownTickets() throws {
        let box = try Sandbox().onSale()
        let pending = (try box.reserve([], tier: "Standard").json["tickets"] as! [[String: Any]])[0]["code"] as! String
        #expect(try box.run(["validate", "pack", "--event", "jazz-night", "-o", "accept.pack"]).status == 0)
        #expect(try box.run(["validate", "pack", "--event", "jazz-night", "--unknown", "reject", "-o", "reject.pack"]).status == 0)
        #expect(try box.run(["validate", "pack", "--event", "jazz-night", "--unknown", "maybe", "-o", "x.pack"]).status == 64)
        let late = try box.paidTicket()["code"] as! String
        let accepted = try box.run(["validate", "--pack", "accept.pack", late, "--json"])
        #expect(accepted.status == 0, "\(accepted)")
        #expect(accepted.json["warning"] as? String == "not_in_pack")
        #expect(try box.run(["validate", "--pack", "accept.pack", late, "--json"]).json["reason"] as? String == "already_used")
        let text = try box.run(["validate", "--pack", "accept.pack", try box.paidTicket()["code"] as! String])
        #expect(text.status == 0 && text.stdout.contains("WARNING: not in this gate's pack"), "\(text)")
        let rejected = try box.run(["validate", "--pack", "reject.pack", late, "--json"])
        #expect(rejected.status == 1, "\(rejected)")
        #expect(rejected.json["reason"] as? String == "not_in_pack")
        #expect(rejected.json["warning"] == nil)
        // Known to the pack as pending when it was made: unpaid, not admitted.
        let unpaid = try box.run(["validate", "--pack", "accept.pack", pending, "--json"])
        #expect(unpaid.status == 1 && unpaid.json["reason"] as? String == "unpaid", "\(unpaid)")
        // Answers of tickets the pack knows carry no warning.
        try box.login("olga@example.org", "a-good-password")
        #expect(try box.run(["validate", "pack", "--event", "jazz-night", "-o", "fresh.pack"]).status == 0)
        let known = try box.run(["validate", "--pack", "fresh.pack", try box.paidTicket()["code"] as! String, "--json"])
        #expect(known.json["warning"] != nil, "sold after fresh.pack too")
        let inPack = try box.run(["validate", "--pack", "fresh.pack", pending, "--json"])
        #expect(inPack.json["warning"] == nil)
    }
}

@Suite("validate merge believes nothing in a pack")
struct MergeTrustTests {
    /// A pack of the on-sale event with one admission at gate B, and that ticket.
    static func packWithAdmission(_ box: Sandbox, file: String = "gate.pack") throws -> (ticket: [String: Any], pack: String) {
        let ticket = try box.paidTicket()
        #expect(try box.run(["validate", "pack", "--event", "jazz-night", "-o", file]).status == 0)
        #expect(try box.run(["validate", "--pack", file, ticket["code"] as! String, "--gate", "B"]).status == 0)
        return (ticket, box.folder + "/" + file)
    }

    static func inject(_ pack: String, _ sql: String) throws {
        try SQLiteConnection(path: pack, create: false).executeScript(sql)
    }

    @Test("a row naming another organizer's ticket is refused; the real holder still gets in")
    func anotherOrganizersTicket() throws {
        let box = try Sandbox().onSale()
        let (_, pack) = try Self.packWithAdmission(box)
        // Otto's event and a ticket of it.
        try box.login("otto@example.org", "a-good-password")
        try box.createEvent("Otto Night", ["--publish"])
        #expect(try box.run(["event", "tier", "add", "otto-night", "--name", "G", "--price", "0"]).status == 0)
        let other =
            (try box.run(["ticket", "reserve", "--event", "otto-night", "--tier", "G", "--buyer", "x@example.org", "--json"])
            .json["tickets"] as! [[String: Any]])[0]
        try Self.inject(
            pack,
            """
            INSERT INTO scans VALUES ('scn_forged1', '\(other["id"] as! String)', 'B', 'accepted', 'ok', '\(other["code"] as! String)',
                                      (SELECT scanned_at FROM scans LIMIT 1), 'entry');
            """)
        try box.login("olga@example.org", "a-good-password")
        let merged = try box.run(["validate", "merge", pack, "--json"])
        #expect(merged.status == 0, "\(merged)")
        #expect(merged.json["imported"] as? Int == 1)
        let refused = merged.json["refused"] as? [[String: Any]] ?? []
        #expect(refused.count == 1 && (refused.first?["reason"] as? String)?.contains("not of the pack's event") == true, "\(merged)")
        try box.login("door@example.org", "a-good-password")
        #expect(try box.run(["validate", other["code"] as! String, "--event", "otto-night"]).status == 0, "the real holder gets in")
    }

    @Test("hostile times, a colliding scan id and a made-up reason are refused, merge does not crash, and reports still run")
    func hostileRows() throws {
        let box = try Sandbox().onSale()
        let (ticket, pack) = try Self.packWithAdmission(box)
        let existing = try box.storeDatabase().row("SELECT id FROM scans LIMIT 1")?.string("id")
        let code = ticket["code"] as! String
        try Self.inject(
            pack,
            """
            INSERT INTO scans VALUES ('scn_far', NULL, 'B', 'rejected', 'malformed', 'x', 9223372036854775807, 'entry');
            INSERT INTO scans VALUES ('scn_past', NULL, 'B', 'rejected', 'malformed', 'x', -9223372036854775807, 'entry');
            INSERT INTO scans VALUES ('\(existing ?? "scn_x")', NULL, 'B', 'rejected', 'malformed', 'x', (SELECT max(scanned_at) FROM scans WHERE scanned_at < 9000000000), 'entry');
            INSERT INTO scans VALUES ('scn_odd', NULL, 'B', 'accepted', 'because', '\(code)', (SELECT min(scanned_at) FROM scans WHERE scanned_at > 0), 'entry');
            INSERT INTO scans VALUES ('scn_side', NULL, 'B', 'accepted', 'ok', '\(code)', (SELECT min(scanned_at) FROM scans WHERE scanned_at > 0), 'sideways');
            """)
        let merged = try box.run(["validate", "merge", pack, "--json"])
        #expect(merged.status == 0, "\(merged)")
        let reasons = (merged.json["refused"] as? [[String: Any]] ?? []).compactMap { $0["reason"] as? String }
        #expect(reasons.filter { $0.contains("outside the pack's life") }.count == 2, "\(reasons)")
        #expect(reasons.contains { $0.contains("not one a gate gives") }, "\(reasons)")
        #expect(reasons.contains { $0.contains("neither an entry nor an exit") }, "\(reasons)")
        #expect(merged.json["imported"] as? Int == 2, "the real admission and the colliding id's scan, under the store's own id")
        for report in [
            ["report", "checkins", "--event", "jazz-night"], ["report", "sales", "--event", "jazz-night"], ["report", "audit", "--event", "jazz-night"],
        ] {
            #expect(try box.run(report).status == 0, "\(report)")
        }
        let again = try box.run(["validate", "merge", pack, "--json"])
        #expect(again.json["imported"] as? Int == 0, "a second merge imports nothing")
    }

    @Test("a ticket transferred after the pack, admitted offline by its old code and online by its new one, is one double admission and one invalid admission")
    func transferredTicket() throws {
        let box = try Sandbox().onSale()
        let ticket = try box.paidTicket()
        #expect(try box.run(["validate", "pack", "--event", "jazz-night", "-o", "gate.pack"]).status == 0)
        let transfer = try box.run(["ticket", "transfer", ticket["id"] as! String, "--to", "Carla <carla@example.org>", "--json"])
        #expect(transfer.status == 0, "\(transfer)")
        let new = try #require(transfer.json["ticket"] as? [String: Any])
        // The pack still knows the old code as valid; the box office knows only the new one.
        #expect(
            try box.run(
                ["validate", "--pack", "gate.pack", ticket["code"] as! String, "--gate", "B"],
                environment: ["BILLETTERIE_NOW": "2026-05-01T10:05:00Z"]
            ).status == 0)
        try box.login("door@example.org", "a-good-password")
        #expect(try box.run(["validate", new["code"] as! String, "--event", "jazz-night", "--gate", "A"]).status == 0)
        try box.login("olga@example.org", "a-good-password")
        let merged = try box.run(["validate", "merge", "gate.pack", "--json"], environment: ["BILLETTERIE_NOW": "2026-05-01T11:00:00Z"])
        #expect(merged.status == 0, "\(merged)")
        let doubles = merged.json["double_admissions"] as? [[String: Any]] ?? []
        #expect(doubles.count == 1, "\(merged)")
        #expect(doubles.first?["ticket"] as? String == new["id"] as? String, "named by the ticket that stands now")
        #expect((doubles.first?["admissions"] as? [[String: Any]])?.count == 2)
        let invalid = merged.json["invalid_admissions"] as? [[String: Any]] ?? []
        #expect(invalid.count == 1 && invalid.first?["ticket"] as? String == ticket["id"] as? String, "\(merged)")
        #expect((invalid.first?["why"] as? String)?.contains("transfer") == true)
        #expect(
            try box.run(["validate", "merge", "gate.pack"], environment: ["BILLETTERIE_NOW": "2026-05-01T11:00:00Z"]).stdout.contains("admitted more than once")
        )
    }

    @Test("a pack whose schema was altered (a scans view, an extra trigger) is refused whole; so is another store's pack")
    func alteredOrForeign() throws {
        let box = try Sandbox().onSale()
        let (_, pack) = try Self.packWithAdmission(box)
        try Self.inject(
            pack,
            """
            ALTER TABLE scans RENAME TO real_scans;
            CREATE VIEW scans AS SELECT * FROM real_scans UNION ALL SELECT 'scn_v' || value, NULL, 'B', 'rejected', 'malformed', 'x', 0
                FROM generate_series(1, 20000);
            """)
        let before = try box.scanCount()
        let merged = try box.run(["validate", "merge", pack, "--json"])
        #expect(merged.status == 0, "\(merged)")
        #expect(merged.json["imported"] as? Int == 0)
        #expect(((merged.json["refused"] as? [[String: Any]])?.first?["reason"] as? String)?.contains("schema") == true, "\(merged)")
        #expect(try box.scanCount() == before)

        let (_, second) = try Self.packWithAdmission(box, file: "second.pack")
        try Self.inject(second, "UPDATE meta SET value = 'another-store' WHERE key = 'store_id'")
        let foreign = try box.run(["validate", "merge", second, "--json"])
        #expect(((foreign.json["refused"] as? [[String: Any]])?.first?["reason"] as? String)?.contains("another box office") == true, "\(foreign)")
        #expect(try box.scanCount() == before)
        let text = try box.run(["validate", "merge", second])
        #expect(text.stdout.contains("Not imported (1)"), "\(text)")
    }
}

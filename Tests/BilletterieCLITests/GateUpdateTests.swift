import Foundation
import Testing

@testable import BilletterieCore

extension Sandbox {
    /// Runs SQL on a file (a pack) from outside billetterie, as an attacker with the sqlite3 CLI would.
    func tamper(_ file: String, _ sql: String) throws {
        try SQLiteConnection(path: file.hasPrefix("/") ? file : folder + "/" + file, create: false).executeScript(sql)
    }

    func copy(_ from: String, _ to: String) throws {
        try FileManager.default.copyItem(atPath: folder + "/" + from, toPath: folder + "/" + to)
    }

    /// What a pack's signed tables hold, to show that a refused file changed nothing.
    func signedState(_ pack: String) throws -> String {
        let db = try SQLiteConnection(path: folder + "/" + pack, create: false)
        return try db.rows("SELECT hex(tag) || status || as_of AS r FROM tickets ORDER BY tag").map { try $0.string("r") }.joined(separator: ",")
            + "|" + db.rows("SELECT hex(tag) || gate AS r FROM movements ORDER BY tag, rowid").map { try $0.string("r") }.joined(separator: ",")
    }

    func scanCount(_ pack: String) throws -> Int64 {
        try SQLiteConnection(path: folder + "/" + pack, create: false).row("SELECT count(*) AS n FROM scans")?.int("n") ?? -1
    }

    /// `validate --pack PACK CODE --json`: the answer's reason, and its warning.
    func gate(_ pack: String, _ code: String, _ gate: String = "G") throws -> (reason: String, warning: String?, status: Int32) {
        let answer = try run(["validate", "--pack", pack, code, "--gate", gate, "--json"])
        return (answer.json["reason"] as? String ?? "exit \(answer.status): \(answer.stderr)", answer.json["warning"] as? String, answer.status)
    }

    func readJSON(_ file: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/" + file))) as! [String: Any]
    }

    func writeJSON(_ object: [String: Any], _ file: String) throws {
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: folder + "/" + file))
    }
}

@Suite("signed gate packs")
struct SignedPackTests {
    @Test("a changed ticket row, tier row, header, key or seal is refused at the gate (exit 65) with nothing recorded; the pack holds no private key")
    func tamperedPacks() throws {
        let box = try Sandbox().onSale()
        let pending = (try box.reserve([], tier: "Standard").json["tickets"] as! [[String: Any]])[0]["code"] as! String
        let paid = try box.paidTicket()["code"] as! String
        #expect(try box.run(["validate", "pack", "--event", "jazz-night", "--unknown", "reject", "-o", "gate.pack"]).status == 0)
        let attacks: [(String, String, String)] = [
            ("a pending ticket made valid", "UPDATE tickets SET status = 'valid' WHERE status = 'pending'", pending),
            ("a ticket given another holder", "UPDATE tickets SET attendee_name = 'Someone Else'", paid),
            ("the tier renamed", "UPDATE tiers SET name = 'VIP backstage'", paid),
            ("unknown tickets let in", "UPDATE meta SET value = 'accept' WHERE key = 'unknown'", paid),
            ("the event's time moved", "UPDATE meta SET value = value + 86400 WHERE key = 'ends_at'", paid),
            ("another key", "UPDATE keys SET public_key = randomblob(32)", paid),
            ("a key added", "INSERT INTO keys VALUES (randomblob(32))", paid),
            ("the seal removed", "DELETE FROM seal", paid),
            ("the format lowered", "UPDATE meta SET value = '2' WHERE key = 'format'", paid),
        ]
        for (index, (what, sql, code)) in attacks.enumerated() {
            let file = "tampered-\(index).pack"
            try box.copy("gate.pack", file)
            try box.tamper(file, sql)
            let answer = try box.run(["validate", "--pack", file, code, "--gate", "B"])
            #expect(answer.status == 65, "\(what): \(answer)")
            #expect(answer.stderr.contains("billetterie: error:") && answer.stderr.contains("validate pack"), "\(what): \(answer)")
            #expect(try box.scanCount(file) == 0, "\(what): nothing recorded")
        }
        // The genuine pack: the paid ticket in, the pending one unpaid.
        #expect(try box.gate("gate.pack", paid).reason == "ok")
        #expect(try box.gate("gate.pack", pending).reason == "unpaid")
        // Not one byte of the store's private key is in the pack.
        let key = try #require(try box.storeDatabase().row("SELECT private_key FROM signing_keys")?.blob("private_key"))
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: box.folder + "/gate.pack")))
        #expect(key.count == 32)
        let windows = stride(from: 0, to: bytes.count - 8, by: 1).contains { bytes[$0..<$0 + 8].elementsEqual(key[0..<8]) }
        #expect(!windows, "the private key's first 8 bytes appear in the pack")
        #expect(!String(decoding: bytes, as: UTF8.self).contains(PackSealHex.hex(key)))
    }

    @Test("a store, a file that is not a pack and a missing file are refused at the gate: 65, 65, 66")
    func notPacks() throws {
        let box = try Sandbox().onSale()
        try Data("hello".utf8).write(to: URL(fileURLWithPath: box.folder + "/text.pack"))
        if !Sandbox.onPostgres { #expect(try box.run(["validate", "--pack", box.db, "x"]).status == 65) }
        #expect(try box.run(["validate", "--pack", "text.pack", "x"]).status == 65)
        #expect(try box.run(["validate", "--pack", "none.pack", "x"]).status == 66)
    }
}

/// Hex as the tests look for it in files (the library's own helper is internal).
enum PackSealHex {
    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
}

@Suite("gate pack deltas")
struct DeltaTests {
    @Test("a delta brings a refund, a transfer, an online admission and a new sale to the gate; twice, or an older one after a newer, changes nothing")
    func deltaReachesGate() throws {
        let box = try Sandbox().onSale()
        let refunded = try box.paidTicket(buyer: "r@example.org")
        let transferred = try box.paidTicket(buyer: "t@example.org")
        let online = try box.paidTicket(buyer: "o@example.org")
        let later = try box.paidTicket(buyer: "l@example.org")
        #expect(try box.run(["validate", "pack", "--event", "jazz-night", "-o", "gate.pack"]).status == 0)
        #expect(try box.run(["refund", refunded["order_id"] as! String, "--reason", "ill"]).status == 0)
        let transfer = try box.run(["ticket", "transfer", transferred["id"] as! String, "--to", "Carla <carla@example.org>", "--json"])
        #expect(transfer.status == 0, "\(transfer)")
        let newCode = try #require((transfer.json["ticket"] as? [String: Any])?["code"] as? String)
        #expect(try box.run(["validate", online["code"] as! String, "--event", "jazz-night", "--gate", "office"]).status == 0)
        let sold = try box.paidTicket(buyer: "n@example.org")["code"] as! String

        let made = try box.run(["validate", "pack", "--update", "gate.pack", "-o", "first.delta", "--json"])
        #expect(made.status == 0, "\(made)")
        #expect(made.json["tickets"] as? Int == 5, "refunded, transferred (old and new), admitted online, sold: \(made)")
        let first = try box.run(["validate", "--pack", "gate.pack", "--apply", "first.delta", "--json"])
        #expect(
            first.status == 0 && first.json["kind"] as? String == "delta" && first.json["changed"] as? Int == 5,
            "\(first) \((try? box.readJSON("first.delta")) ?? [:])")

        #expect(try box.gate("gate.pack", refunded["code"] as! String).reason == "void")
        #expect(try box.gate("gate.pack", transferred["code"] as! String).reason == "void")
        let carla = try box.gate("gate.pack", newCode)
        #expect(carla.reason == "ok" && carla.warning == nil, "the new code is known to the gate now: \(carla)")
        let office = try box.run(["validate", "--pack", "gate.pack", online["code"] as! String, "--json"])
        #expect(office.json["reason"] as? String == "already_used")
        #expect((office.json["first_scan"] as? [String: Any])?["gate"] as? String == "office", "\(office)")
        let new = try box.gate("gate.pack", sold)
        #expect(new.reason == "ok" && new.warning == nil)

        let again = try box.run(["validate", "--pack", "gate.pack", "--apply", "first.delta", "--json"])
        #expect(again.status == 0 && again.json["changed"] as? Int == 0 && again.json["unchanged"] as? Int == 5, "\(again)")

        // A later refund, then the older delta once more: the later state stays.
        #expect(try box.run(["refund", later["order_id"] as! String, "--reason", "ill"]).status == 0)
        #expect(try box.run(["validate", "pack", "--update", "gate.pack", "-o", "second.delta"]).status == 0)
        #expect(try box.run(["validate", "--pack", "gate.pack", "--apply", "second.delta", "--json"]).json["changed"] as? Int == 1)
        #expect(try box.run(["validate", "--pack", "gate.pack", "--apply", "first.delta", "--json"]).json["changed"] as? Int == 0)
        #expect(try box.gate("gate.pack", later["code"] as! String).reason == "void")
        // The delta is small: a few hundred bytes a change.
        let size = try FileManager.default.attributesOfItem(atPath: box.folder + "/first.delta")[.size] as! Int
        #expect(size < 5 * 1024, "\(size) bytes for 5 changes")
        #expect(try box.run(["validate", "pack", "--update", "gate.pack", "-o", "first.delta"]).status == 4, "never over a file")
    }

    @Test("a delta of another store, event or pack, an altered one, or not a delta at all is refused (exit 65) and changes nothing")
    func foreignDeltas() throws {
        let box = try Sandbox().onSale()
        let ticket = try box.paidTicket()
        #expect(try box.run(["validate", "pack", "--event", "jazz-night", "-o", "gate.pack"]).status == 0)
        #expect(try box.run(["validate", "pack", "--event", "jazz-night", "-o", "sister.pack"]).status == 0)
        try box.createEvent("Other", ["--publish"])
        #expect(try box.run(["event", "tier", "add", "other", "--name", "G", "--price", "0"]).status == 0)
        #expect(try box.run(["validate", "pack", "--event", "other", "-o", "other.pack"]).status == 0)
        #expect(try box.run(["refund", ticket["order_id"] as! String, "--reason", "ill"]).status == 0)
        #expect(try box.run(["validate", "pack", "--update", "sister.pack", "-o", "sister.delta"]).status == 0)
        #expect(try box.run(["validate", "pack", "--update", "other.pack", "-o", "other.delta"]).status == 0)
        #expect(try box.run(["validate", "pack", "--update", "gate.pack", "-o", "good.delta"]).status == 0)
        // Another box office with the same set-up.
        let elsewhere = try Sandbox().onSale()
        #expect(try elsewhere.run(["validate", "pack", "--event", "jazz-night", "-o", "theirs.pack"]).status == 0)
        _ = try elsewhere.paidTicket()
        #expect(try elsewhere.run(["validate", "pack", "--update", "theirs.pack", "-o", box.folder + "/theirs.delta"]).status == 0)
        #expect(
            try elsewhere.run(["validate", "pack", "--update", box.folder + "/gate.pack", "-o", "x.delta"]).status == 65,
            "a store does not write a delta for another store's pack")

        var altered = try box.readJSON("good.delta")
        var rows = altered["tickets"] as! [[String: Any]]
        rows[0]["status"] = "valid"
        altered["tickets"] = rows
        try box.writeJSON(altered, "altered.delta")
        var dropped = try box.readJSON("good.delta")
        dropped["tickets"] = []
        try box.writeJSON(dropped, "dropped.delta")
        var reversed = try box.readJSON("good.delta")
        reversed["as_of"] = (reversed["as_of"] as! Int) + 1
        try box.writeJSON(reversed, "retimed.delta")
        try Data("{\"billetterie\": \"gate pack delta\", \"tickets\": 3}".utf8).write(to: URL(fileURLWithPath: box.folder + "/broken.delta"))
        try Data([0xff, 0x00, 0x13]).write(to: URL(fileURLWithPath: box.folder + "/binary.delta"))

        let before = try box.signedState("gate.pack")
        for (file, why) in [
            ("theirs.delta", "another box office"), ("other.delta", "another event"), ("sister.delta", "another pack"),
            ("altered.delta", "does not verify"), ("dropped.delta", "does not verify"), ("retimed.delta", "does not verify"),
            ("broken.delta", "not laid out"), ("binary.delta", "neither a delta"),
        ] {
            let answer = try box.run(["validate", "--pack", "gate.pack", "--apply", file])
            #expect(answer.status == 65, "\(file): \(answer)")
            #expect(answer.stderr.contains(why) && answer.stderr.contains("nothing changed"), "\(file): \(answer)")
        }
        #expect(try box.signedState("gate.pack") == before)
        #expect(try box.gate("gate.pack", ticket["code"] as! String).reason == "ok", "the refund never reached this gate")
        #expect(try box.run(["validate", "--pack", "gate.pack", "--apply", "none.delta"]).status == 66)
        #expect(try box.run(["validate", "--apply", "good.delta"]).status == 64, "--apply needs --pack")
        #expect(try box.run(["validate", "pack", "--update", "gate.pack", "--event", "jazz-night", "-o", "y.delta"]).status == 64)
    }
}

@Suite("gate to gate by file")
struct ExchangeTests {
    @Test("admitted at A is already_used at B, passed on to C, once however often applied; a late gate gets everything with --all")
    func exchange() throws {
        let box = try Sandbox().onSale()
        let first = try box.paidTicket()["code"] as! String
        let second = try box.paidTicket(buyer: "b@example.org")["code"] as! String
        for gate in ["a", "b", "c", "d"] {
            #expect(try box.run(["validate", "pack", "--event", "jazz-night", "-o", "\(gate).pack"]).status == 0)
        }
        #expect(try box.gate("a.pack", first, "A").reason == "ok")
        let late = try box.paidTicket(buyer: "late@example.org")["code"] as! String
        let notInPack = try box.gate("a.pack", late, "A")
        #expect(notInPack.reason == "ok" && notInPack.warning == "not_in_pack")

        let written = try box.run(["validate", "exchange", "--pack", "a.pack", "-o", "from-a.scans", "--json"])
        #expect(written.status == 0 && written.json["admissions"] as? Int == 2, "\(written)")
        let applied = try box.run(["validate", "--pack", "b.pack", "--apply", "from-a.scans", "--json"])
        #expect(applied.status == 0 && applied.json["kind"] as? String == "exchange" && applied.json["changed"] as? Int == 2, "\(applied)")
        #expect(applied.json["gates"] as? [String] == ["A"])
        #expect(try box.run(["validate", "--pack", "b.pack", "--apply", "from-a.scans", "--json"]).json["changed"] as? Int == 0)
        let atB = try box.run(["validate", "--pack", "b.pack", first, "--gate", "B", "--json"])
        #expect(atB.status == 1 && atB.json["reason"] as? String == "already_used", "\(atB)")
        #expect((atB.json["first_scan"] as? [String: Any])?["gate"] as? String == "A")
        #expect(try box.gate("b.pack", late, "B").reason == "already_used", "a ticket sold after both packs, admitted at A")
        #expect(try box.gate("b.pack", second, "B").reason == "ok")

        // B passes on what it has (A's two and its own) to C.
        #expect(try box.run(["validate", "exchange", "--pack", "b.pack", "-o", "from-b.scans", "--json"]).json["admissions"] as? Int == 3)
        #expect(try box.run(["validate", "--pack", "c.pack", "--apply", "from-b.scans"]).status == 0)
        for code in [first, second, late] { #expect(try box.gate("c.pack", code, "C").reason == "already_used") }
        // Nothing new at A since its exchange; --all writes everything again.
        #expect(try box.run(["validate", "exchange", "--pack", "a.pack", "-o", "again.scans", "--json"]).json["admissions"] as? Int == 0)
        #expect(try box.run(["validate", "exchange", "--pack", "a.pack", "-o", "all.scans", "--all", "--json"]).json["admissions"] as? Int == 2)
        #expect(try box.run(["validate", "--pack", "d.pack", "--apply", "all.scans", "--json"]).json["changed"] as? Int == 2)

        // Back at the box office: nobody came in twice.
        let merged = try box.run(["validate", "merge", "a.pack", "b.pack", "c.pack", "d.pack", "--json"])
        #expect(merged.status == 0 && (merged.json["double_admissions"] as? [Any])?.isEmpty == true, "\(merged)")
    }

    @Test("an altered exchange file, one from another event's or store's gate, or a forged gate key is refused (exit 65) and changes nothing")
    func foreignExchanges() throws {
        let box = try Sandbox().onSale()
        let code = try box.paidTicket()["code"] as! String
        #expect(try box.run(["validate", "pack", "--event", "jazz-night", "-o", "a.pack"]).status == 0)
        #expect(try box.run(["validate", "pack", "--event", "jazz-night", "-o", "b.pack"]).status == 0)
        try box.createEvent("Other", ["--publish"])
        #expect(try box.run(["event", "tier", "add", "other", "--name", "G", "--price", "0"]).status == 0)
        #expect(try box.run(["validate", "pack", "--event", "other", "-o", "other.pack"]).status == 0)
        #expect(try box.gate("a.pack", code, "A").reason == "ok")
        #expect(try box.run(["validate", "exchange", "--pack", "a.pack", "-o", "from-a.scans"]).status == 0)
        #expect(try box.run(["validate", "exchange", "--pack", "other.pack", "-o", "other.scans"]).status == 0)
        let elsewhere = try Sandbox().onSale()
        #expect(try elsewhere.run(["validate", "pack", "--event", "jazz-night", "-o", "theirs.pack"]).status == 0)
        #expect(try elsewhere.run(["validate", "exchange", "--pack", "theirs.pack", "-o", box.folder + "/theirs.scans"]).status == 0)

        var altered = try box.readJSON("from-a.scans")
        var entries = altered["admissions"] as! [[String: Any]]
        entries[0]["gate"] = "Z"
        altered["admissions"] = entries
        try box.writeJSON(altered, "altered.scans")
        // A gate key the attacker made, with the genuine certificate of another: the
        // certificate names A's key, so it does not vouch for this one.
        var forged = try box.readJSON("from-a.scans")
        forged["gate_key"] = String(repeating: "ab", count: 32)
        try box.writeJSON(forged, "forged.scans")

        let before = try box.signedState("b.pack")
        for (file, why) in [
            ("altered.scans", "does not verify"), ("forged.scans", "not vouched for"),
            ("other.scans", "another event"), ("theirs.scans", "another box office"),
        ] {
            let answer = try box.run(["validate", "--pack", "b.pack", "--apply", file])
            #expect(answer.status == 65 && answer.stderr.contains(why), "\(file): \(answer)")
        }
        #expect(try box.signedState("b.pack") == before)
        #expect(try box.gate("b.pack", code, "B").reason == "ok", "B never learnt of A's admission")
    }
}

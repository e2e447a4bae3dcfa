import Foundation
import Testing

/// CLI.md section 14: a message says what is true when it is written.
@Suite("messages from facts: nothing contradicts the store or another message")
struct MessageTruthTests {
    /// Every file of the outbox, raw.
    func outboxFiles(_ box: Sandbox) throws -> [[UInt8]] {
        let folder = box.folder + "/store/outbox/new"
        return try FileManager.default.contentsOfDirectory(atPath: folder).sorted().map {
            Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + $0)))
        }
    }

    func statuses(_ box: Sandbox) throws -> [String: [String]] {
        let list = try box.run(["notify", "list", "--json", "--limit", "100"])
        #expect(list.status == 0, "\(list)")
        var byKind: [String: [String]] = [:]
        for item in list.json["items"] as! [[String: Any]] {
            byKind[item["kind"] as! String, default: []].append(item["status"] as! String)
        }
        return byKind
    }

    @Test("sold, then the event cancelled before notify run: only the cancellation is written; its CANCEL outranks every entry")
    func saleThenCancel() throws {
        let box = try Sandbox().onSale()
        let sale = try box.run([
            "ticket", "sell", "--event", "jazz-night", "--item", "Standard=2", "--method", "card", "--reference", "T-1",
            "--buyer", "ana@example.org", "--buyer-name", "Ana", "--json",
        ])
        #expect(sale.status == 0, "\(sale)")
        #expect(try box.run(["event", "cancel", "jazz-night", "--reason", "The band is ill.", "--yes"]).status == 0)
        let run = try box.notify(["run", "--json"])
        #expect(run.status == 0, "\(run)")
        #expect(run.json["written"] as? Int == 1, "\(run)")
        #expect(run.json["withdrawn"] as? Int == 1, "\(run)")
        let mails = try box.mails()
        #expect(mails.map(\.subject) == ["Cancelled: Jazz Night"], "\(mails.map(\.subject))")
        #expect(!mails[0].text.contains("Your tickets"), "\(mails[0].text)")
        #expect(mails[0].text.contains("refunded 50.00 EUR to your card"), "\(mails[0].text)")
        #expect(mails[0].calendar["method"] == "CANCEL")
        #expect(try statuses(box)["order_confirmation"] == ["withdrawn"])
        // Listed with why, and never written by a later run.
        let withdrawn = try box.run(["notify", "list", "--status", "withdrawn"])
        #expect(withdrawn.stdout.contains("no ticket to send") || withdrawn.stdout.contains("was cancelled since"), "\(withdrawn)")
        #expect(try box.notify(["run", "--json"]).json["written"] as? Int == 0)
    }

    @Test("SEQUENCE grows per event across confirmation, update and cancellation (parsed with icalendar)")
    func sequenceGrows() throws {
        let box = try Sandbox().onSale()
        _ = try box.paidOrder()
        #expect(try box.notify(["run"]).status == 0)
        #expect(try box.run(["event", "update", "jazz-night", "--starts-at", "2026-06-21T21:00"]).status == 0)
        #expect(try box.notify(["run"]).status == 0)
        #expect(try box.run(["event", "update", "jazz-night", "--venue", "Le Duc des Lombards"]).status == 0)
        // Another sale and the cancellation in the same batch: the confirmation is withdrawn.
        _ = try box.paidOrder(buyer: "bob@example.org")
        #expect(try box.run(["event", "cancel", "jazz-night", "--reason", "Flooded.", "--yes"]).status == 0)
        #expect(try box.notify(["run"]).status == 0)
        let toAna = try box.mails().filter { $0.to.contains("ana@") }
        #expect(Set(toAna.map(\.subject)) == ["Your tickets for Jazz Night", "Jazz Night has changed", "Cancelled: Jazz Night"], "\(toAna.map(\.subject))")
        func sequence(_ subject: String) -> Int { toAna.first { $0.subject == subject }.flatMap { Int($0.calendar["sequence"] ?? "") } ?? -1 }
        let sequences = ["Your tickets for Jazz Night", "Jazz Night has changed", "Cancelled: Jazz Night"].map(sequence)
        // Written in three runs, in that order: each entry replaces the one before.
        #expect(sequences[0] >= 0 && sequences[0] < sequences[1] && sequences[1] < sequences[2], "\(sequences)")
        #expect(toAna.first { $0.subject == "Cancelled: Jazz Night" }?.calendar["method"] == "CANCEL")
        let toBob = try box.mails().filter { $0.to.contains("bob@") }
        #expect(toBob.map(\.subject) == ["Cancelled: Jazz Night"], "bob's confirmation would contradict the cancellation: \(toBob.map(\.subject))")
        // The cancellation that bob and ana read outranks every entry ana was ever sent.
        #expect((Int(toBob[0].calendar["sequence"] ?? "") ?? -1) >= sequences.max()!)
    }

    @Test("declines then payment: a buyer who paid themselves hears of a decline only while it matters; a cashier's declines tell nobody")
    func declines() throws {
        let box = try Sandbox().onSale()
        try box.login("ana@example.org", "a-good-password")
        let order = try box.reserve(["--quantity", "1"]).json["id"] as! String
        for _ in 0..<2 { #expect(try box.run(["pay", order, "--method", "test", "--card", "4000000000000002"]).status == 4) }
        #expect(try box.run(["pay", order, "--method", "test", "--card", "4242424242424242"]).status == 0)
        // The declines are not news once the order is paid.
        try box.login("olga@example.org", "a-good-password")
        let run = try box.notify(["run", "--json"])
        #expect(run.json["withdrawn"] as? Int == 2, "\(run)")
        #expect(try box.mails().map(\.subject) == ["Your tickets for Jazz Night"])
        #expect(try statuses(box)["payment_failed"] == ["withdrawn", "withdrawn"])

        // Declined and still unpaid: one message per decline, saying what is due.
        try box.login("ana@example.org", "a-good-password")
        let second = try box.reserve(["--quantity", "1"]).json["id"] as! String
        #expect(try box.run(["pay", second, "--method", "test", "--card", "4000000000000002"]).status == 4)
        try box.login("olga@example.org", "a-good-password")
        #expect(try box.notify(["run"]).status == 0)
        let declined = try box.mails().filter { $0.subject.hasPrefix("Payment declined") }
        #expect(declined.count == 1)
        #expect(declined.first?.text.contains("25.00 EUR is still due") == true, "\(declined.first?.text ?? "")")

        // At the counter the cashier sees the terminal: the buyer is not mailed.
        let counter = try box.reserve(["--quantity", "1"], buyer: "bob@example.org").json["id"] as! String
        #expect(try box.run(["pay", counter, "--method", "test", "--card", "4000000000000002"]).status == 4)
        #expect(try box.notify(["run", "--json"]).json["planned"] as? Int == 0)
        #expect(try box.mails().filter { $0.to.contains("bob@") }.isEmpty)
    }

    @Test("cash refunds: handed over at the till says so; a cancellation's cash is owed, listed per buyer, handed back once")
    func cashRefunds() throws {
        let box = try Sandbox().onSale()
        try box.login("admin@example.org", Sandbox.adminPassword)
        #expect(try box.run(["pay", "seller", "--address", "1 place de la Mairie, 75001 Paris", "--vat-number", "FR12345678901"]).status == 0)
        try box.login("olga@example.org", "a-good-password")
        let ana = try box.paidOrder()
        _ = try box.paidOrder(buyer: "bob@example.org")
        #expect(try box.run(["refund", ana.id, "--ticket", ana.tickets[0]["id"] as! String, "--reason", "Cannot come"]).status == 0)
        #expect(try box.notify(["run"]).status == 0)
        let refund = try #require(try box.mails().first { $0.subject.hasPrefix("Refund of") })
        #expect(refund.text.contains("25.00 EUR was handed back to you in cash"), "\(refund.text)")
        #expect(!refund.text.contains("We have refunded"), "\(refund.text)")

        #expect(try box.run(["event", "cancel", "jazz-night", "--reason", "Flooded.", "--yes"]).status == 0)
        #expect(try box.notify(["run"]).status == 0)
        let cancelled = try #require(try box.mails().first { $0.subject == "Cancelled: Jazz Night" && $0.to.contains("bob@") })
        #expect(cancelled.text.contains("50.00 EUR in cash is yours to collect at"), "\(cancelled.text)")
        #expect(cancelled.text.contains("1 place de la Mairie, 75001 Paris"), "\(cancelled.text)")

        let owed = try box.run(["refund", "list", "--owed", "--json"])
        #expect(owed.status == 0, "\(owed)")
        let groups = owed.json["items"] as! [[String: Any]]
        #expect(groups.map { $0["buyer_email"] as! String } == ["ana@example.org", "bob@example.org"], "\(groups)")
        #expect(groups.map { $0["total_minor"] as! Int } == [2500, 5000])
        let table = try box.run(["refund", "list", "--owed"])
        #expect(table.stdout.contains("75.00 EUR in cash"), "\(table)")

        let bobRefund = (groups[1]["refunds"] as! [[String: Any]])[0]["id"] as! String
        let before = try box.snapshot()
        #expect(try box.run(["refund", "hand-back", bobRefund]).status == 0)
        #expect(try box.snapshot() != before)
        let again = try box.run(["refund", "hand-back", bobRefund, "--json"])
        #expect(again.status == 4 && box.errorCode(again) == "not_owed", "\(again)")
        let left = try box.run(["refund", "list", "--owed", "--json"]).json["items"] as! [[String: Any]]
        #expect(left.map { $0["buyer_email"] as! String } == ["ana@example.org"])
        // Nobody but the event's organizers and admins.
        try box.login("ana@example.org", "a-good-password")
        #expect(try box.run(["refund", "list", "--owed"]).status == 77)
        let anaRefund = (groups[0]["refunds"] as! [[String: Any]])[0]["id"] as! String
        #expect(try box.run(["refund", "hand-back", anaRefund]).status == 77)
    }

    @Test("a guest-list (free) order is not thanked for 0.00")
    func freeOrder() throws {
        let box = try Sandbox().onSale()
        let sale = try box.run(["ticket", "sell", "--event", "jazz-night", "--item", "Guest", "--method", "cash", "--buyer", "vip@example.org", "--json"])
        #expect(sale.status == 0, "\(sale)")
        #expect(try box.notify(["run"]).status == 0)
        let mail = try #require(try box.mails().first)
        #expect(mail.text.contains("Here are your tickets"), "\(mail.text)")
        #expect(!mail.text.contains("0.00"), "\(mail.text)")
    }

    @Test("outbox files end lines in LF on disk (mutt shows no ^M); the calendar inside keeps its CRLF")
    func lineEnds() throws {
        let box = try Sandbox().onSale()
        _ = try box.paidOrder()
        #expect(try box.notify(["run"]).status == 0)
        let files = try outboxFiles(box)
        #expect(!files.isEmpty)
        for bytes in files {
            #expect(!bytes.contains(13), "a CR on disk")
            #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("From: "))
        }
        let mail = try #require(try box.mails().first)
        #expect(mail.defects.isEmpty, "\(mail.defects)")
        #expect(mail.calendar["method"] == "PUBLISH")
    }
}

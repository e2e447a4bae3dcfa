import Foundation
import Testing

/// CLI.md section 14's safe cancelling, and the same `--dry-run` for refunds and imports:
/// every check, the same answer as the real thing, and the store dump unchanged.
@Suite("dry runs and the cancel question")
struct DryRunTests {
    /// Paid orders by cash and by card, and a hold.
    func store() throws -> (box: Sandbox, cash: String, card: String) {
        let box = try Sandbox().onSale()
        let cash = try box.paidOrder()
        let card = try box.reserve(["--quantity", "1"], buyer: "bob@example.org").json["id"] as! String
        #expect(try box.run(["pay", card, "--method", "test", "--card", "4242424242424242"]).status == 0)
        _ = try box.reserve(["--quantity", "1"], buyer: "cy@example.org")
        _ = cash
        return (box, cash.id, card)
    }

    @Test("event cancel --dry-run says exactly what the cancellation then does, and changes nothing")
    func cancel() throws {
        let (box, _, _) = try store()
        let before = try box.snapshot()
        let dry = try box.run(["event", "cancel", "jazz-night", "--reason", "Flooded.", "--dry-run", "--json"])
        #expect(dry.status == 0, "\(dry)")
        #expect(try box.snapshot() == before, "a dry run changes nothing")
        #expect(dry.json["status"] as? String == "published", "the event as it still is")
        let plan = dry.json["cascade"] as! [String: Any]
        #expect(plan["dry_run"] as? Bool == true)
        #expect(plan["cash_owed_minor"] as? Int == 5000 && plan["card_refunded_minor"] as? Int == 2500, "\(plan)")
        #expect(plan["tickets_voided"] as? Int == 4 && plan["holds_released"] as? Int == 1 && plan["messages"] as? Int == 3, "\(plan)")
        let text = try box.run(["event", "cancel", "jazz-night", "--reason", "Flooded.", "--dry-run"]).stdout
        #expect(text.contains("cash owed to buyers: 50.00 EUR") && text.contains("Nothing was changed."), "\(text)")
        let real = try box.run(["event", "cancel", "jazz-night", "--reason", "Flooded.", "--json"])
        #expect(real.status == 0, "\(real)")
        var done = real.json["cascade"] as! [String: Any]
        var planned = plan
        done["dry_run"] = nil
        planned["dry_run"] = nil
        #expect(NSDictionary(dictionary: done) == NSDictionary(dictionary: planned), "\(done) against \(planned)")
    }

    @Test("in a terminal event cancel shows the plan and asks: no changes nothing (exit 4), y cancels; --yes does not ask")
    func asks() throws {
        let (box, _, _) = try store()
        let before = try box.snapshot()
        let no = try TerminalTests.typed(box, ["event", "cancel", "jazz-night", "--reason", "Flooded."], lines: ["n"])
        #expect(no.status == 4, "\(no.screen)")
        #expect(no.screen.contains("Cancel it? [y/N]") && no.screen.contains("cash owed to buyers: 50.00 EUR"), "\(no.screen)")
        #expect(no.screen.contains("nothing was changed"), "\(no.screen)")
        #expect(try box.snapshot() == before)
        let yes = try TerminalTests.typed(box, ["event", "cancel", "jazz-night", "--reason", "Flooded."], lines: ["y"])
        #expect(yes.status == 0 && yes.screen.contains("Cancelled"), "\(yes.screen)")
        #expect(try box.run(["event", "show", "jazz-night", "--json"]).json["status"] as? String == "cancelled")
        let other = try Sandbox().onSale()
        let quiet = try TerminalTests.typed(other, ["event", "cancel", "jazz-night", "--reason", "Flooded.", "--yes"], lines: [])
        #expect(quiet.status == 0 && !quiet.screen.contains("[y/N]"), "\(quiet.screen)")
    }

    @Test("refund --dry-run: the refund it would make, nothing written; bad input is refused as for a real one")
    func refund() throws {
        let (box, cash, _) = try store()
        let before = try box.snapshot()
        let dry = try box.run(["refund", cash, "--amount", "10", "--dry-run", "--json"])
        #expect(dry.status == 0, "\(dry)")
        #expect(dry.json["dry_run"] as? Bool == true)
        #expect((dry.json["refund"] as? [String: Any])?["amount_minor"] as? Int == 1000)
        #expect((dry.json["order"] as? [String: Any])?["refunded_minor"] as? Int == 0, "the order as it still is")
        let tooMuch = try box.run(["refund", cash, "--amount", "500", "--dry-run", "--json"])
        #expect(tooMuch.status == 4 && box.errorCode(tooMuch) == "refund_above_paid", "\(tooMuch)")
        #expect(try box.snapshot() == before)
    }

    @Test("ticket import --dry-run: the counts it would import, nothing written; a bad file is refused the same")
    func importing() throws {
        let box = try Sandbox().onSale()
        let file = box.folder + "/guests.csv"
        try "external_id,buyer_email,quantity\ng1,ana@example.org,2\ng2,bob@example.org,1\n".write(toFile: file, atomically: true, encoding: .utf8)
        let before = try box.snapshot()
        let dry = try box.run(["ticket", "import", file, "--event", "jazz-night", "--tier", "Guest", "--dry-run", "--json"])
        #expect(dry.status == 0, "\(dry)")
        #expect(dry.json["dry_run"] as? Bool == true && dry.json["orders"] as? Int == 2 && dry.json["tickets"] as? Int == 3, "\(dry)")
        #expect(try box.snapshot() == before)
        let bad = box.folder + "/bad.csv"
        try "external_id,buyer_email\ng1,not-an-address\n".write(toFile: bad, atomically: true, encoding: .utf8)
        #expect(try box.run(["ticket", "import", bad, "--event", "jazz-night", "--tier", "Guest", "--dry-run"]).status == 65)
        #expect(try box.snapshot() == before)
        let real = try box.run(["ticket", "import", file, "--event", "jazz-night", "--tier", "Guest", "--json"])
        #expect(real.json["orders"] as? Int == 2 && real.json["tickets"] as? Int == 3 && real.json["dry_run"] as? Bool == false, "\(real)")
    }
}

import Foundation
import Testing

@testable import BilletterieCore

extension Sandbox {
    /// A reserved order of 2 Standard tickets (50.00 EUR) on the on-sale event; its id.
    func reservedOrder(buyer: String = "ana@example.org", quantity: Int = 2) throws -> String {
        try reserve(["--quantity", String(quantity)], buyer: buyer).json["id"] as! String
    }

    func order(_ id: String) throws -> [String: Any] {
        try run(["ticket", "show", id, "--json"]).json
    }
}

@Suite("money: payments and receipts")
struct PaymentTests {
    @Test("a test card pays the order: tickets valid, receipt No. 1, order.paid recorded")
    func testCard() throws {
        let box = try Sandbox().onSale()
        let order = try box.reservedOrder()
        let result = try box.run(["pay", order, "--method", "test", "--card", "4242 4242 4242 4242", "--json"])
        #expect(result.status == 0, "\(result)")
        let payment = result.json["payment"] as! [String: Any]
        #expect(payment["status"] as? String == "succeeded")
        #expect(payment["amount_minor"] as? Int == 5000)
        #expect(payment["card_brand"] as? String == "visa")
        #expect(payment["card_last4"] as? String == "4242")
        let paid = try box.order(order)
        #expect(paid["status"] as? String == "paid")
        #expect(paid["paid_minor"] as? Int == 5000)
        #expect((paid["receipt"] as? [String: Any])?["number"] as? Int == 1)
        #expect((paid["tickets"] as? [[String: Any]])?.allSatisfy { $0["status"] as? String == "valid" } == true)
        #expect(paid["expires_at"] is NSNull)
        #expect(try box.domainEventTypes().suffix(2) == ["payment.succeeded", "order.paid"])
        // Paid tickets never expire.
        #expect(try box.run(["ticket", "show", order, "--json"], environment: ["BILLETTERIE_NOW": "2026-05-01T11:00:00Z"]).json["status"] as? String == "paid")
    }

    @Test(
        "declined and insufficient-funds cards are exit 4, recorded as failed payments; the order stays reserved",
        arguments: [("4000000000000002", "card_declined"), ("4000000000009995", "insufficient_funds")])
    func declined(card: String, code: String) throws {
        let box = try Sandbox().onSale()
        let order = try box.reservedOrder()
        let result = try box.run(["pay", order, "--method", "test", "--card", card, "--json"])
        #expect(result.status == 4)
        #expect(result.errorJSON["code"] as? String == code)
        let shown = try box.order(order)
        #expect(shown["status"] as? String == "reserved")
        #expect(shown["paid_minor"] as? Int == 0)
        let payments = shown["payments"] as! [[String: Any]]
        #expect(payments.count == 1)
        #expect(payments[0]["status"] as? String == "failed")
        #expect(payments[0]["decline_reason"] as? String == code)
        #expect(try box.domainEventTypes().last == "payment.failed")
    }

    @Test(
        "malformed or Luhn-invalid card numbers are exit 65 and record nothing",
        arguments: ["4242424242424241", "1234", "4242-4242-4242-424X", ""])
    func badCards(card: String) throws {
        let box = try Sandbox().onSale()
        let order = try box.reservedOrder()
        let before = try box.snapshot()
        let result = try box.run(["pay", order, "--method", "test", "--card-stdin"], stdin: card + "\n")
        #expect(result.status == 65, "\(result)")
        #expect(try box.snapshot() == before)
    }

    @Test("a card number that is not a published test card is refused on the command line (64, pointing at --card-stdin); on stdin it pays")
    func cardNotOnArgv() throws {
        let box = try Sandbox().onSale()
        let order = try box.reservedOrder()
        let before = try box.snapshot()
        let onArgv = try box.run(["pay", order, "--method", "test", "--card", "4111 1111 1111 1111"])
        #expect(onArgv.status == 64 && onArgv.stderr.contains("--card-stdin") && onArgv.stderr.hasPrefix("billetterie: error:"), "\(onArgv)")
        #expect(try box.snapshot() == before)
        let onStdin = try box.run(["pay", order, "--method", "test", "--card-stdin", "--json"], stdin: "4111 1111 1111 1111\n")
        #expect(onStdin.status == 0 && (onStdin.json["payment"] as? [String: Any])?["card_last4"] as? String == "1111", "\(onStdin)")
    }

    @Test("an admin turns the test processor off: --method test is refused (4) and doctor stops warning")
    func testProcessorOff() throws {
        let box = try Sandbox().onSale()
        let order = try box.reservedOrder()
        #expect(try box.run(["pay", "test-processor", "off"]).status == 77, "organizers cannot")
        try box.login("admin@example.org", Sandbox.adminPassword)
        #expect(try box.run(["pay", "test-processor", "off"]).status == 0)
        let refused = try box.run(["pay", order, "--method", "test", "--card", "4242424242424242", "--json"])
        #expect(refused.status == 4 && refused.errorJSON["code"] as? String == "test_processor_off", "\(refused)")
        let doctor = try box.run(["doctor", "--json"]).json["checks"] as? [[String: Any]] ?? []
        #expect(doctor.first { $0["name"] as? String == "test processor" }?["status"] as? String == "OK")
        #expect(try box.run(["pay", order, "--method", "cash"]).status == 0)
    }

    @Test("only brand and last four digits are stored: the full number is nowhere in the store's files")
    func noCardNumbers() throws {
        let box = try Sandbox().onSale()
        for (order, card) in [
            (try box.reservedOrder(), "4000000000000002"), (try box.reservedOrder(buyer: "bob@example.org"), "4242424242424242"),
            (try box.reservedOrder(buyer: "cy@example.org"), "5555555555554444"),
        ] {
            _ = try box.run(["pay", order, "--method", "test", "--card", card])
        }
        for suffix in ["", "-wal", "-shm"] {
            guard let bytes = FileManager.default.contents(atPath: box.db + suffix) else { continue }
            for number in ["4000000000000002", "4242424242424242", "5555555555554444"] {
                #expect(bytes.range(of: Data(number.utf8)) == nil, "\(number) found in \(box.db + suffix)")
            }
        }
    }

    @Test("partial payments add up; cash may be over-tendered and records the change; other methods may not")
    func partialAndChange() throws {
        let box = try Sandbox().onSale()
        let order = try box.reservedOrder()
        #expect(try box.run(["pay", order, "--method", "card", "--reference", "TERM-1", "--amount", "20"]).status == 0)
        var shown = try box.order(order)
        #expect(shown["status"] as? String == "reserved")
        #expect(shown["paid_minor"] as? Int == 2000)
        #expect(shown["due_minor"] as? Int == 3000)
        #expect(shown["expires_at"] is NSNull, "money paid ends the hold")
        let before = try box.snapshot()
        let over = try box.run(["pay", order, "--method", "test", "--card", "4242424242424242", "--amount", "40", "--json"])
        #expect(over.status == 4)
        #expect(over.errorJSON["code"] as? String == "amount_above_due")
        #expect(try box.snapshot() == before)
        let cash = try box.run(["pay", order, "--method", "cash", "--amount", "50", "--json"])
        #expect(cash.status == 0, "\(cash)")
        let payment = cash.json["payment"] as! [String: Any]
        #expect(payment["amount_minor"] as? Int == 3000)
        #expect(payment["tendered_minor"] as? Int == 5000)
        #expect(payment["change_minor"] as? Int == 2000)
        shown = try box.order(order)
        #expect(shown["paid_minor"] as? Int == 5000)
        #expect(shown["status"] as? String == "paid")
    }

    @Test("paying a paid, expired or cancelled order is exit 4; a card needs its reference; bad amounts are 65")
    func refusals() throws {
        let box = try Sandbox().onSale()
        let paid = try box.reservedOrder()
        #expect(try box.run(["pay", paid, "--method", "cash"]).status == 0)
        let again = try box.run(["pay", paid, "--method", "cash", "--json"])
        #expect(again.status == 4)
        #expect((again.errorJSON["message"] as? String)?.contains("already paid") == true)
        let expiring = try box.reservedOrder(buyer: "bob@example.org")
        let late = try box.run(["pay", expiring, "--method", "cash"], environment: ["BILLETTERIE_NOW": "2026-05-01T10:15:00Z"])
        #expect(late.status == 4)
        #expect(late.stderr.contains("hold expired"))
        let cancelled = try box.reservedOrder(buyer: "cy@example.org")
        #expect(try box.run(["ticket", "cancel", cancelled]).status == 0)
        #expect(try box.run(["pay", cancelled, "--method", "cash"]).status == 4)
        let open = try box.reservedOrder(buyer: "dan@example.org", quantity: 1)
        #expect(try box.run(["pay", open, "--method", "card"]).status == 64)
        #expect(try box.run(["pay", open, "--method", "cash", "--amount", "ten"]).status == 65)
        #expect(try box.run(["pay", open, "--method", "cash", "--amount", "0"]).status == 65)
        #expect(try box.run(["pay", open, "--method", "bitcoin"]).status == 65)
        #expect(try box.run(["pay", "ord_aaaaaaaaaaaaaaaa", "--method", "cash"]).status == 3)
    }

    @Test("the same idempotency key charges once; with another request it is exit 4")
    func idempotency() throws {
        let box = try Sandbox().onSale()
        let order = try box.reservedOrder()
        let arguments = ["pay", order, "--method", "test", "--card", "4242424242424242", "--idempotency-key", "web-1", "--json"]
        let first = try box.run(arguments)
        let second = try box.run(arguments)
        #expect(first.status == 0 && second.status == 0)
        #expect((first.json["payment"] as? [String: Any])?["id"] as? String == (second.json["payment"] as? [String: Any])?["id"] as? String)
        #expect(second.json["replayed"] as? Bool == true)
        #expect((try box.order(order)["payments"] as? [Any])?.count == 1)
        // The same key with another request on the same order is refused; keys are the caller's
        // and the order's, so another order's payment with it is its own.
        let reused = try box.run(["pay", order, "--method", "test", "--card", "4242424242424242", "--amount", "1", "--idempotency-key", "web-1", "--json"])
        #expect(reused.status == 4)
        #expect(reused.errorJSON["code"] as? String == "idempotency_key_reused")
        let other = try box.reservedOrder(buyer: "bob@example.org")
        let elsewhere = try box.run(["pay", other, "--method", "test", "--card", "4242424242424242", "--idempotency-key", "web-1", "--json"])
        #expect(elsewhere.status == 0 && elsewhere.json["replayed"] as? Bool == false, "\(elsewhere)")
    }

    @Test("participants pay their own orders by test card; cash and card terminals are for the organizer")
    func whoPays() throws {
        let box = try Sandbox().onSale()
        let order = try box.reservedOrder()
        try box.login("ana@example.org", "a-good-password")
        #expect(try box.run(["pay", order, "--method", "cash"]).status == 77)
        #expect(try box.run(["pay", order, "--method", "test", "--card", "4242424242424242"]).status == 0)
        try box.login("otto@example.org", "a-good-password")
        #expect(try box.run(["pay", "list", "--json"]).json["total"] as? Int == 0)
    }

    @Test("receipts: consecutive numbers, text and a 0600 HTML page, VAT when the event sets it; unpaid is exit 4")
    func receipts() throws {
        let box = try Sandbox().onSale()
        #expect(try box.run(["event", "update", "jazz-night", "--vat-rate", "5.5"]).status == 0)
        let first = try box.reservedOrder()
        let second = try box.reservedOrder(buyer: "bob@example.org")
        let unpaid = try box.reservedOrder(buyer: "cy@example.org", quantity: 1)
        #expect(try box.run(["pay", second, "--method", "cash"]).status == 0)
        #expect(try box.run(["pay", first, "--method", "cash"]).status == 0)
        #expect((try box.order(second)["receipt"] as? [String: Any])?["number"] as? Int == 1)
        #expect((try box.order(first)["receipt"] as? [String: Any])?["number"] as? Int == 2)
        let text = try box.run(["pay", "receipt", first])
        #expect(text.status == 0)
        #expect(text.stdout.hasPrefix("RECEIPT No. 2"))
        #expect(text.stdout.contains("2 × Standard at 25.00 EUR"))
        #expect(text.stdout.contains("incl. VAT 5.5 %"))
        #expect(text.stdout.contains("2.61 EUR"), "50.00 × 5.5 / 105.5")
        let file = box.folder + "/receipt.html"
        #expect(try box.run(["pay", "receipt", first, "-o", file]).status == 0)
        #expect(box.mode(file) == 0o600)
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("<h1>Receipt No. 2</h1>"))
        let refused = try box.run(["pay", "receipt", unpaid, "--json"])
        #expect(refused.status == 4)
        #expect(refused.errorJSON["code"] as? String == "not_paid")
        #expect(try box.run(["event", "update", "jazz-night", "--vat-rate", "120"]).status == 65)
    }

    @Test("receipt numbers stay consecutive when many processes pay at once")
    func concurrentReceipts() throws {
        let box = try Sandbox().withOrganizer()
        try box.createEvent("Big", ["--publish"])
        #expect(try box.run(["event", "tier", "add", "big", "--name", "A", "--price", "10"]).status == 0)
        let orders = try (0..<8).map { index in
            try box.run(["ticket", "reserve", "--event", "big", "--tier", "A", "--buyer", "p\(index)@example.org", "--json"]).json["id"] as! String
        }
        let results = try orders.map { try box.start(["pay", $0, "--method", "cash"]) }.map { try $0.wait() }
        #expect(results.allSatisfy { $0.status == 0 }, "\(results)")
        let numbers = try orders.map { (try box.order($0)["receipt"] as? [String: Any])?["number"] as? Int ?? 0 }
        #expect(numbers.sorted() == Array(1...8))
    }
}

@Suite("money: refunds, cancellation, backup")
struct RefundTests {
    func paidOrder(_ box: Sandbox, buyer: String = "ana@example.org") throws -> String {
        let order = try box.reservedOrder(buyer: buyer)
        #expect(try box.run(["pay", order, "--method", "test", "--card", "4242424242424242"]).status == 0)
        return order
    }

    @Test("--ticket voids that ticket and refunds its price; an amount alone voids none; the rest voids all")
    func partialThenFull() throws {
        let box = try Sandbox().onSale()
        let order = try paidOrder(box)
        let tickets = (try box.order(order)["tickets"] as! [[String: Any]]).map { $0["id"] as! String }
        let one = try box.run(["refund", order, "--ticket", tickets[0], "--reason", "Cannot come", "--json"])
        #expect(one.status == 0, "\(one)")
        let refund = one.json["refund"] as! [String: Any]
        #expect(refund["amount_minor"] as? Int == 2500)
        #expect(refund["tickets"] as? [String] == [tickets[0]])
        #expect(refund["reason"] as? String == "Cannot come")
        #expect(refund["order_id"] as? String == order)
        #expect((one.json["order"] as? [String: Any])?["status"] as? String == "partially_refunded")
        #expect(try box.run(["ticket", "show", tickets[0], "--json"]).json["status"] as? String == "void")

        let gesture = try box.run(["refund", order, "--amount", "5", "--json"])
        #expect(gesture.status == 0)
        #expect(try box.run(["ticket", "show", tickets[1], "--json"]).json["status"] as? String == "valid")

        let before = try box.snapshot()
        let tooMuch = try box.run(["refund", order, "--amount", "30", "--json"])
        #expect(tooMuch.status == 4)
        #expect(tooMuch.errorJSON["code"] as? String == "refund_above_paid")
        #expect(try box.snapshot() == before)

        let rest = try box.run(["refund", order, "--json"])
        #expect((rest.json["refund"] as? [String: Any])?["amount_minor"] as? Int == 2000)
        let final = try box.order(order)
        #expect(final["status"] as? String == "refunded")
        #expect(final["refunded_minor"] as? Int == 5000)
        #expect((final["tickets"] as? [[String: Any]])?.allSatisfy { $0["status"] as? String == "void" } == true)
        #expect(try box.run(["refund", order]).status == 4)
        #expect(try box.run(["refund", "list", "--order", order, "--json"]).json["total"] as? Int == 3)
    }

    @Test("a deposit on an order not paid in full goes back whole, which cancels the order")
    func deposit() throws {
        let box = try Sandbox().onSale()
        let order = try box.reservedOrder()
        #expect(try box.run(["pay", order, "--method", "cash", "--amount", "20"]).status == 0)
        let before = try box.snapshot()
        let partial = try box.run(["refund", order, "--amount", "5", "--json"])
        #expect(partial.status == 4)
        #expect(partial.errorJSON["code"] as? String == "not_fully_paid")
        #expect(try box.snapshot() == before)
        let whole = try box.run(["refund", order, "--json"])
        #expect(whole.status == 0, "\(whole)")
        let shown = try box.order(order)
        #expect(shown["status"] as? String == "cancelled")
        #expect(shown["refunded_minor"] as? Int == 2000)
        #expect((shown["tickets"] as? [[String: Any]])?.allSatisfy { $0["status"] as? String == "void" } == true)
        #expect(try box.reserve(["--quantity", "4"], buyer: "bob@example.org").status == 0, "its places are free again")
    }

    @Test("cash refunds say what to give back; card refunds name the card")
    func methods() throws {
        let box = try Sandbox().onSale()
        let cash = try box.reservedOrder()
        #expect(try box.run(["pay", cash, "--method", "cash"]).status == 0)
        #expect(try box.run(["refund", cash]).stdout.contains("give back 50.00 EUR in cash"))
        let card = try paidOrder(box, buyer: "bob@example.org")
        #expect(try box.run(["refund", card]).stdout.contains("goes back to visa ••••4242"))
    }

    @Test("only the event's organizer or an admin refunds; the same key refunds once")
    func permissionsAndIdempotency() throws {
        let box = try Sandbox().onSale()
        let order = try paidOrder(box)
        let first = try box.run(["refund", order, "--amount", "10", "--idempotency-key", "r1", "--json"])
        let again = try box.run(["refund", order, "--amount", "10", "--idempotency-key", "r1", "--json"])
        #expect(first.status == 0 && again.status == 0)
        #expect(again.json["replayed"] as? Bool == true)
        #expect(try box.order(order)["refunded_minor"] as? Int == 1000)
        #expect(try box.run(["refund", order, "--amount", "11", "--idempotency-key", "r1"]).status == 4)
        try box.login("ana@example.org", "a-good-password")
        #expect(try box.run(["refund", order]).status == 77)
    }

    @Test("cancelling an event voids every ticket, releases holds and refunds every paid order, in one go")
    func cascade() throws {
        let box = try Sandbox().onSale()
        let paid = try paidOrder(box)
        let held = try box.reservedOrder(buyer: "bob@example.org", quantity: 1)
        let partly = try box.reservedOrder(buyer: "cy@example.org", quantity: 1)
        #expect(try box.run(["pay", partly, "--method", "cash", "--amount", "10"]).status == 0)
        let free = try box.reserve([], tier: "Guest", buyer: "dan@example.org").json["id"] as! String
        let result = try box.run(["event", "cancel", "jazz-night", "--reason", "Storm", "--json"])
        #expect(result.status == 0, "\(result)")
        let cascade = result.json["cascade"] as! [String: Any]
        #expect(cascade["orders_refunded"] as? Int == 2)
        #expect(cascade["refunded_minor"] as? Int == 6000)
        #expect(cascade["holds_released"] as? Int == 1)
        #expect(cascade["tickets_voided"] as? Int == 5)
        #expect(try box.order(paid)["status"] as? String == "refunded")
        #expect(try box.order(partly)["refunded_minor"] as? Int == 1000)
        #expect(try box.order(held)["status"] as? String == "cancelled")
        #expect(try box.order(free)["status"] as? String == "cancelled")
        let tickets = try box.run(["ticket", "list", "--event", "jazz-night", "--json"]).json["items"] as! [[String: Any]]
        #expect(tickets.allSatisfy { $0["status"] as? String == "void" })
        let types = try box.domainEventTypes()
        #expect(types.filter { $0 == "refund.issued" }.count == 2)
        #expect(types.contains("event.cancelled") && types.filter { $0 == "order.cancelled" }.count == 2)
    }

    @Test("backup writes a consistent 0600 copy, even while an import runs; admins only; never over a file")
    func backup() throws {
        let box = try Sandbox().withOrganizer()
        try box.createEvent("Big", ["--publish"])
        #expect(try box.run(["event", "tier", "add", "big", "--name", "A", "--price", "10"]).status == 0)
        let rows = (1...5000).map { "r\($0),p\($0)@example.org,\($0 % 3 + 1)" }.joined(separator: "\n")
        let csv = box.folder + "/big.csv"
        try ("external_id,buyer_email,quantity\n" + rows + "\n").write(toFile: csv, atomically: true, encoding: .utf8)
        try box.login("admin@example.org", Sandbox.adminPassword)
        let importing = try box.start(["ticket", "import", csv, "--event", "big"])
        let copy = box.folder + "/copy.sqlite3"
        let backup = try box.run(["backup", copy, "--json"])
        #expect(backup.status == 0, "\(backup)")
        #expect(try importing.wait().status == 0)
        #expect(box.mode(copy) == 0o600)
        let connection = try SQLiteConnection(path: copy, create: false)
        #expect(try connection.row("PRAGMA integrity_check")?.values.first == .text("ok"))
        // Whole orders only: the import is one transaction, so the copy has all of it or none,
        // and every order it has carries exactly its tickets.
        let orders = try connection.scalar("SELECT count(*) FROM orders WHERE channel = 'import'")
        #expect(orders == .integer(0) || orders == .integer(5000))
        let broken = try connection.scalar(
            """
            SELECT count(*) FROM orders o WHERE channel = 'import'
            AND (SELECT count(*) FROM tickets t WHERE t.order_id = o.id) != CAST(substr(o.external_id, 2) AS INTEGER) % 3 + 1
            """)
        #expect(broken == .integer(0))
        #expect(try box.run(["backup", copy]).status == 4)
        try box.login("olga@example.org", "a-good-password")
        #expect(try box.run(["backup", box.folder + "/other.sqlite3"]).status == 77)
    }
}

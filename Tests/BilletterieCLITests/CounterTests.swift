import BilletterieCore
import Foundation
import Testing

extension Sandbox {
    func sell(_ extra: [String]) throws -> Result {
        try run(["ticket", "sell", "--event", "jazz-night", "--json"] + extra)
    }

    func voucher(_ extra: [String]) throws -> Result {
        try run(["voucher", "create", "--event", "jazz-night", "--json"] + extra)
    }

    func tierRow(_ name: String) throws -> [String: Any] {
        let items = try #require(try run(["event", "tier", "list", "jazz-night", "--json"]).json["items"] as? [[String: Any]])
        return try #require(items.first { $0["name"] as? String == name })
    }

    func errorCode(_ result: Result) -> String? {
        let data = Data(result.stderr.utf8)
        let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        return (json?["error"] as? [String: Any])?["code"] as? String
    }
}

@Suite("the counter: orders of several tiers, selling at the counter, how many are left")
struct CounterTests {
    @Test("--item puts several tiers and add-ons in one order with one total; a --requires-admission add-on alone is refused")
    func items() throws {
        let box = try Sandbox().onSale()
        #expect(try box.run(["event", "tier", "add", "jazz-night", "--name", "Programme", "--price", "3", "--addon", "--requires-admission"]).status == 0)
        let order = try box.run(
            [
                "ticket", "reserve", "--event", "jazz-night", "--item", "Standard=2", "--item", "Programme", "--item", "Parking=1", "--buyer",
                "ana@example.org", "--json",
            ])
        #expect(order.status == 0, "\(order)")
        #expect(order.json["total_minor"] as? Int == 2 * 2500 + 300 + 500)
        let tickets = try #require(order.json["tickets"] as? [[String: Any]])
        #expect(tickets.map { ($0["tier"] as? [String: Any])?["name"] as? String } == ["Standard", "Standard", "Programme", "Parking"])
        #expect(tickets.map { $0["price_minor"] as? Int } == [2500, 2500, 300, 500])

        let before = try box.snapshot()
        let alone = try box.run(["ticket", "reserve", "--event", "jazz-night", "--item", "Programme", "--buyer", "ana@example.org", "--json"])
        #expect(alone.status == 4 && box.errorCode(alone) == "requires_admission", "\(alone)")
        for bad in [["--item", "Standard=0"], ["--item", "=2"], ["--item", "Standard=two"]] {
            let result = try box.run(["ticket", "reserve", "--event", "jazz-night", "--buyer", "ana@example.org"] + bad)
            #expect(result.status == 65 && result.stderr.contains("TIER=N"), "\(bad): \(result)")
        }
        #expect(try box.run(["ticket", "reserve", "--event", "jazz-night", "--buyer", "ana@example.org"]).status == 64, "nothing to order")
        #expect(try box.run(["ticket", "reserve", "--event", "jazz-night", "--item", "Nope"]).status == 3)
        // The per-order limit counts a tier named twice once.
        let twice = try box.run(["ticket", "reserve", "--event", "jazz-night", "--item", "Standard=3", "--item", "Standard=2", "--json"])
        #expect(twice.status == 4 && box.errorCode(twice) == "max_per_order", "\(twice)")
        #expect(try box.snapshot() == before, "refusals change nothing")
        // The last admission ticket cannot go while the add-on that needs it stays.
        let standard = tickets[0]["id"] as! String
        let second = tickets[1]["id"] as! String
        #expect(try box.run(["ticket", "cancel", standard]).status == 0)
        let last = try box.run(["ticket", "cancel", second, "--json"])
        #expect(last.status == 4 && box.errorCode(last) == "requires_admission", "\(last)")
        let cancelled = try box.run(["ticket", "show", order.json["id"] as! String, "--json"]).json
        #expect(cancelled["total_minor"] as? Int == 2500 + 300 + 500, "the cancelled ticket's own price comes off")
    }

    @Test("a cashier sells at the counter: paid at once, change counted, references and codes in hand, no mail for a walk-in")
    func counter() throws {
        let box = try Sandbox().onSale()
        try box.login("door@example.org", "a-good-password")
        let sale = try box.sell(["--item", "Standard=2", "--item", "Parking", "--method", "cash", "--amount", "60"])
        #expect(sale.status == 0, "\(sale)")
        let order = try #require(sale.json["order"] as? [String: Any])
        #expect(order["status"] as? String == "paid" && order["paid_minor"] as? Int == 5500 && order["total_minor"] as? Int == 5500)
        #expect(sale.json["change_minor"] as? Int == 500 && sale.json["tendered_minor"] as? Int == 6000)
        #expect((sale.json["receipt"] as? [String: Any])?["number"] as? Int == 1)
        let tickets = try #require(sale.json["tickets"] as? [[String: Any]])
        #expect(tickets.count == 3 && tickets.allSatisfy { $0["status"] as? String == "valid" && ($0["reference"] as? String)?.count == 10 })
        #expect(try box.domainEventTypes().suffix(3) == ["ticket.sold", "payment.succeeded", "order.paid"])
        // The ticket admits at once.
        #expect(try box.validate(tickets[0]["code"] as! String).status == 0)

        let card = try box.sell(["--item", "VIP", "--method", "card", "--reference", "T-1", "--buyer", "bob@example.org"])
        #expect(card.status == 0 && (card.json["receipt"] as? [String: Any])?["number"] as? Int == 2, "\(card)")
        let human = try box.run(["ticket", "sell", "--event", "jazz-night", "--item", "Standard", "--method", "cash", "--amount", "30"])
        #expect(human.status == 0 && human.stdout.contains("change 5.00 EUR") && human.stdout.contains("receipt No. 3"), "\(human)")

        try box.login("ana@example.org", "a-good-password")
        #expect(try box.sell(["--item", "VIP", "--method", "cash"]).status == 77, "participants do not sell")
        try box.login("door@example.org", "a-good-password")
        let before = try box.snapshot()
        #expect(try box.sell(["--item", "VIP", "--method", "card"]).status == 64, "a card sale needs the terminal's reference")
        #expect(try box.sell(["--item", "VIP", "--method", "test"]).status == 64)
        let short = try box.sell(["--item", "VIP", "--method", "cash", "--amount", "50"])
        #expect(short.status == 4 && box.errorCode(short) == "amount_below_due", "\(short)")
        #expect(try box.sell(["--item", "VIP", "--method", "cash", "--amount", "lots"]).status == 65)
        #expect(try box.sell(["--item", "VIP=9", "--method", "cash"]).status == 4, "sold out")
        #expect(try box.snapshot() == before)

        // Only the sale with an address gets a confirmation.
        try box.login("olga@example.org", "a-good-password")
        let notify = try box.run(["notify", "run", "--json"])
        #expect(notify.status == 0 && notify.json["written"] as? Int == 1, "\(notify)")
    }

    @Test("tiers carry sold, held and available; events carry available")
    func availability() throws {
        let box = try Sandbox().onSale()
        _ = try box.reserve(["--quantity", "2"])
        _ = try box.sell(["--item", "Standard", "--item", "VIP=2", "--method", "cash"])
        let standard = try box.tierRow("Standard")
        #expect(standard["sold"] as? Int == 1 && standard["held"] as? Int == 2 && standard["available"] as? Int == 3, "\(standard)")
        let vip = try box.tierRow("VIP")
        #expect(vip["sold"] as? Int == 2 && vip["held"] as? Int == 0 && vip["available"] as? Int == 2)
        let guest = try box.tierRow("Guest")
        #expect(guest["available"] as? Int == 5, "no quota: the capacity left (10 less 5) bounds it")
        let events = try #require(try box.run(["event", "list", "--json"]).json["items"] as? [[String: Any]])
        #expect(events.first?["available"] as? Int == 5)
        #expect(try box.run(["event", "list"]).stdout.contains("AVAILABLE"))
        #expect(try box.run(["event", "show", "jazz-night"]).stdout.contains("AVAILABLE"))
        // An expired hold is available again, by itself.
        let later = try box.run(["event", "tier", "list", "jazz-night", "--json"], environment: ["BILLETTERIE_NOW": "2026-05-01T10:16:00Z"])
        let row = try #require((later.json["items"] as? [[String: Any]])?.first { $0["name"] as? String == "Standard" })
        #expect(row["held"] as? Int == 0 && row["available"] as? Int == 5)
    }
}

@Suite("vouchers and promo codes")
struct VoucherTests {
    @Test("a percent voucher is counted per ticket, read in any case, given back when the hold runs out, and shown on the order and in report sales")
    func uses() throws {
        let box = try Sandbox().onSale()
        let made = try box.voucher(["--code", "friends-25", "--discount", "20%", "--max-uses", "3", "--tier", "Standard"])
        #expect(made.status == 0, "\(made)")
        #expect((made.json["items"] as? [[String: Any]])?.first?["code"] as? String == "FRIENDS-25")
        let order = try box.reserve(["--quantity", "2", "--voucher", "Friends-25"])
        #expect(order.status == 0 && order.json["total_minor"] as? Int == 4000, "\(order)")
        #expect((order.json["voucher"] as? [String: Any])?["uses"] as? Int == 2)

        let before = try box.snapshot()
        let over = try box.reserve(["--quantity", "2", "--voucher", "FRIENDS-25"])
        #expect(over.status == 4 && box.errorCode(over) == "voucher_used_up" && over.stderr.contains("1 use left"), "one use is one ticket: \(over)")
        let wrongTier = try box.reserve(["--voucher", "FRIENDS-25"], tier: "VIP")
        #expect(wrongTier.status == 4 && box.errorCode(wrongTier) == "voucher_not_valid")
        #expect(try box.reserve(["--voucher", "NOPE"]).status == 3)
        #expect(try box.snapshot() == before)

        // The hold runs out: both uses come back.
        let later = ["BILLETTERIE_NOW": "2026-05-01T10:16:00Z"]
        let shown = try box.run(["voucher", "show", "friends-25", "--json"], environment: later).json
        #expect(shown["uses"] as? Int == 0 && shown["uses_left"] as? Int == 3, "\(shown)")
        let paid = try box.run(
            ["ticket", "sell", "--event", "jazz-night", "--item", "Standard=3", "--voucher", "friends-25", "--method", "cash", "--json"],
            environment: later)
        #expect(paid.status == 0 && (paid.json["order"] as? [String: Any])?["total_minor"] as? Int == 6000, "\(paid)")
        let report = try box.run(["report", "sales", "--event", "jazz-night", "--json"], environment: later).json
        let vouchers = try #require(((report["events"] as? [[String: Any]])?.first?["vouchers"]) as? [[String: Any]])
        #expect(vouchers.first?["code"] as? String == "FRIENDS-25" && vouchers.first?["tickets"] as? Int == 3)
        #expect(vouchers.first?["revenue_minor"] as? Int == 6000 && vouchers.first?["discount_minor"] as? Int == 1500)
        let used = try box.run(["voucher", "delete", "FRIENDS-25"], environment: later)
        #expect(used.status == 4, "a used voucher stays for the books")
    }

    @Test("fixed and set-price discounts, --valid-until, drawn codes by the hundred, delete")
    func kinds() throws {
        let box = try Sandbox().onSale()
        #expect(try box.voucher(["--code", "FIVE", "--discount", "5.00"]).status == 0)
        #expect(try box.reserve(["--voucher", "five"]).json["total_minor"] as? Int == 2000)
        #expect(try box.voucher(["--code", "PRESS", "--price", "0", "--tier", "VIP"]).status == 0)
        let press = try box.reserve(["--voucher", "press"], tier: "VIP")
        #expect(press.json["status"] as? String == "paid" && press.json["total_minor"] as? Int == 0, "a full discount confirms at once: \(press)")
        #expect(try box.voucher(["--code", "EARLY", "--discount", "10%", "--valid-until", "2026-05-01T11:00:00Z"]).status == 0)
        let late = try box.run(
            ["ticket", "reserve", "--event", "jazz-night", "--tier", "Standard", "--voucher", "EARLY", "--json"],
            environment: ["BILLETTERIE_NOW": "2026-05-01T12:00:00Z"])
        #expect(late.status == 4 && box.errorCode(late) == "voucher_expired", "\(late)")

        try box.login("ana@example.org", "a-good-password")
        #expect(try box.voucher(["--code", "MINE"]).status == 77)
        try box.login("olga@example.org", "a-good-password")
        let before = try box.snapshot()
        for bad in [
            ["--discount", "150%"], ["--discount", "-5"], ["--discount", "10%", "--price", "3"], ["--max-uses", "0"],
            ["--block", "2", "--max-uses", "1"], ["--code", "no spaces"], ["--valid-until", "2026-04-01T00:00"],
        ] {
            let result = try box.voucher(bad)
            #expect(result.status == 65 || result.status == 64, "\(bad): \(result)")
        }
        let taken = try box.voucher(["--code", "five"])
        #expect(taken.status == 4 && box.errorCode(taken) == "voucher_exists")
        #expect(try box.voucher(["--tier", "Nope"]).status == 3)
        #expect(try box.snapshot() == before)

        let batch = try box.voucher(["--count", "100", "--discount", "10%"])
        let codes = try #require((batch.json["items"] as? [[String: Any]])?.compactMap { $0["code"] as? String })
        #expect(codes.count == 100 && Set(codes).count == 100)
        #expect(codes.allSatisfy { $0.count == 8 && $0.allSatisfy { "0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains($0) } })
        #expect(try box.run(["voucher", "list", "--event", "jazz-night", "--json"]).json["total"] as? Int == 103)
        #expect(try box.run(["voucher", "delete", codes[0].lowercased()]).status == 0)
        #expect(try box.run(["voucher", "show", codes[0]]).status == 3)
    }

    @Test("a hidden tier is sold only with a voucher naming it; a block keeps places under a sold-out tier")
    func hiddenAndBlocks() throws {
        let box = try Sandbox().onSale()
        #expect(try box.run(["event", "tier", "add", "jazz-night", "--name", "Friends", "--price", "10", "--quota", "2", "--hidden"]).status == 0)
        try box.login("ana@example.org", "a-good-password")
        #expect(try box.run(["event", "tier", "list", "jazz-night"]).stdout.contains("Friends") == false, "buyers do not see it")
        #expect(try box.run(["ticket", "reserve", "--event", "jazz-night", "--tier", "Friends"]).status == 3)
        try box.login("olga@example.org", "a-good-password")
        let plain = try box.reserve([], tier: "Friends")
        #expect(plain.status == 4 && box.errorCode(plain) == "voucher_required", "\(plain)")
        #expect(try box.voucher(["--code", "ALL"]).status == 0)
        #expect(box.errorCode(try box.reserve(["--voucher", "ALL"], tier: "Friends")) == "voucher_not_valid", "naming no tier is not naming it")
        #expect(try box.voucher(["--code", "PALS", "--tier", "Friends", "--max-uses", "2"]).status == 0)
        try box.login("ana@example.org", "a-good-password")
        #expect(try box.run(["ticket", "reserve", "--event", "jazz-night", "--tier", "Friends", "--voucher", "pals", "--json"]).status == 0)

        // VIP has a quota of 4: a block of 2 leaves 2 for everyone else, then the voucher's own.
        try box.login("olga@example.org", "a-good-password")
        #expect(try box.voucher(["--code", "BAND", "--tier", "VIP", "--max-uses", "2", "--block", "2"]).status == 0)
        #expect(try box.tierRow("VIP")["held"] as? Int == 2)
        #expect(try box.reserve(["--quantity", "2"], tier: "VIP").status == 0)
        let sold = try box.reserve([], tier: "VIP")
        #expect(sold.status == 4 && box.errorCode(sold) == "sold_out", "the kept places are not for sale: \(sold)")
        #expect(try box.reserve(["--quantity", "2", "--voucher", "band"], tier: "VIP").status == 0, "the voucher gets its places")
        let over = try box.voucher(["--code", "MORE", "--tier", "VIP", "--max-uses", "1", "--block", "1"])
        #expect(over.status == 4 && box.errorCode(over) == "sold_out", "a block needs free places: \(over)")
    }

    @Test("eight processes on a 3-use voucher: exactly 3 tickets, no busy errors")
    func concurrent() throws {
        let box = try Sandbox().onSale()
        #expect(try box.voucher(["--code", "THREE", "--max-uses", "3", "--tier", "Guest"]).status == 0)
        let running = try (0..<8).map { _ in
            try box.start(["ticket", "reserve", "--event", "jazz-night", "--tier", "Guest", "--voucher", "THREE", "--json"])
        }
        let results = try running.map { try $0.wait() }
        #expect(results.filter { $0.status == 0 }.count == 3, "\(results.map(\.status))")
        #expect(results.allSatisfy { $0.status == 0 || ($0.status == 4 && box.errorCode($0) == "voucher_used_up") }, "\(results.map(\.stderr))")
        #expect(try box.run(["voucher", "show", "THREE", "--json"]).json["uses"] as? Int == 3)
    }
}

@Suite("the waiting list")
struct WaitlistTests {
    @Test("freed places go to the oldest entry as an e-mailed blocking voucher; an offer not taken passes on; a cancelled offer is offered again")
    func offers() throws {
        let box = try Sandbox().onSale()
        #expect(try box.run(["event", "update", "jazz-night", "--waitlist-offer", "1h"]).status == 0)
        let held = try box.reserve(["--quantity", "4"], tier: "VIP").json
        #expect(try box.reserve([], tier: "VIP").status == 4)
        let first = try box.run([
            "waitlist", "join", "--event", "jazz-night", "--tier", "VIP", "--quantity", "2", "--email", "bob@example.org", "--name", "Bob", "--json",
        ])
        #expect(first.status == 0 && first.json["status"] as? String == "waiting", "\(first)")
        let second = try box.run(["waitlist", "join", "--event", "jazz-night", "--tier", "VIP", "--email", "cy@example.org", "--json"])
        #expect(second.status == 0)
        let again = try box.run(["waitlist", "join", "--event", "jazz-night", "--tier", "VIP", "--email", "cy@example.org", "--json"])
        #expect(again.status == 4 && box.errorCode(again) == "already_waiting")
        #expect(try box.run(["waitlist", "run", "--json"]).json["offered"] as? Int == 0, "nothing is free")
        let before = try box.snapshot()
        for (bad, status) in [
            (["--tier", "VIP", "--quantity", "0", "--email", "x@example.org"], Int32(65)), (["--tier", "VIP", "--email", "not-an-address"], 65),
            (["--tier", "Nope", "--email", "x@example.org"], 3), (["--tier", "VIP"], 64),
        ] {
            let result = try box.run(["waitlist", "join", "--event", "jazz-night"] + bad)
            #expect(result.status == status && result.stderr.contains("billetterie: error:"), "\(bad): \(result)")
        }
        #expect(try box.snapshot() == before, "refused joins change nothing")

        // The hold runs out: 4 places free, Bob's 2 and Cy's 1 are offered, one stays free.
        let t1 = ["BILLETTERIE_NOW": "2026-05-01T10:20:00Z"]
        let run = try box.run(["notify", "run", "--json"], environment: t1)
        #expect(run.status == 0 && run.json["waitlist_offered"] as? Int == 2 && run.json["written"] as? Int == 2, "\(run)")
        let list = try #require(try box.run(["waitlist", "list", "--event", "jazz-night", "--json"], environment: t1).json["items"] as? [[String: Any]])
        #expect(list.map { $0["status"] as? String } == ["offered", "offered"])
        let bobCode = try #require(list[0]["voucher"] as? String)
        let mails = try FileManager.default.contentsOfDirectory(atPath: box.folder + "/store/outbox/new")
        let texts = try mails.map { try String(contentsOfFile: box.folder + "/store/outbox/new/" + $0, encoding: .utf8) }
        #expect(texts.contains { $0.contains(bobCode) && $0.contains("bob@example.org") }, "the offer is e-mailed with its code")
        let vip = try #require(
            (try box.run(["event", "tier", "list", "jazz-night", "--json"], environment: t1).json["items"] as? [[String: Any]])?.first {
                $0["name"] as? String == "VIP"
            })
        #expect(vip["held"] as? Int == 3 && vip["available"] as? Int == 1, "offers are held: \(vip)")
        _ = held

        // Cy buys with the offer and cancels: the offer is spent, its place goes on.
        try box.login("ana@example.org", "a-good-password")
        let cyOrder = try box.run(
            ["ticket", "reserve", "--event", "jazz-night", "--tier", "VIP", "--voucher", list[1]["voucher"] as! String, "--json"], environment: t1)
        #expect(cyOrder.status == 0, "\(cyOrder)")
        #expect(try box.run(["ticket", "cancel", cyOrder.json["id"] as! String], environment: t1).status == 0)
        let reuse = try box.run(["ticket", "reserve", "--event", "jazz-night", "--tier", "VIP", "--voucher", list[1]["voucher"] as! String], environment: t1)
        #expect(reuse.status == 4, "a cancelled offer is not used again")
        try box.login("olga@example.org", "a-good-password")
        let dana = try box.run(
            ["waitlist", "join", "--event", "jazz-night", "--tier", "VIP", "--quantity", "2", "--email", "dana@example.org", "--json"], environment: t1)
        let afterCancel = try box.run(["waitlist", "run", "--json"], environment: t1).json
        #expect(afterCancel["lapsed"] as? Int == 1 && afterCancel["offered"] as? Int == 1, "\(afterCancel)")
        #expect((afterCancel["offers"] as? [[String: Any]])?.first?["email"] as? String == "dana@example.org")

        // Bob does not take his in time: it passes on, never more than is free.
        let t2 = ["BILLETTERIE_NOW": "2026-05-01T11:30:00Z"]
        #expect(
            try box.run(["waitlist", "join", "--event", "jazz-night", "--tier", "VIP", "--quantity", "3", "--email", "eve@example.org"], environment: t1).status
                == 0)
        let late = try box.run(["waitlist", "run", "--json"], environment: t2).json
        #expect(late["lapsed"] as? Int == 2, "Bob's and Dana's lapsed: \(late)")
        #expect((late["offers"] as? [[String: Any]])?.map { $0["email"] as? String } == ["eve@example.org"], "\(late)")
        let vipLate = try #require(
            (try box.run(["event", "tier", "list", "jazz-night", "--json"], environment: t2).json["items"] as? [[String: Any]])?.first {
                $0["name"] as? String == "VIP"
            })
        #expect(vipLate["held"] as? Int == 3 && vipLate["available"] as? Int == 1)
        let leave = try box.run(["waitlist", "leave", dana.json["id"] as! String, "--json"], environment: t2)
        #expect(leave.status == 4, "a lapsed entry is off the list already")
        #expect(try box.run(["waitlist", "leave", "wl_nope"]).status == 3)
    }
}

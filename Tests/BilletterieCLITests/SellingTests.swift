import BilletterieCore
import Foundation
import Testing

extension Sandbox {
    /// A published event "jazz-night" (capacity 10) with Standard (25.00, quota 6, max 4 per
    /// order), VIP (80.00, quota 4) and a free Guest tier, as olga the organizer.
    func onSale() throws -> Sandbox {
        _ = try withOrganizer()
        try createEvent("Jazz Night", ["--capacity", "10", "--publish"])
        for tier in [
            ["--name", "Standard", "--price", "25", "--quota", "6", "--max-per-order", "4"],
            ["--name", "VIP", "--price", "80", "--quota", "4"], ["--name", "Guest", "--price", "0"],
            ["--name", "Parking", "--price", "5", "--quota", "2", "--addon"],
        ] {
            #expect(try run(["event", "tier", "add", "jazz-night"] + tier).status == 0)
        }
        return self
    }

    func reserve(_ extra: [String], tier: String = "Standard", buyer: String = "ana@example.org") throws -> Result {
        try run(["ticket", "reserve", "--event", "jazz-night", "--tier", tier, "--buyer", buyer, "--json"] + extra)
    }
}

@Suite("selling: reserve, holds, capacity")
struct SellingTests {
    @Test("a reservation holds pending tickets with signed codes until the hold runs out")
    func reserve() throws {
        let box = try Sandbox().onSale()
        let result = try box.reserve(["--quantity", "2", "--buyer-name", "Ana Lima", "--attendee", "Bruno Costa <bruno@example.org>"])
        #expect(result.status == 0, "\(result)")
        let order = result.json
        #expect((order["id"] as? String)?.hasPrefix("ord_") == true)
        #expect(order["status"] as? String == "reserved")
        #expect(order["total_minor"] as? Int == 5000)
        #expect(order["paid_minor"] as? Int == 0)
        #expect(order["currency"] as? String == "EUR")
        #expect(order["expires_at"] as? String == "2026-05-01T10:15:00Z", "15 minutes by default")
        let tickets = try #require(order["tickets"] as? [[String: Any]])
        #expect(tickets.map { $0["attendee_name"] as? String } == ["Bruno Costa", "Ana Lima"])
        #expect(tickets.allSatisfy { $0["status"] as? String == "pending" && ($0["code"] as? String)?.count == 121 })
        #expect((tickets[0]["tier"] as? [String: Any])?["name"] as? String == "Standard")
        #expect(try box.domainEventTypes().last == "ticket.reserved")

        // The code alone finds the ticket; so does its id; the order id shows the order.
        let code = tickets[0]["code"] as! String
        #expect(try box.run(["ticket", "show", code, "--json"]).json["id"] as? String == tickets[0]["id"] as? String)
        #expect(try box.run(["ticket", "show", order["id"] as! String, "--json"]).json["total_minor"] as? Int == 5000)
        #expect(try box.run(["ticket", "show", code.lowercased()]).status == 3, "one canonical spelling")

        // People read the hold's end in the event's zone (Europe/Paris, UTC+2 in May); JSON stays UTC.
        let shown = try box.run(["ticket", "show", order["id"] as! String])
        #expect(shown.stdout.contains("Held until:  2026-05-01 12:15 "), "\(shown)")
        let another = try box.run(["ticket", "reserve", "--event", "jazz-night", "--tier", "Standard", "--buyer", "zoe@example.org"])
        #expect(another.stdout.contains("held until 2026-05-01 12:15 ") && !another.stdout.contains("T10:15:00Z"), "\(another)")
    }

    @Test("an expired hold frees its places at once, and shows as expired")
    func expiry() throws {
        let box = try Sandbox().onSale()
        let order = try box.reserve(["--quantity", "4"], tier: "VIP").json
        #expect(try box.reserve([], tier: "VIP").status == 4)
        let later = ["BILLETTERIE_NOW": "2026-05-01T10:15:00Z"]
        let again = try box.run(
            ["ticket", "reserve", "--event", "jazz-night", "--tier", "VIP", "--buyer", "bob@example.org", "--quantity", "4"],
            environment: later)
        #expect(again.status == 0, "\(again)")
        let shown = try box.run(["ticket", "show", order["id"] as! String, "--json"], environment: later).json
        #expect(shown["status"] as? String == "expired")
        #expect((shown["tickets"] as? [[String: Any]])?.allSatisfy { $0["status"] as? String == "void" } == true)
    }

    @Test(
        "quota, capacity and max per order are exit 4 with what is left; the store is unchanged",
        arguments: [
            (["--quantity", "5"], "Standard", "allows at most 4 per order"),
            (["--quantity", "3"], "VIP", "sold out: '"),
            (["--quantity", "3"], "Parking", "sold out: Parking has 2 left of 2"),
        ])
    func limits(arguments: [String], tier: String, message: String) throws {
        let box = try Sandbox().onSale()
        #expect(try box.reserve(["--quantity", "4"]).status == 0)
        #expect(try box.reserve(["--quantity", "4"], tier: "Guest").status == 0)
        let before = try box.snapshot()
        let result = try box.run(["ticket", "reserve", "--event", "jazz-night", "--tier", tier, "--buyer", "ana@example.org"] + arguments)
        #expect(result.status == 4, "\(result)")
        #expect(result.stderr.contains(message), "\(result)")
        #expect(try box.snapshot() == before)
    }

    @Test("add-ons do not count toward the capacity")
    func addons() throws {
        let box = try Sandbox().onSale()
        #expect(try box.reserve(["--quantity", "4"]).status == 0)
        #expect(try box.reserve(["--quantity", "4"], tier: "VIP").status == 0)
        #expect(try box.reserve(["--quantity", "2"], tier: "Guest").status == 0)
        #expect(try box.reserve(["--quantity", "2"], tier: "Parking").status == 0)
        let json = try box.run(["ticket", "reserve", "--event", "jazz-night", "--tier", "Guest", "--buyer", "x@example.org", "--json"])
        #expect(json.status == 4)
        #expect(json.errorJSON["code"] as? String == "sold_out")
    }

    @Test("a free tier confirms at once: paid, valid, no hold")
    func free() throws {
        let box = try Sandbox().onSale()
        let order = try box.reserve(["--quantity", "2"], tier: "Guest").json
        #expect(order["status"] as? String == "paid")
        #expect(order["expires_at"] is NSNull)
        #expect((order["tickets"] as? [[String: Any]])?.allSatisfy { $0["status"] as? String == "valid" } == true)
        #expect(try box.domainEventTypes().suffix(2) == ["ticket.reserved", "order.paid"])
    }

    @Test("not on sale: drafts, cancelled events, closed sales windows (exit 4); bad values (exit 65)")
    func notOnSale() throws {
        let box = try Sandbox().onSale()
        try box.createEvent("Draft")
        #expect(try box.run(["event", "tier", "add", "draft", "--name", "A", "--price", "1"]).status == 0)
        let draft = try box.run(["ticket", "reserve", "--event", "draft", "--tier", "A"])
        #expect(draft.status == 4)
        #expect(draft.stderr.contains("the event is a draft"))
        #expect(try box.run(["event", "tier", "update", "VIP", "--event", "jazz-night", "--sales-start", "2026-05-02T00:00"]).status == 0)
        let early = try box.reserve([], tier: "VIP")
        #expect(early.status == 4)
        #expect(early.errorJSON["message"] as? String == "VIP of 'jazz-night' is not on sale: sales open at 2026-05-01T22:00:00Z")
        let before = try box.snapshot()
        for (arguments, message) in [
            (["--hold", "15"], "has no unit"), (["--quantity", "0"], "invalid quantity 0"),
            (["--buyer", "not-an-email"], "invalid email"), (["--attendee", "Ana <ana@>"], "invalid email"),
            (["--hold", "30d"], "invalid hold"),
        ] {
            let result = try box.run(["ticket", "reserve", "--event", "jazz-night", "--tier", "Standard"] + arguments)
            #expect(result.status == 65, "\(arguments): \(result)")
            #expect(result.stderr.contains(message), "\(arguments): \(result)")
        }
        #expect(try box.run(["ticket", "reserve", "--event", "jazz-night", "--tier", "Balcony"]).status == 3)
        #expect(try box.run(["ticket", "reserve", "--event", "nope", "--tier", "VIP"]).status == 3)
        #expect(try box.snapshot() == before)
    }

    @Test("participants buy for themselves; selling to others needs the event's organizer or an admin")
    func whoMaySell() throws {
        let box = try Sandbox().onSale()
        try box.login("ana@example.org", "a-good-password")
        let own = try box.run(["ticket", "reserve", "--event", "jazz-night", "--tier", "Standard", "--json"])
        #expect(own.status == 0, "\(own)")
        #expect(own.json["buyer_email"] as? String == "ana@example.org")
        let other = try box.reserve([], buyer: "bob@example.org")
        #expect(other.status == 77)
        try box.login("otto@example.org", "a-good-password")
        let foreign = try box.reserve([], buyer: "bob@example.org")
        #expect(foreign.status == 77)
        #expect(
            foreign.errorJSON["message"] as? String
                == "selling to someone else (bob@example.org) for another organizer's event needs the admin role; you are an organizer")
    }

    @Test("8 processes reserving at once never oversell: exactly the quota is sold, the rest are sold out, none busy")
    func noOversell() throws {
        let box = try Sandbox().onSale()
        // VIP has 4 places; 8 buyers want 1 each, all at the same moment.
        let running = try (0..<8).map { index in
            try box.start(["ticket", "reserve", "--event", "jazz-night", "--tier", "VIP", "--buyer", "buyer\(index)@example.org", "--json"])
        }
        let results = try running.map { try $0.wait() }
        #expect(results.filter { $0.status == 0 }.count == 4, "\(results)")
        let refused = results.filter { $0.status != 0 }
        #expect(refused.count == 4)
        #expect(refused.allSatisfy { $0.status == 4 && $0.errorJSON["code"] as? String == "sold_out" }, "\(refused)")
        #expect(!results.contains { $0.stderr.contains("busy") || $0.stderr.contains("locked") })
        let sold = try box.run(["ticket", "list", "--event", "jazz-night", "--json"]).json
        #expect(sold["total"] as? Int == 4)
    }
}

@Suite("tickets: look up, cancel, transfer, export, history")
struct TicketLifecycleTests {
    @Test("cancel frees the places; a single ticket lowers the total; cancelling twice is exit 4")
    func cancel() throws {
        let box = try Sandbox().onSale()
        let order = try box.reserve(["--quantity", "4"], tier: "VIP").json
        let tickets = order["tickets"] as! [[String: Any]]
        let one = try box.run(["ticket", "cancel", tickets[0]["id"] as! String, "--json"])
        #expect(one.status == 0, "\(one)")
        #expect(one.json["total_minor"] as? Int == 24000)
        #expect(one.json["status"] as? String == "reserved")
        #expect(try box.reserve([], tier: "VIP", buyer: "bob@example.org").status == 0, "the place is free again")
        let all = try box.run(["ticket", "cancel", order["id"] as! String, "--json"])
        #expect(all.json["status"] as? String == "cancelled")
        #expect(try box.run(["ticket", "cancel", order["id"] as! String]).status == 4)
        #expect(try box.domainEventTypes().contains("order.cancelled"))
    }

    @Test("transfer gives a new ticket and code; the old one is void, naming its replacement")
    func transfer() throws {
        let box = try Sandbox().onSale()
        let ticket = (try box.reserve([], tier: "Guest").json["tickets"] as! [[String: Any]])[0]
        let result = try box.run(["ticket", "transfer", ticket["code"] as! String, "--to", "Carla Dias <carla@example.org>", "--json"])
        #expect(result.status == 0, "\(result)")
        let new = result.json["ticket"] as! [String: Any]
        #expect(new["attendee_email"] as? String == "carla@example.org")
        #expect(new["status"] as? String == "valid")
        #expect(new["code"] as? String != ticket["code"] as? String)
        let old = try box.run(["ticket", "show", ticket["id"] as! String, "--json"]).json
        #expect(old["status"] as? String == "void")
        #expect(old["void_reason"] as? String == "transferred")
        #expect(old["replaced_by"] as? String == new["id"] as? String)
        #expect(try box.run(["ticket", "transfer", ticket["id"] as! String, "--to", "x@example.org"]).status == 4)
        #expect(try box.run(["ticket", "transfer", new["id"] as! String, "--to", "Carla <carla@>"]).status == 65)
    }

    @Test("participants see their own orders only; staff look tickets up; organizers see their events'")
    func visibility() throws {
        let box = try Sandbox().onSale()
        let anas = try box.reserve([], tier: "Guest").json
        let bobs = try box.reserve([], tier: "Guest", buyer: "bob@example.org").json
        try box.register("bob@example.org")
        try box.login("ana@example.org", "a-good-password")
        #expect(try box.run(["ticket", "show", anas["id"] as! String]).status == 0)
        #expect(try box.run(["ticket", "show", bobs["id"] as! String]).status == 3)
        #expect(try box.run(["ticket", "list", "--json"]).json["total"] as? Int == 1)
        #expect(try box.run(["ticket", "cancel", bobs["id"] as! String]).status == 3)
        try box.login("door@example.org", "a-good-password")
        #expect(try box.run(["ticket", "list", "--json"]).json["total"] as? Int == 2)
        #expect(try box.run(["ticket", "cancel", bobs["id"] as! String]).status == 77)
        try box.login("otto@example.org", "a-good-password")
        #expect(try box.run(["ticket", "list", "--json"]).json["total"] as? Int == 0)
        #expect(try box.run(["ticket", "export", "--event", "jazz-night"]).status == 77)
    }

    @Test("export streams every ticket as CSV (RFC 4180) or JSON")
    func export() throws {
        let box = try Sandbox().onSale()
        #expect(try box.reserve(["--quantity", "2", "--buyer-name", "Lima, Ana"]).status == 0)
        #expect(try box.reserve([], tier: "Guest", buyer: "bob@example.org").status == 0)
        let csv = try box.run(["ticket", "export", "--event", "jazz-night"])
        #expect(csv.status == 0)
        let lines = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 4)
        #expect(lines[0] == "ticket_id,order_id,tier,status,attendee_name,attendee_email,buyer_name,buyer_email,external_id,code,created_at")
        #expect(lines[1].contains(",\"Lima, Ana\",ana@example.org,"))
        let json = try box.run(["ticket", "export", "--event", "jazz-night", "--format", "json"]).json
        #expect(json["total"] as? Int == 3)
        let file = box.folder + "/export.csv"
        #expect(try box.run(["ticket", "export", "--event", "jazz-night", "-o", file]).status == 0)
        #expect(box.mode(file) == 0o600)
    }

    @Test("user history lists one's orders, newest first")
    func history() throws {
        let box = try Sandbox().onSale()
        try box.login("ana@example.org", "a-good-password")
        #expect(try box.run(["ticket", "reserve", "--event", "jazz-night", "--tier", "Guest"]).status == 0)
        #expect(try box.run(["ticket", "reserve", "--event", "jazz-night", "--tier", "Standard", "--quantity", "2"]).status == 0)
        let history = try box.run(["user", "history", "--json"]).json
        #expect(history["total"] as? Int == 2)
        #expect((history["items"] as? [[String: Any]])?.first?["total_minor"] as? Int == 5000)
        try box.login("admin@example.org", Sandbox.adminPassword)
        #expect(try box.run(["user", "history", "ana@example.org", "--json"]).json["total"] as? Int == 2)
    }

    @Test("a draft with orders cannot be deleted")
    func deleteWithOrders() throws {
        let box = try Sandbox().onSale()
        #expect(try box.reserve([], tier: "Guest").status == 0)
        #expect(try box.run(["event", "delete", "jazz-night"]).status == 4)
    }
}

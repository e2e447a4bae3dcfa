import Foundation
import TestSupport
import Testing

@testable import BilletterieCore

extension Sandbox {
    /// A paid parking add-on ticket (price 5, paid in cash) on the on-sale event.
    func parkingTicket(buyer: String = "car@example.org") throws -> (id: String, code: String, reference: String) {
        let order = try reserve([], tier: "Parking", buyer: buyer)
        #expect(order.status == 0, "\(order)")
        #expect(try run(["pay", order.json["id"] as! String, "--method", "cash", "--amount", "5"]).status == 0)
        let ticket = (order.json["tickets"] as! [[String: Any]])[0]
        return (ticket["id"] as! String, ticket["code"] as! String, ticket["reference"] as! String)
    }

    func checkins(_ extra: [String] = []) throws -> [String: Any] {
        let report = try run(["report", "checkins", "--event", "jazz-night", "--json"] + extra)
        #expect(report.status == 0, "\(report)")
        return report.json
    }
}

@Suite("check-in lists, exits and who is inside")
struct CheckinListTests {
    @Test("checkin-list add, list and remove; every bad input refused with its exit code and the store unchanged")
    func addListRemove() throws {
        let box = try Sandbox().onSale()
        let added = try box.run(["event", "checkin-list", "add", "jazz-night", "--name", "Parking", "--tier", "parking", "--json"])
        #expect(added.status == 0, "\(added)")
        #expect(added.json["name"] as? String == "parking", "names are read in lower case")
        #expect((added.json["tiers"] as? [[String: Any]])?.map { $0["name"] as? String } == ["Parking"])
        #expect(added.json["reentry"] as? Bool == true && added.json["multiple_entries"] as? Bool == false)
        #expect(try box.run(["event", "checkin-list", "add", "jazz-night", "--name", "days", "--multiple-entries"]).status == 0)
        #expect(try box.run(["event", "checkin-list", "add", "jazz-night", "--name", "vip", "--tier", "VIP", "--no-reentry"]).status == 0)

        let before = try box.snapshot()
        for (arguments, status, code) in [
            (["--name", "parking"], 4, "list_exists"),
            (["--name", "main"], 4, "list_exists"),
            (["--name", "car park"], 65, "invalid_list_name"),
            (["--name", "-x"], 64, nil),
            (["--name", "gate\u{1B}[2K"], 65, "control_character"),
            (["--name", String(repeating: "a", count: 41)], 65, "invalid_list_name"),
            (["--name", "bikes", "--tier", "Bicycle"], 3, "tier_not_found"),
            (["--name", "both", "--multiple-entries", "--no-reentry"], 64, "usage"),
        ] as [([String], Int32, String?)] {
            let refused = try box.run(["event", "checkin-list", "add", "jazz-night", "--json"] + arguments)
            #expect(refused.status == status, "\(arguments): \(refused)")
            if let code { #expect(refused.stderr.contains(code), "\(arguments): \(refused)") }
        }
        #expect(try box.snapshot() == before, "refusals change nothing")
        for (user, arguments) in [
            ("ana@example.org", ["add", "jazz-night", "--name", "mine"]), ("ana@example.org", ["list", "jazz-night"]),
            ("door@example.org", ["add", "jazz-night", "--name", "mine"]), ("door@example.org", ["remove", "jazz-night", "days"]),
            ("otto@example.org", ["add", "jazz-night", "--name", "mine"]),
        ] {
            try box.login(user, "a-good-password")
            let unchanged = try box.snapshot()
            #expect(try box.run(["event", "checkin-list"] + arguments).status == 77, "\(user) \(arguments)")
            #expect(try box.snapshot() == unchanged)
        }

        // Staff see the lists, main first with the event's admission tiers.
        try box.login("door@example.org", "a-good-password")
        let listed = try box.run(["event", "checkin-list", "list", "jazz-night", "--json"])
        #expect(listed.status == 0, "\(listed)")
        let items = listed.json["items"] as! [[String: Any]]
        // main first, then by when they were made (by name within a second).
        #expect(items.map { $0["name"] as? String } == ["main", "days", "parking", "vip"])
        #expect((items[0]["tiers"] as? [[String: Any]])?.map { $0["name"] as? String } == ["Standard", "VIP", "Guest"])
        #expect(items[0]["admission_tiers"] as? Bool == true)
        #expect(items[1]["multiple_entries"] as? Bool == true)
        #expect(items[3]["reentry"] as? Bool == false)
        let table = try box.run(["event", "checkin-list", "list", "jazz-night"])
        #expect(table.stdout.contains("parking") && table.stdout.contains("Parking (add-on)") && table.stdout.contains("one entry, no re-entry"))

        // A list with scans is kept; main is never removed; an unused list goes.
        try box.login("olga@example.org", "a-good-password")
        let parking = try box.parkingTicket()
        #expect(try box.validate(parking.code, ["--list", "parking"]).status == 0)
        let kept = try box.run(["event", "checkin-list", "remove", "jazz-night", "parking"])
        #expect(kept.status == 4 && kept.stderr.contains("1 scan"), "\(kept)")
        #expect(try box.run(["event", "checkin-list", "remove", "jazz-night", "main"]).status == 4)
        #expect(try box.run(["event", "checkin-list", "remove", "jazz-night", "nope"]).status == 3)
        #expect(try box.run(["event", "checkin-list", "remove", "jazz-night", "days"]).status == 0)
        let after = try box.run(["event", "checkin-list", "list", "jazz-night", "--json"]).json["items"] as! [[String: Any]]
        #expect(after.map { $0["name"] as? String } == ["main", "parking", "vip"])
        #expect(
            try box.domainEventTypes().filter { $0.hasPrefix("checkin_list.") } == Array(repeating: "checkin_list.added", count: 3) + ["checkin_list.removed"])
    }

    @Test("an add-on admits on a list that names its tier and is addon_not_admission on main; an admission ticket at the parking gate is sent to its door")
    func addonsOnTheirList() throws {
        let box = try Sandbox().onSale()
        #expect(try box.run(["event", "checkin-list", "add", "jazz-night", "--name", "parking", "--tier", "Parking"]).status == 0)
        let parking = try box.parkingTicket()
        let guest = try box.validCode()
        try box.login("door@example.org", "a-good-password")
        let onMain = try box.validate(parking.code, ["--gate", "A"])
        #expect(onMain.status == 1 && onMain.json["reason"] as? String == "addon_not_admission", "\(onMain)")
        let atCarPark = try box.validate(parking.reference, ["--gate", "P", "--list", "parking"])
        #expect(atCarPark.status == 0 && atCarPark.json["list"] as? String == "parking" && atCarPark.json["direction"] as? String == "entry")
        let again = try box.validate(parking.code, ["--gate", "P", "--list", "parking"])
        #expect(again.json["reason"] as? String == "already_used" && (again.json["first_scan"] as? [String: Any])?["gate"] as? String == "P")
        let wrongDoor = try box.run(["validate", guest.code, "--event", "jazz-night", "--list", "parking"])
        #expect(wrongDoor.status == 1 && wrongDoor.stdout.contains("not for this door") && wrongDoor.stdout.contains("parking"), "\(wrongDoor)")
        #expect(!wrongDoor.stdout.lowercased().contains("forged"))
        // The guest's own door still admits them: the parking gate changed nothing on main.
        #expect(try box.validate(guest.code).status == 0)
        let report = try box.checkins(["--list", "parking"])
        #expect(report["admitted"] as? Int == 1 && report["admissible"] as? Int == 1 && report["inside"] as? Int == 1, "\(report)")
        #expect(try box.checkins()["admissible"] as? Int == 1, "main counts admission tickets only")
        #expect(try box.run(["validate", guest.code, "--list", "parking"]).status == 64, "--list needs --event")
        #expect(try box.run(["validate", guest.code, "--event", "jazz-night", "--list", "nope"]).status == 3)
    }

    @Test(
        "exits and re-entry online: main lets a ticket back in after an exit, --no-reentry does not (saying why), --multiple-entries always; undo moves inside as a person would"
    )
    func exitsOnline() throws {
        let box = try Sandbox().onSale()
        #expect(try box.run(["event", "checkin-list", "add", "jazz-night", "--name", "vip", "--no-reentry"]).status == 0)
        #expect(try box.run(["event", "checkin-list", "add", "jazz-night", "--name", "days", "--multiple-entries"]).status == 0)
        let ticket = try box.validCode()
        try box.login("door@example.org", "a-good-password")
        func inside(_ list: String = "main") throws -> Int { try box.checkins(["--list", list])["inside"] as? Int ?? -1 }

        // An exit before any entry is not refused, and puts nobody inside.
        #expect(try box.validate(ticket.code, ["--exit"]).status == 0)
        #expect(try inside() == 0)
        let entry = try box.validate(ticket.code, ["--gate", "A"])
        #expect(entry.status == 0)
        #expect(try inside() == 1)
        #expect(try box.validate(ticket.code, ["--gate", "B"]).json["reason"] as? String == "already_used")
        let exit = try box.validate(ticket.code, ["--gate", "A", "--exit"])
        #expect(exit.status == 0 && exit.json["direction"] as? String == "exit", "\(exit)")
        #expect(try inside() == 0)
        let back = try box.validate(ticket.code, ["--gate", "B"])
        #expect(back.status == 0, "re-entry after an exit on main: \(back)")
        #expect(try inside() == 1)
        // Undo the re-entry: the exit stands, the ticket is out; undo the exit too: in again (the first entry).
        #expect(try box.run(["validate", "--undo", back.json["scan_id"] as! String]).status == 0)
        #expect(try inside() == 0)
        #expect(try box.run(["validate", "--undo", exit.json["scan_id"] as! String]).status == 0)
        #expect(try inside() == 1)
        #expect(try box.run(["validate", "--undo", exit.json["scan_id"] as! String]).status == 4, "undone twice")
        #expect(try box.validate(ticket.code).json["reason"] as? String == "already_used")
        #expect(try box.run(["ticket", "show", ticket.id, "--json"]).json["status"] as? String == "used")
        #expect(try box.run(["validate", "--undo", entry.json["scan_id"] as! String]).status == 0)
        #expect(try box.run(["ticket", "show", ticket.id, "--json"]).json["status"] as? String == "valid", "no standing entry left")

        // --no-reentry: in, out, and then not again, with the reason in words.
        #expect(try box.validate(ticket.code, ["--list", "vip", "--gate", "V"]).status == 0)
        #expect(try box.validate(ticket.code, ["--list", "vip", "--gate", "V", "--exit"]).status == 0)
        let refused = try box.run(["validate", ticket.code, "--event", "jazz-night", "--list", "vip", "--gate", "V"])
        #expect(refused.status == 1 && refused.stdout.contains("already_used") && refused.stdout.contains("no re-entry"), "\(refused)")
        #expect(try inside("vip") == 0)
        // --multiple-entries: any number of times; inside counts the ticket once.
        for _ in 0..<3 { #expect(try box.validate(ticket.code, ["--list", "days"]).status == 0) }
        let days = try box.checkins(["--list", "days"])
        #expect(days["inside"] as? Int == 1 && days["admitted"] as? Int == 1, "\(days)")
        // A void ticket's exit is refused as void, like its entry.
        try box.login("olga@example.org", "a-good-password")
        let cancelled = try box.validCode(buyer: "zed@example.org")
        #expect(try box.run(["ticket", "cancel", cancelled.id]).status == 0)
        #expect(try box.validate(cancelled.code, ["--exit"]).json["reason"] as? String == "void")
    }

    @Test("a scanner's stream on a list, in and out: each line answered with its list and direction")
    func streams() throws {
        let box = try Sandbox().onSale()
        #expect(try box.run(["event", "checkin-list", "add", "jazz-night", "--name", "parking", "--tier", "Parking"]).status == 0)
        let first = try box.parkingTicket(buyer: "p1@example.org")
        let second = try box.parkingTicket(buyer: "p2@example.org")
        try box.login("door@example.org", "a-good-password")
        let entries = try box.run(
            ["validate", "--stream", "--event", "jazz-night", "--list", "parking", "--gate", "P", "--json"],
            stdin: "\(first.code)\n\(second.reference)\n\(first.code)\n")
        let answers = entries.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(entries.status == 0 && answers.map { $0["reason"] as? String } == ["ok", "ok", "already_used"], "\(entries)")
        #expect(answers.allSatisfy { $0["list"] as? String == "parking" && $0["direction"] as? String == "entry" })
        let exits = try box.run(
            ["validate", "--stream", "--event", "jazz-night", "--list", "parking", "--gate", "P", "--exit", "--json"], stdin: "\(first.code)\n")
        #expect(exits.stdout.contains("\"direction\":\"exit\"") && exits.stdout.contains("\"reason\":\"ok\""), "\(exits)")
        let report = try box.checkins(["--list", "parking"])
        #expect(report["inside"] as? Int == 1 && report["exits"] as? Int == 1 && report["rejected"] as? Int == 1, "\(report)")
    }

    @Test(
        "a server store at schema 12 with scans, exits and sales takes step 13: the same reports, counted from what it held", .enabled(if: Sandbox.onPostgres))
    func countsMigrationOnServer() throws {
        let box = try Sandbox().onSale()
        let tickets = [try box.validCode(buyer: "ana@example.org"), try box.validCode(buyer: "zoe@example.org")]
        try box.login("door@example.org", "a-good-password")
        for ticket in tickets { #expect(try box.validate(ticket.code, ["--gate", "A"]).status == 0) }
        #expect(try box.validate(tickets[0].code, ["--gate", "B", "--exit"]).status == 0)
        try box.login("olga@example.org", "a-good-password")
        let checkins = try box.checkins()
        let sales = try box.run(["report", "sales", "--event", "jazz-night", "--json"]).json["events"] as? [[String: Any]]
        // Back to schema 12, as a server store made by the previous release (step 14 first).
        try box.storeDatabase().executeScript(
            """
            DROP TRIGGER checkin_presence_named ON checkin_presence; DROP FUNCTION checkin_presence_named();
            DROP TRIGGER scans_checkins_kept ON scans; DROP TRIGGER tickets_presence ON tickets;
            DROP TRIGGER checkin_presence_totals ON checkin_presence; DROP TRIGGER tickets_sales_kept ON tickets;
            DROP TRIGGER payments_counted ON payments; DROP TRIGGER refunds_counted ON refunds; DROP TRIGGER events_checkins_forgotten ON events;
            DROP FUNCTION scans_checkins_kept(); DROP FUNCTION tickets_presence(); DROP FUNCTION checkin_presence_totals();
            DROP FUNCTION checkin_presence_refresh(TEXT, TEXT); DROP FUNCTION tickets_sales_kept(); DROP FUNCTION money_kept();
            DROP FUNCTION events_checkins_forgotten();
            DROP TABLE checkin_counts; DROP TABLE checkin_presence; DROP TABLE checkin_totals; DROP TABLE sales_counts; DROP TABLE money_counts;
            CREATE INDEX tickets_sales ON tickets(tier_id, sold, status);
            CREATE INDEX payments_by_event ON payments(event_id, status, method, amount_minor);
            CREATE INDEX refunds_by_event ON refunds(event_id, method, amount_minor);
            UPDATE billetterie_schema SET version = 12;
            """)
        let after = try box.checkins()
        for key in ["admitted", "inside", "exits", "rejected"] {
            #expect(after[key] as? Int == checkins[key] as? Int, "\(key): \(after) against \(checkins)")
        }
        #expect(after["inside"] as? Int == 1 && after["exits"] as? Int == 1)
        let salesAfter = try box.run(["report", "sales", "--event", "jazz-night", "--json"]).json["events"] as? [[String: Any]]
        let tiers = { (events: [[String: Any]]?) in (events?.first?["tiers"] as? [[String: Any]] ?? []) as NSArray }
        #expect(tiers(salesAfter) == tiers(sales) && tiers(sales).count == 3, "\(salesAfter ?? [])")
        try box.login("admin@example.org", Sandbox.adminPassword)
        let doctor = try box.run(["doctor", "--json"]).json["checks"] as? [[String: Any]] ?? []
        for name in ["check-in counts", "report counts"] {
            #expect(doctor.first { $0["name"] as? String == name }?["status"] as? String == "OK", "\(name): \(doctor)")
        }
    }

    @Test("a store from before lists (schema 9) keeps its scans: each an entry on main, inside and admitted as before", .enabled(if: !Sandbox.onPostgres))
    func migration() throws {
        let box = try Sandbox().onSale()
        let ticket = try box.validCode()
        try box.login("door@example.org", "a-good-password")
        #expect(try box.validate(ticket.code, ["--gate", "A"]).status == 0)
        let db = try box.storeDatabase()
        try db.executeScript(
            """
            DROP TRIGGER scans_counted; DROP TRIGGER scans_uncounted; DROP TRIGGER scans_present; DROP TRIGGER scans_present_late; DROP TRIGGER scans_present_undone;
            DROP TRIGGER tickets_presence; DROP TRIGGER events_checkins_forgotten;
            DROP TABLE checkin_counts; DROP TABLE checkin_presence; DROP TABLE checkin_totals;
            DROP TRIGGER tickets_sold; DROP TRIGGER tickets_sold_changed; DROP TRIGGER tickets_sold_removed;
            DROP TRIGGER payments_counted; DROP TRIGGER refunds_counted; DROP TABLE sales_counts; DROP TABLE money_counts; CREATE INDEX tickets_sales ON tickets(tier_id, sold, status); CREATE INDEX payments_by_event ON payments(event_id, status, method, amount_minor);
            CREATE INDEX refunds_by_event ON refunds(event_id, method, amount_minor);
            DROP INDEX refunds_owed; ALTER TABLE refunds DROP COLUMN handed_back_by; ALTER TABLE refunds DROP COLUMN handed_back_at;
            DROP INDEX tickets_sales; ALTER TABLE tickets DROP COLUMN sold; DROP INDEX payments_by_event; ALTER TABLE payments DROP COLUMN event_id;
            DROP INDEX refunds_by_event; ALTER TABLE refunds DROP COLUMN event_id;
            DROP TABLE waitlist_entries; DROP TABLE voucher_tiers; DROP TABLE vouchers;
            DROP INDEX tickets_by_voucher; ALTER TABLE tickets DROP COLUMN voucher_id; ALTER TABLE tickets DROP COLUMN price_minor;
            ALTER TABLE tiers DROP COLUMN hidden; ALTER TABLE tiers DROP COLUMN requires_admission; ALTER TABLE events DROP COLUMN waitlist_offer;
            DROP TABLE checkin_list_tiers; DROP TABLE checkin_lists; DROP INDEX scans_standing;
            ALTER TABLE scans DROP COLUMN checkin_list; ALTER TABLE scans DROP COLUMN direction;
            CREATE INDEX scans_admissions ON scans(ticket_id, scanned_at) WHERE result = 'accepted' AND undone_at IS NULL;
            PRAGMA user_version = 9;
            """)
        let report = try box.checkins()
        #expect(report["inside"] as? Int == 1 && report["admitted"] as? Int == 1 && report["list"] as? String == "main", "\(report)")
        // Step 14 named the presence rows step 13 had made: the listing shows who it is.
        let inside = try box.checkins(["--inside"])["items"] as? [[String: Any]] ?? []
        let name = try box.run(["ticket", "show", ticket.id, "--json"]).json["attendee_name"] as? String
        #expect(inside.count == 1 && inside.first?["ticket"] as? String == ticket.id && name?.isEmpty == false, "\(inside)")
        #expect(inside.first?["attendee_name"] as? String == name, "\(inside)")
        #expect(try box.validate(ticket.code).json["reason"] as? String == "already_used")
        #expect(try box.validate(ticket.code, ["--exit"]).status == 0)
        #expect(try box.checkins()["inside"] as? Int == 0)
    }

    @Test(
        "report checkins: admitted, inside, exits, by gate and quarter; --inside lists who is in, by name, in table, CSV and JSON; inside never above admitted")
    func report() throws {
        let box = try Sandbox().onSale()
        var tickets: [(id: String, code: String)] = []
        for name in ["zoe", "ana", "marc"] { tickets.append(try box.validCode(buyer: "\(name)@example.org")) }
        try box.login("door@example.org", "a-good-password")
        func at(_ minute: Int) -> [String: String] { ["BILLETTERIE_NOW": "2026-05-01T10:\(String(format: "%02d", minute)):00Z"] }
        #expect(try box.run(["validate", tickets[0].code, "--event", "jazz-night", "--gate", "A"], environment: at(0)).status == 0)
        #expect(try box.run(["validate", tickets[1].code, "--event", "jazz-night", "--gate", "B"], environment: at(5)).status == 0)
        #expect(try box.run(["validate", tickets[2].code, "--event", "jazz-night", "--gate", "B"], environment: at(20)).status == 0)
        #expect(try box.run(["validate", tickets[2].code, "--event", "jazz-night", "--gate", "A", "--exit"], environment: at(25)).status == 0)
        #expect(try box.run(["validate", "nonsense", "--event", "jazz-night", "--gate", "A"], environment: at(26)).status == 1)
        let report = try box.checkins()
        #expect(report["admitted"] as? Int == 3 && report["inside"] as? Int == 2 && report["exits"] as? Int == 1, "\(report)")
        #expect(report["rejected"] as? Int == 1, "\(report)")
        let gates = report["gates"] as! [[String: Any]]
        #expect(gates.map { $0["gate"] as? String } == ["A", "B"])
        #expect(gates[0]["admitted"] as? Int == 1 && gates[0]["exits"] as? Int == 1 && gates[1]["admitted"] as? Int == 2)
        let quarters = report["quarters"] as! [[String: Any]]
        #expect(quarters.map { $0["admitted"] as? Int } == [2, 1] && quarters.map { $0["exits"] as? Int } == [0, 1], "\(quarters)")

        let inside = try box.run(["report", "checkins", "--event", "jazz-night", "--inside", "--json"])
        #expect(inside.status == 0, "\(inside)")
        let people = inside.json["items"] as! [[String: Any]]
        #expect(people.map { $0["attendee_name"] as? String } == ["ana", "zoe"], "by name, marc is out: \(people)")
        #expect(people[0]["gate"] as? String == "B" && people[0]["since"] as? String == "2026-05-01T10:05:00Z" && people[0]["tier"] as? String == "Guest")
        #expect(inside.json["total"] as? Int == 2)
        let csv = try box.run(["report", "checkins", "--event", "jazz-night", "--inside", "--format", "csv"])
        let rows = csv.stdout.split(whereSeparator: \.isNewline)
        #expect(rows.first == "ticket,attendee_name,tier,reference,since,gate" && rows.count == 3, "\(csv)")
        let table = try box.run(["report", "checkins", "--event", "jazz-night", "--inside"])
        #expect(table.stdout.contains("NAME") && table.stdout.contains("2 inside now"), "\(table)")
        let text = try box.run(["report", "checkins", "--event", "jazz-night"])
        #expect(text.stdout.contains("Inside now:      2") && text.stdout.contains("Exits:           1"), "\(text)")
        #expect(try box.run(["report", "checkins", "--event", "jazz-night", "--list", "nope"]).status == 3)
        try box.login("ana@example.org", "a-good-password")
        #expect(try box.run(["report", "checkins", "--event", "jazz-night", "--inside"]).status == 77)
    }

    @Test("offline: a pack per list, exits and re-entry at the gate, inside counts across gates by exchange, and merge keeps directions")
    func offline() throws {
        let box = try Sandbox().onSale()
        #expect(try box.run(["event", "checkin-list", "add", "jazz-night", "--name", "parking", "--tier", "Parking"]).status == 0)
        let parking = try box.parkingTicket()
        let a = try box.validCode(buyer: "a@example.org")
        let b = try box.validCode(buyer: "b@example.org")
        try box.login("door@example.org", "a-good-password")
        #expect(try box.validate(a.code, ["--gate", "online"]).status == 0, "inside before the packs are made")
        try box.login("olga@example.org", "a-good-password")
        #expect(try box.run(["validate", "pack", "--event", "jazz-night", "-o", "north.pack"]).status == 0)
        #expect(try box.run(["validate", "pack", "--event", "jazz-night", "-o", "south.pack"]).status == 0)
        let carPark = try box.run(["validate", "pack", "--event", "jazz-night", "--list", "parking", "-o", "car.pack", "--json"])
        #expect(carPark.status == 0 && carPark.json["list"] as? String == "parking", "\(carPark)")
        #expect(try box.run(["validate", "pack", "--event", "jazz-night", "--list", "nope", "-o", "x.pack"]).status == 3)
        #expect(!FileManager.default.fileExists(atPath: box.folder + "/x.pack"))
        func gate(_ pack: String, _ code: String, _ extra: [String] = []) throws -> Sandbox.Result {
            try box.run(["validate", "--pack", pack, code, "--json"] + extra)
        }
        // The car park admits its add-on, in and out and in; main's packs refuse it.
        #expect(try gate("car.pack", parking.code).status == 0)
        #expect(try gate("car.pack", parking.code).json["reason"] as? String == "already_used")
        #expect(try gate("car.pack", parking.code, ["--exit"]).json["direction"] as? String == "exit")
        #expect(try gate("car.pack", parking.reference).status == 0, "re-entry, by reference")
        #expect(try gate("north.pack", parking.code).json["reason"] as? String == "addon_not_admission")
        #expect(try gate("car.pack", a.code).json["reason"] as? String == "wrong_event", "an admission ticket is not checked at the car park")
        #expect(try gate("car.pack", a.code, ["--list", "main"]).status == 64, "a pack checks its own list")
        // North knows a came in before the pack: out, then in again.
        #expect(try gate("north.pack", a.code, ["--gate", "N"]).json["reason"] as? String == "already_used")
        #expect(try gate("north.pack", a.code, ["--gate", "N", "--exit"]).status == 0)
        #expect(try gate("north.pack", b.code, ["--gate", "N"]).status == 0)
        // South learns of north's movements by exchange: b is inside, a is out.
        let exchange = try box.run(["validate", "exchange", "--pack", "north.pack", "-o", "north.scans", "--json"])
        #expect(exchange.json["admissions"] as? Int == 1 && exchange.json["exits"] as? Int == 1, "\(exchange)")
        #expect(try box.run(["validate", "--pack", "south.pack", "--apply", "north.scans"]).status == 0)
        #expect(try gate("south.pack", b.code, ["--gate", "S"]).json["reason"] as? String == "already_used")
        #expect(try gate("south.pack", a.code, ["--gate", "S"]).status == 0, "a left at north and comes back in at south")
        // The stream's banner on a terminal shows the gate's inside count, by where people came in.
        let banner = try TerminalTests.typed(box, ["validate", "--pack", "south.pack", "--stream", "--gate", "S", "--exit"], lines: [b.code]).screen
        #expect(banner.contains("Inside now: 1 (this gate 1)"), "\(banner)")
        #expect(banner.contains("EXIT"), "\(banner)")

        let merged = try box.run(["validate", "merge", "north.pack", "south.pack", "car.pack", "--json"])
        #expect(merged.status == 0 && (merged.json["refused"] as? [Any])?.isEmpty == true, "\(merged)")
        #expect((merged.json["double_admissions"] as? [Any])?.isEmpty == true, "an exit between two entries is no double admission: \(merged)")
        let main = try box.checkins()
        #expect(main["inside"] as? Int == 1 && main["admitted"] as? Int == 2 && main["exits"] as? Int == 2, "a in at south, b out: \(main)")
        let car = try box.checkins(["--list", "parking"])
        #expect(car["inside"] as? Int == 1 && car["exits"] as? Int == 1, "\(car)")
    }
}

import BilletterieCore
import Foundation
import Testing

@Suite("reports, audit, doctor")
struct ReportTests {
    /// A scripted mix: cash, card, free and add-on sales, an unpaid hold, refunds, scans.
    func scripted() throws -> (box: Sandbox, orders: [String]) {
        let box = try Sandbox().onSale()
        let a = try box.reserve(["--quantity", "2"]).json
        #expect(try box.run(["pay", a["id"] as! String, "--method", "cash", "--amount", "60"]).status == 0)
        let b = try box.reserve([], tier: "VIP", buyer: "bob@example.org").json
        #expect(try box.run(["pay", b["id"] as! String, "--method", "test", "--card", "4242424242424242"]).status == 0)
        #expect(try box.run(["refund", b["id"] as! String, "--amount", "30", "--reason", "Late start"]).status == 0)
        let c = try box.reserve([], tier: "Guest", buyer: "carla@example.org").json
        let d = try box.reserve([], tier: "Parking", buyer: "ana@example.org").json
        #expect(try box.run(["pay", d["id"] as! String, "--method", "cash", "--amount", "5"]).status == 0)
        _ = try box.reserve([], buyer: "dan@example.org")  // held, never paid
        let aTickets = a["tickets"] as! [[String: Any]]
        #expect(try box.run(["refund", a["id"] as! String, "--ticket", aTickets[1]["id"] as! String]).status == 0)
        try box.login("door@example.org", "a-good-password")
        #expect(try box.validate(aTickets[0]["code"] as! String, ["--gate", "A"]).status == 0)
        #expect(try box.validate(aTickets[0]["code"] as! String, ["--gate", "B"]).status == 1)
        let guest = try box.validate((c["tickets"] as! [[String: Any]])[0]["code"] as! String, ["--gate", "B"])
        #expect(try box.run(["validate", "--undo", guest.json["scan_id"] as! String]).status == 0)
        try box.login("olga@example.org", "a-good-password")
        return (box, [a, b, c, d].map { $0["id"] as! String })
    }

    @Test("sales: per tier and method; totals agree with each other, with the CSV and with every order's books")
    func sales() throws {
        let (box, orders) = try scripted()
        let result = try box.run(["report", "sales", "--event", "jazz-night", "--json"])
        #expect(result.status == 0, "\(result)")
        let event = try #require((result.json["events"] as? [[String: Any]])?.first)
        let tiers = Dictionary(uniqueKeysWithValues: (event["tiers"] as! [[String: Any]]).map { ($0["tier"] as! String, $0) })
        #expect(
            tiers["Standard"]?["sold"] as? Int == 2 && tiers["Standard"]?["valid"] as? Int == 0
                && tiers["Standard"]?["used"] as? Int == 1 && tiers["Standard"]?["void"] as? Int == 1, "\(tiers)")
        #expect(tiers["VIP"]?["sold"] as? Int == 1 && tiers["VIP"]?["face_value_minor"] as? Int == 8000)
        #expect(tiers["Guest"]?["sold"] as? Int == 1)
        #expect((event["addons"] as! [[String: Any]]).map { $0["tier"] as! String } == ["Parking"])
        let methods = Dictionary(uniqueKeysWithValues: (event["payments"] as! [[String: Any]]).map { ($0["method"] as! String, $0) })
        #expect(methods["cash"]?["gross_minor"] as? Int == 5500, "cash applied, not tendered: \(methods)")
        #expect(methods["cash"]?["refunded_minor"] as? Int == 2500)
        #expect(methods["test"]?["gross_minor"] as? Int == 8000 && methods["test"]?["refunded_minor"] as? Int == 3000)
        let total = event["total"] as! [String: Any]
        #expect(total["net_minor"] as? Int == (total["gross_minor"] as! Int) - (total["refunded_minor"] as! Int))
        var books = 0
        for order in orders {
            let o = try box.run(["ticket", "show", order, "--json"]).json
            books += (o["paid_minor"] as! Int) - (o["refunded_minor"] as! Int)
        }
        #expect(total["net_minor"] as? Int == books, "the report's net is the sum of every order's paid − refunded")
        let csv = try box.run(["report", "sales", "--event", "jazz-night", "--format", "csv"]).stdout
        // Money in CSV: decimals beside the currency (CLI.md section 14).
        #expect(csv.hasPrefix("event,section,name,sold,valid,used,void,face_value,discount,gross,refunded,net,currency\r\n"))
        let net = String(format: "%d.%02d", books / 100, books % 100)
        #expect(csv.contains("jazz-night,total,total,,,,,,,135.00,55.00,\(net),EUR\r\n"), "\(csv)")
        #expect(csv.contains("jazz-night,tier,VIP,1,1,0,0,80.00,,,,,EUR\r\n"), "\(csv)")
        let text = try box.run(["report", "sales"]).stdout
        #expect(text.contains("Parking (add-on)") && text.contains("135.00 EUR"), "\(text)")
    }

    @Test("check-ins: admitted of valid, inside now, by gate, per quarter hour drawn in blocks")
    func checkins() throws {
        let (box, _) = try scripted()
        let result = try box.run(["report", "checkins", "--event", "jazz-night", "--json"])
        #expect(result.status == 0, "\(result)")
        let r = result.json
        #expect(r["admitted"] as? Int == 1 && r["inside"] as? Int == 1 && r["rejected"] as? Int == 1, "\(r)")
        #expect(r["admissible"] as? Int == 3, "Standard used, VIP (partly refunded, still valid), Guest; the add-on does not admit")
        let gates = (r["gates"] as! [[String: Any]]).map { "\($0["gate"]!):\($0["admitted"]!)/\($0["rejected"]!)/\($0["undone"]!)" }
        // Standing entries only: gate B's admission was undone, and shows as undone.
        #expect(gates == ["A:1/0/0", "B:0/1/1"])
        let quarters = r["quarters"] as! [[String: Any]]
        #expect(quarters.reduce(0) { $0 + ($1["admitted"] as! Int) } == 1)
        #expect(quarters.first?["start"] as? String == "2026-05-01T10:00:00Z")
        let text = try box.run(["report", "checkins", "--event", "jazz-night"]).stdout
        #expect(text.contains("1 of 3 valid tickets"), "\(text)")
        #expect(text.contains("12:00 ████████████████████████████████████████ 1"), "\(text)")
        let csv = try box.run(["report", "checkins", "--event", "jazz-night", "--format", "csv"]).stdout
        #expect(csv.contains("gate,B,0,0,1,1\r\n"), "\(csv)")
        let sales = try #require((try box.run(["report", "sales", "--event", "jazz-night", "--json"]).json["events"] as? [[String: Any]])?.first)
        let used = (sales["tiers"] as! [[String: Any]]).reduce(0) { $0 + ($1["used"] as! Int) }
        #expect(used == r["admitted"] as? Int, "the sales report's used tickets are the check-in report's admitted ones")
    }

    @Test("audit: the whole log for admins, oldest first, --since, an organizer's event only; JSON and CSV")
    func audit() throws {
        let (box, _) = try scripted()
        try box.login("admin@example.org", Sandbox.adminPassword)
        let all = try box.run(["report", "audit", "--json"])
        #expect(all.status == 0, "\(all)")
        let items = all.json["items"] as! [[String: Any]]
        #expect(items.count == (try box.domainEventTypes().count))
        #expect(items.map { $0["seq"] as! Int } == items.map { $0["seq"] as! Int }.sorted())
        #expect(all.json["total"] as? Int == items.count)
        #expect(items.allSatisfy { DomainEventKind(rawValue: $0["type"] as! String) != nil }, "every recorded kind is one of the enum's")
        #expect(items.contains { $0["type"] as? String == "refund.issued" && $0["actor"] as? String == "olga@example.org" })
        let since = try box.run(["report", "audit", "--since", "2030-01-01T00:00Z", "--json"]).json
        #expect(since["total"] as? Int == 0)
        // The data of each line is the JSON object it is, not a string holding one.
        let refund = try #require(items.first { $0["type"] as? String == "refund.issued" })
        #expect((refund["data"] as? [String: Any])?["reason"] != nil, "\(refund)")
        let csv = try box.run(["report", "audit", "--format", "csv"]).stdout
        #expect(csv.hasPrefix("seq,occurred_at,type,actor,subject,data\r\n"))
        let table = try box.run(["report", "audit"]).stdout
        #expect(table.hasPrefix("SEQ") && table.contains("CHANGE") && table.contains("DATA"), "\(table.prefix(200))")
        try box.login("olga@example.org", "a-good-password")
        let mine = try box.run(["report", "audit", "--event", "jazz-night", "--json"]).json["items"] as! [[String: Any]]
        #expect(!mine.isEmpty && mine.count < items.count)
        #expect(!mine.contains { ($0["type"] as! String).hasPrefix("user.") }, "an organizer sees their event's changes, not logins")
        #expect(mine.contains { $0["type"] as? String == "scan.undone" })
    }

    @Test("bad input and permissions: clear errors and exit codes, the store unchanged")
    func refusals() throws {
        let (box, _) = try scripted()
        let before = try box.snapshot()
        #expect(try box.run(["report", "checkins"]).status == 64)
        #expect(try box.run(["report", "sales", "--format", "xml"]).status == 64)
        #expect(try box.run(["report", "sales", "--event", "nope"]).status == 3)
        #expect(try box.run(["report", "audit", "--since", "soon"]).status == 65)
        let organizer = try box.run(["report", "audit", "--json"])
        #expect(organizer.status == 64 && (organizer.errorJSON["message"] as? String)?.contains("--event") == true, "\(organizer)")
        #expect(try box.snapshot() == before)
        try box.login("otto@example.org", "a-good-password")
        #expect(try box.run(["report", "sales", "--event", "jazz-night"]).status == 77)
        try box.login("ana@example.org", "a-good-password")
        #expect(try box.run(["report", "sales"]).status == 77)
        #expect(try box.run(["doctor"]).status == 77)
    }

    @Test("doctor: all OK on a fresh store (exit 0); a readable store file or a blocked outbox FAIL (exit 1)")
    func doctor() throws {
        let box = try Sandbox().onSale()
        try box.login("admin@example.org", Sandbox.adminPassword)
        let healthy = try box.run(["doctor", "--json"])
        #expect(healthy.status == 0, "\(healthy)")
        let checks = healthy.json["checks"] as! [[String: Any]]
        #expect(
            Set(checks.map { $0["name"] as! String }) == [
                "integrity", "foreign keys", "schema", "signing key", "permissions", "outbox",
                "notifications", "holds", "report counts", "check-in counts", "look-alike accounts", "test processor",
            ])
        // The test processor is on until an admin turns it off: a warning, not a failure.
        #expect(checks.allSatisfy { $0["status"] as? String == ($0["name"] as? String == "test processor" ? "WARN" : "OK") }, "\(checks)")
        if !Sandbox.onPostgres {  // a server store has no file of ours to check
            chmod(box.db, 0o644)
            let loose = try box.run(["doctor"])
            #expect(loose.status == 1)
            #expect(loose.stdout.contains("FAIL  permissions"), "\(loose.stdout)")
            chmod(box.db, 0o600)
        }
        // A message waiting over an hour is a warning, not a failure.
        _ = try box.paidOrder()
        #expect(try box.run(["doctor"]).stdout.contains("OK    notifications"))
        let later = try box.run(["doctor"], environment: ["BILLETTERIE_NOW": "2026-05-01T13:00:00Z"])
        #expect(later.status == 0 && later.stdout.contains("WARN  notifications"), "\(later.stdout)")
        try FileManager.default.createDirectory(atPath: box.folder + "/store", withIntermediateDirectories: true)
        try "x".write(toFile: box.folder + "/store/outbox", atomically: true, encoding: .utf8)
        let blocked = try box.run(["doctor"])
        #expect(blocked.status == 1 && blocked.stdout.contains("FAIL  outbox"), "\(blocked.stdout)")
    }
}

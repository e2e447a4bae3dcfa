import Foundation
import Testing

extension Sandbox {
    /// A store with an admin, an organizer (olga) logged in, and "now" fixed at 2026-05-01.
    func withOrganizer() throws -> Sandbox {
        environment["BILLETTERIE_NOW"] = "2026-05-01T10:00:00Z"
        _ = try initialized()
        try register("olga@example.org", role: "organizer")
        try register("otto@example.org", role: "organizer")
        try register("ana@example.org")
        try register("door@example.org", role: "staff")
        try login("olga@example.org", "a-good-password")
        return self
    }

    @discardableResult
    func createEvent(_ title: String, _ extra: [String] = []) throws -> [String: Any] {
        let result = try run(
            [
                "event", "create", "--title", title, "--starts-at", "2026-06-21T20:30", "--venue", "Salle Pleyel",
                "--timezone", "Europe/Paris", "--json",
            ] + extra)
        #expect(result.status == 0, "\(result)")
        return result.json
    }
}

@Suite("event create, show, update, publish, cancel, delete")
struct EventTests {
    @Test("create makes a draft with a slug, a key, its venue, times stored in UTC")
    func create() throws {
        let box = try Sandbox().withOrganizer()
        let event = try box.createEvent(
            "Jazz Night",
            [
                "--address", "252 rue du Faubourg", "--category", "Concert", "--capacity", "500",
                "--description", "Modern jazz",
            ])
        #expect((event["id"] as? String)?.hasPrefix("evt_") == true)
        #expect(event["slug"] as? String == "jazz-night")
        #expect(event["key"] as? String == "jazz-night")
        #expect(event["status"] as? String == "draft")
        #expect(event["starts_at"] as? String == "2026-06-21T18:30:00Z")
        #expect(event["ends_at"] as? String == "2026-06-21T21:30:00Z", "3 hours by default")
        #expect(event["category"] as? String == "concert")
        #expect(event["capacity"] as? Int == 500)
        #expect(event["venue"] as? [String: String] == ["name": "Salle Pleyel", "address": "252 rue du Faubourg"])
        #expect(try box.domainEventTypes().suffix(2) == ["venue.created", "event.created"])
    }

    @Test("an event in America/New_York shows its local time and stores UTC")
    func timeZones() throws {
        let box = try Sandbox().withOrganizer()
        let result = try box.run([
            "event", "create", "--title", "Fourth of July", "--starts-at", "2026-07-04T19:00",
            "--ends-at", "2026-07-04T22:00", "--timezone", "America/New_York", "--venue", "Pier 17", "--json",
        ])
        #expect(result.json["starts_at"] as? String == "2026-07-04T23:00:00Z")
        #expect(result.json["starts_at_local"] as? String == "2026-07-04T19:00:00-04:00")
        #expect(result.json["timezone"] as? String == "America/New_York")
        let shown = try box.run(["event", "show", "fourth-of-july"])
        #expect(shown.stdout.contains("2026-07-04 19:00 → 22:00"))
        #expect(shown.stdout.contains("America/New_York"))
        // An offset given explicitly wins over the zone.
        let offset = try box.run([
            "event", "create", "--title", "Offset", "--starts-at", "2026-07-04T19:00:00Z",
            "--timezone", "America/New_York", "--venue", "Pier 17", "--json",
        ])
        #expect(offset.json["starts_at"] as? String == "2026-07-04T19:00:00Z")
    }

    @Test("slugs fold accents and take -2, -3 when taken")
    func slugs() throws {
        let box = try Sandbox().withOrganizer()
        #expect(try box.createEvent("Zoé à l'Opéra !")["slug"] as? String == "zoe-a-l-opera")
        #expect(try box.createEvent("Zoé à l'Opéra !")["slug"] as? String == "zoe-a-l-opera-2")
        #expect(try box.createEvent("ZOE A L OPERA")["slug"] as? String == "zoe-a-l-opera-3")
    }

    @Test(
        "bad values are exit 65 naming the value; the store is unchanged",
        arguments: [
            (["--title", "X", "--starts-at", "21/06/2026", "--venue", "V"], "invalid start time '21/06/2026'"),
            (["--title", "X", "--starts-at", "2026-06-21T20:00", "--ends-at", "2026-06-21T19:00", "--venue", "V"], "before it starts"),
            (["--title", "X", "--starts-at", "2026-06-21T20:00", "--venue", "V", "--timezone", "Paris"], "unknown time zone 'Paris'"),
            (["--title", "X", "--starts-at", "2026-06-21T20:00", "--venue", "V", "--currency", "EURO"], "unknown currency 'EURO'"),
            (["--title", "X", "--starts-at", "2026-06-21T20:00", "--venue", "V", "--capacity=-5"], "invalid capacity -5"),
            (["--title", "  ", "--starts-at", "2026-06-21T20:00", "--venue", "V"], "invalid title"),
            (
                [
                    "--title", "X", "--starts-at", "2026-06-21T20:00", "--venue", "V", "--sales-start", "2026-06-01T00:00",
                    "--sales-end", "2026-05-01T00:00",
                ], "the sales window ends"
            ),
        ])
    func badValues(arguments: [String], message: String) throws {
        let box = try Sandbox().withOrganizer()
        let before = try box.snapshot()
        let zone = arguments.contains("--timezone") ? [] : ["--timezone", "Europe/Paris"]
        let result = try box.run(["event", "create"] + zone + arguments)
        #expect(result.status == 65, "\(result)")
        #expect(result.stderr.contains(message), "\(result)")
        #expect(try box.snapshot() == before)
    }

    @Test("a missing title, start or venue is a usage error (exit 64)")
    func missingRequired() throws {
        let box = try Sandbox().withOrganizer()
        let result = try box.run(["event", "create", "--title", "X"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("missing --starts-at, --venue"))
    }

    @Test("draft → published → cancelled; anything else is exit 4 naming the status, store unchanged")
    func transitions() throws {
        let box = try Sandbox().withOrganizer()
        try box.createEvent("Jazz Night")
        #expect(try box.run(["event", "publish", "jazz-night"]).status == 0)
        var before = try box.snapshot()
        let again = try box.run(["event", "publish", "jazz-night", "--json"])
        #expect(again.status == 4)
        #expect(again.errorJSON["code"] as? String == "transition_not_allowed")
        #expect(again.errorJSON["message"] as? String == "cannot publish 'jazz-night': it is published")
        #expect(try box.snapshot() == before)

        let cancelled = try box.run(["event", "cancel", "jazz-night", "--reason", "The band is ill", "--json"])
        #expect(cancelled.status == 0)
        #expect(cancelled.json["status"] as? String == "cancelled")
        #expect(cancelled.json["cancel_reason"] as? String == "The band is ill")
        before = try box.snapshot()
        for arguments in [
            ["event", "publish", "jazz-night"], ["event", "cancel", "jazz-night", "--reason", "x"],
            ["event", "update", "jazz-night", "--title", "New"], ["event", "delete", "jazz-night"],
            ["event", "tier", "add", "jazz-night", "--name", "VIP", "--price", "10"],
        ] {
            let result = try box.run(arguments)
            #expect(result.status == 4, "\(arguments): \(result)")
            #expect(result.stderr.contains("is cancelled"), "\(arguments): \(result)")
        }
        #expect(try box.snapshot() == before)
        #expect(try box.domainEventTypes().suffix(2) == ["event.published", "event.cancelled"])

        // A draft may be cancelled too; a reason is required.
        try box.createEvent("Draft")
        #expect(try box.run(["event", "cancel", "draft", "--reason", "  "]).status == 65)
        #expect(try box.run(["event", "cancel", "draft", "--reason", "Not needed"]).status == 0)
    }

    @Test("an event that has ended is past: shown so, no longer published or changed")
    func past() throws {
        let box = try Sandbox().withOrganizer()
        try box.createEvent("Jazz Night")
        let later = ["BILLETTERIE_NOW": "2026-06-22T00:00:00Z"]
        try box.run(["user", "login", "--email", "olga@example.org", "--password-stdin"], stdin: "a-good-password\n", environment: later)
        #expect(try box.run(["event", "show", "jazz-night", "--json"], environment: later).json["status"] as? String == "past")
        let publish = try box.run(["event", "publish", "jazz-night"], environment: later)
        #expect(publish.status == 4)
        #expect(publish.stderr.contains("it is past"))
        #expect(try box.run(["event", "update", "jazz-night", "--title", "X"], environment: later).status == 4)
    }

    @Test("update changes only what is given; moving the start moves the end; nothing changed records nothing")
    func update() throws {
        let box = try Sandbox().withOrganizer()
        try box.createEvent("Jazz Night", ["--ends-at", "2026-06-21T23:00", "--capacity", "500"])
        let moved = try box.run(["event", "update", "jazz-night", "--starts-at", "2026-06-22T20:30", "--json"])
        #expect(moved.status == 0, "\(moved)")
        #expect(moved.json["starts_at"] as? String == "2026-06-22T18:30:00Z")
        #expect(moved.json["ends_at"] as? String == "2026-06-22T21:00:00Z")
        #expect(moved.json["capacity"] as? Int == 500)
        #expect(moved.json["slug"] as? String == "jazz-night", "the slug stays when the title changes too")
        let events = try box.domainEventTypes().count
        #expect(try box.run(["event", "update", "jazz-night", "--capacity", "500"]).status == 0)
        #expect(try box.domainEventTypes().count == events)
    }

    @Test("a title shared by two events is ambiguous (exit 65 naming their slugs); slugs and ids always work")
    func ambiguousTitle() throws {
        let box = try Sandbox().withOrganizer()
        try box.createEvent("Jazz Night")
        let second = try box.createEvent("Jazz Night")
        let result = try box.run(["event", "show", "JAZZ NIGHT"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("is the title of 2 events (jazz-night, jazz-night-2)"))
        #expect(try box.run(["event", "show", "jazz-night-2"]).status == 0)
        #expect(try box.run(["event", "show", second["id"] as! String]).status == 0)
        #expect(try box.run(["event", "show", "no-such-event"]).status == 3)
    }

    @Test("creating or changing events needs a login (exit 77); browsing does not")
    func needsLogin() throws {
        let box = try Sandbox().withOrganizer()
        try box.createEvent("Jazz Night", ["--publish"])
        try box.run(["user", "logout"])
        let before = try box.snapshot()
        let create = try box.run(["event", "create", "--title", "X", "--starts-at", "2026-06-21T20:30", "--venue", "V", "--timezone", "UTC"])
        #expect(create.status == 77)
        #expect(create.stderr.contains("not logged in"))
        #expect(try box.run(["event", "update", "jazz-night", "--title", "Y"]).status == 77)
        #expect(try box.snapshot() == before)
        #expect(try box.run(["event", "show", "jazz-night"]).status == 0)
    }

    @Test("delete removes drafts only")
    func delete() throws {
        let box = try Sandbox().withOrganizer()
        try box.createEvent("Draft")
        try box.createEvent("Live", ["--publish"])
        #expect(try box.run(["event", "delete", "draft"]).status == 0)
        #expect(try box.run(["event", "show", "draft"]).status == 3)
        let live = try box.run(["event", "delete", "live"])
        #expect(live.status == 4)
        #expect(live.stderr.contains("only drafts can be deleted"))
    }

    @Test("ownership: drafts are hidden (exit 3), others' events cannot be changed (exit 77), admins change all")
    func ownership() throws {
        let box = try Sandbox().withOrganizer()
        try box.createEvent("Olga Draft")
        try box.createEvent("Olga Live", ["--publish"])

        try box.login("otto@example.org", "a-good-password")
        #expect(try box.run(["event", "show", "olga-draft"]).status == 3)
        #expect(try box.run(["event", "update", "olga-draft", "--title", "Mine"]).status == 3)
        let listed = try box.run(["event", "list", "--json"])
        #expect((listed.json["items"] as? [[String: Any]])?.map { $0["slug"] as? String } == ["olga-live"])
        let before = try box.snapshot()
        let foreign = try box.run(["event", "update", "olga-live", "--title", "Mine"])
        #expect(foreign.status == 77)
        #expect(foreign.stderr.contains("changing another organizer's event needs the admin role"))
        #expect(try box.run(["event", "tier", "add", "olga-live", "--name", "X", "--price", "1"]).status == 77)
        #expect(try box.snapshot() == before)

        try box.login("ana@example.org", "a-good-password")
        #expect(try box.run(["event", "show", "olga-live"]).status == 0)
        let participant = try box.run([
            "event", "create", "--title", "Mine", "--starts-at", "2026-06-21T20:30", "--venue", "V",
            "--timezone", "Europe/Paris",
        ])
        #expect(participant.status == 77)
        #expect(participant.stderr.contains("creating an event needs the admin or organizer role; you are a participant"))
        #expect(try box.run(["event", "cancel", "olga-live", "--reason", "x"]).status == 77)

        try box.login("door@example.org", "a-good-password")
        #expect(try box.run(["event", "tier", "list", "olga-live"]).status == 0)

        try box.login("admin@example.org", Sandbox.adminPassword)
        #expect(try box.run(["event", "update", "olga-draft", "--title", "Renamed by admin"]).status == 0)
    }
}

@Suite("event tiers")
struct TierTests {
    @Test("admission tiers and add-ons with prices in minor units")
    func addAndList() throws {
        let box = try Sandbox().withOrganizer()
        try box.createEvent("Jazz Night", ["--capacity", "500"])
        let vip = try box.run(["event", "tier", "add", "jazz-night", "--name", "VIP", "--price", "80", "--quota", "50", "--json"])
        #expect(vip.status == 0, "\(vip)")
        #expect((vip.json["id"] as? String)?.hasPrefix("tier_") == true)
        #expect(vip.json["price_minor"] as? Int == 8000)
        #expect(vip.json["currency"] as? String == "EUR")
        #expect(
            try box.run([
                "event", "tier", "add", "jazz-night", "--name", "Standard", "--price", "25.5", "--quota", "450",
                "--max-per-order", "6",
            ]).status == 0)
        // An add-on's quota is its own: it may exceed the capacity.
        let parking = try box.run(["event", "tier", "add", "jazz-night", "--name", "Parking", "--price", "8", "--quota", "600", "--addon", "--json"])
        #expect(parking.json["addon"] as? Bool == true)
        let list = try box.run(["event", "tier", "list", "jazz-night", "--json"])
        #expect(list.json["total"] as? Int == 3)
        #expect((list.json["items"] as? [[String: Any]])?.map { $0["price_minor"] as? Int } == [8000, 2550, 800])
        let table = try box.run(["event", "tier", "list", "jazz-night"])
        #expect(table.stdout.contains("25.50 EUR"))
        #expect(try box.domainEventTypes().filter { $0 == "tier.created" }.count == 3)
    }

    @Test(
        "bad tiers are exit 65 naming the value; duplicates exit 4; the store is unchanged",
        arguments: [
            (["--name", "Neg", "--price=-5"], 65, "invalid price '-5': it is negative"),
            (["--name", "Cents", "--price", "5.555"], 65, "EUR has 2 decimals"),
            (["--name", "Word", "--price", "ten"], 65, "invalid price 'ten'"),
            (["--name", "Window", "--price", "5", "--sales-start", "2026-06-01T00:00", "--sales-end", "2026-05-01T00:00"], 65, "ends"),
            (["--name", "Max", "--price", "5", "--max-per-order", "0"], 65, "invalid max per order 0"),
            (["--name", "vip", "--price", "5"], 4, "already has a tier named 'vip'"),
        ])
    func refusals(arguments: [String], status: Int32, message: String) throws {
        let box = try Sandbox().withOrganizer()
        try box.createEvent("Jazz Night", ["--capacity", "500"])
        #expect(try box.run(["event", "tier", "add", "jazz-night", "--name", "VIP", "--price", "80"]).status == 0)
        let before = try box.snapshot()
        let result = try box.run(["event", "tier", "add", "jazz-night"] + arguments)
        #expect(result.status == status, "\(result)")
        #expect(result.stderr.contains(message), "\(result)")
        #expect(try box.snapshot() == before)
    }

    @Test("prices follow the event's currency: JPY has no decimals")
    func currencyDecimals() throws {
        let box = try Sandbox().withOrganizer()
        try box.createEvent("Tokyo", ["--currency", "JPY"])
        #expect(try box.run(["event", "tier", "add", "tokyo", "--name", "A", "--price", "1500", "--json"]).json["price_minor"] as? Int == 1500)
        #expect(try box.run(["event", "tier", "add", "tokyo", "--name", "B", "--price", "15.5"]).status == 65)
    }

    @Test("tier update by id or by name with --event; a quota may pass the capacity; neither goes below what is sold or held (4)")
    func update() throws {
        let box = try Sandbox().withOrganizer()
        try box.createEvent("Jazz Night", ["--capacity", "500", "--publish"])
        let id = try box.run(["event", "tier", "add", "jazz-night", "--name", "VIP", "--price", "80", "--quota", "50", "--json"]).json["id"] as! String
        #expect(try box.run(["event", "tier", "update", id, "--price", "90", "--json"]).json["price_minor"] as? Int == 9000)
        #expect(try box.run(["event", "tier", "update", "vip", "--event", "jazz-night", "--quota", "60", "--json"]).json["quota"] as? Int == 60)
        #expect(try box.run(["event", "tier", "update", "vip"]).status == 3)
        // CLI.md section 9: a quota above the capacity is fine; the capacity bounds the sum.
        #expect(try box.run(["event", "tier", "add", "jazz-night", "--name", "Huge", "--price", "10", "--quota", "501"]).status == 0)
        #expect(try box.run(["event", "update", "jazz-night", "--capacity", "40"]).status == 0)
        #expect(try box.run(["ticket", "reserve", "--event", "jazz-night", "--tier", "VIP", "--quantity", "3", "--buyer", "a@example.org"]).status == 0)
        let before = try box.snapshot()
        let capacity = try box.run(["event", "update", "jazz-night", "--capacity", "2", "--json"])
        #expect(capacity.status == 4 && capacity.errorJSON["code"] as? String == "capacity_below_sold", "\(capacity)")
        let quota = try box.run(["event", "tier", "update", "vip", "--event", "jazz-night", "--quota", "2", "--json"])
        #expect(quota.status == 4 && quota.errorJSON["code"] as? String == "quota_below_sold", "\(quota)")
        #expect(try box.snapshot() == before)
    }
}

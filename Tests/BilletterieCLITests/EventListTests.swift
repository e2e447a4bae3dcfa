import Foundation
import Testing

@Suite("event list")
struct EventListTests {
    /// Five events: two upcoming published, one draft, one cancelled, one past.
    func store() throws -> Sandbox {
        let box = try Sandbox().withOrganizer()
        try box.run([
            "event", "create", "--title", "Jazz Night", "--starts-at", "2026-06-21T20:30", "--venue", "Salle Pleyel",
            "--category", "concert", "--description", "Modern jazz with the Trio Lumière", "--publish", "--timezone", "Europe/Paris",
        ])
        try box.run([
            "event", "create", "--title", "Hamlet", "--starts-at", "2026-05-20T19:00", "--venue", "Théâtre du Châtelet",
            "--category", "Theatre", "--publish", "--timezone", "Europe/Paris",
        ])
        try box.run([
            "event", "create", "--title", "Secret Gig", "--starts-at", "2026-07-01T21:00", "--venue", "Salle Pleyel",
            "--category", "concert", "--timezone", "Europe/Paris",
        ])
        try box.run([
            "event", "create", "--title", "Cancelled Concert", "--starts-at", "2026-06-01T20:00", "--venue", "Salle Pleyel",
            "--category", "concert", "--publish", "--timezone", "Europe/Paris",
        ])
        try box.run(["event", "cancel", "cancelled-concert", "--reason", "Storm"])
        try box.run(
            [
                "event", "create", "--title", "Old Jazz", "--starts-at", "2026-04-01T20:00", "--venue", "Salle Pleyel",
                "--category", "concert", "--timezone", "Europe/Paris",
            ], environment: ["BILLETTERIE_NOW": "2026-03-01T00:00:00Z"])
        try box.run(["event", "publish", "old-jazz"], environment: ["BILLETTERIE_NOW": "2026-03-01T00:00:00Z"])
        return box
    }

    func slugs(_ result: Sandbox.Result) -> [String] {
        (result.json["items"] as? [[String: Any]])?.compactMap { $0["slug"] as? String } ?? []
    }

    @Test("by default: upcoming events the caller may see, soonest first")
    func defaults() throws {
        let box = try store()
        #expect(slugs(try box.run(["event", "list", "--json"])) == ["hamlet", "jazz-night", "secret-gig"])
        try box.login("ana@example.org", "a-good-password")
        #expect(slugs(try box.run(["event", "list", "--json"])) == ["hamlet", "jazz-night"])
        try box.run(["user", "logout"])
        #expect(slugs(try box.run(["event", "list", "--json"])) == ["hamlet", "jazz-night"], "anyone may browse published events")
    }

    @Test("--status past, cancelled, draft")
    func statuses() throws {
        let box = try store()
        #expect(slugs(try box.run(["event", "list", "--status", "past", "--json"])) == ["old-jazz"])
        #expect(slugs(try box.run(["event", "list", "--status", "cancelled", "--json"])) == ["cancelled-concert"])
        #expect(slugs(try box.run(["event", "list", "--status", "draft", "--json"])) == ["secret-gig"])
        #expect(try box.run(["event", "list", "--status", "sold-out"]).status == 65)
    }

    @Test("--query searches title, description, venue and category, by word prefix, accents folded")
    func search() throws {
        let box = try store()
        #expect(slugs(try box.run(["event", "list", "--query", "jazz", "--json"])) == ["jazz-night"])
        #expect(slugs(try box.run(["event", "list", "--query", "lumiere", "--json"])) == ["jazz-night"])
        #expect(slugs(try box.run(["event", "list", "--query", "chatelet", "--json"])) == ["hamlet"])
        #expect(slugs(try box.run(["event", "list", "--query", "theat", "--json"])) == ["hamlet"])
        #expect(slugs(try box.run(["event", "list", "--query", "pleyel concert", "--json"])) == ["jazz-night", "secret-gig"])
        // FTS5 syntax in what people type is taken as words, never as a (broken) query.
        #expect(slugs(try box.run(["event", "list", "--query", "\"jazz*", "--json"])) == ["jazz-night"])
        let syntax = try box.run(["event", "list", "--query", "\"jazz\" OR NEAR(", "--json"])
        #expect(syntax.status == 0)
        #expect(slugs(syntax) == [])
        #expect(slugs(try box.run(["event", "list", "--query", "opera", "--json"])) == [])
    }

    @Test("filters: category, venue, date range; paging keeps the total")
    func filters() throws {
        let box = try store()
        #expect(slugs(try box.run(["event", "list", "--category", "Theatre", "--json"])) == ["hamlet"])
        #expect(slugs(try box.run(["event", "list", "--venue", "salle pleyel", "--json"])) == ["jazz-night", "secret-gig"])
        #expect(slugs(try box.run(["event", "list", "--from", "2026-06-01T00:00Z", "--to", "2026-06-30T00:00Z", "--json"])) == ["jazz-night"])
        let page = try box.run(["event", "list", "--limit", "1", "--offset", "1", "--json"])
        #expect(slugs(page) == ["jazz-night"])
        #expect(page.json["total"] as? Int == 3)
        #expect(try box.run(["event", "list", "--from", "June"]).status == 65)
        #expect(try box.run(["event", "list", "--limit", "0"]).status == 64)
    }

    @Test("the table is aligned, with local times")
    func table() throws {
        let box = try store()
        let lines = try box.run(["event", "list"]).stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("WHEN") == true)
        #expect(lines.contains { $0.contains("2026-06-21 20:30 → 23:30") && $0.contains("Jazz Night") })
        let titleColumn = lines[0].range(of: "TITLE")!.lowerBound.utf16Offset(in: lines[0])
        #expect(
            lines.dropFirst().allSatisfy { line in
                let prefix = line.prefix(titleColumn)
                return prefix.last == " " && line.count > titleColumn
            })
    }
}

@Suite("event import and export")
struct EventFileTests {
    static let examples = ConventionTests.repository.appendingPathComponent("Docs/examples").path

    @Test("importing a file twice creates the event once, then changes nothing")
    func idempotent() throws {
        let box = try Sandbox().withOrganizer()
        let first = try box.run(["event", "import", Self.examples + "/jazz-night.yaml", "--json"])
        #expect(first.status == 0, "\(first)")
        #expect(first.json["outcome"] as? String == "created")
        let event = first.json["event"] as? [String: Any]
        #expect(event?["key"] as? String == "jazz-night-2026")
        #expect(event?["status"] as? String == "published")
        #expect(event?["starts_at"] as? String == "2027-06-21T18:30:00Z")
        #expect((event?["tiers"] as? [[String: Any]])?.map { $0["price_minor"] as? Int } == [8000, 2550, 800])
        let before = try box.snapshot()
        let second = try box.run(["event", "import", Self.examples + "/jazz-night.yaml", "--json"])
        #expect(second.json["outcome"] as? String == "unchanged")
        #expect(try box.snapshot() == before)
    }

    @Test("a changed file updates what changed, and only that")
    func update() throws {
        let box = try Sandbox().withOrganizer()
        #expect(try box.run(["event", "import", Self.examples + "/tech-conference.json"]).status == 0)
        var text = try String(contentsOfFile: Self.examples + "/tech-conference.json", encoding: .utf8)
        text = text.replacingOccurrences(of: "\"capacity\": 800", with: "\"capacity\": 900")
            .replacingOccurrences(of: "\"price\": 299", with: "\"price\": \"279.50\"")
            .replacingOccurrences(
                of: "{\"name\": \"Workshop lunch\"", with: "{\"name\": \"T-shirt\", \"price\": 15, \"addon\": true},\n    {\"name\": \"Workshop lunch\"")
        let changed = box.folder + "/conference.json"
        try text.write(toFile: changed, atomically: true, encoding: .utf8)
        let events = try box.domainEventTypes().count
        let result = try box.run(["event", "import", changed, "--json"])
        #expect(result.json["outcome"] as? String == "updated", "\(result)")
        #expect(Array(try box.domainEventTypes().dropFirst(events)) == ["event.updated", "tier.updated", "tier.created"])
        let tiers = try box.run(["event", "tier", "list", "swift-conf-2027", "--json"]).json["items"] as? [[String: Any]]
        #expect(tiers?.map { $0["name"] as? String } == ["Early bird", "Regular", "Workshop lunch", "T-shirt"])
        #expect(tiers?[1]["price_minor"] as? Int == 27950)
    }

    @Test("export then import round-trips, in JSON and YAML, in this store and a new one", arguments: ["json", "yaml"])
    func roundTrip(format: String) throws {
        let box = try Sandbox().withOrganizer()
        #expect(try box.run(["event", "import", Self.examples + "/tech-conference.json"]).status == 0)
        let file = box.folder + "/export.\(format)"
        #expect(try box.run(["event", "export", "swift-conf-2027", "--format", format, "-o", file]).status == 0)
        #expect(box.mode(file) == 0o600)
        let before = try box.snapshot()
        #expect(try box.run(["event", "import", file, "--json"]).json["outcome"] as? String == "unchanged")
        #expect(try box.snapshot() == before)

        let original = try box.run(["event", "show", "swift-conf-2027", "--json"]).json
        let other = Sandbox()
        other.environment["BILLETTERIE_NOW"] = "2026-05-01T10:00:00Z"
        _ = try other.initialized()
        #expect(try other.run(["event", "import", file]).status == 0)
        let copy = try other.run(["event", "show", "swift-conf-2027", "--json"]).json
        for field in ["title", "starts_at", "ends_at", "timezone", "capacity", "category", "sales_start", "sales_end", "status"] {
            #expect("\(copy[field] ?? "nil")" == "\(original[field] ?? "nil")", "\(field)")
        }
        #expect(
            (copy["tiers"] as? [[String: Any]])?.map { "\($0["name"]!) \($0["price_minor"]!)" }
                == (original["tiers"] as? [[String: Any]])?.map { "\($0["name"]!) \($0["price_minor"]!)" })
    }

    @Test(
        "a bad file is exit 65 with the place named, and nothing is imported",
        arguments: [
            ("key: a\ntitle: T\nstarts_at: 2027-01-01T20:00\ntimezone: Europe/Paris\nvenue: V\ntiers:\n  - name: A\n    prise: 5\n", "tiers[0].prise"),
            ("key: a\ntitle: T\nstarts_at: 2027-01-01T20:00\ntimezone: Europe/Paris\nvenue: V\ntiers:\n  - name: A\n    price: 5.555\n", "EUR has 2 decimals"),
            ("key: a\ntitle: T\nstarts_at: 2027-01-01T20:00\ntimezone: Europe/Paris\nvenue: V\ntiers:\n  - name: A\n    price: -3\n", "negative"),
            ("key: a\ntitle: T\nstarts_at: someday\ntimezone: Europe/Paris\nvenue: V\n", "invalid start time 'someday'"),
            ("title: T\nstarts_at: 2027-01-01T20:00\nvenue: V\n", "has no 'key'"),
            ("key: a\ntitle: T\nvenue: V\n", "needs 'starts_at'"),
            ("key: a\ntitle: T\nstarts_at: 2027-01-01T20:00\ntimezone: Europe/Paris\nvenue: V\ncapacity: many\n", "'capacity' should be a whole number"),
            ("key: [unclosed\n", "not valid YAML"),
        ])
    func badFiles(yaml: String, message: String) throws {
        let box = try Sandbox().withOrganizer()
        let file = box.folder + "/bad.yaml"
        try yaml.write(toFile: file, atomically: true, encoding: .utf8)
        let before = try box.snapshot()
        let result = try box.run(["event", "import", file])
        #expect(result.status == 65, "\(result)")
        #expect(result.stderr.contains(message), "\(result)")
        #expect(try box.snapshot() == before)
    }

    @Test("a missing file is exit 66; a participant may not import (exit 77)")
    func refusals() throws {
        let box = try Sandbox().withOrganizer()
        let missing = try box.run(["event", "import", box.folder + "/nope.yaml"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("no such file"))
        try box.login("ana@example.org", "a-good-password")
        #expect(try box.run(["event", "import", Self.examples + "/jazz-night.yaml"]).status == 77)
    }

    @Test("another organizer's key is not overwritten")
    func foreignKey() throws {
        let box = try Sandbox().withOrganizer()
        #expect(try box.run(["event", "import", Self.examples + "/jazz-night.yaml"]).status == 0)
        try box.login("otto@example.org", "a-good-password")
        let before = try box.snapshot()
        var text = try String(contentsOfFile: Self.examples + "/jazz-night.yaml", encoding: .utf8)
        text = text.replacingOccurrences(of: "capacity: 500", with: "capacity: 400")
        try text.write(toFile: box.folder + "/mine.yaml", atomically: true, encoding: .utf8)
        let result = try box.run(["event", "import", box.folder + "/mine.yaml"])
        #expect(result.status == 77)
        #expect(try box.snapshot() == before)
    }
}

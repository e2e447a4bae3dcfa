import Foundation
import Testing

@Suite("ticket import")
struct ImportTests {
    func write(_ box: Sandbox, _ text: String, name: String = "guests.csv") throws -> String {
        let path = box.folder + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("a guest list becomes paid orders with valid tickets, in one go; a rerun skips what is there")
    func importAndRerun() throws {
        let box = try Sandbox().onSale()
        let file = try write(
            box,
            "\u{FEFF}external_id,buyer_email,buyer_name,quantity,attendee_name\r\n"
                + "g1,ana@example.org,\"Lima, Ana\",2,\r\n" + "g2,BOB@example.org,Bob,1,Bobby\r\n")
        let first = try box.run(["ticket", "import", file, "--event", "jazz-night", "--tier", "Standard", "--json"])
        #expect(first.status == 0, "\(first)")
        #expect(first.json["orders"] as? Int == 2)
        #expect(first.json["tickets"] as? Int == 3)
        #expect(first.json["total_minor"] as? Int == 0, "comp by default")
        let tickets = try box.run(["ticket", "list", "--event", "jazz-night", "--json"]).json["items"] as! [[String: Any]]
        #expect(tickets.count == 3)
        #expect(tickets.allSatisfy { $0["status"] as? String == "valid" })
        #expect(tickets.map { $0["attendee_name"] as? String } == ["Lima, Ana", "Lima, Ana", "Bobby"])
        #expect(tickets[2]["attendee_email"] as? String == "bob@example.org")

        let before = try box.snapshot()
        let again = try box.run(["ticket", "import", file, "--event", "jazz-night", "--tier", "Standard", "--json"])
        #expect(again.json["orders"] as? Int == 0)
        #expect(again.json["skipped"] as? Int == 2)
        #expect(try box.snapshot() == before)
    }

    @Test("--paid-by cash records the price as paid; a tier column picks tiers per row")
    func cashAndTiers() throws {
        let box = try Sandbox().onSale()
        let file = try write(box, "tier,buyer_email,external_id\nVIP,ana@example.org,a\nStandard,bob@example.org,b\n")
        let result = try box.run(["ticket", "import", file, "--event", "jazz-night", "--paid-by", "cash", "--json"])
        #expect(result.status == 0, "\(result)")
        #expect(result.json["total_minor"] as? Int == 10500)
        let order = try box.run(["ticket", "list", "--buyer", "ana@example.org", "--json"]).json["items"] as! [[String: Any]]
        let shown = try box.run(["ticket", "show", order[0]["order_id"] as! String, "--json"]).json
        #expect(shown["paid_minor"] as? Int == 8000)
        #expect(shown["external_id"] as? String == "a")
        #expect(shown["channel"] as? String == "import")
    }

    @Test("every bad row is listed by line number; nothing is imported (exit 65)")
    func badRows() throws {
        let box = try Sandbox().onSale()
        let file = try write(
            box,
            """
            external_id,buyer_email,tier,quantity
            ok1,ana@example.org,Standard,1
            bad-email,not-an-email,Standard,1
            bad-tier,bob@example.org,Balcony,1
            "bad"quote,bob@example.org,Standard,1
            too,many,fields,1,2
            ok1,cy@example.org,Standard,1
            bad-qty,cy@example.org,Standard,zero
            soldout,dan@example.org,VIP,5
            "multi
            line",eve@example.org,Standard,1
            ok2,fay@example.org,Standard,1

            """)
        let before = try box.snapshot()
        let result = try box.run(["ticket", "import", file, "--event", "jazz-night"])
        #expect(result.status == 65, "\(result)")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines[0] == "billetterie: error: 8 bad rows in \(file); nothing was imported")
        #expect(
            lines.dropFirst().map { $0.trimmingCharacters(in: .whitespaces).components(separatedBy: ":")[0] }
                == ["line 3", "line 4", "line 5", "line 6", "line 7", "line 8", "line 9", "line 10"])
        #expect(result.stderr.contains("line 10: external_id holds a control character (U+000A)"), "\(result)")
        #expect(result.stderr.contains("line 4: no tier 'Balcony' in 'jazz-night' (its tiers: Standard, VIP, Guest, Parking)"))
        #expect(result.stderr.contains("line 7: external_id 'ok1' is already on line 2"))
        #expect(result.stderr.contains("line 9: sold out: VIP has 4 left of 4; 5 asked"))
        #expect(try box.snapshot() == before)

        let json = try box.run(["ticket", "import", file, "--event", "jazz-night", "--json"])
        #expect(json.errorJSON["code"] as? String == "bad_rows")
        #expect((json.errorJSON["details"] as? [String])?.count == 8)
    }

    @Test("the header must name the required columns, and only known ones")
    func header() throws {
        let box = try Sandbox().onSale()
        let file = try write(box, "id,email,colour\n1,ana@example.org,red\n")
        let result = try box.run(["ticket", "import", file, "--event", "jazz-night", "--tier", "VIP"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("line 1: the header lacks 'external_id'"))
        #expect(result.stderr.contains("line 1: unknown column 'colour'"))
        #expect(try box.run(["ticket", "import", try write(box, "", name: "empty.csv"), "--event", "jazz-night"]).status == 65)
        #expect(try box.run(["ticket", "import", box.folder + "/missing.csv", "--event", "jazz-night"]).status == 66)
        #expect(try box.run(["ticket", "import", file, "--event", "jazz-night", "--paid-by", "card"]).status == 64)
    }

    @Test("capacity holds across the whole file")
    func capacity() throws {
        let box = try Sandbox().onSale()
        let rows = (1...11).map { "r\($0),p\($0)@example.org,Guest" }.joined(separator: "\n")
        let result = try box.run(["ticket", "import", try write(box, "external_id,buyer_email,tier\n" + rows + "\n"), "--event", "jazz-night"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("line 12: sold out: 'jazz-night' has 0 places left of 10; 1 asked"))
    }

    @Test("only the event's organizer or an admin imports")
    func permissions() throws {
        let box = try Sandbox().onSale()
        let file = try write(box, "external_id,buyer_email\n1,ana@example.org\n")
        try box.login("otto@example.org", "a-good-password")
        #expect(try box.run(["ticket", "import", file, "--event", "jazz-night", "--tier", "VIP"]).status == 77)
    }
}

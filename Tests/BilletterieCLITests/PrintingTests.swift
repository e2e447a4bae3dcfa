import Foundation
import Testing

/// Poppler's tools (Debian poppler-utils) read our PDFs back, independently of cairo.
enum Poppler {
    static let available = FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext")

    /// Runs a tool with a time limit of 60 s; its stdout.
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/" + tool)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let killer = DispatchWorkItem { process.terminate() }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: killer)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        killer.cancel()
        return String(decoding: data, as: UTF8.self)
    }

    static func text(_ pdf: String, page: Int? = nil) throws -> String {
        try run("pdftotext", (page.map { ["-f", "\($0)", "-l", "\($0)"] } ?? []) + [pdf, "-"])
    }

    static func info(_ pdf: String) throws -> [String: String] {
        var fields: [String: String] = [:]
        for line in try run("pdfinfo", [pdf]).split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2 { fields[parts[0]] = parts[1] }
        }
        return fields
    }

    /// Each page rendered at 150 dpi and read by zbarimg: the QR codes' texts, page by page.
    static func qrCodes(_ pdf: String, pages: Int, folder: String) throws -> [String] {
        _ = try run("pdftoppm", ["-r", "150", "-png", pdf, folder + "/page"])
        let width = pages >= 10 ? 2 : 1
        return try (1...pages).map { page in
            try QRTests.decode(folder + "/page-" + String(format: "%0\(width)d", page) + ".png")
        }
    }
}

@Suite("printing: tickets, the door list and receipts as PDFs read back by poppler and zbar", .enabled(if: Poppler.available))
struct PrintingTests {
    /// A paid order of three tickets with names in Latin (accents), Greek and Cyrillic.
    func order(_ box: Sandbox) throws -> (id: String, tickets: [[String: Any]]) {
        let reserved = try box.reserve([
            "--quantity", "3", "--buyer-name", "Zoé Château", "--attendee", "Zoé Château <zoe@example.org>",
            "--attendee", "Ελένη Παπαδοπούλου <eleni@example.org>", "--attendee", "Дмитрий Шостакович <dmitri@example.org>",
        ])
        #expect(reserved.status == 0, "\(reserved)")
        let id = reserved.json["id"] as! String
        #expect(try box.run(["pay", id, "--method", "cash", "--amount", "75"]).status == 0)
        let shown = try box.run(["ticket", "show", id, "--json"]).json
        return (id, shown["tickets"] as! [[String: Any]])
    }

    @Test("ticket pdf: one page per ticket with event, local time, venue, tier, attendee, code and reference as text; each QR decodes to its code")
    func tickets() throws {
        let box = try Sandbox().onSale()
        let (id, tickets) = try order(box)
        let file = box.folder + "/tickets.pdf"
        let result = try box.run(["ticket", "pdf", id, "-o", file, "--json"])
        #expect(result.status == 0, "\(result)")
        #expect(result.json["pages"] as? Int == 3)
        #expect(box.mode(file) == 0o600)
        let info = try Poppler.info(file)
        #expect(info["Pages"] == "3")
        #expect(info["Page size"]?.contains("(A4)") == true, "\(info)")
        for (index, ticket) in tickets.enumerated() {
            let page = try Poppler.text(file, page: index + 1)
            #expect(page.contains(ticket["attendee_name"] as! String), "\(page)")
            #expect(page.contains(ticket["reference"] as! String))
            #expect(page.contains(ticket["code"] as! String), "the code on one line, whole")
            #expect(page.contains("Jazz Night") && page.contains("Salle Pleyel") && page.contains("Standard"))
            #expect(page.contains("Sunday 21 June 2026, 20:30 CEST"), "local time in the event's zone: \(page)")
        }
        let codes = try Poppler.qrCodes(file, pages: 3, folder: box.folder)
        #expect(codes == tickets.map { $0["code"] as! String })
        // One ticket, on Letter paper, by its reference.
        let letter = box.folder + "/one.pdf"
        #expect(try box.run(["ticket", "pdf", tickets[1]["reference"] as! String, "--paper", "letter", "-o", letter]).status == 0)
        #expect(try Poppler.info(letter)["Page size"]?.contains("(letter)") == true)
        #expect(try Poppler.text(letter).contains("Ελένη Παπαδοπούλου"))
        // To stdout with -o -.
        let piped = try box.run(["ticket", "pdf", id, "-o", "-"])
        #expect(piped.status == 0 && piped.stdoutBytes.starts(with: Array("%PDF-".utf8)), "\(piped.stderr)")
        #expect(piped.stderr.contains("Wrote 3 tickets"), "the status goes to stderr, the PDF alone to stdout")
    }

    @Test("refused: unpaid (4), void (4), someone else's (3), bad paper (64), a folder that is not there (73); nothing written, the store unchanged")
    func refusals() throws {
        let box = try Sandbox().onSale()
        let (paid, tickets) = try order(box)
        let pending = try box.reserve(["--quantity", "1"]).json["id"] as! String
        #expect(try box.run(["refund", paid, "--ticket", tickets[0]["id"] as! String]).status == 0)
        let before = try box.snapshot()
        let file = box.folder + "/x.pdf"
        let unpaid = try box.run(["ticket", "pdf", pending, "-o", file, "--json"])
        #expect(unpaid.status == 4 && box.errorCode(unpaid) == "not_paid", "\(unpaid)")
        let void = try box.run(["ticket", "pdf", tickets[0]["id"] as! String, "-o", file, "--json"])
        #expect(void.status == 4 && box.errorCode(void) == "nothing_to_print", "\(void)")
        #expect(try box.run(["ticket", "pdf", paid, "--paper", "a5", "-o", file]).status == 64)
        #expect(try box.run(["ticket", "pdf", paid, "-o", box.folder + "/missing/x.pdf"]).status == 73)
        #expect(!FileManager.default.fileExists(atPath: file))
        // The refunded ticket is left out of the order's PDF.
        #expect(try box.run(["ticket", "pdf", paid, "-o", file, "--json"]).json["pages"] as? Int == 2)
        #expect(try box.snapshot() == before)
        try box.login("ana@example.org", "a-good-password")
        #expect(try box.run(["ticket", "pdf", "ord_doesnotexist0000", "-o", file]).status == 3)
        try box.login("door@example.org", "a-good-password")
        let staff = try box.run(["ticket", "pdf", paid, "-o", box.folder + "/staff.pdf"])
        #expect(staff.status == 0, "staff may print a guest's ticket at the door: \(staff)")
    }

    @Test("door list and receipt as PDFs: names, references, the seller's address and VAT number are text")
    func doorListAndReceipt() throws {
        let box = try Sandbox().onSale()
        let (id, tickets) = try order(box)
        let list = box.folder + "/door.pdf"
        let result = try box.run(["report", "door-list", "--event", "jazz-night", "--format", "pdf", "-o", list, "--json"])
        #expect(result.status == 0, "\(result)")
        #expect(result.json["pages"] as? Int == 1 && result.json["total"] as? Int == 3)
        let text = try Poppler.text(list)
        for ticket in tickets {
            #expect(text.contains(ticket["attendee_name"] as! String) && text.contains(ticket["reference"] as! String), "\(text)")
        }
        #expect(!text.contains("@example.org"), "no addresses on a list left on a table")

        try box.login("admin@example.org", Sandbox.adminPassword)
        #expect(
            try box.run([
                "pay", "seller", "--name", "Salle Pleyel SA", "--address", "252 rue du Faubourg Saint-Honoré, 75008 Paris", "--vat-number", "FR40303265045",
            ])
            .status == 0)
        let receipt = box.folder + "/receipt.pdf"
        #expect(try box.run(["pay", "receipt", id, "-o", receipt]).status == 0)
        let printed = try Poppler.text(receipt)
        #expect(printed.contains("Salle Pleyel SA") && printed.contains("252 rue du Faubourg Saint-Honoré, 75008 Paris"), "\(printed)")
        #expect(printed.contains("VAT number: FR40303265045") && printed.contains("75.00 EUR"), "\(printed)")
        let plain = try box.run(["pay", "receipt", id]).stdout
        #expect(plain.contains("VAT number: FR40303265045"))
        #expect(try box.run(["pay", "seller", "--address", "bad\u{1B}[2Kaddress"]).status == 65)
    }

    @Test("notify settings --attach-pdf on: confirmations carry their tickets as a PDF that reads back")
    func attached() throws {
        let box = try Sandbox().onSale()
        try box.login("admin@example.org", Sandbox.adminPassword)
        #expect(try box.run(["notify", "settings", "--attach-pdf", "on", "--json"]).json["attach_pdf"] as? Bool == true)
        #expect(try box.run(["notify", "settings", "--attach-pdf", "maybe"]).status == 64)
        try box.login("olga@example.org", "a-good-password")
        let (_, tickets) = try order(box)
        #expect(try box.notify(["run"]).status == 0)
        let folder = box.folder + "/store/outbox/new"
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first)
        let script = """
            import email, sys
            m = email.message_from_binary_file(open(sys.argv[1], 'rb'))
            for p in m.walk():
                if p.get_content_type() == 'application/pdf':
                    open(sys.argv[2], 'wb').write(p.get_payload(decode=True))
            """
        try script.write(toFile: box.folder + "/pdf.py", atomically: true, encoding: .utf8)
        _ = try Poppler.run("python3", [box.folder + "/pdf.py", folder + "/" + file, box.folder + "/attached.pdf"])
        let text = try Poppler.text(box.folder + "/attached.pdf")
        #expect(tickets.allSatisfy { text.contains($0["reference"] as! String) }, "\(text)")
    }
}

@Suite("--format and --json on every report and export")
struct FormatTests {
    @Test(
        "each report and export: --json is one document, --format json the same, csv has a header, -o writes the file and --json a summary",
        arguments: [
            ["report", "sales", "--event", "jazz-night"], ["report", "checkins", "--event", "jazz-night"],
            ["report", "checkins", "--event", "jazz-night", "--inside"], ["report", "audit"], ["report", "door-list", "--event", "jazz-night"],
            ["ticket", "export", "--event", "jazz-night"], ["event", "export", "jazz-night"],
        ])
    func formats(command: [String]) throws {
        let box = try Sandbox().onSale()
        _ = try box.paidOrder()
        try box.login("admin@example.org", Sandbox.adminPassword)
        let json = try box.run(command + ["--json"])
        #expect(json.status == 0, "\(json)")
        #expect(!json.json.isEmpty, "one JSON document: \(json.stdout.prefix(200))")
        let explicit = try box.run(command + ["--format", "json"])
        #expect(explicit.status == 0)
        #expect((try JSONSerialization.jsonObject(with: Data(explicit.stdout.utf8))) is [String: Any], "\(explicit.stdout.prefix(200))")
        let csv = try box.run(command + ["--format", "csv"])
        #expect(csv.status == 0, "\(csv)")
        #expect(csv.stdout.contains("\r\n") && !csv.stdout.hasPrefix("{"), "\(csv.stdout.prefix(200))")
        let file = box.folder + "/out.csv"
        let written = try box.run(command + ["--format", "csv", "-o", file, "--json"])
        #expect(written.status == 0, "\(written)")
        #expect(written.json["file"] as? String == file, "stdout gets the summary: \(written.stdout)")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == csv.stdout)
        #expect(box.mode(file) == 0o600)
        #expect(try box.run(command + ["--format", "xml"]).status == 64)
    }
}

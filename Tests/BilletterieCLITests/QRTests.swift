import Foundation
import Testing

@Suite("ticket qr")
struct QRTests {
    static let zbarimg = ["/usr/bin/zbarimg", "/usr/local/bin/zbarimg"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// What an independent QR reader (zbar) reads in an image.
    static func decode(_ path: String) throws -> String {
        let reader = try #require(zbarimg, "zbarimg is missing: run Scripts/install-deps (Debian package zbar-tools)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: reader)
        process.arguments = ["--raw", "-q", "--nodbus", path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
    }

    func ticket(_ box: Sandbox) throws -> [String: Any] {
        (try box.reserve([], tier: "Guest").json["tickets"] as! [[String: Any]])[0]
    }

    @Test("the PNG decodes, with a real QR reader, to the exact code; it is version 5 and mode 0600")
    func png() throws {
        let box = try Sandbox().onSale()
        let ticket = try ticket(box)
        let file = box.folder + "/ticket.png"
        let result = try box.run(["ticket", "qr", ticket["id"] as! String, "-o", file, "--json"])
        #expect(result.status == 0, "\(result)")
        #expect(result.json["qr_version"] as? Int == 5)
        #expect(box.mode(file) == 0o600)
        #expect(try Self.decode(file) == ticket["code"] as? String)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        #expect(bytes.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(bytes.count < 2000)
        // By code too, and at another scale.
        let small = box.folder + "/small.png"
        #expect(try box.run(["ticket", "qr", ticket["code"] as! String, "-o", small, "--scale", "4"]).status == 0)
        #expect(try Self.decode(small) == ticket["code"] as? String)
    }

    @Test("SVG and terminal text")
    func svgAndText() throws {
        let box = try Sandbox().onSale()
        let ticket = try ticket(box)
        let file = box.folder + "/ticket.svg"
        #expect(try box.run(["ticket", "qr", ticket["id"] as! String, "-o", file]).status == 0)
        let svg = try String(contentsOfFile: file, encoding: .utf8)
        #expect(svg.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("viewBox=\"0 0 45 45\""), "37 modules of version 5 and 4 of quiet zone each side")
        let text = try box.run(["ticket", "qr", ticket["id"] as! String])
        #expect(text.status == 0)
        #expect(text.stdout.contains("▄") && text.stdout.contains(ticket["code"] as! String))
    }

    @Test("refusals: PNG without a file under --json (64), bad scale or format (64), unknown ticket (3), an order (65)")
    func refusals() throws {
        let box = try Sandbox().onSale()
        let order = try box.reserve([], tier: "Guest").json
        let id = (order["tickets"] as! [[String: Any]])[0]["id"] as! String
        #expect(try box.run(["ticket", "qr", id, "--format", "png", "--json"]).status == 64)
        #expect(try box.run(["ticket", "qr", id, "--scale", "1"]).status == 64)
        #expect(try box.run(["ticket", "qr", id, "--format", "gif"]).status == 64)
        #expect(try box.run(["ticket", "qr", "tkt_aaaaaaaaaaaaaaaa"]).status == 3)
        #expect(try box.run(["ticket", "qr", order["id"] as! String]).status == 65)
        let unwritable = try box.run(["ticket", "qr", id, "-o", "/proc/nope/ticket.png"])
        #expect(unwritable.status == 73)
    }
}

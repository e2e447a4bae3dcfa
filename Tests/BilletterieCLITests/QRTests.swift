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

/// The terminal's QR drawing, rendered as a light and a dark terminal would show it.
@Suite("ticket qr --format text on light and dark terminals")
struct TerminalQRTests {
    /// Paints `text` (half blocks and SGR colour codes) into a PGM image: each character a
    /// module wide and two tall, `theme` giving the terminal's own foreground and background.
    static func render(_ text: String, foreground: UInt8, background: UInt8, to path: String) throws {
        let scale = 4
        var rows: [[UInt8]] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var fg = foreground
            var bg = background
            var top: [UInt8] = []
            var bottom: [UInt8] = []
            var scalars = Array(line.unicodeScalars)[...]
            while let scalar = scalars.popFirst() {
                if scalar == "\u{1B}", scalars.first == "[" {
                    scalars.removeFirst()
                    var parameters = ""
                    while let next = scalars.popFirst(), next != "m" { parameters.unicodeScalars.append(next) }
                    for parameter in parameters.split(separator: ";") {
                        switch parameter {
                        case "0":
                            fg = foreground
                            bg = background
                        case "97", "37": fg = 255
                        case "30", "90": fg = 0
                        case "40": bg = 0
                        case "47", "107": bg = 255
                        default: break
                        }
                    }
                    continue
                }
                let (upper, lower): (UInt8, UInt8) =
                    switch scalar {
                    case "█": (fg, fg)
                    case "▀": (fg, bg)
                    case "▄": (bg, fg)
                    case " ": (bg, bg)
                    default: (background, background)
                    }
                top.append(upper)
                bottom.append(lower)
            }
            if !top.isEmpty { rows += [top, bottom] }
        }
        let width = (rows.map(\.count).max() ?? 0) + 8
        let height = rows.count + 8
        var pixels = [UInt8](repeating: background, count: width * scale * height * scale)
        for (y, row) in rows.enumerated() {
            for (x, value) in row.enumerated() {
                for dy in 0..<scale {
                    for dx in 0..<scale { pixels[((y + 4) * scale + dy) * width * scale + (x + 4) * scale + dx] = value }
                }
            }
        }
        let header = Array("P5\n\(width * scale) \(height * scale)\n255\n".utf8)
        try Data(header + pixels).write(to: URL(fileURLWithPath: path))
    }

    @Test("it decodes to the code on a light terminal and on a dark one", .enabled(if: QRTests.zbarimg != nil))
    func lightAndDark() throws {
        let box = try Sandbox().onSale()
        box.environment.removeValue(forKey: "NO_COLOR")
        let ticket = (try box.reserve([], tier: "Guest").json["tickets"] as! [[String: Any]])[0]
        let text = try box.run(["ticket", "qr", ticket["id"] as! String, "--format", "text"])
        #expect(text.status == 0, "\(text)")
        #expect(text.stdout.contains(ticket["reference"] as! String), "the reference is printed under the QR")
        for (name, foreground, background) in [("light", UInt8(0), UInt8(255)), ("dark", UInt8(230), UInt8(20))] {
            let file = box.folder + "/\(name).pgm"
            try Self.render(text.stdout, foreground: foreground, background: background, to: file)
            #expect(try QRTests.decode(file) == ticket["code"] as? String, "on a \(name) terminal")
        }
    }
}

extension TerminalQRTests {
    @Test("without colours (NO_COLOR) the drawing reads on a dark terminal only, and the command says so", .enabled(if: QRTests.zbarimg != nil))
    func plainNeedsDark() throws {
        let box = try Sandbox().onSale()
        let ticket = (try box.reserve([], tier: "Guest").json["tickets"] as! [[String: Any]])[0]
        let text = try box.run(["ticket", "qr", ticket["id"] as! String, "--format", "text"])
        #expect(text.stderr.contains("NO_COLOR"), "\(text)")
        try Self.render(text.stdout, foreground: 230, background: 20, to: box.folder + "/dark.pgm")
        #expect(try QRTests.decode(box.folder + "/dark.pgm") == ticket["code"] as? String)
        try Self.render(text.stdout, foreground: 0, background: 255, to: box.folder + "/light.pgm")
        #expect(try QRTests.decode(box.folder + "/light.pgm") != ticket["code"] as? String, "the renderer really shows light and dark apart")
    }
}

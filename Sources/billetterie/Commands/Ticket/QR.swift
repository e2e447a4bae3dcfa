import ArgumentParser
import BilletterieCore
import Foundation

extension TicketCommand {
    struct QR: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "qr",
            abstract: "Draw a ticket's QR code: PNG, SVG, or text in the terminal.",
            discussion: """
                The format follows -o's extension (.png, .svg), else text. PNG and SVG carry a
                4-module quiet zone; PNG is 8 pixels per module (--scale), which phones read
                from a screen or paper. Files are written mode 0600: a code is as good as a
                ticket.

                Examples:
                  billetterie ticket qr tkt_9x2m...                 # in the terminal
                  billetterie ticket qr tkt_9x2m... -o ticket.png
                  billetterie ticket qr tkt_9x2m... --format svg -o ticket.svg
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("A ticket id or code.", valueName: "ticket"))
        var ticket: String

        @Option(help: "png, svg or text (default: from -o's extension, else text).")
        var format: String?

        @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write to this file.", valueName: "file"))
        var output: String?

        @Option(help: "PNG pixels per module (2 to 40).")
        var scale = 8

        var resolvedFormat: String {
            if let format { return format }
            let lower = output?.lowercased() ?? ""
            return lower.hasSuffix(".png") ? "png" : lower.hasSuffix(".svg") ? "svg" : "text"
        }

        func validate() throws {
            guard ["png", "svg", "text"].contains(resolvedFormat) else { throw ValidationError("--format must be png, svg or text, not '\(resolvedFormat)'") }
            guard (2...40).contains(scale) else { throw ValidationError("--scale must be from 2 to 40, not \(scale)") }
        }

        struct Result: Encodable {
            let ticket: String
            let code: String
            let reference: String
            let format: String
            let file: String?
            let qrVersion: Int
            enum CodingKeys: String, CodingKey {
                case ticket, code, format, file
                case qrVersion = "qr_version"
            }
        }

        func run(in context: CommandContext) throws {
            guard case .ticket(let found, _) = try context.sales().find(ticket, viewer: try context.actor()) else {
                throw BilletterieError.invalidInput(
                    code: "not_a_ticket", message: "qr takes a ticket id or code, not an order; see `billetterie ticket show ORDER` for its tickets")
            }
            guard !found.credentialsHidden else {
                throw BilletterieError.conflict(code: "not_paid", message: "\(found.id) is not paid yet: its QR code is shown once the order is paid")
            }
            let qr = try QRMatrix(encoding: found.code, correction: .medium)
            let format = resolvedFormat
            let caption = "Code:       \(found.code)\nReference:  \(found.reference)  (type this at the door if the QR will not scan)"
            let bytes: [UInt8] =
                switch format {
                case "png": qr.png(scale: scale)
                case "svg": Array(qr.svg().utf8)
                default: Array(Output.forTerminal(context.output.qrText(qr) + "\n" + caption + "\n").utf8)
                }
            if found.status == .void { context.output.status("warning: \(found.id) is void (\(found.voidReason ?? "")); its code does not admit") }
            if let output {
                try FileSystem.writePrivateFile(output, bytes)
            } else if format == "png", context.output.stdoutIsTerminal || context.options.json {
                throw BilletterieError.usage(message: "a PNG is binary: give -o FILE.png, or redirect stdout to a file")
            } else if !context.options.json {
                bytes.withUnsafeBytes { Output.write(bytes: $0, to: STDOUT_FILENO) }
                return
            }
            try context.output.emit(
                Result(
                    ticket: found.id, code: found.code, reference: found.reference, format: format, file: output,
                    qrVersion: qr.version)
            ) {
                "Wrote \(output!) (\(format.uppercased()), QR version \(qr.version))\n" + caption
            }
        }
    }
}

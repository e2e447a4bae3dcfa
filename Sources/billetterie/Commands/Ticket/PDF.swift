import ArgumentParser
import BilletterieCore
import Foundation

extension TicketCommand {
    struct PDF: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "pdf",
            abstract: "Printable tickets, one per page: event, date and time, venue, tier, attendee, QR, code, reference.",
            discussion: """
                An order prints its valid and used tickets (void ones are left out); a pending
                order prints once paid (exit 4). The text is real text (a PDF reader can
                search it), in the event's local time. Without -o the file is
                ORDER.pdf (or TICKET.pdf) in the current folder; -o - writes the PDF to stdout.
                Names in scripts no installed font has (CJK without fonts-noto-cjk) print as
                boxes, with a warning naming them.

                Examples:
                  billetterie ticket pdf ord_3kq7... -o tickets.pdf
                  billetterie ticket pdf tkt_9x2m... --paper letter -o - | lp
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("A ticket (id, code or reference) or an order id.", valueName: "ticket-or-order"))
        var identifier: String

        @Option(name: [.customShort("o"), .long], help: ArgumentHelp("The PDF file (mode 0600); - for stdout.", valueName: "file"))
        var output: String?

        @OptionGroup var paper: PaperOption

        func validate() throws {
            if output == "-" && global.json { throw ValidationError("-o - writes the PDF to stdout, where --json would go too; name a file") }
        }

        struct Result: Encodable {
            let file: String
            let pages: Int
            let paper: String
            let tickets: [String]
            let missingGlyphs: [String]
            enum CodingKeys: String, CodingKey {
                case file, pages, paper, tickets
                case missingGlyphs = "missing_glyphs"
            }
        }

        func run(in context: CommandContext) throws {
            let paper = try self.paper.chosen()
            let printed = try Printing(store: try context.store(), now: context.now).tickets(identifier, paper: paper, viewer: try context.actor())
            let name = identifier.hasPrefix("ord_") ? identifier : printed.tickets.count == 1 ? printed.tickets[0] : "tickets"
            let file = output ?? name + ".pdf"
            try PrintedFile.write(printed, to: file, context: context)
            if file == "-" { return context.output.status("Wrote \(printed.pages) ticket\(printed.pages == 1 ? "" : "s") (\(paper.rawValue))") }
            try context.output.emit(
                Result(file: file, pages: printed.pages, paper: paper.rawValue, tickets: printed.tickets, missingGlyphs: printed.missingGlyphs)
            ) {
                "Wrote \(printed.pages) ticket\(printed.pages == 1 ? "" : "s") (\(paper.rawValue)) to \(file)"
            }
        }
    }
}

/// `--paper` of everything that prints (ticket pdf, the door list, receipts).
struct PaperOption: ParsableArguments {
    @Option(help: ArgumentHelp("For a PDF: a4 (default) or letter.", valueName: "paper"))
    var paper = "a4"

    func validate() throws {
        guard BilletterieCore.Paper(rawValue: paper.lowercased()) != nil else { throw ValidationError("--paper must be a4 or letter, not '\(paper)'") }
    }

    func chosen() throws -> BilletterieCore.Paper { try .parse(paper) }
}

/// Where printed PDFs go: a 0600 file, or stdout for `-o -`; missing glyphs are warned of.
enum PrintedFile {
    static func write(_ printed: Printing.Printed, to file: String, context: CommandContext) throws {
        for text in printed.missingGlyphs.prefix(5) {
            context.output.warn(
                "'\(Output.forTerminal(text))' holds characters no installed font can draw; they print as boxes (CJK: apt-get install fonts-noto-cjk)")
        }
        if file == "-" {
            printed.bytes.withUnsafeBytes { Output.write(bytes: $0, to: STDOUT_FILENO) }
        } else {
            try FileSystem.writePrivateFile(file, printed.bytes, createFolder: false)
        }
    }
}

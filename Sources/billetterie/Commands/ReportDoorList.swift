import ArgumentParser
import BilletterieCore
import Foundation

extension ReportCommand {
    struct DoorList: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "door-list",
            abstract: "The paper list for when the scanners fail: every valid or used ticket, by name.",
            discussion: """
                Each line: the attendee, the ticket's reference (what to type at
                `billetterie validate`), the tier and whether the ticket was used. No codes and
                no e-mail addresses: the list may be printed and left on a table. The event's
                organizers, staff and admins. --format pdf prints it with a box to tick per
                line (A4, or --paper letter), to -o FILE (default EVENT-door-list.pdf). With
                -o and --json, the file gets the format and stdout a JSON summary.

                Examples:
                  billetterie report door-list --event jazz-night
                  billetterie report door-list --event jazz-night --format csv -o door-list.csv
                  billetterie report door-list --event jazz-night --format pdf -o door-list.pdf
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: ArgumentHelp("The event: id, slug, key or title.", valueName: "event"))
        var event: String

        @Option(help: ArgumentHelp("table (default), csv, json (--json alone means json) or pdf.", valueName: "format"))
        var format: String?

        @OptionGroup var paper: PaperOption

        @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write to this file (mode 0600) instead of stdout.", valueName: "file"))
        var output: String?

        func validate() throws {
            if let format, !["table", "csv", "json", "pdf"].contains(format) {
                throw ValidationError("--format must be table, csv, json or pdf, not '\(format)'")
            }
            if format == "pdf" && output == "-" && global.json {
                throw ValidationError("-o - writes the PDF to stdout, where --json would go too; name a file")
            }
        }

        /// A line of the list: no code, no address.
        struct Line: Encodable {
            let ticket: String
            let attendeeName: String
            let reference: String
            let tier: String
            let status: String
            let order: String
            enum CodingKeys: String, CodingKey {
                case ticket, reference, tier, status, order
                case attendeeName = "attendee_name"
            }
        }

        func run(in context: CommandContext) throws {
            let actor = try context.actor()
            var lines: [Line] = []
            let event = try context.sales().doorList(event: event, viewer: actor) { ticket in
                lines.append(
                    Line(
                        ticket: ticket.id, attendeeName: ticket.attendee.name, reference: ticket.reference, tier: ticket.tierName,
                        status: ticket.status.rawValue, order: ticket.orderID))
            }
            let format = self.format ?? (global.json ? "json" : "table")
            if format == "pdf" {
                let printed = try Printing(store: try context.store(), now: context.now).doorList(
                    event, lines: lines.map { ($0.attendeeName, $0.reference, $0.tier, $0.status == "used") }, paper: try paper.chosen())
                let file = output ?? event.slug + "-door-list.pdf"
                try PrintedFile.write(printed, to: file, context: context)
                struct Summary: Encodable {
                    let event: String
                    let file: String
                    let format = "pdf"
                    let pages: Int
                    let total: Int
                }
                if file == "-" { return }
                return try context.output.emit(Summary(event: event.id, file: file, pages: printed.pages, total: lines.count)) {
                    "Wrote the door list of \(event.slug) (\(lines.count) tickets, \(printed.pages) page\(printed.pages == 1 ? "" : "s")) to \(file)"
                }
            }
            let text: String
            if format == "json" {
                struct List: Encodable {
                    let event: String
                    let items: [Line]
                    let total: Int
                }
                text =
                    FreeText.escapingJSONControls(
                        String(decoding: try Output.encoder.encode(List(event: event.id, items: lines, total: lines.count)), as: UTF8.self)) + "\n"
            } else if format == "csv" {
                text =
                    CSV.line(["attendee_name", "reference", "tier", "status", "ticket_id", "order_id"])
                    + lines.map { CSV.line([$0.attendeeName, $0.reference, $0.tier, $0.status, $0.ticket, $0.order]) }.joined()
            } else {
                let out = context.output
                let used = lines.filter { $0.status == "used" }.count
                let title = "\(event.title), \(TimeText.local(event.startsAt, zoneNamed: event.timezone))"
                let table = out.table(
                    ["", "ATTENDEE", "REFERENCE", "TIER", "STATUS"],
                    lines.map {
                        ["[\($0.status == "used" ? "x" : " ")]", $0.attendeeName, $0.reference, $0.tier, $0.status == "used" ? "in" : ""]
                    })
                text =
                    out.styled("Door list: \(title)", .bold) + "\n" + "\(lines.count) tickets, \(used) already in.\n\n"
                    + (lines.isEmpty ? "No valid tickets." : table) + "\n"
            }
            let destination = try ReportCommand.Destination(format: format, file: output, context: context)
            destination.write(text)
            try destination.close(rows: lines.count, what: "the door list of \(event.slug) (\(lines.count) tickets)")
        }
    }
}

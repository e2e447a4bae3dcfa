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
                organizers, staff and admins. PDF comes with printing (not built yet).

                Examples:
                  billetterie report door-list --event jazz-night
                  billetterie report door-list --event jazz-night --format csv -o door-list.csv
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: ArgumentHelp("The event: id, slug, key or title.", valueName: "event"))
        var event: String

        @Option(help: ArgumentHelp("table (default), csv or json (--json too).", valueName: "format"))
        var format = "table"

        @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write to this file (mode 0600) instead of stdout.", valueName: "file"))
        var output: String?

        func validate() throws {
            if format == "pdf" {
                throw ValidationError("PDF door lists come with printing, which is not built yet; use --format table, csv or json")
            }
            guard ["table", "csv", "json"].contains(format) else { throw ValidationError("--format must be table, csv or json, not '\(format)'") }
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
            let json = global.json || format == "json"
            let text: String
            if json {
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
            if let output {
                try FileSystem.writePrivateFile(output, Array(Output.forTerminal(text).utf8), createFolder: false)
                context.output.status("Wrote the door list of \(event.slug) (\(lines.count) tickets) to \(output)")
            } else {
                Output.writeOut(text)
            }
        }
    }
}

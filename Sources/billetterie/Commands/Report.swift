import ArgumentParser
import BilletterieCore
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Sales, check-ins and the audit log, as tables, JSON or CSV.",
        discussion: """
            Examples:
              billetterie report sales --event jazz-night
              billetterie report checkins --event jazz-night
              billetterie report audit --since 2026-06-01T00:00Z --format csv > audit.csv
            """,
        subcommands: [Sales.self, Checkins.self, Audit.self, DoorList.self])

    /// `--format` and `-o` of every report (CLI.md section 14): table, csv or json
    /// (`--json` alone means json); with -o the file gets the format, stdout a JSON summary
    /// under --json, else a status line on stderr.
    struct FormatOption: ParsableArguments {
        @Option(help: ArgumentHelp("table (default), csv or json (--json alone means json).", valueName: "format"))
        var format: String?

        @Option(
            name: [.customShort("o"), .long],
            help: ArgumentHelp("Write to this file (mode 0600) instead of stdout; with --json, stdout gets a summary.", valueName: "file"))
        var output: String?

        func validate() throws {
            if let format, !["table", "csv", "json"].contains(format) {
                throw ValidationError("--format must be table, csv or json, not '\(format)'")
            }
        }

        /// The format the report is written in.
        func chosen(json: Bool) -> String { format ?? (json ? "json" : "table") }
    }

    /// Where a report goes: stdout, or the -o file (streamed, renamed into place when whole).
    final class Destination {
        let sink: TextSink
        let file: String?
        let format: String
        private let context: CommandContext

        convenience init(_ option: FormatOption, context: CommandContext) throws {
            try self.init(format: option.chosen(json: context.output.json), file: option.output, context: context)
        }

        init(format: String, file: String?, context: CommandContext) throws {
            self.file = file
            self.format = format
            self.context = context
            sink = try TextSink(path: file)
        }

        /// The report as JSON, table or CSV text (for a file: without colour).
        func write(_ text: String) { sink.write(file == nil ? Output.forTerminal(text) : Output.plain(text)) }

        /// One CSV line written into the output's buffer as it is made. Its fields are data,
        /// never markup: anything but text in them becomes U+FFFD, on a terminal and in a file.
        func writeCSV(_ fields: [String]) {
            sink.append({ CSV.append(fields, to: &$0) }, screen: Output.screened)
        }

        func writeJSON(_ value: some Encodable) throws {
            sink.write(FreeText.escapingJSONControls(String(decoding: try Output.encoder.encode(value), as: UTF8.self)) + "\n")
        }

        /// Finishes the file and says where it went.
        func close(rows: Int, what: String) throws {
            try sink.close()
            guard let file else { return }
            try context.output.emit(WrittenFile(file: file, format: format, rows: rows)) { "" }
            context.output.status("Wrote \(what) (\(format)) to \(file)")
        }
    }

    static func money(_ minor: Int64, _ currency: String) -> String {
        (try? Money(minor: minor, currency: Currency(code: currency)).description) ?? "\(minor) \(currency)"
    }

    /// Money in CSV: a decimal amount (the currency is a column of its own).
    static func decimal(_ minor: Int64, _ currency: String) -> String {
        (try? Money(minor: minor, currency: Currency(code: currency)).decimalText) ?? "\(minor)"
    }

    struct Sales: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "sales",
            abstract: "Per event and tier: tickets sold, valid, used, void; money per payment method.",
            discussion: """
                Sold counts tickets of orders that were paid (comps and free tickets included),
                whatever became of them since. Gross is what payments took, refunded what
                refunds gave back, net the difference; they agree with the receipts. Add-ons
                are listed apart. Organizers see their events, admins all.

                Examples:
                  billetterie report sales
                  billetterie report sales --event jazz-night --format csv
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var format: FormatOption

        @Option(help: ArgumentHelp("Only this event (id, slug, key or title).", valueName: "event"))
        var event: String?

        func run(in context: CommandContext) throws {
            let actor = try context.actor()
            let event = try self.event.map { try context.catalogue().event($0, viewer: actor) }
            let report = try Reports(store: try context.store(), now: context.now).sales(event: event, actor: actor)
            let output = context.output
            let destination = try Destination(format, context: context)
            switch destination.format {
            case "json": try destination.writeJSON(report)
            case "csv":
                destination.writeCSV([
                    "event", "section", "name", "sold", "valid", "used", "void", "face_value", "discount", "gross", "refunded", "net", "currency",
                ])
                for e in report.events {
                    func amount(_ minor: Int64) -> String { ReportCommand.decimal(minor, e.currency) }
                    for (section, lines) in [("tier", e.tiers), ("addon", e.addons)] {
                        for l in lines {
                            destination.writeCSV([
                                e.slug, section, l.tier, "\(l.sold)", "\(l.valid)", "\(l.used)", "\(l.void)", amount(l.faceValueMinor), "", "", "", "",
                                e.currency,
                            ])
                        }
                    }
                    for v in e.vouchers {
                        destination.writeCSV([
                            e.slug, "voucher", v.code, "\(v.tickets)", "", "", "", amount(v.revenueMinor), amount(v.discountMinor), "", "", "", e.currency,
                        ])
                    }
                    for m in e.payments + [e.total] {
                        destination.writeCSV([
                            e.slug, m.method == "total" ? "total" : "payment", m.method, "", "", "", "", "", "", amount(m.grossMinor),
                            amount(m.refundedMinor), amount(m.netMinor), e.currency,
                        ])
                    }
                }
            default: destination.write(table(report, output) + "\n")
            }
            try destination.close(rows: report.events.count, what: "the sales report")
        }

        func table(_ report: SalesReport, _ output: Output) -> String {
            guard !report.events.isEmpty else { return "No sales to report." }
            return report.events.map { e in
                let tickets = output.table(
                    ["TIER", "SOLD", "VALID", "USED", "VOID", "FACE VALUE"],
                    (e.tiers.map { ($0, "") } + e.addons.map { ($0, " (add-on)") }).map { l, note in
                        [l.tier + note, "\(l.sold)", "\(l.valid)", "\(l.used)", "\(l.void)", ReportCommand.money(l.faceValueMinor, e.currency)]
                    })
                let money = output.table(
                    ["METHOD", "GROSS", "REFUNDED", "NET"],
                    (e.payments + [e.total]).map {
                        [
                            $0.method == "total" ? output.styled("total", .bold) : $0.method, ReportCommand.money($0.grossMinor, e.currency),
                            ReportCommand.money($0.refundedMinor, e.currency), ReportCommand.money($0.netMinor, e.currency),
                        ]
                    })
                let vouchers =
                    e.vouchers.isEmpty
                    ? ""
                    : "\n\n"
                        + output.table(
                            ["VOUCHER", "TICKETS", "REVENUE", "DISCOUNT"],
                            e.vouchers.map {
                                [
                                    $0.code, "\($0.tickets)", ReportCommand.money($0.revenueMinor, e.currency),
                                    ReportCommand.money($0.discountMinor, e.currency),
                                ]
                            })
                return output.styled("\(e.title) (\(e.slug))", .bold) + "\n" + tickets + vouchers + "\n\n" + money
            }.joined(separator: "\n\n")
        }
    }

    struct Checkins: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "checkins",
            abstract: "Who is in: admitted of valid tickets, inside now, exits, by gate, and the rush per quarter hour.",
            discussion: """
                One check-in list at a time (main unless --list). Inside now counts tickets, never
                scans: a ticket is inside when its last standing scan on the list is an entry, so a
                double admission, an undo, an exit and a re-entry each move it as a person would,
                and it is never above admitted. --inside lists who is inside (name, tier,
                reference, since, gate), by name. The histogram has one bar per quarter hour in the
                event's time zone. Staff, the event's organizer and admins.

                Examples:
                  billetterie report checkins --event jazz-night
                  billetterie report checkins --event jazz-night --list parking --json
                  billetterie report checkins --event jazz-night --inside --format csv > inside.csv
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var format: FormatOption

        @Option(help: ArgumentHelp("The event (id, slug, key or title).", valueName: "event"))
        var event: String

        @Option(help: ArgumentHelp("The check-in list (default main).", valueName: "name"))
        var list: String?

        @Flag(help: "List who is inside now instead of the totals.")
        var inside = false

        func run(in context: CommandContext) throws {
            let actor = try context.actor()
            let event = try context.catalogue().event(self.event, viewer: actor)
            let reports = Reports(store: try context.store(), now: context.now)
            let listName = list ?? CheckinList.mainName
            let destination = try Destination(format, context: context)
            if inside {
                let count = try runInside(reports: reports, event: event, list: listName, actor: actor, context: context, to: destination)
                return try destination.close(rows: count, what: "who is inside (\(count))")
            }
            let report = try reports.checkins(event: event, list: listName, actor: actor)
            let output = context.output
            switch destination.format {
            case "json": try destination.writeJSON(report)
            case "csv":
                destination.writeCSV(["section", "name", "admitted", "exits", "rejected", "undone"])
                destination.writeCSV(["total", report.list, "\(report.admitted)", "\(report.exits)", "\(report.rejected)", ""])
                destination.writeCSV(["inside", report.list, "\(report.inside)", "", "", ""])
                destination.writeCSV(["admissible", report.list, "\(report.admissible)", "", "", ""])
                for g in report.gates {
                    destination.writeCSV(["gate", g.gate, "\(g.admitted)", "\(g.exits)", "\(g.rejected)", "\(g.undone)"])
                }
                for q in report.quarters { destination.writeCSV(["quarter", q.local, "\(q.admitted)", "\(q.exits)", "", ""]) }
            default: destination.write(table(report, output) + "\n")
            }
            try destination.close(rows: 1, what: "the check-in report")
        }

        func table(_ report: CheckinReport, _ output: Output) -> String {
            let percent = report.admissible == 0 ? 0 : report.admitted * 100 / report.admissible
            var pairs = [
                ("Admitted", "\(report.admitted) of \(report.admissible) valid tickets (\(percent)%)"),
                ("Inside now", "\(report.inside)"), ("Exits", "\(report.exits)"), ("Rejected scans", "\(report.rejected)"),
            ]
            if report.lists.count > 1 {
                pairs.insert(("List", "\(report.list) (the event's lists: \(report.lists.joined(separator: ", ")))"), at: 0)
            }
            var text = output.fields(pairs)
            if !report.gates.isEmpty {
                text +=
                    "\n\n"
                    + output.table(
                        ["GATE", "ADMITTED", "EXITS", "REJECTED", "UNDONE"],
                        report.gates.map {
                            [$0.gate.isEmpty ? "(none)" : $0.gate, "\($0.admitted)", "\($0.exits)", "\($0.rejected)", "\($0.undone)"]
                        })
            }
            if !report.quarters.isEmpty { text += "\n\n" + Self.histogram(report.quarters) }
            return text
        }

        /// Who is inside, streamed: a row at a time in every format. Returns how many.
        func runInside(reports: Reports, event: Event, list: String, actor: User, context: CommandContext, to out: Destination) throws -> Int {
            var count = 0
            let clock = TimeText.Clock(zoneNamed: event.timezone)
            if out.format == "json" {
                out.write("{\"items\":[")
                try reports.inside(event: event, list: list, actor: actor) { line in
                    out.write((count == 0 ? "" : ",") + FreeText.escapingJSONControls(String(decoding: try Output.compactEncoder.encode(line), as: UTF8.self)))
                    count += 1
                }
                out.write("],\"total\":\(count)}\n")
            } else if out.format == "csv" {
                out.writeCSV(["ticket", "attendee_name", "tier", "reference", "since", "gate"])
                try reports.inside(event: event, list: list, actor: actor) { line in
                    out.writeCSV([line.ticket, line.attendeeName, line.tier, line.reference, clock.local(line.since), line.gate])
                    count += 1
                }
            } else {
                // Aligned without holding every row: the columns are as wide as names usually are.
                let output = context.output
                func cell(_ text: String, _ width: Int) -> String {
                    let shown = FreeText.printable(text)
                    return shown + String(repeating: " ", count: max(1, width - Output.visibleWidth(shown) + 1))
                }
                out.write(output.styled(cell("NAME", 28) + cell("TIER", 14) + cell("REFERENCE", 12) + cell("SINCE", 7) + "GATE", .bold) + "\n")
                try reports.inside(event: event, list: list, actor: actor) { line in
                    let since = clock.local(line.since).split(separator: " ").dropFirst().first.map(String.init) ?? ""
                    out.write(
                        cell(line.attendeeName, 28) + cell(line.tier, 14) + cell(line.reference, 12) + cell(since, 7) + FreeText.printable(line.gate) + "\n")
                    count += 1
                }
                out.write("\(count) inside now on the list \(list.lowercased()).\n")
            }
            return count
        }

        /// One bar per quarter hour, in eighths of a block, scaled to the busiest quarter.
        static func histogram(_ quarters: [CheckinReport.Quarter], width: Int = 40) -> String {
            let most = max(1, quarters.map(\.admitted).max() ?? 1)
            let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
            var day = ""
            return quarters.map { q in
                let units = q.admitted * width * 8 / most
                let bar = String(repeating: "█", count: units / 8) + eighths[units % 8]
                // "2026-06-21 20:30 CEST" → "20:30", with a line naming the day when it changes.
                let parts = q.local.split(separator: " ").map(String.init)
                let time = parts.count > 1 ? parts[1] : q.local
                let heading =
                    parts.count > 1 && parts[0] != day && quarters.count > 1 && quarters.first?.local.prefix(10) != quarters.last?.local.prefix(10)
                    ? parts[0] + "\n" : ""
                if parts.count > 1 { day = parts[0] }
                return heading + time + " " + bar + (q.admitted > 0 ? " \(q.admitted)" : "")
            }.joined(separator: "\n")
        }
    }

    struct Audit: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "audit",
            abstract: "The log of every change: who did what and when, newest last.",
            discussion: """
                Admins see everything; organizers the changes that concern one of their events
                (--event). Rows stream out: a store's whole history in little memory.

                Examples:
                  billetterie report audit --since 2026-06-21T00:00
                  billetterie report audit --event jazz-night --format csv > jazz-audit.csv
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var format: FormatOption

        @Option(help: ArgumentHelp("Only changes at or after this time.", valueName: "time"))
        var since: String?

        @Option(help: ArgumentHelp("Only what concerns this event (id, slug, key or title).", valueName: "event"))
        var event: String?

        func run(in context: CommandContext) throws {
            let actor = try context.actor()
            let zone = try TimeText.timeZone(try context.store().settings().timezone)
            let since = try self.since.map { try TimeText.parse($0, in: zone, what: "--since time") }
            let event = try self.event.map { try context.catalogue().event($0, viewer: actor) }
            let reports = Reports(store: try context.store(), now: context.now)
            let output = context.output
            let out = try Destination(format, context: context)
            var count = 0
            if out.format == "json" {
                // Streamed as one document: {"items": [...], "total": N}, each line's data an object.
                out.write("{\"items\":[")
                try reports.audit(since: since, event: event, actor: actor) { line in
                    out.write((count == 0 ? "" : ",") + (try Self.json(line)))
                    count += 1
                }
                out.write("],\"total\":\(count)}\n")
            } else if out.format == "csv" {
                out.writeCSV(["seq", "occurred_at", "type", "actor", "subject", "data"])
                try reports.audit(since: since, event: event, actor: actor) { line in
                    out.writeCSV([String(line.sequence), line.occurredAt, line.type, line.actor ?? "", line.subject ?? "", line.data])
                    count += 1
                }
            } else {
                // Aligned on the usual widths without holding every row; data last, as it is.
                func cell(_ text: String, _ width: Int) -> String {
                    let shown = FreeText.printable(text)
                    return shown + String(repeating: " ", count: max(1, width - Output.visibleWidth(shown) + 1))
                }
                out.write(
                    output.styled(cell("SEQ", 6) + cell("TIME (UTC)", 20) + cell("CHANGE", 24) + cell("BY", 24) + cell("SUBJECT", 22) + "DATA", .bold) + "\n")
                try reports.audit(since: since, event: event, actor: actor) { line in
                    out.write(
                        cell("\(line.sequence)", 6) + cell(line.occurredAt, 20) + output.styled(cell(line.type, 24), .bold) + cell(line.actor ?? "-", 24)
                            + cell(line.subject ?? "-", 22) + FreeText.printable(line.data) + "\n")
                    count += 1
                }
                if count == 0 { out.write("Nothing recorded" + (since == nil ? "" : " since then") + ".\n") }
            }
            try out.close(rows: count, what: "\(count) audit lines")
        }

        /// A line as JSON with its data as the object it is (stored as JSON text by the store
        /// itself); anything else would stay a string.
        static func json(_ line: AuditLine) throws -> String {
            let data = line.data.trimmingCharacters(in: .whitespaces)
            guard data.hasPrefix("{") && data.hasSuffix("}") else {
                return FreeText.escapingJSONControls(String(decoding: try Output.compactEncoder.encode(line), as: UTF8.self))
            }
            struct Head: Encodable {
                let seq: Int64
                let occurredAt: String
                let type: String
                let actor: String?
                let subject: String?
                enum CodingKeys: String, CodingKey {
                    case seq, type, actor, subject
                    case occurredAt = "occurred_at"
                }
            }
            let head = String(
                decoding: try Output.compactEncoder.encode(
                    Head(seq: line.sequence, occurredAt: line.occurredAt, type: line.type, actor: line.actor, subject: line.subject)),
                as: UTF8.self)
            return FreeText.escapingJSONControls(head.dropLast() + ",\"data\":" + data + "}")
        }
    }
}

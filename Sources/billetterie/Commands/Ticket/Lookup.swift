import ArgumentParser
import BilletterieCore
import Foundation

extension TicketCommand {
    struct List: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List tickets you may see, oldest sale first.",
            discussion: """
                Examples:
                  billetterie ticket list --event jazz-night --status valid
                  billetterie ticket list --buyer ana@example.org --json
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var page: PageOptions

        @Option(help: ArgumentHelp("Only this event (id, slug, key or title).", valueName: "event"))
        var event: String?

        @Option(help: ArgumentHelp("Only this order.", valueName: "order"))
        var order: String?

        @Option(help: ArgumentHelp("Only orders of this buyer.", valueName: "email"))
        var buyer: String?

        @Option(help: "pending, valid, used or void.")
        var status: String?

        func run(in context: CommandContext) throws {
            let filter = TicketFilter(
                eventID: event, orderID: order, buyerEmail: buyer, status: try status.map(TicketStatus.parse),
                limit: page.limit, offset: page.offset)
            let (tickets, total) = try context.sales().list(filter, viewer: try context.actor())
            let output = context.output
            try output.emit(ListResult(items: tickets, total: total)) {
                output.list(shown: tickets.count, total: total, plural: "tickets") { output.ticketTable(tickets) }
            }
        }
    }

    struct Find: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "find",
            abstract: "Find tickets by name, e-mail, order id or reference: the way in when a QR will not scan.",
            discussion: """
                Matches attendees' and buyers' names and e-mail addresses, with case and accents
                ignored and the words in any order ("dupont zoe" finds Zoé Dupont), or exactly
                an order id, a ticket id or a reference (typed loosely: lower case, spaces and
                hyphens are fine). Sorted by attendee. Then admit the guest by typing the
                reference: `billetterie validate REFERENCE`. Staff, admins, and organizers
                (their own events).

                Examples:
                  billetterie ticket find dupont --event jazz-night
                  billetterie ticket find "zoe d" --json
                  billetterie ticket find ord_3kq7...
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var page: PageOptions

        @Argument(help: ArgumentHelp("Words of a name or e-mail, an order id, a ticket id or a reference.", valueName: "text"))
        var text: String

        @Option(help: ArgumentHelp("Only this event (id, slug, key or title).", valueName: "event"))
        var event: String?

        func run(in context: CommandContext) throws {
            let (tickets, total) = try context.sales().search(text, event: event, viewer: try context.actor(), limit: page.limit, offset: page.offset)
            let output = context.output
            try output.emit(ListResult(items: tickets, total: total)) {
                output.list(shown: tickets.count, total: total, plural: "tickets") {
                    output.table(
                        ["ATTENDEE", "REFERENCE", "TIER", "STATUS", "ORDER", "TICKET"],
                        tickets.map {
                            [
                                "\($0.attendee.name) <\($0.attendee.email)>", $0.reference, $0.tierName,
                                output.statusText($0.status) + ($0.voidReason.map { " (\($0))" } ?? ""), $0.orderID, $0.id,
                            ]
                        })
                }
            }
        }
    }

    struct Show: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a ticket (by id, code or reference) or an order (by id) with its tickets.",
            discussion: """
                Examples:
                  billetterie ticket show tkt_9x2m...
                  billetterie ticket show ord_3kq7... --json
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("A ticket id, code or reference, or an order id.", valueName: "id-code-or-order"))
        var target: String

        func run(in context: CommandContext) throws {
            switch try context.sales().find(target, viewer: try context.actor()) {
            case .order(let order):
                try context.output.emit(order) { context.output.describe(order) }
            case .ticket(let ticket, let order):
                try context.output.emit(ticket) { context.output.describe(ticket, in: order) }
            }
        }
    }

    struct Export: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write every ticket of an event as CSV or JSON (its organizer or an admin).",
            discussion: """
                Rows stream out as they are read, however many tickets there are. --json alone
                means --format json; with -o the file gets the format and, under --json,
                stdout a JSON summary.

                Example:
                  billetterie ticket export --event jazz-night --format csv -o jazz-night-tickets.csv
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: ArgumentHelp("The event: id, slug, key or title.", valueName: "event"))
        var event: String

        @Option(help: "csv (default) or json (--json alone means json).")
        var format: String?

        @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write to this file (mode 0600) instead of stdout.", valueName: "file"))
        var output: String?

        func validate() throws {
            if let format, !["csv", "json"].contains(format) { throw ValidationError("--format must be csv or json, not '\(format)'") }
        }

        static let columns = [
            "ticket_id", "order_id", "tier", "status", "attendee_name", "attendee_email", "buyer_name",
            "buyer_email", "external_id", "code", "created_at",
        ]

        func run(in context: CommandContext) throws {
            let format = self.format ?? (global.json ? "json" : "csv")
            let sink = try TextSink(path: output)
            let encoder = Output.compactEncoder
            var count = 0
            if format == "csv" { sink.write(CSV.line(Self.columns)) } else { sink.write("{\"items\":[") }
            _ = try context.sales().export(event: event, actor: try context.actor()) { row in
                let ticket = row.ticket
                if format == "csv" {
                    sink.write(
                        CSV.line([
                            ticket.id, ticket.orderID, ticket.tierName, ticket.status.rawValue, ticket.attendee.name,
                            ticket.attendee.email, row.buyer.name, row.buyer.email, row.externalID ?? "", ticket.code,
                            TimeText.utc(ticket.createdAt),
                        ]))
                } else {
                    sink.write((count == 0 ? "" : ",") + String(decoding: try encoder.encode(ticket), as: UTF8.self))
                }
                count += 1
            }
            if format == "json" { sink.write("],\"total\":\(count)}\n") }
            try sink.close()
            if let output {
                try context.output.emit(WrittenFile(file: output, format: format, rows: count)) { "" }
                context.output.status("Wrote \(count) tickets to \(output)")
            }
        }
    }
}

/// Text written to stdout or a file in large chunks, so long exports stay fast. A file is
/// written under a new name nobody can guess (created new, never through a link) and renamed
/// over the target when complete: a file it replaces ends up 0600 like a new one, and a
/// reader never sees half an export. A folder in the way is exit 73, left alone. A device
/// or a pipe (`-o /dev/null`, a FIFO) is written into as it is (`FileSystem.openStream`).
final class TextSink {
    private var buffer: [UInt8] = []
    private let fd: Int32
    private let path: String?
    private let temporary: String?
    private var failure: String?
    private var closed = false

    /// An export that stopped before `close` leaves no half file behind.
    deinit {
        if !closed, let temporary {
            Glibc.close(fd)
            unlink(temporary)
        }
    }

    init(path: String?) throws {
        self.path = path
        if let path, let stream = try FileSystem.openStream(path) {
            fd = stream
            temporary = nil
        } else if let path {
            try FileSystem.requireRoomForNewFile(path)
            let temporary = path + ".tmp-" + Identifier.make(.scan).dropFirst(4)
            let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600)
            guard fd >= 0 else { throw BilletterieError.cannotCreate(path: path, reason: String(cString: strerror(errno))) }
            self.fd = fd
            self.temporary = temporary
        } else {
            fd = STDOUT_FILENO
            temporary = nil
        }
    }

    func write(_ text: String) {
        buffer += text.utf8
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Appends what `fill` writes straight into the buffer (no String per line); bytes that
    /// are not plain text (`Output.isPlain`) are taken back and written as `screen` makes them.
    func append(_ fill: (inout [UInt8]) -> Void, screen: (String) -> String) {
        let start = buffer.count
        fill(&buffer)
        if !buffer.withUnsafeBufferPointer({ Output.isPlain($0[start...]) }) {
            let text = String(decoding: buffer[start...], as: UTF8.self)
            buffer.removeSubrange(start...)
            buffer += screen(text).utf8
        }
        if buffer.count >= 1 << 16 { flush() }
    }

    private func flush() {
        var offset = 0
        while offset < buffer.count, failure == nil {
            let written = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
            } else {
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        flush()
        closed = true
        guard let path, let temporary else {
            if fd != STDOUT_FILENO { Glibc.close(fd) }
            if let failure { throw BilletterieError.cannotCreate(path: path ?? "standard output", reason: failure) }
            return
        }
        let synced = fsync(fd) == 0
        Glibc.close(fd)
        guard failure == nil, synced, rename(temporary, path) == 0 else {
            let reason = failure ?? String(cString: strerror(errno))
            unlink(temporary)
            throw BilletterieError.cannotCreate(path: path, reason: reason)
        }
    }
}

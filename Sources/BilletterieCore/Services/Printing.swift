import Foundation

/// Printable documents (CLI.md section 14): tickets one per page, the door list, receipts.
/// Drawn by `PDFDocument` (cairo and pango); text stays text, so a reader can search it.
public struct Printing {
    public let store: Store
    public let now: Date

    public init(store: Store, now: Date) {
        self.store = store
        self.now = now
    }

    /// A PDF and what is in it.
    public struct Printed: Sendable {
        public let bytes: [UInt8]
        public let pages: Int
        /// The tickets printed (`ticket pdf`), in page order.
        public let tickets: [String]
        /// Texts holding characters no installed font draws: they print as boxes.
        public let missingGlyphs: [String]
    }

    // MARK: Tickets

    /// The tickets of an order, or one ticket, one per page: valid and used ones only (a
    /// pending ticket prints once paid, exit 4; void ones are left out).
    public func tickets(_ identifier: String, paper: Paper, viewer: User) throws -> Printed {
        let sales = Sales(store: store, now: now)
        let (order, chosen): (Order, [Ticket])
        switch try sales.find(identifier, viewer: viewer) {
        case .order(let found): (order, chosen) = (found, found.tickets)
        case .ticket(let ticket, let found): (order, chosen) = (found, [ticket])
        }
        let printable = chosen.filter { ($0.status == .valid || $0.status == .used) && !$0.credentialsHidden }
        guard !printable.isEmpty else {
            if chosen.contains(where: { $0.status == .pending }) {
                throw BilletterieError.conflict(code: "not_paid", message: "\(order.id) is not paid yet: its tickets print once it is")
            }
            throw BilletterieError.conflict(
                code: "nothing_to_print", message: "no valid ticket to print in \(order.id) (\(chosen.map(\.status.rawValue).joined(separator: ", ")))")
        }
        guard let event = try store.events(identifiedBy: order.eventID, now: now).first else {
            throw BilletterieError.notFound(entity: "event", identifier: order.eventID)
        }
        return try Self.ticketPages(printable, event: event, seller: try store.settings().venueName ?? "Box office", paper: paper)
    }

    /// One page per ticket: event, local date and time, venue, tier, attendee, QR, code and
    /// reference. Also what `notify settings --attach-pdf on` attaches to confirmations.
    /// Three faces (DejaVu Sans, its bold, and the monospaced one for the code): every face a
    /// document uses is subset, compressed and embedded in it again, which is most of what a
    /// one-ticket PDF costs.
    static func ticketPages(_ tickets: [Ticket], event: Event, seller: String, paper: Paper, matrices: [String: QRMatrix] = [:]) throws -> Printed {
        let pdf = try PDFDocument(paper: paper, title: "Tickets: \(event.title)", author: seller)
        let margin = 50.0
        let width = paper.width - 2 * margin
        let when = Self.longDate(event.startsAt, event.zone)
        for (index, ticket) in tickets.enumerated() {
            if index > 0 { pdf.newPage() }
            var y = margin
            pdf.text(seller, x: margin, y: y, width: width, font: "DejaVu Sans 9", gray: 0.4, oneLine: true)
            y += 22
            y += pdf.text(event.title, x: margin, y: y, width: width, font: "DejaVu Sans Bold 24") + 6
            y += pdf.text(when, x: margin, y: y, width: width, font: "DejaVu Sans 14") + 2
            let venue = [event.venue.name, event.venue.address].filter { !$0.isEmpty }.joined(separator: ", ")
            y += pdf.text(venue, x: margin, y: y, width: width, font: "DejaVu Sans 12", gray: 0.2) + 14
            pdf.line(from: (margin, y), to: (paper.width - margin, y))
            y += 14
            // The attendee across the page: long names and any script, never cut.
            y += pdf.text("Attendee", x: margin, y: y, width: width, font: "DejaVu Sans 9", gray: 0.45) + 1
            y += pdf.text(ticket.attendee.name.isEmpty ? "-" : ticket.attendee.name, x: margin, y: y, width: width, font: "DejaVu Sans Bold 20") + 16
            let qrSize = min(250.0, width * 0.5)
            pdf.qr(try matrices[ticket.code] ?? QRMatrix(encoding: ticket.code), x: margin - 8, y: y - 8, size: qrSize)
            let column = margin + qrSize + 12
            let columnWidth = paper.width - margin - column
            var right = y
            for (label, value, font) in [
                ("Ticket", ticket.tierName + (ticket.admission ? "" : " (add-on, does not admit)"), "DejaVu Sans 14"),
                ("Reference", ticket.reference, "DejaVu Sans Bold 18"),
                ("Order", ticket.orderID, "DejaVu Sans 9"),
            ] {
                right += pdf.text(label, x: column, y: right, width: columnWidth, font: "DejaVu Sans 9", gray: 0.45) + 1
                right += pdf.text(value, x: column, y: right, width: columnWidth, font: font) + 12
            }
            y = max(y + qrSize, right) + 8
            y += pdf.text("Code", x: margin, y: y, width: width, font: "DejaVu Sans 9", gray: 0.45) + 1
            // One line at 6.5 points in the monospaced face (121 characters, 473 points, whatever
            // the letters): a reader copies it whole.
            y += pdf.text(ticket.code, x: margin, y: y, width: width, font: "DejaVu Sans Mono 6.5") + 16
            pdf.line(from: (margin, y), to: (paper.width - margin, y))
            y += 8
            pdf.text(
                "Show the QR code at the door. If it will not scan, the door types the reference. "
                    + "The ticket admits once; keep it to yourself.",
                x: margin, y: y, width: width, font: "DejaVu Sans 9", gray: 0.4)
            pdf.text(ticket.id, x: margin, y: paper.height - margin, width: width, font: "DejaVu Sans 7", gray: 0.5, right: true)
        }
        let bytes = try pdf.finish()
        return Printed(bytes: bytes, pages: tickets.count, tickets: tickets.map(\.id), missingGlyphs: pdf.missingGlyphs)
    }

    // MARK: The door list

    /// The paper door list: every valid or used ticket by name, with a box to tick.
    public func doorList(_ event: Event, lines: [(name: String, reference: String, tier: String, used: Bool)], paper: Paper) throws -> Printed {
        let pdf = try PDFDocument(paper: paper, title: "Door list: \(event.title)", author: try store.settings().venueName ?? "Box office")
        let margin = 40.0
        let width = paper.width - 2 * margin
        let rowHeight = 17.0
        let top = margin + 62
        let perPage = max(1, Int((paper.height - top - margin - 20) / rowHeight))
        let pages = max(1, (lines.count + perPage - 1) / perPage)
        let used = lines.filter(\.used).count
        let columns: [(title: String, x: Double, width: Double)] = [
            ("", margin, 16), ("Attendee", margin + 20, width * 0.45 - 20), ("Reference", margin + width * 0.45, width * 0.22),
            ("Tier", margin + width * 0.67, width * 0.2), ("In", margin + width * 0.87, width * 0.13),
        ]
        for page in 0..<pages {
            if page > 0 { pdf.newPage() }
            pdf.text("Door list: \(event.title)", x: margin, y: margin, width: width, font: "DejaVu Sans Bold 16", oneLine: true)
            pdf.text(
                "\(Self.longDate(event.startsAt, event.zone)) · \(lines.count) tickets, \(used) already in · page \(page + 1) of \(pages)",
                x: margin, y: margin + 22, width: width, font: "DejaVu Sans 9", gray: 0.35, oneLine: true)
            for column in columns {
                pdf.text(column.title, x: column.x, y: top - 16, width: column.width, font: "DejaVu Sans Bold 9", gray: 0.3, oneLine: true)
            }
            pdf.line(from: (margin, top - 2), to: (paper.width - margin, top - 2), width: 0.8, gray: 0.3)
            let slice = lines[min(lines.count, page * perPage)..<min(lines.count, (page + 1) * perPage)]
            for (row, line) in slice.enumerated() {
                let y = top + Double(row) * rowHeight + 2
                if row % 2 == 1 { pdf.fill(x: margin, y: y - 2, width: width, height: rowHeight, gray: 0.94) }
                pdf.frame(x: columns[0].x + 2, y: y + 1, width: 9, height: 9, gray: 0.2)
                if line.used { pdf.text("✓", x: columns[0].x + 2, y: y - 2, width: 12, font: "DejaVu Sans Bold 10") }
                pdf.text(line.name.isEmpty ? "-" : line.name, x: columns[1].x, y: y, width: columns[1].width - 6, font: "DejaVu Sans 10", oneLine: true)
                pdf.text(line.reference, x: columns[2].x, y: y, width: columns[2].width, font: "DejaVu Sans Mono 10", oneLine: true)
                pdf.text(line.tier, x: columns[3].x, y: y, width: columns[3].width - 6, font: "DejaVu Sans 10", oneLine: true)
                pdf.text(line.used ? "in" : "", x: columns[4].x, y: y, width: columns[4].width, font: "DejaVu Sans 10", oneLine: true)
            }
            if lines.isEmpty { pdf.text("No valid tickets.", x: margin, y: top + 4, width: width) }
        }
        let bytes = try pdf.finish()
        return Printed(bytes: bytes, pages: pages, tickets: [], missingGlyphs: pdf.missingGlyphs)
    }

    // MARK: Receipts

    /// The receipt on one page: the seller with its address and VAT number, the lines,
    /// payments and refunds.
    public static func receipt(_ receipt: Receipt, paper: Paper) throws -> Printed {
        let pdf = try PDFDocument(paper: paper, title: "Receipt No. \(receipt.number)", author: receipt.seller)
        let margin = 60.0
        let width = paper.width - 2 * margin
        var y = margin
        y += pdf.text("Receipt No. \(receipt.number)", x: margin, y: y, width: width, font: "DejaVu Sans Bold 22") + 10
        y += pdf.text(receipt.seller, x: margin, y: y, width: width, font: "DejaVu Sans Bold 12") + 2
        for line in [receipt.sellerAddress, receipt.vatNumber.map { "VAT number: \($0)" }, "Issued \(receipt.issuedLocal)"].compactMap({ $0 }) {
            y += pdf.text(line, x: margin, y: y, width: width, font: "DejaVu Sans 10", gray: 0.25) + 2
        }
        y += 14
        for line in [
            "Order \(receipt.orderID)", "\(receipt.event), \(receipt.eventStart)", receipt.venue, "Buyer: \(receipt.buyerName) <\(receipt.buyerEmail)>",
        ]
        where !line.isEmpty {
            y += pdf.text(line, x: margin, y: y, width: width, font: "DejaVu Sans 10") + 2
        }
        y += 14
        pdf.line(from: (margin, y), to: (paper.width - margin, y), width: 0.8, gray: 0.3)
        y += 6
        func row(_ label: String, _ amount: String, bold: Bool = false) {
            let font = bold ? "DejaVu Sans Bold 11" : "DejaVu Sans 11"
            let height = pdf.text(label, x: margin, y: y, width: width - 130, font: font)
            pdf.text(amount, x: paper.width - margin - 130, y: y, width: 130, font: font, right: true)
            y += max(height, 14) + 4
        }
        for line in receipt.lines {
            row("\(line.quantity) × \(line.tier)" + (line.quantity > 1 ? " at \(receipt.money(line.unitMinor))" : ""), receipt.money(line.totalMinor))
        }
        row("Total", receipt.money(receipt.totalMinor), bold: true)
        if let rate = receipt.vatRate, let vat = receipt.vatMinor { row("  incl. VAT \(rate) %", receipt.money(vat)) }
        y += 8
        for payment in receipt.payments {
            let how =
                payment.method == .cash
                ? "cash"
                : "\(payment.method == .test ? "test card" : "card") \(payment.cardLast4.map { "\(payment.cardBrand ?? "") ••••" + $0 } ?? payment.reference ?? "")"
            row("Paid, \(how)", receipt.money(payment.amount.minor))
        }
        for refund in receipt.refunds {
            row("Refunded \(TimeText.local(refund.createdAt, in: receipt.zone)), \(refund.method.rawValue)", "-" + receipt.money(refund.amount.minor))
        }
        pdf.line(from: (margin, y), to: (paper.width - margin, y), width: 0.8, gray: 0.3)
        y += 6
        row("Net paid", receipt.money(receipt.netPaidMinor), bold: true)
        let bytes = try pdf.finish()
        return Printed(bytes: bytes, pages: 1, tickets: [], missingGlyphs: pdf.missingGlyphs)
    }

    /// `Sunday 21 June 2026, 20:30 CEST`, in the event's zone.
    static func longDate(_ date: Date, _ zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = zone
        formatter.dateFormat = "EEEE d MMMM yyyy, HH:mm zzz"
        return formatter.string(from: date)
    }
}

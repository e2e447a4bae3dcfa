import Foundation

/// What `ticket list` asks for; visibility is applied from the viewer.
public struct TicketFilter: Sendable {
    public var eventID: String?
    public var orderID: String?
    public var buyerEmail: String?
    public var status: TicketStatus?
    public var limit = 50
    public var offset = 0

    public init(
        eventID: String? = nil, orderID: String? = nil, buyerEmail: String? = nil, status: TicketStatus? = nil,
        limit: Int = 50, offset: Int = 0
    ) {
        self.eventID = eventID
        self.orderID = orderID
        self.buyerEmail = buyerEmail
        self.status = status
        self.limit = limit
        self.offset = offset
    }
}

/// A ticket row with its order's buyer, for exports.
public struct TicketExportRow: Sendable {
    public let ticket: Ticket
    public let buyer: Attendee
    public let externalID: String?
}

extension Store {
    // MARK: Counting what is taken

    /// Tickets of a tier that hold a place now: not void, and not on a hold that has run out.
    func activeTickets(tierID: String, now: Date) throws -> Int {
        Int(
            try db.scalar(
                """
                SELECT count(*) FROM tickets WHERE tier_id = ? AND status != 'void' AND (hold_expires_at IS NULL OR hold_expires_at > ?)
                """, tierID, now.epochSeconds
            ).int ?? 0)
    }

    /// Admission tickets of an event that hold a place now (add-ons do not count).
    func activeAdmissions(eventID: String, now: Date) throws -> Int {
        Int(
            try db.scalar(
                """
                SELECT count(*) FROM tickets
                WHERE event_id = ? AND admission = 1 AND status != 'void' AND (hold_expires_at IS NULL OR hold_expires_at > ?)
                """, eventID, now.epochSeconds
            ).int ?? 0)
    }

    func hasOrders(eventID: String) throws -> Bool {
        try read { try db.row("SELECT 1 FROM orders WHERE event_id = ? LIMIT 1", eventID) != nil }
    }

    // MARK: Writing

    // MARK: Reading

    private static let ticketColumns = """
        t.id, t.order_id, t.event_id, t.tier_id, t.admission, t.attendee_name, t.attendee_email, t.status, t.hold_expires_at,
        t.code, t.reference, t.void_reason, t.replaced_by, t.created_at, t.price_minor, t.voucher_id, tr.name AS tier_name
        """

    /// A ticket as people see it now: a pending ticket whose hold ran out is void.
    private func ticket(from row: Row, now: Date) throws -> Ticket {
        var status = TicketStatus(rawValue: try row.string("status")) ?? .void
        var reason = row.optionalString("void_reason")
        if status == .pending, let hold = row.optionalInt("hold_expires_at"), hold <= now.epochSeconds {
            status = .void
            reason = "expired"
        }
        var ticket = Ticket(
            id: try row.string("id"), orderID: try row.string("order_id"), eventID: try row.string("event_id"),
            tierID: try row.string("tier_id"), tierName: try row.string("tier_name"), admission: try row.bool("admission"),
            attendee: Attendee(name: try row.string("attendee_name"), email: try row.string("attendee_email")),
            status: status, code: try row.string("code"), reference: row.optionalString("reference") ?? "", voidReason: reason,
            replacedBy: row.optionalString("replaced_by"),
            createdAt: Date(epochSeconds: try row.int("created_at")))
        ticket.priceMinor = try row.int("price_minor")
        ticket.voucherID = row.optionalString("voucher_id")
        return ticket
    }

    /// An order as people see it now: a reserved order whose hold ran out is expired.
    private func order(from row: Row, tickets: [Ticket], now: Date) throws -> Order {
        let currency = Currency.stored(try row.string("currency"))
        var status = OrderStatus(rawValue: try row.string("status")) ?? .cancelled
        let expires = row.optionalInt("expires_at").map(Date.init(epochSeconds:))
        if status == .reserved, let expires, expires <= now { status = .expired }
        return Order(
            id: try row.string("id"), eventID: try row.string("event_id"), eventTitle: try row.string("event_title"),
            buyer: Attendee(name: try row.string("buyer_name"), email: try row.string("buyer_email")), status: status,
            total: Money(minor: try row.int("total_minor"), currency: currency),
            paid: Money(minor: try row.int("paid_minor"), currency: currency),
            refunded: Money(minor: try row.int("refunded_minor"), currency: currency),
            expiresAt: status == .reserved || status == .expired ? expires : nil,
            externalID: row.optionalString("external_id"), channel: try row.string("channel"),
            paidBy: row.optionalString("paid_by"), createdAt: Date(epochSeconds: try row.int("created_at")), tickets: tickets,
            createdBy: row.optionalString("created_by"), eventTimeZone: row.optionalString("event_timezone"))
    }

    private static let orderColumns = """
        o.id, o.event_id, o.buyer_email, o.buyer_name, o.status, o.total_minor, o.paid_minor, o.refunded_minor, o.currency,
        o.expires_at, o.external_id, o.channel, o.paid_by, o.created_by, o.created_at, e.title AS event_title,
        e.timezone AS event_timezone
        """

    /// One order with its tickets.
    func order(id: String, now: Date) throws -> Order? {
        try read {
            guard let row = try db.row("SELECT \(Self.orderColumns) FROM orders o JOIN events e ON e.id = o.event_id WHERE o.id = ?", id) else {
                return nil
            }
            let tickets = try db.rows(
                "SELECT \(Self.ticketColumns) FROM tickets t JOIN tiers tr ON tr.id = t.tier_id WHERE t.order_id = ? ORDER BY t.rowid", id
            )
            .map { try ticket(from: $0, now: now) }
            var result = try order(from: row, tickets: tickets, now: now)
            if let voucherID = tickets.lazy.compactMap(\.voucherID).first,
                let code = try db.row("SELECT code FROM vouchers WHERE id = ?", voucherID)?.string("code")
            {
                result.voucher = OrderVoucher(code: code, uses: tickets.filter { $0.voucherID == voucherID }.count)
            }
            result.payments = try payments(orderID: id)
            result.refunds = try refunds(orderID: id)
            result.receiptNumber = try receiptNumber(orderID: id)
            return result
        }
    }

    /// A ticket by id, by its exact code, or by its reference (already read canonically).
    func ticket(idOrCode: String, now: Date) throws -> Ticket? {
        try read {
            let column = Identifier.looksLike(idOrCode, .ticket) ? "t.id" : idOrCode.utf8.count == TicketReference.length ? "t.reference" : "t.code"
            return try db.row("SELECT \(Self.ticketColumns) FROM tickets t JOIN tiers tr ON tr.id = t.tier_id WHERE \(column) = ?", idOrCode)
                .map { try ticket(from: $0, now: now) }
        }
    }

    /// The SQL condition (and its values) for the tickets `viewer` may see.
    private func ticketVisibility(_ viewer: User) -> (String, [SQLBindable]) {
        switch viewer.role {
        case .admin, .staff: return ("1 = 1", [])
        case .organizer:
            return (
                "(t.event_id IN (SELECT id FROM events WHERE organizer_id = ?) OR o.created_by = ? OR o.buyer_email = ? OR t.attendee_email = ?)",
                [viewer.id, viewer.id, viewer.provenEmail, viewer.provenEmail]
            )
        // An address not yet proven matches nothing (NULL): only orders the account placed.
        case .participant: return ("(o.created_by = ? OR o.buyer_email = ? OR t.attendee_email = ?)", [viewer.id, viewer.provenEmail, viewer.provenEmail])
        }
    }

    /// One page of the tickets matching `filter` that `viewer` may see, and how many in all.
    func tickets(matching filter: TicketFilter, viewer: User, now: Date) throws -> (tickets: [Ticket], total: Int) {
        let (visibility, visibilityArguments) = ticketVisibility(viewer)
        var clauses = [visibility]
        var arguments = visibilityArguments
        if let event = filter.eventID {
            clauses.append("t.event_id = ?")
            arguments.append(event)
        }
        if let order = filter.orderID {
            clauses.append("t.order_id = ?")
            arguments.append(order)
        }
        if let buyer = filter.buyerEmail {
            clauses.append("o.buyer_email = ?")
            arguments.append(buyer)
        }
        switch filter.status {
        case nil: break
        case .pending:
            clauses.append("t.status = 'pending' AND t.hold_expires_at > ?")
            arguments.append(now.epochSeconds)
        case .void:
            clauses.append("(t.status = 'void' OR (t.status = 'pending' AND t.hold_expires_at <= ?))")
            arguments.append(now.epochSeconds)
        case .valid, .used:
            clauses.append("t.status = ?")
            arguments.append(filter.status!.rawValue)
        }
        let from = "FROM tickets t JOIN orders o ON o.id = t.order_id JOIN tiers tr ON tr.id = t.tier_id WHERE " + clauses.joined(separator: " AND ")
        return try read {
            let total = try db.rows("SELECT count(*) AS n \(from)", arguments: arguments).first?.int("n") ?? 0
            let page = try db.rows(
                "SELECT \(Self.ticketColumns) \(from) ORDER BY t.created_at, t.rowid LIMIT ? OFFSET ?",
                arguments: arguments + [filter.limit, filter.offset]
            ).map { try ticket(from: $0, now: now) }
            return (page, Int(total))
        }
    }

    /// What `ticket find` looks for: folded words that must all appear in a ticket's names
    /// and addresses, or one exact order id, ticket id or reference.
    struct TicketSearchQuery {
        var words: [String] = []
        var exact: String?
        var eventID: String?
        /// Only events of this organizer (an organizer searching).
        var organizerID: String?
        var limit = 50
        var offset = 0
    }

    /// One page of the tickets `query` finds, sorted by attendee name, and how many in all.
    func findTickets(_ query: TicketSearchQuery, now: Date) throws -> (tickets: [Ticket], total: Int) {
        var clauses: [String] = []
        var arguments: [SQLBindable] = []
        if let exact = query.exact {
            clauses.append("(t.order_id = ? OR t.id = ? OR t.reference = ?)")
            arguments += [exact, exact, exact]
        } else {
            for word in query.words {
                clauses.append(dialect.contains("t.search_text"))
                arguments.append(word)
            }
        }
        if let event = query.eventID {
            clauses.append("t.event_id = ?")
            arguments.append(event)
        }
        if let organizer = query.organizerID {
            clauses.append("t.event_id IN (SELECT id FROM events WHERE organizer_id = ?)")
            arguments.append(organizer)
        }
        let from = "FROM tickets t JOIN tiers tr ON tr.id = t.tier_id WHERE " + (clauses.isEmpty ? "1 = 1" : clauses.joined(separator: " AND "))
        return try read {
            let total = try db.rows("SELECT count(*) AS n \(from)", arguments: arguments).first?.int("n") ?? 0
            let page = try db.rows(
                "SELECT \(Self.ticketColumns) \(from) ORDER BY t.attendee_name COLLATE NOCASE, t.created_at, t.rowid LIMIT ? OFFSET ?",
                arguments: arguments + [query.limit, query.offset]
            ).map { try ticket(from: $0, now: now) }
            return (page, Int(total))
        }
    }

    /// An event's tickets that may come in or came in (valid or used), sorted by attendee
    /// name: the paper list for when the scanners fail.
    func forEachDoorListTicket(eventID: String, now: Date, _ body: (Ticket) throws -> Void) throws {
        try readAll {
            try db.forEachRow(
                """
                SELECT \(Self.ticketColumns) FROM tickets t JOIN tiers tr ON tr.id = t.tier_id
                WHERE t.event_id = ? AND t.status IN ('valid', 'used')
                ORDER BY t.attendee_name COLLATE NOCASE, t.attendee_email, t.rowid
                """, arguments: [eventID]
            ) { row in try body(ticket(from: row, now: now)) }
        }
    }

    /// An account's orders, newest first, with their tickets: those it placed, and those of
    /// its address once proven (`provenEmail`, nil before).
    func orders(placedBy userID: String, buyerEmail: String?, now: Date) throws -> [Order] {
        let ids = try read {
            try db.rows("SELECT id FROM orders WHERE created_by = ? OR buyer_email = ? ORDER BY created_at DESC, rowid DESC", userID, buyerEmail)
                .map { try $0.string("id") }
        }
        return try ids.compactMap { try order(id: $0, now: now) }
    }

    /// Calls `body` with each ticket of an event, in sale order, without holding them all.
    func forEachTicket(eventID: String, now: Date, _ body: (TicketExportRow) throws -> Void) throws {
        try readAll {
            try db.forEachRow(
                """
                SELECT \(Self.ticketColumns), o.buyer_name, o.buyer_email, o.external_id
                FROM tickets t JOIN orders o ON o.id = t.order_id JOIN tiers tr ON tr.id = t.tier_id
                WHERE t.event_id = ? ORDER BY t.created_at, t.rowid
                """, arguments: [eventID]
            ) { row in
                try body(
                    TicketExportRow(
                        ticket: ticket(from: row, now: now),
                        buyer: Attendee(name: row.string("buyer_name"), email: row.string("buyer_email")),
                        externalID: row.optionalString("external_id")))
            }
        }
    }

    /// Each ticket of an event as a gate pack keeps it: its stored state (a pending ticket
    /// with the end of its hold, so the gate can tell unpaid from expired later).
    func forEachDoorTicket(eventID: String, _ body: (Ticket, Int64?) throws -> Void) throws {
        try readAll {
            try db.forEachRow(
                """
                SELECT \(Self.ticketColumns) FROM tickets t JOIN tiers tr ON tr.id = t.tier_id
                WHERE t.event_id = ? ORDER BY t.rowid
                """, arguments: [eventID]
            ) { row in
                try body(ticket(from: row, now: Date(epochSeconds: 0)), row.optionalInt("hold_expires_at"))
            }
        }
    }

    /// External ids of an event's orders already imported, to skip them on a rerun.
    func importedExternalIDs(eventID: String) throws -> Set<String> {
        Set(try db.rows("SELECT external_id FROM orders WHERE event_id = ? AND external_id IS NOT NULL", eventID).map { try $0.string("external_id") })
    }

    /// The public halves of every signing key the store has had, for verifying codes.
    public func publicKeys() throws -> [[UInt8]] {
        try read { try db.rows("SELECT public_key FROM signing_keys ORDER BY id DESC").map { try $0.blob("public_key") } }
    }
}

extension StoreTransaction {
    /// Tickets of a tier that hold a place now, counted inside the write that takes places.
    func activeTickets(tierID: String, now: Date) throws -> Int { try store.activeTickets(tierID: tierID, now: now) }

    /// Admission tickets of an event that hold a place now, counted inside the write that takes places.
    func activeAdmissions(eventID: String, now: Date) throws -> Int { try store.activeAdmissions(eventID: eventID, now: now) }

    static let orderInsertColumns = """
        id, event_id, buyer_email, buyer_name, status, total_minor, paid_minor, refunded_minor, currency,
        expires_at, external_id, channel, paid_by, created_by, created_at, updated_at
        """

    static func orderInsertValues(_ order: Order, createdBy: String?, now: Date) -> [SQLBindable] {
        [
            order.id, order.eventID, order.buyer.email, order.buyer.name, order.status.rawValue, order.total.minor,
            order.paid.minor, order.refunded.minor, order.total.currency.code, order.expiresAt?.epochSeconds, order.externalID,
            order.channel, order.paidBy, createdBy, now.epochSeconds, now.epochSeconds,
        ]
    }

    func insertOrder(_ order: Order, createdBy: String?, now: Date) throws {
        try insertRows("orders", Self.orderInsertColumns, [Self.orderInsertValues(order, createdBy: createdBy, now: now)])
    }

    /// Inserts a ticket of an order bought by `buyer`. Should its reference be taken (one
    /// chance in 2^45 per ticket already sold), a new one is drawn: the caller's copy is updated.
    static let ticketInsertColumns = """
        id, order_id, event_id, tier_id, admission, attendee_name, attendee_email, status, hold_expires_at,
        code, reference, search_text, created_at, updated_at, price_minor, voucher_id, sold
        """

    static func ticketInsertValues(_ ticket: Ticket, buyer: Attendee, holdExpiresAt: Date?, now: Date) -> [SQLBindable] {
        [
            ticket.id, ticket.orderID, ticket.eventID, ticket.tierID, ticket.admission, ticket.attendee.name,
            ticket.attendee.email, ticket.status.rawValue, holdExpiresAt?.epochSeconds, ticket.code,
            ticket.reference, TicketSearch.text(attendee: ticket.attendee, buyer: buyer), now.epochSeconds, now.epochSeconds,
            ticket.priceMinor, ticket.voucherID,
            // A ticket written valid belongs to a paid order, whose receipt exists or is issued
            // in the same write (`issueReceipt` marks the others).
            ticket.status == .valid || ticket.status == .used,
        ]
    }

    /// ON CONFLICT rather than catching the failure: PostgreSQL ends the whole transaction at
    /// the first failed statement, where SQLite lets it go on.
    static let ticketOnTakenReference = " ON CONFLICT (reference) DO NOTHING RETURNING id"

    func insertTicket(_ ticket: inout Ticket, buyer: Attendee, holdExpiresAt: Date?, now: Date) throws {
        while try insertRows(
            "tickets", Self.ticketInsertColumns, [Self.ticketInsertValues(ticket, buyer: buyer, holdExpiresAt: holdExpiresAt, now: now)],
            suffix: Self.ticketOnTakenReference
        ).isEmpty {
            ticket.reference = TicketReference.make()
        }
    }

    func updateOrder(id: String, status: OrderStatus, totalMinor: Int64, now: Date) throws {
        try db.execute(
            "UPDATE orders SET status = ?, total_minor = ?, expires_at = CASE WHEN ? = 'reserved' THEN expires_at END, updated_at = ? WHERE id = ?",
            status.rawValue, totalMinor, status.rawValue, now.epochSeconds, id)
    }

    /// Voids one ticket (cancelled, transferred, refunded...), releasing its place at once.
    func voidTicket(id: String, reason: String, replacedBy: String? = nil, now: Date) throws {
        try db.execute(
            "UPDATE tickets SET status = 'void', void_reason = ?, replaced_by = ?, hold_expires_at = NULL, updated_at = ? WHERE id = ?",
            reason, replacedBy, now.epochSeconds, id)
    }
}

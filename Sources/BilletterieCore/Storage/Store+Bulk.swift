import Foundation

/// A bulk import's new rows, written with multi-row INSERTs: on PostgreSQL every statement is
/// a round trip to the server, and 100 000 orders one statement at a time took 90 s there.
struct ImportBatch {
    var orders: [[SQLBindable]] = []
    var tickets: [(ticket: Ticket, buyer: Attendee)] = []
    var payments: [[SQLBindable]] = []
    /// Order ids to receive the next receipt numbers, in this order.
    var receipts: [String] = []
    var events: [[SQLBindable]] = []

    var isEmpty: Bool { orders.isEmpty && tickets.isEmpty && events.isEmpty }

    mutating func add(order: Order, createdBy: String, now: Date) {
        orders.append(StoreTransaction.orderInsertValues(order, createdBy: createdBy, now: now))
    }

    mutating func add(ticket: Ticket, buyer: Attendee) {
        tickets.append((ticket, buyer))
    }

    mutating func add(payment: Payment, eventID: String, createdBy: String) {
        payments.append(StoreTransaction.paymentInsertValues(payment, eventID: eventID, idempotencyKey: nil, requestHash: nil, createdBy: createdBy))
    }

    mutating func addReceipt(orderID: String) {
        receipts.append(orderID)
    }

    mutating func add(event type: DomainEventKind, subject: String?, actor: String?, data: some Encodable, at now: Date) throws {
        events.append(try StoreTransaction.eventInsertValues(type, subject: subject, actor: actor, data: data, at: now))
    }
}

extension StoreTransaction {
    /// Rows into `table`, as few statements as the engines' parameter limits allow (SQLite
    /// takes 32 766 parameters a statement, PostgreSQL 65 535); gives the rows `suffix`'s
    /// RETURNING gives, if any.
    @discardableResult
    func insertRows(_ table: String, _ columns: String, _ rows: [[SQLBindable]], suffix: String = "") throws -> [Row] {
        try Self.insertRows(into: db, table, columns, rows, suffix: suffix)
    }

    /// The same on any connection (a store being copied, before it is a store).
    @discardableResult
    static func insertRows(into db: any Database, _ table: String, _ columns: String, _ rows: [[SQLBindable]], suffix: String = "") throws -> [Row] {
        guard let width = rows.first?.count else { return [] }
        let placeholders = "(" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
        let perStatement = max(1, min(500, 30_000 / width))
        var returned: [Row] = []
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(rows.count, start + perStatement)]
            let sql = "INSERT INTO \(table) (\(columns)) VALUES " + Array(repeating: placeholders, count: chunk.count).joined(separator: ", ") + suffix
            let arguments = chunk.flatMap { $0 }
            if suffix.contains("RETURNING") {
                returned += try db.rows(sql, arguments: arguments)
            } else {
                try db.execute(sql, arguments: arguments)
            }
            start += chunk.count
        }
        return returned
    }

    /// Writes a bulk import's rows: orders, then tickets (one drawn again with a new reference
    /// should its reference be taken), payments, receipts numbered on from the largest, and
    /// the domain events in the order they were added.
    func insert(_ batch: ImportBatch, now: Date) throws {
        try insertRows("orders", Self.orderInsertColumns, batch.orders)
        let inserted = Set(
            try insertRows(
                "tickets", Self.ticketInsertColumns,
                batch.tickets.map { Self.ticketInsertValues($0.ticket, buyer: $0.buyer, holdExpiresAt: nil, now: now) },
                suffix: Self.ticketOnTakenReference
            ).map { try $0.string("id") })
        for var entry in batch.tickets where !inserted.contains(entry.ticket.id) {
            try insertTicket(&entry.ticket, buyer: entry.buyer, holdExpiresAt: nil, now: now)
        }
        try insertRows("payments", Self.paymentInsertColumns, batch.payments)
        if !batch.receipts.isEmpty {
            let first = (try db.scalar("SELECT coalesce(max(number), 0) + 1 FROM receipts").int ?? 1)
            try insertRows(
                "receipts", "number, order_id, issued_at",
                batch.receipts.enumerated().map { [first + Int64($0.offset), $0.element, now.epochSeconds] })
        }
        try insertRows("domain_events", Self.eventInsertColumns, batch.events)
    }
}

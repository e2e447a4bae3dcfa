import Foundation

extension Store {
    private static let paymentColumns = """
        id, order_id, method, status, amount_minor, tendered_minor, change_minor, currency, reference, card_brand, card_last4,
        decline_reason, created_at
        """

    private func payment(from row: Row) throws -> Payment {
        let currency = Currency.stored(try row.string("currency"))
        return Payment(
            id: try row.string("id"), orderID: try row.string("order_id"), method: PaymentMethod(rawValue: try row.string("method")) ?? .cash,
            succeeded: try row.string("status") == "succeeded", amount: Money(minor: try row.int("amount_minor"), currency: currency),
            tendered: row.optionalInt("tendered_minor").map { Money(minor: $0, currency: currency) },
            change: row.optionalInt("change_minor").map { Money(minor: $0, currency: currency) },
            reference: row.optionalString("reference"), cardBrand: row.optionalString("card_brand"),
            cardLast4: row.optionalString("card_last4"), declineReason: row.optionalString("decline_reason"),
            createdAt: Date(epochSeconds: try row.int("created_at")))
    }

    private static let refundColumns = "id, order_id, amount_minor, currency, method, card_brand, card_last4, reason, tickets, created_at, handed_back_at"

    private func refund(from row: Row) throws -> Refund {
        let currency = Currency.stored(try row.string("currency"))
        return Refund(
            id: try row.string("id"), orderID: try row.string("order_id"), amount: Money(minor: try row.int("amount_minor"), currency: currency),
            method: PaymentMethod(rawValue: try row.string("method")) ?? .cash, cardBrand: row.optionalString("card_brand"),
            cardLast4: row.optionalString("card_last4"), reason: try row.string("reason"),
            tickets: try row.string("tickets").split(separator: ",").map(String.init), createdAt: Date(epochSeconds: try row.int("created_at")),
            handedBackAt: row.optionalInt("handed_back_at").map(Date.init(epochSeconds:)))
    }

    /// The payment made with this idempotency key, and the hash of the request that made it.
    func payment(idempotencyKey: String) throws -> (payment: Payment, requestHash: [UInt8])? {
        try read {
            try db.row("SELECT \(Self.paymentColumns), request_hash FROM payments WHERE idempotency_key = ?", idempotencyKey)
                .map { (try payment(from: $0), try $0.blob("request_hash")) }
        }
    }

    func refund(idempotencyKey: String) throws -> (refund: Refund, requestHash: [UInt8])? {
        try read {
            try db.row("SELECT \(Self.refundColumns), request_hash FROM refunds WHERE idempotency_key = ?", idempotencyKey)
                .map { (try refund(from: $0), try $0.blob("request_hash")) }
        }
    }

    func payments(orderID: String) throws -> [Payment] {
        try read {
            try db.rows("SELECT \(Self.paymentColumns) FROM payments WHERE order_id = ? ORDER BY created_at, rowid", orderID).map { try payment(from: $0) }
        }
    }

    func refunds(orderID: String) throws -> [Refund] {
        try read {
            try db.rows("SELECT \(Self.refundColumns) FROM refunds WHERE order_id = ? ORDER BY created_at, rowid", orderID).map { try refund(from: $0) }
        }
    }

    func payment(id: String) throws -> Payment? {
        try read { try db.row("SELECT \(Self.paymentColumns) FROM payments WHERE id = ?", id).map { try payment(from: $0) } }
    }

    func receiptNumber(orderID: String) throws -> Int? {
        try read { try db.scalar("SELECT number FROM receipts WHERE order_id = ?", orderID).int.map(Int.init) }
    }

    /// Orders of an event, for the cancellation cascade.
    func orderIDs(eventID: String) throws -> [String] {
        try read { try db.rows("SELECT id FROM orders WHERE event_id = ? ORDER BY created_at, rowid", eventID).map { try $0.string("id") } }
    }

    /// The orders `viewer` may see, as SQL over `o` (orders): admins and staff all, organizers
    /// their events' and their own, participants their own.
    private func orderVisibility(_ viewer: User) -> (String, [SQLBindable]) {
        switch viewer.role {
        case .admin, .staff: ("1 = 1", [])
        case .organizer:
            (
                "(o.event_id IN (SELECT id FROM events WHERE organizer_id = ?) OR o.created_by = ? OR o.buyer_email = ?)",
                [viewer.id, viewer.id, viewer.provenEmail]
            )
        // An address not yet proven (NULL) matches nothing: only what the account placed.
        case .participant: ("(o.created_by = ? OR o.buyer_email = ?)", [viewer.id, viewer.provenEmail])
        }
    }

    /// Every payment of the orders `viewer` may see, oldest first.
    func payments(visibleTo viewer: User) throws -> [Payment] {
        let (clause, arguments) = orderVisibility(viewer)
        let columns = Self.paymentColumns.split(separator: ",").map { "p." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")
        return try read {
            try db.rows(
                "SELECT \(columns) FROM payments p JOIN orders o ON o.id = p.order_id WHERE \(clause) ORDER BY p.created_at, p.rowid",
                arguments: arguments
            ).map { try payment(from: $0) }
        }
    }

    func refund(id: String) throws -> Refund? {
        try read { try db.row("SELECT \(Self.refundColumns) FROM refunds WHERE id = ?", id).map { try refund(from: $0) } }
    }

    /// Cash refunds not yet handed back, by buyer, of the orders `viewer` may see.
    func owedRefunds(visibleTo viewer: User, eventID: String?) throws -> [(refund: Refund, buyer: Attendee, eventTitle: String)] {
        let (clause, arguments) = orderVisibility(viewer)
        let columns = Self.refundColumns.split(separator: ",").map { "r." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")
        return try read {
            try db.rows(
                """
                SELECT \(columns), o.buyer_name, o.buyer_email, e.title FROM refunds r JOIN orders o ON o.id = r.order_id
                JOIN events e ON e.id = o.event_id
                WHERE r.method = 'cash' AND r.handed_back_at IS NULL AND (? IS NULL OR o.event_id = ?) AND \(clause)
                ORDER BY e.starts_at, e.id, o.buyer_email, r.created_at, r.rowid
                """, arguments: [eventID, eventID] + arguments
            ).map {
                (try refund(from: $0), Attendee(name: try $0.string("buyer_name"), email: try $0.string("buyer_email")), try $0.string("title"))
            }
        }
    }

    func refunds(visibleTo viewer: User) throws -> [Refund] {
        let (clause, arguments) = orderVisibility(viewer)
        let columns = Self.refundColumns.split(separator: ",").map { "r." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")
        return try read {
            try db.rows(
                "SELECT \(columns) FROM refunds r JOIN orders o ON o.id = r.order_id WHERE \(clause) ORDER BY r.created_at, r.rowid",
                arguments: arguments
            ).map { try refund(from: $0) }
        }
    }
}

extension StoreTransaction {
    static let paymentInsertColumns = """
        id, order_id, method, status, amount_minor, tendered_minor, change_minor, currency, reference, card_brand,
        card_last4, decline_reason, idempotency_key, request_hash, created_by, created_at, event_id
        """

    static func paymentInsertValues(
        _ payment: Payment, eventID: String, idempotencyKey: String?, requestHash: [UInt8]?, createdBy: String
    ) -> [SQLBindable] {
        [
            payment.id, payment.orderID, payment.method.rawValue, payment.succeeded ? "succeeded" : "failed",
            payment.amount.minor, payment.tendered?.minor, payment.change?.minor, payment.amount.currency.code,
            payment.reference, payment.cardBrand, payment.cardLast4, payment.declineReason, idempotencyKey,
            requestHash.map(SQLValue.blob) ?? .null, createdBy, payment.createdAt.epochSeconds, eventID,
        ]
    }

    func insertPayment(_ payment: Payment, eventID: String, idempotencyKey: String?, requestHash: [UInt8]?, createdBy: String) throws {
        try insertRows(
            "payments", Self.paymentInsertColumns,
            [Self.paymentInsertValues(payment, eventID: eventID, idempotencyKey: idempotencyKey, requestHash: requestHash, createdBy: createdBy)])
    }

    func insertRefund(_ refund: Refund, idempotencyKey: String?, requestHash: [UInt8]?, createdBy: String) throws {
        try db.execute(
            """
            INSERT INTO refunds (id, order_id, amount_minor, currency, method, card_brand, card_last4, reason, tickets, idempotency_key,
                                 request_hash, created_by, created_at, handed_back_at, handed_back_by, event_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT event_id FROM orders WHERE id = ?))
            """,
            arguments: [
                refund.id, refund.orderID, refund.amount.minor, refund.amount.currency.code, refund.method.rawValue,
                refund.cardBrand, refund.cardLast4, refund.reason, refund.tickets.joined(separator: ","), idempotencyKey,
                requestHash.map(SQLValue.blob) ?? .null, createdBy, refund.createdAt.epochSeconds, refund.handedBackAt?.epochSeconds,
                refund.handedBackAt == nil ? nil : createdBy, refund.orderID,
            ])
    }

    /// Marks cash owed as handed back; false when it was not owed (any more).
    func markHandedBack(refundID: String, by actor: String, now: Date) throws -> Bool {
        try db.execute(
            "UPDATE refunds SET handed_back_at = ?, handed_back_by = ? WHERE id = ? AND method = 'cash' AND handed_back_at IS NULL",
            now.epochSeconds, actor, refundID) > 0
    }

    func updateOrderMoney(id: String, status: OrderStatus, paidMinor: Int64, refundedMinor: Int64, now: Date) throws {
        try db.execute(
            """
            UPDATE orders SET status = ?, paid_minor = ?, refunded_minor = ?, expires_at = CASE WHEN ? = 'reserved' THEN expires_at END,
                updated_at = ? WHERE id = ?
            """, arguments: [status.rawValue, paidMinor, refundedMinor, status.rawValue, now.epochSeconds, id])
    }

    /// A paid order's held tickets become valid and stop expiring.
    func confirmTickets(orderID: String, now: Date) throws {
        try db.execute(
            "UPDATE tickets SET status = 'valid', hold_expires_at = NULL, updated_at = ? WHERE order_id = ? AND status = 'pending'",
            now.epochSeconds, orderID)
    }

    /// The order's receipt number, issuing the next one if it has none yet.
    @discardableResult
    func issueReceipt(orderID: String, now: Date) throws -> Int {
        if let number = try db.scalar("SELECT number FROM receipts WHERE order_id = ?", orderID).int { return Int(number) }
        // One writer at a time: the next number is the largest plus one, with none skipped.
        let number = try db.row(
            """
            INSERT INTO receipts (number, order_id, issued_at) VALUES ((SELECT coalesce(max(number), 0) + 1 FROM receipts), ?, ?) RETURNING number
            """, orderID, now.epochSeconds)?.int("number")
        // What `report sales` counts: every ticket of an order with a receipt.
        try db.execute("UPDATE tickets SET sold = 1 WHERE order_id = ? AND sold = 0", orderID)
        return Int(number ?? 0)
    }

    /// A partly paid order stops expiring: its tickets are not released by the clock.
    func clearHold(orderID: String, now: Date) throws {
        try db.execute("UPDATE orders SET expires_at = NULL, updated_at = ? WHERE id = ?", now.epochSeconds, orderID)
        try db.execute("UPDATE tickets SET hold_expires_at = NULL WHERE order_id = ? AND status = 'pending'", orderID)
    }
}

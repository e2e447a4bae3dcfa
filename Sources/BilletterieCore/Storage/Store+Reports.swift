import Foundation

extension Store {
    func reportableEvents(organizerID: String?) throws -> [(id: String, slug: String, title: String, currency: String)] {
        try read {
            try db.rows(
                """
                SELECT id, slug, title, currency FROM events WHERE status != 'draft' AND (? IS NULL OR organizer_id = ?) ORDER BY starts_at, rowid
                """, organizerID, organizerID
            ).map { (try $0.string("id"), try $0.string("slug"), try $0.string("title"), try $0.string("currency")) }
        }
    }

    /// Per tier, in its order: tickets of orders that were paid (they have a receipt), by
    /// what they are now, and their face value.
    func tierSales(eventID: String) throws -> [(addon: Bool, line: SalesReport.TierLine)] {
        try read {
            try db.rows(
                """
                SELECT tr.name, tr.addon, tr.price_minor,
                       count(t.id) AS sold,
                       count(t.id) FILTER (WHERE t.status = 'valid') AS valid,
                       count(t.id) FILTER (WHERE t.status = 'used') AS used,
                       count(t.id) FILTER (WHERE t.status = 'void') AS void
                FROM tiers tr
                LEFT JOIN tickets t ON t.tier_id = tr.id AND EXISTS (SELECT 1 FROM receipts r WHERE r.order_id = t.order_id)
                WHERE tr.event_id = ?
                GROUP BY tr.id ORDER BY tr.position, tr.rowid
                """, eventID
            ).map {
                (
                    try $0.bool("addon"),
                    SalesReport.TierLine(
                        tier: try $0.string("name"), priceMinor: try $0.int("price_minor"), sold: Int(try $0.int("sold")),
                        valid: Int(try $0.int("valid")), used: Int(try $0.int("used")), void: Int(try $0.int("void")),
                        faceValueMinor: try $0.int("price_minor") * $0.int("sold"))
                )
            }
        }
    }

    /// Money taken (succeeded payments, as applied to orders) and given back, per method.
    func moneyByMethod(eventID: String) throws -> [SalesReport.MoneyLine] {
        try read {
            try db.rows(
                """
                WITH paid AS (
                    SELECT p.method, sum(p.amount_minor) AS minor FROM payments p JOIN orders o ON o.id = p.order_id
                    WHERE o.event_id = ? AND p.status = 'succeeded' GROUP BY p.method),
                returned AS (
                    SELECT r.method, sum(r.amount_minor) AS minor FROM refunds r JOIN orders o ON o.id = r.order_id
                    WHERE o.event_id = ? GROUP BY r.method),
                methods AS (SELECT method FROM paid UNION SELECT method FROM returned)
                SELECT m.method, coalesce(paid.minor, 0) AS gross, coalesce(returned.minor, 0) AS refunded
                FROM methods m LEFT JOIN paid ON paid.method = m.method LEFT JOIN returned ON returned.method = m.method
                ORDER BY m.method
                """, eventID, eventID
            ).map {
                SalesReport.MoneyLine(method: try $0.string("method"), grossMinor: try $0.int("gross"), refundedMinor: try $0.int("refunded"))
            }
        }
    }

    func checkinTotals(eventID: String) throws -> (admissible: Int, admitted: Int, inside: Int, rejected: Int) {
        try read {
            let tickets =
                try db.row(
                    """
                    SELECT count(*) AS n FROM tickets WHERE event_id = ? AND admission = 1 AND status IN ('valid', 'used')
                    """, eventID)?.int("n") ?? 0
            // Admitted: the tickets that may come in (valid or used admissions) with a standing
            // admission of theirs or of a code they replaced by transfer, each counted once, so
            // the figure can never pass the number of tickets. No exits yet: all are inside.
            let admitted =
                try db.row(
                    """
                    WITH RECURSIVE walk(id, steps) AS (
                        SELECT DISTINCT ticket_id, 0 FROM scans
                        WHERE event_id = ? AND result = 'accepted' AND undone_at IS NULL AND ticket_id IS NOT NULL
                        UNION
                        SELECT t.replaced_by, w.steps + 1 FROM walk w JOIN tickets t ON t.id = w.id
                        WHERE t.replaced_by IS NOT NULL AND w.steps < 100
                    )
                    SELECT count(DISTINCT t.id) AS n FROM walk w JOIN tickets t ON t.id = w.id
                    WHERE t.replaced_by IS NULL AND t.admission = 1 AND t.status IN ('valid', 'used')
                    """, eventID)?.int("n") ?? 0
            let scans = try db.row(
                """
                SELECT count(*) FILTER (WHERE result = 'rejected') AS rejected FROM scans WHERE event_id = ?
                """, eventID)
            return (Int(tickets), Int(admitted), Int(admitted), Int(try scans?.int("rejected") ?? 0))
        }
    }

    func checkinsByGate(eventID: String) throws -> [CheckinReport.GateLine] {
        try read {
            try db.rows(
                """
                SELECT gate, count(*) FILTER (WHERE result = 'accepted') AS admitted, count(*) FILTER (WHERE result = 'rejected') AS rejected,
                       count(*) FILTER (WHERE undone_at IS NOT NULL) AS undone
                FROM scans WHERE event_id = ? GROUP BY gate ORDER BY gate
                """, eventID
            ).map {
                CheckinReport.GateLine(
                    gate: try $0.string("gate"), admitted: Int(try $0.int("admitted")), rejected: Int(try $0.int("rejected")),
                    undone: Int(try $0.int("undone")))
            }
        }
    }

    /// Admissions per quarter hour, every quarter from the first to the last (empty ones too,
    /// so a histogram shows the lulls).
    func admissionsByQuarter(eventID: String) throws -> [(Date, Int)] {
        try read {
            let rows = try db.rows(
                """
                SELECT (scanned_at / 900) * 900 AS quarter, count(*) AS n FROM scans
                WHERE event_id = ? AND result = 'accepted' GROUP BY quarter ORDER BY quarter
                """, eventID
            ).map { (try $0.int("quarter"), Int(try $0.int("n"))) }
            guard let first = rows.first?.0, let last = rows.last?.0 else { return [] }
            let counts = Dictionary(uniqueKeysWithValues: rows)
            // A bounded span: a stray scan a year off would otherwise draw 35 000 empty rows.
            let end = min(last, first + 900 * 4 * 24 * 7)
            return stride(from: first, through: end, by: 900).map { (Date(epochSeconds: $0), counts[$0] ?? 0) }
        }
    }

    /// The domain event log, oldest first; with an event, what concerns it, its tiers,
    /// orders and tickets.
    func forEachAuditLine(since: Date?, eventID: String?, _ body: (AuditLine) throws -> Void) throws {
        try readAll {
            try db.forEachRow(
                """
                SELECT d.seq, d.occurred_at, d.type, u.email AS actor, d.subject_id, d.data FROM domain_events d
                LEFT JOIN users u ON u.id = d.actor_id
                WHERE d.occurred_at >= ? AND (? IS NULL OR d.subject_id = ? OR \(dialect.jsonField("d.data", "event")) = ?
                      OR d.subject_id IN (SELECT id FROM orders WHERE event_id = ?)
                      OR d.subject_id IN (SELECT id FROM tickets WHERE event_id = ?)
                      OR d.subject_id IN (SELECT id FROM tiers WHERE event_id = ?))
                ORDER BY d.seq
                """, arguments: [since?.epochSeconds ?? Int64.min, eventID, eventID, eventID, eventID, eventID, eventID]
            ) { row in
                try body(
                    AuditLine(
                        sequence: row.int("seq"), occurredAt: TimeText.utc(Date(epochSeconds: row.int("occurred_at"))),
                        type: row.string("type"), actor: row.optionalString("actor"), subject: row.optionalString("subject_id"),
                        data: row.string("data")))
            }
        }
    }
}

extension Store {
    /// `PRAGMA integrity_check` lines other than "ok".
    func integrityProblems() throws -> [String] {
        // A server checks its own pages; amcheck is the server administrator's tool.
        guard engine == .sqlite else { return [] }
        return try read { try db.rows("PRAGMA integrity_check").map { try $0.string("integrity_check") }.filter { $0 != "ok" } }
    }

    func foreignKeyProblems() throws -> Int {
        // PostgreSQL enforces references on every write; SQLite only when asked to.
        guard engine == .sqlite else { return 0 }
        return try read { try db.rows("PRAGMA foreign_key_check").count }
    }

    /// The oldest domain event that calls for a message and has not been planned yet.
    func oldestUnplannedDomainEvent() throws -> Date? {
        let cursor = try notifyCursor()
        return try read {
            try db.row(
                """
                SELECT min(occurred_at) AS t FROM domain_events WHERE seq > ?
                AND type IN ('order.paid', 'payment.failed', 'refund.issued', 'ticket.transferred', 'event.updated', 'event.cancelled')
                """, cursor)?.optionalInt("t").map(Date.init(epochSeconds:))
        }
    }

    /// Expired holds, and tiers whose count of places taken (the one selling uses) differs
    /// from an independent count: paid tickets, holds still running, and unpaid tickets of
    /// orders with a deposit (a deposit ends the hold).
    func holdAudit(now: Date) throws -> (expired: Int, miscounted: Int) {
        try read {
            let expired = try db.row("SELECT count(*) AS n FROM tickets WHERE status = 'pending' AND hold_expires_at <= ?", now.epochSeconds)?.int("n") ?? 0
            var miscounted = 0
            for tier in try db.rows("SELECT id FROM tiers WHERE id IN (SELECT DISTINCT tier_id FROM tickets WHERE status = 'pending')") {
                let id = try tier.string("id")
                let independent =
                    try db.row(
                        """
                        SELECT count(*) AS n FROM tickets t JOIN orders o ON o.id = t.order_id WHERE t.tier_id = ? AND (
                            t.status IN ('valid', 'used') OR (t.status = 'pending' AND t.hold_expires_at > ?)
                            OR (t.status = 'pending' AND t.hold_expires_at IS NULL AND o.paid_minor > 0))
                        """, id, now.epochSeconds)?.int("n") ?? 0
                if try activeTickets(tierID: id, now: now) != Int(independent) { miscounted += 1 }
            }
            return (Int(expired), miscounted)
        }
    }
}

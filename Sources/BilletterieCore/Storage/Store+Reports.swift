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
                WITH counts AS (
                    -- Read from the index tickets_sales alone (tier, sold, status).
                    SELECT t.tier_id, count(*) AS sold,
                           count(*) FILTER (WHERE t.status = 'valid') AS valid,
                           count(*) FILTER (WHERE t.status = 'used') AS used,
                           count(*) FILTER (WHERE t.status = 'void') AS void
                    FROM tickets t WHERE t.tier_id IN (SELECT id FROM tiers WHERE event_id = ?) AND t.sold = 1
                    GROUP BY t.tier_id)
                SELECT tr.name, tr.addon, tr.price_minor, coalesce(c.sold, 0) AS sold, coalesce(c.valid, 0) AS valid,
                       coalesce(c.used, 0) AS used, coalesce(c.void, 0) AS void
                FROM tiers tr LEFT JOIN counts c ON c.tier_id = tr.id
                WHERE tr.event_id = ?
                ORDER BY tr.position, tr.rowid
                """, eventID, eventID
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

    /// (From the event's vouchers through `tickets_by_voucher`: never every ticket. No comment
    /// inside the SQL: the PostgreSQL placeholder rewrite reads an apostrophe as a quote.)
    /// Per voucher: tickets of paid orders (a receipt was issued) bought with it, what they
    /// cost, and what it took off their tiers' prices (as the tiers are priced now).
    func voucherSales(eventID: String) throws -> [SalesReport.VoucherLine] {
        try read {
            try db.rows(
                """
                SELECT v.code, count(t.id) AS tickets, sum(t.price_minor) AS revenue, sum(tr.price_minor - t.price_minor) AS discount
                FROM tickets t JOIN vouchers v ON v.id = t.voucher_id JOIN tiers tr ON tr.id = t.tier_id
                WHERE t.voucher_id IN (SELECT id FROM vouchers WHERE event_id = ?) AND t.sold = 1
                GROUP BY v.code ORDER BY v.code
                """, eventID
            ).map {
                SalesReport.VoucherLine(
                    code: try $0.string("code"), tickets: Int(try $0.int("tickets")), revenueMinor: try $0.int("revenue"),
                    discountMinor: try $0.int("discount"))
            }
        }
    }

    /// Money taken (succeeded payments, as applied to orders) and given back, per method.
    func moneyByMethod(eventID: String) throws -> [SalesReport.MoneyLine] {
        try read {
            try db.rows(
                """
                WITH paid AS (
                    SELECT p.method, sum(p.amount_minor) AS minor FROM payments p
                    WHERE p.event_id = ? AND p.status = 'succeeded' GROUP BY p.method),
                returned AS (
                    SELECT r.method, sum(r.amount_minor) AS minor FROM refunds r WHERE r.event_id = ? GROUP BY r.method),
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

    /// Which tickets a list checks, as SQL over `tickets t`: its tiers, or the admission tiers.
    private func listTickets(_ list: CheckinList) -> (sql: String, arguments: [SQLBindable]) {
        if list.tierIDs.isEmpty { return ("t.admission = 1", []) }
        return ("t.tier_id IN (\(list.tierIDs.map { _ in "?" }.joined(separator: ", ")))", list.tierIDs)
    }

    /// The standing scans of a list, each ticket's latest first (`position` 1): what "inside
    /// now" and `--inside` read. A window over the event's standing scans, portable to both engines.
    private static let latestStanding = """
        SELECT ticket_id, direction, scanned_at, gate,
               row_number() OVER (PARTITION BY ticket_id ORDER BY scanned_at DESC, rowid DESC) AS position
        FROM scans WHERE event_id = ? AND checkin_list = ? AND result = 'accepted' AND undone_at IS NULL AND ticket_id IS NOT NULL
        """

    func checkinTotals(eventID: String, list: CheckinList) throws -> (admissible: Int, admitted: Int, inside: Int, exits: Int, rejected: Int) {
        let tickets = listTickets(list)
        return try read {
            let admissible =
                try db.row(
                    "SELECT count(*) AS n FROM tickets t WHERE t.event_id = ? AND \(tickets.sql) AND t.status IN ('valid', 'used')",
                    arguments: [eventID] + tickets.arguments)?.int("n") ?? 0
            // Admitted: the tickets the list checks that may come in (valid or used) with a
            // standing entry of theirs or of a code they replaced by transfer, each counted once,
            // so the figure can never pass the number of tickets.
            let admitted =
                try db.row(
                    """
                    WITH RECURSIVE walk(id, steps) AS (
                        SELECT DISTINCT ticket_id, 0 FROM scans
                        WHERE event_id = ? AND checkin_list = ? AND direction = 'entry' AND result = 'accepted' AND undone_at IS NULL
                              AND ticket_id IS NOT NULL
                        UNION
                        SELECT t.replaced_by, w.steps + 1 FROM walk w JOIN tickets t ON t.id = w.id
                        WHERE t.replaced_by IS NOT NULL AND w.steps < 100
                    )
                    SELECT count(DISTINCT t.id) AS n FROM walk w JOIN tickets t ON t.id = w.id
                    WHERE t.replaced_by IS NULL AND \(tickets.sql) AND t.status IN ('valid', 'used')
                    """, arguments: [eventID, list.name] + tickets.arguments)?.int("n") ?? 0
            // Inside: tickets, never scans, whose last standing scan is an entry. Each is one of
            // the admitted (valid or used, so never replaced), so inside never passes admitted.
            let inside =
                try db.row(
                    """
                    SELECT count(*) AS n FROM (\(Self.latestStanding)) s JOIN tickets t ON t.id = s.ticket_id
                    WHERE s.position = 1 AND s.direction = 'entry' AND \(tickets.sql) AND t.status IN ('valid', 'used')
                    """, arguments: [eventID, list.name] + tickets.arguments)?.int("n") ?? 0
            let scans = try db.row(
                """
                SELECT count(*) FILTER (WHERE result = 'rejected') AS rejected,
                       count(*) FILTER (WHERE result = 'accepted' AND undone_at IS NULL AND direction = 'exit') AS exits
                FROM scans WHERE event_id = ? AND checkin_list = ?
                """, eventID, list.name)
            return (Int(admissible), Int(admitted), Int(inside), Int(try scans?.int("exits") ?? 0), Int(try scans?.int("rejected") ?? 0))
        }
    }

    func checkinsByGate(eventID: String, list: String) throws -> [CheckinReport.GateLine] {
        try read {
            try db.rows(
                """
                SELECT gate,
                       count(*) FILTER (WHERE result = 'accepted' AND undone_at IS NULL AND direction = 'entry') AS entries,
                       count(*) FILTER (WHERE result = 'accepted' AND undone_at IS NULL AND direction = 'exit') AS exits,
                       count(*) FILTER (WHERE result = 'rejected') AS rejected,
                       count(*) FILTER (WHERE undone_at IS NOT NULL) AS undone
                FROM scans WHERE event_id = ? AND checkin_list = ? GROUP BY gate ORDER BY gate
                """, eventID, list
            ).map {
                CheckinReport.GateLine(
                    gate: try $0.string("gate"), admitted: Int(try $0.int("entries")), exits: Int(try $0.int("exits")),
                    rejected: Int(try $0.int("rejected")), undone: Int(try $0.int("undone")))
            }
        }
    }

    /// Standing entries and exits per quarter hour, every quarter from the first to the last
    /// (empty ones too, so a histogram shows the lulls).
    func movementsByQuarter(eventID: String, list: String) throws -> [(start: Date, entries: Int, exits: Int)] {
        try read {
            let rows = try db.rows(
                """
                SELECT (scanned_at / 900) * 900 AS quarter, count(*) FILTER (WHERE direction = 'entry') AS entries,
                       count(*) FILTER (WHERE direction = 'exit') AS exits
                FROM scans WHERE event_id = ? AND checkin_list = ? AND result = 'accepted' AND undone_at IS NULL
                GROUP BY quarter ORDER BY quarter
                """, eventID, list
            ).map { (try $0.int("quarter"), Int(try $0.int("entries")), Int(try $0.int("exits"))) }
            guard let first = rows.first?.0, let last = rows.last?.0 else { return [] }
            let counts = Dictionary(uniqueKeysWithValues: rows.map { ($0.0, ($0.1, $0.2)) })
            // A bounded span: a stray scan a year off would otherwise draw 35 000 empty rows.
            let end = min(last, first + 900 * 4 * 24 * 7)
            return stride(from: first, through: end, by: 900).map { (Date(epochSeconds: $0), counts[$0]?.0 ?? 0, counts[$0]?.1 ?? 0) }
        }
    }

    /// Who is inside now on a list, by name, streamed: each ticket whose last standing scan is
    /// an entry, with when and where it came in.
    func forEachInside(eventID: String, list: CheckinList, _ body: (InsideLine) throws -> Void) throws {
        let tickets = listTickets(list)
        try readAll {
            try db.forEachRow(
                """
                SELECT t.id, t.attendee_name, t.reference, tr.name AS tier, s.scanned_at, s.gate
                FROM (\(Self.latestStanding)) s JOIN tickets t ON t.id = s.ticket_id JOIN tiers tr ON tr.id = t.tier_id
                WHERE s.position = 1 AND s.direction = 'entry' AND \(tickets.sql) AND t.status IN ('valid', 'used')
                ORDER BY t.attendee_name COLLATE NOCASE, t.id
                """, arguments: [eventID, list.name] + tickets.arguments
            ) { row in
                try body(
                    InsideLine(
                        ticket: try row.string("id"), attendeeName: try row.string("attendee_name"), tier: try row.string("tier"),
                        reference: row.optionalString("reference") ?? "", since: Date(epochSeconds: try row.int("scanned_at")),
                        gate: try row.string("gate")))
            }
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
                AND type IN (\(DomainEventKind.callingForMessages.map { "'\($0.rawValue)'" }.joined(separator: ", ")))
                """, cursor)?.optionalInt("t").map(Date.init(epochSeconds:))
        }
    }

    /// What the reports keep for speed, against what it stands for: tickets whose `sold` mark
    /// differs from their order having a receipt, and payments and refunds whose `event_id`
    /// is not their order's. Each is 0 in a sound store.
    func reportKeepingProblems() throws -> (tickets: Int, money: Int) {
        try read {
            let tickets =
                try db.row(
                    """
                    SELECT count(*) AS n FROM tickets t
                    WHERE t.sold != (CASE WHEN EXISTS (SELECT 1 FROM receipts r WHERE r.order_id = t.order_id) THEN 1 ELSE 0 END)
                    """)?.int("n") ?? 0
            let money =
                try db.row(
                    """
                    SELECT (SELECT count(*) FROM payments p JOIN orders o ON o.id = p.order_id WHERE p.event_id IS DISTINCT FROM o.event_id)
                         + (SELECT count(*) FROM refunds r JOIN orders o ON o.id = r.order_id WHERE r.event_id IS DISTINCT FROM o.event_id) AS n
                    """)?.int("n") ?? 0
            return (Int(tickets), Int(money))
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

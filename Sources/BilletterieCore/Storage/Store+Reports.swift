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
                    -- Kept by the tickets triggers of migration 13: a row per tier and status.
                    SELECT k.tier_id, sum(k.tickets) AS sold,
                           coalesce(sum(k.tickets) FILTER (WHERE k.status = 'valid'), 0) AS valid,
                           coalesce(sum(k.tickets) FILTER (WHERE k.status = 'used'), 0) AS used,
                           coalesce(sum(k.tickets) FILTER (WHERE k.status = 'void'), 0) AS void
                    FROM sales_counts k WHERE k.event_id = ?
                    GROUP BY k.tier_id)
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
                SELECT method, paid_minor AS gross, refunded_minor AS refunded FROM money_counts WHERE event_id = ? ORDER BY method
                """, eventID
            ).map {
                SalesReport.MoneyLine(method: try $0.string("method"), grossMinor: try $0.int("gross"), refundedMinor: try $0.int("refunded"))
            }
        }
    }

    /// Which tickets a list checks, as SQL over `alias` (tickets, or the kept presence rows,
    /// which carry the ticket's tier and admission): its tiers, or the admission tiers.
    private func listTickets(_ list: CheckinList, alias: String = "t") -> (sql: String, arguments: [SQLBindable]) {
        if list.tierIDs.isEmpty { return ("\(alias).admission = 1", []) }
        return ("\(alias).tier_id IN (\(list.tierIDs.map { _ in "?" }.joined(separator: ", ")))", list.tierIDs)
    }

    /// Read from what migration 13's triggers keep as scans are written (checkin_totals,
    /// checkin_counts, checkin_presence): a few rows, never the scans themselves.
    func checkinTotals(eventID: String, list: CheckinList) throws -> (admissible: Int, admitted: Int, inside: Int, exits: Int, rejected: Int) {
        let tickets = listTickets(list)
        let kept = listTickets(list, alias: "k")
        return try read {
            let admissible =
                try db.row(
                    "SELECT count(*) AS n FROM tickets t WHERE t.event_id = ? AND \(tickets.sql) AND t.status IN ('valid', 'used')",
                    arguments: [eventID] + tickets.arguments)?.int("n") ?? 0
            // Admitted and inside: countable tickets (valid or used) with a standing entry, and
            // those whose last standing scan is one, so inside never passes admitted, nor
            // admitted the number of tickets.
            let totals = try db.row(
                """
                SELECT coalesce(sum(k.entered), 0) AS admitted, coalesce(sum(k.inside), 0) AS inside
                FROM checkin_totals k WHERE k.event_id = ? AND k.checkin_list = ? AND \(kept.sql)
                """, arguments: [eventID, list.name] + kept.arguments)
            // A code replaced by a transfer and let in anyway (by a gate that did not know yet)
            // admits the ticket that replaced it, when that one has no entry of its own: the few
            // replaced codes with entries, followed to the ticket they lead to, each counted once.
            let throughTransfers =
                try db.row(
                    """
                    WITH RECURSIVE walk(id, steps) AS (
                        SELECT replaced_by, 1 FROM checkin_presence
                        WHERE event_id = ? AND checkin_list = ? AND entered = 1 AND replaced_by IS NOT NULL
                        UNION
                        SELECT t.replaced_by, w.steps + 1 FROM walk w JOIN tickets t ON t.id = w.id
                        WHERE t.replaced_by IS NOT NULL AND w.steps < 100
                    )
                    SELECT count(DISTINCT t.id) AS n FROM walk w JOIN tickets t ON t.id = w.id
                    WHERE t.replaced_by IS NULL AND \(tickets.sql) AND t.status IN ('valid', 'used')
                          AND NOT EXISTS (SELECT 1 FROM checkin_presence p WHERE p.ticket_id = t.id AND p.checkin_list = ? AND p.entered = 1)
                    """, arguments: [eventID, list.name] + tickets.arguments + [list.name])?.int("n") ?? 0
            let scans = try db.row(
                """
                SELECT coalesce(sum(rejected), 0) AS rejected, coalesce(sum(exits), 0) AS exits
                FROM checkin_counts WHERE event_id = ? AND checkin_list = ?
                """, eventID, list.name)
            return (
                Int(admissible), Int(try totals?.int("admitted") ?? 0) + Int(throughTransfers), Int(try totals?.int("inside") ?? 0),
                Int(try scans?.int("exits") ?? 0), Int(try scans?.int("rejected") ?? 0)
            )
        }
    }

    func checkinsByGate(eventID: String, list: String) throws -> [CheckinReport.GateLine] {
        try read {
            try db.rows(
                """
                SELECT gate, sum(entries) AS entries, sum(exits) AS exits, sum(rejected) AS rejected, sum(undone) AS undone
                FROM checkin_counts WHERE event_id = ? AND checkin_list = ? GROUP BY gate ORDER BY gate
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
                SELECT quarter, sum(entries) AS entries, sum(exits) AS exits
                FROM checkin_counts WHERE event_id = ? AND checkin_list = ?
                GROUP BY quarter HAVING sum(entries) + sum(exits) > 0 ORDER BY quarter
                """, eventID, list
            ).map { (try $0.int("quarter"), Int(try $0.int("entries")), Int(try $0.int("exits"))) }
            guard let first = rows.first?.0, let last = rows.last?.0 else { return [] }
            let counts = Dictionary(uniqueKeysWithValues: rows.map { ($0.0, ($0.1, $0.2)) })
            // A bounded span: a stray scan a year off would otherwise draw 35 000 empty rows.
            let end = min(last, first + 900 * 4 * 24 * 7)
            return stride(from: first, through: end, by: 900).map { (Date(epochSeconds: $0), counts[$0]?.0 ?? 0, counts[$0]?.1 ?? 0) }
        }
    }

    /// Who is inside now on a list, by name, streamed: each countable ticket whose last
    /// standing scan is an entry, with when and where it came in.
    func forEachInside(eventID: String, list: CheckinList, _ body: (InsideLine) throws -> Void) throws {
        let kept = listTickets(list, alias: "k")
        try readAll {
            // An event has a few tiers: their names are read first, not joined per row.
            let names = try db.rows("SELECT id, name FROM tiers WHERE event_id = ?", eventID).map { (id: try $0.string("id"), name: try $0.string("name")) }
            var lastTier = (id: "", name: "")
            try db.forEachRow(
                """
                SELECT k.ticket_id, k.attendee_name, k.reference, k.tier_id, k.since, k.gate FROM checkin_presence k
                WHERE k.event_id = ? AND k.checkin_list = ? AND k.inside = 1 AND k.countable = 1 AND \(kept.sql)
                ORDER BY k.attendee_name COLLATE NOCASE, k.ticket_id
                """, arguments: [eventID, list.name] + kept.arguments
            ) { row in
                // Read by position: a million rows, and a by-name lookup hashes each cell's name.
                let tierID = try row.string(at: 3)
                if tierID != lastTier.id { lastTier = (tierID, names.first { $0.id == tierID }?.name ?? "") }
                try body(
                    InsideLine(
                        ticket: try row.string(at: 0), attendeeName: try row.string(at: 1), tier: lastTier.name,
                        reference: row.optionalString(at: 2) ?? "", since: Date(epochSeconds: try row.int(at: 4)), gate: try row.string(at: 5)))
            }
        }
    }

    /// The domain event log, oldest first; with an event, what concerns it, its tiers,
    /// orders and tickets.
    func forEachAuditLine(since: Date?, eventID: String?, _ body: (AuditLine) throws -> Void) throws {
        var lastTime = (seconds: Int64.min, text: "")
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
                // By position (a store's whole history is millions of rows); an import writes
                // many lines in one second, whose time is written out once.
                let occurred = try row.int(at: 1)
                if occurred != lastTime.seconds { lastTime = (occurred, TimeText.utc(Date(epochSeconds: occurred))) }
                try body(
                    AuditLine(
                        sequence: try row.int(at: 0), occurredAt: lastTime.text, type: try row.string(at: 2), actor: row.optionalString(at: 3),
                        subject: row.optionalString(at: 4), data: try row.string(at: 5)))
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
    /// is not their order's, and rows of what migration 13's triggers keep for `report sales`
    /// (sales_counts, money_counts) that differ from a count made from scratch. Each is 0 in
    /// a sound store.
    func reportKeepingProblems() throws -> (tickets: Int, money: Int, counts: Int) {
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
            let sales = """
                SELECT event_id, tier_id, status, count(*) AS tickets FROM tickets WHERE sold = 1 GROUP BY event_id, tier_id, status
                """
            let keptSales = "SELECT event_id, tier_id, status, tickets FROM sales_counts WHERE tickets != 0"
            let moneyByMethod = """
                SELECT event_id, method, sum(paid) AS paid_minor, sum(refunded) AS refunded_minor FROM (
                    SELECT event_id, method, amount_minor AS paid, 0 AS refunded FROM payments WHERE status = 'succeeded' AND event_id IS NOT NULL
                    UNION ALL
                    SELECT event_id, method, 0, amount_minor FROM refunds WHERE event_id IS NOT NULL) m
                GROUP BY event_id, method
                """
            let keptMoney = "SELECT event_id, method, paid_minor, refunded_minor FROM money_counts"
            var counts: Int64 = 0
            for (kept, fresh) in [(keptSales, sales), (keptMoney, moneyByMethod)] {
                for (a, b) in [(kept, fresh), (fresh, kept)] {
                    counts += try db.row("SELECT count(*) AS n FROM (\(a) EXCEPT \(b)) x")?.int("n") ?? 0
                }
            }
            return (Int(tickets), Int(money), Int(counts))
        }
    }

    /// What migration 13's triggers keep for `report checkins`, against the scans and tickets
    /// it is derived from: rows of checkin_counts, checkin_presence and checkin_totals that
    /// differ from a count made from scratch (either way). 0 in a sound store.
    func checkinKeepingProblems() throws -> Int {
        try read {
            let counts = """
                SELECT event_id, checkin_list, gate, (scanned_at / 900) * 900 AS quarter,
                       count(*) FILTER (WHERE result = 'accepted' AND undone_at IS NULL AND direction = 'entry') AS entries,
                       count(*) FILTER (WHERE result = 'accepted' AND undone_at IS NULL AND direction = 'exit') AS exits,
                       count(*) FILTER (WHERE result = 'rejected') AS rejected, count(*) FILTER (WHERE undone_at IS NOT NULL) AS undone
                FROM scans WHERE event_id IS NOT NULL GROUP BY event_id, checkin_list, gate, (scanned_at / 900) * 900
                """
            let keptCounts = "SELECT event_id, checkin_list, gate, quarter, entries, exits, rejected, undone FROM checkin_counts"
            let presence = """
                SELECT s.ticket_id, s.checkin_list, t.event_id, t.tier_id, t.admission,
                       CASE WHEN t.status IN ('valid', 'used') THEN 1 ELSE 0 END AS countable, t.replaced_by,
                       CASE WHEN EXISTS (SELECT 1 FROM scans e WHERE e.ticket_id = s.ticket_id AND e.checkin_list = s.checkin_list
                                         AND e.result = 'accepted' AND e.undone_at IS NULL AND e.direction = 'entry') THEN 1 ELSE 0 END AS entered,
                       CASE WHEN s.direction = 'entry' THEN 1 ELSE 0 END AS inside, s.scanned_at AS since, s.gate,
                       t.attendee_name, t.reference
                FROM (SELECT ticket_id, checkin_list, direction, scanned_at, gate,
                             row_number() OVER (PARTITION BY ticket_id, checkin_list ORDER BY scanned_at DESC, rowid DESC) AS position
                      FROM scans WHERE ticket_id IS NOT NULL AND result = 'accepted' AND undone_at IS NULL) s
                JOIN tickets t ON t.id = s.ticket_id WHERE s.position = 1
                """
            let keptPresence = """
                SELECT ticket_id, checkin_list, event_id, tier_id, admission, countable, replaced_by, entered, inside, since, gate,
                       attendee_name, reference
                FROM checkin_presence
                """
            let totals = """
                SELECT event_id, checkin_list, tier_id, admission, sum(countable * entered) AS entered, sum(countable * inside) AS inside
                FROM checkin_presence GROUP BY event_id, checkin_list, tier_id, admission
                """
            let keptTotals = "SELECT event_id, checkin_list, tier_id, admission, entered, inside FROM checkin_totals"
            var problems: Int64 = 0
            for (kept, fresh) in [(keptCounts, counts), (keptPresence, presence), (keptTotals, totals)] {
                for (a, b) in [(kept, fresh), (fresh, kept)] {
                    // Totals left at nothing by an undo are the same as no totals.
                    let differing = kept == keptTotals ? "SELECT * FROM (\(a) EXCEPT \(b)) d WHERE d.entered != 0 OR d.inside != 0" : "\(a) EXCEPT \(b)"
                    problems += try db.row("SELECT count(*) AS n FROM (\(differing)) x")?.int("n") ?? 0
                }
            }
            return Int(problems)
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

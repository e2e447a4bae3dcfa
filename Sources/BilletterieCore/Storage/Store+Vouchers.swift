import Foundation

/// What holds places (the counts `Places` judges), vouchers and the waiting list.
extension Store {
    // MARK: Places

    /// Tickets holding a place now: not void, and not on a hold that has run out.
    private static let live = "t.status != 'void' AND (t.hold_expires_at IS NULL OR t.hold_expires_at > ?)"

    /// The event's place counts now: per tier for `tierIDs` (every tier when nil), the
    /// admissions, and the standing voucher blocks. With `sold`, paid tickets per tier too.
    func placeCounts(event: Event, tiers: [Tier], tierIDs: Set<String>? = nil, sold: Bool = false, now: Date) throws -> PlaceCounts {
        try read {
            var counts = PlaceCounts(taken: [:], admissions: try activeAdmissions(eventID: event.id, now: now), blocks: [])
            if sold {
                for row in try db.rows(
                    """
                    SELECT t.tier_id, count(*) AS taken, sum(CASE WHEN t.status IN ('valid', 'used') THEN 1 ELSE 0 END) AS sold
                    FROM tickets t WHERE t.event_id = ? AND \(Self.live) GROUP BY t.tier_id
                    """, event.id, now.epochSeconds)
                {
                    counts.taken[try row.string("tier_id")] = Int(try row.int("taken"))
                    counts.sold[try row.string("tier_id")] = Int(try row.int("sold"))
                }
            } else {
                for tier in tiers where tierIDs?.contains(tier.id) ?? true {
                    counts.taken[tier.id] = try activeTickets(tierID: tier.id, now: now)
                }
            }
            counts.blocks = try voucherBlocks(event: event, tiers: tiers, now: now)
            return counts
        }
    }

    /// The places standing vouchers keep for themselves: each blocking voucher still valid,
    /// its block less its tickets holding a place now.
    private func voucherBlocks(event: Event, tiers: [Tier], now: Date) throws -> [VoucherBlock] {
        let rows = try db.rows(
            """
            SELECT v.id, v.block, (SELECT count(*) FROM tickets t WHERE t.voucher_id = v.id AND \(Self.live)) AS used
            FROM vouchers v WHERE v.event_id = ? AND v.block > 0 AND (v.valid_until IS NULL OR v.valid_until > ?)
            """, now.epochSeconds, event.id, now.epochSeconds)
        guard !rows.isEmpty else { return [] }
        var named: [String: Set<String>] = [:]
        for row in try db.rows(
            "SELECT vt.voucher_id, vt.tier_id FROM voucher_tiers vt JOIN vouchers v ON v.id = vt.voucher_id WHERE v.event_id = ? AND v.block > 0",
            event.id)
        {
            named[try row.string("voucher_id"), default: []].insert(try row.string("tier_id"))
        }
        let open = Set(tiers.filter { !$0.hidden }.map(\.id))
        return try rows.compactMap { row in
            let id = try row.string("id")
            let remaining = Int(try row.int("block") - row.int("used"))
            return remaining > 0 ? VoucherBlock(voucherID: id, tierIDs: named[id] ?? open, remaining: remaining) : nil
        }
    }

    // MARK: Vouchers

    private static let voucherColumns = """
        v.id, v.event_id, v.code, v.discount, v.discount_value, v.max_uses, v.valid_until, v.block, v.waitlist_entry, v.created_at,
        e.currency,
        (SELECT count(*) FROM tickets t WHERE t.voucher_id = v.id AND \(live)) AS uses,
        (SELECT count(*) FROM tickets t WHERE t.voucher_id = v.id AND t.status IN ('valid', 'used')) AS paid_uses,
        (SELECT count(*) FROM tickets t WHERE t.voucher_id = v.id) AS ever_used
        """

    private func voucher(from row: Row, now: Date) throws -> Voucher {
        let id = try row.string("id")
        let tiers = try db.rows(
            "SELECT tr.id, tr.name FROM voucher_tiers vt JOIN tiers tr ON tr.id = vt.tier_id WHERE vt.voucher_id = ? ORDER BY tr.position", id)
        var voucher = Voucher(
            id: id, eventID: try row.string("event_id"), code: try row.string("code"), tierIDs: try tiers.map { try $0.string("id") },
            tierNames: try tiers.map { try $0.string("name") },
            discount: .stored(kind: try row.string("discount"), value: try row.int("discount_value")),
            currency: Currency.stored(try row.string("currency")), maxUses: Int(try row.int("max_uses")),
            validUntil: row.optionalInt("valid_until").map(Date.init(epochSeconds:)), block: Int(try row.int("block")),
            waitlistEntryID: row.optionalString("waitlist_entry"), createdAt: Date(epochSeconds: try row.int("created_at")))
        voucher.uses = Int(try row.int("uses"))
        voucher.paidUses = Int(try row.int("paid_uses"))
        voucher.everUsed = Int(try row.int("ever_used"))
        voucher.observedAt = now
        return voucher
    }

    /// A voucher by its canonical code, with its uses now.
    func voucher(code: String, now: Date, withOrders: Bool = false) throws -> Voucher? {
        try read {
            guard
                var voucher = try db.row(
                    "SELECT \(Self.voucherColumns) FROM vouchers v JOIN events e ON e.id = v.event_id WHERE v.code = ?", now.epochSeconds, code
                ).map({ try voucher(from: $0, now: now) })
            else { return nil }
            if withOrders {
                voucher.orders = try db.rows(
                    "SELECT order_id FROM tickets WHERE voucher_id = ? GROUP BY order_id ORDER BY min(created_at), order_id", voucher.id
                ).map { try $0.string("order_id") }
            }
            return voucher
        }
    }

    /// An event's vouchers, oldest first, one page, and how many in all.
    func vouchers(eventID: String, now: Date, limit: Int, offset: Int) throws -> (vouchers: [Voucher], total: Int) {
        try read {
            let total = try db.scalar("SELECT count(*) FROM vouchers WHERE event_id = ?", eventID).int ?? 0
            let page = try db.rows(
                """
                SELECT \(Self.voucherColumns) FROM vouchers v JOIN events e ON e.id = v.event_id
                WHERE v.event_id = ? ORDER BY v.created_at, v.code LIMIT ? OFFSET ?
                """, now.epochSeconds, eventID, limit, offset
            ).map { try voucher(from: $0, now: now) }
            return (page, Int(total))
        }
    }

    func isVoucherCodeTaken(_ code: String) throws -> Bool {
        try db.row("SELECT 1 FROM vouchers WHERE code = ?", code) != nil
    }

    // MARK: Waiting list

    private static let entryColumns = """
        w.id, w.event_id, w.tier_id, w.quantity, w.email, w.name, w.status, w.offered_at, w.created_at, tr.name AS tier_name,
        v.code AS voucher_code, v.valid_until AS offer_ends_at,
        (SELECT count(*) FROM tickets t WHERE t.voucher_id = w.voucher_id AND \(live)) AS live_uses,
        (SELECT count(*) FROM tickets t WHERE t.voucher_id = w.voucher_id
            AND (t.status IN ('valid', 'used') OR t.void_reason IN ('refunded', 'transferred'))) AS bought
        """

    /// An entry as people see it now: an offer whose tickets were paid is `bought`; one that
    /// ended with no ticket holding a place (time ran out, or its order was cancelled) is `lapsed`.
    private func entry(from row: Row, now: Date) throws -> WaitlistEntry {
        var status = WaitlistStatus(rawValue: try row.string("status")) ?? .left
        let ends = row.optionalInt("offer_ends_at").map(Date.init(epochSeconds:))
        if status == .offered {
            if try row.int("bought") > 0 {
                status = .bought
            } else if let ends, ends <= now, try row.int("live_uses") == 0 {
                status = .lapsed
            }
        }
        return WaitlistEntry(
            id: try row.string("id"), eventID: try row.string("event_id"), tierID: try row.string("tier_id"),
            tierName: try row.string("tier_name"), quantity: Int(try row.int("quantity")), email: try row.string("email"),
            name: try row.string("name"), status: status, voucherCode: row.optionalString("voucher_code"),
            offeredAt: row.optionalInt("offered_at").map(Date.init(epochSeconds:)), offerEndsAt: ends,
            createdAt: Date(epochSeconds: try row.int("created_at")))
    }

    private static let entryFrom = """
        FROM waitlist_entries w JOIN tiers tr ON tr.id = w.tier_id LEFT JOIN vouchers v ON v.id = w.voucher_id
        """

    /// An event's waiting list, first come first: every entry, or those still `waiting` or
    /// `offered` as stored (what a run looks at).
    func waitlist(eventID: String, openOnly: Bool = false, now: Date) throws -> [WaitlistEntry] {
        try read {
            try db.rows(
                """
                SELECT \(Self.entryColumns) \(Self.entryFrom)
                WHERE w.event_id = ? \(openOnly ? "AND w.status IN ('waiting', 'offered')" : "") ORDER BY w.created_at, w.rowid
                """, now.epochSeconds, eventID
            ).map { try entry(from: $0, now: now) }
        }
    }

    func waitlistEntry(id: String, now: Date) throws -> WaitlistEntry? {
        try read {
            try db.row("SELECT \(Self.entryColumns) \(Self.entryFrom) WHERE w.id = ?", now.epochSeconds, id).map { try entry(from: $0, now: now) }
        }
    }

    /// Events whose waiting list has someone waiting or holding an offer.
    func eventIDsWithOpenWaitlist() throws -> [String] {
        try read {
            try db.rows("SELECT DISTINCT event_id FROM waitlist_entries WHERE status IN ('waiting', 'offered') ORDER BY event_id")
                .map { try $0.string("event_id") }
        }
    }
}

extension StoreTransaction {
    func placeCounts(event: Event, tiers: [Tier], tierIDs: Set<String>? = nil, now: Date) throws -> PlaceCounts {
        try store.placeCounts(event: event, tiers: tiers, tierIDs: tierIDs, now: now)
    }

    func voucher(code: String, now: Date) throws -> Voucher? { try store.voucher(code: code, now: now) }

    func insertVoucher(_ voucher: Voucher, createdBy: String?, now: Date) throws {
        let discount = voucher.discount.stored
        try db.execute(
            """
            INSERT INTO vouchers (id, event_id, code, discount, discount_value, max_uses, valid_until, block, waitlist_entry, created_by, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            arguments: [
                voucher.id, voucher.eventID, voucher.code, discount.kind, discount.value, voucher.maxUses, voucher.validUntil?.epochSeconds,
                voucher.block, voucher.waitlistEntryID, createdBy, now.epochSeconds,
            ])
        for tier in voucher.tierIDs { try db.execute("INSERT INTO voucher_tiers (voucher_id, tier_id) VALUES (?, ?)", voucher.id, tier) }
    }

    /// Ends a voucher now: it takes no more uses and keeps no more places.
    func endVoucher(id: String, at now: Date) throws {
        try db.execute("UPDATE vouchers SET valid_until = ? WHERE id = ?", now.epochSeconds, id)
    }

    func deleteVoucher(id: String) throws {
        try db.execute("DELETE FROM vouchers WHERE id = ?", id)
    }

    /// Ends the waiting-list offers these tickets were bought with: an offer is taken once, so
    /// a cancelled order frees its places for the next person rather than the same voucher.
    func endOffers(usedBy ticketIDs: [String], now: Date) throws {
        for ticket in ticketIDs {
            try db.execute(
                """
                UPDATE vouchers SET valid_until = ?
                WHERE waitlist_entry IS NOT NULL AND (valid_until IS NULL OR valid_until > ?)
                  AND id = (SELECT voucher_id FROM tickets WHERE id = ?)
                """, now.epochSeconds, now.epochSeconds, ticket)
        }
    }

    func insertWaitlistEntry(_ entry: WaitlistEntry, createdBy: String?, now: Date) throws {
        try db.execute(
            """
            INSERT INTO waitlist_entries (id, event_id, tier_id, quantity, email, name, status, created_by, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, 'waiting', ?, ?, ?)
            """,
            arguments: [
                entry.id, entry.eventID, entry.tierID, entry.quantity, entry.email, entry.name, createdBy, now.epochSeconds, now.epochSeconds,
            ])
    }

    func setWaitlistStatus(id: String, _ status: WaitlistStatus, now: Date) throws {
        try db.execute("UPDATE waitlist_entries SET status = ?, updated_at = ? WHERE id = ?", status.rawValue, now.epochSeconds, id)
    }

    func markOffered(entryID: String, voucherID: String, now: Date) throws {
        try db.execute(
            "UPDATE waitlist_entries SET status = 'offered', voucher_id = ?, offered_at = ?, updated_at = ? WHERE id = ?",
            voucherID, now.epochSeconds, now.epochSeconds, entryID)
    }

    /// Someone already waiting for that tier with that address (not yet served or gone).
    func isWaiting(eventID: String, tierID: String, email: String) throws -> Bool {
        try db.row(
            "SELECT 1 FROM waitlist_entries WHERE event_id = ? AND tier_id = ? AND email = ? AND status IN ('waiting', 'offered')",
            eventID, tierID, email) != nil
    }
}

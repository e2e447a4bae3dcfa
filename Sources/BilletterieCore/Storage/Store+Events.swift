import Foundation

/// What `event list` asks for. Visibility (drafts) is decided by `visibleTo`.
public struct EventFilter: Sendable {
    public var query: String?
    public var category: String?
    public var venue: String?
    public var from: Date?
    public var to: Date?
    /// nil: upcoming (not ended, not cancelled).
    public var status: EventStatus?
    public var limit = 50
    public var offset = 0

    public init(
        query: String? = nil, category: String? = nil, venue: String? = nil, from: Date? = nil, to: Date? = nil,
        status: EventStatus? = nil, limit: Int = 50, offset: Int = 0
    ) {
        self.query = query
        self.category = category
        self.venue = venue
        self.from = from
        self.to = to
        self.status = status
        self.limit = limit
        self.offset = offset
    }
}

extension Store {
    private static let eventColumns = """
        e.id, e.slug, e.key, e.title, e.description, e.category, e.organizer_id, e.status, e.starts_at, e.ends_at,
        e.timezone, e.currency, e.capacity, e.vat_rate_bp, e.sales_start, e.sales_end, e.cancel_reason, e.created_at, e.waitlist_offer,
        v.name AS venue_name, v.address AS venue_address
        """

    private func event(from row: Row, now: Date) throws -> Event {
        var event = Event(
            id: try row.string("id"), slug: try row.string("slug"), key: try row.string("key"), title: try row.string("title"),
            description: try row.string("description"), category: row.optionalString("category"),
            venue: Venue(name: try row.string("venue_name"), address: try row.string("venue_address")),
            organizerID: try row.string("organizer_id"),
            storedStatus: EventStatus(rawValue: try row.string("status")) ?? .draft,
            startsAt: Date(epochSeconds: try row.int("starts_at")), endsAt: Date(epochSeconds: try row.int("ends_at")),
            timezone: try row.string("timezone"),
            currency: Currency.stored(try row.string("currency")),
            capacity: row.optionalInt("capacity").map(Int.init),
            vatRateBasisPoints: row.optionalInt("vat_rate_bp").map(Int.init),
            salesStart: row.optionalInt("sales_start").map(Date.init(epochSeconds:)),
            salesEnd: row.optionalInt("sales_end").map(Date.init(epochSeconds:)),
            cancelReason: row.optionalString("cancel_reason"),
            createdAt: Date(epochSeconds: try row.int("created_at")), tiers: nil, observedAt: now)
        event.waitlistOffer = row.optionalInt("waitlist_offer").map(TimeInterval.init)
        return event
    }

    /// The stored venue of that name (any case), for reuse of its spelling and address.
    func venue(named name: String) throws -> Venue? {
        try read {
            try db.row("SELECT name, address FROM venues WHERE name = ?", name).map { Venue(name: try $0.string("name"), address: try $0.string("address")) }
        }
    }

    /// `base`, or `base-2`, `base-3`... whichever is free.
    func freeSlug(_ base: String) throws -> String {
        // A range on the unique index ('-' is followed by '.' in ASCII), where LIKE would scan every slug.
        let taken = Set(
            try db.rows(
                "SELECT slug FROM events WHERE slug = ? OR (slug >= ? AND slug < ?)",
                arguments: [base, base + "-", base + "."]
            ).map { try $0.string("slug") })
        guard taken.contains(base) else { return base }
        var suffix = 2
        while taken.contains("\(base)-\(suffix)") { suffix += 1 }
        return "\(base)-\(suffix)"
    }

    /// Whether an event's id already starts with these bytes (the tag ticket codes carry).
    func isEventTagTaken(_ tag: [UInt8]) throws -> Bool {
        // The tag's first 30 bits are the id's first 6 base32 characters: a range on the key.
        let prefix = "evt_" + String(Base32.encode(tag).lowercased().prefix(6))
        return try db.rows("SELECT id FROM events WHERE id >= ? AND id < ?", prefix, prefix + "~").contains {
            TicketCode.tag(try $0.string("id"), .event, tag.count) == tag
        }
    }

    func isEventKeyTaken(_ key: String) throws -> Bool {
        try db.row("SELECT 1 FROM events WHERE key = ?", key) != nil
    }

    /// Events an identifier may name: its id, slug or import key exactly, else a title (any case).
    func events(identifiedBy identifier: String, now: Date) throws -> [Event] {
        try read {
            let base = "SELECT \(Self.eventColumns) FROM events e JOIN venues v ON v.id = e.venue_id"
            let exact = try db.rows("\(base) WHERE e.id = ? OR e.slug = ? OR e.key = ? LIMIT 1", identifier, identifier, identifier)
            if !exact.isEmpty { return try exact.map { try event(from: $0, now: now) } }
            return try db.rows("\(base) WHERE e.title = ? COLLATE NOCASE ORDER BY e.starts_at", identifier).map { try event(from: $0, now: now) }
        }
    }

    func event(key: String, now: Date) throws -> Event? {
        try read {
            try db.row("SELECT \(Self.eventColumns) FROM events e JOIN venues v ON v.id = e.venue_id WHERE e.key = ?", key)
                .map { try event(from: $0, now: now) }
        }
    }

    /// One page of events matching `filter` that `viewer` may see, and how many match in all.
    /// `viewer` nil or a non-admin sees drafts only of their own (organizer) events.
    func events(matching filter: EventFilter, viewer: User?, now: Date) throws -> (events: [Event], total: Int) {
        var clauses: [String] = []
        var arguments: [SQLBindable] = []
        if let query = filter.query, let match = Self.searchQuery(query, dialect: dialect) {
            clauses.append(dialect.eventSearch("e", venueAlias: "v"))
            arguments.append(match)
        }
        if let category = filter.category {
            clauses.append("e.category = ?")
            arguments.append(category)
        }
        if let venue = filter.venue {
            clauses.append("v.name = ?")  // the column's NOCASE collation applies
            arguments.append(venue)
        }
        if let from = filter.from {
            clauses.append("e.ends_at >= ?")
            arguments.append(from.epochSeconds)
        }
        if let to = filter.to {
            clauses.append("e.starts_at <= ?")
            arguments.append(to.epochSeconds)
        }
        switch filter.status {
        case nil:
            clauses.append("e.status != 'cancelled' AND e.ends_at > ?")
            arguments.append(now.epochSeconds)
        case .draft:
            clauses.append("e.status = 'draft' AND e.ends_at > ?")
            arguments.append(now.epochSeconds)
        case .published:
            clauses.append("e.status = 'published' AND e.ends_at > ?")
            arguments.append(now.epochSeconds)
        case .cancelled: clauses.append("e.status = 'cancelled'")
        case .past:
            clauses.append("e.status != 'cancelled' AND e.ends_at <= ?")
            arguments.append(now.epochSeconds)
        }
        if viewer?.role != .admin {
            clauses.append("(e.status != 'draft' OR e.organizer_id = ?)")
            arguments.append(viewer?.id ?? "")
        }
        let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        let from = "FROM events e JOIN venues v ON v.id = e.venue_id \(whereClause)"
        // Soonest first; for past events the most recent first, which is what people look for.
        let order = filter.status == .past ? "e.starts_at DESC, e.id" : "e.starts_at, e.id"
        return try read {
            let total = try db.rows("SELECT count(*) AS n \(from)", arguments: arguments).first?.int("n") ?? 0
            let page = try db.rows(
                "SELECT \(Self.eventColumns) \(from) ORDER BY \(order) LIMIT ? OFFSET ?",
                arguments: arguments + [filter.limit, filter.offset]
            ).map { try event(from: $0, now: now) }
            return (page, Int(total))
        }
    }

    /// Turns what a person typed into a search query: each word a prefix term, all required.
    /// Only letters and digits are kept, so neither engine's query syntax (FTS5's AND, NEAR,
    /// * and quotes; PostgreSQL's & | ! :) is ever read in user text.
    static func searchQuery(_ text: String, dialect: SQLDialect) -> String? {
        let words = text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        guard !words.isEmpty else { return nil }
        return dialect.eventSearchQuery(words: words)
    }

    // MARK: Tiers

    private static let tierColumns = "id, event_id, name, price_minor, quota, max_per_order, addon, sales_start, sales_end, hidden, requires_admission"

    private func tier(from row: Row, currency: Currency) throws -> Tier {
        Tier(
            id: try row.string("id"), eventID: try row.string("event_id"), name: try row.string("name"),
            price: Money(minor: try row.int("price_minor"), currency: currency),
            quota: row.optionalInt("quota").map(Int.init), maxPerOrder: row.optionalInt("max_per_order").map(Int.init),
            addon: try row.bool("addon"),
            salesStart: row.optionalInt("sales_start").map(Date.init(epochSeconds:)),
            salesEnd: row.optionalInt("sales_end").map(Date.init(epochSeconds:)),
            hidden: try row.bool("hidden"), requiresAdmission: try row.bool("requires_admission"))
    }

    /// An event's tiers in the order they were added.
    func tiers(of event: Event) throws -> [Tier] {
        try read {
            try db.rows("SELECT \(Self.tierColumns) FROM tiers WHERE event_id = ? ORDER BY position", event.id)
                .map { try tier(from: $0, currency: event.currency) }
        }
    }

    /// The tier's event id when `identifier` is a tier id.
    func eventIDOfTier(_ identifier: String) throws -> String? {
        try read { try db.row("SELECT event_id FROM tiers WHERE id = ?", identifier)?.string("event_id") }
    }

}

extension StoreTransaction {
    /// The venue's row id, creating the venue on first use; a new address replaces the old one.
    func venueID(for venue: Venue, now: Date) throws -> (id: Int64, created: Bool, addressChanged: Bool) {
        if let row = try db.row("SELECT id, address FROM venues WHERE name = ?", venue.name) {
            let changed = try !venue.address.isEmpty && row.string("address") != venue.address
            if changed { try db.execute("UPDATE venues SET address = ? WHERE id = ?", venue.address, row.int("id")) }
            return (try row.int("id"), false, changed)
        }
        let id = try db.row(
            "INSERT INTO venues (name, address, created_at) VALUES (?, ?, ?) RETURNING id",
            venue.name, venue.address, now.epochSeconds)?.int("id")
        return (id ?? 0, true, false)
    }

    func insertEvent(_ event: Event, venueID: Int64, now: Date) throws {
        try db.execute(
            """
            INSERT INTO events (id, slug, key, title, description, category, venue_id, organizer_id, status, starts_at, ends_at,
                                timezone, currency, capacity, vat_rate_bp, sales_start, sales_end, created_at, updated_at, waitlist_offer)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            arguments: [
                event.id, event.slug, event.key, event.title, event.description, event.category, venueID,
                event.organizerID, event.storedStatus.rawValue, event.startsAt.epochSeconds, event.endsAt.epochSeconds,
                event.timezone, event.currency.code, event.capacity, event.vatRateBasisPoints, event.salesStart?.epochSeconds,
                event.salesEnd?.epochSeconds, now.epochSeconds, now.epochSeconds, event.waitlistOffer.map { Int64($0) },
            ])
    }

    func updateEvent(_ event: Event, venueID: Int64, now: Date) throws {
        try db.execute(
            """
            UPDATE events SET title = ?, description = ?, category = ?, venue_id = ?, status = ?, starts_at = ?, ends_at = ?,
                timezone = ?, currency = ?, capacity = ?, vat_rate_bp = ?, sales_start = ?, sales_end = ?, cancel_reason = ?, updated_at = ?,
                waitlist_offer = ?
            WHERE id = ?
            """,
            arguments: [
                event.title, event.description, event.category, venueID, event.storedStatus.rawValue,
                event.startsAt.epochSeconds, event.endsAt.epochSeconds, event.timezone, event.currency.code,
                event.capacity, event.vatRateBasisPoints, event.salesStart?.epochSeconds, event.salesEnd?.epochSeconds, event.cancelReason,
                now.epochSeconds, event.waitlistOffer.map { Int64($0) }, event.id,
            ])
    }

    func deleteEvent(id: String) throws {
        try db.execute("DELETE FROM events WHERE id = ?", id)
    }

    func insertTier(_ tier: Tier, now: Date) throws {
        try db.execute(
            """
            INSERT INTO tiers (id, event_id, name, price_minor, quota, max_per_order, addon, sales_start, sales_end, position, created_at, updated_at,
                               hidden, requires_admission)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM tiers WHERE event_id = ?), ?, ?, ?, ?)
            """,
            arguments: [
                tier.id, tier.eventID, tier.name, tier.price.minor, tier.quota, tier.maxPerOrder, tier.addon,
                tier.salesStart?.epochSeconds, tier.salesEnd?.epochSeconds, tier.eventID, now.epochSeconds, now.epochSeconds,
                tier.hidden, tier.requiresAdmission,
            ])
    }

    func updateTier(_ tier: Tier, now: Date) throws {
        try db.execute(
            """
            UPDATE tiers SET name = ?, price_minor = ?, quota = ?, max_per_order = ?, addon = ?, sales_start = ?, sales_end = ?, updated_at = ?,
                hidden = ?, requires_admission = ?
            WHERE id = ?
            """,
            arguments: [
                tier.name, tier.price.minor, tier.quota, tier.maxPerOrder, tier.addon, tier.salesStart?.epochSeconds,
                tier.salesEnd?.epochSeconds, now.epochSeconds, tier.hidden, tier.requiresAdmission, tier.id,
            ])
    }
}

import Foundation

/// Where an event happens; reused across events by name.
public struct Venue: Sendable, Equatable, Codable {
    public var name: String
    public var address: String

    public init(name: String, address: String) {
        self.name = name
        self.address = address
    }
}

/// An event's life: draft → published → cancelled; `past` once it has ended.
public enum EventStatus: String, Sendable, Codable, CaseIterable {
    case draft, published, cancelled, past

    public static func parse(_ text: String) throws -> EventStatus {
        guard let status = EventStatus(rawValue: text.lowercased()) else {
            throw BilletterieError.invalidInput(
                code: "invalid_status",
                message: "unknown event status '\(text)'; use draft, published, cancelled or past")
        }
        return status
    }
}

/// A ticket type of an event: admission (VIP, Standard) or an add-on (parking, meal).
public struct Tier: Sendable, Equatable, Encodable {
    public let id: String
    public let eventID: String
    public var name: String
    public var price: Money
    /// At most this many of this tier are sold; nil for no limit of its own.
    public var quota: Int?
    public var maxPerOrder: Int?
    /// Sold, but does not admit at the door, and does not count toward the event's capacity.
    public var addon: Bool
    public var salesStart: Date?
    public var salesEnd: Date?
    /// Sold only with a voucher that names it; not shown to buyers.
    public var hidden = false
    /// An add-on sold only in an order that holds an admission ticket of the same event.
    public var requiresAdmission = false
    /// How many are sold, held and left, where a command counted them.
    public var availability: TierAvailability? = nil

    enum CodingKeys: String, CodingKey {
        case id, name, quota, addon, currency, hidden, sold, held, available
        case requiresAdmission = "requires_admission"
        case eventID = "event_id"
        case priceMinor = "price_minor"
        case maxPerOrder = "max_per_order"
        case salesStart = "sales_start"
        case salesEnd = "sales_end"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(eventID, forKey: .eventID)
        try c.encode(name, forKey: .name)
        try c.encode(price.minor, forKey: .priceMinor)
        try c.encode(price.currency.code, forKey: .currency)
        try c.encode(quota, forKey: .quota)
        try c.encode(maxPerOrder, forKey: .maxPerOrder)
        try c.encode(addon, forKey: .addon)
        try c.encode(salesStart, forKey: .salesStart)
        try c.encode(salesEnd, forKey: .salesEnd)
        try c.encode(hidden, forKey: .hidden)
        try c.encode(requiresAdmission, forKey: .requiresAdmission)
        if let availability {
            try c.encode(availability.sold, forKey: .sold)
            try c.encode(availability.held, forKey: .held)
            try c.encode(availability.available, forKey: .available)
        }
    }
}

/// A tier's places: `sold` (paid), `held` (unpaid holds and voucher blocks) and what is left
/// to sell (nil when neither the tier nor, for admission, the event has a limit).
public struct TierAvailability: Sendable, Equatable {
    public let sold: Int
    public let held: Int
    public let available: Int?
}

/// An event with its venue; `tiers` is filled where a command shows them.
public struct Event: Sendable, Equatable, Encodable {
    public let id: String
    public var slug: String
    /// What `event import` files match on; the slug for events made with `event create`.
    public var key: String
    public var title: String
    public var description: String
    public var category: String?
    public var venue: Venue
    public var organizerID: String
    /// As stored: draft, published or cancelled. See `status(at:)` for what people see.
    public var storedStatus: EventStatus
    public var startsAt: Date
    public var endsAt: Date
    public var timezone: String
    public var currency: Currency
    public var capacity: Int?
    /// VAT included in the prices, in basis points (550 = 5.5 %); nil when none applies.
    public var vatRateBasisPoints: Int?
    public var salesStart: Date?
    public var salesEnd: Date?
    public var cancelReason: String?
    public var createdAt: Date
    public var tiers: [Tier]?
    /// How long a waiting-list offer stands; nil for the default (a day).
    public var waitlistOffer: TimeInterval? = nil
    /// Admission places left, where a command counted them (`event list`): `.some(nil)` when
    /// nothing limits them.
    public var available: Int?? = nil
    /// "Now" for `status`, set when the event is read, so JSON shows `past` for ended events.
    public var observedAt: Date

    /// Cancelled stays cancelled; otherwise an event that has ended is past.
    public func status(at now: Date) -> EventStatus {
        if storedStatus == .cancelled { return .cancelled }
        return endsAt <= now ? .past : storedStatus
    }

    public var status: EventStatus { status(at: observedAt) }

    /// 550 → "5.5", 2000 → "20".
    public static func vatText(_ basisPoints: Int) -> String {
        let whole = basisPoints / 100
        let fraction = basisPoints % 100
        return fraction == 0 ? String(whole) : fraction % 10 == 0 ? "\(whole).\(fraction / 10)" : String(format: "%d.%02d", whole, fraction)
    }

    public static let defaultWaitlistOffer: TimeInterval = 86400

    public var zone: TimeZone { TimeZone(identifier: timezone) ?? TimeZone(secondsFromGMT: 0)! }

    enum CodingKeys: String, CodingKey {
        case id, slug, key, title, description, category, venue, status, timezone, currency, capacity, tiers
        case organizerID = "organizer_id"
        case startsAt = "starts_at"
        case endsAt = "ends_at"
        case salesStart = "sales_start"
        case salesEnd = "sales_end"
        case cancelReason = "cancel_reason"
        case createdAt = "created_at"
        case startsAtLocal = "starts_at_local"
        case vatRate = "vat_rate"
        case waitlistOffer = "waitlist_offer_seconds"
        case available
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(slug, forKey: .slug)
        try c.encode(key, forKey: .key)
        try c.encode(title, forKey: .title)
        try c.encode(description, forKey: .description)
        try c.encode(category, forKey: .category)
        try c.encode(venue, forKey: .venue)
        try c.encode(organizerID, forKey: .organizerID)
        try c.encode(status.rawValue, forKey: .status)
        try c.encode(startsAt, forKey: .startsAt)
        try c.encode(endsAt, forKey: .endsAt)
        try c.encode(EventTimes.localISO(startsAt, in: zone), forKey: .startsAtLocal)
        try c.encode(timezone, forKey: .timezone)
        try c.encode(currency.code, forKey: .currency)
        try c.encode(capacity, forKey: .capacity)
        try c.encode(vatRateBasisPoints.map(Self.vatText), forKey: .vatRate)
        try c.encode(salesStart, forKey: .salesStart)
        try c.encode(salesEnd, forKey: .salesEnd)
        try c.encode(cancelReason, forKey: .cancelReason)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(Int(waitlistOffer ?? Self.defaultWaitlistOffer), forKey: .waitlistOffer)
        if let available { try c.encode(available, forKey: .available) }
        if let tiers { try c.encode(tiers, forKey: .tiers) }
    }
}

/// Times in an event's own zone, as files and people read them.
public enum EventTimes {
    /// ISO 8601 with the zone's offset at that instant: `2026-06-21T21:30:00+02:00`.
    public static func localISO(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let offset = zone.secondsFromGMT(for: date)
        let sign = offset < 0 ? "-" : "+"
        let magnitude = abs(offset)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
            + sign + String(format: "%02d:%02d", magnitude / 3600, (magnitude % 3600) / 60)
    }
}

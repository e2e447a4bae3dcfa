import Foundation

/// `report sales`: per event, per tier (add-ons apart) and per payment method.
public struct SalesReport: Sendable, Encodable {
    public struct TierLine: Sendable, Encodable {
        public let tier: String
        public let priceMinor: Int64
        /// Tickets of orders that were paid (a receipt was issued), whatever became of them since.
        public let sold: Int
        public let valid: Int
        public let used: Int
        public let void: Int
        /// Face value of the tickets sold.
        public let faceValueMinor: Int64

        enum CodingKeys: String, CodingKey {
            case tier, sold, valid, used, void
            case priceMinor = "price_minor"
            case faceValueMinor = "face_value_minor"
        }
    }

    public struct MoneyLine: Sendable, Encodable {
        public let method: String
        public let grossMinor: Int64
        public let refundedMinor: Int64
        public var netMinor: Int64 { grossMinor - refundedMinor }

        enum CodingKeys: String, CodingKey {
            case method
            case grossMinor = "gross_minor"
            case refundedMinor = "refunded_minor"
            case netMinor = "net_minor"
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(method, forKey: .method)
            try c.encode(grossMinor, forKey: .grossMinor)
            try c.encode(refundedMinor, forKey: .refundedMinor)
            try c.encode(netMinor, forKey: .netMinor)
        }
    }

    /// Tickets of paid orders bought with one voucher: how many, what they brought in, and
    /// what the voucher took off their tiers' prices.
    public struct VoucherLine: Sendable, Encodable {
        public let code: String
        public let tickets: Int
        public let revenueMinor: Int64
        public let discountMinor: Int64

        enum CodingKeys: String, CodingKey {
            case code, tickets
            case revenueMinor = "revenue_minor"
            case discountMinor = "discount_minor"
        }
    }

    public struct EventSales: Sendable, Encodable {
        public let id: String
        public let slug: String
        public let title: String
        public let currency: String
        public let tiers: [TierLine]
        public let addons: [TierLine]
        public let payments: [MoneyLine]
        public var vouchers: [VoucherLine] = []
        public var total: MoneyLine {
            MoneyLine(method: "total", grossMinor: payments.reduce(0) { $0 + $1.grossMinor }, refundedMinor: payments.reduce(0) { $0 + $1.refundedMinor })
        }

        enum CodingKeys: String, CodingKey { case id, slug, title, currency, tiers, addons, payments, total, vouchers }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(slug, forKey: .slug)
            try c.encode(title, forKey: .title)
            try c.encode(currency, forKey: .currency)
            try c.encode(tiers, forKey: .tiers)
            try c.encode(addons, forKey: .addons)
            try c.encode(payments, forKey: .payments)
            try c.encode(total, forKey: .total)
            try c.encode(vouchers, forKey: .vouchers)
        }
    }

    public let events: [EventSales]
}

/// `report checkins`: who got in, who is inside, where, and when, on one check-in list.
public struct CheckinReport: Sendable, Encodable {
    public struct GateLine: Sendable, Encodable {
        public let gate: String
        /// Standing entries (not undone) at this gate.
        public let admitted: Int
        public let exits: Int
        public let rejected: Int
        public let undone: Int
    }

    public struct Quarter: Sendable, Encodable {
        /// The quarter hour's start, in UTC; `local` in the event's zone.
        public let start: String
        public let local: String
        /// Standing entries in the quarter.
        public let admitted: Int
        public let exits: Int
    }

    public let event: String
    public let timezone: String
    public let list: String
    /// Tickets the list checks that may come in: valid or used.
    public let admissible: Int
    /// Tickets that may come in and have a standing entry (undone ones do not count), each
    /// once: a transferred ticket's old and new codes are one ticket. Never above `admissible`.
    public let admitted: Int
    /// Tickets whose last standing scan on the list is an entry: people inside now. Never above `admitted`.
    public let inside: Int
    /// Standing exit scans.
    public let exits: Int
    public let rejected: Int
    public let gates: [GateLine]
    public let quarters: [Quarter]
    /// The event's other lists, for a report that names them.
    public let lists: [String]
}

/// One person inside now (`report checkins --inside`).
public struct InsideLine: Sendable, Encodable {
    public let ticket: String
    public let attendeeName: String
    public let tier: String
    public let reference: String
    /// When the standing entry was scanned, and at which gate.
    public let since: Date
    public let gate: String

    enum CodingKeys: String, CodingKey {
        case ticket, tier, reference, since, gate
        case attendeeName = "attendee_name"
    }
}

public struct AuditLine: Sendable, Encodable {
    public let sequence: Int64
    public let occurredAt: String
    public let type: String
    public let actor: String?
    public let subject: String?
    /// The event's details, a JSON object as text.
    public let data: String

    enum CodingKeys: String, CodingKey {
        case sequence = "seq"
        case occurredAt = "occurred_at"
        case type, actor, subject, data
    }
}

/// Reports aggregate in SQL and stream rows out, so a store of a million tickets and a
/// million scans answers in the time of its queries and in little memory.
public struct Reports {
    let store: Store
    let now: Date

    public init(store: Store, now: Date) {
        self.store = store
        self.now = now
    }

    /// Sales of one event, or of every event `actor` manages (organizers theirs, admins all).
    public func sales(event: Event?, actor: User) throws -> SalesReport {
        let events: [(id: String, slug: String, title: String, currency: String)]
        if let event {
            try Access.requireManages(event, actor, action: "a sales report")
            events = [(event.id, event.slug, event.title, event.currency.code)]
        } else {
            guard actor.role == .admin || actor.role == .organizer else {
                throw BilletterieError.roleNotAllowed(action: "a sales report", allowed: [.admin, .organizer], actual: actor.role)
            }
            events = try store.reportableEvents(organizerID: actor.role == .admin ? nil : actor.id)
        }
        return SalesReport(
            events: try events.map { event in
                let tiers = try store.tierSales(eventID: event.id)
                return SalesReport.EventSales(
                    id: event.id, slug: event.slug, title: event.title, currency: event.currency,
                    tiers: tiers.filter { !$0.addon }.map(\.line), addons: tiers.filter(\.addon).map(\.line),
                    payments: try store.moneyByMethod(eventID: event.id), vouchers: try store.voucherSales(eventID: event.id))
            })
    }

    private func requireCheckinAccess(_ event: Event, _ actor: User) throws {
        guard actor.role == .staff || Access.manages(event, actor) else {
            throw BilletterieError.roleNotAllowed(action: "a check-in report", allowed: [.admin, .organizer, .staff], actual: actor.role)
        }
    }

    /// Every figure from one snapshot, so a scan landing while the report runs can never
    /// make inside now pass admitted.
    public func checkins(event: Event, list listName: String = CheckinList.mainName, actor: User) throws -> CheckinReport {
        try requireCheckinAccess(event, actor)
        return try store.readAll { try checkinReport(event: event, list: listName) }
    }

    private func checkinReport(event: Event, list listName: String) throws -> CheckinReport {
        let lists = CheckinLists(store: store, now: now)
        let list = try lists.list(named: listName, of: event)
        let zone = TimeZone(identifier: event.timezone) ?? TimeZone(identifier: "UTC")!
        let totals = try store.checkinTotals(eventID: event.id, list: list)
        let quarters = try store.movementsByQuarter(eventID: event.id, list: list.name).map { start, entries, exits in
            CheckinReport.Quarter(start: TimeText.utc(start), local: TimeText.local(start, in: zone), admitted: entries, exits: exits)
        }
        return CheckinReport(
            event: event.slug, timezone: event.timezone, list: list.name, admissible: totals.admissible, admitted: totals.admitted,
            inside: totals.inside, exits: totals.exits, rejected: totals.rejected, gates: try store.checkinsByGate(eventID: event.id, list: list.name),
            quarters: quarters, lists: try lists.all(of: event).map(\.name))
    }

    /// Who is inside now on a list, by name, streamed (a stadium's worth in little memory).
    public func inside(event: Event, list listName: String = CheckinList.mainName, actor: User, _ body: (InsideLine) throws -> Void) throws {
        try requireCheckinAccess(event, actor)
        let list = try CheckinLists(store: store, now: now).list(named: listName, of: event)
        try store.forEachInside(eventID: event.id, list: list, body)
    }

    /// The domain event log, oldest first, streamed to `body`. Admins see everything; an
    /// organizer only what concerns one of their events (give it).
    public func audit(since: Date?, event: Event?, actor: User, _ body: (AuditLine) throws -> Void) throws {
        if let event {
            try Access.requireManages(event, actor, action: "the audit log")
        } else if actor.role != .admin {
            if actor.role == .organizer {
                throw BilletterieError.usage(message: "organizers see the audit log of one of their events: add --event")
            }
            throw BilletterieError.roleNotAllowed(action: "the audit log", allowed: [.admin, .organizer], actual: actor.role)
        }
        try store.forEachAuditLine(since: since, eventID: event?.id, body)
    }
}

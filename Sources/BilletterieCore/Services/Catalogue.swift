import Foundation

/// What a person (or an import file) says about an event; nil means "not given". Times and
/// prices stay text here so that the catalogue parses them in the event's own zone and currency.
public struct EventInput: Sendable, Equatable {
    public var title: String?
    public var startsAt: String?
    public var endsAt: String?
    public var venue: String?
    public var address: String?
    public var category: String?
    public var capacity: Int?
    public var timezone: String?
    public var currency: String?
    public var description: String?
    public var salesStart: String?
    public var salesEnd: String?
    /// VAT included in prices, as a percentage: "5.5", "20".
    public var vatRate: String?
    /// How long a waiting-list offer stands: "24h", "2d".
    public var waitlistOffer: String?

    public init(
        title: String? = nil, startsAt: String? = nil, endsAt: String? = nil, venue: String? = nil, address: String? = nil,
        category: String? = nil, capacity: Int? = nil, timezone: String? = nil, currency: String? = nil,
        description: String? = nil, salesStart: String? = nil, salesEnd: String? = nil, vatRate: String? = nil,
        waitlistOffer: String? = nil
    ) {
        self.vatRate = vatRate
        self.waitlistOffer = waitlistOffer
        self.title = title
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.venue = venue
        self.address = address
        self.category = category
        self.capacity = capacity
        self.timezone = timezone
        self.currency = currency
        self.description = description
        self.salesStart = salesStart
        self.salesEnd = salesEnd
    }
}

/// What is said about a ticket tier; nil means "not given".
public struct TierInput: Sendable, Equatable {
    public var name: String?
    public var price: String?
    public var quota: Int?
    public var maxPerOrder: Int?
    public var addon: Bool?
    public var salesStart: String?
    public var salesEnd: String?
    public var hidden: Bool?
    public var requiresAdmission: Bool?

    public init(
        name: String? = nil, price: String? = nil, quota: Int? = nil, maxPerOrder: Int? = nil, addon: Bool? = nil,
        salesStart: String? = nil, salesEnd: String? = nil, hidden: Bool? = nil, requiresAdmission: Bool? = nil
    ) {
        self.hidden = hidden
        self.requiresAdmission = requiresAdmission
        self.name = name
        self.price = price
        self.quota = quota
        self.maxPerOrder = maxPerOrder
        self.addon = addon
        self.salesStart = salesStart
        self.salesEnd = salesEnd
    }
}

/// Events, venues and ticket tiers: creating, finding, changing, and the status rules.
public struct Catalogue {
    public let store: Store
    public let now: Date

    /// An event given without an end is taken to last this long (shown, and changeable).
    public static let defaultDuration: TimeInterval = 3 * 3600

    public init(store: Store, now: Date) {
        self.store = store
        self.now = now
    }

    // MARK: Finding

    /// The event an id, slug, import key or title names, if the viewer may see it (else exit 3).
    public func event(_ identifier: String, viewer: User?) throws -> Event {
        let visible = try store.events(identifiedBy: identifier, now: now).filter { Access.canSee($0, viewer) }
        guard let first = visible.first else { throw BilletterieError.notFound(entity: "event", identifier: identifier) }
        guard visible.count == 1 else {
            throw BilletterieError.invalidInput(
                code: "ambiguous_event",
                message: "'\(identifier)' is the title of \(visible.count) events (\(visible.map(\.slug).joined(separator: ", "))); name one by its slug or id")
        }
        return first
    }

    /// The event with its tiers, as `event show` prints it.
    public func eventWithTiers(_ identifier: String, viewer: User?) throws -> Event {
        var found = try event(identifier, viewer: viewer)
        found.tiers = try tiers(of: found, viewer: viewer)
        return found
    }

    /// The tiers `viewer` may see (hidden ones only to those who manage the event, and
    /// staff), each with what is sold, held and left now.
    func tiers(of event: Event, viewer: User?) throws -> [Tier] {
        let all = try store.tiers(of: event)
        let counts = try store.placeCounts(event: event, tiers: all, sold: true, now: now)
        let seesHidden = viewer.map { $0.role == .staff || Access.manages(event, $0) } ?? false
        return Places.availability(of: all, event: event, counts: counts).filter { !$0.hidden || seesHidden }
    }

    /// A page of events the viewer may see, soonest first, and how many match in all, each
    /// with its admission places left.
    public func list(_ filter: EventFilter, viewer: User?) throws -> (events: [Event], total: Int) {
        var filter = filter
        if let category = filter.category { filter.category = Slug.make(category) }
        var (events, total) = try store.events(matching: filter, viewer: viewer, now: now)
        for index in events.indices {
            let tiers = try store.tiers(of: events[index])
            let counts = try store.placeCounts(event: events[index], tiers: tiers, tierIDs: [], now: now)
            events[index].available = .some(Places.eventAvailable(events[index], tiers: tiers, counts: counts))
        }
        return (events, total)
    }

    // MARK: Creating and changing

    /// Creates an event, a draft unless `publish`. Admins may create it for another organizer.
    public func create(_ input: EventInput, publish: Bool, organizer: String? = nil, key: String? = nil, actor: User) throws -> Event {
        try Access.require(actor, .createEvent)
        let owner = try organizer.map { try self.organizer($0, actor: actor) } ?? actor
        guard input.title != nil, input.startsAt != nil, input.venue != nil else {
            let missing = [("--title", input.title), ("--starts-at", input.startsAt), ("--venue", input.venue)]
                .filter { $0.1 == nil }.map(\.0)
            throw BilletterieError.usage(message: "an event needs \(missing.joined(separator: ", "))")
        }
        var event = try apply(input, to: try blankEvent(organizer: owner, status: publish ? .published : .draft, key: ""), isNew: true)
        if let key { event.key = try Self.checkKey(key) }
        if publish, event.endsAt <= now {
            throw BilletterieError.conflict(
                code: "transition_not_allowed", message: "cannot publish an event that has already ended (\(TimeText.utc(event.endsAt)))")
        }
        try store.write { tx in
            try insert(&event, tiers: [], actor: actor, tx: tx)
        }
        return event
    }

    /// Changes what `input` gives; an event that has not changed records nothing.
    public func update(_ identifier: String, _ input: EventInput, actor: User) throws -> Event {
        let current = try event(identifier, viewer: actor)
        try Access.requireCanChange(current, actor, identifier: identifier)
        try requireOpen(current, doing: "change")
        let tiers = try store.tiers(of: current)
        let updated = try apply(input, to: current, isNew: false)
        if updated.currency != current.currency, !tiers.isEmpty {
            throw BilletterieError.conflict(
                code: "currency_locked",
                message: "'\(current.slug)' already has priced tiers in \(current.currency.code); its currency can no longer change")
        }
        try store.write { tx in
            try checkNotBelowTaken(event: current, capacity: updated.capacity, tiers: [], tx: tx)
            try save(updated, replacing: current, actor: actor, tx: tx)
        }
        return updated
    }

    public func publish(_ identifier: String, actor: User) throws -> Event {
        var event = try self.event(identifier, viewer: actor)
        try Access.requireCanChange(event, actor, identifier: identifier)
        try requireTransition(event, to: .published)
        let before = event
        event.storedStatus = .published
        try store.write { tx in try save(event, replacing: before, actor: actor, tx: tx) }
        return event
    }

    /// What cancelling did to the event's orders.
    public struct CancelSummary: Sendable, Encodable {
        public var ordersRefunded = 0
        public var refundedMinor: Int64 = 0
        public var holdsReleased = 0
        public var ticketsVoided = 0
        /// Of the refunded amount: what goes back to cards by itself, and the cash the box
        /// office will owe its buyers (`refund list --owed`).
        public var cardRefundedMinor: Int64 = 0
        public var cashOwedMinor: Int64 = 0
        /// People the cancellation message goes to (holders and refunded buyers with an address).
        public var messages = 0
        /// True when nothing was changed (`--dry-run`): what the cancellation would do.
        public var dryRun = false

        enum CodingKeys: String, CodingKey {
            case ordersRefunded = "orders_refunded"
            case refundedMinor = "refunded_minor"
            case holdsReleased = "holds_released"
            case ticketsVoided = "tickets_voided"
            case cardRefundedMinor = "card_refunded_minor"
            case cashOwedMinor = "cash_owed_minor"
            case messages
            case dryRun = "dry_run"
        }
    }

    /// Cancels the event and runs the whole cascade in the same transaction: every ticket void,
    /// every hold released, every paid order refunded in full, a domain event for each step so
    /// that notifications can tell every holder.
    public func cancel(_ identifier: String, reason: String, actor: User) throws -> Event {
        try cancelWithCascade(identifier, reason: reason, actor: actor).event
    }

    /// With `dryRun`, the whole cascade runs in its transaction, which is then rolled back:
    /// the summary is exactly what a real cancellation would do, and nothing changes.
    public func cancelWithCascade(_ identifier: String, reason: String, actor: User, dryRun: Bool = false) throws -> (
        event: Event, summary: CancelSummary
    ) {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else {
            throw BilletterieError.invalidInput(code: "missing_reason", message: "say why the event is cancelled with --reason; holders will read it")
        }
        var event = try self.event(identifier, viewer: actor)
        try Access.requireCanChange(event, actor, identifier: identifier)
        try requireTransition(event, to: .cancelled)
        let before = event
        event.storedStatus = .cancelled
        event.cancelReason = reason
        let cancelled = event
        func change(_ tx: StoreTransaction) throws -> CancelSummary {
            try save(cancelled, replacing: before, actor: actor, tx: tx)
            var summary = try cascade(cancelled, reason: reason, actor: actor, tx: tx)
            summary.dryRun = dryRun
            return summary
        }
        if dryRun { return (before, try store.rehearse(change)) }
        return (event, try store.write(change))
    }

    /// Inside the cancelling write: each order refunded or released, each ticket void.
    private func cascade(_ event: Event, reason: String, actor: User, tx: StoreTransaction) throws -> CancelSummary {
        var summary = CancelSummary()
        let payments = Payments(store: store, now: now)
        var told = Set<String>()
        for orderID in try store.orderIDs(eventID: event.id) {
            guard let order = try store.order(id: orderID, now: now) else { continue }
            let live = order.tickets.filter { $0.status != .void || $0.voidReason == "expired" }
            for ticket in live where ticket.status != .void { told.insert(ticket.attendee.email) }
            let refundable = order.paid.minor - order.refunded.minor
            if refundable > 0 {
                let amount = Money(minor: refundable, currency: order.total.currency)
                let source = Payments.refundSource(for: amount, in: order)
                let refund = Refund(
                    id: Identifier.make(.refund), orderID: order.id, amount: amount,
                    method: source?.method ?? .cash, cardBrand: source?.cardBrand, cardLast4: source?.cardLast4,
                    reason: "\(RefundCause.cancellationReasonPrefix) \(reason)", tickets: live.map(\.id), createdAt: now,
                    // Nobody is at the till for a cancellation: its cash waits to be collected.
                    handedBackAt: (source?.method ?? .cash) == .cash ? nil : now)
                try payments.record(refund, of: order, voiding: live, idempotencyKey: nil, hash: nil, actor: actor, cause: .eventCancelled, tx: tx)
                summary.ordersRefunded += 1
                summary.refundedMinor += refundable
                if refund.cashOwed { summary.cashOwedMinor += refundable } else { summary.cardRefundedMinor += refundable }
                told.insert(order.buyer.email)
            } else if order.status != .cancelled && order.status != .refunded {
                for ticket in live { try tx.voidTicket(id: ticket.id, reason: "event cancelled", now: now) }
                if order.status == .reserved || order.status == .expired { summary.holdsReleased += 1 }
                try tx.updateOrder(id: order.id, status: .cancelled, totalMinor: order.total.minor, now: now)
                try tx.recordEvent(
                    .orderCancelled, subject: order.id, actor: actor.id,
                    data: ["event": event.id, "reason": "\(RefundCause.cancellationReasonPrefix) \(reason)"], at: now)
            }
            summary.ticketsVoided += live.count
        }
        summary.messages = told.subtracting([""]).count
        return summary
    }

    /// Deletes a draft (one that never sold anything); others are cancelled instead.
    public func delete(_ identifier: String, actor: User) throws -> Event {
        let event = try self.event(identifier, viewer: actor)
        try Access.requireCanChange(event, actor, identifier: identifier)
        guard event.storedStatus == .draft else {
            throw BilletterieError.conflict(
                code: "transition_not_allowed",
                message: "'\(event.slug)' is \(event.status.rawValue); only drafts can be deleted (cancel it instead)")
        }
        if try store.hasOrders(eventID: event.id) {
            throw BilletterieError.conflict(code: "has_orders", message: "'\(event.slug)' has orders; cancel it instead of deleting it")
        }
        try store.write { tx in
            try tx.deleteEvent(id: event.id)
            try tx.recordEvent(.eventDeleted, subject: event.id, actor: actor.id, data: ["slug": event.slug, "title": event.title], at: now)
        }
        return event
    }

    // MARK: Tiers

    public func tiers(of identifier: String, viewer: User?) throws -> (event: Event, tiers: [Tier]) {
        let event = try self.event(identifier, viewer: viewer)
        return (event, try tiers(of: event, viewer: viewer))
    }

    public func addTier(to identifier: String, _ input: TierInput, actor: User) throws -> Tier {
        let event = try self.event(identifier, viewer: actor)
        try Access.requireCanChange(event, actor, identifier: identifier)
        try requireOpen(event, doing: "add tiers to")
        guard input.name != nil, input.price != nil else {
            throw BilletterieError.usage(message: "a tier needs --name and --price")
        }
        let existing = try store.tiers(of: event)
        let tier = try applyTier(input, to: nil, event: event, siblings: existing)
        try checkTierNameFree(tier, among: existing, event: event)
        try store.write { tx in try insertTier(tier, event: event, actor: actor, tx: tx) }
        return tier
    }

    /// Changes a tier named by id, or by name with `event`.
    public func updateTier(_ identifier: String, event eventIdentifier: String?, _ input: TierInput, actor: User) throws -> Tier {
        let (event, current) = try tier(identifier, event: eventIdentifier, viewer: actor)
        try Access.requireCanChange(event, actor, identifier: eventIdentifier ?? identifier)
        try requireOpen(event, doing: "change tiers of")
        let updated = try applyTier(input, to: current, event: event)
        try checkTierNameFree(updated, among: try store.tiers(of: event), event: event)
        guard updated != current else { return current }
        try store.write { tx in
            try checkNotBelowTaken(event: event, capacity: nil, tiers: [updated], tx: tx)
            try saveTier(updated, replacing: current, actor: actor, tx: tx)
        }
        return updated
    }

    private func tier(_ identifier: String, event eventIdentifier: String?, viewer: User) throws -> (Event, Tier) {
        if Identifier.looksLike(identifier, .tier), let eventID = try store.eventIDOfTier(identifier) {
            let event = try self.event(eventID, viewer: viewer)
            if let tier = try store.tiers(of: event).first(where: { $0.id == identifier }) { return (event, tier) }
        }
        guard let eventIdentifier else {
            throw BilletterieError.notFound(entity: "tier", identifier: identifier + " (name a tier by its id, or add --event)")
        }
        let event = try self.event(eventIdentifier, viewer: viewer)
        guard let tier = try store.tiers(of: event).first(where: { $0.name.lowercased() == identifier.lowercased() || $0.id == identifier }) else {
            throw BilletterieError.notFound(entity: "tier", identifier: "\(identifier)' in '\(event.slug)")
        }
        return (event, tier)
    }

    // MARK: Rules

    /// A new event id whose first bytes (the tag in its tickets' codes) no other event has.
    func newEventID() throws -> String {
        while true {
            let id = Identifier.make(.event)
            if let tag = TicketCode.tag(id, .event, TicketCode.eventTagBytes), try !store.isEventTagTaken(tag) { return id }
        }
    }

    /// A new tier id whose first byte (the tag in its tickets' codes) no sibling tier has.
    static func newTierID(siblings: [Tier]) throws -> String {
        let taken = Set(siblings.compactMap { TicketCode.tag($0.id, .tier, TicketCode.tierTagBytes) })
        guard taken.count < 256 else {
            throw BilletterieError.conflict(code: "too_many_tiers", message: "an event can have at most 256 tiers")
        }
        while true {
            let id = Identifier.make(.tier)
            if let tag = TicketCode.tag(id, .tier, TicketCode.tierTagBytes), !taken.contains(tag) { return id }
        }
    }

    /// A new event with the store's default zone and currency, before `apply` fills it in.
    func blankEvent(organizer: User, status: EventStatus, key: String) throws -> Event {
        let settings = try store.settings()
        return Event(
            id: try newEventID(), slug: "", key: key, title: "", description: "", category: nil,
            venue: Venue(name: "", address: ""), organizerID: organizer.id, storedStatus: status,
            startsAt: now, endsAt: now, timezone: settings.timezone, currency: try Currency(code: settings.currency),
            capacity: nil, vatRateBasisPoints: nil, salesStart: nil, salesEnd: nil, cancelReason: nil, createdAt: now,
            tiers: nil, observedAt: now)
    }

    private func organizer(_ identifier: String, actor: User) throws -> User {
        guard actor.role == .admin else {
            throw BilletterieError.roleNotAllowed(action: "creating an event for someone else", allowed: [.admin], actual: actor.role)
        }
        guard let user = try store.user(identifiedBy: identifier) else { throw BilletterieError.notFound(entity: "user", identifier: identifier) }
        guard user.role == .organizer || user.role == .admin else {
            throw BilletterieError.conflict(code: "not_an_organizer", message: "\(user.email) is \(user.role.withArticle), not an organizer")
        }
        return user
    }

    /// Changes are refused once an event is cancelled or over.
    private func requireOpen(_ event: Event, doing verb: String) throws {
        switch event.status(at: now) {
        case .cancelled, .past:
            throw BilletterieError.conflict(
                code: "transition_not_allowed",
                message: "cannot \(verb) '\(event.slug)': it is \(event.status(at: now).rawValue)")
        case .draft, .published: return
        }
    }

    /// draft → published → cancelled (a draft may be cancelled too); nothing leaves cancelled or past.
    func requireTransition(_ event: Event, to target: EventStatus) throws {
        let current = event.status(at: now)
        let allowed: Bool =
            switch (current, target) {
            case (.draft, .published), (.draft, .cancelled), (.published, .cancelled): true
            default: false
            }
        guard allowed else {
            let verb = target == .published ? "publish" : "cancel"
            throw BilletterieError.conflict(
                code: "transition_not_allowed",
                message: "cannot \(verb) '\(event.slug)': it is \(current.rawValue)")
        }
    }

    static func checkKey(_ raw: String) throws -> String {
        let key = raw.trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty, key.count <= 120, !key.contains(where: { $0.isWhitespace || $0.isNewline }) else {
            throw BilletterieError.invalidInput(
                code: "invalid_key", message: "invalid key '\(raw)': give 1 to 120 characters without spaces, such as jazz-night-2026")
        }
        return key
    }

    /// A capacity or quota may be any size (a tier's quota above the event's capacity is fine:
    /// the capacity still bounds the sum of admissions, CLI.md section 9), but never below
    /// what is already sold or held (exit 4). Counted inside the write that saves the change,
    /// so a sale at another till cannot slip between the count and the save.
    func checkNotBelowTaken(event: Event, capacity: Int?, tiers: [Tier], tx: StoreTransaction) throws {
        let all = try store.tiers(of: event)
        let counts = try tx.placeCounts(event: event, tiers: all, tierIDs: Set(tiers.map(\.id)), now: now)
        if let capacity {
            let taken = counts.admissions + counts.blockedAdmissions(Set(all.filter { !$0.addon }.map(\.id)))
            if taken > capacity {
                throw BilletterieError.conflict(
                    code: "capacity_below_sold",
                    message: "'\(event.slug)' already has \(taken) admission tickets sold or held; its capacity cannot go below \(taken) (asked \(capacity))")
            }
        }
        for tier in tiers {
            guard let quota = tier.quota else { continue }
            let taken = counts.taken[tier.id, default: 0] + counts.blocked(tier.id)
            if taken > quota {
                throw BilletterieError.conflict(
                    code: "quota_below_sold",
                    message: "tier '\(tier.name)' already has \(taken) tickets sold or held; its quota cannot go below \(taken) (asked \(quota))")
            }
        }
    }

    private func checkTierNameFree(_ tier: Tier, among tiers: [Tier], event: Event) throws {
        if tiers.contains(where: { $0.id != tier.id && $0.name.lowercased() == tier.name.lowercased() }) {
            throw BilletterieError.conflict(code: "tier_exists", message: "'\(event.slug)' already has a tier named '\(tier.name)'")
        }
    }

    private static func text(_ raw: String, what: String, code: String, max: Int) throws -> String {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= max else {
            throw BilletterieError.invalidInput(code: code, message: "invalid \(what) '\(raw)': give 1 to \(max) characters")
        }
        return text
    }

    /// A new event value: `base` with what `input` gives, every value checked (exit 65).
    func apply(_ input: EventInput, to base: Event, isNew: Bool) throws -> Event {
        var event = base
        if let title = input.title { event.title = try Self.text(title, what: "title", code: "invalid_title", max: 200) }
        if let description = input.description {
            guard description.count <= 20_000 else {
                throw BilletterieError.invalidInput(code: "invalid_description", message: "the description is longer than 20000 characters")
            }
            event.description = description.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if let zone = input.timezone { event.timezone = try TimeText.timeZone(zone).identifier }
        if let currency = input.currency { event.currency = try Currency(code: currency) }
        let zone = event.zone
        if let name = input.venue {
            let name = try Self.text(name, what: "venue", code: "invalid_venue", max: 200)
            // A known venue keeps its stored spelling and address unless a new address is given.
            let known = try store.venue(named: name)
            event.venue = Venue(name: known?.name ?? name, address: known?.address ?? "")
        }
        if let address = input.address { event.venue.address = address.trimmingCharacters(in: .whitespacesAndNewlines) }
        if let category = input.category {
            let slug = Slug.make(category)
            guard !slug.isEmpty else {
                throw BilletterieError.invalidInput(
                    code: "invalid_category", message: "invalid category '\(category)': give a word such as concert, theatre or conference")
            }
            event.category = slug
        }
        if let capacity = input.capacity {
            guard capacity >= 0, capacity <= 10_000_000 else {
                throw BilletterieError.invalidInput(code: "invalid_capacity", message: "invalid capacity \(capacity): give a whole number from 0 to 10000000")
            }
            event.capacity = capacity
        }
        if let rate = input.vatRate {
            // A percentage with at most two decimals, read as basis points through Money's parser.
            let points = try? Money(parsing: rate, currency: Currency(code: "EUR"), what: "VAT rate").minor
            guard let points, points <= 10_000 else {
                throw BilletterieError.invalidInput(
                    code: "invalid_vat_rate", message: "invalid VAT rate '\(rate)': give a percentage from 0 to 100, such as 5.5 or 20")
            }
            event.vatRateBasisPoints = Int(points)
        }
        let duration = event.endsAt.timeIntervalSince(event.startsAt)
        if let starts = input.startsAt {
            event.startsAt = try TimeText.parse(starts, in: zone, what: "start time")
            // Moving the start without saying the end moves the whole event.
            if input.endsAt == nil { event.endsAt = event.startsAt.addingTimeInterval(isNew ? Self.defaultDuration : duration) }
        }
        if let ends = input.endsAt { event.endsAt = try TimeText.parse(ends, in: zone, what: "end time") }
        guard event.endsAt >= event.startsAt else {
            throw BilletterieError.invalidInput(
                code: "ends_before_start",
                message: "the event ends (\(TimeText.utc(event.endsAt))) before it starts (\(TimeText.utc(event.startsAt))); give an end after the start")
        }
        if let start = input.salesStart { event.salesStart = try TimeText.parse(start, in: zone, what: "sales start") }
        if let end = input.salesEnd { event.salesEnd = try TimeText.parse(end, in: zone, what: "sales end") }
        if let offer = input.waitlistOffer {
            let seconds = try TimeText.duration(offer)
            guard seconds >= 60, seconds <= 30 * 86400 else {
                throw BilletterieError.invalidInput(
                    code: "invalid_duration", message: "invalid waiting-list offer time '\(offer)': give 1m to 30d, such as 24h")
            }
            event.waitlistOffer = seconds
        }
        try Self.checkWindow(event.salesStart, event.salesEnd, what: "sales")
        return event
    }

    static func checkWindow(_ start: Date?, _ end: Date?, what: String) throws {
        if let start, let end, end < start {
            throw BilletterieError.invalidInput(
                code: "ends_before_start",
                message: "the \(what) window ends (\(TimeText.utc(end))) before it starts (\(TimeText.utc(start)))")
        }
    }

    /// A new tier value: `base` (or a new tier) with what `input` gives, every value checked.
    func applyTier(_ input: TierInput, to base: Tier?, event: Event, siblings: [Tier] = []) throws -> Tier {
        var tier =
            try base
            ?? Tier(
                id: Self.newTierID(siblings: siblings), eventID: event.id, name: "", price: Money(minor: 0, currency: event.currency),
                quota: nil, maxPerOrder: nil, addon: false, salesStart: nil, salesEnd: nil)
        if let name = input.name { tier.name = try Self.text(name, what: "tier name", code: "invalid_tier_name", max: 100) }
        if let price = input.price { tier.price = try Money(parsing: price, currency: event.currency, what: "price") }
        if let quota = input.quota {
            guard quota >= 0 else { throw BilletterieError.invalidInput(code: "invalid_quota", message: "invalid quota \(quota): give 0 or more") }
            tier.quota = quota
        }
        if let max = input.maxPerOrder {
            guard max >= 1 else {
                throw BilletterieError.invalidInput(code: "invalid_max_per_order", message: "invalid max per order \(max): give 1 or more")
            }
            tier.maxPerOrder = max
        }
        if let addon = input.addon { tier.addon = addon }
        if let hidden = input.hidden { tier.hidden = hidden }
        if let requires = input.requiresAdmission { tier.requiresAdmission = requires }
        if tier.requiresAdmission && !tier.addon {
            throw BilletterieError.invalidInput(
                code: "invalid_tier", message: "--requires-admission is for add-ons (it needs an admission ticket in the same order); add --addon")
        }
        if let start = input.salesStart { tier.salesStart = try TimeText.parse(start, in: event.zone, what: "tier sales start") }
        if let end = input.salesEnd { tier.salesEnd = try TimeText.parse(end, in: event.zone, what: "tier sales end") }
        try Self.checkWindow(tier.salesStart, tier.salesEnd, what: "tier's sales")
        return tier
    }

    // MARK: Writing (inside a store.write)

    /// Writes a new event with its venue, slug, key and tiers, and their domain events.
    func insert(_ event: inout Event, tiers: [Tier], actor: User, tx: StoreTransaction) throws {
        event.slug = try store.freeSlug(Slug.make(event.title).isEmpty ? "event" : Slug.make(event.title))
        if event.key.isEmpty { event.key = event.slug }
        guard try !store.isEventKeyTaken(event.key) else {
            throw BilletterieError.conflict(code: "key_taken", message: "an event with key '\(event.key)' already exists")
        }
        let venue = try saveVenue(event.venue, actor: actor, tx: tx)
        try tx.insertEvent(event, venueID: venue, now: now)
        try tx.recordEvent(
            .eventCreated, subject: event.id, actor: actor.id,
            data: ["slug": event.slug, "title": event.title, "status": event.storedStatus.rawValue], at: now)
        if event.storedStatus == .published {
            try tx.recordEvent(.eventPublished, subject: event.id, actor: actor.id, data: ["slug": event.slug], at: now)
        }
        for tier in tiers { try insertTier(tier, event: event, actor: actor, tx: tx) }
    }

    private func saveVenue(_ venue: Venue, actor: User, tx: StoreTransaction) throws -> Int64 {
        let saved = try tx.venueID(for: venue, now: now)
        if saved.created {
            try tx.recordEvent(.venueCreated, subject: nil, actor: actor.id, data: ["name": venue.name, "address": venue.address], at: now)
        } else if saved.addressChanged {
            try tx.recordEvent(.venueUpdated, subject: nil, actor: actor.id, data: ["name": venue.name, "address": venue.address], at: now)
        }
        return saved.id
    }

    struct TierChangedFields: Encodable {
        let event: String
        let name: String
        let fields: [String]
    }

    /// Writes `event` over `old` with the domain events its changes call for; nothing when equal.
    func save(_ event: Event, replacing old: Event, actor: User, tx: StoreTransaction) throws {
        let fields = Self.changedFields(old, event)
        guard !fields.isEmpty else { return }
        let venue = try saveVenue(event.venue, actor: actor, tx: tx)
        try tx.updateEvent(event, venueID: venue, now: now)
        let details = fields.filter { $0 != "status" && $0 != "cancel_reason" }
        if !details.isEmpty {
            try tx.recordEvent(
                .eventUpdated, subject: event.id, actor: actor.id, data: MessageFact.Payload.EventUpdated(slug: event.slug, fields: details), at: now)
        }
        if old.storedStatus != event.storedStatus {
            switch event.storedStatus {
            case .published:
                try tx.recordEvent(.eventPublished, subject: event.id, actor: actor.id, data: ["slug": event.slug], at: now)
            case .cancelled:
                try tx.recordEvent(
                    .eventCancelled, subject: event.id, actor: actor.id,
                    data: MessageFact.Payload.EventCancelled(slug: event.slug, reason: event.cancelReason ?? ""), at: now)
            case .draft, .past: break
            }
        }
    }

    static func changedFields(_ a: Event, _ b: Event) -> [String] {
        var fields: [String] = []
        if a.title != b.title { fields.append("title") }
        if a.description != b.description { fields.append("description") }
        if a.category != b.category { fields.append("category") }
        if a.venue.name != b.venue.name { fields.append("venue") }
        if a.venue.address != b.venue.address { fields.append("address") }
        if a.startsAt != b.startsAt { fields.append("starts_at") }
        if a.endsAt != b.endsAt { fields.append("ends_at") }
        if a.timezone != b.timezone { fields.append("timezone") }
        if a.currency != b.currency { fields.append("currency") }
        if a.capacity != b.capacity { fields.append("capacity") }
        if a.vatRateBasisPoints != b.vatRateBasisPoints { fields.append("vat_rate") }
        if a.salesStart != b.salesStart { fields.append("sales_start") }
        if a.salesEnd != b.salesEnd { fields.append("sales_end") }
        if a.waitlistOffer != b.waitlistOffer { fields.append("waitlist_offer") }
        if a.storedStatus != b.storedStatus { fields.append("status") }
        if a.cancelReason != b.cancelReason { fields.append("cancel_reason") }
        return fields
    }

    func insertTier(_ tier: Tier, event: Event, actor: User, tx: StoreTransaction) throws {
        try tx.insertTier(tier, now: now)
        try tx.recordEvent(
            .tierCreated, subject: tier.id, actor: actor.id,
            data: ["event": event.id, "name": tier.name, "price_minor": String(tier.price.minor)], at: now)
    }

    func saveTier(_ tier: Tier, replacing old: Tier, actor: User, tx: StoreTransaction) throws {
        var fields: [String] = []
        if old.name != tier.name { fields.append("name") }
        if old.price != tier.price { fields.append("price") }
        if old.quota != tier.quota { fields.append("quota") }
        if old.maxPerOrder != tier.maxPerOrder { fields.append("max_per_order") }
        if old.addon != tier.addon { fields.append("addon") }
        if old.salesStart != tier.salesStart { fields.append("sales_start") }
        if old.salesEnd != tier.salesEnd { fields.append("sales_end") }
        if old.hidden != tier.hidden { fields.append("hidden") }
        if old.requiresAdmission != tier.requiresAdmission { fields.append("requires_admission") }
        guard !fields.isEmpty else { return }
        try tx.updateTier(tier, now: now)
        try tx.recordEvent(
            .tierUpdated, subject: tier.id, actor: actor.id, data: TierChangedFields(event: tier.eventID, name: tier.name, fields: fields), at: now)
    }
}

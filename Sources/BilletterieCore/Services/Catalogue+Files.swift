import Foundation

/// `event import` and `event export`: scripted set-up, idempotent on the file's `key`.
extension Catalogue {
    public enum ImportOutcome: String, Sendable, Encodable { case created, updated, unchanged }

    /// Creates the event the file describes, or brings the one with its key in line with it,
    /// all in one transaction. Running the same file twice changes nothing the second time.
    /// Tiers are matched by name; tiers the file does not mention are left as they are.
    public func importEvent(_ document: EventDocument, actor: User) throws -> (event: Event, outcome: ImportOutcome) {
        guard let rawKey = document.key else {
            throw BilletterieError.invalidInput(
                code: "invalid_event_file", message: "the file has no 'key'; give each event a stable key such as jazz-night-2026")
        }
        let key = try Self.checkKey(rawKey)
        let status = try document.status.map(EventStatus.parse)
        if status == .past {
            throw BilletterieError.invalidInput(code: "invalid_status", message: "status 'past' cannot be set; use draft, published or cancelled")
        }
        let input = EventInput(
            title: document.title, startsAt: document.startsAt, endsAt: document.endsAt, venue: document.venue?.name,
            address: document.venue?.address, category: document.category, capacity: document.capacity,
            timezone: document.timezone, currency: document.currency, description: document.description,
            salesStart: document.salesStart, salesEnd: document.salesEnd, vatRate: document.vatRate)
        let tierInputs = try (document.tiers ?? []).enumerated().map { index, tier in
            guard let name = tier.name else {
                throw BilletterieError.invalidInput(code: "invalid_event_file", message: "tiers[\(index)] has no 'name'")
            }
            return TierInput(
                name: name, price: tier.price, quota: tier.quota, maxPerOrder: tier.maxPerOrder, addon: tier.addon,
                salesStart: tier.salesStart, salesEnd: tier.salesEnd)
        }
        let names = tierInputs.compactMap { $0.name?.lowercased().trimmingCharacters(in: .whitespaces) }
        if let twice = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
            throw BilletterieError.invalidInput(code: "invalid_event_file", message: "the file names tier '\(twice)' twice")
        }

        guard let existing = try store.event(key: key, now: now) else {
            return (try createFromFile(input, key: key, status: status ?? .draft, tiers: tierInputs, actor: actor), .created)
        }
        guard Access.canSee(existing, actor) || actor.role == .admin else {
            throw BilletterieError.conflict(code: "key_taken", message: "an event with key '\(key)' already exists and is not yours")
        }
        try Access.requireCanChange(existing, actor, identifier: key)
        var updated = try apply(input, to: existing, isNew: false)
        let currentTiers = try store.tiers(of: existing)
        var tierChanges: [(old: Tier?, new: Tier)] = []
        for tierInput in tierInputs {
            let old = currentTiers.first { $0.name.lowercased() == tierInput.name!.lowercased().trimmingCharacters(in: .whitespaces) }
            if old == nil, tierInput.price == nil {
                throw BilletterieError.invalidInput(code: "invalid_event_file", message: "new tier '\(tierInput.name!)' has no 'price'")
            }
            let new = try applyTier(tierInput, to: old, event: updated, siblings: currentTiers + tierChanges.map(\.new))
            if new != old { tierChanges.append((old, new)) }
        }
        if let status, status != existing.storedStatus {
            try requireTransition(existing, to: status)
            updated.storedStatus = status
            if status == .cancelled { updated.cancelReason = "cancelled by import" }
        }
        let fields = Self.changedFields(existing, updated)
        if fields.isEmpty && tierChanges.isEmpty { return (existing, .unchanged) }
        if fields != ["status"] && fields != ["status", "cancel_reason"] {
            switch existing.status(at: now) {
            case .cancelled, .past:
                throw BilletterieError.conflict(
                    code: "transition_not_allowed",
                    message: "cannot change '\(existing.slug)': it is \(existing.status(at: now).rawValue)")
            case .draft, .published: break
            }
        }
        if updated.currency != existing.currency, !currentTiers.isEmpty {
            throw BilletterieError.conflict(
                code: "currency_locked",
                message: "'\(existing.slug)' already has priced tiers in \(existing.currency.code); its currency can no longer change")
        }
        try store.write { tx in
            try checkNotBelowTaken(event: existing, capacity: updated.capacity, tiers: tierChanges.compactMap { $0.old == nil ? nil : $0.new }, tx: tx)
            try save(updated, replacing: existing, actor: actor, tx: tx)
            for change in tierChanges {
                if let old = change.old {
                    try saveTier(change.new, replacing: old, actor: actor, tx: tx)
                } else {
                    try insertTier(change.new, event: updated, actor: actor, tx: tx)
                }
            }
        }
        return (updated, .updated)
    }

    private func createFromFile(_ input: EventInput, key: String, status: EventStatus, tiers: [TierInput], actor: User) throws -> Event {
        try Access.require(actor, .createEvent)
        let missing = [("title", input.title), ("starts_at", input.startsAt), ("venue", input.venue)].filter { $0.1 == nil }.map(\.0)
        guard missing.isEmpty else {
            throw BilletterieError.invalidInput(
                code: "invalid_event_file", message: "a new event needs \(missing.map { "'\($0)'" }.joined(separator: ", ")) in the file")
        }
        guard status != .cancelled else {
            throw BilletterieError.invalidInput(code: "invalid_status", message: "a new event cannot be imported as cancelled")
        }
        var event = try apply(input, to: try blankEvent(organizer: actor, status: status, key: key), isNew: true)
        var newTiers: [Tier] = []
        for tier in tiers {
            guard tier.price != nil else {
                throw BilletterieError.invalidInput(code: "invalid_event_file", message: "tier '\(tier.name ?? "")' has no 'price'")
            }
            newTiers.append(try applyTier(tier, to: nil, event: event, siblings: newTiers))
        }
        if status == .published, event.endsAt <= now {
            throw BilletterieError.conflict(
                code: "transition_not_allowed", message: "cannot publish an event that has already ended (\(TimeText.utc(event.endsAt)))")
        }
        try store.write { tx in try insert(&event, tiers: newTiers, actor: actor, tx: tx) }
        event.tiers = newTiers
        return event
    }

    /// The event as a document that `importEvent` reads back to the same event.
    public func exportEvent(_ identifier: String, viewer: User?) throws -> EventDocument {
        let event = try eventWithTiers(identifier, viewer: viewer)
        let zone = event.zone
        var document = EventDocument()
        document.key = event.key
        document.title = event.title
        document.description = event.description.isEmpty ? nil : event.description
        document.category = event.category
        document.status = event.storedStatus.rawValue
        document.startsAt = EventTimes.localISO(event.startsAt, in: zone)
        document.endsAt = EventTimes.localISO(event.endsAt, in: zone)
        document.timezone = event.timezone
        document.currency = event.currency.code
        document.capacity = event.capacity
        document.vatRate = event.vatRateBasisPoints.map(Event.vatText)
        document.salesStart = event.salesStart.map { EventTimes.localISO($0, in: zone) }
        document.salesEnd = event.salesEnd.map { EventTimes.localISO($0, in: zone) }
        document.venue = .init(name: event.venue.name, address: event.venue.address.isEmpty ? nil : event.venue.address)
        document.tiers = (event.tiers ?? []).map { tier in
            .init(
                name: tier.name, price: tier.price.decimalText, quota: tier.quota, maxPerOrder: tier.maxPerOrder, addon: tier.addon,
                salesStart: tier.salesStart.map { EventTimes.localISO($0, in: zone) },
                salesEnd: tier.salesEnd.map { EventTimes.localISO($0, in: zone) })
        }
        return document
    }
}

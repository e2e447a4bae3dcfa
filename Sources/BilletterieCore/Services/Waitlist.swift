import Foundation

/// The waiting list (CLI.md section 13): anyone may wait for places of a tier; when places
/// free up, `run` offers them to the oldest entries that fit, each offer a single-use
/// voucher keeping the places for the event's offer time, e-mailed through the outbox.
/// Offers are blocks, so the place rule (`Places`) counts them: never more places are
/// offered than are free, and an offer not taken in time frees its places for the next run.
public struct Waitlist {
    public let store: Store
    public let now: Date

    public init(store: Store, now: Date) {
        self.store = store
        self.now = now
    }

    var catalogue: Catalogue { Catalogue(store: store, now: now) }

    public static let largestEntry = 20

    /// Puts someone on the list for `quantity` places of `tier`. No login needed: the
    /// entry's id (printed) is what `leave` asks for.
    public func join(event identifier: String, tier tierName: String, quantity: Int, email rawEmail: String, name: String?, actor: User?) throws
        -> WaitlistEntry
    {
        let event = try catalogue.event(identifier, viewer: actor)
        let manages = actor.map { $0.role == .staff || Access.manages(event, $0) } ?? false
        guard let tier = try store.tiers(of: event).first(where: { $0.id == tierName || $0.name.lowercased() == tierName.lowercased() }),
            !tier.hidden || manages
        else {
            throw BilletterieError.notFound(entity: "tier", identifier: "\(tierName)' in '\(event.slug)")
        }
        guard event.status(at: now) == .published else {
            throw BilletterieError.conflict(
                code: "not_on_sale", message: "'\(event.slug)' is \(event.status(at: now).rawValue): there is no waiting list to join")
        }
        let limit = min(Self.largestEntry, tier.maxPerOrder ?? Self.largestEntry)
        guard (1...limit).contains(quantity) else {
            throw BilletterieError.invalidInput(code: "invalid_quantity", message: "invalid quantity \(quantity): give 1 to \(limit)")
        }
        let email = try EmailAddress.normalize(rawEmail)
        let shownName = (name?.trimmingCharacters(in: .whitespaces)).flatMap { $0.isEmpty ? nil : $0 } ?? String(email.split(separator: "@")[0])
        try FreeText.check(shownName, field: "name")
        let entry = WaitlistEntry(
            id: Identifier.make(.waitlistEntry), eventID: event.id, tierID: tier.id, tierName: tier.name, quantity: quantity, email: email,
            name: shownName, status: .waiting, voucherCode: nil, offeredAt: nil, offerEndsAt: nil, createdAt: now)
        try store.write { tx in
            guard try !tx.isWaiting(eventID: event.id, tierID: tier.id, email: email) else {
                throw BilletterieError.conflict(code: "already_waiting", message: "\(email) is already on the waiting list for \(tier.name) of '\(event.slug)'")
            }
            try tx.insertWaitlistEntry(entry, createdBy: actor?.id, now: now)
            try tx.recordEvent(
                .waitlistJoined, subject: entry.id, actor: actor?.id,
                data: ["event": event.id, "tier": tier.id, "quantity": String(quantity), "email": email], at: now)
        }
        return entry
    }

    /// The event's waiting list, first come first, as it stands now (organizers, staff, admins).
    public func list(event identifier: String, actor: User) throws -> (event: Event, entries: [WaitlistEntry]) {
        let event = try catalogue.event(identifier, viewer: actor)
        guard actor.role == .staff || Access.manages(event, actor) else {
            throw BilletterieError.roleNotAllowed(
                action: "seeing the waiting list of '\(event.slug)'", allowed: [.admin, .organizer, .staff], actual: actor.role)
        }
        return (event, try store.waitlist(eventID: event.id, now: now))
    }

    /// Takes an entry off the list; an offer it holds ends, and its places go to the next run.
    public func leave(_ id: String, actor: User?) throws -> WaitlistEntry {
        guard let entry = try store.waitlistEntry(id: id, now: now) else { throw BilletterieError.notFound(entity: "waiting-list entry", identifier: id) }
        guard entry.status == .waiting || entry.status == .offered else {
            throw BilletterieError.conflict(code: "transition_not_allowed", message: "\(id) is \(entry.status.rawValue): it is no longer on the list")
        }
        try store.write { tx in
            if let code = entry.voucherCode, let voucher = try tx.voucher(code: code, now: now), voucher.isValid(at: now) {
                try tx.endVoucher(id: voucher.id, at: now)
            }
            try tx.setWaitlistStatus(id: id, .left, now: now)
            try tx.recordEvent(.waitlistLeft, subject: id, actor: actor?.id, data: ["event": entry.eventID, "email": entry.email], at: now)
        }
        var left = entry
        left.status = .left
        return left
    }

    public struct RunSummary: Sendable, Encodable {
        public var offered = 0
        public var placesOffered = 0
        public var lapsed = 0
        public var bought = 0
        public var waiting = 0
        public var offers: [WaitlistEntry] = []

        enum CodingKeys: String, CodingKey {
            case offered, lapsed, bought, waiting, offers
            case placesOffered = "places_offered"
        }
    }

    /// Settles the offers that were bought or lapsed, then offers free places to the oldest
    /// entries that fit, for each event `actor` handles (an organizer's own, or all for an
    /// admin), or only `event`. Each event is one write: the places counted are the places kept.
    public func run(event identifier: String? = nil, actor: User) throws -> RunSummary {
        guard actor.role == .admin || actor.role == .organizer else {
            throw BilletterieError.roleNotAllowed(action: "running the waiting list", allowed: [.admin, .organizer], actual: actor.role)
        }
        var events: [Event] = []
        if let identifier {
            let event = try catalogue.event(identifier, viewer: actor)
            try Access.requireManages(event, actor, action: "running the waiting list")
            events = [event]
        } else {
            events = try store.eventIDsWithOpenWaitlist().compactMap { try store.events(identifiedBy: $0, now: now).first }
                .filter { Access.manages($0, actor) }
        }
        var summary = RunSummary()
        for event in events { try run(event, actor: actor, into: &summary) }
        return summary
    }

    private func run(_ event: Event, actor: User, into summary: inout RunSummary) throws {
        let sales = Sales(store: store, now: now)
        try store.write { tx in
            let entries = try store.waitlist(eventID: event.id, openOnly: true, now: now)
            for entry in entries where entry.status == .bought || entry.status == .lapsed {
                try tx.setWaitlistStatus(id: entry.id, entry.status, now: now)
                try tx.recordEvent(
                    entry.status == .bought ? .waitlistBought : .waitlistLapsed, subject: entry.id, actor: actor.id,
                    data: ["event": event.id, "voucher": entry.voucherCode ?? "", "email": entry.email], at: now)
                if entry.status == .bought { summary.bought += 1 } else { summary.lapsed += 1 }
            }
            let waiting = entries.filter { $0.status == .waiting }
            guard event.status(at: now) == .published, !waiting.isEmpty else {
                summary.waiting += waiting.count
                return
            }
            let tiers = try store.tiers(of: event)
            var counts = try tx.placeCounts(event: event, tiers: tiers, now: now)
            let offerTime = event.waitlistOffer ?? Event.defaultWaitlistOffer
            for entry in waiting {
                guard let tier = tiers.first(where: { $0.id == entry.tierID }), (try? sales.checkOnSale(event, tier)) != nil else {
                    summary.waiting += 1
                    continue
                }
                let voucherID = Identifier.make(.voucher)
                let kept = VoucherBlock(voucherID: voucherID, tierIDs: [tier.id], remaining: entry.quantity)
                // First come first served, but a place one entry cannot use goes to a later
                // one that fits, rather than staying free while someone waits.
                guard (try? Places.check([], event: event, tiers: tiers, counts: counts, newBlock: kept)) != nil else {
                    summary.waiting += 1
                    continue
                }
                var code = Voucher.drawCode()
                while try store.isVoucherCodeTaken(code) { code = Voucher.drawCode() }
                let ends = now.addingTimeInterval(offerTime)
                let voucher = Voucher(
                    id: voucherID, eventID: event.id, code: code, tierIDs: [tier.id], tierNames: [tier.name], discount: .none,
                    currency: event.currency, maxUses: entry.quantity, validUntil: ends, block: entry.quantity, waitlistEntryID: entry.id,
                    createdAt: now)
                try tx.insertVoucher(voucher, createdBy: actor.id, now: now)
                try tx.markOffered(entryID: entry.id, voucherID: voucherID, now: now)
                counts.blocks.append(kept)
                try tx.recordEvent(
                    .waitlistOffered, subject: entry.id, actor: actor.id,
                    data: MessageFact.Payload.WaitlistOffered(
                        event: event.id, tier: tier.id, email: entry.email, name: entry.name, code: code, tierName: tier.name,
                        quantity: String(entry.quantity), endsAt: String(ends.epochSeconds)), at: now)
                var offered = entry
                offered.status = .offered
                offered.voucherCode = code
                offered.offeredAt = now
                offered.offerEndsAt = ends
                summary.offers.append(offered)
                summary.offered += 1
                summary.placesOffered += entry.quantity
            }
        }
    }
}

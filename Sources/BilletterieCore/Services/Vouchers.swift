import Foundation

/// Vouchers and promo codes (CLI.md section 13): made by an event's organizers and admins,
/// one by one or by the hundred; used in `ticket reserve|sell --voucher CODE`.
public struct Vouchers {
    public let store: Store
    public let now: Date

    public init(store: Store, now: Date) {
        self.store = store
        self.now = now
    }

    var catalogue: Catalogue { Catalogue(store: store, now: now) }

    /// The most codes one `voucher create --count` makes.
    public static let largestBatch = 10_000

    public struct CreateRequest: Sendable {
        public var event: String
        public var code: String?
        public var count: Int?
        public var tiers: [String] = []
        public var discount: String?
        public var price: String?
        public var maxUses: Int?
        public var validUntil: String?
        public var block: Int?

        public init(
            event: String, code: String? = nil, count: Int? = nil, tiers: [String] = [], discount: String? = nil, price: String? = nil,
            maxUses: Int? = nil, validUntil: String? = nil, block: Int? = nil
        ) {
            self.event = event
            self.code = code
            self.count = count
            self.tiers = tiers
            self.discount = discount
            self.price = price
            self.maxUses = maxUses
            self.validUntil = validUntil
            self.block = block
        }
    }

    /// Makes one voucher (`--code`, or one drawn) or `--count` drawn ones. Places they block
    /// are checked against what is free, inside the write that keeps them.
    public func create(_ request: CreateRequest, actor: User) throws -> [Voucher] {
        let event = try catalogue.event(request.event, viewer: actor)
        try Access.requireManages(event, actor, action: "making vouchers")
        switch event.status(at: now) {
        case .cancelled, .past:
            throw BilletterieError.conflict(
                code: "not_on_sale", message: "cannot make vouchers for '\(event.slug)': it is \(event.status(at: now).rawValue)")
        case .draft, .published: break
        }
        if request.code != nil, request.count != nil { throw BilletterieError.usage(message: "give --code or --count, not both") }
        let count = request.count ?? 1
        guard (1...Self.largestBatch).contains(count) else {
            throw BilletterieError.invalidInput(code: "invalid_count", message: "invalid count \(count): give 1 to \(Self.largestBatch)")
        }
        let chosen = try request.code.map(Voucher.checkCode)
        let tiers = try store.tiers(of: event)
        var named: [Tier] = []
        for name in request.tiers {
            guard let tier = tiers.first(where: { $0.id == name || $0.name.lowercased() == name.lowercased() }) else {
                throw BilletterieError.notFound(entity: "tier", identifier: "\(name)' in '\(event.slug)")
            }
            if !named.contains(tier) { named.append(tier) }
        }
        let discount = try Discount.parse(discount: request.discount, price: request.price, currency: event.currency)
        let maxUses = request.maxUses ?? 1
        guard maxUses >= 1, maxUses <= 10_000_000 else {
            throw BilletterieError.invalidInput(code: "invalid_max_uses", message: "invalid --max-uses \(maxUses): give 1 to 10000000 (one use is one ticket)")
        }
        let block = request.block ?? 0
        guard block >= 0, block <= maxUses else {
            throw BilletterieError.invalidInput(
                code: "invalid_block", message: "invalid --block \(block): give 0 to \(maxUses) (a voucher keeps at most the places it can be used for)")
        }
        let validUntil = try request.validUntil.map { try TimeText.parse($0, in: event.zone, what: "valid-until time") }
        if let validUntil, validUntil <= now {
            throw BilletterieError.invalidInput(code: "invalid_valid_until", message: "--valid-until \(TimeText.utc(validUntil)) has passed; give a later time")
        }
        let covered = named.isEmpty ? tiers.filter { !$0.hidden } : named
        if block > 0, covered.isEmpty {
            throw BilletterieError.conflict(code: "no_tiers", message: "'\(event.slug)' has no tiers for the voucher to keep places of")
        }
        return try store.write { tx in
            var counts = try tx.placeCounts(event: event, tiers: tiers, now: now)
            var made: [Voucher] = []
            for _ in 0..<count {
                var code = chosen ?? Voucher.drawCode()
                if let chosen {
                    guard try !store.isVoucherCodeTaken(chosen) else {
                        throw BilletterieError.conflict(code: "voucher_exists", message: "voucher code \(chosen) is taken; choose another")
                    }
                } else {
                    while try store.isVoucherCodeTaken(code) || made.contains(where: { $0.code == code }) { code = Voucher.drawCode() }
                }
                var voucher = Voucher(
                    id: Identifier.make(.voucher), eventID: event.id, code: code, tierIDs: named.map(\.id), tierNames: named.map(\.name),
                    discount: discount, currency: event.currency, maxUses: maxUses, validUntil: validUntil, block: block, waitlistEntryID: nil,
                    createdAt: now)
                voucher.observedAt = now
                if block > 0 {
                    let kept = VoucherBlock(voucherID: voucher.id, tierIDs: Set(covered.map(\.id)), remaining: block)
                    try Places.check([], event: event, tiers: tiers, counts: counts, newBlock: kept)
                    counts.blocks.append(kept)
                }
                try tx.insertVoucher(voucher, createdBy: actor.id, now: now)
                made.append(voucher)
            }
            try tx.recordEvent(
                .voucherCreated, subject: event.id, actor: actor.id,
                data: [
                    "event": event.id, "count": String(count), "codes": made.prefix(20).map(\.code).joined(separator: ","),
                    "discount": discount.text(event.currency), "max_uses": String(maxUses), "block": String(block),
                    "tiers": named.map(\.name).joined(separator: ","),
                ], at: now)
            return made
        }
    }

    /// An event's vouchers with their uses (organizers of the event, staff, admins).
    public func list(event identifier: String, actor: User, limit: Int = 100, offset: Int = 0) throws -> (event: Event, vouchers: [Voucher], total: Int) {
        let event = try catalogue.event(identifier, viewer: actor)
        try requireSees(event, actor)
        let (vouchers, total) = try store.vouchers(eventID: event.id, now: now, limit: limit, offset: offset)
        return (event, vouchers, total)
    }

    /// A voucher by its code (any case), with the orders that used it.
    public func show(_ code: String, actor: User) throws -> Voucher {
        let canonical = Voucher.canonical(code)
        guard let voucher = try store.voucher(code: canonical, now: now, withOrders: true),
            let event = try store.events(identifiedBy: voucher.eventID, now: now).first,
            actor.role == .staff || Access.manages(event, actor)
        else {
            throw BilletterieError.notFound(entity: "voucher", identifier: canonical)
        }
        return voucher
    }

    /// Deletes a voucher no ticket ever used; its blocked places are free at once.
    public func delete(_ code: String, actor: User) throws -> Voucher {
        let voucher = try show(code, actor: actor)
        guard let event = try store.events(identifiedBy: voucher.eventID, now: now).first else {
            throw BilletterieError.notFound(entity: "voucher", identifier: voucher.code)
        }
        try Access.requireManages(event, actor, action: "deleting vouchers")
        if let entry = voucher.waitlistEntryID {
            throw BilletterieError.conflict(
                code: "voucher_is_offer", message: "\(voucher.code) is a waiting-list offer; withdraw it with `billetterie waitlist leave \(entry)`")
        }
        try store.write { tx in
            // Counted again inside the write: a till may have just used it.
            guard let current = try tx.voucher(code: voucher.code, now: now) else {
                throw BilletterieError.notFound(entity: "voucher", identifier: voucher.code)
            }
            guard current.everUsed == 0 else {
                throw BilletterieError.conflict(
                    code: "voucher_used",
                    message:
                        "voucher \(voucher.code) was used for \(current.everUsed) ticket\(current.everUsed == 1 ? "" : "s"); it stays for the books (only unused vouchers are deleted)"
                )
            }
            try tx.deleteVoucher(id: voucher.id)
            try tx.recordEvent(
                .voucherDeleted, subject: event.id, actor: actor.id,
                data: ["event": event.id, "code": voucher.code, "block": String(voucher.block)], at: now)
        }
        return voucher
    }

    private func requireSees(_ event: Event, _ actor: User) throws {
        guard actor.role == .staff || Access.manages(event, actor) else {
            if actor.role == .organizer || actor.role == .participant {
                throw BilletterieError.roleNotAllowed(
                    action: "seeing the vouchers of '\(event.slug)'", allowed: [.admin, .organizer, .staff], actual: actor.role)
            }
            throw BilletterieError.notFound(entity: "event", identifier: event.slug)
        }
    }
}

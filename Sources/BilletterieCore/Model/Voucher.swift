import Foundation

/// What a voucher does to the price of each ticket it is used for.
public enum Discount: Sendable, Equatable {
    case none
    /// Whole percent off, 1 to 100.
    case percent(Int)
    /// So much off each ticket (never below nothing).
    case fixed(Int64)
    /// Each ticket at this price.
    case price(Int64)

    /// A ticket's price with the discount, rounded to the nearest minor unit (half up).
    public func apply(to price: Int64) -> Int64 {
        switch self {
        case .none: price
        case .percent(let percent): price - (price * Int64(percent) + 50) / 100
        case .fixed(let off): max(0, price - off)
        case .price(let set): set
        }
    }

    /// `--discount 10%`, `--discount 5.00` or `--price P` (at most one), checked (exit 65).
    public static func parse(discount: String?, price: String?, currency: Currency) throws -> Discount {
        switch (discount, price) {
        case (nil, nil): return .none
        case (.some, .some):
            throw BilletterieError.invalidInput(code: "invalid_discount", message: "give --discount or --price, not both")
        case (nil, .some(let text)):
            return .price(try Money(parsing: text, currency: currency, what: "price").minor)
        case (.some(let text), nil):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.hasSuffix("%") {
                guard let percent = Int(trimmed.dropLast().trimmingCharacters(in: .whitespaces)), (1...100).contains(percent) else {
                    throw BilletterieError.invalidInput(
                        code: "invalid_discount", message: "invalid discount '\(text)': give a whole percentage from 1% to 100%, or an amount such as 5.00")
                }
                return .percent(percent)
            }
            let amount = try Money(parsing: trimmed, currency: currency, what: "discount")
            guard amount.minor > 0 else {
                throw BilletterieError.invalidInput(code: "invalid_discount", message: "invalid discount '\(text)': give more than 0")
            }
            return .fixed(amount.minor)
        }
    }

    /// As stored: a kind and a value.
    public var stored: (kind: String, value: Int64) {
        switch self {
        case .none: ("none", 0)
        case .percent(let p): ("percent", Int64(p))
        case .fixed(let m): ("fixed", m)
        case .price(let m): ("price", m)
        }
    }

    public static func stored(kind: String, value: Int64) -> Discount {
        switch kind {
        case "percent": .percent(Int(value))
        case "fixed": .fixed(value)
        case "price": .price(value)
        default: .none
        }
    }

    /// For people: "10%", "5.00 EUR off", "at 12.00 EUR", "none".
    public func text(_ currency: Currency) -> String {
        switch self {
        case .none: "none"
        case .percent(let p): "\(p)%"
        case .fixed(let m): "\(Money(minor: m, currency: currency)) off"
        case .price(let m): "at \(Money(minor: m, currency: currency))"
        }
    }
}

/// A voucher (promo code, or a waiting-list offer): a code good for so many tickets of some
/// tiers of one event, maybe at a discount, maybe keeping places for itself.
public struct Voucher: Sendable, Equatable, Encodable {
    public let id: String
    public let eventID: String
    public let code: String
    /// The tiers it is for; empty means every tier of the event that is not hidden.
    public var tierIDs: [String]
    public var tierNames: [String]
    public var discount: Discount
    public var currency: Currency
    public var maxUses: Int
    public var validUntil: Date?
    public var block: Int
    /// Set for a waiting-list offer: the entry it was made for.
    public var waitlistEntryID: String?
    public var createdAt: Date
    /// Tickets using it that hold a place now (an expired hold or a cancellation gives a use back).
    public var uses: Int = 0
    /// Of those, paid.
    public var paidUses: Int = 0
    /// Tickets that ever used it, void ones included (a voucher with any cannot be deleted).
    public var everUsed: Int = 0
    /// Orders that used it, for `voucher show`.
    public var orders: [String] = []
    /// "Now" when it was read: what `blocked` and `status` in JSON are as of.
    public var observedAt = Date(timeIntervalSince1970: 0)

    /// valid, expired (past `valid_until`) or used_up.
    public var status: String { !isValid(at: observedAt) ? "expired" : uses >= maxUses ? "used_up" : "valid" }

    public func isValid(at now: Date) -> Bool { validUntil.map { now < $0 } ?? true }

    /// Whether it is for `tier`: named, or (naming none) any tier that is not hidden.
    public func covers(_ tier: Tier) -> Bool { tierIDs.isEmpty ? !tier.hidden : tierIDs.contains(tier.id) }

    /// Places it keeps now.
    public func blocked(at now: Date) -> Int { isValid(at: now) ? max(0, block - uses) : 0 }

    enum CodingKeys: String, CodingKey {
        case id, code, tiers, discount, uses, block, blocked, orders, currency, status
        case eventID = "event_id"
        case maxUses = "max_uses"
        case usesLeft = "uses_left"
        case paidUses = "paid_uses"
        case validUntil = "valid_until"
        case waitlistEntry = "waitlist_entry"
        case discountKind = "discount_kind"
        case discountValue = "discount_value"
        case createdAt = "created_at"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(code, forKey: .code)
        try c.encode(eventID, forKey: .eventID)
        try c.encode(tierNames, forKey: .tiers)
        try c.encode(discount.text(currency), forKey: .discount)
        try c.encode(discount.stored.kind, forKey: .discountKind)
        try c.encode(discount.stored.value, forKey: .discountValue)
        try c.encode(currency.code, forKey: .currency)
        try c.encode(maxUses, forKey: .maxUses)
        try c.encode(uses, forKey: .uses)
        try c.encode(max(0, maxUses - uses), forKey: .usesLeft)
        try c.encode(paidUses, forKey: .paidUses)
        try c.encode(validUntil, forKey: .validUntil)
        try c.encode(block, forKey: .block)
        try c.encode(blocked(at: observedAt), forKey: .blocked)
        try c.encode(status, forKey: .status)
        try c.encode(waitlistEntryID, forKey: .waitlistEntry)
        try c.encode(orders, forKey: .orders)
        try c.encode(createdAt, forKey: .createdAt)
    }

    /// Codes as typed: trimmed, in capitals (codes are read case-insensitively).
    public static func canonical(_ typed: String) -> String { typed.trimmingCharacters(in: .whitespaces).uppercased() }

    /// A code chosen by a person: 3 to 40 of `A-Z 0-9 - _` (any case), checked (exit 65).
    public static func checkCode(_ typed: String) throws -> String {
        let code = canonical(typed)
        guard (3...40).contains(code.count), code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" })
        else {
            throw BilletterieError.invalidInput(
                code: "invalid_voucher_code", message: "invalid voucher code '\(typed)': give 3 to 40 letters, digits, - or _ (such as SUMMER-25)")
        }
        return code
    }

    /// A drawn code: 8 characters of `0-9 A-Z` without the look-alikes I, L, O and U.
    public static func drawCode() -> String {
        let bits = RandomPool.shared.word()
        return String(decoding: (0..<8).map { TicketReference.alphabet[Int((bits >> (5 * UInt64($0))) & 31)] }, as: UTF8.self)
    }
}

/// Where a waiting-list entry stands. `offered` reads as `bought` once the offer's tickets
/// are paid and as `lapsed` once it ended unused, without any command having to run.
public enum WaitlistStatus: String, Sendable, Codable, CaseIterable {
    case waiting, offered, bought, lapsed, left
}

/// Someone waiting for places of a sold-out tier.
public struct WaitlistEntry: Sendable, Equatable, Encodable {
    public let id: String
    public let eventID: String
    public let tierID: String
    public var tierName: String
    public var quantity: Int
    public var email: String
    public var name: String
    public var status: WaitlistStatus
    public var voucherCode: String?
    public var offeredAt: Date?
    public var offerEndsAt: Date?
    public var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, quantity, email, name, status, tier
        case eventID = "event_id"
        case tierID = "tier_id"
        case voucher
        case offeredAt = "offered_at"
        case offerEndsAt = "offer_ends_at"
        case createdAt = "created_at"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(eventID, forKey: .eventID)
        try c.encode(tierID, forKey: .tierID)
        try c.encode(tierName, forKey: .tier)
        try c.encode(quantity, forKey: .quantity)
        try c.encode(email, forKey: .email)
        try c.encode(name, forKey: .name)
        try c.encode(status, forKey: .status)
        try c.encode(voucherCode, forKey: .voucher)
        try c.encode(offeredAt, forKey: .offeredAt)
        try c.encode(offerEndsAt, forKey: .offerEndsAt)
        try c.encode(createdAt, forKey: .createdAt)
    }
}

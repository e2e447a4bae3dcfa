import Foundation

/// reserved → paid → (partially_refunded | refunded); reserved → expired | cancelled.
public enum OrderStatus: String, Sendable, Codable, CaseIterable {
    case reserved, paid, expired, cancelled
    case partiallyRefunded = "partially_refunded"
    case refunded
}

/// pending (held, unpaid), valid, used (admitted), void (cancelled, refunded, transferred, expired).
public enum TicketStatus: String, Sendable, Codable, CaseIterable {
    case pending, valid, used, void

    public static func parse(_ text: String) throws -> TicketStatus {
        guard let status = TicketStatus(rawValue: text.lowercased()) else {
            throw BilletterieError.invalidInput(code: "invalid_status", message: "unknown ticket status '\(text)'; use pending, valid, used or void")
        }
        return status
    }
}

/// Someone a ticket is for: `Ana Lima <ana@example.org>`.
public struct Attendee: Sendable, Equatable {
    public var name: String
    public var email: String

    public init(name: String, email: String) {
        self.name = name
        self.email = email
    }

    /// Reads `Name <email>`, or a bare address (the name is then the part before @).
    public static func parse(_ raw: String) throws -> Attendee {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if let open = text.lastIndex(of: "<"), text.hasSuffix(">") {
            let name = text[..<open].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            let email = try EmailAddress.normalize(String(text[text.index(after: open)..<text.index(before: text.endIndex)]))
            guard !name.isEmpty else { return Attendee(name: String(email.split(separator: "@")[0]), email: email) }
            return Attendee(name: name, email: email)
        }
        guard !text.contains("<"), !text.contains(">") else {
            throw BilletterieError.invalidInput(code: "invalid_attendee", message: "invalid attendee '\(raw)': write it as \"Name <email>\"")
        }
        let email = try EmailAddress.normalize(text)
        return Attendee(name: String(email.split(separator: "@")[0]), email: email)
    }
}

/// One ticket: who it admits, to what, and the code its QR carries.
public struct Ticket: Sendable, Equatable, Encodable {
    public let id: String
    public let orderID: String
    public let eventID: String
    public let tierID: String
    public let tierName: String
    /// False for add-ons, which are sold but do not admit.
    public let admission: Bool
    public var attendee: Attendee
    public var status: TicketStatus
    public let code: String
    /// What staff type when the QR will not scan (CLI.md section 10).
    public var reference: String
    public var voidReason: String?
    public var replacedBy: String?
    public let createdAt: Date
    /// True when the viewer may not see the code and reference yet (a pending ticket shown
    /// to its buyer or attendee): JSON then has null for both, text says why.
    public var credentialsHidden = false
    /// What it cost, in minor units of its event's currency (a voucher may have lowered it).
    public var priceMinor: Int64 = 0
    /// The voucher it was bought with, if any.
    public var voucherID: String? = nil

    public init(
        id: String, orderID: String, eventID: String, tierID: String, tierName: String, admission: Bool, attendee: Attendee,
        status: TicketStatus, code: String, reference: String, voidReason: String?, replacedBy: String?, createdAt: Date
    ) {
        self.id = id
        self.orderID = orderID
        self.eventID = eventID
        self.tierID = tierID
        self.tierName = tierName
        self.admission = admission
        self.attendee = attendee
        self.status = status
        self.code = code
        self.reference = reference
        self.voidReason = voidReason
        self.replacedBy = replacedBy
        self.createdAt = createdAt
    }

    /// The code, unless hidden from this viewer.
    public var visibleCode: String? { credentialsHidden ? nil : code }
    /// The reference, unless hidden from this viewer.
    public var visibleReference: String? { credentialsHidden ? nil : reference }

    struct TierRef: Encodable {
        let id: String
        let name: String
    }

    enum CodingKeys: String, CodingKey {
        case id, code, reference, status, tier, admission
        case orderID = "order_id"
        case eventID = "event_id"
        case tierID = "tier_id"
        case tierName = "tier_name"
        case attendeeName = "attendee_name"
        case attendeeEmail = "attendee_email"
        case voidReason = "void_reason"
        case replacedBy = "replaced_by"
        case createdAt = "created_at"
        case priceMinor = "price_minor"
        case voucherID = "voucher_id"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(priceMinor, forKey: .priceMinor)
        try c.encode(voucherID, forKey: .voucherID)
        try c.encode(visibleCode, forKey: .code)
        try c.encode(visibleReference, forKey: .reference)
        try c.encode(status, forKey: .status)
        try c.encode(orderID, forKey: .orderID)
        try c.encode(eventID, forKey: .eventID)
        try c.encode(tierID, forKey: .tierID)
        try c.encode(tierName, forKey: .tierName)
        try c.encode(TierRef(id: tierID, name: tierName), forKey: .tier)
        try c.encode(admission, forKey: .admission)
        try c.encode(attendee.name, forKey: .attendeeName)
        try c.encode(attendee.email, forKey: .attendeeEmail)
        try c.encode(voidReason, forKey: .voidReason)
        try c.encode(replacedBy, forKey: .replacedBy)
        try c.encode(createdAt, forKey: .createdAt)
    }
}

/// An order: one buyer's tickets of one tier of one event, and the money they owe or paid.
public struct Order: Sendable, Equatable, Encodable {
    public let id: String
    public let eventID: String
    public var eventTitle: String
    public var buyer: Attendee
    public var status: OrderStatus
    public var total: Money
    public var paid: Money
    public var refunded: Money
    /// While reserved: when the hold runs out.
    public var expiresAt: Date?
    public var externalID: String?
    public var channel: String
    public var paidBy: String?
    public let createdAt: Date
    public var tickets: [Ticket]
    public var payments: [Payment] = []
    public var refunds: [Refund] = []
    /// Assigned when the order becomes paid; never changes.
    public var receiptNumber: Int?
    /// The account that placed it (nil for imports made before this was kept).
    public var createdBy: String? = nil
    /// The voucher its tickets were bought with, and how many of them used it.
    public var voucher: OrderVoucher? = nil
    /// The event's time zone, for times people read (a hold's end); not in the JSON, whose
    /// times are UTC.
    public var eventTimeZone: String? = nil

    /// Whether `user` placed it or is its buyer by a proven address.
    public func isBoughtBy(_ user: User) -> Bool {
        createdBy == user.id || EmailAddress.same(buyer.email, user.provenEmail)
    }

    enum CodingKeys: String, CodingKey {
        case id, status, currency, tickets, channel
        case eventID = "event_id"
        case eventTitle = "event_title"
        case buyerEmail = "buyer_email"
        case buyerName = "buyer_name"
        case totalMinor = "total_minor"
        case paidMinor = "paid_minor"
        case refundedMinor = "refunded_minor"
        case dueMinor = "due_minor"
        case expiresAt = "expires_at"
        case externalID = "external_id"
        case paidBy = "paid_by"
        case createdAt = "created_at"
        case payments, refunds, receipt, voucher
    }

    struct ReceiptRef: Encodable {
        let number: Int
    }

    /// What is still to pay.
    public var due: Money { Money(minor: max(0, total.minor - paid.minor), currency: total.currency) }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(status, forKey: .status)
        try c.encode(eventID, forKey: .eventID)
        try c.encode(eventTitle, forKey: .eventTitle)
        try c.encode(buyer.email, forKey: .buyerEmail)
        try c.encode(buyer.name, forKey: .buyerName)
        try c.encode(total.minor, forKey: .totalMinor)
        try c.encode(paid.minor, forKey: .paidMinor)
        try c.encode(refunded.minor, forKey: .refundedMinor)
        try c.encode(due.minor, forKey: .dueMinor)
        try c.encode(total.currency.code, forKey: .currency)
        try c.encode(expiresAt, forKey: .expiresAt)
        try c.encode(externalID, forKey: .externalID)
        try c.encode(channel, forKey: .channel)
        try c.encode(paidBy, forKey: .paidBy)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(tickets, forKey: .tickets)
        try c.encode(payments, forKey: .payments)
        try c.encode(refunds, forKey: .refunds)
        try c.encode(receiptNumber.map(ReceiptRef.init), forKey: .receipt)
        try c.encode(voucher, forKey: .voucher)
    }
}

/// A voucher's use on an order: its code and how many of the order's tickets it was used for.
public struct OrderVoucher: Sendable, Equatable, Encodable {
    public let code: String
    public let uses: Int
}

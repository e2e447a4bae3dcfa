import Foundation

/// How a payment was made: cash at the till, a card terminal (its reference), or the test processor.
public enum PaymentMethod: String, Sendable, Codable, CaseIterable {
    case cash, card, test

    public static func parse(_ text: String) throws -> PaymentMethod {
        guard let method = PaymentMethod(rawValue: text.lowercased()) else {
            throw BilletterieError.invalidInput(code: "invalid_method", message: "unknown payment method '\(text)'; use cash, card or test")
        }
        return method
    }
}

/// A payment attempt: succeeded (money in) or failed (a declined card, recorded all the same).
public struct Payment: Sendable, Equatable, Encodable {
    public let id: String
    public let orderID: String
    public let method: PaymentMethod
    public let succeeded: Bool
    /// What was applied to the order (never more than was due).
    public let amount: Money
    /// Cash handed over, and the change given back, when more than due was tendered.
    public let tendered: Money?
    public let change: Money?
    public let reference: String?
    public let cardBrand: String?
    public let cardLast4: String?
    public let declineReason: String?
    public let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, method, status, currency, reference
        case orderID = "order_id"
        case amountMinor = "amount_minor"
        case tenderedMinor = "tendered_minor"
        case changeMinor = "change_minor"
        case cardBrand = "card_brand"
        case cardLast4 = "card_last4"
        case declineReason = "decline_reason"
        case createdAt = "created_at"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(orderID, forKey: .orderID)
        try c.encode(method, forKey: .method)
        try c.encode(succeeded ? "succeeded" : "failed", forKey: .status)
        try c.encode(amount.minor, forKey: .amountMinor)
        try c.encode(amount.currency.code, forKey: .currency)
        try c.encode(tendered?.minor, forKey: .tenderedMinor)
        try c.encode(change?.minor, forKey: .changeMinor)
        try c.encode(reference, forKey: .reference)
        try c.encode(cardBrand, forKey: .cardBrand)
        try c.encode(cardLast4, forKey: .cardLast4)
        try c.encode(declineReason, forKey: .declineReason)
        try c.encode(createdAt, forKey: .createdAt)
    }
}

/// Money given back on an order; the tickets it voided, if any.
public struct Refund: Sendable, Equatable, Encodable {
    public let id: String
    public let orderID: String
    public let amount: Money
    /// Where the money goes back: cash in hand, or the card it came from.
    public let method: PaymentMethod
    public let cardBrand: String?
    public let cardLast4: String?
    public let reason: String
    public let tickets: [String]
    public let createdAt: Date
    /// When the money reached the buyer: at once for a card, and for cash given at the till;
    /// nil while cash from a cancellation waits to be collected (`refund hand-back`).
    public var handedBackAt: Date? = nil

    /// Cash the box office still has to give back.
    public var cashOwed: Bool { method == .cash && handedBackAt == nil }

    enum CodingKeys: String, CodingKey {
        case id, method, reason, tickets, currency
        case handedBackAt = "handed_back_at"
        case cashOwed = "cash_owed"
        case orderID = "order_id"
        case amountMinor = "amount_minor"
        case cardBrand = "card_brand"
        case cardLast4 = "card_last4"
        case createdAt = "created_at"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(orderID, forKey: .orderID)
        try c.encode(amount.minor, forKey: .amountMinor)
        try c.encode(amount.currency.code, forKey: .currency)
        try c.encode(method, forKey: .method)
        try c.encode(cardBrand, forKey: .cardBrand)
        try c.encode(cardLast4, forKey: .cardLast4)
        try c.encode(reason, forKey: .reason)
        try c.encode(tickets, forKey: .tickets)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(handedBackAt, forKey: .handedBackAt)
        try c.encode(cashOwed, forKey: .cashOwed)
    }
}

/// Card numbers: checked (Luhn), named by brand, and reduced to their last four digits.
/// The full number never leaves this type: it is not stored, logged or put in an error.
public struct CardNumber: Sendable {
    public let brand: String
    public let last4: String
    let digits: String

    public init(_ raw: String) throws {
        let digits = raw.filter { $0 != " " && $0 != "-" }
        guard (12...19).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw BilletterieError.invalidInput(code: "invalid_card", message: "the card number is malformed: give 12 to 19 digits")
        }
        guard Self.luhnValid(digits) else {
            throw BilletterieError.invalidInput(
                code: "invalid_card", message: "the card number ending \(digits.suffix(4)) fails its check digit (Luhn); check it")
        }
        self.digits = digits
        self.last4 = String(digits.suffix(4))
        self.brand = Self.brand(of: digits)
    }

    static func luhnValid(_ digits: String) -> Bool {
        var sum = 0
        for (index, char) in digits.reversed().enumerated() {
            var value = Int(char.asciiValue! - 48)
            if index % 2 == 1 {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
        }
        return sum % 10 == 0
    }

    static func brand(of digits: String) -> String {
        let two = Int(digits.prefix(2)) ?? 0
        let four = Int(digits.prefix(4)) ?? 0
        if digits.hasPrefix("4") { return "visa" }
        if (51...55).contains(two) || (2221...2720).contains(four) { return "mastercard" }
        if two == 34 || two == 37 { return "amex" }
        if digits.hasPrefix("6011") || digits.hasPrefix("65") { return "discover" }
        return "card"
    }

    /// What the test processor answers, following the public test-card convention.
    public enum TestOutcome: String, Sendable {
        case succeeded
        case declined = "card_declined"
        case insufficientFunds = "insufficient_funds"
    }

    public var testOutcome: TestOutcome {
        switch digits {
        case "4000000000000002": .declined
        case "4000000000009995": .insufficientFunds
        default: .succeeded
        }
    }
}

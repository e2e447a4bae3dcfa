import Foundation

/// An amount in a currency's minor units (cents): never floating point.
public struct Money: Sendable, Equatable, Hashable, Comparable, CustomStringConvertible {
    public let minor: Int64
    public let currency: Currency

    public init(minor: Int64, currency: Currency) {
        self.minor = minor
        self.currency = currency
    }

    /// Parses a decimal amount as typed (`12.50`, `12`, `0.5`), with at most the currency's
    /// decimals; `allowNegative` for the few places a negative amount makes sense.
    public init(parsing raw: String, currency: Currency, what: String = "amount", allowNegative: Bool = false) throws {
        func refuse(_ why: String) -> BilletterieError {
            let example = currency.minorDigits == 0 ? "1500" : "12." + String(repeating: "5", count: currency.minorDigits)
            return .invalidInput(code: "invalid_amount", message: "invalid \(what) '\(raw)': \(why); expected a decimal such as \(example) (\(currency.code))")
        }
        var text = Substring(raw.trimmingCharacters(in: .whitespaces))
        var negative = false
        if text.first == "-" {
            negative = true
            text = text.dropFirst()
        }
        if negative && !allowNegative { throw refuse("it is negative") }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty,
            whole.allSatisfy({ $0.isASCII && $0.isNumber })
        else { throw refuse("not a decimal number") }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.allSatisfy({ $0.isASCII && $0.isNumber }), parts.count == 1 || !fraction.isEmpty else {
            throw refuse("not a decimal number")
        }
        guard fraction.count <= currency.minorDigits else {
            throw refuse(currency.minorDigits == 0 ? "\(currency.code) has no decimals" : "\(currency.code) has \(currency.minorDigits) decimals")
        }
        guard whole.count <= 13, let units = Int64(whole) else { throw refuse("too large") }
        let padded = fraction + String(repeating: "0", count: currency.minorDigits - fraction.count)
        var scale: Int64 = 1
        for _ in 0..<currency.minorDigits { scale *= 10 }
        let minor = units * scale + (Int64(padded) ?? 0)
        self.init(minor: negative ? -minor : minor, currency: currency)
    }

    /// The amount as a plain decimal, `12.50`: what files and exports carry.
    public var decimalText: String {
        let digits = currency.minorDigits
        guard digits > 0 else { return String(minor) }
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        let magnitude = minor.magnitude
        let fraction = String(magnitude % UInt64(scale))
        return (minor < 0 ? "-" : "") + String(magnitude / UInt64(scale)) + "."
            + String(repeating: "0", count: digits - fraction.count) + fraction
    }

    /// For people: `12.50 EUR`.
    public var description: String { decimalText + " " + currency.code }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.minor < rhs.minor }
}

/// Slugs: lowercase ASCII letters, digits and hyphens, accents folded (`Zoé` → `zoe`).
public enum Slug {
    public static func make(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        var slug = ""
        var pendingHyphen = false
        for scalar in folded.unicodeScalars {
            let extra: String? =
                switch scalar {
                case "ß": "ss"
                case "æ": "ae"
                case "œ": "oe"
                case "ø": "o"
                case "ł": "l"
                case "đ": "d"
                default: nil
                }
            if let extra {
                if pendingHyphen && !slug.isEmpty { slug += "-" }
                pendingHyphen = false
                slug += extra
            } else if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingHyphen && !slug.isEmpty { slug += "-" }
                pendingHyphen = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        var cut = String(slug.prefix(80))
        while cut.hasSuffix("-") { cut.removeLast() }
        return cut
    }
}

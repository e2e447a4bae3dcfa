/// An ISO 4217 currency and how many decimals its minor unit has (EUR 2, JPY 0, KWD 3).
/// The table is ours because Foundation on Linux gives no reliable minor-unit digits.
public struct Currency: Sendable, Equatable, Hashable, CustomStringConvertible {
    public let code: String
    public let minorDigits: Int

    public var description: String { code }

    // Arrays, not sets: a set's first use costs a process a search of the runtime's tables,
    // and every command that reads an event builds a Currency.
    private static let zeroDecimals = [
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF",
    ]
    private static let threeDecimals = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]
    private static let fourDecimals = ["CLF", "UYW"]
    private static let active: [String] = [
        "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BHD", "BIF", "BMD", "BND",
        "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHE", "CHF", "CHW", "CLF", "CLP", "CNY", "COP", "COU",
        "CRC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP",
        "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES",
        "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD",
        "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR",
        "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD",
        "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS",
        "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED", "VES", "VND", "VUV", "WST", "XAF", "XCD", "XCG", "XOF", "XPF",
        "YER", "ZAR", "ZMW", "ZWG",
    ]

    private init(checkedCode code: String, minorDigits: Int) {
        self.code = code
        self.minorDigits = minorDigits
    }

    /// A code read back from the store, which only ever holds checked codes; a damaged
    /// value reads as EUR rather than stopping a listing.
    static func stored(_ code: String) -> Currency {
        (try? Currency(code: code)) ?? Currency(checkedCode: "EUR", minorDigits: 2)
    }

    /// Looks a code up (case-insensitive); throws `invalid_currency` for anything not in ISO 4217.
    public init(code raw: String) throws {
        let code = raw.uppercased()
        guard Self.active.contains(code) else {
            throw BilletterieError.invalidInput(
                code: "invalid_currency",
                message: "unknown currency '\(raw)'; expected an ISO 4217 code such as EUR, USD, GBP, CHF, JPY")
        }
        self.code = code
        self.minorDigits =
            Self.zeroDecimals.contains(code)
            ? 0
            : Self.threeDecimals.contains(code)
                ? 3
                : Self.fourDecimals.contains(code) ? 4 : 2
    }
}

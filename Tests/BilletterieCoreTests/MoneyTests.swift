import Testing

@testable import BilletterieCore

@Suite("money, slugs, search terms")
struct MoneyTests {
    static let eur = try! Currency(code: "EUR")

    @Test("decimal amounts become minor units", arguments: [("12.50", 1250), ("12.5", 1250), ("12", 1200), ("0", 0), ("0.01", 1), (" 7.05 ", 705)])
    func parse(text: String, minor: Int64) throws {
        #expect(try Money(parsing: text, currency: Self.eur).minor == minor)
    }

    @Test(
        "malformed, negative or over-precise amounts are refused", arguments: ["", "abc", "1.2.3", "1.", ".5", "1.234", "-1", "1e3", "12,50", "99999999999999"])
    func refuse(text: String) {
        #expect(throws: BilletterieError.self) { try Money(parsing: text, currency: Self.eur) }
    }

    @Test("negative amounts where allowed; other decimals per currency")
    func currencies() throws {
        #expect(try Money(parsing: "-5.00", currency: Self.eur, allowNegative: true).minor == -500)
        #expect(try Money(parsing: "1500", currency: Currency(code: "JPY")).minor == 1500)
        #expect(throws: BilletterieError.self) { try Money(parsing: "15.5", currency: Currency(code: "JPY")) }
        #expect(try Money(parsing: "1.234", currency: Currency(code: "KWD")).minor == 1234)
    }

    @Test("amounts print with their currency's decimals")
    func format() throws {
        #expect(Money(minor: 1250, currency: Self.eur).description == "12.50 EUR")
        #expect(Money(minor: 5, currency: Self.eur).decimalText == "0.05")
        #expect(Money(minor: -500, currency: Self.eur).decimalText == "-5.00")
        #expect(Money(minor: 1500, currency: try Currency(code: "JPY")).decimalText == "1500")
    }

    @Test(
        "slugs",
        arguments: [
            ("Zoé à l'Opéra !", "zoe-a-l-opera"), ("  Jazz   Night 2026 ", "jazz-night-2026"), ("Straße", "strasse"),
            ("Ænima", "aenima"), ("!!!", ""), ("Çà et là", "ca-et-la"),
        ])
    func slugs(title: String, slug: String) {
        #expect(Slug.make(title) == slug)
    }

    @Test("search text keeps letters and digits only, so neither engine's query syntax in it is read")
    func searchQuery() {
        let sqlite = SQLDialect(engine: .sqlite)
        let postgres = SQLDialect(engine: .postgres)
        #expect(Store.searchQuery("jazz night", dialect: sqlite) == "\"jazz\"* \"night\"*")
        #expect(Store.searchQuery("\"a\" OR b*", dialect: sqlite) == "\"a\"* \"OR\"* \"b\"*")
        #expect(Store.searchQuery("   ", dialect: sqlite) == nil)
        #expect(Store.searchQuery("jazz night", dialect: postgres) == "jazz:* & night:*")
        #expect(Store.searchQuery("a&b | !c:*", dialect: postgres) == "a:* & b:* & c:*")
        #expect(Store.searchQuery("Été 2026", dialect: postgres) == "Été:* & 2026:*")
    }
}

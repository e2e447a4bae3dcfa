import Foundation
import Testing

@testable import BilletterieCore

@Suite("values typed by people: times, durations, emails, currencies, ids")
struct ValueTests {
    @Test(
        "ISO 8601 times with an offset, or in a zone",
        arguments: [
            ("2026-06-21T19:30:00Z", nil, "2026-06-21T19:30:00Z"),
            ("2026-06-21T21:30+02:00", nil, "2026-06-21T19:30:00Z"),
            ("2026-06-21t19:30:00.250z", nil, "2026-06-21T19:30:00Z"),
            ("2026-06-21 21:30", "Europe/Paris", "2026-06-21T19:30:00Z"),
            ("2026-01-10T12:00", "America/New_York", "2026-01-10T17:00:00Z"),
            ("2026-06-21", "Europe/Paris", "2026-06-20T22:00:00Z"),
            ("2024-02-29T00:00:00-05:30", nil, "2024-02-29T05:30:00Z"),
        ])
    func parsesTimes(text: String, zone: String?, expected: String) throws {
        let date = try TimeText.parse(text, in: zone.map { TimeZone(identifier: $0)! })
        #expect(TimeText.utc(date) == expected)
    }

    @Test(
        "malformed times are refused with invalid_time",
        arguments: ["", "tomorrow", "2026-13-01T00:00Z", "2026-02-29T00:00Z", "2026-06-21T25:00Z", "2026-06-21T19:30", "2026-06-21T19:30Zjunk", "21/06/2026"])
    func refusesTimes(text: String) {
        #expect(throws: BilletterieError.self) { try TimeText.parse(text) }
        do { _ = try TimeText.parse(text) } catch let error as BilletterieError {
            #expect(error.code == "invalid_time")
            #expect(error.category == .invalidInput)
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test("times with an offset agree with Foundation's calendar, across eras and leap days")
    func offsetArithmetic() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        for (y, m, d) in [(1970, 1, 1), (1969, 12, 31), (2000, 2, 29), (2024, 2, 29), (2100, 3, 1), (1600, 1, 1), (2026, 11, 21)] {
            let text = String(format: "%04d-%02d-%02dT13:45:07Z", y, m, d)
            let expected = calendar.date(from: DateComponents(year: y, month: m, day: d, hour: 13, minute: 45, second: 7))!
            #expect(try TimeText.parse(text) == expected, "\(text)")
        }
    }

    @Test("local times for people, in the event's zone")
    func localTime() throws {
        let date = try TimeText.parse("2026-06-21T19:30:00Z")
        #expect(TimeText.local(date, in: TimeZone(identifier: "Europe/Paris")!).hasPrefix("2026-06-21 21:30 "))
    }

    @Test("durations", arguments: [("90s", 90.0), ("15m", 900), ("2h", 7200), ("3d", 259_200), ("1h30m", 5400)])
    func durations(text: String, seconds: Double) throws {
        #expect(try TimeText.duration(text) == seconds)
    }

    @Test("a duration without a unit, or with an unknown one, is refused", arguments: ["15", "", "m", "10x", "1.5h", "-5m"])
    func badDurations(text: String) {
        #expect(throws: BilletterieError.self) { try TimeText.duration(text) }
    }

    @Test("time zones by IANA name only")
    func timeZones() throws {
        #expect(try TimeText.timeZone("Europe/Paris").identifier == "Europe/Paris")
        #expect(throws: BilletterieError.self) { try TimeText.timeZone("Mars/Olympus") }
        #expect(throws: BilletterieError.self) { try TimeText.timeZone("CEST") }
    }

    @Test(
        "emails are trimmed and lowercased",
        arguments: [
            (" Ana@Example.ORG ", "ana@example.org"), ("a.b+tag@sub.example.co.uk", "a.b+tag@sub.example.co.uk"), ("zoé@exemple.fr", "zoé@exemple.fr"),
        ])
    func emails(raw: String, normalized: String) throws {
        #expect(try EmailAddress.normalize(raw) == normalized)
    }

    @Test(
        "malformed emails are refused",
        arguments: [
            "", "ana", "ana@", "@example.org", "ana@@example.org", "ana@example", "a b@example.org", ".ana@example.org",
            "ana..b@example.org", "ana@-example.org", "ana@example..org", "ana@exa_mple.org",
        ])
    func badEmails(raw: String) {
        #expect(throws: BilletterieError.self) { try EmailAddress.normalize(raw) }
    }

    @Test("currencies know their minor units")
    func currencies() throws {
        #expect(try Currency(code: "eur").minorDigits == 2)
        #expect(try Currency(code: "JPY").minorDigits == 0)
        #expect(try Currency(code: "KWD").minorDigits == 3)
        #expect(throws: BilletterieError.self) { try Currency(code: "EURO") }
        #expect(throws: BilletterieError.self) { try Currency(code: "XYZ") }
    }

    @Test("ids carry their prefix and 80 random bits")
    func identifiers() {
        let ids = (0..<1000).map { _ in Identifier.make(.user) }
        #expect(Set(ids).count == 1000)
        #expect(ids.allSatisfy { $0.hasPrefix("usr_") && $0.count == 20 })
        #expect(Identifier.looksLike(ids[0], .user))
        #expect(!Identifier.looksLike("ana@example.org", .user))
    }
}

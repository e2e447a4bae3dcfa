import Foundation

/// Times as people type them and as JSON carries them. The store keeps whole seconds since
/// 1970 UTC (see Docs/storage.md); JSON says `2026-06-21T19:30:00Z`.
public enum TimeText {
    /// ISO 8601 UTC with whole seconds: `2026-06-21T19:30:00Z`.
    public static func utc(_ date: Date) -> String {
        // By hand rather than String(format:): reports print this a million times.
        digits(CivilTime(date), seconds: true)
    }

    /// `2026-06-21T19:30:00Z` (`seconds`, for UTC) or `2026-06-21 19:30`, written on bytes.
    static func digits(_ c: CivilTime, seconds: Bool) -> String {
        var bytes = [UInt8](repeating: 0, count: seconds ? 20 : 16)
        func put(_ value: Int, _ at: Int, _ width: Int) {
            var v = value
            for i in stride(from: at + width - 1, through: at, by: -1) {
                bytes[i] = UInt8(48 + v % 10)
                v /= 10
            }
        }
        put(c.year, 0, 4)
        bytes[4] = 45
        put(c.month, 5, 2)
        bytes[7] = 45
        put(c.day, 8, 2)
        bytes[10] = seconds ? 84 : 32
        put(c.hour, 11, 2)
        bytes[13] = 58
        put(c.minute, 14, 2)
        if seconds {
            bytes[16] = 58
            put(c.second, 17, 2)
            bytes[19] = 90
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// For people: `2026-06-21 21:30 CEST` in the given zone. By hand from the zone's offset
    /// at that instant: a Calendar and String(format:) cost a door scan more than its lookup.
    public static func local(_ date: Date, in zone: TimeZone) -> String {
        let c = CivilTime(Date(epochSeconds: date.epochSeconds + Int64(zone.secondsFromGMT(for: date))))
        return digits(c, seconds: false) + " " + (zone.abbreviation(for: date) ?? zone.identifier)
    }

    /// The same in a zone named in the store or a pack (checked when it was written); an
    /// unknown name reads as UTC rather than failing a door's answer.
    public static func local(_ date: Date, zoneNamed name: String?) -> String {
        local(date, in: name.flatMap(TimeZone.init(identifier:)) ?? TimeZone(secondsFromGMT: 0) ?? TimeZone.current)
    }

    /// Local times of many moments in one zone, for output of many rows (`report checkins
    /// --inside`): the zone's offset and abbreviation are looked up once per quarter hour
    /// (zones change offset on quarter hours), not once a row, each lookup being ICU's.
    public final class Clock {
        private let zone: TimeZone
        private var quarters: [Int64: (offset: Int64, abbreviation: String)] = [:]
        private var minutes: [Int64: String] = [:]

        public init(zoneNamed name: String?) {
            zone = name.flatMap(TimeZone.init(identifier:)) ?? TimeZone(secondsFromGMT: 0) ?? TimeZone.current
        }

        /// What `TimeText.local(date, in: zone)` writes.
        public func local(_ date: Date) -> String {
            let seconds = date.epochSeconds
            // To the minute, so each minute is written once: a listing of a festival's people
            // has a few hundred different minutes among a million rows.
            let minute = seconds >= 0 ? seconds / 60 : (seconds - 59) / 60
            if let text = minutes[minute] { return text }
            if minutes.count >= 1 << 16 { minutes.removeAll(keepingCapacity: true) }
            let text = format(seconds)
            minutes[minute] = text
            return text
        }

        private func format(_ seconds: Int64) -> String {
            let date = Date(epochSeconds: seconds)
            let quarter = seconds >= 0 ? seconds / 900 : (seconds - 899) / 900
            let known: (offset: Int64, abbreviation: String)
            if let cached = quarters[quarter] {
                known = cached
            } else {
                known = (Int64(zone.secondsFromGMT(for: date)), zone.abbreviation(for: date) ?? zone.identifier)
                quarters[quarter] = known
            }
            return digits(CivilTime(Date(epochSeconds: seconds + known.offset)), seconds: false) + " " + known.abbreviation
        }
    }

    /// A time zone by IANA name; throws `invalid_timezone` for an unknown one.
    public static func timeZone(_ name: String) throws -> TimeZone {
        guard name.contains("/") || name == "UTC", let zone = TimeZone(identifier: name) else {
            throw BilletterieError.invalidInput(
                code: "invalid_timezone",
                message: "unknown time zone '\(name)'; expected an IANA name such as Europe/Paris, America/New_York or UTC")
        }
        return zone
    }

    /// Parses ISO 8601 (`2026-06-21T19:30:00Z`, `2026-06-21T21:30+02:00`, `2026-06-21 21:30`).
    /// A time without an offset is read in `zone`; without a zone it is refused, because
    /// guessing the machine's zone sells tickets for the wrong hour.
    public static func parse(_ raw: String, in zone: TimeZone? = nil, what: String = "time") throws -> Date {
        func refuse(_ why: String) -> BilletterieError {
            .invalidInput(
                code: "invalid_time",
                message: "invalid \(what) '\(raw)': \(why); expected ISO 8601 such as 2026-06-21T19:30:00Z or 2026-06-21T21:30+02:00")
        }
        let text = Array(raw.trimmingCharacters(in: .whitespaces).utf8)
        var index = 0
        func number(_ digits: Int) -> Int? {
            guard index + digits <= text.count else { return nil }
            var value = 0
            for byte in text[index..<index + digits] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += digits
            return value
        }
        func expect(_ char: Character) -> Bool {
            guard index < text.count, text[index] == char.asciiValue! else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2) else {
            throw refuse("the date must be YYYY-MM-DD")
        }
        var hour = 0
        var minute = 0
        var second = 0
        if index < text.count {
            guard expect("T") || expect("t") || expect(" ") else { throw refuse("expected T between date and time") }
            guard let h = number(2), expect(":"), let m = number(2) else { throw refuse("the time must be HH:MM or HH:MM:SS") }
            hour = h
            minute = m
            if expect(":") {
                guard let s = number(2) else { throw refuse("the seconds must be two digits") }
                second = s
                if expect(".") || expect(",") {
                    let start = index
                    while index < text.count, text[index] >= 48, text[index] <= 57 { index += 1 }
                    guard index > start else { throw refuse("a decimal point needs digits after it") }
                }
            }
        }
        var offsetSeconds: Int?
        if index < text.count {
            if expect("Z") || expect("z") {
                offsetSeconds = 0
            } else if text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") {
                let sign = text[index] == UInt8(ascii: "+") ? 1 : -1
                index += 1
                guard let oh = number(2) else { throw refuse("the offset must be +HH:MM") }
                _ = expect(":")
                let om = number(2) ?? 0
                guard oh <= 18, om < 60 else { throw refuse("the offset is out of range") }
                offsetSeconds = sign * (oh * 3600 + om * 60)
            }
        }
        guard index == text.count else { throw refuse("unexpected text after the time") }
        guard (1...12).contains(month) else { throw refuse("month \(month) does not exist") }
        guard (1...daysIn(month: month, year: year)).contains(day) else { throw refuse("day \(day) does not exist in that month") }
        guard hour < 24, minute < 60, second < 60 else { throw refuse("the time of day is out of range") }

        var components = DateComponents()
        components.year = year
        components.month = month
        components.day = day
        components.hour = hour
        components.minute = minute
        components.second = second
        if let offsetSeconds {
            // Plain arithmetic: an ICU calendar costs more than the rest of a door scan.
            let seconds = daysFromCivil(year: year, month: month, day: day) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
            return Date(epochSeconds: seconds - Int64(offsetSeconds))
        }
        var calendar = Calendar(identifier: .gregorian)
        guard let zone else {
            throw refuse("it has no offset and no time zone applies; add Z or +HH:MM")
        }
        calendar.timeZone = zone
        guard let date = calendar.date(from: components) else { throw refuse("not a real time in \(zone.identifier)") }
        return date
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let d = Int64(day)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Parses a duration: `90s`, `15m`, `2h`, `3d`, or several run together (`1h30m`).
    /// A bare number is refused: `15` could mean seconds or minutes.
    public static func duration(_ raw: String) throws -> TimeInterval {
        func refuse(_ why: String) -> BilletterieError {
            .invalidInput(
                code: "invalid_duration",
                message: "invalid duration '\(raw)': \(why); expected a number with a unit, such as 90s, 15m, 2h or 3d")
        }
        var total: TimeInterval = 0
        var digits = ""
        var sawUnit = false
        for char in raw.trimmingCharacters(in: .whitespaces) {
            if char.isASCII, char.isNumber {
                digits.append(char)
                continue
            }
            guard let value = Int(digits) else { throw refuse(digits.isEmpty ? "a unit needs a number before it" : "the number is too large") }
            let unit: TimeInterval
            switch char {
            case "s": unit = 1
            case "m": unit = 60
            case "h": unit = 3600
            case "d": unit = 86400
            default: throw refuse("'\(char)' is not a unit")
            }
            total += TimeInterval(value) * unit
            digits = ""
            sawUnit = true
        }
        guard digits.isEmpty else { throw refuse("'\(digits)' has no unit") }
        guard sawUnit else { throw refuse("it is empty") }
        return total
    }
}

extension Date {
    /// Whole seconds since 1970 UTC, as the store keeps times.
    public var epochSeconds: Int64 { Int64(timeIntervalSince1970.rounded(.down)) }
    public init(epochSeconds: Int64) { self.init(timeIntervalSince1970: TimeInterval(epochSeconds)) }
}

/// A UTC instant as calendar fields (proleptic Gregorian, Howard Hinnant's days-from-civil
/// algorithm), so ISO times, mail Date headers and iCalendar stamps need neither ICU nor a
/// locale, and stay fast when a report prints a million of them.
struct CivilTime {
    let year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
    let daysSinceEpoch: Int

    init(_ date: Date) {
        let seconds = date.epochSeconds
        let days = seconds / 86_400 - (seconds % 86_400 < 0 ? 1 : 0)
        daysSinceEpoch = Int(days)
        let inDay = Int(seconds - days * 86_400)
        hour = inDay / 3600
        minute = inDay / 60 % 60
        second = inDay % 60
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }
}

import Foundation

/// An event as an iCalendar object (RFC 5545): one VEVENT in the event's own time zone,
/// with the VTIMEZONE that RFC 5545 requires for a TZID, drawn from the system's zone data.
///
/// Written by hand: no package on the mirror writes iCalendar, and what is needed is small.
public struct CalendarEntry: Sendable {
    public enum Method: String, Sendable {
        case publish = "PUBLISH"
        case cancel = "CANCEL"
    }

    public var uid: String
    /// Increases with each change a calendar should apply over the earlier copy.
    public var sequence: Int64
    public var title: String
    public var description: String
    public var location: String
    public var startsAt: Date
    public var endsAt: Date
    public var timeZone: TimeZone
    public var organizer: MailMessage.Mailbox?
    public var stamp: Date
    public var method: Method

    public init(
        uid: String, sequence: Int64, title: String, description: String, location: String, startsAt: Date, endsAt: Date,
        timeZone: TimeZone, organizer: MailMessage.Mailbox?, stamp: Date, method: Method
    ) {
        self.uid = uid
        self.sequence = sequence
        self.title = title
        self.description = description
        self.location = location
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.timeZone = timeZone
        self.organizer = organizer
        self.stamp = stamp
        self.method = method
    }

    public var text: String {
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//billetterie//billetterie//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:\(method.rawValue)",
        ]
        lines += timeZoneLines()
        lines += [
            "BEGIN:VEVENT",
            "UID:" + Self.escaped(uid),
            "SEQUENCE:\(sequence)",
            "DTSTAMP:" + Self.utcStamp(stamp),
            "DTSTART;TZID=\(timeZone.identifier):" + Self.localStamp(startsAt, timeZone),
            "DTEND;TZID=\(timeZone.identifier):" + Self.localStamp(endsAt, timeZone),
            "SUMMARY:" + Self.escaped(title),
            "LOCATION:" + Self.escaped(location),
            "STATUS:" + (method == .cancel ? "CANCELLED" : "CONFIRMED"),
        ]
        if !description.isEmpty { lines.append("DESCRIPTION:" + Self.escaped(description)) }
        if let organizer {
            lines.append(
                "ORGANIZER" + (organizer.name.isEmpty ? "" : ";CN=\"\(organizer.name.replacingOccurrences(of: "\"", with: "'"))\"")
                    + ":mailto:" + organizer.address)
        }
        lines += ["END:VEVENT", "END:VCALENDAR"]
        return lines.map(Self.folded).joined(separator: "\r\n") + "\r\n"
    }

    /// The zone's observances from a year before the event to a year after: each transition
    /// as a STANDARD or DAYLIGHT component with its own DTSTART (no RRULE, so nothing is
    /// guessed about future rules); a zone without transitions gets one STANDARD.
    func timeZoneLines() -> [String] {
        var lines = ["BEGIN:VTIMEZONE", "TZID:" + timeZone.identifier]
        let from = startsAt.addingTimeInterval(-366 * 86_400)
        let until = endsAt.addingTimeInterval(366 * 86_400)
        var transitions: [Date] = []
        var cursor = from
        while let next = timeZone.nextDaylightSavingTimeTransition(after: cursor), next < until, transitions.count < 8 {
            transitions.append(next)
            cursor = next
        }
        func offset(_ seconds: Int) -> String {
            let sign = seconds < 0 ? "-" : "+"
            let a = abs(seconds)
            let hours = a / 3600
            let minutes = a / 60 % 60
            return sign + (hours < 10 ? "0" : "") + "\(hours)" + (minutes < 10 ? "0" : "") + "\(minutes)"
        }
        if transitions.isEmpty {
            let now = offset(timeZone.secondsFromGMT(for: startsAt))
            lines += ["BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:" + now, "TZOFFSETTO:" + now, "END:STANDARD"]
        } else {
            // The observance in force before the first transition, from the start of the window.
            let firstBefore = timeZone.secondsFromGMT(for: transitions[0].addingTimeInterval(-1))
            lines += observance(daylight: timeZone.isDaylightSavingTime(for: from), at: from, fromOffset: firstBefore, toOffset: firstBefore, offset)
            for transition in transitions {
                let before = timeZone.secondsFromGMT(for: transition.addingTimeInterval(-1))
                let after = timeZone.secondsFromGMT(for: transition)
                lines += observance(daylight: timeZone.isDaylightSavingTime(for: transition), at: transition, fromOffset: before, toOffset: after, offset)
            }
        }
        lines.append("END:VTIMEZONE")
        return lines
    }

    private func observance(daylight: Bool, at instant: Date, fromOffset: Int, toOffset: Int, _ format: (Int) -> String) -> [String] {
        let kind = daylight ? "DAYLIGHT" : "STANDARD"
        // DTSTART of an observance is in the local time in force before it starts.
        let local = Self.stamp(instant.addingTimeInterval(TimeInterval(fromOffset)))
        var lines = ["BEGIN:" + kind, "DTSTART:" + local, "TZOFFSETFROM:" + format(fromOffset), "TZOFFSETTO:" + format(toOffset)]
        if let name = timeZone.abbreviation(for: instant), !name.hasPrefix("GMT") { lines.append("TZNAME:" + name) }
        lines.append("END:" + kind)
        return lines
    }

    static func utcStamp(_ date: Date) -> String { stamp(date) + "Z" }

    static func localStamp(_ date: Date, _ zone: TimeZone) -> String {
        stamp(date.addingTimeInterval(TimeInterval(zone.secondsFromGMT(for: date))))
    }

    /// `YYYYMMDDTHHMMSS` of a date read as if it were UTC.
    static func stamp(_ date: Date) -> String {
        let c = CivilTime(date)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return String(format: "%04d", c.year) + two(c.month) + two(c.day) + "T" + two(c.hour) + two(c.minute) + two(c.second)
    }

    /// TEXT escaping of RFC 5545 section 3.3.11.
    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n": out += "\\n"
            case "\r": break
            default: out.append(character)
            }
        }
        return out
    }

    /// Content lines fold at 75 octets, never inside a UTF-8 character (section 3.1).
    static func folded(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var out = ""
        var length = 0
        for character in line {
            let size = String(character).utf8.count
            if length + size > 75 {
                out += "\r\n "
                length = 1
            }
            out.append(character)
            length += size
        }
        return out
    }
}

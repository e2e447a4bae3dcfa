import Foundation
import TestSupport
import Testing

@testable import BilletterieCore

@Suite("mail: headers, bodies, calendar, templates")
struct MailTests {
    @Test("RFC 2047: ASCII stays as is; other text becomes words under 76 characters that never split a character")
    func encodedWords() {
        #expect(MailMessage.encodedHeaderText("Your tickets") == "Your tickets")
        let long = String(repeating: "Vos billets pour la Nuit du jazz à Paris — ", count: 3)
        let encoded = MailMessage.encodedHeaderText(long)
        let words = encoded.split(separator: " ")
        #expect(words.allSatisfy { $0.hasPrefix("=?utf-8?b?") && $0.hasSuffix("?=") && $0.count <= 75 })
        let decoded = words.map { word -> String in
            let base64 = word.dropFirst(10).dropLast(2)
            return String(decoding: Data(base64Encoded: String(base64))!, as: UTF8.self)  // each word is whole UTF-8 on its own
        }.joined()
        #expect(decoded == long)
        let header = MailMessage.folded("Subject: " + encoded)
        let lines = header.components(separatedBy: "\r\n")
        #expect(lines.count > 1 && lines.allSatisfy { $0.count <= 78 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" ") }, "continuation lines start with white space")
        #expect(lines[0].hasPrefix("Subject: =?utf-8?b?"), "the header name is never alone on its line")
    }

    @Test("display names: atoms as is, specials quoted, accents encoded")
    func phrases() {
        #expect(MailMessage.headerPhrase("Ana Lima") == "Ana Lima")
        #expect(MailMessage.headerPhrase("Lima, Ana") == "\"Lima, Ana\"")
        #expect(MailMessage.headerPhrase("Zoé").hasPrefix("=?utf-8?b?"))
    }

    @Test("quoted-printable: lines at most 76, '=' and non-ASCII escaped, trailing spaces kept visible")
    func quotedPrintable() {
        let text = "Bonjour Zoé, 1 = 1 \n" + String(repeating: "é", count: 60)
        let encoded = MailMessage.quotedPrintable(text)
        #expect(encoded.components(separatedBy: "\r\n").allSatisfy { $0.count <= 76 })
        #expect(encoded.hasPrefix("Bonjour Zo=C3=A9, 1 =3D 1=20\r\n"))
    }

    @Test("the Date header, with no calendar or locale")
    func date() {
        #expect(MailMessage.rfc5322Date(Date(epochSeconds: 0)) == "Thu, 01 Jan 1970 00:00:00 +0000")
        #expect(MailMessage.rfc5322Date(Date(epochSeconds: 1_782_066_600)) == "Sun, 21 Jun 2026 18:30:00 +0000")
    }

    @Test("iCalendar: escaped text, lines folded at 75 octets, local times with a VTIMEZONE covering the event")
    func calendar() throws {
        let zone = try #require(TimeZone(identifier: "Europe/Paris"))
        let entry = CalendarEntry(
            uid: "evt_x@example.org", sequence: 2, title: "Jazz; Blues, and more", description: String(repeating: "é", count: 80),
            location: "Salle Pleyel", startsAt: Date(epochSeconds: 1_782_066_600), endsAt: Date(epochSeconds: 1_782_077_400),
            timeZone: zone, organizer: nil, stamp: Date(epochSeconds: 0), method: .publish)
        let text = entry.text
        #expect(text.contains("SUMMARY:Jazz\\; Blues\\, and more\r\n"))
        #expect(text.contains("DTSTART;TZID=Europe/Paris:20260621T203000\r\n"))
        #expect(text.contains("TZOFFSETTO:+0200"))
        #expect(text.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
    }

    @Test("template names: unknown variables found with their position, sections looked up from the inside out")
    func templateNames() {
        let schema = TemplateField.schema(for: .orderConfirmation)
        #expect(MessageTemplates.unknownName(in: "{{#tickets}}{{name}} {{event.title}}{{/tickets}}", schema: schema) == nil)
        let problem = MessageTemplates.unknownName(in: "ok\n {{#tickets}}{{nmae}}{{/tickets}}", schema: schema)
        #expect(problem?.name == "nmae" && problem?.line == 2 && problem?.column == 14)
        #expect(MessageTemplates.unknownName(in: "{{=<% %>=}}<% recipient.name %><% nope %>", schema: schema)?.name == "nope")
        #expect(MessageTemplates.unknownName(in: "{{! a comment }}{{{recipient.name}}}", schema: schema) == nil)
        #expect(MessageTemplates.unknownName(in: "{{refund.amount}}", schema: schema)?.name == "refund.amount", "not a confirmation's")
    }

    @Test("every built-in template parses and names only what its message has, in both languages")
    func builtIns() throws {
        for name in TemplateName.all {
            for locale in MessageLocale.allCases {
                try MessageTemplates.check(BuiltInTemplates.body(name, locale), name: name)
            }
        }
    }
}

@Suite("times written by hand")
struct HandWrittenTimeTests {
    @Test("TimeText.utc and the Date header agree with the C library for 10 000 random instants, 1900 to 2200")
    func agreesWithGmtime() {
        var generator = SeededGenerator.printed("hand-written times")
        for _ in 0..<10_000 {
            var seconds = time_t(Int64.random(in: -2_208_988_800...7_258_118_400, using: &generator))
            var parts = tm()
            gmtime_r(&seconds, &parts)
            let expected = String(
                format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
            #expect(TimeText.utc(Date(epochSeconds: Int64(seconds))) == expected)
        }
    }

    @Test("TimeText.Clock, which looks a zone up once per quarter hour, writes what TimeText.local does, across changes of offset")
    func clockAgreesWithLocal() {
        var generator = SeededGenerator.printed("report clock")
        for name in ["Europe/Paris", "America/New_York", "Australia/Adelaide", "Asia/Kathmandu", "UTC", "Not/AZone"] {
            let clock = TimeText.Clock(zoneNamed: name)
            // Around the 2026 changes in both hemispheres, minute by minute, then anywhere.
            let around = [Int64(1_774_746_000), 1_792_890_000, 1_775_322_000, 1_791_043_200].flatMap { start in
                (-180..<180).map { start + Int64($0) * 60 }
            }
            let anywhere = (0..<2_000).map { _ in Int64.random(in: -2_208_988_800...4_102_444_800, using: &generator) }
            for seconds in around + anywhere {
                let date = Date(epochSeconds: seconds)
                #expect(clock.local(date) == TimeText.local(date, zoneNamed: name), "\(name) at \(seconds)")
            }
        }
    }
}

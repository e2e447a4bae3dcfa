import Foundation
import Mustache

/// What a notification is about; each kind has a subject, a text and an HTML template.
public enum MessageKind: String, CaseIterable, Sendable, Encodable {
    case orderConfirmation = "order_confirmation"
    case paymentFailed = "payment_failed"
    case refundIssued = "refund_issued"
    /// To the person a ticket was taken from.
    case ticketTransferred = "ticket_transferred"
    /// To the person it was given to, with the new code.
    case ticketReceived = "ticket_received"
    case eventUpdated = "event_updated"
    case eventCancelled = "event_cancelled"
    case reminder
    /// Places of a sold-out tier kept for someone on its waiting list: the voucher code.
    case waitlistOffer = "waitlist_offer"

    /// Whether the message carries tickets (their QR images) and a calendar entry.
    var carriesTickets: Bool { [.orderConfirmation, .ticketReceived, .reminder].contains(self) }
    var carriesCalendar: Bool { [.orderConfirmation, .ticketReceived, .eventUpdated, .eventCancelled, .reminder].contains(self) }
}

public enum TemplatePart: String, CaseIterable, Sendable {
    case subject, text, html
}

/// A template's name as users write it: `order_confirmation.html`.
public struct TemplateName: Hashable, Sendable, CustomStringConvertible {
    public let kind: MessageKind
    public let part: TemplatePart

    public init(kind: MessageKind, part: TemplatePart) {
        self.kind = kind
        self.part = part
    }

    public init(parsing raw: String) throws {
        let pieces = raw.split(separator: ".", maxSplits: 1).map(String.init)
        guard pieces.count == 2, let kind = MessageKind(rawValue: pieces[0]), let part = TemplatePart(rawValue: pieces[1]) else {
            throw BilletterieError.invalidInput(
                code: "unknown_template",
                message:
                    "no template '\(raw)'; names are KIND.PART with KIND one of \(MessageKind.allCases.map(\.rawValue).joined(separator: ", ")) and PART subject, text or html (see `notify template list`)"
            )
        }
        self.init(kind: kind, part: part)
    }

    public var description: String { kind.rawValue + "." + part.rawValue }
    public static var all: [TemplateName] { MessageKind.allCases.flatMap { kind in TemplatePart.allCases.map { TemplateName(kind: kind, part: $0) } } }
}

/// The languages with built-in templates.
public enum MessageLocale: String, CaseIterable, Sendable {
    case en, fr

    public static func parse(_ raw: String) throws -> MessageLocale {
        guard let locale = MessageLocale(rawValue: raw.lowercased()) else {
            throw BilletterieError.invalidInput(code: "unknown_locale", message: "unknown locale '\(raw)'; expected en or fr")
        }
        return locale
    }
}

/// The variables a template may name: the shape of the values each kind is rendered with.
/// `set` checks a template against it, so a typo is refused with its line and column instead
/// of rendering as nothing in every message.
indirect enum TemplateField {
    case value
    case object([String: TemplateField])
    case list([String: TemplateField])

    static func schema(for kind: MessageKind) -> [String: TemplateField] {
        let ticket: [String: TemplateField] = ["id": .value, "name": .value, "tier": .value, "code": .value, "reference": .value, "qr": .value]
        var fields: [String: TemplateField] = [
            "recipient": .object(["name": .value, "email": .value]),
            "event": .object([
                "title": .value, "starts": .value, "ends": .value, "venue": .value, "address": .value,
                "timezone": .value, "description": .value,
            ]),
            "sender": .object(["name": .value, "email": .value]),
        ]
        switch kind {
        case .orderConfirmation:
            fields["order"] = .object(["id": .value, "total": .value, "receipt": .value, "free": .value])
            fields["tickets"] = .list(ticket)
        case .paymentFailed:
            fields["order"] = .object(["id": .value, "due": .value])
            fields["payment"] = .object(["amount": .value, "reason": .value, "card": .value])
        case .refundIssued:
            fields["order"] = .object(["id": .value])
            fields["refund"] = .object([
                "amount": .value, "method": .value, "reason": .value, "isCard": .value, "card": .value, "handed": .value, "owed": .value,
                "collect": .value,
            ])
            fields["tickets"] = .list(ticket)
        case .ticketTransferred:
            fields["ticket"] = .object(ticket)
            fields["to"] = .object(["name": .value, "email": .value])
        case .ticketReceived:
            fields["from"] = .object(["name": .value, "email": .value])
            fields["tickets"] = .list(ticket)
        case .eventUpdated:
            fields["changed"] = .object(["time": .value, "venue": .value])
        case .eventCancelled:
            fields["reason"] = .value
            fields["refund"] = .object([
                "amount": .value, "any": .value, "card": .value, "anyCard": .value, "cash": .value, "anyCash": .value, "collect": .value,
            ])
            fields["tickets"] = .list(ticket)
        case .reminder:
            fields["tickets"] = .list(ticket)
        case .waitlistOffer:
            fields["offer"] = .object(["code": .value, "tier": .value, "quantity": .value, "ends": .value])
        }
        return fields
    }
}

public enum MessageTemplates {
    /// Parses `body` and checks every name it uses against the kind's variables; throws
    /// `invalid_template` (exit 65) with the line and column of the first problem.
    public static func check(_ body: String, name: TemplateName) throws {
        do {
            _ = try MustacheTemplate(string: body)
        } catch let error as MustacheTemplate.ParserError {
            throw BilletterieError.invalidInput(
                code: "invalid_template",
                message: "\(name) does not parse at line \(error.context.lineNumber), column \(error.context.columnNumber): \(describe(error.error))",
                details: [error.context.line])
        }
        if let problem = unknownName(in: body, schema: TemplateField.schema(for: name.kind)) {
            throw BilletterieError.invalidInput(
                code: "invalid_template",
                message: "\(name) names '\(problem.name)' at line \(problem.line), column \(problem.column), which \(name.kind.rawValue) messages do not have",
                details: ["known: " + knownNames(TemplateField.schema(for: name.kind)).joined(separator: ", ")])
        }
    }

    /// Parses a checked template for rendering. Subjects and text parts are not HTML-escaped.
    static func compile(_ body: String, part: TemplatePart) throws -> MustacheTemplate {
        try MustacheTemplate(string: part == .html ? body : "{{% CONTENT_TYPE: TEXT}}" + body)
    }

    static func describe(_ error: Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect: "a section is closed with another name than it was opened with"
        case .unfinishedName: "a tag is not finished (expected }})"
        case .expectedSectionEnd: "a section is never closed (expected {{/name}})"
        case .invalidSetDelimiter: "a delimiter change is malformed"
        case .invalidConfigVariableSyntax, .unrecognisedConfigVariable: "an unknown {{% ...}} setting"
        case .transformAppliedToInheritanceSection, .illegalTokenInsideInheritSection, .textInsideInheritSection:
            "template inheritance is not available in messages"
        case nil: "\(error)"
        }
    }

    static func knownNames(_ schema: [String: TemplateField], prefix: String = "") -> [String] {
        schema.keys.sorted().flatMap { key -> [String] in
            switch schema[key]! {
            case .value: [prefix + key]
            case .object(let inner), .list(let inner): [prefix + key] + knownNames(inner, prefix: prefix + key + ".")
            }
        }
    }

    /// The first variable or section name that resolves to nothing, with its position. Walks
    /// the tags as Mustache does: a section pushes its value, and a name is looked up from
    /// the innermost section outwards; set-delimiter tags are followed.
    static func unknownName(in body: String, schema: [String: TemplateField]) -> (name: String, line: Int, column: Int)? {
        let text = Array(body.utf8)
        var open = Array("{{".utf8)
        var close = Array("}}".utf8)
        var stack: [[String: TemplateField]] = [schema]
        var index = 0

        func position(_ offset: Int) -> (Int, Int) {
            var line = 1
            var column = 1
            for byte in text[..<offset] {
                if byte == 10 {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
            }
            return (line, column)
        }
        func find(_ needle: [UInt8], from start: Int) -> Int? {
            guard !needle.isEmpty, text.count >= needle.count else { return nil }
            var i = start
            while i + needle.count <= text.count {
                if text[i] == needle[0] && Array(text[i..<i + needle.count]) == needle { return i }
                i += 1
            }
            return nil
        }
        func resolve(_ name: String) -> TemplateField? {
            if name == "." { return .value }
            let parts = name.split(separator: ".").map(String.init)
            guard let first = parts.first else { return nil }
            for scope in stack.reversed() {
                guard var field = scope[first] else { continue }
                for part in parts.dropFirst() {
                    switch field {
                    case .object(let inner), .list(let inner):
                        guard let next = inner[part] else { return nil }
                        field = next
                    case .value: return nil
                    }
                }
                return field
            }
            return nil
        }

        while let start = find(open, from: index) {
            var tagStart = start + open.count
            var closing = close
            // Triple mustache: {{{name}}}.
            if open == Array("{{".utf8), tagStart < text.count, text[tagStart] == UInt8(ascii: "{") {
                tagStart += 1
                closing = Array("}}}".utf8)
            }
            guard let end = find(closing, from: tagStart) else { return nil }  // the parser reports it
            index = end + closing.count
            var tag = String(decoding: text[tagStart..<end], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            let sigil = tag.first
            if let sigil, "#^/&!=>%$<".contains(sigil) { tag = String(tag.dropFirst()).trimmingCharacters(in: .whitespaces) }
            switch sigil {
            case "!", "%": continue
            case "=":
                let spec = tag.hasSuffix("=") ? String(tag.dropLast()) : tag
                let delimiters = spec.split(separator: " ", omittingEmptySubsequences: true)
                if delimiters.count == 2 {
                    open = Array(delimiters[0].utf8)
                    close = Array(delimiters[1].utf8)
                }
                continue
            case "/":
                if stack.count > 1 { stack.removeLast() }
                continue
            default: break
            }
            // A transform, `uppercased(name)`, names the variable inside its parentheses.
            if let paren = tag.firstIndex(of: "("), tag.hasSuffix(")") {
                tag = String(tag[tag.index(after: paren)..<tag.index(before: tag.endIndex)])
            }
            guard let field = resolve(tag) else {
                let (line, column) = position(start)
                return (tag, line, column)
            }
            if sigil == "#" || sigil == "^" {
                switch field {
                case .object(let inner), .list(let inner): stack.append(sigil == "#" ? inner : [:])
                case .value: stack.append([:])
                }
            }
        }
        return nil
    }
}

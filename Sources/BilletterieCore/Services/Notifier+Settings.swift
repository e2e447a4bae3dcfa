import Foundation

/// A template as `notify template list` shows it.
public struct TemplateInfo: Sendable, Encodable {
    public let name: String
    public let locale: String
    /// `built-in` or `custom`.
    public let source: String
    public let updatedAt: String?

    enum CodingKeys: String, CodingKey {
        case name, locale, source
        case updatedAt = "updated_at"
    }
}

/// Who messages come from and in which language.
public struct MessageSettings: Sendable, Encodable {
    public let sender: String
    public let locale: String
    public let eventLocale: String?
    /// Whether confirmations carry their tickets as a PDF (`--attach-pdf on`).
    public let attachPDF: Bool

    enum CodingKeys: String, CodingKey {
        case sender, locale
        case eventLocale = "event_locale"
        case attachPDF = "attach_pdf"
    }
}

extension Notifier {
    // MARK: Templates

    public func templates(actor: User) throws -> [TemplateInfo] {
        try Self.requireNotifier(actor)
        let custom = Dictionary(try store.customTemplates().map { ("\($0.name)/\($0.locale)", $0.updatedAt) }, uniquingKeysWith: { a, _ in a })
        return TemplateName.all.flatMap { name in
            MessageLocale.allCases.map { locale in
                let changed = custom["\(name)/\(locale.rawValue)"]
                return TemplateInfo(
                    name: name.description, locale: locale.rawValue, source: changed == nil ? "built-in" : "custom",
                    updatedAt: changed.map(TimeText.utc))
            }
        }
    }

    public func template(_ raw: String, locale: MessageLocale, actor: User) throws -> (body: String, custom: Bool) {
        try Self.requireNotifier(actor)
        let name = try TemplateName(parsing: raw)
        if let body = try store.customTemplate(name: name.description, locale: locale.rawValue) { return (body, true) }
        return (BuiltInTemplates.body(name, locale), false)
    }

    /// Checks and saves a template (admins: templates are the store's); a template that
    /// does not parse or names an unknown variable is refused with its line and column.
    public func setTemplate(_ raw: String, locale: MessageLocale, body: String, actor: User) throws {
        try Access.require(actor, .changeMessages)
        let name = try TemplateName(parsing: raw)
        guard !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw BilletterieError.invalidInput(
                code: "invalid_template", message: "\(name) is empty; `notify template reset \(name)` brings back the built-in one")
        }
        try MessageTemplates.check(body, name: name)
        try store.write { tx in
            try tx.saveTemplate(name: name.description, locale: locale.rawValue, body: body, actor: actor.id, now: now)
            try tx.recordEvent(.templateSet, subject: nil, actor: actor.id, data: ["name": name.description, "locale": locale.rawValue], at: now)
        }
    }

    /// Back to the built-in template; false when it was not changed.
    public func resetTemplate(_ raw: String, locale: MessageLocale, actor: User) throws -> Bool {
        try Access.require(actor, .changeMessages)
        let name = try TemplateName(parsing: raw)
        return try store.write { tx in
            guard try tx.deleteTemplate(name: name.description, locale: locale.rawValue) else { return false }
            try tx.recordEvent(.templateReset, subject: nil, actor: actor.id, data: ["name": name.description, "locale": locale.rawValue], at: now)
            return true
        }
    }

    // MARK: Sender and language

    public func settings(event: Event?, actor: User) throws -> MessageSettings {
        try Self.requireNotifier(actor)
        let sender = try MessageComposer.sender(store)
        return MessageSettings(
            sender: sender.name.isEmpty ? sender.address : "\(sender.name) <\(sender.address)>",
            locale: try store.settingValue("notify.locale") ?? "en",
            eventLocale: try event.flatMap { try store.eventLocale(eventID: $0.id) }, attachPDF: try Self.attachesPDF(store))
    }

    static let attachPDFSetting = "notify.attach_pdf"

    static func attachesPDF(_ store: Store) throws -> Bool { try store.settingValue(attachPDFSetting) == "on" }

    /// `notify settings --attach-pdf on|off`: confirmations (and tickets received by
    /// transfer) carry a PDF of their tickets, one per page (admins). Printing must work here.
    public func setAttachPDF(_ on: Bool, actor: User) throws {
        try Access.require(actor, .changeMessages)
        if on && !PDFDocument.isAvailable { throw PDFDocument.unavailable }
        try store.write { tx in
            try tx.saveSetting(Self.attachPDFSetting, on ? "on" : "off")
            try tx.recordEvent(.settingsAttachPdf, subject: nil, actor: actor.id, data: ["value": on ? "on" : "off"], at: now)
        }
    }

    /// `notify settings --sender`: the From of every message (admins).
    public func setSender(_ raw: String, actor: User) throws {
        try Access.require(actor, .changeMessages)
        guard let mailbox = MailMessage.Mailbox.parse(raw) else {
            throw BilletterieError.invalidInput(code: "invalid_sender", message: "invalid sender '\(raw)'; write it as \"Box office <tickets@venue.example>\"")
        }
        let text = mailbox.name.isEmpty ? mailbox.address : "\(mailbox.name) <\(mailbox.address)>"
        try store.write { tx in
            try tx.saveSetting("notify.sender", text)
            try tx.recordEvent(.settingsSenderSet, subject: nil, actor: actor.id, data: ["sender": text], at: now)
        }
    }

    /// The store's language (admins), or one event's (its organizer or an admin).
    public func setLocale(_ locale: MessageLocale, event: Event?, actor: User) throws {
        if let event {
            try Access.requireManages(event, actor, action: "choosing an event's message language")
            try store.write { tx in
                try tx.setEventLocale(eventID: event.id, locale: locale.rawValue)
                try tx.recordEvent(.eventLocaleSet, subject: event.id, actor: actor.id, data: ["locale": locale.rawValue], at: now)
            }
        } else {
            try Access.require(actor, .changeMessages)
            try store.write { tx in
                try tx.saveSetting("notify.locale", locale.rawValue)
                try tx.recordEvent(.settingsLocaleSet, subject: nil, actor: actor.id, data: ["locale": locale.rawValue], at: now)
            }
        }
    }
}

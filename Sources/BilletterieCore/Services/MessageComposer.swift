import Foundation
import Mustache

/// Turns a planned notification into a mail message: gathers what its kind shows (from
/// the store as it is now), renders the store's or the built-in templates in the event's
/// language, and attaches the QR images and the calendar entry.
final class MessageComposer {
    let store: Store
    let now: Date
    let sender: MailMessage.Mailbox
    let storeLocale: MessageLocale
    private var events: [String: (event: Event, locale: MessageLocale, sequence: Int64)] = [:]
    /// Parsed once per run: a batch of 10 000 messages uses the same few templates.
    private var templates: [String: MustacheTemplate] = [:]
    /// A calendar entry is the same for every message about the same event in one run.
    private var calendars: [String: String] = [:]
    private var formatters: [String: DateFormatter] = [:]
    /// And their texts: Foundation remakes its ICU formatter for every `string(from:)`, and a
    /// run writes the same event's start into every message.
    private var dateTexts: [String: String] = [:]
    /// `notify settings --attach-pdf on`: tickets also as a PDF.
    let attachPDF: Bool

    init(store: Store, now: Date) throws {
        self.store = store
        self.now = now
        sender = try Self.sender(store)
        storeLocale = (try store.settingValue("notify.locale")).flatMap(MessageLocale.init(rawValue:)) ?? .en
        attachPDF = try Notifier.attachesPDF(store)
    }

    /// The From of every message: `notify sender`, else the venue's name at a local address.
    static func sender(_ store: Store) throws -> MailMessage.Mailbox {
        if let configured = try store.settingValue("notify.sender"), let mailbox = MailMessage.Mailbox.parse(configured) { return mailbox }
        return MailMessage.Mailbox(name: try store.settings().venueName ?? "Box office", address: "box-office@localhost")
    }

    var domain: String { String(sender.address.split(separator: "@").last ?? "localhost") }

    /// A message, or why it is no longer true and is not written (the message about what
    /// happened since tells the recipient).
    enum Composed {
        /// The message, and the tickets to attach as a PDF (`--attach-pdf on`), drawn by
        /// `finish` after composing: drawing is pure computation, so a batch's PDFs are drawn
        /// on every core while composing reads the store on one.
        case message(MailMessage, printing: TicketsToPrint?)
        case withdrawn(String)
    }

    struct TicketsToPrint: Sendable {
        let tickets: [Ticket]
        let event: Event
        let seller: String
        let fileName: String
        /// The QR codes already made for the message's images, by ticket code.
        let matrices: [String: QRMatrix]
    }

    /// The message's bytes as they go on disk, its tickets' PDF attached.
    static func finish(_ message: MailMessage, printing: TicketsToPrint?) throws -> [UInt8] {
        var message = message
        if let printing {
            let pdf = try Printing.ticketPages(
                printing.tickets, event: printing.event, seller: printing.seller, paper: .a4, matrices: printing.matrices)
            message.attachments.append(MailMessage.Part(contentType: "application/pdf", fileName: printing.fileName, bytes: pdf.bytes))
        }
        return message.bytes()
    }

    /// Composes from the store as it is now, so that no message contradicts another or the
    /// store: what was planned is checked against what happened since.
    func compose(_ notification: QueuedMessage) throws -> Composed {
        guard let eventID = notification.eventID, let context = try event(eventID) else {
            throw BilletterieError.notFound(entity: "event", identifier: notification.eventID ?? "(none)")
        }
        let event = context.event
        // A cancelled event's only true news is its cancellation (whose CANCEL entry carries
        // the highest SEQUENCE): confirmations, updates, reminders and offers are withdrawn.
        if event.status == .cancelled && notification.kind != .eventCancelled && notification.kind != .refundIssued
            && notification.kind != .ticketTransferred
        {
            return .withdrawn("\(event.slug) was cancelled since; the cancellation message tells it")
        }
        let locale = context.locale
        var values = common(notification, event: event, locale: locale)
        var tickets: [(id: String, name: String, tier: String, code: String, reference: String)] = []
        let data = notification.data

        switch notification.kind {
        case .orderConfirmation:
            let order = try order(notification.subjectID)
            tickets = order.tickets.filter { $0.status == .valid || $0.status == .used }
                .map { ($0.id, $0.attendee.name, $0.tierName, $0.code, $0.reference) }
            guard !tickets.isEmpty else { return .withdrawn("\(order.id) is \(order.status.rawValue) now: no ticket to send") }
            values["order"] = [
                "id": order.id, "total": money(order.total, locale), "receipt": order.receiptNumber.map(String.init) ?? "",
                // A guest-list or free order is not thanked for 0.00.
                "free": order.total.minor == 0,
            ]
        case .paymentFailed:
            let order = try order(notification.subjectID)
            guard let payment = order.payments.first(where: { $0.id == data["payment"] }) else {
                throw BilletterieError.notFound(entity: "payment", identifier: data["payment"] ?? "")
            }
            guard order.status == .reserved, order.due.minor > 0 else {
                return .withdrawn("\(order.id) is \(order.status.rawValue) now: the declined payment no longer matters")
            }
            values["order"] = ["id": order.id, "due": money(order.due, locale)]
            values["payment"] = [
                "amount": money(payment.amount, locale), "reason": (payment.declineReason ?? "").replacingOccurrences(of: "_", with: " "),
                "card": [payment.cardBrand, payment.cardLast4.map { "•••• " + $0 }].compactMap { $0 }.joined(separator: " "),
            ]
        case .refundIssued:
            let order = try order(notification.subjectID)
            guard let refund = order.refunds.first(where: { $0.id == data["refund"] }) else {
                throw BilletterieError.notFound(entity: "refund", identifier: data["refund"] ?? "")
            }
            values["order"] = ["id": order.id]
            values["refund"] = [
                "amount": money(refund.amount, locale), "method": refund.method.rawValue, "reason": refund.reason,
                "isCard": refund.method == .card,
                "card": ([locale == .fr ? "votre carte" : "your card", refund.cardBrand, refund.cardLast4.map { "•••• " + $0 }] as [String?])
                    .compactMap { $0 }.joined(separator: " "),
                "handed": refund.method == .cash && !refund.cashOwed, "owed": refund.cashOwed, "collect": collectAt,
            ]
            values["tickets"] = order.tickets.filter { refund.tickets.contains($0.id) }
                .map { ["id": $0.id, "name": $0.attendee.name, "tier": $0.tierName, "code": "", "qr": ""] }
        case .ticketTransferred, .ticketReceived:
            guard let old = try store.ticket(idOrCode: data["from_ticket"] ?? "", now: now),
                let new = try store.ticket(idOrCode: data["to_ticket"] ?? "", now: now)
            else {
                throw BilletterieError.notFound(entity: "ticket", identifier: data["to_ticket"] ?? "")
            }
            values["ticket"] = ["id": old.id, "name": old.attendee.name, "tier": old.tierName, "code": "", "qr": ""]
            values["to"] = ["name": new.attendee.name, "email": new.attendee.email]
            values["from"] = ["name": old.attendee.name, "email": old.attendee.email]
            // An unpaid ticket's code and reference wait for the payment (CLI.md section 10).
            if notification.kind == .ticketReceived {
                guard new.status != .void else {
                    return .withdrawn("\(new.id) is \(new.status.rawValue) now")
                }
                if new.status != .pending { tickets = [(new.id, new.attendee.name, new.tierName, new.code, new.reference)] }
            }
        case .eventUpdated:
            values["changed"] = ["time": data["time"] == "yes", "venue": data["venue"] == "yes"]
        case .eventCancelled:
            let refunded = Money(minor: Int64(data["refund_minor"] ?? "0") ?? 0, currency: event.currency)
            let cash = Money(minor: Int64(data["cash_minor"] ?? "0") ?? 0, currency: event.currency)
            let card = Money(minor: refunded.minor - cash.minor, currency: event.currency)
            values["reason"] = data["reason"] ?? ""
            values["refund"] = [
                "amount": money(refunded, locale), "any": refunded.minor > 0,
                "card": money(card, locale), "anyCard": card.minor > 0,
                "cash": money(cash, locale), "anyCash": cash.minor > 0, "collect": collectAt,
            ]
            values["tickets"] = try (data["tickets"] ?? "").split(separator: ",").compactMap { id -> [String: Any]? in
                guard let ticket = try store.ticket(idOrCode: String(id), now: now) else { return nil }
                return ["id": ticket.id, "name": ticket.attendee.name, "tier": ticket.tierName, "code": "", "qr": ""]
            }
        case .waitlistOffer:
            let zone = TimeZone(identifier: event.timezone) ?? TimeZone(identifier: "UTC")!
            let ends = Date(epochSeconds: Int64(data["ends_at"] ?? "") ?? 0)
            values["offer"] = ["code": data["code"] ?? "", "tier": data["tier"] ?? "", "quantity": data["quantity"] ?? "", "ends": date(ends, zone, locale)]
        case .reminder:
            let ids = (data["tickets"] ?? "").split(separator: ",").map(String.init)
            for id in ids {
                if let ticket = try store.ticket(idOrCode: id, now: now), ticket.status == .valid {
                    tickets.append((ticket.id, ticket.attendee.name, ticket.tierName, ticket.code, ticket.reference))
                }
            }
            guard !tickets.isEmpty else { return .withdrawn("none of its tickets is valid now") }
        }

        var images: [MailMessage.Part] = []
        var matrices: [String: QRMatrix] = [:]
        if notification.kind.carriesTickets {
            values["tickets"] = try tickets.map { ticket -> [String: Any] in
                let contentID = "qr-\(ticket.id)@\(domain)"
                let matrix = try QRMatrix(encoding: ticket.code)
                matrices[ticket.code] = matrix
                images.append(
                    MailMessage.Part(contentType: "image/png", fileName: "\(ticket.id).png", contentID: contentID, bytes: matrix.png(scale: 5)))
                return [
                    "id": ticket.id, "name": ticket.name, "tier": ticket.tier, "code": ticket.code, "reference": ticket.reference, "qr": "cid:" + contentID,
                ]
            }
        }
        var printing: TicketsToPrint?
        if attachPDF, notification.kind.carriesTickets, notification.kind != .reminder, !tickets.isEmpty {
            let shown = try tickets.compactMap { try store.ticket(idOrCode: $0.id, now: now) }
            printing = TicketsToPrint(tickets: shown, event: event, seller: sender.name, fileName: "tickets-\(event.slug).pdf", matrices: matrices)
        }
        let kind = notification.kind
        let subject = try render(TemplateName(kind: kind, part: .subject), locale, values)
            .split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        let text = try render(TemplateName(kind: kind, part: .text), locale, values)
        let html = Self.page(try render(TemplateName(kind: kind, part: .html), locale, values), title: subject, locale: locale)

        var message = MailMessage(
            from: sender, to: [MailMessage.Mailbox(name: notification.recipient.name, address: notification.recipient.email)],
            subject: subject, date: now, messageID: "\(notification.id)@\(domain)", text: text, html: html)
        message.inlineImages = images
        if kind.carriesCalendar {
            let method: CalendarEntry.Method = kind == .eventCancelled ? .cancel : .publish
            let key = event.id + "/" + method.rawValue
            let text =
                calendars[key]
                ?? {
                    let zone = TimeZone(identifier: event.timezone) ?? TimeZone(identifier: "UTC")!
                    return CalendarEntry(
                        uid: "\(event.id)@\(domain)", sequence: context.sequence, title: event.title, description: event.description,
                        location: [event.venue.name, event.venue.address].filter { !$0.isEmpty }.joined(separator: ", "),
                        startsAt: event.startsAt, endsAt: event.endsAt, timeZone: zone, organizer: sender, stamp: now,
                        method: method
                    ).text
                }()
            calendars[key] = text
            message.attachments = [
                MailMessage.Part(
                    contentType: "text/calendar; charset=utf-8; method=\(method.rawValue)",
                    fileName: "\(event.slug).ics", bytes: Array(text.utf8))
            ]
        }
        return .message(message, printing: printing)
    }

    // MARK: Pieces

    /// Where cash refunds are collected: the box office (`pay seller`), named and addressed.
    var collectAt: String {
        let settings = try? store.settings()
        return [sender.name, settings?.venueAddress ?? ""].filter { !$0.isEmpty }.joined(separator: ", ")
    }

    private func common(_ notification: QueuedMessage, event: Event, locale: MessageLocale) -> [String: Any] {
        let zone = TimeZone(identifier: event.timezone) ?? TimeZone(identifier: "UTC")!
        return [
            "recipient": ["name": notification.recipient.name, "email": notification.recipient.email],
            "event": [
                "title": event.title, "starts": date(event.startsAt, zone, locale), "ends": date(event.endsAt, zone, locale),
                "venue": event.venue.name, "address": event.venue.address, "timezone": event.timezone, "description": event.description,
            ],
            "sender": ["name": sender.name, "email": sender.address],
        ]
    }

    private func event(_ id: String) throws -> (event: Event, locale: MessageLocale, sequence: Int64)? {
        if let cached = events[id] { return cached }
        guard let event = try store.events(identifiedBy: id, now: now).first else { return nil }
        let locale = try store.eventLocale(eventID: id).flatMap(MessageLocale.init(rawValue:)) ?? storeLocale
        // SEQUENCE (RFC 5545) grows with each change a calendar should apply.
        let sequence = try store.calendarSequence(eventID: id)
        events[id] = (event, locale, sequence)
        return events[id]
    }

    private func order(_ id: String?) throws -> Order {
        guard let id, let order = try store.order(id: id, now: now) else { throw BilletterieError.notFound(entity: "order", identifier: id ?? "") }
        return order
    }

    private func render(_ name: TemplateName, _ locale: MessageLocale, _ values: [String: Any]) throws -> String {
        let key = "\(name)/\(locale.rawValue)"
        if let cached = templates[key] { return cached.render(values) }
        let body = try store.customTemplate(name: name.description, locale: locale.rawValue) ?? BuiltInTemplates.body(name, locale)
        let template = try MessageTemplates.compile(body, part: name.part)
        templates[key] = template
        return template.render(values)
    }

    /// `Saturday 1 August 2026, 20:00 CEST` / `samedi 1 août 2026 à 20:00 UTC+2`, in the event's zone.
    func date(_ date: Date, _ zone: TimeZone, _ locale: MessageLocale) -> String {
        let key = zone.identifier + "/" + locale.rawValue
        let textKey = key + "/" + String(date.epochSeconds)
        if let text = dateTexts[textKey] { return text }
        let formatter: DateFormatter
        if let cached = formatters[key] {
            formatter = cached
        } else {
            formatter = DateFormatter()
            formatter.locale = Locale(identifier: locale == .fr ? "fr_FR" : "en_GB")
            formatter.timeZone = zone
            formatter.setLocalizedDateFormatFromTemplate("EEEEdMMMMyyyyHHmmzzz")
            formatters[key] = formatter
        }
        let text = formatter.string(from: date)
        dateTexts[textKey] = text
        return text
    }

    func money(_ amount: Money, _ locale: MessageLocale) -> String {
        locale == .fr ? amount.decimalText.replacingOccurrences(of: ".", with: ",") + " " + amount.currency.code : amount.description
    }

    /// The HTML part: the rendered template inside a page mail programs display well.
    static func page(_ body: String, title: String, locale: MessageLocale) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(locale.rawValue)"><head><meta charset="utf-8"><title>\(title.htmlEscaped)</title>
        <style>body{font-family:sans-serif;line-height:1.4;max-width:40em;margin:1em auto;color:#222}
        .ticket{border:1px solid #ccc;border-radius:6px;padding:.5em 1em;margin:1em 0}
        .code{font-family:monospace;font-size:.8em;word-break:break-all}</style></head>
        <body>
        \(body)
        </body></html>
        """
    }
}

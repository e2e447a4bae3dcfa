import Foundation

public enum NotificationStatus: String, CaseIterable, Sendable, Encodable {
    case pending, sent, failed
    /// No longer true when its turn came (the order was cancelled or paid since): not written.
    case withdrawn
}

/// A notification: a message to write, or written: who, about what, and where it went.
public struct QueuedMessage: Sendable, Encodable {
    public let id: String
    public let kind: MessageKind
    public let eventID: String?
    public let subjectID: String?
    public let sourceSequence: Int64?
    public let recipient: Attendee
    /// Details fixed when the message was planned (JSON object of strings).
    public let data: [String: String]
    public var status: NotificationStatus
    public var failure: String?
    public var attempts: Int
    public let file: String
    public var subject: String?
    public let createdAt: Date
    public var sentAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, kind, status, failure, attempts, file, subject
        case eventID = "event_id"
        case subjectID = "subject_id"
        case sourceSequence = "source_seq"
        case recipientEmail = "recipient_email"
        case recipientName = "recipient_name"
        case createdAt = "created_at"
        case sentAt = "sent_at"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(kind, forKey: .kind)
        try c.encode(status, forKey: .status)
        try c.encode(failure, forKey: .failure)
        try c.encode(attempts, forKey: .attempts)
        try c.encode(file, forKey: .file)
        try c.encode(subject, forKey: .subject)
        try c.encode(eventID, forKey: .eventID)
        try c.encode(subjectID, forKey: .subjectID)
        try c.encode(sourceSequence, forKey: .sourceSequence)
        try c.encode(recipient.email, forKey: .recipientEmail)
        try c.encode(recipient.name, forKey: .recipientName)
        try c.encode(TimeText.utc(createdAt), forKey: .createdAt)
        try c.encode(sentAt.map(TimeText.utc), forKey: .sentAt)
    }
}

/// A holder of live tickets of an event: who event-wide messages go to.
struct Holder {
    let email: String
    let name: String
    let tickets: [(id: String, name: String, tier: String, code: String, reference: String)]
}

extension Store {
    static let notificationColumns = """
        n.id, n.kind, n.event_id, n.subject_id, n.source_seq, n.recipient_email, n.recipient_name, n.data, n.status,
        n.failure, n.attempts, n.file, n.subject, n.created_at, n.sent_at
        """

    private func notification(from row: Row) throws -> QueuedMessage {
        let data = (try? JSONSerialization.jsonObject(with: Data(row.string("data").utf8))) as? [String: String] ?? [:]
        return QueuedMessage(
            id: try row.string("id"), kind: MessageKind(rawValue: try row.string("kind")) ?? .orderConfirmation,
            eventID: row.optionalString("event_id"), subjectID: row.optionalString("subject_id"), sourceSequence: row.optionalInt("source_seq"),
            recipient: Attendee(name: try row.string("recipient_name"), email: try row.string("recipient_email")), data: data,
            status: NotificationStatus(rawValue: try row.string("status")) ?? .pending, failure: row.optionalString("failure"),
            attempts: Int(try row.int("attempts")), file: try row.string("file"), subject: row.optionalString("subject"),
            createdAt: Date(epochSeconds: try row.int("created_at")), sentAt: row.optionalInt("sent_at").map(Date.init(epochSeconds:)))
    }

    /// The last domain event already turned into notifications.
    func notifyCursor() throws -> Int64 {
        Int64(try settingValue("notify.cursor") ?? "0") ?? 0
    }

    /// Notifications `viewer` may handle (an admin all, an organizer those of their events),
    /// oldest first.
    func notifications(statuses: [NotificationStatus], viewer: User, eventID: String? = nil, limit: Int = -1, offset: Int = 0)
        throws -> (notifications: [QueuedMessage], total: Int)
    {
        try read {
            let placeholders = statuses.map { _ in "?" }.joined(separator: ", ")
            let filter = """
                FROM notifications n LEFT JOIN events e ON e.id = n.event_id
                WHERE n.status IN (\(placeholders)) AND (? OR e.organizer_id = ?) AND (? IS NULL OR n.event_id = ?)
                """
            var arguments: [SQLBindable] = statuses.map(\.rawValue)
            arguments += [viewer.role == .admin ? 1 : 0, viewer.id, eventID, eventID]
            let total = try db.rows("SELECT count(*) AS n \(filter)", arguments: arguments).first?.int("n") ?? 0
            let rows = try db.rows(
                "SELECT \(Self.notificationColumns) \(filter) ORDER BY n.created_at, n.rowid LIMIT ? OFFSET ?",
                arguments: arguments + [limit < 0 ? Int.max : limit, offset])
            return (try rows.map { try notification(from: $0) }, Int(total))
        }
    }

    func notification(id: String) throws -> QueuedMessage? {
        try read { try db.row("SELECT \(Self.notificationColumns) FROM notifications n WHERE n.id = ?", id).map { try notification(from: $0) } }
    }

    /// The oldest message not yet written (for `doctor`).
    public func oldestUnsentNotification() throws -> Date? {
        try read { try db.row("SELECT min(created_at) AS t FROM notifications WHERE status != 'sent'")?.optionalInt("t").map(Date.init(epochSeconds:)) }
    }

    // MARK: Who to write to

    /// Which of an event's ticket holders a message is for.
    enum HolderSelection {
        /// Holding a valid or used ticket (a change of time or place concerns them).
        case holding
        /// Whose tickets an event's cancellation voided, in the transaction at `at`.
        case voidedByCancellation(at: Date)
        /// Holding a valid ticket not yet reminded of the event.
        case toRemind
    }

    /// The selected holders of an event's tickets, one per e-mail address: an attendee's own
    /// address, which is the buyer's unless the ticket was given to someone.
    func holders(eventID: String, _ selection: HolderSelection) throws -> [Holder] {
        let condition: String
        var arguments: [SQLBindable] = []
        switch selection {
        case .holding:
            condition = "t.status IN ('valid', 'used')"
        case .voidedByCancellation(let at):
            condition = "t.status = 'void' AND t.updated_at = ? AND t.void_reason IN ('refunded', 'event cancelled')"
            arguments.append(at.epochSeconds)
        case .toRemind:
            condition = "t.status = 'valid' AND NOT EXISTS (SELECT 1 FROM reminded_tickets r WHERE r.ticket_id = t.id)"
        }
        return try read {
            var order: [String] = []
            var byEmail: [String: (name: String, tickets: [(String, String, String, String, String)])] = [:]
            try db.forEachRow(
                """
                SELECT t.id, t.attendee_name, t.attendee_email, t.code, t.reference, tr.name AS tier FROM tickets t JOIN tiers tr ON tr.id = t.tier_id
                WHERE t.event_id = ? AND \(condition)
                ORDER BY t.attendee_email, t.rowid
                """, arguments: [eventID] + arguments
            ) { row in
                let email = try row.string("attendee_email")
                if byEmail[email] == nil {
                    order.append(email)
                    byEmail[email] = (try row.string("attendee_name"), [])
                }
                byEmail[email]!.tickets.append(
                    (
                        try row.string("id"), try row.string("attendee_name"), try row.string("tier"), try row.string("code"),
                        row.optionalString("reference") ?? ""
                    ))
            }
            return order.map { email in
                Holder(
                    email: email, name: byEmail[email]!.name,
                    tickets: byEmail[email]!.tickets.map { (id: $0.0, name: $0.1, tier: $0.2, code: $0.3, reference: $0.4) })
            }
        }
    }

    /// An order's event and buyer, without its tickets and payments (planning reads one per paid order).
    func orderBuyer(id: String) throws -> (eventID: String, buyer: Attendee)? {
        try read {
            try db.row("SELECT event_id, buyer_name, buyer_email FROM orders WHERE id = ?", id).map {
                (try $0.string("event_id"), Attendee(name: try $0.string("buyer_name"), email: try $0.string("buyer_email")))
            }
        }
    }

    /// What an event's cancellation refunded, per buyer: in all, and of it the cash still
    /// to be handed back (card refunds go back by themselves).
    func cancellationRefunds(eventID: String) throws -> [(email: String, name: String, minor: Int64, cashOwedMinor: Int64)] {
        try read {
            try db.rows(
                """
                SELECT o.buyer_email, min(o.buyer_name) AS buyer_name, sum(r.amount_minor) AS minor,
                       coalesce(sum(r.amount_minor) FILTER (WHERE r.method = 'cash' AND r.handed_back_at IS NULL), 0) AS owed
                FROM refunds r JOIN orders o ON o.id = r.order_id
                WHERE o.event_id = ? AND r.reason LIKE 'event cancelled:%' GROUP BY o.buyer_email ORDER BY min(r.rowid)
                """, eventID
            ).map { (try $0.string("buyer_email"), try $0.string("buyer_name"), try $0.int("minor"), try $0.int("owed")) }
        }
    }

    /// Published events starting between `from` and `until`.
    func eventIDsStarting(from: Date, until: Date) throws -> [String] {
        try read {
            try db.rows(
                "SELECT id FROM events WHERE status = 'published' AND starts_at >= ? AND starts_at <= ? ORDER BY starts_at",
                from.epochSeconds, until.epochSeconds
            ).map { try $0.string("id") }
        }
    }

    /// How many times an event's calendar entry changed: its RFC 5545 SEQUENCE.
    func calendarSequence(eventID: String) throws -> Int64 {
        try read {
            try db.row(
                """
                SELECT count(*) AS n FROM domain_events WHERE subject_id = ?
                AND type IN (\(DomainEventKind.changingCalendars.map { "'\($0.rawValue)'" }.joined(separator: ", ")))
                """, eventID)?.int("n") ?? 0
        }
    }

    // MARK: Language and templates

    func eventLocale(eventID: String) throws -> String? {
        try read { try db.row("SELECT locale FROM events WHERE id = ?", eventID)?.optionalString("locale") }
    }

    func customTemplates() throws -> [(name: String, locale: String, updatedAt: Date)] {
        try read {
            try db.rows("SELECT name, locale, updated_at FROM message_templates ORDER BY name, locale").map {
                (try $0.string("name"), try $0.string("locale"), Date(epochSeconds: try $0.int("updated_at")))
            }
        }
    }

    func customTemplate(name: String, locale: String) throws -> String? {
        try read { try db.row("SELECT body FROM message_templates WHERE name = ? AND locale = ?", name, locale)?.string("body") }
    }

}

extension StoreTransaction {
    func setNotifyCursor(_ sequence: Int64) throws {
        try saveSetting("notify.cursor", String(sequence))
    }

    /// Inserts a planned message unless one with the same key exists; true when inserted.
    @discardableResult
    func insertNotification(
        key: String, kind: MessageKind, eventID: String?, subjectID: String?, sourceSequence: Int64?,
        recipient: Attendee, data: [String: String], now: Date
    ) throws -> String? {
        let id = Identifier.make(.notification)
        let json = String(decoding: try JSONSerialization.data(withJSONObject: data, options: [.sortedKeys]), as: UTF8.self)
        // Maildir names: unique, and fixed now so that a rerun recognises its own file.
        let file = "\(now.epochSeconds).\(id).billetterie.eml"
        let inserted = try db.execute(
            """
            INSERT INTO notifications (id, dedupe_key, kind, event_id, subject_id, source_seq, recipient_email, recipient_name, data, file, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING
            """, id, key, kind.rawValue, eventID, subjectID, sourceSequence, recipient.email, recipient.name, json, file, now.epochSeconds)
        return inserted > 0 ? id : nil
    }

    func markNotificationsSent(_ written: [(id: String, subject: String)], now: Date) throws {
        for (id, subject) in written {
            try db.execute(
                """
                UPDATE notifications SET status = 'sent', subject = ?, sent_at = ?, failure = NULL, attempts = attempts + 1 WHERE id = ?
                """, subject, now.epochSeconds, id)
        }
    }

    func markNotificationFailed(id: String, reason: String) throws {
        try db.execute("UPDATE notifications SET status = 'failed', failure = ?, attempts = attempts + 1 WHERE id = ?", reason, id)
    }

    func markNotificationWithdrawn(id: String, reason: String) throws {
        try db.execute("UPDATE notifications SET status = 'withdrawn', failure = ? WHERE id = ?", reason, id)
    }

    func markReminded(ticketIDs: [String], notificationID: String) throws {
        for id in ticketIDs {
            try db.execute("INSERT INTO reminded_tickets (ticket_id, notification_id) VALUES (?, ?) ON CONFLICT DO NOTHING", id, notificationID)
        }
    }

    func setEventLocale(eventID: String, locale: String?) throws {
        try db.execute("UPDATE events SET locale = ? WHERE id = ?", locale, eventID)
    }

    func saveTemplate(name: String, locale: String, body: String, actor: String, now: Date) throws {
        try db.execute(
            """
            INSERT INTO message_templates (name, locale, body, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (name, locale) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """, name, locale, body, now.epochSeconds, actor)
    }

    @discardableResult
    func deleteTemplate(name: String, locale: String) throws -> Bool {
        try db.execute("DELETE FROM message_templates WHERE name = ? AND locale = ?", name, locale) > 0
    }
}

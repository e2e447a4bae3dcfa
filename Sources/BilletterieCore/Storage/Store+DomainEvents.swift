import Foundation

/// A recorded state change, as notifications and the audit report read it.
public struct DomainEvent: Sendable, Equatable {
    public let sequence: Int64
    public let type: String
    /// The type as a case; nil for a kind this version does not know (a newer store's).
    public var kind: DomainEventKind? { DomainEventKind(rawValue: type) }
    public let subjectID: String?
    public let actorID: String?
    /// The event's details as a JSON object.
    public let data: String
    public let occurredAt: Date
}

extension Store {
    static let eventEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// Events in the order they happened, optionally only those after `sequence` or about `subject`.
    public func domainEvents(after sequence: Int64 = 0, subject: String? = nil, limit: Int = -1) throws -> [DomainEvent] {
        try read {
            try db.rows(
                """
                SELECT seq, type, subject_id, actor_id, data, occurred_at FROM domain_events
                WHERE seq > ? AND (? IS NULL OR subject_id = ?) ORDER BY seq LIMIT ?
                """, sequence, subject, subject, limit < 0 ? Int.max : limit
            ).map {
                DomainEvent(
                    sequence: try $0.int("seq"), type: try $0.string("type"), subjectID: $0.optionalString("subject_id"),
                    actorID: $0.optionalString("actor_id"), data: try $0.string("data"),
                    occurredAt: Date(epochSeconds: try $0.int("occurred_at")))
            }
        }
    }
}

extension StoreTransaction {
    /// Appends a domain event. Call it inside the `write` that makes the change it records,
    /// so the event exists exactly when the change does.
    func recordEvent(_ type: DomainEventKind, subject: String?, actor: String?, data: some Encodable, at now: Date) throws {
        try insertRows("domain_events", Self.eventInsertColumns, [try Self.eventInsertValues(type, subject: subject, actor: actor, data: data, at: now)])
    }

    static let eventInsertColumns = "type, subject_id, actor_id, data, occurred_at"

    static func eventInsertValues(_ type: DomainEventKind, subject: String?, actor: String?, data: some Encodable, at now: Date) throws -> [SQLBindable] {
        [type.rawValue, subject, actor, String(decoding: try Store.eventEncoder.encode(data), as: UTF8.self), now.epochSeconds]
    }
}

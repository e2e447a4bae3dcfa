import Foundation

/// Notifications (CLI.md section 7): the domain events are the queue. `plan` turns the
/// ones not yet seen into notification rows (idempotent: each has a key); `deliver` writes
/// the pending ones to the outbox as mail files. A message exists only for a change that
/// committed, because it is planned from the domain event written in the change's own
/// transaction.
public struct Notifier {
    public struct Summary: Sendable, Encodable {
        public var planned = 0
        public var written = 0
        public var failed = 0
        public var outbox = ""
        public var failures: [String] = []
        /// Waiting-list offers made by this run (CLI.md section 13).
        public var waitlistOffered = 0
        /// Messages no longer true when their turn came (an order cancelled, or paid, since):
        /// not written; the message about what happened since tells it.
        public var withdrawn = 0

        enum CodingKeys: String, CodingKey {
            case planned, written, failed, outbox, failures, withdrawn
            case waitlistOffered = "waitlist_offered"
        }
    }

    let store: Store
    let now: Date
    public let outbox: Outbox
    /// Messages written per file-system sync; small in tests that stop a run midway.
    let batchSize: Int

    public init(store: Store, now: Date, outboxPath: String, batchSize: Int = 200) {
        self.store = store
        self.now = now
        self.outbox = Outbox(path: outboxPath)
        self.batchSize = max(1, batchSize)
    }

    static func requireNotifier(_ actor: User) throws {
        guard actor.role == .admin || actor.role == .organizer else {
            throw BilletterieError.roleNotAllowed(action: "handling notifications", allowed: [.admin, .organizer], actual: actor.role)
        }
    }

    // MARK: Planning

    /// Turns every domain event after the cursor into notification rows, 500 events per
    /// transaction, and moves the cursor with them. Returns how many messages were planned.
    @discardableResult
    public func plan() throws -> Int {
        var planned = 0
        while true {
            let done: Bool = try store.write { tx in
                let cursor = try store.notifyCursor()
                let events = try store.domainEvents(after: cursor, limit: 500)
                for event in events { planned += try plan(event, tx: tx) }
                if let last = events.last { try tx.setNotifyCursor(last.sequence) }
                return events.count < 500
            }
            if done { return planned }
        }
    }

    private func plan(_ event: DomainEvent, tx: StoreTransaction) throws -> Int {
        guard let fact = MessageFact(event) else { return 0 }
        var planned = 0
        func add(_ key: String, _ kind: MessageKind, eventID: String?, subject: String?, to recipient: Attendee, _ details: [String: String] = [:]) throws {
            // A walk-in sale at the counter has no address: nothing to send.
            guard !recipient.email.isEmpty else { return }
            if try tx.insertNotification(
                key: key, kind: kind, eventID: eventID, subjectID: subject, sourceSequence: event.sequence,
                recipient: recipient, data: details, now: event.occurredAt) != nil
            {
                planned += 1
            }
        }
        switch fact {
        case .orderPaid(let id):
            guard let order = try store.orderBuyer(id: id) else { return 0 }
            try add("order.paid:\(id)", .orderConfirmation, eventID: order.eventID, subject: id, to: order.buyer)
        case .paymentFailed(let id, let payment):
            guard let order = try store.order(id: id, now: now) else { return 0 }
            // Only a buyer who paid themselves hears of a decline: at the counter the card was
            // handed to a cashier, who saw the terminal's answer and tried again.
            guard let payer = try event.actorID.flatMap({ try store.user(identifiedBy: $0) }), Self.paidThemselves(payer, order) else {
                return 0
            }
            try add("payment.failed:\(payment)", .paymentFailed, eventID: order.eventID, subject: id, to: order.buyer, ["payment": payment])
        case .refundIssued(let id, let refund, let cause):
            // An event's cancellation says it all in one message per holder.
            guard cause == .request, let order = try store.order(id: id, now: now) else { return 0 }
            try add("refund.issued:\(refund)", .refundIssued, eventID: order.eventID, subject: id, to: order.buyer, ["refund": refund])
        case .ticketTransferred(let from, let to, let eventID):
            guard let old = try store.ticket(idOrCode: from, now: now), let new = try store.ticket(idOrCode: to, now: now) else { return 0 }
            let details = ["from_ticket": from, "to_ticket": to]
            try add("ticket.transferred:\(to):from", .ticketTransferred, eventID: eventID, subject: to, to: old.attendee, details)
            try add("ticket.transferred:\(to):to", .ticketReceived, eventID: eventID, subject: to, to: new.attendee, details)
        case .eventUpdated(let eventID, let fields):
            let time = !fields.isDisjoint(with: ["starts_at", "ends_at", "timezone"])
            let venue = !fields.isDisjoint(with: ["venue", "address"])
            guard time || venue else { return 0 }
            for holder in try store.holders(eventID: eventID, .holding) {
                try add(
                    "event.updated:\(event.sequence):\(holder.email)", .eventUpdated, eventID: eventID, subject: eventID,
                    to: Attendee(name: holder.name, email: holder.email), ["time": time ? "yes" : "", "venue": venue ? "yes" : ""])
            }
        case .eventCancelled(let eventID, let reason):
            // The cascade voided the live tickets and refunded their orders in the same
            // transaction, at the same second.
            let voided = try store.holders(eventID: eventID, .voidedByCancellation(at: event.occurredAt))
            let refunds = try store.cancellationRefunds(eventID: eventID)
            var recipients = voided.map { (email: $0.email, name: $0.name, tickets: $0.tickets.map(\.id)) }
            for refund in refunds where !recipients.contains(where: { $0.email == refund.email }) {
                recipients.append((refund.email, refund.name, []))
            }
            for recipient in recipients {
                let refund = refunds.first { $0.email == recipient.email }
                try add(
                    "event.cancelled:\(eventID):\(recipient.email)", .eventCancelled, eventID: eventID, subject: eventID,
                    to: Attendee(name: recipient.name, email: recipient.email),
                    [
                        "refund_minor": String(refund?.minor ?? 0), "cash_minor": String(refund?.cashOwedMinor ?? 0),
                        "tickets": recipient.tickets.joined(separator: ","), "reason": reason,
                    ])
            }
        case .waitlistOffered(let id, let eventID, let recipient, let offer):
            try add(
                "waitlist.offered:\(id):\(offer.code ?? "")", .waitlistOffer, eventID: eventID, subject: id, to: recipient,
                ["code": offer.code ?? "", "tier": offer.tierName ?? "", "quantity": offer.quantity ?? "", "ends_at": offer.endsAt ?? ""])
        }
        return planned
    }

    /// Whether `payer` is the order's buyer (by a proven address, or a participant paying an
    /// order they placed), not a cashier or an organizer paying for someone.
    static func paidThemselves(_ payer: User, _ order: Order) -> Bool {
        EmailAddress.same(order.buyer.email, payer.provenEmail) || (order.createdBy == payer.id && payer.role == .participant)
    }

    // MARK: Writing

    /// Plans, then writes every pending or failed message `actor` handles. Messages that
    /// cannot be written are marked failed with the reason and retried by the next run.
    public func deliver(actor: User, progress: ((Int, Int) -> Void)? = nil) throws -> Summary {
        try Self.requireNotifier(actor)
        var summary = Summary()
        summary.outbox = outbox.path
        // Offers first, so that this run writes their mails.
        summary.waitlistOffered = try Waitlist(store: store, now: now).run(actor: actor).offered
        summary.planned = try plan()
        let pending = try store.notifications(statuses: [.pending, .failed], viewer: actor).notifications
        guard !pending.isEmpty else { return summary }
        do {
            try outbox.prepare()
        } catch let error as BilletterieError {
            try store.write { tx in for n in pending { try tx.markNotificationFailed(id: n.id, reason: error.message) } }
            throw error
        }
        let already = outbox.delivered()
        outbox.removeStale(Set(pending.map(\.file)))
        let composer = try MessageComposer(store: store, now: now)
        var done = 0
        for start in stride(from: 0, to: pending.count, by: batchSize) {
            let batch = pending[start..<min(start + batchSize, pending.count)]
            var composed: [(notification: QueuedMessage, message: MailMessage, printing: MessageComposer.TicketsToPrint?)] = []
            var subjects: [String: (id: String, subject: String)] = [:]
            var failures: [(id: String, reason: String)] = []
            var withdrawn: [(id: String, reason: String)] = []
            for notification in batch {
                do {
                    switch try composer.compose(notification) {
                    case .message(let message, let printing):
                        if !already.contains(notification.file) {
                            composed.append((notification, message, printing))
                        } else {
                            subjects[notification.file] = (notification.id, message.subject)
                        }
                    case .withdrawn(let reason):
                        withdrawn.append((notification.id, reason))
                    }
                } catch let error as BilletterieError {
                    failures.append((notification.id, error.message))
                }
            }
            // Drawing the PDFs and encoding the messages touches no store: on every core.
            if composed.contains(where: { $0.printing != nil }) { _ = PDFDocument.isAvailable }  // loads pango once, before the workers
            let finished = Parallel.map(composed.map { ($0.message, $0.printing) }, perWorker: 8) {
                try MessageComposer.finish($0.0, printing: $0.1)
            }
            var messages: [(name: String, bytes: [UInt8])] = []
            for (item, result) in zip(composed, finished) {
                switch result {
                case .success(let bytes):
                    subjects[item.notification.file] = (item.notification.id, item.message.subject)
                    messages.append((item.notification.file, bytes))
                case .failure(let error):
                    failures.append((item.notification.id, (error as? BilletterieError)?.message ?? "\(error)"))
                }
            }
            let result = outbox.deliver(messages)
            let written = subjects.filter { result.failed[$0.key] == nil }.map(\.value)
            for (name, reason) in result.failed { if let id = subjects[name]?.id { failures.append((id, reason)) } }
            try store.write { tx in
                try tx.markNotificationsSent(written, now: now)
                for failure in failures { try tx.markNotificationFailed(id: failure.id, reason: failure.reason) }
                for message in withdrawn { try tx.markNotificationWithdrawn(id: message.id, reason: message.reason) }
            }
            summary.written += written.count
            summary.withdrawn += withdrawn.count
            summary.failed += failures.count
            summary.failures += failures.prefix(max(0, 5 - summary.failures.count)).map { "\($0.id): \($0.reason)" }
            done += batch.count
            progress?(done, pending.count)
        }
        return summary
    }

    /// Plans one reminder per holder of valid tickets for the events `actor` handles that
    /// start within `window`, never twice for a ticket, then writes what is pending.
    public func remind(within window: TimeInterval, actor: User, progress: ((Int, Int) -> Void)? = nil) throws -> Summary {
        try Self.requireNotifier(actor)
        var reminders = 0
        try store.write { tx in
            for eventID in try store.eventIDsStarting(from: now, until: now.addingTimeInterval(window)) {
                guard let event = try store.events(identifiedBy: eventID, now: now).first, Access.manages(event, actor) else { continue }
                for holder in try store.holders(eventID: eventID, .toRemind) {
                    let ids = holder.tickets.map(\.id)
                    guard
                        let id = try tx.insertNotification(
                            key: "reminder:\(eventID):\(holder.email):\(ids[0])", kind: .reminder, eventID: eventID, subjectID: eventID,
                            sourceSequence: nil, recipient: Attendee(name: holder.name, email: holder.email),
                            data: ["tickets": ids.joined(separator: ",")], now: now)
                    else { continue }
                    try tx.markReminded(ticketIDs: ids, notificationID: id)
                    reminders += 1
                }
            }
        }
        var summary = try deliver(actor: actor, progress: progress)
        summary.planned += reminders
        return summary
    }

    // MARK: Looking

    public func list(status: NotificationStatus?, event: Event?, actor: User, limit: Int, offset: Int) throws -> (notifications: [QueuedMessage], total: Int) {
        try Self.requireNotifier(actor)
        try plan()
        return try store.notifications(
            statuses: status.map { [$0] } ?? NotificationStatus.allCases, viewer: actor, eventID: event?.id,
            limit: limit, offset: offset)
    }

    public func show(_ id: String, actor: User) throws -> (notification: QueuedMessage, path: String?) {
        try Self.requireNotifier(actor)
        guard let notification = try store.notification(id: id) else { throw BilletterieError.notFound(entity: "notification", identifier: id) }
        if actor.role != .admin {
            let event = try notification.eventID.flatMap { try store.events(identifiedBy: $0, now: now).first }
            guard let event, Access.manages(event, actor) else { throw BilletterieError.notFound(entity: "notification", identifier: id) }
        }
        var path: String?
        if notification.status == .sent {
            let new = outbox.new + "/" + notification.file
            if FileManager.default.fileExists(atPath: new) {
                path = new
            } else if let read = (try? FileManager.default.contentsOfDirectory(atPath: outbox.cur))?.first(where: { $0.hasPrefix(notification.file) }) {
                path = outbox.cur + "/" + read
            }
        }
        return (notification, path)
    }
}

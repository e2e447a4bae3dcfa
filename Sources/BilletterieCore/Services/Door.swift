import Foundation

/// The door: is this code a ticket that may come in now? Signature first, so a forged or
/// malformed code is never looked up; then the ticket's state, judged and recorded in one
/// write, committed before the answer is shown.
public struct Door {
    public let store: Store
    public let verifier: CryptoPrimitives.Verifier
    /// Only codes for this event are accepted, when set.
    public let event: Event?
    public let gate: String
    public let operatorUser: User
    /// The check-in list this door checks (`main` unless `--list`), and which way people go.
    public let list: CheckinList
    public let direction: ScanDirection

    /// Longest scanned text kept in the scan log (a scanner's garbage can be long).
    static let keptScanLength = 200

    /// Checks that `operatorUser` may work this door (staff, admins, the event's organizer).
    /// A list other than `main` is one event's: it needs `event`.
    public init(
        store: Store, event: Event?, gate: String, operator operatorUser: User, list listName: String? = nil,
        direction: ScanDirection = .entry, now: Date = Date()
    ) throws {
        switch operatorUser.role {
        case .admin, .staff: break
        case .organizer:
            guard let event, Access.manages(event, operatorUser) else {
                throw BilletterieError.roleNotAllowed(
                    action: event == nil ? "validating without --event (your own event)" : "validating tickets of another organizer's event",
                    allowed: [.admin, .staff], actual: .organizer)
            }
        case .participant:
            throw BilletterieError.roleNotAllowed(action: "validating tickets", allowed: [.admin, .organizer, .staff], actual: .participant)
        }
        if let event {
            list = try CheckinLists(store: store, now: now).list(named: listName ?? CheckinList.mainName, of: event)
        } else {
            guard (listName ?? CheckinList.mainName).lowercased() == CheckinList.mainName else {
                throw BilletterieError.usage(message: "--list names a check-in list of one event: give --event too")
            }
            // Without --event: every event's own list.
            list = CheckinList.main(eventID: "")
        }
        self.direction = direction
        self.store = store
        try store.useDoorDurability()
        self.verifier = CryptoPrimitives.Verifier(publicKeys: try store.publicKeys())
        self.event = event
        self.gate = gate
        self.operatorUser = operatorUser
    }

    /// A scanned line trimmed and read: a reference, a code with its signature checked, or
    /// a rejection decided without the store. The half of a scan that needs no store, so a
    /// stream can do it for the next line on another core.
    public struct PreparedScan: Sendable {
        /// The trimmed text, as recorded.
        public let code: String
        public let reading: Reading

        public enum Reading: Sendable {
            case code(TicketCode)
            /// A reference in its canonical spelling.
            case reference(String)
            case rejected(ScanReason)
        }
    }

    /// Typed references are short; anything longer is read as a code.
    static let longestTypedReference = 24

    public static func prepare(_ scanned: String, verifier: CryptoPrimitives.Verifier) -> PreparedScan {
        let text = trimmed(scanned)
        if text.utf8.count <= longestTypedReference {
            switch TicketReference.read(text) {
            case .reference(let reference): return PreparedScan(code: text, reading: .reference(reference))
            case .mistyped: return PreparedScan(code: text, reading: .rejected(.mistyped))
            case .notAReference: break
            }
        }
        switch TicketCode.verify(text, with: verifier) {
        case .success(let parsed): return PreparedScan(code: text, reading: .code(parsed))
        case .failure(.malformed): return PreparedScan(code: text, reading: .rejected(.malformed))
        case .failure(.invalidSignature): return PreparedScan(code: text, reading: .rejected(.invalidSignature))
        }
    }

    /// Judges one scanned line and records the scan. `now` is the scan's time.
    public func validate(_ scanned: String, now: Date) throws -> ScanAnswer {
        try record(Self.prepare(scanned, verifier: verifier), now: now)
    }

    /// Judges a prepared scan against the store and records it, in one write.
    public func record(_ prepared: PreparedScan, now: Date) throws -> ScanAnswer {
        let scanID = Identifier.make(.scan)
        let kept = String(prepared.code.prefix(Self.keptScanLength))
        return try store.write { tx in
            try checkOperatorStillAllowed()
            let answer = try judge(prepared, scanID: scanID, now: now)
            try tx.insertScan(
                ScanRecord(
                    id: scanID, ticketID: answer.ticketID, eventID: answer.eventID ?? event?.id, gate: gate,
                    operatorID: operatorUser.id, accepted: answer.answer.accepted, reason: answer.answer.reason,
                    scanned: kept, at: now, list: list.name, direction: direction))
            if answer.answer.accepted, direction == .entry, let ticketID = answer.ticketID { try tx.markTicketUsed(id: ticketID, now: now) }
            return answer.answer
        }
    }

    /// A role taken away, or an account removed, while a stream runs stops admissions at the
    /// next scan: the role is read again inside each scan's transaction.
    private func checkOperatorStillAllowed() throws {
        let role = try store.currentRole(userID: operatorUser.id)
        switch role {
        case .admin?, .staff?: return
        case .organizer? where event?.organizerID == operatorUser.id: return
        default:
            throw BilletterieError.roleNotAllowed(
                action: "validating tickets (your role changed to \(role?.rawValue ?? "none"))",
                allowed: [.admin, .organizer, .staff], actual: role ?? .participant)
        }
    }

    /// Inside the write: what the scan is answered, and which ticket and event it names.
    private func judge(_ prepared: PreparedScan, scanID: String, now: Date) throws -> (answer: ScanAnswer, ticketID: String?, eventID: String?) {
        func answer(
            _ reason: ScanReason, _ ticket: DoorTicket?, detail: String? = nil, first: ScanAnswer.FirstScan? = nil,
            status: TicketStatus? = nil
        ) -> (ScanAnswer, String?, String?) {
            let view = ticket.map {
                ScanAnswer.TicketView(
                    id: $0.id, status: (status ?? $0.state.status).rawValue, attendeeName: $0.attendeeName,
                    tier: $0.tierName, eventID: $0.eventID, reference: $0.reference)
            }
            return (
                ScanAnswer(
                    accepted: reason == .ok, reason: reason, ticket: view, firstScan: first, scanID: scanID, detail: detail,
                    gate: gate, at: now, timeZone: ticket?.eventTimeZone ?? event?.timezone, list: list.name, direction: direction),
                ticket?.id, ticket?.eventID
            )
        }
        let ticket: DoorTicket?
        var codeForAnotherEvent = false
        switch prepared.reading {
        case .rejected(let reason): return answer(reason, nil, detail: Self.hint(for: prepared.code))
        case .reference(let reference): ticket = try store.doorTicket(reference: reference)
        case .code(let parsed):
            ticket = try store.doorTicket(code: prepared.code)
            if let event, !parsed.isFor(eventID: event.id) { codeForAnotherEvent = true }
        }
        if let event, codeForAnotherEvent || (ticket != nil && ticket?.eventID != event.id) {
            // Named, so staff can send the guest to the right door; the ticket is not shown.
            return answer(.wrongEvent, nil, detail: ticket.map { "for \($0.eventTitle), \(TimeText.local($0.eventStartsAt, zoneNamed: $0.eventTimeZone))" })
        }
        guard let ticket else { return answer(.unknown, nil) }
        if event == nil, !DoorRules.doorsOpen(startsAt: ticket.eventStartsAt, endsAt: ticket.eventEndsAt, now: now) {
            let when =
                now > ticket.eventEndsAt
                ? "it ended \(TimeText.local(ticket.eventEndsAt, zoneNamed: ticket.eventTimeZone))"
                : "doors open \(TimeText.local(ticket.eventStartsAt.addingTimeInterval(-DoorRules.doorsOpenBefore), zoneNamed: ticket.eventTimeZone))"
            return answer(.notToday, nil, detail: "for \(ticket.eventTitle): \(when)")
        }
        // A ticket never admitted on any list has nothing standing to look up: the commonest
        // scan, a first entry, costs no query more than it did before lists.
        let history = ticket.state.status == .used ? try store.listHistory(ticketID: ticket.id, list: list.name) : .none
        let (reason, detail) = DoorRules.judge(
            ticket.state, tierID: ticket.tierID, on: list, history: history, direction: direction, now: now, timeZone: ticket.eventTimeZone)
        switch reason {
        case .ok: return answer(.ok, ticket, status: direction == .entry ? .used : nil)
        case .alreadyUsed:
            let first = history.lastEntry.map { ScanAnswer.FirstScan(at: $0.at, gate: $0.gate) }
            return answer(.alreadyUsed, ticket, detail: detail, first: first)
        case .void: return answer(.void, ticket, detail: detail, status: .void)
        default: return answer(reason, ticket, detail: detail)
        }
    }

    /// What to do instead, when staff typed an id rather than a code or a reference.
    static func hint(for typed: String) -> String? {
        if Identifier.looksLike(typed, .ticket) || Identifier.looksLike(typed, .order) {
            return "that is an id: type the ticket's reference instead (`billetterie ticket find \(typed.prefix(40))` shows it)"
        }
        return nil
    }

    /// Strips ASCII whitespace around a scanned line, on its UTF-8 bytes: Foundation's trimming
    /// bridges through NSString and cost a scan more than its database lookup.
    static func trimmed(_ text: String) -> String {
        let bytes = text.utf8
        guard let first = bytes.firstIndex(where: { !isASCIIWhitespace($0) }) else { return "" }
        let last = bytes.lastIndex(where: { !isASCIIWhitespace($0) })!
        return String(text[first...last])
    }

    static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// Reverses an accepted scan (a mistaken admission, or an exit scanned by mistake): the
    /// scan is marked undone, never deleted, and what the ticket last did on its list is
    /// what stands before it; a ticket with no standing entry left on any list is valid again.
    public static func undo(scanID: String, store: Store, actor: User, now: Date) throws -> String {
        guard let scan = try store.scan(id: scanID) else { throw BilletterieError.notFound(entity: "scan", identifier: scanID) }
        if actor.role != .admin && actor.role != .staff {
            let event = try scan.eventID.flatMap { try store.events(identifiedBy: $0, now: now).first }
            guard let event, Access.manages(event, actor) else {
                throw BilletterieError.roleNotAllowed(action: "undoing a scan", allowed: [.admin, .organizer, .staff], actual: actor.role)
            }
        }
        guard scan.accepted, let ticketID = scan.ticketID else {
            throw BilletterieError.conflict(code: "not_an_admission", message: "\(scanID) was a rejection: there is nothing to undo")
        }
        try store.write { tx in
            // Read again inside the write: two people undoing the same scan undo it once.
            if let undone = try store.scan(id: scanID)?.undoneAt {
                throw BilletterieError.conflict(
                    code: "already_undone", message: "\(scanID) was already undone at \(TimeText.utc(Date(epochSeconds: undone)))")
            }
            try tx.markScanUndone(id: scanID, by: actor.id, now: now)
            if try !store.hasStandingEntry(ticketID: ticketID) { try tx.markTicketValidAgain(id: ticketID, now: now) }
            try tx.recordEvent(.scanUndone, subject: ticketID, actor: actor.id, data: ["scan": scanID, "direction": scan.direction.rawValue], at: now)
        }
        return ticketID
    }
}

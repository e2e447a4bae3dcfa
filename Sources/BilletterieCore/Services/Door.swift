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

    /// Longest scanned text kept in the scan log (a scanner's garbage can be long).
    static let keptScanLength = 200

    /// Checks that `operatorUser` may work this door (staff, admins, the event's organizer).
    public init(store: Store, event: Event?, gate: String, operator operatorUser: User) throws {
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
        self.store = store
        try store.useDoorDurability()
        self.verifier = CryptoPrimitives.Verifier(publicKeys: try store.publicKeys())
        self.event = event
        self.gate = gate
        self.operatorUser = operatorUser
    }

    /// A scanned line trimmed and its signature checked: the half of a scan that needs no
    /// store, so a stream can do it for the next line on another core.
    public struct PreparedScan: Sendable {
        public let code: String
        public let verdict: Result<TicketCode, TicketCode.Rejection>
    }

    public static func prepare(_ scanned: String, verifier: CryptoPrimitives.Verifier) -> PreparedScan {
        let code = trimmed(scanned)
        return PreparedScan(code: code, verdict: TicketCode.verify(code, with: verifier))
    }

    /// Judges one scanned line and records the scan. `now` is the scan's time.
    public func validate(_ scanned: String, now: Date) throws -> ScanAnswer {
        try record(Self.prepare(scanned, verifier: verifier), now: now)
    }

    /// Judges a prepared scan against the store and records it, in one write.
    public func record(_ prepared: PreparedScan, now: Date) throws -> ScanAnswer {
        let code = prepared.code
        let scanID = Identifier.make(.scan)
        let kept = String(code.prefix(Self.keptScanLength))
        /// A rejection decided before any ticket is looked up: recorded, then answered.
        func reject(_ reason: ScanReason, ticketID: String?) throws -> ScanAnswer {
            try store.write {
                try store.insertScan(ScanRecord(id: scanID, ticketID: ticketID, eventID: event?.id, gate: gate, operatorID: operatorUser.id,
                                                accepted: false, reason: reason, scanned: kept, at: now))
            }
            return ScanAnswer(accepted: false, reason: reason, ticket: nil, firstScan: nil, scanID: scanID, detail: nil, gate: gate, at: now)
        }
        switch prepared.verdict {
        case .failure(let rejection):
            return try reject(rejection == .malformed ? .malformed : .invalidSignature, ticketID: nil)
        case .success(let parsed):
            if let event, !parsed.isFor(eventID: event.id) { return try reject(.wrongEvent, ticketID: parsed.ticketID) }
            return try store.write {
                try judgeAndRecord(parsed, code: code, scanID: scanID, scanned: kept, now: now)
            }
        }
    }

    /// Inside the write: the ticket's state decides; an admission marks it used.
    private func judgeAndRecord(_ parsed: TicketCode, code: String, scanID: String, scanned: String, now: Date) throws -> ScanAnswer {
        guard let ticket = try store.doorTicket(id: parsed.ticketID), ticket.code == code else {
            try store.insertScan(ScanRecord(id: scanID, ticketID: parsed.ticketID, eventID: event?.id, gate: gate, operatorID: operatorUser.id,
                                            accepted: false, reason: .unknown, scanned: scanned, at: now))
            return ScanAnswer(accepted: false, reason: .unknown, ticket: nil, firstScan: nil, scanID: scanID, detail: nil, gate: gate, at: now)
        }
        if operatorUser.role == .organizer, event == nil || ticket.eventID != event?.id {
            throw BilletterieError.roleNotAllowed(action: "validating tickets of another organizer's event", allowed: [.admin, .staff], actual: .organizer)
        }
        var status = ticket.status
        var detail = ticket.voidReason
        if status == .pending, let hold = ticket.holdExpiresAt, hold <= now.epochSeconds {
            status = .void
            detail = "expired"
        }
        var firstScan: ScanAnswer.FirstScan?
        let reason: ScanReason
        switch status {
        case .void: reason = .void
        case .pending: reason = .unpaid
        case .used:
            reason = .alreadyUsed
            if let standing = try store.standingAdmission(ticketID: ticket.id) { firstScan = .init(at: standing.at, gate: standing.gate) }
        case .valid: reason = ticket.admission ? .ok : .addonNotAdmission
        }
        let accepted = reason == .ok
        try store.insertScan(ScanRecord(id: scanID, ticketID: ticket.id, eventID: ticket.eventID, gate: gate, operatorID: operatorUser.id,
                                        accepted: accepted, reason: reason, scanned: scanned, at: now))
        if accepted { try store.markTicketUsed(id: ticket.id, now: now) }
        let view = ScanAnswer.TicketView(id: ticket.id, status: accepted ? TicketStatus.used.rawValue : status.rawValue,
                                         attendeeName: ticket.attendeeName, tier: ticket.tierName, eventID: ticket.eventID)
        return ScanAnswer(accepted: accepted, reason: reason, ticket: view, firstScan: firstScan, scanID: scanID, detail: detail, gate: gate, at: now)
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

    /// Reverses an admission (a mistaken scan, or someone stepping out to come back): the scan
    /// is marked undone, never deleted, and the ticket is valid again.
    public static func undo(scanID: String, store: Store, actor: User, now: Date) throws -> String {
        guard let scan = try store.scan(id: scanID) else { throw BilletterieError.notFound(entity: "scan", identifier: scanID) }
        if actor.role != .admin && actor.role != .staff {
            let event = try scan.eventID.flatMap { try store.events(identifiedBy: $0, now: now).first }
            guard let event, Access.manages(event, actor) else {
                throw BilletterieError.roleNotAllowed(action: "undoing a scan", allowed: [.admin, .organizer, .staff], actual: actor.role)
            }
        }
        guard scan.accepted, let ticketID = scan.ticketID else {
            throw BilletterieError.conflict(code: "not_an_admission", message: "\(scanID) was a rejection: there is no admission to undo")
        }
        guard scan.undoneAt == nil else {
            throw BilletterieError.conflict(code: "already_undone", message: "\(scanID) was already undone at \(TimeText.utc(Date(epochSeconds: scan.undoneAt!)))")
        }
        try store.write {
            try store.markScanUndone(id: scanID, by: actor.id, now: now)
            if try store.standingAdmission(ticketID: ticketID) == nil { try store.markTicketValidAgain(id: ticketID, now: now) }
            try store.recordEvent("scan.undone", subject: ticketID, actor: actor.id, data: ["scan": scanID], at: now)
        }
        return ticketID
    }
}

import Foundation

/// Why the door answered as it did (CLI.md sections 6 and 10).
public enum ScanReason: String, Sendable, Codable, CaseIterable {
    case ok
    case alreadyUsed = "already_used"
    case unknown
    case invalidSignature = "invalid_signature"
    case malformed
    case wrongEvent = "wrong_event"
    case void
    case unpaid
    case addonNotAdmission = "addon_not_admission"
    case mistyped
    case notToday = "not_today"
    case notInPack = "not_in_pack"

    /// Words for door staff. They never accuse: a code that does not verify may be damaged
    /// or mistyped as easily as forged, and the person in front of the gate hears them.
    public var explanation: String {
        switch self {
        case .ok: "welcome"
        case .alreadyUsed: "already used"
        case .unknown: "not found here: check the ticket with the box office"
        case .invalidSignature: "not valid: damaged, mistyped or forged; look the guest up with `ticket find`"
        case .malformed: "not a ticket code or reference"
        case .wrongEvent: "ticket for another event"
        case .void: "ticket void"
        case .unpaid: "not paid yet"
        case .addonNotAdmission: "add-on, does not admit"
        case .mistyped: "reference mistyped: a character is wrong, check it and type it again"
        case .notToday: "not for an event whose doors are open now"
        case .notInPack: "not in this gate's pack"
        }
    }
}

/// What the door knows of a ticket when it decides, online or from a pack.
public struct DoorTicketState: Sendable, Equatable {
    public var status: TicketStatus
    /// The end of a pending ticket's hold, in seconds since 1970.
    public var holdExpiresAt: Int64?
    /// False for add-ons.
    public var admission: Bool
    public var voidReason: String?

    public init(status: TicketStatus, holdExpiresAt: Int64?, admission: Bool, voidReason: String?) {
        self.status = status
        self.holdExpiresAt = holdExpiresAt
        self.admission = admission
        self.voidReason = voidReason
    }
}

/// The door's rules, written once: the online door and the pack gate both call them.
public enum DoorRules {
    /// Doors open this long before an event starts (CLI.md section 10: `not_today`).
    public static let doorsOpenBefore: TimeInterval = 6 * 3600

    /// Whether an event's doors are open at `now`: from 6 hours before its start to its end.
    public static func doorsOpen(startsAt: Date, endsAt: Date, now: Date) -> Bool {
        now >= startsAt.addingTimeInterval(-doorsOpenBefore) && now <= endsAt
    }

    /// The answer a known ticket of the right event gets on a check-in list: void (and a
    /// pending ticket whose hold ran out) first, then unpaid; a ticket of a tier the list
    /// does not check is an add-on that does not admit here, or (an admission ticket at a
    /// parking gate) sent to its own list; an exit is never refused; an entry is refused as
    /// `already_used` when the ticket is inside (its last standing scan is an entry), or on a
    /// list without re-entry when it ever came in. `timeZone` is the event's, for the words.
    public static func judge(
        _ ticket: DoorTicketState, tierID: String?, on list: CheckinList, history: ListHistory, direction: ScanDirection,
        now: Date, timeZone: String
    ) -> (reason: ScanReason, detail: String?) {
        switch ticket.status {
        case .void: return (.void, ticket.voidReason)
        case .pending:
            if let hold = ticket.holdExpiresAt, hold <= now.epochSeconds { return (.void, "expired") }
            return (.unpaid, nil)
        case .used, .valid: break
        }
        guard list.admits(tierID: tierID, addon: !ticket.admission) else {
            if !ticket.admission { return (.addonNotAdmission, list.isMain ? nil : "not checked on the list \(list.name)") }
            return (.wrongEvent, "its tier is not checked on the list \(list.name)")
        }
        if direction == .exit || list.multipleEntries { return (.ok, nil) }
        if history.isInside { return (.alreadyUsed, nil) }
        if !list.reentry, history.lastEntry != nil {
            let left = history.last.map { " it left \(TimeText.local($0.at, zoneNamed: timeZone))\($0.gate.isEmpty ? "" : " at gate \($0.gate)");" } ?? ""
            return (.alreadyUsed, "came in before;\(left) the list \(list.name) allows no re-entry")
        }
        return (.ok, nil)
    }
}

/// The door's answer to one scan, as it is shown and recorded.
public struct ScanAnswer: Sendable, Encodable {
    public struct FirstScan: Sendable, Encodable {
        public let at: Date
        public let gate: String

        public init(at: Date, gate: String) {
            self.at = at
            self.gate = gate
        }
    }

    /// The ticket as the door shows it: enough for a name check, nothing more.
    public struct TicketView: Sendable, Encodable {
        public let id: String
        public let status: String
        public let attendeeName: String
        public let tier: String
        public let eventID: String?
        /// Offline, a pack knows references only as hashes: nil there.
        public let reference: String?
        enum CodingKeys: String, CodingKey {
            case id, status, tier, reference
            case attendeeName = "attendee_name"
            case eventID = "event_id"
        }

        public init(id: String, status: String, attendeeName: String, tier: String, eventID: String?, reference: String? = nil) {
            self.id = id
            self.status = status
            self.attendeeName = attendeeName
            self.tier = tier
            self.eventID = eventID
            self.reference = reference
        }
    }

    public let accepted: Bool
    public let reason: ScanReason
    public let ticket: TicketView?
    public let firstScan: FirstScan?
    public let scanID: String
    /// Why a void ticket is void (refunded, transferred, cancelled...), which event a
    /// `wrong_event` or `not_today` ticket is for: words for the person at the gate.
    public let detail: String?
    public let gate: String
    public let at: Date
    /// The zone the door shows times in (the event's); not part of the JSON, which is UTC.
    public var timeZone: String?
    /// On an accepted answer that the door could not fully check: `not_in_pack` (a signed
    /// code a gate pack does not know, sold after it was made). In the JSON only when set.
    public var warning: String?
    /// The check-in list the scan was on, and whether it was an entry or an exit.
    public var list: String
    public var direction: ScanDirection
    /// At a gate with a pack: who is inside as far as it knows (not in the JSON).
    public var inside: GateInside?

    public init(
        accepted: Bool, reason: ScanReason, ticket: TicketView?, firstScan: FirstScan?, scanID: String, detail: String?,
        gate: String, at: Date, timeZone: String? = nil, warning: String? = nil, list: String = CheckinList.mainName,
        direction: ScanDirection = .entry
    ) {
        self.warning = warning
        self.list = list
        self.direction = direction
        self.accepted = accepted
        self.reason = reason
        self.ticket = ticket
        self.firstScan = firstScan
        self.scanID = scanID
        self.detail = detail
        self.gate = gate
        self.at = at
        self.timeZone = timeZone
    }

    enum CodingKeys: String, CodingKey {
        case result, reason, ticket, detail, gate, at, warning, list, direction
        case firstScan = "first_scan"
        case scanID = "scan_id"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(accepted ? "accepted" : "rejected", forKey: .result)
        try c.encode(reason, forKey: .reason)
        try c.encode(ticket, forKey: .ticket)
        try c.encode(firstScan, forKey: .firstScan)
        try c.encode(scanID, forKey: .scanID)
        try c.encode(detail, forKey: .detail)
        try c.encode(gate, forKey: .gate)
        try c.encode(at, forKey: .at)
        try c.encodeIfPresent(warning, forKey: .warning)
        try c.encode(list, forKey: .list)
        try c.encode(direction, forKey: .direction)
    }

    /// The answer as one line of JSON, exactly what `JSONEncoder` with sorted keys makes of
    /// it (a test holds them equal) but with DEL, C1 and bidirectional controls escaped too,
    /// written by hand because JSONEncoder took more of a streamed scan's time than the
    /// database did.
    public var jsonLine: String {
        func string(_ text: String?) -> String {
            guard let text else { return "null" }
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "\u{08}": out += "\\b"
                case "\u{0C}": out += "\\f"
                case _ where scalar.value < 0x20 || FreeText.isControl(scalar):
                    out += "\\u" + FreeText.describe(scalar).dropFirst(2).lowercased()
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
        let first = firstScan.map { "{\"at\":\(string(TimeText.utc($0.at))),\"gate\":\(string($0.gate))}" } ?? "null"
        let view =
            ticket.map {
                // Synthesized Encodable leaves a nil optional out rather than writing null.
                "{\"attendee_name\":\(string($0.attendeeName)),\($0.eventID.map { "\"event_id\":\(string($0))," } ?? "")\"id\":\(string($0.id)),"
                    + "\($0.reference.map { "\"reference\":\(string($0))," } ?? "")\"status\":\(string($0.status)),\"tier\":\(string($0.tier))}"
            } ?? "null"
        return "{\"at\":\(string(TimeText.utc(at))),\"detail\":\(string(detail)),\"direction\":\(string(direction.rawValue)),"
            + "\"first_scan\":\(first),\"gate\":\(string(gate)),\"list\":\(string(list)),"
            + "\"reason\":\(string(reason.rawValue)),\"result\":\(string(accepted ? "accepted" : "rejected")),\"scan_id\":\(string(scanID)),\"ticket\":\(view)"
            + (warning.map { ",\"warning\":\(string($0))" } ?? "") + "}"
    }
}

/// Who is inside as a gate with a pack knows it: tickets whose last standing scan on its list
/// is an entry, by where that entry was recorded (this gate, each gate it received an
/// exchange from, and the store before the pack was made).
public struct GateInside: Sendable, Equatable {
    public struct Source: Sendable, Equatable {
        /// "this gate", another gate's name, or "before the pack".
        public let name: String
        public let count: Int
    }
    public var total: Int
    /// This gate first, then the others by name, then the store's state in the pack.
    public var bySource: [Source]
}

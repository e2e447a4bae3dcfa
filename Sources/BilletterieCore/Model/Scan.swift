import Foundation

/// Why the door answered as it did (CLI.md section 6).
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

    /// Words for door staff.
    public var explanation: String {
        switch self {
        case .ok: "welcome"
        case .alreadyUsed: "already used"
        case .unknown: "no such ticket here"
        case .invalidSignature: "forged or from another box office"
        case .malformed: "not a ticket code"
        case .wrongEvent: "ticket for another event"
        case .void: "ticket void"
        case .unpaid: "not paid"
        case .addonNotAdmission: "add-on, does not admit"
        }
    }
}

/// The door's answer to one scan, as it is shown and recorded.
public struct ScanAnswer: Sendable, Encodable {
    public struct FirstScan: Sendable, Encodable {
        public let at: Date
        public let gate: String
    }

    /// The ticket as the door shows it: enough for a name check, nothing more.
    public struct TicketView: Sendable, Encodable {
        public let id: String
        public let status: String
        public let attendeeName: String
        public let tier: String
        public let eventID: String?
        enum CodingKeys: String, CodingKey { case id, status, tier, attendeeName = "attendee_name", eventID = "event_id" }
    }

    public let accepted: Bool
    public let reason: ScanReason
    public let ticket: TicketView?
    public let firstScan: FirstScan?
    public let scanID: String
    /// Why a void ticket is void (refunded, transferred, cancelled...), for the person at the gate.
    public let detail: String?
    public let gate: String
    public let at: Date

    enum CodingKeys: String, CodingKey {
        case result, reason, ticket, detail, gate, at
        case firstScan = "first_scan", scanID = "scan_id"
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
    }

    /// The answer as one line of JSON, exactly what `JSONEncoder` with sorted keys makes of
    /// it (a test holds them equal), written by hand because JSONEncoder took more of a
    /// streamed scan's time than the database did.
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
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
        let first = firstScan.map { "{\"at\":\(string(TimeText.utc($0.at))),\"gate\":\(string($0.gate))}" } ?? "null"
        let view = ticket.map {
            // Synthesized Encodable leaves a nil optional out rather than writing null.
            "{\"attendee_name\":\(string($0.attendeeName)),\($0.eventID.map { "\"event_id\":\(string($0))," } ?? "")\"id\":\(string($0.id)),\"status\":\(string($0.status)),\"tier\":\(string($0.tier))}"
        } ?? "null"
        return "{\"at\":\(string(TimeText.utc(at))),\"detail\":\(string(detail)),\"first_scan\":\(first),\"gate\":\(string(gate)),"
            + "\"reason\":\(string(reason.rawValue)),\"result\":\(string(accepted ? "accepted" : "rejected")),\"scan_id\":\(string(scanID)),\"ticket\":\(view)}"
    }
}

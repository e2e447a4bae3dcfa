import Foundation
import Testing

@testable import BilletterieCore

@Suite("scan answers")
struct ScanAnswerTests {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(TimeText.utc(date))
        }
        return encoder
    }()

    static let answers: [ScanAnswer] = [
        ScanAnswer(
            accepted: true, reason: .ok,
            ticket: .init(id: "tkt_a", status: "used", attendeeName: "Zoé \"Zo\" D'Arc\\\n\t\u{1}", tier: "VIP/1", eventID: "evt_b"),
            firstScan: nil, scanID: "scn_c", detail: nil, gate: "A", at: Date(epochSeconds: 1_780_000_000)),
        ScanAnswer(
            accepted: false, reason: .alreadyUsed, ticket: .init(id: "tkt_a", status: "used", attendeeName: "", tier: "", eventID: nil),
            firstScan: .init(at: Date(epochSeconds: 1_780_000_100), gate: "north gate"), scanID: "scn_d", detail: "refunded", gate: "",
            at: Date(epochSeconds: 1_780_000_200)),
        ScanAnswer(accepted: false, reason: .malformed, ticket: nil, firstScan: nil, scanID: "scn_e", detail: nil, gate: "€", at: Date(epochSeconds: 0)),
        ScanAnswer(
            accepted: true, reason: .ok, ticket: .init(id: "tkt_f", status: "used", attendeeName: "", tier: "Pass", eventID: "evt_g", reference: "7KQM3XR9PT"),
            firstScan: nil, scanID: "scn_h", detail: nil, gate: "B", at: Date(epochSeconds: 1_780_000_300), warning: "not_in_pack"),
    ]

    @Test("the hand-written JSON line is byte for byte what JSONEncoder makes", arguments: answers.indices)
    func jsonLine(index: Int) throws {
        let answer = Self.answers[index]
        #expect(answer.jsonLine == String(decoding: try Self.encoder.encode(answer), as: UTF8.self))
    }

    @Test("scanned lines are trimmed of ASCII whitespace only")
    func trimming() {
        #expect(Door.trimmed("  B123 1 \r\n") == "B123 1")
        #expect(Door.trimmed(" \t ") == "")
        #expect(Door.trimmed("\u{00A0}x\u{00A0}") == "\u{00A0}x\u{00A0}")
    }
}

import Foundation
import TestSupport
import Testing

/// Random nights of entries, exits and undos at three online gates and two offline ones,
/// replayed against an independent model of who is inside. Every door answer must be the
/// model's; after the packs are merged, inside now, admitted, the `--inside` list and the
/// double admissions must be the model's too.
@Suite("who is inside: random entries, exits and undos against a model")
struct InsidePropertyTests {
    /// One accepted scan, as the model keeps it.
    struct Movement {
        let ticket: String
        let step: Int
        let entry: Bool
        var scanID: String?
        var undone = false
    }

    /// A ticket's last standing movement and whether it has a standing entry, from `movements`.
    static func state(of ticket: String, in movements: [Movement]) -> (last: Movement?, hasEntry: Bool) {
        let standing = movements.filter { $0.ticket == ticket && !$0.undone }.sorted { $0.step < $1.step }
        return (standing.last, standing.contains { $0.entry })
    }

    static let base = Date(timeIntervalSince1970: 1_777_629_600)  // 2026-05-01T10:00:00Z

    @Test(
        "entries, exits and undos at five gates: answers, inside now, admitted, who is inside and double admissions match the model",
        arguments: [UInt64(0x1A51_DE01), 0x1A51_DE02, 0x1A51_DE03])
    func randomNight(seed: UInt64) throws {
        print("InsidePropertyTests seed: \(String(seed, radix: 16))")
        var random = SeededGenerator(seed: seed)
        let box = try Sandbox().withOrganizer()
        try box.createEvent("Fest", ["--publish"])
        #expect(try box.run(["event", "tier", "add", "fest", "--name", "Day", "--price", "0"]).status == 0)
        func at(_ step: Int) -> [String: String] {
            ["BILLETTERIE_NOW": ISO8601DateFormatter().string(from: Self.base.addingTimeInterval(TimeInterval(step * 60)))]
        }
        var codes: [String: String] = [:]
        var ids: [String] = []
        for index in 0..<6 {
            let order = try box.run(["ticket", "reserve", "--event", "fest", "--tier", "Day", "--buyer", "p\(index)@example.org", "--json"])
            let ticket = (order.json["tickets"] as! [[String: Any]])[0]
            ids.append(ticket["id"] as! String)
            codes[ids.last!] = ticket["code"] as? String
        }
        try box.login("door@example.org", "a-good-password")
        var online: [Movement] = []
        // Each offline gate: what the store knew when its pack was made, and its own movements.
        var packs: [(name: String, known: [Movement], own: [Movement])] = []
        var step = 1
        for _ in 0..<70 {
            let roll = Int.random(in: 0..<100, using: &random)
            let ticket = ids.randomElement(using: &random)!
            let entry = Int.random(in: 0..<100, using: &random) < 60
            if packs.isEmpty && step >= 12 {
                try box.login("olga@example.org", "a-good-password")
                for name in ["P", "Q"] {
                    #expect(try box.run(["validate", "pack", "--event", "fest", "-o", "\(name).pack"], environment: at(step)).status == 0)
                    packs.append((name, online, []))
                }
                try box.login("door@example.org", "a-good-password")
            } else if roll < 50 {
                let gate = ["A", "B", "C"].randomElement(using: &random)!
                let (last, _) = Self.state(of: ticket, in: online)
                let expected = !entry || last?.entry != true ? "ok" : "already_used"
                let answer = try box.run(
                    ["validate", codes[ticket]!, "--event", "fest", "--gate", gate, "--json"] + (entry ? [] : ["--exit"]), environment: at(step))
                #expect(answer.json["reason"] as? String == expected, "seed \(seed) step \(step): \(entry ? "entry" : "exit") of \(ticket): \(answer)")
                if expected == "ok" { online.append(Movement(ticket: ticket, step: step, entry: entry, scanID: answer.json["scan_id"] as? String)) }
            } else if roll < 65 {
                guard let index = online.indices.filter({ !online[$0].undone }).randomElement(using: &random) else { continue }
                let undo = try box.run(["validate", "--undo", online[index].scanID!], environment: at(step))
                #expect(undo.status == 0, "seed \(seed) step \(step): \(undo)")
                online[index].undone = true
            } else if !packs.isEmpty {
                let gate = Int.random(in: 0..<packs.count, using: &random)
                let (last, _) = Self.state(of: ticket, in: packs[gate].known + packs[gate].own)
                let expected = !entry || last?.entry != true ? "ok" : "already_used"
                let answer = try box.run(
                    ["validate", "--pack", "\(packs[gate].name).pack", codes[ticket]!, "--gate", packs[gate].name, "--json"] + (entry ? [] : ["--exit"]),
                    environment: at(step))
                #expect(
                    answer.json["reason"] as? String == expected,
                    "seed \(seed) step \(step): \(entry ? "entry" : "exit") of \(ticket) at \(packs[gate].name): \(answer)")
                if expected == "ok" { packs[gate].own.append(Movement(ticket: ticket, step: step, entry: entry)) }
            }
            step += 1
        }
        try box.login("olga@example.org", "a-good-password")
        let merged = try box.run(["validate", "merge", "P.pack", "Q.pack", "--json"], environment: at(step))
        #expect(merged.status == 0 && (merged.json["refused"] as? [Any])?.isEmpty == true, "\(merged)")

        let all = online + packs.flatMap(\.own)
        let inside = Set(ids.filter { Self.state(of: $0, in: all).last?.entry == true })
        let admitted = ids.filter { Self.state(of: $0, in: all).hasEntry }
        let report = try box.run(["report", "checkins", "--event", "fest", "--json"], environment: at(step)).json
        #expect(report["inside"] as? Int == inside.count, "seed \(seed): \(report)")
        #expect(report["admitted"] as? Int == admitted.count, "seed \(seed): \(report)")
        #expect((report["inside"] as? Int ?? 0) <= (report["admitted"] as? Int ?? 0))
        let listed = try box.run(["report", "checkins", "--event", "fest", "--inside", "--json"], environment: at(step)).json
        #expect(Set((listed["items"] as? [[String: Any]] ?? []).compactMap { $0["ticket"] as? String }) == inside, "seed \(seed)")
        // Let in twice: two standing entries with no standing exit between them.
        let doubled = Set(
            ids.filter { ticket in
                var run = 0
                for movement in all.filter({ $0.ticket == ticket && !$0.undone }).sorted(by: { $0.step < $1.step }) {
                    run = movement.entry ? run + 1 : 0
                    if run > 1 { return true }
                }
                return false
            })
        let doubles = Set((merged.json["double_admissions"] as? [[String: Any]] ?? []).compactMap { $0["ticket"] as? String })
        #expect(doubles == doubled, "seed \(seed)")
        // What the triggers kept as the scans were written, undone and merged: the same as
        // counting the scans from scratch.
        try box.login("admin@example.org", Sandbox.adminPassword)
        let doctor = try box.run(["doctor", "--json"]).json["checks"] as? [[String: Any]] ?? []
        let kept = doctor.first { $0["name"] as? String == "check-in counts" }
        #expect(kept?["status"] as? String == "OK", "seed \(seed): \(kept ?? [:])")
        print(
            "InsidePropertyTests seed \(String(seed, radix: 16)): \(online.count) online and \(packs.flatMap(\.own).count) offline movements, "
                + "\(online.filter(\.undone).count) undone, \(inside.count) inside, \(doubled.count) doubled")
    }
}

import Foundation

/// Check-in lists and what tickets did on them: the door's and the reports' questions.
extension Store {
    /// The stored lists of an event (not `main`), oldest first.
    func checkinLists(eventID: String) throws -> [CheckinList] {
        try read {
            var tiers: [String: [String]] = [:]
            try db.forEachRow(
                """
                SELECT lt.list_id, lt.tier_id FROM checkin_list_tiers lt JOIN checkin_lists l ON l.id = lt.list_id
                WHERE l.event_id = ? ORDER BY lt.tier_id
                """, arguments: [eventID]
            ) { tiers[try $0.string("list_id"), default: []].append(try $0.string("tier_id")) }
            return try db.rows(
                "SELECT id, event_id, name, multiple_entries, reentry FROM checkin_lists WHERE event_id = ? ORDER BY created_at, name", eventID
            ).map {
                let id = try $0.string("id")
                return CheckinList(
                    id: id, eventID: try $0.string("event_id"), name: try $0.string("name"), tierIDs: tiers[id] ?? [],
                    multipleEntries: try $0.bool("multiple_entries"), reentry: try $0.bool("reentry"))
            }
        }
    }

    /// How many scans were made on a list (a list with scans keeps its history).
    func scanCount(eventID: String, list: String) throws -> Int {
        try read { Int(try db.row("SELECT count(*) AS n FROM scans WHERE event_id = ? AND checkin_list = ?", eventID, list)?.int("n") ?? 0) }
    }

    private static func movement(_ row: Row) throws -> ListMovement {
        ListMovement(
            direction: ScanDirection(rawValue: try row.string("direction")) ?? .entry, at: Date(epochSeconds: try row.int("scanned_at")),
            gate: try row.string("gate"))
    }

    /// A ticket's standing scans on a list: its last one, and its last entry. Through
    /// `scans_standing`, which holds only accepted scans not undone.
    func listHistory(ticketID: String, list: String) throws -> ListHistory {
        let standing = "FROM scans WHERE ticket_id = ? AND checkin_list = ? AND result = 'accepted' AND undone_at IS NULL"
        let last = try db.row("SELECT direction, scanned_at, gate \(standing) ORDER BY scanned_at DESC, rowid DESC LIMIT 1", ticketID, list)
            .map(Self.movement)
        guard let last, last.direction == .exit else { return ListHistory(last: last, lastEntry: last) }
        let entry = try db.row(
            "SELECT direction, scanned_at, gate \(standing) AND direction = 'entry' ORDER BY scanned_at DESC, rowid DESC LIMIT 1", ticketID, list
        ).map(Self.movement)
        return ListHistory(last: last, lastEntry: entry)
    }

    /// Whether a ticket has a standing entry on any list (it is `used` while it has one).
    func hasStandingEntry(ticketID: String) throws -> Bool {
        try db.row(
            "SELECT 1 FROM scans WHERE ticket_id = ? AND result = 'accepted' AND undone_at IS NULL AND direction = 'entry' LIMIT 1", ticketID) != nil
    }

    /// Every ticket of an event with standing scans on a list, and its history there: what
    /// a gate pack carries of the store's door state, in one pass over the scans.
    func listHistories(eventID: String, list: String) throws -> [String: ListHistory] {
        var histories: [String: ListHistory] = [:]
        try readAll {
            try db.forEachRow(
                """
                SELECT ticket_id, direction, scanned_at, gate FROM scans
                WHERE event_id = ? AND checkin_list = ? AND result = 'accepted' AND undone_at IS NULL AND ticket_id IS NOT NULL
                ORDER BY scanned_at, rowid
                """, arguments: [eventID, list]
            ) { row in
                let ticket = try row.string("ticket_id")
                histories[ticket] = (histories[ticket] ?? .none).adding(try Self.movement(row))
            }
        }
        return histories
    }
}

extension StoreTransaction {
    func insertCheckinList(_ list: CheckinList, now: Date) throws {
        try db.execute(
            "INSERT INTO checkin_lists (id, event_id, name, multiple_entries, reentry, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [list.id, list.eventID, list.name, list.multipleEntries, list.reentry, now.epochSeconds])
        for tier in list.tierIDs {
            try db.execute("INSERT INTO checkin_list_tiers (list_id, tier_id) VALUES (?, ?)", list.id, tier)
        }
    }

    func deleteCheckinList(id: String) throws {
        try db.execute("DELETE FROM checkin_lists WHERE id = ?", id)
    }
}

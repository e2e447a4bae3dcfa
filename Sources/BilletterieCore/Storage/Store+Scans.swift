import Foundation

/// What the door needs to know about a ticket and its event, in one indexed lookup.
struct DoorTicket {
    let id: String
    let eventID: String
    let tierID: String
    let tierName: String
    let attendeeName: String
    let state: DoorTicketState
    let code: String
    let reference: String?
    let eventTitle: String
    let eventStartsAt: Date
    let eventEndsAt: Date
    let eventTimeZone: String
}

struct ScanRecord {
    let id: String
    let ticketID: String?
    let eventID: String?
    let gate: String
    let operatorID: String?
    let accepted: Bool
    let reason: ScanReason
    let scanned: String
    let at: Date
    var source = "online"
    var packScanID: String?
    var list = CheckinList.mainName
    var direction = ScanDirection.entry
}

extension Store {
    /// A ticket by the exact code it carries, or by its reference (canonical spelling).
    func doorTicket(code: String) throws -> DoorTicket? { try doorTicket(where: "t.code", code) }
    func doorTicket(reference: String) throws -> DoorTicket? { try doorTicket(where: "t.reference", reference) }
    func doorTicket(id: String) throws -> DoorTicket? { try doorTicket(where: "t.id", id) }

    private func doorTicket(where column: String, _ value: String) throws -> DoorTicket? {
        try db.row(
            """
            SELECT t.id, t.event_id, t.tier_id, tr.name AS tier_name, t.admission, t.attendee_name, t.status, t.hold_expires_at,
                   t.void_reason, t.code, t.reference, e.title, e.starts_at, e.ends_at, e.timezone
            FROM tickets t JOIN tiers tr ON tr.id = t.tier_id JOIN events e ON e.id = t.event_id WHERE \(column) = ?
            """, value
        ).map {
            DoorTicket(
                id: try $0.string("id"), eventID: try $0.string("event_id"), tierID: try $0.string("tier_id"), tierName: try $0.string("tier_name"),
                attendeeName: try $0.string("attendee_name"),
                state: DoorTicketState(
                    status: TicketStatus(rawValue: try $0.string("status")) ?? .void,
                    holdExpiresAt: $0.optionalInt("hold_expires_at"), admission: try $0.bool("admission"),
                    voidReason: $0.optionalString("void_reason")),
                code: try $0.string("code"), reference: $0.optionalString("reference"), eventTitle: try $0.string("title"),
                eventStartsAt: Date(epochSeconds: try $0.int("starts_at")), eventEndsAt: Date(epochSeconds: try $0.int("ends_at")),
                eventTimeZone: try $0.string("timezone"))
        }
    }

    /// The role a user has now (nil if the account is gone): the door asks again at each scan,
    /// so a role taken away stops a running stream at its next scan.
    func currentRole(userID: String) throws -> Role? {
        // A disabled account has no role left: a running stream stops at its next scan.
        try db.row("SELECT role FROM users WHERE id = ? AND disabled_at IS NULL", userID).flatMap { Role(rawValue: try $0.string("role")) }
    }

    func scan(id: String) throws -> (ticketID: String?, eventID: String?, accepted: Bool, undoneAt: Int64?, direction: ScanDirection)? {
        try read {
            try db.row("SELECT ticket_id, event_id, result, undone_at, direction FROM scans WHERE id = ?", id).map {
                (
                    $0.optionalString("ticket_id"), $0.optionalString("event_id"), try $0.string("result") == "accepted", $0.optionalInt("undone_at"),
                    ScanDirection(rawValue: try $0.string("direction")) ?? .entry
                )
            }
        }
    }

    /// Tickets let in twice without leaving between (two entries on a list with no standing
    /// exit between them, on a list that is not `--multiple-entries`), with each admission's
    /// time and gate. A transfer makes a new ticket of the same seat: admissions of the old
    /// and the new code count as one ticket, named by the latest (the one `replaced_by` leads to).
    func doubleAdmissions(eventID: String, lists: [CheckinList]) throws -> [(ticketID: String, admissions: [(at: Date, gate: String)])] {
        var replacedBy: [String: String] = [:]
        try db.forEachRow("SELECT id, replaced_by FROM tickets WHERE event_id = ? AND replaced_by IS NOT NULL", arguments: [eventID]) { row in
            replacedBy[try row.string("id")] = try row.string("replaced_by")
        }
        func latest(_ ticket: String) -> String {
            var current = ticket
            var steps = 0
            while let next = replacedBy[current], steps < 1000 {
                current = next
                steps += 1
            }
            return current
        }
        let counted = Set(lists.filter { !$0.multipleEntries }.map(\.name))
        // Per ticket and list: the entries since its last exit, and whether it was ever doubled.
        struct Walk {
            var sinceExit = 0
            var doubled = false
            var admissions: [(Date, String)] = []
        }
        var walks: [String: Walk] = [:]
        var order: [String] = []
        try db.forEachRow(
            """
            SELECT ticket_id, checkin_list, direction, scanned_at, gate FROM scans
            WHERE event_id = ? AND result = 'accepted' AND undone_at IS NULL AND ticket_id IS NOT NULL
            ORDER BY scanned_at, rowid
            """, arguments: [eventID]
        ) { row in
            let list = try row.string("checkin_list")
            guard counted.contains(list) else { return }
            let ticket = latest(try row.string("ticket_id"))
            let key = ticket + "\u{0}" + list
            if walks[key] == nil { order.append(key) }
            if try row.string("direction") == "exit" {
                walks[key, default: Walk()].sinceExit = 0
                return
            }
            walks[key, default: Walk()].sinceExit += 1
            walks[key]!.admissions.append((Date(epochSeconds: try row.int("scanned_at")), try row.string("gate")))
            if walks[key]!.sinceExit > 1 { walks[key]!.doubled = true }
        }
        return order.filter { walks[$0]!.doubled }.sorted().map { key in
            (String(key.prefix { $0 != "\u{0}" }), walks[key]!.admissions.map { (at: $0.0, gate: $0.1) })
        }
    }

    /// Every ticket of an event as `merge` checks scans against them, in one read.
    func mergeTickets(eventID: String) throws -> [MergeTicket] {
        var tickets: [MergeTicket] = []
        try db.forEachRow(
            """
            SELECT id, code, reference, status, void_reason, replaced_by, updated_at FROM tickets WHERE event_id = ?
            """, arguments: [eventID]
        ) { row in
            tickets.append(
                MergeTicket(
                    id: try row.string("id"), code: try row.string("code"), reference: row.optionalString("reference"),
                    status: try row.string("status"), voidReason: row.optionalString("void_reason"),
                    replacedBy: row.optionalString("replaced_by"), updatedAt: try row.int("updated_at")))
        }
        return tickets
    }

    func ticketExists(id: String) throws -> Bool {
        try db.row("SELECT 1 FROM tickets WHERE id = ?", id) != nil
    }

    func ticketExists(code: String) throws -> Bool {
        try db.row("SELECT 1 FROM tickets WHERE code = ?", code) != nil
    }

    /// The gate scan ids already imported whose key starts with `prefix` (a pack's id and ':').
    func importedPackScanIDs(prefix: String) throws -> Set<String> {
        var keys = Set<String>()
        // A range on the unique index: every key that starts with the prefix.
        try db.forEachRow(
            "SELECT pack_scan_id FROM scans WHERE pack_scan_id >= ? AND pack_scan_id < ?",
            arguments: [prefix, prefix + "\u{10FFFF}"]
        ) { keys.insert(try $0.string("pack_scan_id")) }
        return keys
    }
}

/// A ticket as `merge` sees it.
struct MergeTicket {
    let id: String
    let code: String
    let reference: String?
    var status: String
    let voidReason: String?
    let replacedBy: String?
    let updatedAt: Int64
}

extension StoreTransaction {
    func insertScan(_ scan: ScanRecord) throws {
        try db.execute(
            """
            INSERT INTO scans (
                id, ticket_id, event_id, gate, operator_id, result, reason, scanned, scanned_at, source, pack_scan_id, checkin_list, direction
            ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            arguments: [
                scan.id, scan.ticketID, scan.eventID, scan.gate, scan.operatorID, scan.accepted ? "accepted" : "rejected",
                scan.reason.rawValue, scan.scanned, scan.at.epochSeconds, scan.source, scan.packScanID, scan.list, scan.direction.rawValue,
            ])
    }

    func markTicketUsed(id: String, now: Date) throws {
        try db.execute("UPDATE tickets SET status = 'used', updated_at = ? WHERE id = ?", now.epochSeconds, id)
    }

    /// An admission brought in from a gate pack: a valid ticket becomes used (a void one stays void).
    func markTicketUsedIfValid(id: String, now: Date) throws {
        try db.execute("UPDATE tickets SET status = 'used', updated_at = ? WHERE id = ? AND status = 'valid'", now.epochSeconds, id)
    }

    func markTicketValidAgain(id: String, now: Date) throws {
        try db.execute("UPDATE tickets SET status = 'valid', updated_at = ? WHERE id = ? AND status = 'used'", now.epochSeconds, id)
    }

    func markScanUndone(id: String, by actor: String, now: Date) throws {
        try db.execute("UPDATE scans SET undone_at = ?, undone_by = ? WHERE id = ?", now.epochSeconds, actor, id)
    }
}

import Foundation

/// An offline gate: a small SQLite file with the store's public keys, one event, its tiers
/// and its tickets' states as of when it was made. No private key, no e-mail address. A gate
/// with no network validates from it and records its scans in it; `merge` brings the scans
/// back into the store.
public final class GatePack {
    let db: SQLiteConnection
    public let path: String
    public let eventID: String
    public let eventTitle: String
    let verifier: CryptoPrimitives.Verifier
    /// Tier tags (first byte of the tier id) of add-ons, which do not admit.
    let addonTags: Set<UInt8>

    /// `PRAGMA application_id` of a gate pack ("BLTG"), so a pack is never taken for a store.
    static let applicationID: Int64 = 0x424C_5447

    static let schema = """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
        CREATE TABLE keys (public_key BLOB NOT NULL) STRICT;
        CREATE TABLE tiers (id TEXT PRIMARY KEY, tag INTEGER NOT NULL, name TEXT NOT NULL, addon INTEGER NOT NULL) STRICT;
        CREATE TABLE tickets (
            id TEXT PRIMARY KEY, tier_id TEXT, status TEXT NOT NULL, attendee_name TEXT NOT NULL DEFAULT '',
            void_reason TEXT, used_at INTEGER, used_gate TEXT
        ) STRICT;
        CREATE TABLE scans (
            id TEXT PRIMARY KEY, ticket_id TEXT, gate TEXT NOT NULL, result TEXT NOT NULL, reason TEXT NOT NULL,
            scanned TEXT NOT NULL, scanned_at INTEGER NOT NULL
        ) STRICT;
        """

    private init(db: SQLiteConnection, path: String) throws {
        self.db = db
        self.path = path
        var meta: [String: String] = [:]
        for row in try db.rows("SELECT key, value FROM meta") { meta[row.string("key")] = row.string("value") }
        guard let eventID = meta["event_id"] else { throw BilletterieError.cannotOpen(path: path, reason: "not a gate pack (no event)") }
        self.eventID = eventID
        self.eventTitle = meta["event_title"] ?? ""
        self.verifier = CryptoPrimitives.Verifier(publicKeys: try db.rows("SELECT public_key FROM keys").map { $0.blob("public_key") })
        self.addonTags = Set(try db.rows("SELECT tag FROM tiers WHERE addon = 1").map { UInt8(truncatingIfNeeded: $0.int("tag")) })
    }

    /// Opens a pack for the gate.
    public static func open(path: String) throws -> GatePack {
        guard FileManager.default.fileExists(atPath: path) else { throw BilletterieError.cannotOpen(path: path, reason: "no such gate pack") }
        do {
            let db = try SQLiteConnection(path: path, create: false)
            // A gate answers many scans a second: each committed, fsync left to checkpoints.
            try db.executeScript("PRAGMA synchronous = NORMAL")
            guard try db.scalar("SELECT application_id FROM pragma_application_id").int == applicationID else {
                throw BilletterieError.cannotOpen(path: path, reason: "not a gate pack (make one with `billetterie validate pack`)")
            }
            return try GatePack(db: db, path: path)
        } catch let error as SQLiteError {
            throw BilletterieError.cannotOpen(path: path, reason: error.message)
        }
    }

    /// What a pack holds, for the person who made it.
    public struct Summary: Sendable, Encodable {
        public let file: String
        public let eventID: String
        public let tickets: Int
        public let madeAt: Date
        enum CodingKeys: String, CodingKey { case file, tickets, eventID = "event_id", madeAt = "made_at" }
    }

    /// Writes a pack for one event (its organizer or an admin). The file is made under a
    /// temporary name and renamed, mode 0600; an existing file is refused.
    public static func make(event identifier: String, path: String, store: Store, actor: User, now: Date) throws -> Summary {
        let event = try Catalogue(store: store, now: now).event(identifier, viewer: actor)
        try Access.requireManages(event, actor, action: "making a gate pack")
        guard !FileManager.default.fileExists(atPath: path) else {
            throw BilletterieError.conflict(code: "file_exists", message: "\(path) already exists; give a new file name")
        }
        let temporary = path + ".part"
        try? FileManager.default.removeItem(atPath: temporary)
        var count = 0
        do {
            let pack = try SQLiteConnection(path: temporary, create: true)
            try FileSystem.makePrivate(temporary)
            try pack.executeScript("PRAGMA application_id = \(applicationID); PRAGMA journal_mode = WAL;" + schema)
            try pack.writeTransaction {
                for (key, value) in [("event_id", event.id), ("event_title", event.title), ("made_at", String(now.epochSeconds)),
                                     ("store_id", try store.settingValue("store_id") ?? ""), ("format", "1")] {
                    try pack.execute("INSERT INTO meta VALUES (?, ?)", key, value)
                }
                for key in try store.publicKeys() { try pack.execute("INSERT INTO keys VALUES (?)", key) }
                for tier in try store.tiers(of: event) {
                    let tag = TicketCode.tag(tier.id, .tier, TicketCode.tierTagBytes)?.first ?? 0
                    try pack.execute("INSERT INTO tiers VALUES (?, ?, ?, ?)", tier.id, Int(tag), tier.name, tier.addon)
                }
                try store.forEachTicket(eventID: event.id, now: now) { row in
                    let ticket = row.ticket
                    let standing = ticket.status == .used ? try store.standingAdmission(ticketID: ticket.id) : nil
                    try pack.execute("INSERT INTO tickets VALUES (?, ?, ?, ?, ?, ?, ?)", arguments: [
                        ticket.id, ticket.tierID, ticket.status.rawValue, ticket.attendee.name, ticket.voidReason,
                        standing.map { $0.at.epochSeconds }, standing?.gate,
                    ])
                    count += 1
                }
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw (error as? BilletterieError) ?? BilletterieError.cannotCreate(path: path, reason: "\(error)")
        }
        guard rename(temporary, path) == 0 else {
            throw BilletterieError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
        }
        try store.write {
            try store.recordEvent("gate_pack.made", subject: event.id, actor: actor.id, data: ["file": path, "tickets": String(count)], at: now)
        }
        return Summary(file: path, eventID: event.id, tickets: count, madeAt: now)
    }

    /// Judges a scanned line from the pack alone and records the scan in the pack. Any
    /// correctly signed code for this event is admitted unless the pack knows the ticket to
    /// be void or already used: tickets sold after the pack was made still get in.
    public func validate(_ scanned: String, gate: String, now: Date) throws -> ScanAnswer {
        try record(Door.prepare(scanned, verifier: verifier), gate: gate, now: now)
    }

    /// The pack's keys, for preparing scans on another thread.
    public var publicKeyVerifier: CryptoPrimitives.Verifier { verifier }

    /// Judges a prepared scan from the pack alone and records it in the pack.
    public func record(_ prepared: Door.PreparedScan, gate: String, now: Date) throws -> ScanAnswer {
        let code = prepared.code
        let scanID = Identifier.make(.scan)
        func answer(_ accepted: Bool, _ reason: ScanReason, ticketID: String?, view: ScanAnswer.TicketView? = nil,
                    first: ScanAnswer.FirstScan? = nil, detail: String? = nil) throws -> ScanAnswer {
            try db.execute("INSERT INTO scans VALUES (?, ?, ?, ?, ?, ?, ?)", arguments: [
                scanID, ticketID, gate, accepted ? "accepted" : "rejected", reason.rawValue, String(code.prefix(Door.keptScanLength)), now.epochSeconds,
            ])
            return ScanAnswer(accepted: accepted, reason: reason, ticket: view, firstScan: first, scanID: scanID, detail: detail, gate: gate, at: now)
        }
        do {
            return try db.writeTransaction {
                let parsed: TicketCode
                switch prepared.verdict {
                case .failure(let rejection): return try answer(false, rejection == .malformed ? .malformed : .invalidSignature, ticketID: nil)
                case .success(let p): parsed = p
                }
                guard parsed.isFor(eventID: eventID) else { return try answer(false, .wrongEvent, ticketID: parsed.ticketID) }
                let known = try db.row("""
                    SELECT t.status, t.attendee_name, t.void_reason, t.used_at, t.used_gate, tr.name AS tier_name
                    FROM tickets t LEFT JOIN tiers tr ON tr.id = t.tier_id WHERE t.id = ?
                    """, parsed.ticketID)
                let tierName = try known?.optionalString("tier_name")
                    ?? db.row("SELECT name FROM tiers WHERE tag = ?", Int(parsed.tierTag.first ?? 0))?.string("name") ?? ""
                let attendee = known?.string("attendee_name") ?? ""
                func view(_ status: String) -> ScanAnswer.TicketView {
                    .init(id: parsed.ticketID, status: status, attendeeName: attendee, tier: tierName, eventID: eventID)
                }
                switch known?.string("status") {
                case "void"?:
                    return try answer(false, .void, ticketID: parsed.ticketID, view: view("void"), detail: known?.optionalString("void_reason"))
                case "used"?:
                    let first = known?.optionalInt("used_at").map { ScanAnswer.FirstScan(at: Date(epochSeconds: $0), gate: known?.string("used_gate") ?? "") }
                    return try answer(false, .alreadyUsed, ticketID: parsed.ticketID, view: view("used"), first: first)
                default: break
                }
                if addonTags.contains(parsed.tierTag.first ?? 0) {
                    return try answer(false, .addonNotAdmission, ticketID: parsed.ticketID, view: view(known?.string("status") ?? "valid"))
                }
                try db.execute("""
                    INSERT INTO tickets (id, status, used_at, used_gate) VALUES (?, 'used', ?, ?)
                    ON CONFLICT (id) DO UPDATE SET status = 'used', used_at = excluded.used_at, used_gate = excluded.used_gate
                    """, parsed.ticketID, now.epochSeconds, gate)
                return try answer(true, .ok, ticketID: parsed.ticketID, view: view("used"))
            }
        } catch let error as SQLiteError {
            throw BilletterieError.cannotCreate(path: path, reason: "the pack cannot record the scan: \(error.message)")
        }
    }

    /// The pack's scans, oldest first.
    func scans() throws -> [(id: String, ticketID: String?, gate: String, accepted: Bool, reason: ScanReason, scanned: String, at: Date)] {
        try db.rows("SELECT id, ticket_id, gate, result, reason, scanned, scanned_at FROM scans ORDER BY scanned_at, rowid").map {
            ($0.string("id"), $0.optionalString("ticket_id"), $0.string("gate"), $0.string("result") == "accepted",
             ScanReason(rawValue: $0.string("reason")) ?? .malformed, $0.string("scanned"), Date(epochSeconds: $0.int("scanned_at")))
        }
    }

    /// What `merge` reports.
    public struct MergeReport: Sendable, Encodable {
        public struct Admission: Sendable, Encodable {
            public let at: Date
            public let gate: String
        }
        public struct Double: Sendable, Encodable {
            public let ticket: String
            public let admissions: [Admission]
        }
        public let imported: Int
        public let doubleAdmissions: [Double]
        enum CodingKeys: String, CodingKey { case imported, doubleAdmissions = "double_admissions" }
    }

    /// Brings packs' scans into the store, each once however often it is merged, and lists
    /// every ticket now admitted more than once (across gates and the online door).
    public static func merge(paths: [String], store: Store, actor: User, now: Date) throws -> MergeReport {
        let packs = try paths.map(open)
        let catalogue = Catalogue(store: store, now: now)
        var events: [String] = []
        for pack in packs {
            let event = try catalogue.event(pack.eventID, viewer: actor)
            try Access.requireManages(event, actor, action: "merging gate packs")
            if !events.contains(event.id) { events.append(event.id) }
        }
        var imported = 0
        try store.write {
            for pack in packs {
                for scan in try pack.scans() where try !store.isPackScanImported(scan.id) {
                    try store.insertScan(ScanRecord(id: scan.id, ticketID: scan.ticketID, eventID: pack.eventID, gate: scan.gate, operatorID: nil,
                                                    accepted: scan.accepted, reason: scan.reason, scanned: scan.scanned, at: scan.at,
                                                    source: "pack", packScanID: scan.id))
                    if scan.accepted, let ticket = scan.ticketID { try store.markTicketUsedIfValid(id: ticket, now: now) }
                    imported += 1
                }
            }
            try store.recordEvent("gate_pack.merged", subject: nil, actor: actor.id,
                                  data: ["files": paths.joined(separator: ","), "imported": String(imported)], at: now)
        }
        let doubles = try events.flatMap { id in try store.read { try store.doubleAdmissions(eventID: id) } }.map { entry in
            MergeReport.Double(ticket: entry.ticketID, admissions: entry.admissions.map { .init(at: $0.at, gate: $0.gate) })
        }
        return MergeReport(imported: imported, doubleAdmissions: doubles)
    }
}

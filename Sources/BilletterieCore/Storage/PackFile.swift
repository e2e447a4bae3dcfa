import Foundation

/// A gate pack's SQLite file: the only place its SQL lives. The rules a gate applies are in
/// Services/GatePack.swift (and `DoorRules`); this reads and writes rows.
final class PackFile {
    /// `PRAGMA application_id` of a gate pack ("BLTG"), so a pack is never taken for a store.
    static let applicationID: Int64 = 0x424C_5447

    static let schema = """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
        CREATE TABLE keys (public_key BLOB NOT NULL) STRICT;
        CREATE TABLE tiers (id TEXT PRIMARY KEY, tag INTEGER NOT NULL, name TEXT NOT NULL, addon INTEGER NOT NULL) STRICT;
        CREATE TABLE tickets (
            tag BLOB PRIMARY KEY, id TEXT, tier_id TEXT, status TEXT NOT NULL, attendee_name TEXT NOT NULL DEFAULT '',
            void_reason TEXT, hold_expires_at INTEGER, reference_hash BLOB UNIQUE, used_at INTEGER, used_gate TEXT
        ) STRICT;
        CREATE TABLE scans (
            id TEXT PRIMARY KEY, ticket_id TEXT, gate TEXT NOT NULL, result TEXT NOT NULL, reason TEXT NOT NULL,
            scanned TEXT NOT NULL, scanned_at INTEGER NOT NULL
        ) STRICT;
        """

    let db: SQLiteConnection
    let path: String

    private init(db: SQLiteConnection, path: String) {
        self.db = db
        self.path = path
    }

    /// Opens an existing pack for a gate; nil when the file is not a pack.
    static func open(path: String) throws -> PackFile? {
        let db = try SQLiteConnection(path: path, create: false)
        // A gate answers many scans a second: each committed, fsync left to checkpoints.
        // Checkpointed on close, unlike the store at the door: a pack is carried back on a
        // USB stick by copying one file, which must then hold every scan.
        try db.executeScript("PRAGMA synchronous = NORMAL")
        guard try db.scalar("SELECT application_id FROM pragma_application_id").int == applicationID else { return nil }
        return PackFile(db: db, path: path)
    }

    /// Opens a pack brought back for `merge`, believing nothing: defensive mode, no trusted
    /// schema, and the schema must be exactly what `create` makes (a view, trigger, index or
    /// column added elsewhere is refused). Throws `PackRefusal` when it is not.
    static func openForMerge(path: String) throws -> PackFile {
        guard let file = try open(path: path) else { throw PackRefusal("not a gate pack") }
        try file.db.treatAsUntrusted()
        let expected = try SQLiteConnection(path: ":memory:", create: true)
        try expected.executeScript(schema)
        func shape(_ db: SQLiteConnection) throws -> [String] {
            try db.rows("SELECT type, name, tbl_name, coalesce(sql, '') AS sql FROM sqlite_master ORDER BY type, name").map {
                [$0.string("type"), $0.string("name"), $0.string("tbl_name"), $0.string("sql")].joined(separator: "|")
            }
        }
        guard try shape(file.db) == shape(expected) else { throw PackRefusal("its schema is not as billetterie writes it (altered outside billetterie)") }
        return file
    }

    /// Why a pack, or one of its scans, is not believed.
    struct PackRefusal: Error {
        let reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// How many scans a pack may bring: a gate of a very large event scans a few hundred
    /// thousand; a file with more was not made by a gate.
    static let largestScanCount = 2_000_000

    func scanCount() throws -> Int {
        Int(try db.scalar("SELECT count(*) FROM scans").int ?? 0)
    }

    /// Makes a new, empty pack file (mode 0600) with its schema.
    static func create(path: String) throws -> PackFile {
        let db = try SQLiteConnection(path: path, create: true)
        try FileSystem.makePrivate(path)
        try db.executeScript("PRAGMA application_id = \(applicationID); PRAGMA journal_mode = WAL;" + schema)
        return PackFile(db: db, path: path)
    }

    func writeTransaction<T>(_ body: () throws -> T) throws -> T {
        try db.writeTransaction(body)
    }

    // MARK: Making a pack

    func insertMeta(_ key: String, _ value: String) throws {
        try db.execute("INSERT INTO meta VALUES (?, ?)", key, value)
    }

    func insertPublicKey(_ key: [UInt8]) throws {
        try db.execute("INSERT INTO keys VALUES (?)", key)
    }

    func insertTier(id: String, tag: UInt8, name: String, addon: Bool) throws {
        try db.execute("INSERT INTO tiers VALUES (?, ?, ?, ?)", id, Int(tag), name, addon)
    }

    /// A ticket as the pack keeps it: no e-mail address, no code, the reference only hashed.
    struct TicketRow {
        let tag: [UInt8]
        let id: String?
        let tierID: String?
        let status: String
        let attendeeName: String
        let voidReason: String?
        let holdExpiresAt: Int64?
        let referenceHash: [UInt8]?
        let usedAt: Int64?
        let usedGate: String?
    }

    func insertTicket(_ row: TicketRow) throws {
        try db.execute("INSERT INTO tickets VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", arguments: [
            row.tag, row.id, row.tierID, row.status, row.attendeeName, row.voidReason, row.holdExpiresAt, row.referenceHash,
            row.usedAt, row.usedGate,
        ])
    }

    // MARK: At the gate

    func meta() throws -> [String: String] {
        var meta: [String: String] = [:]
        for row in try db.rows("SELECT key, value FROM meta") { meta[row.string("key")] = row.string("value") }
        return meta
    }

    func publicKeys() throws -> [[UInt8]] {
        try db.rows("SELECT public_key FROM keys").map { $0.blob("public_key") }
    }

    /// Tier tags (first byte of the tier id) of add-ons, which do not admit.
    func addonTierTags() throws -> Set<UInt8> {
        Set(try db.rows("SELECT tag FROM tiers WHERE addon = 1").map { UInt8(truncatingIfNeeded: $0.int("tag")) })
    }

    func tierName(tag: UInt8) throws -> String? {
        try db.row("SELECT name FROM tiers WHERE tag = ?", Int(tag))?.string("name")
    }

    /// A ticket the pack knows, with its tier's name and add-on flag.
    struct KnownTicket {
        let tag: [UInt8]
        let id: String?
        let status: String
        let attendeeName: String
        let voidReason: String?
        let holdExpiresAt: Int64?
        let usedAt: Int64?
        let usedGate: String?
        let tierName: String?
        let addon: Bool?
    }

    private static let ticketColumns = """
        t.tag, t.id, t.status, t.attendee_name, t.void_reason, t.hold_expires_at, t.used_at, t.used_gate, tr.name AS tier_name, tr.addon
        FROM tickets t LEFT JOIN tiers tr ON tr.id = t.tier_id
        """

    func ticket(tag: [UInt8]) throws -> KnownTicket? {
        try db.row("SELECT \(Self.ticketColumns) WHERE t.tag = ?", tag).map(Self.known)
    }

    func ticket(referenceHash: [UInt8]) throws -> KnownTicket? {
        try db.row("SELECT \(Self.ticketColumns) WHERE t.reference_hash = ?", referenceHash).map(Self.known)
    }

    private static func known(_ row: Row) -> KnownTicket {
        KnownTicket(tag: row.blob("tag"), id: row.optionalString("id"), status: row.string("status"), attendeeName: row.string("attendee_name"),
                    voidReason: row.optionalString("void_reason"), holdExpiresAt: row.optionalInt("hold_expires_at"),
                    usedAt: row.optionalInt("used_at"), usedGate: row.optionalString("used_gate"), tierName: row.optionalString("tier_name"),
                    addon: row.optionalInt("addon").map { $0 == 1 })
    }

    func insertScan(id: String, ticketID: String?, gate: String, accepted: Bool, reason: ScanReason, scanned: String, at: Date) throws {
        try db.execute("INSERT INTO scans VALUES (?, ?, ?, ?, ?, ?, ?)", arguments: [
            id, ticketID, gate, accepted ? "accepted" : "rejected", reason.rawValue, scanned, at.epochSeconds,
        ])
    }

    /// An admission at this gate: the ticket (known or not before) is used from now.
    func markUsed(tag: [UInt8], id: String?, at: Date, gate: String) throws {
        try db.execute("""
            INSERT INTO tickets (tag, id, status, used_at, used_gate) VALUES (?, ?, 'used', ?, ?)
            ON CONFLICT (tag) DO UPDATE SET status = 'used', used_at = excluded.used_at, used_gate = excluded.used_gate
            """, tag, id, at.epochSeconds, gate)
    }

    /// A scan the gate recorded, for `merge`.
    /// As the file holds it: nothing here is believed yet (`result` and `reason` may be any text).
    struct ScanRow {
        let id: String
        let ticketID: String?
        let gate: String
        let result: String
        let reason: String
        let scanned: String
        let at: Int64
    }

    /// The pack's scans, oldest first.
    func scans() throws -> [ScanRow] {
        try db.rows("SELECT id, ticket_id, gate, result, reason, scanned, scanned_at FROM scans ORDER BY scanned_at, rowid").map {
            ScanRow(id: $0.string("id"), ticketID: $0.optionalString("ticket_id"), gate: $0.string("gate"), result: $0.string("result"),
                    reason: $0.string("reason"), scanned: $0.string("scanned"), at: $0.int("scanned_at"))
        }
    }
}

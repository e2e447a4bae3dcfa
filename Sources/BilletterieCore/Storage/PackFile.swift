import Foundation

/// A gate pack's SQLite file: the only place its SQL lives. The rules a gate applies are in
/// Services/GatePack.swift (and `DoorRules`); this reads and writes rows.
final class PackFile {
    /// `PRAGMA application_id` of a gate pack ("BLTG"), so a pack is never taken for a store.
    static let applicationID: Int64 = 0x424C_5447

    /// Format 4: what the store wrote (meta, keys, tiers, tickets) carries its signatures and
    /// is never changed by the gate except by a verified delta; what the gate learns (its
    /// scans, its movements in and out and those other gates sent it, its own state) lives in
    /// tables of its own, so a gate's work never breaks a store signature. A pack checks one
    /// check-in list (its meta names it); a ticket row holds the store's standing entry on
    /// that list (`used_*`) and, when the ticket left after it, the exit (`left_*`).
    static let schema = """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
        CREATE TABLE keys (public_key BLOB NOT NULL) STRICT;
        CREATE TABLE seal (signature BLOB NOT NULL) STRICT;
        CREATE TABLE tiers (
            id TEXT PRIMARY KEY, tag INTEGER NOT NULL, name TEXT NOT NULL, addon INTEGER NOT NULL,
            as_of INTEGER NOT NULL, signature BLOB NOT NULL
        ) STRICT;
        CREATE TABLE tickets (
            tag BLOB PRIMARY KEY, id TEXT, tier_id TEXT, status TEXT NOT NULL, attendee_name TEXT NOT NULL DEFAULT '',
            void_reason TEXT, hold_expires_at INTEGER, reference_hash BLOB UNIQUE, used_at INTEGER, used_gate TEXT,
            left_at INTEGER, left_gate TEXT, as_of INTEGER NOT NULL, signature BLOB NOT NULL
        ) STRICT;
        CREATE TABLE scans (
            id TEXT PRIMARY KEY, ticket_id TEXT, gate TEXT NOT NULL, result TEXT NOT NULL, reason TEXT NOT NULL,
            scanned TEXT NOT NULL, scanned_at INTEGER NOT NULL, direction TEXT NOT NULL
        ) STRICT;
        CREATE TABLE movements (
            origin TEXT NOT NULL, scan_id TEXT NOT NULL, tag BLOB NOT NULL, ticket_id TEXT, at INTEGER NOT NULL, gate TEXT NOT NULL,
            direction TEXT NOT NULL, PRIMARY KEY (origin, scan_id)
        ) STRICT;
        CREATE INDEX movements_by_tag ON movements(tag, at);
        CREATE TABLE gate (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
        """

    /// Format 3 (before check-in lists): still read by `merge`, so a gate's scans made with
    /// an older billetterie are never lost; its scans were all entries on `main`.
    static let schemaFormat3 = """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
        CREATE TABLE keys (public_key BLOB NOT NULL) STRICT;
        CREATE TABLE seal (signature BLOB NOT NULL) STRICT;
        CREATE TABLE tiers (
            id TEXT PRIMARY KEY, tag INTEGER NOT NULL, name TEXT NOT NULL, addon INTEGER NOT NULL,
            as_of INTEGER NOT NULL, signature BLOB NOT NULL
        ) STRICT;
        CREATE TABLE tickets (
            tag BLOB PRIMARY KEY, id TEXT, tier_id TEXT, status TEXT NOT NULL, attendee_name TEXT NOT NULL DEFAULT '',
            void_reason TEXT, hold_expires_at INTEGER, reference_hash BLOB UNIQUE, used_at INTEGER, used_gate TEXT,
            as_of INTEGER NOT NULL, signature BLOB NOT NULL
        ) STRICT;
        CREATE TABLE scans (
            id TEXT PRIMARY KEY, ticket_id TEXT, gate TEXT NOT NULL, result TEXT NOT NULL, reason TEXT NOT NULL,
            scanned TEXT NOT NULL, scanned_at INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE admissions (
            tag BLOB PRIMARY KEY, ticket_id TEXT, at INTEGER NOT NULL, gate TEXT NOT NULL, scan_id TEXT NOT NULL, origin TEXT NOT NULL
        ) STRICT;
        CREATE TABLE gate (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
        """

    let db: SQLiteConnection
    let path: String
    /// True for a format-3 file (merge only: its scans have no direction column).
    private(set) var isFormat3 = false

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
        func shape(_ db: SQLiteConnection) throws -> [String] {
            try db.rows("SELECT type, name, tbl_name, coalesce(sql, '') AS sql FROM sqlite_master ORDER BY type, name").map {
                [try $0.string("type"), try $0.string("name"), try $0.string("tbl_name"), try $0.string("sql")].joined(separator: "|")
            }
        }
        func shape(of script: String) throws -> [String] {
            let expected = try SQLiteConnection(path: ":memory:", create: true)
            try expected.executeScript(script)
            return try shape(expected)
        }
        let found = try shape(file.db)
        if found == (try shape(of: schema)) { return file }
        if found == (try shape(of: schemaFormat3)) {
            file.isFormat3 = true
            return file
        }
        throw PackRefusal("its schema is not as billetterie writes it (altered outside billetterie)")
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

    func insertSeal(_ signature: [UInt8]) throws {
        try db.execute("INSERT INTO seal VALUES (?)", signature)
    }

    /// A tier as the store signed it for this pack.
    struct TierRow {
        let id: String
        let tag: UInt8
        let name: String
        let addon: Bool
        var asOf: Int64 = 0
        var signature: [UInt8] = []

        func sameState(as other: TierRow) -> Bool {
            id == other.id && tag == other.tag && name == other.name && addon == other.addon
        }
    }

    /// A ticket as the store signed it for this pack: no e-mail address, no code, the
    /// reference only hashed.
    struct TicketRow {
        let tag: [UInt8]
        let id: String?
        let tierID: String?
        let status: String
        let attendeeName: String
        let voidReason: String?
        let holdExpiresAt: Int64?
        let referenceHash: [UInt8]?
        /// The store's standing entry on the pack's list.
        let usedAt: Int64?
        let usedGate: String?
        /// The store's standing exit on the list, when the ticket's last standing scan there is one.
        var leftAt: Int64? = nil
        var leftGate: String? = nil
        var asOf: Int64 = 0
        var signature: [UInt8] = []

        /// The same ticket state (what a delta would have to send), whatever the time or signature.
        func sameState(as other: TicketRow) -> Bool {
            tag == other.tag && id == other.id && tierID == other.tierID && status == other.status && attendeeName == other.attendeeName
                && voidReason == other.voidReason && holdExpiresAt == other.holdExpiresAt && referenceHash == other.referenceHash
                && usedAt == other.usedAt && usedGate == other.usedGate && leftAt == other.leftAt && leftGate == other.leftGate
        }

        /// What the store knew the ticket did on the pack's list.
        var history: ListHistory {
            let entry = usedAt.map { ListMovement(direction: .entry, at: Date(epochSeconds: $0), gate: usedGate ?? "") }
            let exit = leftAt.map { ListMovement(direction: .exit, at: Date(epochSeconds: $0), gate: leftGate ?? "") }
            return ListHistory(last: exit ?? entry, lastEntry: entry)
        }
    }

    func insertTier(_ row: TierRow) throws {
        try db.execute("INSERT INTO tiers VALUES (?, ?, ?, ?, ?, ?)", arguments: [row.id, Int(row.tag), row.name, row.addon, row.asOf, row.signature])
    }

    func insertTicket(_ row: TicketRow) throws {
        try db.execute("INSERT INTO tickets VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", arguments: Self.arguments(row))
    }

    private static func arguments(_ row: TicketRow) -> [SQLBindable] {
        [
            row.tag, row.id, row.tierID, row.status, row.attendeeName, row.voidReason, row.holdExpiresAt, row.referenceHash,
            row.usedAt, row.usedGate, row.leftAt, row.leftGate, row.asOf, row.signature,
        ]
    }

    // MARK: Applying a delta

    /// Puts a newer signed tier in place; false when the pack already had it as new or newer.
    func upsertTier(_ row: TierRow) throws -> Bool {
        try db.execute(
            """
            INSERT INTO tiers VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET tag = excluded.tag, name = excluded.name, addon = excluded.addon,
                as_of = excluded.as_of, signature = excluded.signature
            WHERE excluded.as_of > tiers.as_of
            """, arguments: [row.id, Int(row.tag), row.name, row.addon, row.asOf, row.signature]) > 0
    }

    /// Puts a newer signed ticket state in place; false when the pack already had it as new
    /// or newer (so a delta applied twice, or an older one after a newer, changes nothing).
    func upsertTicket(_ row: TicketRow) throws -> Bool {
        try db.execute(
            """
            INSERT INTO tickets VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (tag) DO UPDATE SET id = excluded.id, tier_id = excluded.tier_id, status = excluded.status,
                attendee_name = excluded.attendee_name, void_reason = excluded.void_reason, hold_expires_at = excluded.hold_expires_at,
                reference_hash = excluded.reference_hash, used_at = excluded.used_at, used_gate = excluded.used_gate,
                left_at = excluded.left_at, left_gate = excluded.left_gate, as_of = excluded.as_of, signature = excluded.signature
            WHERE excluded.as_of > tickets.as_of
            """, arguments: Self.arguments(row)) > 0
    }

    // MARK: At the gate

    func meta() throws -> [String: String] {
        var meta: [String: String] = [:]
        for row in try db.rows("SELECT key, value FROM meta") { meta[try row.string("key")] = try row.string("value") }
        return meta
    }

    func publicKeys() throws -> [[UInt8]] {
        try db.rows("SELECT public_key FROM keys ORDER BY public_key").map { try $0.blob("public_key") }
    }

    /// The store's signature over meta and keys; nil when the pack has none (or several).
    func seal() throws -> [UInt8]? {
        let rows = try db.rows("SELECT signature FROM seal")
        return rows.count == 1 ? try rows[0].blob("signature") : nil
    }

    private static let tierColumns = "id, tag, name, addon, as_of, signature FROM tiers"

    func tier(id: String) throws -> TierRow? {
        try db.row("SELECT \(Self.tierColumns) WHERE id = ?", id).map { try Self.tier($0) }
    }

    /// The tier whose id starts with this tag byte (what a ticket code carries).
    func tier(tag: UInt8) throws -> TierRow? {
        try db.row("SELECT \(Self.tierColumns) WHERE tag = ? ORDER BY id LIMIT 1", Int(tag)).map { try Self.tier($0) }
    }

    func tiers() throws -> [TierRow] {
        try db.rows("SELECT \(Self.tierColumns) ORDER BY id").map { try Self.tier($0) }
    }

    private static func tier(_ row: Row) throws -> TierRow {
        TierRow(
            id: try row.string("id"), tag: UInt8(truncatingIfNeeded: try row.int("tag")), name: try row.string("name"), addon: try row.bool("addon"),
            asOf: try row.int("as_of"), signature: try row.blob("signature"))
    }

    private static let ticketColumns = """
        tag, id, tier_id, status, attendee_name, void_reason, hold_expires_at, reference_hash, used_at, used_gate, left_at, left_gate,
        as_of, signature FROM tickets
        """

    func ticket(tag: [UInt8]) throws -> TicketRow? {
        try db.row("SELECT \(Self.ticketColumns) WHERE tag = ?", tag).map { try Self.ticket($0) }
    }

    func ticket(referenceHash: [UInt8]) throws -> TicketRow? {
        try db.row("SELECT \(Self.ticketColumns) WHERE reference_hash = ?", referenceHash).map { try Self.ticket($0) }
    }

    /// Every ticket row, for working out a delta against the store.
    func forEachTicket(_ body: (TicketRow) throws -> Void) throws {
        try db.forEachRow("SELECT \(Self.ticketColumns)", arguments: []) { try body(Self.ticket($0)) }
    }

    private static func ticket(_ row: Row) throws -> TicketRow {
        TicketRow(
            tag: try row.blob("tag"), id: row.optionalString("id"), tierID: row.optionalString("tier_id"), status: try row.string("status"),
            attendeeName: try row.string("attendee_name"), voidReason: row.optionalString("void_reason"),
            holdExpiresAt: row.optionalInt("hold_expires_at"),
            referenceHash: row.optionalBlob("reference_hash"), usedAt: row.optionalInt("used_at"), usedGate: row.optionalString("used_gate"),
            leftAt: row.optionalInt("left_at"), leftGate: row.optionalString("left_gate"), asOf: try row.int("as_of"),
            signature: try row.blob("signature"))
    }

    func insertScan(
        id: String, ticketID: String?, gate: String, accepted: Bool, reason: ScanReason, scanned: String, at: Date, direction: ScanDirection
    ) throws {
        try db.execute(
            "INSERT INTO scans VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: [
                id, ticketID, gate, accepted ? "accepted" : "rejected", reason.rawValue, scanned, at.epochSeconds, direction.rawValue,
            ])
    }

    /// A ticket going in or out that this gate knows of: its own accepted scan, or one
    /// another gate sent it in an exchange file.
    struct Movement {
        let tag: [UInt8]
        let ticketID: String?
        let at: Int64
        let gate: String
        let scanID: String
        /// The pack (its id) whose gate made the scan.
        let origin: String
        let direction: ScanDirection

        var movement: ListMovement { ListMovement(direction: direction, at: Date(epochSeconds: at), gate: gate) }
    }

    private static let movementColumns = "tag, ticket_id, at, gate, scan_id, origin, direction FROM movements"

    /// What the gate knows a ticket did (its last movement, its last entry), with the
    /// last movement's origin.
    func history(tag: [UInt8]) throws -> (history: ListHistory, lastOrigin: String?) {
        let rows = try db.rows("SELECT \(Self.movementColumns) WHERE tag = ? ORDER BY at DESC, rowid DESC LIMIT 1", tag)
        guard let last = try rows.first.map(Self.movement) else { return (.none, nil) }
        if last.direction == .entry { return (ListHistory(last: last.movement, lastEntry: last.movement), last.origin) }
        let entry = try db.row("SELECT \(Self.movementColumns) WHERE tag = ? AND direction = 'entry' ORDER BY at DESC, rowid DESC LIMIT 1", tag)
            .map(Self.movement)
        return (ListHistory(last: last.movement, lastEntry: entry?.movement), last.origin)
    }

    /// Records a movement unless the gate already has it (the same scan of the same gate); true when new.
    @discardableResult
    func insertMovement(_ movement: Movement) throws -> Bool {
        try db.execute(
            "INSERT INTO movements (tag, ticket_id, at, gate, scan_id, origin, direction) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            arguments: [
                movement.tag, movement.ticketID, movement.at, movement.gate, movement.scanID, movement.origin, movement.direction.rawValue,
            ]) > 0
    }

    /// Movements recorded after `rowID` (for an exchange), with the last one's row id.
    func movements(after rowID: Int64) throws -> (movements: [Movement], last: Int64) {
        var last = rowID
        let list = try db.rows("SELECT rowid, \(Self.movementColumns) WHERE rowid > ? ORDER BY rowid", rowID).map {
            last = try $0.int("rowid")
            return try Self.movement($0)
        }
        return (list, last)
    }

    /// Every movement, oldest first, and every ticket row's store state, for the gate's inside
    /// count (read once when a stream starts; each scan then moves it).
    func forEachMovement(_ body: (Movement) throws -> Void) throws {
        try db.forEachRow("SELECT \(Self.movementColumns) ORDER BY at, rowid", arguments: []) { try body(Self.movement($0)) }
    }

    func forEachStoreState(_ body: (_ tag: [UInt8], ListHistory) throws -> Void) throws {
        try db.forEachRow("SELECT tag, used_at, used_gate, left_at, left_gate FROM tickets WHERE used_at IS NOT NULL OR left_at IS NOT NULL", arguments: []) {
            let entry = $0.optionalInt("used_at").map { ListMovement(direction: .entry, at: Date(epochSeconds: $0), gate: "") }
            let exit = $0.optionalInt("left_at").map { ListMovement(direction: .exit, at: Date(epochSeconds: $0), gate: "") }
            try body(try $0.blob("tag"), ListHistory(last: exit ?? entry, lastEntry: entry))
        }
    }

    private static func movement(_ row: Row) throws -> Movement {
        Movement(
            tag: try row.blob("tag"), ticketID: row.optionalString("ticket_id"), at: try row.int("at"), gate: try row.string("gate"),
            scanID: try row.string("scan_id"), origin: try row.string("origin"),
            direction: ScanDirection(rawValue: try row.string("direction")) ?? .entry)
    }

    /// The gate's own state (not signed: the gate writes it): its exchange key, its last exchange.
    func gateValue(_ key: String) throws -> String? {
        try db.row("SELECT value FROM gate WHERE key = ?", key)?.string("value")
    }

    func setGateValue(_ key: String, _ value: String) throws {
        try db.execute("INSERT INTO gate VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value)
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
        let direction: String
    }

    /// The pack's scans, oldest first (a format-3 pack's are all entries).
    func scans() throws -> [ScanRow] {
        let direction = isFormat3 ? "'entry'" : "direction"
        return try db.rows("SELECT id, ticket_id, gate, result, reason, scanned, scanned_at, \(direction) AS direction FROM scans ORDER BY scanned_at, rowid")
            .map {
                ScanRow(
                    id: try $0.string("id"), ticketID: $0.optionalString("ticket_id"), gate: try $0.string("gate"), result: try $0.string("result"),
                    reason: try $0.string("reason"), scanned: try $0.string("scanned"), at: try $0.int("scanned_at"),
                    direction: try $0.string("direction"))
            }
    }
}

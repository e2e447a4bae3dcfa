import Foundation

/// The store: one SQLite file, or a database on a PostgreSQL server (CLI.md section 15),
/// opened once per command. Reads are methods of the store; every change goes through
/// `write { tx in ... }`, whose `StoreTransaction` alone has the methods that change rows,
/// one writer at a time for the whole transaction.
public final class Store {
    /// The file, or the server URL as given (never holding a password: `--db` refuses one).
    public let path: String
    let db: any Database
    var engine: Engine { db.dialect.engine }
    var dialect: SQLDialect { db.dialect }

    /// How long a writer waits for another process's transaction on either engine (then exit 75).
    static let lockWaitSeconds = Int(SQLiteConnection.busyTimeoutMilliseconds / 1000)

    /// `PRAGMA application_id`: tells a billetterie store from any other SQLite file ("BLTR").
    static let applicationID: Int64 = 0x424C_5452

    private init(path: String, db: any Database) {
        self.path = path
        self.db = db
    }

    /// Whether `location` names a PostgreSQL server rather than a file.
    public static func isServerURL(_ location: String) -> Bool {
        PostgresConnection.isURL(location)
    }

    /// True when the store is on a server, where there is no file beside which to keep things.
    public var isOnServer: Bool { engine == .postgres }

    /// Refuses (exit 64) a server URL that carries a password: it would sit in shell history
    /// and in `ps`. libpq reads PGPASSWORD and ~/.pgpass, or the server trusts the account.
    public static func checkLocation(_ location: String) throws {
        guard isServerURL(location), PostgresConnection.urlHasPassword(location) else { return }
        throw BilletterieError.usage(
            message: "the --db URL holds a password, which would sit in shell history and in `ps`; "
                + "drop it from the URL and give it in PGPASSWORD or ~/.pgpass (postgresql://USER@HOST[:PORT]/DB)")
    }

    /// True when a store already lies at `path` (an empty file is not a store; on a server,
    /// a database whose store was made and initialized).
    public static func exists(at path: String) -> Bool {
        if isServerURL(path) {
            guard let db = try? PostgresConnection(url: path), (try? db.hasStore()) == true else { return false }
            return (try? db.row("SELECT 1 FROM settings WHERE key = 'initialized_at'")) != nil
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return ((attributes?[.size] as? NSNumber)?.intValue ?? 0) > 0
    }

    /// Opens an existing store, bringing its schema up to date.
    public static func open(at path: String) throws -> Store {
        try checkLocation(path)
        if isServerURL(path) {
            let db = try PostgresConnection.connect(url: path)
            let store = Store(path: path, db: db)
            try store.checkIdentityAndMigrate()
            return store
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw BilletterieError.cannotOpen(
                path: path, reason: "no store there; create one with `billetterie init --admin-email you@example.org`, or pass --db")
        }
        let db: SQLiteConnection
        do {
            db = try SQLiteConnection(path: path, create: false)
            try configure(db)
        } catch let error as DatabaseError {
            throw error.isBusy ? BilletterieError.storeBusy : BilletterieError.cannotOpen(path: path, reason: error.message)
        }
        let store = Store(path: path, db: db)
        try store.checkIdentityAndMigrate()
        return store
    }

    /// Creates a new, empty store file with the current schema. The caller has checked
    /// that nothing lies at `path`; the first transaction checks again, against races.
    static func create(at path: String) throws -> Store {
        if isServerURL(path) {
            try checkLocation(path)
            let db = try PostgresConnection.connect(url: path)
            let store = Store(path: path, db: db)
            do {
                try store.migrate()
            } catch let error as DatabaseError {
                throw BilletterieError.cannotCreate(path: path, reason: error.message)
            }
            return store
        }
        do {
            let db = try SQLiteConnection(path: path, create: true)
            try db.executeScript("PRAGMA journal_mode = WAL; PRAGMA application_id = \(applicationID);")
            try configure(db)
            let store = Store(path: path, db: db)
            try store.migrate()
            return store
        } catch let error as DatabaseError {
            throw BilletterieError.cannotCreate(path: path, reason: error.message)
        }
    }

    /// Per-connection settings; journal_mode is a property of the file, set once at creation.
    private static func configure(_ db: SQLiteConnection) throws {
        // FULL: a sale the buyer saw confirmed survives a power cut, at ~6 000 commits/s here.
        try db.executeScript("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;")
    }

    private func checkIdentityAndMigrate() throws {
        let identity: (app: Int64, version: Int)?
        do {
            identity = try readIdentity()
        } catch let error as DatabaseError {
            throw error.isBusy ? BilletterieError.storeBusy : BilletterieError.cannotOpen(path: path, reason: error.message)
        }
        guard let identity, identity.app == Self.applicationID else {
            throw BilletterieError.cannotOpen(
                path: path,
                reason: engine == .sqlite
                    ? "this SQLite file is not a billetterie store"
                    : "no store there (the database holds no billetterie store); create one with `billetterie init --db URL --admin-email you@example.org`")
        }
        let version = identity.version
        if version > Migrations.latestVersion {
            throw BilletterieError.cannotOpen(
                path: path,
                reason: "the store has schema version \(version), newer than this billetterie knows (\(Migrations.latestVersion)); upgrade billetterie")
        }
        if version < Migrations.latestVersion { try migrate() }
    }

    /// Applies the steps the store has not run, all in one transaction.
    private func migrate() throws {
        try db.writeTransaction {
            switch engine {
            case .sqlite:
                guard let db = db as? SQLiteConnection else { return }
                let current = try schemaVersion()
                for step in Migrations.steps where step.version > current {
                    try db.executeScript(step.sql)
                    try step.backfill?(db)
                    if !step.finish.isEmpty { try db.executeScript(step.finish) }
                    try db.executeScript("PRAGMA user_version = \(step.version)")
                }
            case .postgres:
                // A new server store starts at the base schema in one step, then takes every
                // later step in its PostgreSQL spelling (Docs/storage.md).
                var current = try schemaVersion()
                if current == 0 {
                    try db.executeScript(PostgresSchema.latest)
                    try db.execute(
                        "INSERT INTO billetterie_schema (application_id, version) VALUES (?, ?)",
                        Self.applicationID, PostgresSchema.baseVersion)
                    current = PostgresSchema.baseVersion
                }
                for step in Migrations.steps where step.version > current {
                    // Never opened half-migrated: a step without its PostgreSQL spelling is a bug
                    // (a test holds every step after the base to having one).
                    guard let sql = step.postgres, step.backfill == nil else {
                        throw BilletterieError.internalFailure(
                            "this billetterie cannot bring a PostgreSQL store from schema version \(current) to \(step.version)")
                    }
                    try db.executeScript(sql)
                    try db.execute("UPDATE billetterie_schema SET version = ?", step.version)
                }
            }
        }
    }

    /// The application id and schema version, or nil for a database that holds no store.
    private func readIdentity() throws -> (app: Int64, version: Int)? {
        switch engine {
        case .sqlite:
            let row = try db.row("SELECT (SELECT application_id FROM pragma_application_id) AS app, (SELECT user_version FROM pragma_user_version) AS version")
            return try row.map { (try $0.int("app"), Int(try $0.int("version"))) }
        case .postgres:
            // One round trip: a database without the table (42P01) holds no store.
            do {
                let row = try db.row("SELECT application_id AS app, version FROM billetterie_schema")
                return try row.map { (try $0.int("app"), Int(try $0.int("version"))) }
            } catch let error as DatabaseError where error.code == "42P01" {
                return nil
            }
        }
    }

    /// For the door only: commits without waiting for the disk. In WAL mode a scan is still
    /// committed before its answer and survives the program or the OS crashing; only a power
    /// cut can lose the last scans before a checkpoint, which risks letting one ticket in twice,
    /// never losing a sale (sales keep `synchronous = FULL`). It halves a scan's cost
    /// (Docs/benchmarks.md), which a gate with a scanner needs. The door's own commits
    /// checkpoint the log every 10 000 pages (40 MB) rather than SQLite's 1 000: a checkpoint
    /// syncs the database file, and on this machine's disk those syncs were a fifth of a
    /// scanner stream's time (4 230 → 5 400 scans/s on 20 000 codes).
    public func useDoorDurability() throws {
        // A server store keeps its own durability (synchronous_commit is the server's setting).
        guard let db = db as? SQLiteConnection else { return }
        try read { try db.executeScript("PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 10000") }
        db.skipCheckpointOnClose()
    }

    /// The schema version the store is at.
    public func schemaVersion() throws -> Int {
        switch engine {
        case .sqlite:
            return Int(try db.scalar("SELECT user_version FROM pragma_user_version").int ?? 0)
        case .postgres:
            guard try (db as? PostgresConnection)?.hasStore() == true else { return 0 }
            return Int(try db.scalar("SELECT version FROM billetterie_schema").int ?? 0)
        }
    }

    /// Runs `body` as one write transaction: all of it or none of it, one writer at a time.
    /// The only way to a `StoreTransaction`, so the only way to change the store.
    public func write<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        do {
            return try db.writeTransaction { try body(StoreTransaction(store: self)) }
        } catch {
            throw BilletterieError.storage(error)
        }
    }

    /// Runs `body` as a write, then rolls it back: exactly what the change would do, with
    /// nothing changed (`--dry-run`). Identity sequences a server store advanced stay advanced.
    func rehearse<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        var result: T?
        do {
            _ = try db.writeTransaction { () -> Int in
                result = try body(StoreTransaction(store: self))
                throw RehearsalRollback()  // what rolls the transaction back
            }
        } catch is RehearsalRollback {
            // Rolled back, as meant.
        } catch {
            throw BilletterieError.storage(error)
        }
        guard let result else { throw BilletterieError.internalFailure("a rehearsed write gave no result") }
        return result
    }

    /// `write`, or with `rehearsing` (a `--dry-run`) `rehearse`.
    func write<T>(rehearsing: Bool, _ body: (StoreTransaction) throws -> T) throws -> T {
        rehearsing ? try rehearse(body) : try write(body)
    }

    /// Runs a read of many rows (an export, a pack, the audit log) against one consistent
    /// snapshot, which on PostgreSQL also streams it through a cursor instead of holding the
    /// whole result in memory. `body` only reads.
    func readAll<T>(_ body: () throws -> T) throws -> T {
        try read { try db.readSnapshot(body) }
    }

    /// Runs a read; SQLite failures become `BilletterieError`s.
    func read<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw BilletterieError.storage(error)
        }
    }
}

/// Thrown at the end of a rehearsed write so the transaction rolls back; never leaves
/// `Store.rehearse`.
private struct RehearsalRollback: Error {}

/// The one handle that changes the store, given only inside `Store.write`. Its methods
/// (in the `Store+*.swift` files beside the reads they belong with) are the store's
/// whole vocabulary of changes; the store's own methods only read.
public struct StoreTransaction {
    let store: Store
    var db: any Database { store.db }
    var dialect: SQLDialect { store.dialect }

    fileprivate init(store: Store) {
        self.store = store
    }
}

import Foundation

/// The store: one SQLite file, opened once per command. Every write goes through
/// `write`, which holds SQLite's write lock for the whole transaction.
public final class Store {
    public let path: String
    let db: SQLiteConnection

    /// `PRAGMA application_id`: tells a billetterie store from any other SQLite file ("BLTR").
    static let applicationID: Int64 = 0x424C_5452

    private init(path: String, db: SQLiteConnection) {
        self.path = path
        self.db = db
    }

    /// True when something already lies at `path` (an empty file is not a store).
    public static func exists(at path: String) -> Bool {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return ((attributes?[.size] as? NSNumber)?.intValue ?? 0) > 0
    }

    /// Opens an existing store, bringing its schema up to date.
    public static func open(at path: String) throws -> Store {
        guard FileManager.default.fileExists(atPath: path) else {
            throw BilletterieError.cannotOpen(
                path: path, reason: "no store there; create one with `billetterie init --admin-email you@example.org`, or pass --db")
        }
        let db: SQLiteConnection
        do {
            db = try SQLiteConnection(path: path, create: false)
            try configure(db)
        } catch let error as SQLiteError {
            throw error.isBusy ? BilletterieError.storeBusy : BilletterieError.cannotOpen(path: path, reason: error.message)
        }
        let store = Store(path: path, db: db)
        try store.checkIdentityAndMigrate()
        return store
    }

    /// Creates a new, empty store file with the current schema. The caller has checked
    /// that nothing lies at `path`; the first transaction checks again, against races.
    static func create(at path: String) throws -> Store {
        do {
            let db = try SQLiteConnection(path: path, create: true)
            try db.executeScript("PRAGMA journal_mode = WAL; PRAGMA application_id = \(applicationID);")
            try configure(db)
            let store = Store(path: path, db: db)
            try store.migrate()
            return store
        } catch let error as SQLiteError {
            throw BilletterieError.cannotCreate(path: path, reason: error.message)
        }
    }

    /// Per-connection settings; journal_mode is a property of the file, set once at creation.
    private static func configure(_ db: SQLiteConnection) throws {
        // FULL: a sale the buyer saw confirmed survives a power cut, at ~6 000 commits/s here.
        try db.executeScript("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;")
    }

    private func checkIdentityAndMigrate() throws {
        let identity: Row?
        do {
            identity = try db.row("SELECT (SELECT application_id FROM pragma_application_id) AS app, (SELECT user_version FROM pragma_user_version) AS version")
        } catch let error as SQLiteError {
            throw error.isBusy ? BilletterieError.storeBusy : BilletterieError.cannotOpen(path: path, reason: error.message)
        }
        guard let identity, identity.int("app") == Self.applicationID else {
            throw BilletterieError.cannotOpen(path: path, reason: "this SQLite file is not a billetterie store")
        }
        let version = Int(identity.int("version"))
        if version > Migrations.latestVersion {
            throw BilletterieError.cannotOpen(
                path: path, reason: "the store has schema version \(version), newer than this billetterie knows (\(Migrations.latestVersion)); upgrade billetterie")
        }
        if version < Migrations.latestVersion { try migrate() }
    }

    /// Applies the steps the store has not run, all in one transaction.
    private func migrate() throws {
        try write {
            let current = Int(try db.scalar("SELECT user_version FROM pragma_user_version").int ?? 0)
            for step in Migrations.steps where step.version > current {
                try db.executeScript(step.sql)
                try step.backfill?(db)
                if !step.finish.isEmpty { try db.executeScript(step.finish) }
                try db.executeScript("PRAGMA user_version = \(step.version)")
            }
        }
    }

    /// For the door only: commits without waiting for the disk. In WAL mode a scan is still
    /// committed before its answer and survives the program or the OS crashing; only a power
    /// cut can lose the last scans before a checkpoint, which risks letting one ticket in twice,
    /// never losing a sale (sales keep `synchronous = FULL`). It halves a scan's cost
    /// (Docs/benchmarks.md), which a gate with a scanner needs.
    public func useDoorDurability() throws {
        try read { try db.executeScript("PRAGMA synchronous = NORMAL") }
        db.skipCheckpointOnClose()
    }

    /// The schema version the store is at.
    public func schemaVersion() throws -> Int {
        Int(try db.scalar("SELECT user_version FROM pragma_user_version").int ?? 0)
    }

    /// Runs `body` as one write transaction (`BEGIN IMMEDIATE`): all of it or none of it.
    public func write<T>(_ body: () throws -> T) throws -> T {
        do {
            return try db.writeTransaction(body)
        } catch {
            throw BilletterieError.storage(error)
        }
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

extension SQLValue {
    var int: Int64? {
        if case .integer(let v) = self { return v }
        return nil
    }
}

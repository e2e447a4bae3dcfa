import CSQLite
import Foundation

// Why our own thin wrapper rather than GRDB: every door scan is a new process
// (`billetterie validate CODE`), and ../shared/FACTS.md measures a Swift
// executable with raw SQLite at 5.4 ms from start to exit against 8.9 ms with
// GRDB. The scan target is a small multiple of the `sqlite3` CLI, so that
// 3.5 ms is most of our budget. What we need of SQLite is small: prepared
// statements with bound values, `BEGIN IMMEDIATE` transactions, a busy
// timeout. This is the only file that imports CSQLite.

/// SQLite's result codes sorted into what the program acts on.
private func databaseError(_ rc: Int32, _ message: String, _ sql: String?) -> DatabaseError {
    let kind: DatabaseError.Kind
    switch rc & 0xff {
    case SQLITE_BUSY, SQLITE_LOCKED: kind = .busy
    case SQLITE_CONSTRAINT: kind = .constraint
    case SQLITE_CORRUPT: kind = .damaged
    case SQLITE_NOTADB: kind = .notADatabase
    default: kind = .other
    }
    return DatabaseError(kind: kind, message: "SQLite error \(rc): \(message)", sql: sql)
}

// SQLITE_TRANSIENT is a macro over a cast Swift does not import (FACTS.md).
private let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A prepared statement; reused through the connection's cache.
final class Statement {
    let handle: OpaquePointer
    let sql: String
    private(set) lazy var columnIndex: [String: Int] = Row.columnIndex(
        (0..<sqlite3_column_count(handle)).map { String(cString: sqlite3_column_name(handle, $0)) })

    init(handle: OpaquePointer, sql: String) {
        self.handle = handle
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    func bind(_ arguments: [SQLBindable]) throws {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, argument) in arguments.enumerated() {
            let index = Int32(offset + 1)
            let rc: Int32
            switch argument.sqlValue {
            case .null: rc = sqlite3_bind_null(handle, index)
            case .integer(let v): rc = sqlite3_bind_int64(handle, index, v)
            case .real(let v): rc = sqlite3_bind_double(handle, index, v)
            case .text(let v): rc = sqlite3_bind_text(handle, index, v, -1, sqliteTransient)
            case .blob(let v):
                rc = v.withUnsafeBytes { sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), sqliteTransient) }
            }
            guard rc == SQLITE_OK else {
                throw databaseError(rc, "cannot bind parameter \(index)", sql)
            }
        }
    }

    func value(at column: Int32) -> SQLValue {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, column))
        case SQLITE_TEXT: return .text(String(cString: sqlite3_column_text(handle, column)))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, column))
            guard count > 0, let base = sqlite3_column_blob(handle, column) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: base, count: count)))
        default: return .null
        }
    }
}

/// One connection to a SQLite file, configured for concurrent processes.
final class SQLiteConnection: Database {
    let dialect = SQLDialect(engine: .sqlite)
    let handle: OpaquePointer
    let path: String
    private var cache: [String: Statement] = [:]
    private var transactionDepth = 0

    /// How long a writer waits for another process's transaction before giving up (exit 75).
    static let busyTimeoutMilliseconds: Int32 = 10_000

    /// Opens `path`; with `create` false a missing file is an error rather than a new empty store.
    init(path: String, create: Bool) throws {
        var db: OpaquePointer?
        // NOFOLLOW: a store, pack or backup is never opened or made through a symbolic link.
        let flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_NOFOLLOW
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(db)
            throw databaseError(rc, message, nil)
        }
        self.handle = db
        self.path = path
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, Self.busyTimeoutMilliseconds)
    }

    deinit {
        cache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// For files from outside: SQLite's defensive mode, and no functions run from the schema.
    func treatAsUntrusted() throws {
        _ = billetterie_sqlite3_defensive(handle)
        try executeScript("PRAGMA trusted_schema = OFF")
    }

    /// Closing leaves the write-ahead log as it is instead of checkpointing it into the
    /// database and deleting it. For one-scan processes at the door: each would otherwise
    /// copy its pages back, sync twice and recreate the log (and sync its folder) for the
    /// next scan. The log is still checkpointed when it passes the checkpoint size, by
    /// whichever commit finds it so, and any later connection reads it as usual.
    func skipCheckpointOnClose() {
        _ = billetterie_sqlite3_no_checkpoint_on_close(handle)
    }

    private func error(_ rc: Int32, _ sql: String?) -> DatabaseError {
        databaseError(rc, String(cString: sqlite3_errmsg(handle)), sql)
    }

    /// Runs one or more statements that take no parameters (schema, pragmas).
    func executeScript(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        if rc != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? "error"
            sqlite3_free(message)
            throw databaseError(rc, text, sql)
        }
    }

    func statement(_ sql: String) throws -> Statement {
        if let cached = cache[sql] { return cached }
        var raw: OpaquePointer?
        let rc = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &raw, nil)
        guard rc == SQLITE_OK, let raw else { throw error(rc, sql) }
        let statement = Statement(handle: raw, sql: sql)
        cache[sql] = statement
        return statement
    }

    @discardableResult
    func execute(_ sql: String, arguments: [SQLBindable]) throws -> Int {
        let statement = try statement(sql)
        try statement.bind(arguments)
        defer { sqlite3_reset(statement.handle) }
        var rc = sqlite3_step(statement.handle)
        while rc == SQLITE_ROW { rc = sqlite3_step(statement.handle) }
        guard rc == SQLITE_DONE else { throw error(rc, sql) }
        return Int(sqlite3_changes(handle))
    }

    /// Calls `body` for each row as it is read, so large results never sit in memory.
    func forEachRow(_ sql: String, arguments: [SQLBindable], _ body: (Row) throws -> Void) throws {
        let statement = try statement(sql)
        try statement.bind(arguments)
        defer { sqlite3_reset(statement.handle) }
        let columns = statement.columnIndex
        let count = sqlite3_column_count(statement.handle)
        while true {
            let rc = sqlite3_step(statement.handle)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw error(rc, sql) }
            var values: [SQLValue] = []
            values.reserveCapacity(Int(count))
            for i in 0..<count { values.append(statement.value(at: i)) }
            try body(Row(columns: columns, values: values))
        }
    }

    /// Runs `body` in a write transaction taken with `BEGIN IMMEDIATE`: the write lock is
    /// taken up front, so two processes never both read then fail to upgrade (the cause
    /// of SQLITE_BUSY that no busy timeout can cure). Rolls back if `body` throws.
    /// Nested calls join the outer transaction.
    func writeTransaction<T>(_ body: () throws -> T) throws -> T {
        if transactionDepth > 0 {
            transactionDepth += 1
            defer { transactionDepth -= 1 }
            return try body()
        }
        // Prepared once and reused: a door scan is a transaction, thousands a second.
        try execute("BEGIN IMMEDIATE")
        transactionDepth = 1
        do {
            let result = try body()
            transactionDepth = 0
            do {
                try execute("COMMIT")
            } catch {
                _ = try? execute("ROLLBACK")
                throw error
            }
            return result
        } catch {
            transactionDepth = 0
            if sqlite3_get_autocommit(handle) == 0 { _ = try? execute("ROLLBACK") }
            throw error
        }
    }

    func readSnapshot<T>(_ body: () throws -> T) throws -> T {
        guard transactionDepth == 0 else { return try body() }
        try execute("BEGIN")
        transactionDepth = 1
        defer {
            transactionDepth = 0
            _ = try? execute("COMMIT")
        }
        return try body()
    }

    /// Copies the whole database into `destination` with SQLite's online backup API: a read
    /// transaction on this side, so writers in other processes go on (WAL) and the copy holds
    /// whole transactions only.
    func backup(to destination: SQLiteConnection) throws {
        guard let backup = sqlite3_backup_init(destination.handle, "main", handle, "main") else {
            throw destination.error(sqlite3_errcode(destination.handle), nil)
        }
        let rc = sqlite3_backup_step(backup, -1)
        sqlite3_backup_finish(backup)
        guard rc == SQLITE_DONE else { throw error(rc, nil) }
    }
}

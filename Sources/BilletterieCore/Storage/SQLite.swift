import CSQLite
import Foundation

// Why our own thin wrapper rather than GRDB: every door scan is a new process
// (`billetterie validate CODE`), and ../shared/FACTS.md measures a Swift
// executable with raw SQLite at 5.4 ms from start to exit against 8.9 ms with
// GRDB. The scan target is a small multiple of the `sqlite3` CLI, so that
// 3.5 ms is most of our budget. What we need of SQLite is small: prepared
// statements with bound values, `BEGIN IMMEDIATE` transactions, a busy
// timeout. This is the only file that imports CSQLite.

/// A value as SQLite stores it.
public enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

/// Something that can be bound to a statement parameter.
public protocol SQLBindable {
    var sqlValue: SQLValue { get }
}

extension Int: SQLBindable { public var sqlValue: SQLValue { .integer(Int64(self)) } }
extension Int64: SQLBindable { public var sqlValue: SQLValue { .integer(self) } }
extension Bool: SQLBindable { public var sqlValue: SQLValue { .integer(self ? 1 : 0) } }
extension Double: SQLBindable { public var sqlValue: SQLValue { .real(self) } }
extension String: SQLBindable { public var sqlValue: SQLValue { .text(self) } }
extension Array: SQLBindable where Element == UInt8 { public var sqlValue: SQLValue { .blob(self) } }
extension SQLValue: SQLBindable { public var sqlValue: SQLValue { self } }
extension Optional: SQLBindable where Wrapped: SQLBindable {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
}

/// One result row, its values in column order.
public struct Row {
    let columns: [String: Int]
    public let values: [SQLValue]

    /// A column by name. SQLite matches names without regard to case, and names a result
    /// column as the table declares it: a pack whose table says `publiC_key` answers
    /// `SELECT public_key` (found by the fuzzer), so a name not found as written is looked
    /// up in lower case. Only a name our own SQL never selected can still trap.
    public subscript(_ name: String) -> SQLValue {
        guard let index = columns[name] ?? columns[Row.folded(name)] else { preconditionFailure("no column \(name) in result") }
        return values[index]
    }

    static func folded(_ name: String) -> String { "\u{0}" + name.lowercased() }

    public func int(_ name: String) -> Int64 {
        if case .integer(let v) = self[name] { return v }
        return 0
    }
    public func optionalInt(_ name: String) -> Int64? {
        if case .integer(let v) = self[name] { return v }
        return nil
    }
    public func string(_ name: String) -> String {
        optionalString(name) ?? ""
    }
    public func optionalString(_ name: String) -> String? {
        switch self[name] {
        case .text(let s): return s
        case .integer(let i): return String(i)
        default: return nil
        }
    }
    public func blob(_ name: String) -> [UInt8] {
        switch self[name] {
        case .blob(let b): return b
        case .text(let s): return Array(s.utf8)
        default: return []
        }
    }
    public func optionalBlob(_ name: String) -> [UInt8]? {
        if case .null = self[name] { return nil }
        return blob(name)
    }
    public func bool(_ name: String) -> Bool { int(name) != 0 }
}

/// A failure reported by SQLite, with its primary result code.
public struct SQLiteError: Error, CustomStringConvertible {
    public let code: Int32
    public let message: String
    public let sql: String?

    /// SQLITE_BUSY or SQLITE_LOCKED: another process held the store past the busy timeout.
    public var isBusy: Bool { code & 0xff == SQLITE_BUSY || code & 0xff == SQLITE_LOCKED }
    public var isConstraint: Bool { code & 0xff == SQLITE_CONSTRAINT }
    public var description: String { "SQLite error \(code): \(message)" + (sql.map { " in \($0)" } ?? "") }
}

// SQLITE_TRANSIENT is a macro over a cast Swift does not import (FACTS.md).
private let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A prepared statement; reused through the connection's cache.
final class Statement {
    let handle: OpaquePointer
    let sql: String
    private(set) lazy var columnIndex: [String: Int] = {
        var map: [String: Int] = [:]
        for i in 0..<Int(sqlite3_column_count(handle)) {
            let name = String(cString: sqlite3_column_name(handle, Int32(i)))
            map[name] = i
            // Also under its folded name (a key no real column has), for case-blind lookups.
            if map[Row.folded(name)] == nil { map[Row.folded(name)] = i }
        }
        return map
    }()

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
                throw SQLiteError(code: rc, message: "cannot bind parameter \(index)", sql: sql)
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
public final class SQLiteConnection {
    let handle: OpaquePointer
    public let path: String
    private var cache: [String: Statement] = [:]
    private var transactionDepth = 0

    /// How long a writer waits for another process's transaction before giving up (exit 75).
    public static let busyTimeoutMilliseconds: Int32 = 10_000

    /// Opens `path`; with `create` false a missing file is an error rather than a new empty store.
    public init(path: String, create: Bool) throws {
        var db: OpaquePointer?
        // NOFOLLOW: a store, pack or backup is never opened or made through a symbolic link.
        let flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_NOFOLLOW
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(db)
            throw SQLiteError(code: rc, message: message, sql: nil)
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

    /// Closing leaves the write-ahead log as it is instead of checkpointing it into the
    /// database and deleting it. For one-scan processes at the door: each would otherwise
    /// copy its pages back, sync twice and recreate the log (and sync its folder) for the
    /// next scan. The log is still checkpointed when it passes 1 000 pages, by whichever
    /// commit finds it so, and any later connection reads it as usual.
    /// For files from outside: SQLite's defensive mode, and no functions run from the schema.
    func treatAsUntrusted() throws {
        _ = billetterie_sqlite3_defensive(handle)
        try executeScript("PRAGMA trusted_schema = OFF")
    }

    func skipCheckpointOnClose() {
        _ = billetterie_sqlite3_no_checkpoint_on_close(handle)
    }

    private func error(_ rc: Int32, _ sql: String?) -> SQLiteError {
        SQLiteError(code: rc, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }

    /// Runs one or more statements that take no parameters (schema, pragmas).
    public func executeScript(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        if rc != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? "error"
            sqlite3_free(message)
            throw SQLiteError(code: rc, message: text, sql: sql)
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

    /// Runs a statement that returns no rows; gives the number of rows it changed.
    @discardableResult
    public func execute(_ sql: String, _ arguments: SQLBindable...) throws -> Int {
        try execute(sql, arguments: arguments)
    }

    @discardableResult
    public func execute(_ sql: String, arguments: [SQLBindable]) throws -> Int {
        let statement = try statement(sql)
        try statement.bind(arguments)
        defer { sqlite3_reset(statement.handle) }
        var rc = sqlite3_step(statement.handle)
        while rc == SQLITE_ROW { rc = sqlite3_step(statement.handle) }
        guard rc == SQLITE_DONE else { throw error(rc, sql) }
        return Int(sqlite3_changes(handle))
    }

    /// Calls `body` for each row as it is read, so large results never sit in memory.
    public func forEachRow(_ sql: String, arguments: [SQLBindable], _ body: (Row) throws -> Void) throws {
        let statement = try statement(sql)
        try statement.bind(arguments)
        defer { sqlite3_reset(statement.handle) }
        let columns = statement.columnIndex
        let count = Int32(columns.count)
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

    /// All rows of a query.
    public func rows(_ sql: String, _ arguments: SQLBindable...) throws -> [Row] {
        var result: [Row] = []
        try forEachRow(sql, arguments: arguments) { result.append($0) }
        return result
    }

    public func rows(_ sql: String, arguments: [SQLBindable]) throws -> [Row] {
        var result: [Row] = []
        try forEachRow(sql, arguments: arguments) { result.append($0) }
        return result
    }

    /// The first row of a query, if any.
    public func row(_ sql: String, _ arguments: SQLBindable...) throws -> Row? {
        try rows(sql, arguments: arguments).first
    }

    /// The first column of the first row, for `SELECT count(*)` and the like.
    public func scalar(_ sql: String, _ arguments: SQLBindable...) throws -> SQLValue {
        try rows(sql, arguments: arguments).first?.values.first ?? .null
    }

    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Runs `body` in a write transaction taken with `BEGIN IMMEDIATE`: the write lock is
    /// taken up front, so two processes never both read then fail to upgrade (the cause
    /// of SQLITE_BUSY that no busy timeout can cure). Rolls back if `body` throws.
    /// Nested calls join the outer transaction.
    public func writeTransaction<T>(_ body: () throws -> T) throws -> T {
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

    /// Copies the whole database into `destination` with SQLite's online backup API: a read
    /// transaction on this side, so writers in other processes go on (WAL) and the copy holds
    /// whole transactions only.
    public func backup(to destination: SQLiteConnection) throws {
        guard let backup = sqlite3_backup_init(destination.handle, "main", handle, "main") else {
            throw destination.error(sqlite3_errcode(destination.handle), nil)
        }
        let rc = sqlite3_backup_step(backup, -1)
        sqlite3_backup_finish(backup)
        guard rc == SQLITE_DONE else { throw error(rc, nil) }
    }
}

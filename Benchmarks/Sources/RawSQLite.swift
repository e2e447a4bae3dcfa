import CSQLite
import Foundation

// The benchmarks' own minimal SQLite calls: the baselines measure raw SQLite, and the
// store's connection type is internal to BilletterieCore's Storage (issue 15's boundary).

private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

struct RawSQLiteError: Error, CustomStringConvertible {
    let description: String
}

struct RawRow {
    let values: [String: Any]
    func string(_ name: String) -> String { values[name] as? String ?? "" }
    func blob(_ name: String) -> [UInt8] { values[name] as? [UInt8] ?? [] }
}

final class RawSQLite {
    private let handle: OpaquePointer
    private var statements: [String: OpaquePointer] = [:]

    init(path: String, create: Bool) throws {
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0)
        guard sqlite3_open_v2(path, &db, flags, nil) == SQLITE_OK, let db else { throw RawSQLiteError(description: "cannot open \(path)") }
        handle = db
        sqlite3_busy_timeout(db, 10_000)
    }

    deinit {
        for statement in statements.values { sqlite3_finalize(statement) }
        sqlite3_close_v2(handle)
    }

    private func fail(_ sql: String) -> RawSQLiteError {
        RawSQLiteError(description: String(cString: sqlite3_errmsg(handle)) + " in " + sql)
    }

    func executeScript(_ sql: String) throws {
        guard sqlite3_exec(handle, sql, nil, nil, nil) == SQLITE_OK else { throw fail(sql) }
    }

    private func prepared(_ sql: String, _ arguments: [Any?]) throws -> OpaquePointer {
        let statement: OpaquePointer
        if let cached = statements[sql] {
            statement = cached
        } else {
            var raw: OpaquePointer?
            guard sqlite3_prepare_v2(handle, sql, -1, &raw, nil) == SQLITE_OK, let raw else { throw fail(sql) }
            statements[sql] = raw
            statement = raw
        }
        sqlite3_reset(statement)
        for (offset, argument) in arguments.enumerated() {
            let index = Int32(offset + 1)
            switch argument {
            case let value as Int: sqlite3_bind_int64(statement, index, Int64(value))
            case let value as Int64: sqlite3_bind_int64(statement, index, value)
            case let value as String: sqlite3_bind_text(statement, index, value, -1, transient)
            case let value as [UInt8]: value.withUnsafeBytes { _ = sqlite3_bind_blob(statement, index, $0.baseAddress, Int32($0.count), transient) }
            default: sqlite3_bind_null(statement, index)
            }
        }
        return statement
    }

    func execute(_ sql: String, _ arguments: Any?...) throws {
        let statement = try prepared(sql, arguments)
        defer { sqlite3_reset(statement) }
        var rc = sqlite3_step(statement)
        while rc == SQLITE_ROW { rc = sqlite3_step(statement) }
        guard rc == SQLITE_DONE else { throw fail(sql) }
    }

    func rows(_ sql: String, _ arguments: Any?...) throws -> [RawRow] {
        try allRows(sql, arguments)
    }

    func row(_ sql: String, _ arguments: Any?...) throws -> RawRow? {
        try allRows(sql, arguments).first
    }

    private func allRows(_ sql: String, _ arguments: [Any?]) throws -> [RawRow] {
        let statement = try prepared(sql, arguments)
        defer { sqlite3_reset(statement) }
        var result: [RawRow] = []
        while true {
            let rc = sqlite3_step(statement)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw fail(sql) }
            var values: [String: Any] = [:]
            for column in 0..<sqlite3_column_count(statement) {
                let name = String(cString: sqlite3_column_name(statement, column))
                switch sqlite3_column_type(statement, column) {
                case SQLITE_INTEGER: values[name] = sqlite3_column_int64(statement, column)
                case SQLITE_TEXT: values[name] = String(cString: sqlite3_column_text(statement, column))
                case SQLITE_BLOB:
                    let count = Int(sqlite3_column_bytes(statement, column))
                    values[name] = count == 0 ? [UInt8]() : Array(UnsafeRawBufferPointer(start: sqlite3_column_blob(statement, column), count: count))
                default: break
                }
            }
            result.append(RawRow(values: values))
        }
        return result
    }

    func writeTransaction<T>(_ body: () throws -> T) throws -> T {
        try executeScript("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try executeScript("COMMIT")
            return result
        } catch {
            try? executeScript("ROLLBACK")
            throw error
        }
    }
}

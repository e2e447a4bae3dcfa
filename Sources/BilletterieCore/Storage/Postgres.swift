import CLibPQ
import Foundation

// The store on a PostgreSQL server, through libpq (loaded at run time, see CLibPQ/shim.h).
// Why libpq and not postgres-nio: a till's sale and a door scan are each a new process, and
// Benchmarks/postgres-start.sh measures a process that connects and reads one row at 7.55 ms
// with libpq against 16.00 ms with postgres-nio (its event loop and TLS stack start first).
// This is the only file that calls libpq.
//
// Statements arrive in the SQL both engines share, with `?` parameters; here they become
// `$1, $2...`. Every value travels as text and the server infers each parameter's type from
// where it stands; `? IS NULL`, which it cannot infer, is cast to text as it is numbered
// (`numbered`), and any other it cannot infer outside a transaction is sent again typed as
// text (`run`).

/// A C string libpq may give as NULL.
private func cText(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
    pointer.map { String(cString: $0) } ?? ""
}

final class PostgresConnection: Database {
    let dialect = SQLDialect(engine: .postgres)
    private let handle: OpaquePointer
    private let api: billetterie_pq_api
    private var transactionDepth = 0
    private var converted: [String: String] = [:]
    private var textParameters: [String: Set<Int>] = [:]

    /// How long a writer waits for another till's transaction before giving up (exit 75),
    /// as SQLite's busy timeout does.
    static let lockTimeout = "\(Store.lockWaitSeconds)s"

    /// The advisory lock every write transaction takes first: one writer at a time, exactly
    /// as SQLite's `BEGIN IMMEDIATE`, so every rule checked inside a write (capacity, quota,
    /// receipt numbers, idempotency) holds across tills without a second design of it.
    /// The lock is held for the transaction only (a millisecond or two); starting the
    /// process, connecting, reading, hashing and signing run in parallel on every till.
    static let writeLockKey: Int64 = 0x424C_5452

    static func isURL(_ location: String) -> Bool {
        location.hasPrefix("postgresql://") || location.hasPrefix("postgres://")
    }

    /// Connects, turning every failure into the error a user can act on.
    static func connect(url: String) throws -> PostgresConnection {
        do {
            return try PostgresConnection(url: url)
        } catch let error as DatabaseError {
            throw BilletterieError.cannotOpen(path: url, reason: error.message)
        }
    }

    init(url: String) throws {
        guard let api = billetterie_pq()?.pointee else {
            throw DatabaseError(kind: .unreachable, message: "libpq (Debian package libpq5) is not installed; it is needed for a PostgreSQL store", sql: nil)
        }
        self.api = api
        // The session settings travel with the start-up message (no round trip of their own):
        // UTC so nothing depends on the server's zone (times are integers anyway), the lock
        // wait, and no NOTICE chatter. The URL is expanded as the dbname, so its own
        // parameters (host, port, user, sslmode...) all apply.
        let options = "-c lock_timeout=\(Self.lockTimeout) -c TimeZone=UTC -c client_min_messages=warning"
        let connection = Self.withCStrings(["dbname", "options", nil].map { $0 }) { keywords in
            Self.withCStrings([url, options, nil]) { values in api.connectdbParams(keywords, values, 1) }
        }
        guard let connection else {
            throw DatabaseError(kind: .unreachable, message: "cannot allocate a connection", sql: nil)
        }
        guard api.status(connection) == CONNECTION_OK else {
            let message = cText(api.errorMessage(connection)).trimmingCharacters(in: .whitespacesAndNewlines)
            api.finish(connection)
            throw DatabaseError(kind: .unreachable, message: message, sql: nil)
        }
        handle = connection
        _ = api.setNoticeProcessor(connection, billetterie_pq_quiet_processor(), nil)
    }

    deinit { api.finish(handle) }

    /// Whether `url` carries a password (refused: it would sit in shell history and `ps`).
    static func urlHasPassword(_ url: String) -> Bool {
        guard let api = billetterie_pq()?.pointee else {
            // Without libpq, read the URL ourselves: user:password@ before the host.
            let rest = url.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
            guard rest.count > 2 else { return false }
            let authority = rest[2]
            guard let at = authority.lastIndex(of: "@") else { return url.contains("password=") }
            return authority[..<at].contains(":") || url.contains("password=")
        }
        var message: UnsafeMutablePointer<CChar>?
        guard let options = api.conninfoParse(url, &message) else {
            if let message { api.freemem(message) }
            return false
        }
        defer { api.conninfoFree(options) }
        var option = options
        while let keyword = option.pointee.keyword {
            if String(cString: keyword) == "password", let value = option.pointee.val, value.pointee != 0 { return true }
            option = option.advanced(by: 1)
        }
        return false
    }

    /// Whether this database holds a billetterie store (its schema table).
    func hasStore() throws -> Bool {
        try scalar("SELECT CASE WHEN to_regclass('billetterie_schema') IS NULL THEN 0 ELSE 1 END").int == 1
    }

    // MARK: Running statements

    /// `?` parameters as `$1, $2...`, outside quotes. A parameter compared with NULL (`? IS
    /// NULL`) has no type the server could infer, and asking again after the error is not
    /// possible inside a transaction (the first error ends it): it is cast to text here.
    private func numbered(_ sql: String) -> String {
        if let cached = converted[sql] { return cached }
        let characters = Array(sql)
        var out = ""
        out.reserveCapacity(characters.count + 16)
        var number = 0
        var quote: Character?
        var index = 0
        while index < characters.count {
            let character = characters[index]
            index += 1
            if let open = quote {
                if character == open { quote = nil }
                out.append(character)
            } else if character == "'" || character == "\"" {
                quote = character
                out.append(character)
            } else if character == "?" {
                number += 1
                out += "$\(number)"
                let rest = String(characters[index..<min(characters.count, index + 13)]).uppercased()
                if rest.hasPrefix(" IS NULL") || rest.hasPrefix(" IS NOT NULL") { out += "::text" }
            } else {
                out.append(character)
            }
        }
        converted[sql] = out
        return out
    }

    private func sqlState(_ result: OpaquePointer?) -> String {
        guard let result, let field = api.resultErrorField(result, Int32(UInt8(ascii: "C"))) else { return "" }
        return String(cString: field)
    }

    private func failure(_ result: OpaquePointer?, _ sql: String) -> DatabaseError {
        let state = sqlState(result)
        let message: String
        if let result, let text = api.resultErrorMessage(result), text.pointee != 0 {
            message = String(cString: text).trimmingCharacters(in: .whitespacesAndNewlines)
        } else {
            message = cText(api.errorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let kind: DatabaseError.Kind
        switch state {
        case "40001", "40P01", "55P03": kind = .busy  // serialization failure, deadlock, lock timeout
        case _ where state.hasPrefix("23"): kind = .constraint
        case _ where state.hasPrefix("08"), "57P01", "57P02", "57P03": kind = .unreachable
        default: kind = .other
        }
        return DatabaseError(kind: kind, message: "PostgreSQL error \(state): \(message)", sql: sql, code: state)
    }

    /// Runs one statement and hands its result to `body` (then frees it).
    private func run<T>(_ sql: String, _ arguments: [SQLBindable], _ body: (OpaquePointer) throws -> T) throws -> T {
        let text = numbered(sql)
        var asText = textParameters[sql] ?? []
        for _ in 0...arguments.count {
            let values = arguments.map { Self.text(of: $0.sqlValue) }
            let types: [Oid] = (0..<arguments.count).map { asText.contains($0) ? 25 : 0 }
            let result = Self.withCStrings(values) { pointers in
                api.execParams(handle, text, Int32(arguments.count), types, pointers, nil, nil, 0)
            }
            defer { if let result { api.clear(result) } }
            let status = result.map { api.resultStatus($0) } ?? PGRES_FATAL_ERROR
            if let result, status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK {
                return try body(result)
            }
            // "could not determine data type of parameter $n": send that one typed as text.
            if sqlState(result) == "42P18", transactionDepth == 0, let result, let message = api.resultErrorMessage(result),
                let index = Self.parameterNumber(in: String(cString: message)), index >= 1, index <= arguments.count,
                !asText.contains(index - 1)
            {
                asText.insert(index - 1)
                textParameters[sql] = asText
                continue
            }
            throw failure(result, sql)
        }
        throw DatabaseError(kind: .other, message: "PostgreSQL cannot type the parameters", sql: sql)
    }

    private static func parameterNumber(in message: String) -> Int? {
        guard let dollar = message.range(of: "$", options: .backwards) else { return nil }
        return Int(message[dollar.upperBound...].prefix { $0.isNumber })
    }

    private static func text(of value: SQLValue) -> String? {
        switch value {
        case .null: return nil
        case .integer(let v): return String(v)
        case .real(let v): return String(v)
        case .text(let v): return v
        case .blob(let bytes): return "\\x" + PackSeal.hex(bytes)
        }
    }

    private static func withCStrings<T>(_ values: [String?], _ body: ([UnsafePointer<CChar>?]) -> T) -> T {
        var storage: [UnsafeMutablePointer<CChar>?] = values.map { $0.map { strdup($0) } ?? nil }
        defer { for pointer in storage { free(pointer) } }
        return storage.withUnsafeMutableBufferPointer { buffer in
            body(buffer.map { $0.map { UnsafePointer($0) } })
        }
    }

    @discardableResult
    func execute(_ sql: String, arguments: [SQLBindable]) throws -> Int {
        try run(sql, arguments) { result in Int(cText(api.cmdTuples(result))) ?? 0 }
    }

    /// Rows of a query, the whole result at once; inside `readSnapshot` (a backup copying
    /// every table) through a cursor, 1 000 rows at a time, so a big store is never held in
    /// memory whole. The caller may run other statements between rows either way, as on SQLite.
    func forEachRow(_ sql: String, arguments: [SQLBindable], _ body: (Row) throws -> Void) throws {
        guard inSnapshot else {
            try run(sql, arguments) { result in try each(result, body) }
            return
        }
        cursorDepth += 1
        defer { cursorDepth -= 1 }
        let cursor = "billetterie_rows_\(cursorDepth)"
        try run("DECLARE \(cursor) NO SCROLL CURSOR FOR " + sql, arguments) { _ in }
        defer { _ = try? executeScript("CLOSE \(cursor)") }
        var fetched = Self.fetchSize
        while fetched == Self.fetchSize {
            fetched = try run("FETCH \(Self.fetchSize) FROM \(cursor)", []) { result in
                try each(result, body)
                return Int(api.ntuples(result))
            }
        }
    }

    private static let fetchSize = 1000
    private var cursorDepth = 0
    private var inSnapshot = false

    private func each(_ result: OpaquePointer, _ body: (Row) throws -> Void) throws {
        let fields = api.nfields(result)
        let columns = Row.columnIndex((0..<fields).map { cText(api.fname(result, $0)) })
        let types = (0..<fields).map { api.ftype(result, $0) }
        for row in 0..<api.ntuples(result) {
            try body(Row(columns: columns, values: rowValues(result, row: row, fields: fields, types: types)))
        }
    }

    private func rowValues(_ result: OpaquePointer, row: Int32, fields: Int32, types: [Oid]) -> [SQLValue] {
        var values: [SQLValue] = []
        values.reserveCapacity(Int(fields))
        for field in 0..<fields {
            if api.getisnull(result, row, field) != 0 {
                values.append(.null)
            } else {
                values.append(Self.value(api.getvalue(result, row, field)!, type: types[Int(field)]))
            }
        }
        return values
    }

    /// A text-format value as the engines' shared `SQLValue`, by its column type's OID.
    private static func value(_ raw: UnsafePointer<CChar>, type: Oid) -> SQLValue {
        let text = String(cString: raw)
        switch type {
        case 20, 21, 23, 26:  // int8, int2, int4, oid
            return Int64(text).map(SQLValue.integer) ?? .text(text)
        case 16:  // bool: SQLite's comparisons give 0 or 1, and so does this
            return .integer(text == "t" ? 1 : 0)
        case 1700:  // numeric: sum() of bigints
            if let whole = Int64(text) { return .integer(whole) }
            return Double(text).map(SQLValue.real) ?? .text(text)
        case 700, 701:
            return Double(text).map(SQLValue.real) ?? .text(text)
        case 17:  // bytea, as \x followed by hex digits
            return .blob(PackSeal.bytes(hex: String(text.dropFirst(2))) ?? [])
        default:
            return .text(text)
        }
    }

    func executeScript(_ sql: String) throws {
        let result = api.exec(handle, sql)
        defer { if let result { api.clear(result) } }
        let status = result.map { api.resultStatus($0) } ?? PGRES_FATAL_ERROR
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY else {
            throw failure(result, sql)
        }
    }

    func readSnapshot<T>(_ body: () throws -> T) throws -> T {
        guard transactionDepth == 0 else { return try body() }
        try executeScript("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        transactionDepth = 1
        inSnapshot = true
        defer {
            transactionDepth = 0
            inSnapshot = false
            _ = try? executeScript("COMMIT")
        }
        return try body()
    }

    func writeTransaction<T>(_ body: () throws -> T) throws -> T {
        if transactionDepth > 0 {
            transactionDepth += 1
            defer { transactionDepth -= 1 }
            return try body()
        }
        // One round trip for both: the lock is the transaction's first act.
        do {
            try executeScript("BEGIN; SELECT pg_advisory_xact_lock(\(Self.writeLockKey))")
        } catch {
            _ = try? executeScript("ROLLBACK")
            throw error
        }
        transactionDepth = 1
        do {
            let result = try body()
            transactionDepth = 0
            try executeScript("COMMIT")
            return result
        } catch {
            transactionDepth = 0
            _ = try? executeScript("ROLLBACK")
            throw error
        }
    }
}

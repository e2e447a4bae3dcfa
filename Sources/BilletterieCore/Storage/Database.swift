import Foundation

// What Storage asks of a database engine, and the one place where the two engines' SQL
// differs. Everything here is internal: Services and the executable see `Store`, its read
// methods and `StoreTransaction`, never a connection, a row or an engine's error.

/// A value as the engines hand it over.
enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    var int: Int64? {
        if case .integer(let v) = self { return v }
        return nil
    }
}

/// Something that can be bound to a statement parameter.
protocol SQLBindable {
    var sqlValue: SQLValue { get }
}

extension Int: SQLBindable { var sqlValue: SQLValue { .integer(Int64(self)) } }
extension Int64: SQLBindable { var sqlValue: SQLValue { .integer(self) } }
extension Bool: SQLBindable { var sqlValue: SQLValue { .integer(self ? 1 : 0) } }
extension Double: SQLBindable { var sqlValue: SQLValue { .real(self) } }
extension String: SQLBindable { var sqlValue: SQLValue { .text(self) } }
extension Array: SQLBindable where Element == UInt8 { var sqlValue: SQLValue { .blob(self) } }
extension SQLValue: SQLBindable { var sqlValue: SQLValue { self } }
extension Optional: SQLBindable where Wrapped: SQLBindable {
    var sqlValue: SQLValue { self?.sqlValue ?? .null }
}

/// A failure reported by either engine, sorted into what the program acts on.
struct DatabaseError: Error, CustomStringConvertible {
    enum Kind: Sendable {
        /// Another process held the store past the wait (SQLite busy, PostgreSQL lock timeout,
        /// serialization failure or deadlock): exit 75, try again.
        case busy
        case constraint
        /// The file is damaged (SQLITE_CORRUPT) or is not a database at all (SQLITE_NOTADB).
        case damaged
        case notADatabase
        /// The server cannot be reached or refused the connection.
        case unreachable
        case other
    }

    let kind: Kind
    let message: String
    let sql: String?
    /// The engine's own code, where it gives one (PostgreSQL's SQLSTATE).
    var code = ""

    var isBusy: Bool { kind == .busy }
    var description: String { message + (sql.map { " in \($0)" } ?? "") }
}

/// The value a row held was not what the schema promises (NULL where a value must be).
struct UnexpectedNull: Error, CustomStringConvertible {
    let column: String
    var description: String { "the store holds no value in \(column), where the schema requires one; run `billetterie doctor`" }
}

/// One result row, its values in column order.
struct Row {
    let columns: [String: Int]
    let values: [SQLValue]

    /// A column by name. SQLite matches names without regard to case, and names a result
    /// column as the table declares it: a pack whose table says `publiC_key` answers
    /// `SELECT public_key` (found by the fuzzer), so a name not found as written is looked
    /// up in lower case. Only a name our own SQL never selected can still trap.
    subscript(_ name: String) -> SQLValue {
        guard let index = columns[name] ?? columns[Row.folded(name)] else { preconditionFailure("no column \(name) in result") }
        return values[index]
    }

    static func folded(_ name: String) -> String { "\u{0}" + name.lowercased() }

    /// Both spellings of each column name, for case-blind lookups.
    static func columnIndex(_ names: [String]) -> [String: Int] {
        var map: [String: Int] = [:]
        for (i, name) in names.enumerated() {
            map[name] = i
            if map[folded(name)] == nil { map[folded(name)] = i }
        }
        return map
    }

    // The plain accessors throw on NULL instead of inventing a 0 or an empty string: a
    // NULL where the schema promises a value is a damaged store, and says so.
    func int(_ name: String) throws -> Int64 {
        guard let value = optionalInt(name) else { throw UnexpectedNull(column: name) }
        return value
    }
    func optionalInt(_ name: String) -> Int64? {
        if case .integer(let v) = self[name] { return v }
        return nil
    }
    func string(_ name: String) throws -> String {
        guard let value = optionalString(name) else { throw UnexpectedNull(column: name) }
        return value
    }
    func optionalString(_ name: String) -> String? {
        switch self[name] {
        case .text(let s): return s
        case .integer(let i): return String(i)
        default: return nil
        }
    }
    func blob(_ name: String) throws -> [UInt8] {
        guard let value = optionalBlob(name) else { throw UnexpectedNull(column: name) }
        return value
    }
    func optionalBlob(_ name: String) -> [UInt8]? {
        switch self[name] {
        case .blob(let b): return b
        case .text(let s): return Array(s.utf8)
        default: return nil
        }
    }
    func bool(_ name: String) throws -> Bool { try int(name) != 0 }

    // By position, for listings of a million rows: a name is hashed on every lookup. The
    // position is the column's place in the query's own SELECT list, next to it.
    func int(at index: Int) throws -> Int64 {
        guard case .integer(let v) = values[index] else { throw UnexpectedNull(column: "#\(index + 1)") }
        return v
    }
    func string(at index: Int) throws -> String {
        guard let value = optionalString(at: index) else { throw UnexpectedNull(column: "#\(index + 1)") }
        return value
    }
    func optionalString(at index: Int) -> String? {
        switch values[index] {
        case .text(let s): return s
        case .integer(let i): return String(i)
        default: return nil
        }
    }
}

/// The engine a store lives on.
enum Engine: Sendable {
    case sqlite
    case postgres
}

/// A connection to one of the engines. Statements are written once, with `?` parameters,
/// in the SQL both engines share; where they differ, `SQLDialect` gives each its spelling.
protocol Database: AnyObject {
    var dialect: SQLDialect { get }

    /// Runs a statement that returns no rows; gives the number of rows it changed.
    @discardableResult
    func execute(_ sql: String, arguments: [SQLBindable]) throws -> Int
    /// Calls `body` for each row of a query.
    func forEachRow(_ sql: String, arguments: [SQLBindable], _ body: (Row) throws -> Void) throws
    /// Runs one or more statements without parameters (schema).
    func executeScript(_ sql: String) throws
    /// Runs `body` as one write transaction, one writer at a time across every process
    /// (SQLite's `BEGIN IMMEDIATE`, PostgreSQL's transaction-scoped advisory lock). Nested
    /// calls join the outer transaction; a throw rolls everything back.
    func writeTransaction<T>(_ body: () throws -> T) throws -> T
    /// Runs `body`'s reads against one consistent snapshot, without blocking writers.
    func readSnapshot<T>(_ body: () throws -> T) throws -> T
}

extension Database {
    @discardableResult
    func execute(_ sql: String, _ arguments: SQLBindable...) throws -> Int {
        try execute(sql, arguments: arguments)
    }

    func rows(_ sql: String, _ arguments: SQLBindable...) throws -> [Row] {
        try rows(sql, arguments: arguments)
    }

    func rows(_ sql: String, arguments: [SQLBindable]) throws -> [Row] {
        var result: [Row] = []
        try forEachRow(sql, arguments: arguments) { result.append($0) }
        return result
    }

    /// The first row of a query, if any.
    func row(_ sql: String, _ arguments: SQLBindable...) throws -> Row? {
        try rows(sql, arguments: arguments).first
    }

    func row(_ sql: String, arguments: [SQLBindable]) throws -> Row? {
        try rows(sql, arguments: arguments).first
    }

    /// The first column of the first row, for `SELECT count(*)` and the like.
    func scalar(_ sql: String, _ arguments: SQLBindable...) throws -> SQLValue {
        try rows(sql, arguments: arguments).first?.values.first ?? .null
    }
}

/// Where the engines' SQL differs, each difference in one place.
struct SQLDialect: Sendable {
    let engine: Engine

    /// `column` contains `needle` (a parameter), case as given.
    func contains(_ column: String) -> String {
        engine == .sqlite ? "instr(\(column), ?) > 0" : "strpos(\(column), ?) > 0"
    }

    /// A top-level key of a JSON object held in a text column.
    func jsonField(_ column: String, _ key: String) -> String {
        engine == .sqlite ? "json_extract(\(column), '$.\(key)')" : "(\(column)::jsonb ->> '\(key)')"
    }

    /// Events whose title, description, venue or category hold every word of the query
    /// (a parameter), matched on prefixes and without regard to case or accents.
    /// SQLite: the FTS5 index `events_search`; PostgreSQL: a text-search vector built from
    /// the same columns (fine for a box office's thousands of events; an index is the next step).
    func eventSearch(_ eventAlias: String, venueAlias: String) -> String {
        switch engine {
        case .sqlite:
            return "\(eventAlias).rowid IN (SELECT rowid FROM events_search WHERE events_search MATCH ?)"
        case .postgres:
            return """
                to_tsvector('simple', billetterie_unaccent(\(eventAlias).title || ' ' || \(eventAlias).description || ' ' || \(venueAlias).name || ' ' || coalesce(\(eventAlias).category, ''))) \
                @@ to_tsquery('simple', billetterie_unaccent(?))
                """
        }
    }

    /// The search parameter for `eventSearch`, from words already cleaned to letters and digits.
    func eventSearchQuery(words: [String]) -> String {
        switch engine {
        case .sqlite: return words.map { "\"\($0)\"*" }.joined(separator: " ")
        case .postgres: return words.map { "\($0):*" }.joined(separator: " & ")
        }
    }
}

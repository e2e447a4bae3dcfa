import Foundation

/// Copies every row of one store into another, new one, across engines: `backup` of a
/// server store into a file, and `init --from BACKUP` into a store of either engine.
enum StoreCopy {
    /// Copies all tables, in an order their references allow, in one write transaction on
    /// `destination`, a store just made and still empty (a failure leaves it so; rows already
    /// there would make the copy fail, never be replaced). The caller holds a snapshot on `source`.
    static func rows(from source: Store, to destination: Store) throws {
        try destination.db.writeTransaction {
            for table in PostgresSchema.tablesInOrder {
                let columns = try columnNames(table, source: source, destination: destination)
                let list = columns.joined(separator: ", ")
                let order = ordersByRowID.contains(table) ? " ORDER BY rowid" : ""
                // 500 rows a statement: a server store is a round trip per statement.
                var pending: [[SQLBindable]] = []
                try source.db.forEachRow("SELECT \(list) FROM \(table)\(order)", arguments: []) { row in
                    pending.append(row.values)
                    if pending.count == 500 {
                        try StoreTransaction.insertRows(into: destination.db, table, list, pending)
                        pending.removeAll(keepingCapacity: true)
                    }
                }
                try StoreTransaction.insertRows(into: destination.db, table, list, pending)
            }
            if destination.engine == .postgres {
                // Identity columns filled with copied values: their sequences move past them.
                for (table, column) in [("signing_keys", "id"), ("venues", "id"), ("domain_events", "seq")] {
                    try destination.db.execute(
                        """
                        SELECT setval(pg_get_serial_sequence('\(table)', '\(column)'), coalesce((SELECT max(\(column)) FROM \(table)), 0) + 1, false)
                        """)
                }
            }
        }
    }

    /// Tables whose rows are read back in insertion order (SQL there says `ORDER BY rowid`).
    private static let ordersByRowID: Set<String> = [
        "events", "tiers", "orders", "tickets", "payments", "refunds", "scans", "notifications", "waitlist_entries",
    ]

    /// The columns both stores' tables share, as SQLite declares them (PostgreSQL's extra
    /// `rowid` identity is left to fill itself in insertion order).
    private static func columnNames(_ table: String, source: Store, destination: Store) throws -> [String] {
        let file = source.engine == .sqlite ? source : destination
        return try file.db.rows("SELECT name FROM pragma_table_info(?) ORDER BY cid", table).map { try $0.string("name") }
    }
}

extension Store {
    /// A new store at `path` (a file or a server database) holding everything in the backup
    /// file at `backupPath`. The backup itself is never changed: it is copied to a private
    /// temporary file first, which is brought to the current schema if it is older, and
    /// the new store is filled from that copy in one transaction.
    static func restore(from backupPath: String, to path: String) throws -> Store {
        guard !isServerURL(backupPath) else {
            throw BilletterieError.usage(message: "--from takes a backup file (made by `billetterie backup FILE`), not a server URL")
        }
        // Missing or a folder: exit 66, before anything is made.
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: backupPath, isDirectory: &isFolder) else {
            throw BilletterieError.cannotOpen(path: backupPath, reason: "no such file")
        }
        guard !isFolder.boolValue else { throw BilletterieError.cannotOpen(path: backupPath, reason: "it is a folder; give a backup file") }
        let scratch = NSTemporaryDirectory() + "billetterie-restore-\(Identifier.make(.order))"
        try FileSystem.makePrivateFolder(scratch)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let working = scratch + "/backup.sqlite3"
        do {
            let original = try SQLiteConnection(path: backupPath, create: false)
            let copy = try SQLiteConnection(path: working, create: true)
            try original.backup(to: copy)
        } catch let error as DatabaseError {
            throw BilletterieError.cannotOpen(path: backupPath, reason: error.kind == .notADatabase ? "it is not a billetterie backup" : error.message)
        }
        let source: Store
        do {
            source = try Store.open(at: working)
        } catch BilletterieError.cannotOpen(_, let reason) {
            throw BilletterieError.cannotOpen(
                path: backupPath, reason: reason.replacingOccurrences(of: "this SQLite file is not a billetterie store", with: "it is not a billetterie backup")
            )
        }
        guard try source.isInitialized() else {
            throw BilletterieError.cannotOpen(path: backupPath, reason: "it holds no initialized store")
        }
        let store = try Store.create(at: path)
        do {
            try source.db.readSnapshot { try StoreCopy.rows(from: source, to: store) }
        } catch let error as DatabaseError {
            throw BilletterieError.cannotCreate(path: path, reason: error.message)
        }
        return store
    }
}

import Foundation

/// Store-wide settings chosen at `init`.
public struct StoreSettings: Sendable, Equatable, Encodable {
    public var venueName: String?
    public var currency: String
    public var timezone: String

    enum CodingKeys: String, CodingKey {
        case venueName = "venue_name", currency, timezone
    }
}

extension Store {
    func isInitialized() throws -> Bool {
        try read { try db.row("SELECT 1 FROM settings WHERE key = 'initialized_at'") != nil }
    }

    func settingValue(_ key: String) throws -> String? {
        try read { try db.row("SELECT value FROM settings WHERE key = ?", key)?.string("value") }
    }

    func saveSetting(_ key: String, _ value: String) throws {
        try db.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value)
    }

    /// The time a new pack's or delta's rows carry (microseconds): the clock, but always after
    /// the last one this store issued, so a later delta wins at the gate even when the clock
    /// stands still ($BILLETTERIE_NOW) or steps back.
    func nextGatePackTime(now: Date) throws -> Int64 {
        try write {
            let last = Int64(try settingValue("gate_pack_last_as_of") ?? "") ?? 0
            let next = max(Int64((now.timeIntervalSince1970 * 1_000_000).rounded(.down)), last + 1)
            try saveSetting("gate_pack_last_as_of", String(next))
            return next
        }
    }

    public func settings() throws -> StoreSettings {
        try read {
            var values: [String: String] = [:]
            for row in try db.rows("SELECT key, value FROM settings") { values[row.string("key")] = row.string("value") }
            return StoreSettings(venueName: values["venue_name"], currency: values["currency"] ?? "EUR",
                                 timezone: values["timezone"] ?? "UTC")
        }
    }

    func insertSigningKey(privateKey: [UInt8], publicKey: [UInt8], now: Date) throws {
        try db.execute("INSERT INTO signing_keys (public_key, private_key, created_at) VALUES (?, ?, ?)",
                       publicKey, privateKey, now.epochSeconds)
    }

    /// The key that signs new ticket codes: (key id, private, public).
    public func activeSigningKey() throws -> (id: Int64, privateKey: [UInt8], publicKey: [UInt8])? {
        try read {
            try db.row("SELECT id, private_key, public_key FROM signing_keys WHERE retired_at IS NULL ORDER BY id DESC LIMIT 1").map {
                ($0.int("id"), $0.blob("private_key"), $0.blob("public_key"))
            }
        }
    }

    /// A copy of the whole store in a new 0600 file at `path`, by SQLite's online backup
    /// (other processes keep selling), as a single self-contained file.
    func copy(to path: String) throws {
        do {
            let copy = try SQLiteConnection(path: path, create: true)
            try FileSystem.makePrivate(path)
            try db.backup(to: copy)
            try copy.executeScript("PRAGMA journal_mode = DELETE")
        } catch let error as SQLiteError {
            try? FileManager.default.removeItem(atPath: path)
            throw error.isBusy ? BilletterieError.storeBusy : BilletterieError.cannotCreate(path: path, reason: error.message)
        }
    }
}

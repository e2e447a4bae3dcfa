import Foundation

/// Store-wide settings chosen at `init`.
public struct StoreSettings: Sendable, Equatable, Encodable {
    public var venueName: String?
    public var currency: String
    public var timezone: String
    /// The box office's postal address and VAT number, printed on receipts (`pay seller`);
    /// the address is also where cash refunds are collected.
    public var venueAddress: String? = nil
    public var vatNumber: String? = nil

    enum CodingKeys: String, CodingKey {
        case venueName = "venue_name"
        case venueAddress = "venue_address"
        case vatNumber = "vat_number"
        case currency, timezone
    }
}

extension Store {
    func isInitialized() throws -> Bool {
        try read { try db.row("SELECT 1 FROM settings WHERE key = 'initialized_at'") != nil }
    }

    func settingValue(_ key: String) throws -> String? {
        try read { try db.row("SELECT value FROM settings WHERE key = ?", key)?.string("value") }
    }

    /// The time a new pack's or delta's rows carry (microseconds): the clock, but always after
    /// the last one this store issued, so a later delta wins at the gate even when the clock
    /// stands still ($BILLETTERIE_NOW) or steps back.
    func nextGatePackTime(now: Date) throws -> Int64 {
        try write { tx in
            let last = Int64(try settingValue("gate_pack_last_as_of") ?? "") ?? 0
            let next = max(Int64((now.timeIntervalSince1970 * 1_000_000).rounded(.down)), last + 1)
            try tx.saveSetting("gate_pack_last_as_of", String(next))
            return next
        }
    }

    public func settings() throws -> StoreSettings {
        try read {
            var values: [String: String] = [:]
            for row in try db.rows("SELECT key, value FROM settings") { values[try row.string("key")] = try row.string("value") }
            return StoreSettings(
                venueName: values["venue_name"], currency: values["currency"] ?? "EUR",
                timezone: values["timezone"] ?? "UTC", venueAddress: values["venue_address"], vatNumber: values["vat_number"])
        }
    }

    /// The key that signs new ticket codes: (key id, private, public).
    public func activeSigningKey() throws -> (id: Int64, privateKey: [UInt8], publicKey: [UInt8])? {
        try read {
            try db.row("SELECT id, private_key, public_key FROM signing_keys WHERE retired_at IS NULL ORDER BY id DESC LIMIT 1").map {
                (try $0.int("id"), try $0.blob("private_key"), try $0.blob("public_key"))
            }
        }
    }

    /// A copy of the whole store in a new 0600 SQLite file at `path`, while other processes
    /// keep selling: SQLite's online backup of a store file; a server store's rows copied
    /// from one consistent snapshot into a new store file (a laptop can run from it).
    func copy(to path: String) throws {
        do {
            if let db = db as? SQLiteConnection {
                let copy = try SQLiteConnection(path: path, create: true)
                try FileSystem.makePrivate(path)
                try db.backup(to: copy)
                try copy.executeScript("PRAGMA journal_mode = DELETE")
            } else {
                let copy = try Store.create(at: path)
                try FileSystem.makePrivate(path)
                try db.readSnapshot { try StoreCopy.rows(from: self, to: copy) }
                guard let file = copy.db as? SQLiteConnection else { return }
                try file.executeScript("PRAGMA journal_mode = DELETE")
            }
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            for suffix in ["-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            if let error = error as? DatabaseError {
                throw error.isBusy ? BilletterieError.storeBusy : BilletterieError.cannotCreate(path: path, reason: error.message)
            }
            throw error
        }
    }
}

extension StoreTransaction {
    func saveSetting(_ key: String, _ value: String) throws {
        try db.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value)
    }

    func deleteSetting(_ key: String) throws {
        try db.execute("DELETE FROM settings WHERE key = ?", key)
    }

    func insertSigningKey(privateKey: [UInt8], publicKey: [UInt8], now: Date) throws {
        try db.execute(
            "INSERT INTO signing_keys (public_key, private_key, created_at) VALUES (?, ?, ?)",
            publicKey, privateKey, now.epochSeconds)
    }
}

import Foundation

/// A session row as stored, with what `Accounts.authenticate` needs to judge it.
struct StoredSession {
    let id: String
    let userID: String
    let expiresAt: Date
    let revokedAt: Date?
}

extension Store {

    func session(tokenHash: [UInt8]) throws -> StoredSession? {
        try read {
            try db.row("SELECT id, user_id, expires_at, revoked_at FROM sessions WHERE token_hash = ?", tokenHash).map {
                StoredSession(
                    id: try $0.string("id"), userID: try $0.string("user_id"),
                    expiresAt: Date(epochSeconds: try $0.int("expires_at")),
                    revokedAt: $0.optionalInt("revoked_at").map(Date.init(epochSeconds:)))
            }
        }
    }

}

extension StoreTransaction {
    func insertSession(id: String, tokenHash: [UInt8], userID: String, createdAt: Date, expiresAt: Date) throws {
        try db.execute(
            "INSERT INTO sessions (id, token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
            id, tokenHash, userID, createdAt.epochSeconds, expiresAt.epochSeconds)
    }

    func revokeSession(id: String, now: Date) throws {
        try db.execute("UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", now.epochSeconds, id)
    }

    /// Logs a user out everywhere but `keeping` (after a password change).
    func revokeSessions(userID: String, keeping: String?, now: Date) throws {
        try db.execute(
            "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL AND id IS DISTINCT FROM ?",
            now.epochSeconds, userID, keeping)
    }
}

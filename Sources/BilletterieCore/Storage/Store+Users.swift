import Foundation

/// What login needs beyond the public `User`: never leaves the core.
struct Credentials {
    let user: User
    let passwordHash: String
    let failedLogins: Int
    let totpSecret: [UInt8]?
    let totpLastStep: Int64?
    let totpPendingSecret: [UInt8]?
}

enum FailedLoginOutcome {
    case counted
    case nowLocked(until: Date)
    case alreadyLocked(until: Date)
}

extension Store {
    private static let userColumns = """
        id, email, name, role, password_hash, failed_logins, locked_until, totp_secret, totp_last_step, totp_pending_secret,
        disabled_at, email_verified_at, created_at
        """

    private func user(from row: Row) throws -> User {
        User(
            id: try row.string("id"), email: try row.string("email"), name: try row.string("name"),
            role: Role(rawValue: try row.string("role")) ?? .participant,
            mfaEnabled: row["totp_secret"] != .null,
            lockedUntil: row.optionalInt("locked_until").map(Date.init(epochSeconds:)),
            createdAt: Date(epochSeconds: try row.int("created_at")),
            disabledAt: row.optionalInt("disabled_at").map(Date.init(epochSeconds:)),
            emailVerified: row.optionalInt("email_verified_at") != nil)
    }

    func isEmailTaken(_ email: String) throws -> Bool {
        try read { try db.row("SELECT 1 FROM users WHERE email = ?", email) != nil }
    }

    /// A user by id (`usr_...`) or email.
    func user(identifiedBy identifier: String) throws -> User? {
        try read {
            let column = Identifier.looksLike(identifier, .user) ? "id" : "email"
            let key = column == "email" ? EmailAddress.folded(identifier.trimmingCharacters(in: .whitespaces)) : identifier
            return try db.row("SELECT \(Self.userColumns) FROM users WHERE \(column) = ?", key).map { try user(from: $0) }
        }
    }

    func credentials(email: String) throws -> Credentials? {
        try read {
            try db.row("SELECT \(Self.userColumns) FROM users WHERE email = ?", email).map { try credentials(from: $0) }
        }
    }

    func credentials(userID: String) throws -> Credentials? {
        try read {
            try db.row("SELECT \(Self.userColumns) FROM users WHERE id = ?", userID).map { try credentials(from: $0) }
        }
    }

    private func credentials(from row: Row) throws -> Credentials {
        let secret = row["totp_secret"] == .null ? nil : try row.blob("totp_secret")
        return Credentials(
            user: try user(from: row), passwordHash: try row.string("password_hash"),
            failedLogins: Int(try row.int("failed_logins")), totpSecret: secret,
            totpLastStep: row.optionalInt("totp_last_step"), totpPendingSecret: row.optionalBlob("totp_pending_secret"))
    }

    /// Users in email order, one page of them, and how many match in all.
    func users(role: Role?, limit: Int, offset: Int) throws -> (users: [User], total: Int) {
        try read {
            let filter = role == nil ? "" : "WHERE role = ?"
            let arguments: [SQLBindable] = role.map { [$0.rawValue] } ?? []
            let total = try db.rows("SELECT count(*) AS n FROM users \(filter)", arguments: arguments).first?.int("n") ?? 0
            let page = try db.rows(
                "SELECT \(Self.userColumns) FROM users \(filter) ORDER BY email LIMIT ? OFFSET ?",
                arguments: arguments + [limit, offset]
            ).map { try user(from: $0) }
            return (page, Int(total))
        }
    }

    /// Every account's id and address (for finding look-alikes).
    func userEmails() throws -> [(id: String, email: String)] {
        try read { try db.rows("SELECT id, email FROM users ORDER BY created_at").map { (try $0.string("id"), try $0.string("email")) } }
    }

    func countDisabledUsers(role: Role) throws -> Int {
        try read { Int(try db.row("SELECT count(*) AS n FROM users WHERE role = ? AND disabled_at IS NOT NULL", role.rawValue)?.int("n") ?? 0) }
    }

    func countUsers(role: Role) throws -> Int {
        try read { Int(try db.scalar("SELECT count(*) FROM users WHERE role = ?", role.rawValue).int ?? 0) }
    }

    // MARK: Proving an address

}

extension StoreTransaction {
    func insertUser(_ user: User, passwordHash: String) throws {
        try db.execute(
            """
            INSERT INTO users (id, email, name, role, password_hash, email_verified_at, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, user.id, user.email, user.name, user.role.rawValue, passwordHash,
            user.emailVerified ? user.createdAt.epochSeconds : nil, user.createdAt.epochSeconds, user.createdAt.epochSeconds)
    }

    /// Counts a wrong password or code; the `limit`-th in a row locks the account until
    /// `lockUntil` and starts the count again. Attempts during a lock neither count nor extend it.
    func recordFailedLogin(userID: String, limit: Int, lockUntil: Date, now: Date) throws -> FailedLoginOutcome {
        let counted = try db.rows(
            """
            UPDATE users SET failed_logins = failed_logins + 1, updated_at = ?
            WHERE id = ? AND (locked_until IS NULL OR locked_until <= ?) RETURNING failed_logins
            """, arguments: [now.epochSeconds, userID, now.epochSeconds]
        ).first
        guard let counted else {
            let until = try db.scalar("SELECT locked_until FROM users WHERE id = ?", userID).int ?? now.epochSeconds
            return .alreadyLocked(until: Date(epochSeconds: until))
        }
        guard try counted.int("failed_logins") >= limit else { return .counted }
        try db.execute("UPDATE users SET failed_logins = 0, locked_until = ? WHERE id = ?", lockUntil.epochSeconds, userID)
        return .nowLocked(until: lockUntil)
    }

    /// Records a login, only if it may still happen now, inside the write: the account is
    /// not locked or disabled, its password is still the one checked, and a TOTP step is newer
    /// than the last one used. False (nothing changed) when any of that no longer holds: a
    /// lock set by attempts running at the same time, the same code used by another login.
    func recordSuccessfulLogin(userID: String, passwordHash: String, totpStep: Int64?, now: Date) throws -> Bool {
        try db.execute(
            """
            UPDATE users SET failed_logins = 0, locked_until = NULL, totp_last_step = coalesce(?, totp_last_step), updated_at = ?
            WHERE id = ? AND password_hash = ? AND disabled_at IS NULL AND (locked_until IS NULL OR locked_until <= ?)
              AND (? IS NULL OR totp_last_step IS NULL OR totp_last_step < ?)
            """, totpStep, now.epochSeconds, userID, passwordHash, now.epochSeconds, totpStep, totpStep) == 1
    }

    /// Uses a TOTP step for something other than a login (turning two-factor login off),
    /// once: false when that step or a later one was used already.
    func useTOTPStep(userID: String, step: Int64) throws -> Bool {
        try db.execute(
            "UPDATE users SET totp_last_step = ? WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)",
            step, userID, step) == 1
    }

    func unlock(userID: String, now: Date) throws {
        try db.execute("UPDATE users SET failed_logins = 0, locked_until = NULL, updated_at = ? WHERE id = ?", now.epochSeconds, userID)
    }

    func setDisabled(userID: String, at: Date?, now: Date) throws {
        try db.execute("UPDATE users SET disabled_at = ?, updated_at = ? WHERE id = ?", at?.epochSeconds, now.epochSeconds, userID)
    }

    /// Sets or clears a TOTP secret waiting for its first code.
    func updatePendingTOTPSecret(userID: String, secret: [UInt8]?, now: Date) throws {
        try db.execute(
            "UPDATE users SET totp_pending_secret = ?, updated_at = ? WHERE id = ?",
            secret.map(SQLValue.blob) ?? .null, now.epochSeconds, userID)
    }

    /// Replaces an account's recovery codes (hashes).
    func replaceRecoveryCodes(userID: String, hashes: [[UInt8]]) throws {
        try db.execute("DELETE FROM recovery_codes WHERE user_id = ?", userID)
        for hash in hashes { try db.execute("INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)", userID, hash) }
    }

    /// Uses a recovery code once: true when it was the account's and unused.
    func useRecoveryCode(userID: String, hash: [UInt8], now: Date) throws -> Bool {
        try db.execute(
            "UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL",
            now.epochSeconds, userID, hash) == 1
    }

    func saveEmailVerification(userID: String, codeHash: [UInt8], expiresAt: Date) throws {
        try db.execute(
            """
            INSERT INTO email_verifications (user_id, code_hash, expires_at) VALUES (?, ?, ?)
            ON CONFLICT (user_id) DO UPDATE SET code_hash = excluded.code_hash, expires_at = excluded.expires_at, attempts = 0
            """, userID, codeHash, expiresAt.epochSeconds)
    }

    /// Counts an attempt at the account's code and gives what is stored; nil when none is waiting.
    func countEmailVerificationAttempt(userID: String) throws -> (codeHash: [UInt8], expiresAt: Date, attempts: Int)? {
        try db.rows(
            """
            UPDATE email_verifications SET attempts = attempts + 1 WHERE user_id = ? RETURNING code_hash, expires_at, attempts
            """, userID
        ).first.map { (try $0.blob("code_hash"), Date(epochSeconds: try $0.int("expires_at")), Int(try $0.int("attempts"))) }
    }

    func markEmailVerified(userID: String, now: Date) throws {
        try db.execute("UPDATE users SET email_verified_at = ?, updated_at = ? WHERE id = ?", now.epochSeconds, now.epochSeconds, userID)
        try db.execute("DELETE FROM email_verifications WHERE user_id = ?", userID)
    }

    func updateRole(userID: String, role: Role, now: Date) throws {
        try db.execute("UPDATE users SET role = ?, updated_at = ? WHERE id = ?", role.rawValue, now.epochSeconds, userID)
    }

    func updatePasswordHash(userID: String, hash: String, now: Date) throws {
        try db.execute("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?", hash, now.epochSeconds, userID)
    }

    /// Sets or clears (nil) the TOTP secret; clearing also forgets the last step used.
    func updateTOTPSecret(userID: String, secret: [UInt8]?, now: Date) throws {
        try db.execute(
            "UPDATE users SET totp_secret = ?, totp_last_step = NULL, updated_at = ? WHERE id = ?",
            secret.map(SQLValue.blob) ?? .null, now.epochSeconds, userID)
    }
}

import Foundation

/// What login needs beyond the public `User`: never leaves the core.
struct Credentials {
    let user: User
    let passwordHash: String
    let failedLogins: Int
    let totpSecret: [UInt8]?
    let totpLastStep: Int64?
}

enum FailedLoginOutcome {
    case counted
    case nowLocked(until: Date)
    case alreadyLocked(until: Date)
}

extension Store {
    private static let userColumns = "id, email, name, role, password_hash, failed_logins, locked_until, totp_secret, totp_last_step, created_at"

    private func user(from row: Row) -> User {
        User(id: row.string("id"), email: row.string("email"), name: row.string("name"),
             role: Role(rawValue: row.string("role")) ?? .participant,
             mfaEnabled: row["totp_secret"] != .null,
             lockedUntil: row.optionalInt("locked_until").map(Date.init(epochSeconds:)),
             createdAt: Date(epochSeconds: row.int("created_at")))
    }

    func insertUser(_ user: User, passwordHash: String) throws {
        try db.execute("""
            INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, user.id, user.email, user.name, user.role.rawValue, passwordHash,
            user.createdAt.epochSeconds, user.createdAt.epochSeconds)
    }

    func isEmailTaken(_ email: String) throws -> Bool {
        try read { try db.row("SELECT 1 FROM users WHERE email = ?", email) != nil }
    }

    /// A user by id (`usr_...`) or email.
    func user(identifiedBy identifier: String) throws -> User? {
        try read {
            let column = Identifier.looksLike(identifier, .user) ? "id" : "email"
            let key = column == "email" ? identifier.lowercased() : identifier
            return try db.row("SELECT \(Self.userColumns) FROM users WHERE \(column) = ?", key).map(user(from:))
        }
    }

    func credentials(email: String) throws -> Credentials? {
        try read {
            try db.row("SELECT \(Self.userColumns) FROM users WHERE email = ?", email).map(credentials(from:))
        }
    }

    func credentials(userID: String) throws -> Credentials? {
        try read {
            try db.row("SELECT \(Self.userColumns) FROM users WHERE id = ?", userID).map(credentials(from:))
        }
    }

    private func credentials(from row: Row) -> Credentials {
        let secret = row["totp_secret"] == .null ? nil : row.blob("totp_secret")
        return Credentials(user: user(from: row), passwordHash: row.string("password_hash"),
                           failedLogins: Int(row.int("failed_logins")), totpSecret: secret,
                           totpLastStep: row.optionalInt("totp_last_step"))
    }

    /// Users in email order, one page of them, and how many match in all.
    func users(role: Role?, limit: Int, offset: Int) throws -> (users: [User], total: Int) {
        try read {
            let filter = role == nil ? "" : "WHERE role = ?"
            let arguments: [SQLBindable] = role.map { [$0.rawValue] } ?? []
            let total = try db.rows("SELECT count(*) AS n FROM users \(filter)", arguments: arguments).first?.int("n") ?? 0
            let page = try db.rows("SELECT \(Self.userColumns) FROM users \(filter) ORDER BY email LIMIT ? OFFSET ?",
                                   arguments: arguments + [limit, offset]).map(user(from:))
            return (page, Int(total))
        }
    }

    func countUsers(role: Role) throws -> Int {
        try read { Int(try db.scalar("SELECT count(*) FROM users WHERE role = ?", role.rawValue).int ?? 0) }
    }

    /// Counts a wrong password or code; the `limit`-th in a row locks the account until
    /// `lockUntil` and starts the count again. Attempts during a lock neither count nor extend it.
    func recordFailedLogin(userID: String, limit: Int, lockUntil: Date, now: Date) throws -> FailedLoginOutcome {
        let counted = try db.rows("""
            UPDATE users SET failed_logins = failed_logins + 1, updated_at = ?
            WHERE id = ? AND (locked_until IS NULL OR locked_until <= ?) RETURNING failed_logins
            """, arguments: [now.epochSeconds, userID, now.epochSeconds]).first
        guard let counted else {
            let until = try db.scalar("SELECT locked_until FROM users WHERE id = ?", userID).int ?? now.epochSeconds
            return .alreadyLocked(until: Date(epochSeconds: until))
        }
        guard counted.int("failed_logins") >= limit else { return .counted }
        try db.execute("UPDATE users SET failed_logins = 0, locked_until = ? WHERE id = ?", lockUntil.epochSeconds, userID)
        return .nowLocked(until: lockUntil)
    }

    func recordSuccessfulLogin(userID: String, totpStep: Int64?, now: Date) throws {
        try db.execute("""
            UPDATE users SET failed_logins = 0, locked_until = NULL, totp_last_step = coalesce(?, totp_last_step), updated_at = ?
            WHERE id = ?
            """, totpStep, now.epochSeconds, userID)
    }

    func recordTOTPStepUsed(userID: String, step: Int64) throws {
        try db.execute("UPDATE users SET totp_last_step = ? WHERE id = ?", step, userID)
    }

    func updateRole(userID: String, role: Role, now: Date) throws {
        try db.execute("UPDATE users SET role = ?, updated_at = ? WHERE id = ?", role.rawValue, now.epochSeconds, userID)
    }

    func updatePasswordHash(userID: String, hash: String, now: Date) throws {
        try db.execute("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?", hash, now.epochSeconds, userID)
    }

    /// Sets or clears (nil) the TOTP secret; clearing also forgets the last step used.
    func updateTOTPSecret(userID: String, secret: [UInt8]?, now: Date) throws {
        try db.execute("UPDATE users SET totp_secret = ?, totp_last_step = NULL, updated_at = ? WHERE id = ?",
                       secret.map(SQLValue.blob) ?? .null, now.epochSeconds, userID)
    }
}

import Foundation

/// People and their sessions: registration, login with lockout and TOTP, roles, passwords.
public struct Accounts {
    public let store: Store
    public let hasher: PasswordHasher
    public let now: Date

    /// CLI.md section 9: sessions last 12 h; 5 wrong passwords in a row lock for 15 minutes.
    public static let sessionLifetime: TimeInterval = 12 * 3600
    public static let failuresBeforeLock = 5
    public static let lockDuration: TimeInterval = 15 * 60
    public static let issuer = "billetterie"

    public init(store: Store, hasher: PasswordHasher = .standard, now: Date) {
        self.store = store
        self.hasher = hasher
        self.now = now
    }

    // MARK: Registration

    /// Checks, before anyone is asked for a password, that `actor` may create an account with `role`.
    /// Self-registration (no login) creates participants only.
    public static func checkMayCreateAccount(role: Role, actor: User?) throws {
        guard role != .participant else { return }
        guard let actor else {
            throw BilletterieError.notAuthenticated(
                code: "login_required",
                message: "\(Action.createAccount(role).description) needs the admin role; log in as an admin first (self-registration creates participants)")
        }
        try Access.require(actor, .createAccount(role))
    }

    /// Creates an account. Checks every value before writing anything.
    public func register(email rawEmail: String, name rawName: String, role: Role, password: String, actor: User?) throws -> User {
        let email = try EmailAddress.normalize(rawEmail)
        let name = try Self.checkName(rawName)
        try Self.checkPasswordStrength(password)
        try Self.checkMayCreateAccount(role: role, actor: actor)
        let hash = try hasher.hash(password)
        let user = User(id: Identifier.make(.user), email: email, name: name, role: role, mfaEnabled: false,
                        lockedUntil: nil, createdAt: now)
        try store.write {
            guard try !store.isEmailTaken(email) else {
                throw BilletterieError.conflict(code: "email_taken", message: "an account with email \(email) already exists")
            }
            try store.insertUser(user, passwordHash: hash)
            try store.recordEvent("user.registered", subject: user.id, actor: actor?.id ?? user.id,
                                  data: ["email": email, "role": role.rawValue], at: now)
        }
        return user
    }

    static func checkName(_ raw: String) throws -> String {
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 200, !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw BilletterieError.invalidInput(code: "invalid_name", message: "invalid name '\(raw)': give 1 to 200 printable characters")
        }
        return name
    }

    /// NIST SP 800-63B: at least 8 characters, long passphrases welcome, no composition rules.
    public static func checkPasswordStrength(_ password: String) throws {
        guard password.count >= 8 else {
            throw BilletterieError.invalidInput(
                code: "weak_password", message: "the password is too short (\(password.count) characters); use at least 8")
        }
        guard password.utf8.count <= 1024 else {
            throw BilletterieError.invalidInput(code: "weak_password", message: "the password is longer than 1024 bytes")
        }
    }

    // MARK: Login and sessions

    /// What a successful login gives: the token (shown once, stored only hashed) and its session.
    public struct Login: Sendable {
        public let token: String
        public let session: Session
    }

    private var wrongCredentials: BilletterieError {
        .notAuthenticated(code: "wrong_credentials", message: "wrong email or password")
    }

    private func locked(until: Date) -> BilletterieError {
        .notAuthenticated(code: "account_locked",
                          message: "the account is locked after \(Self.failuresBeforeLock) wrong attempts until \(TimeText.utc(until)); try again then")
    }

    /// Logs in. A wrong password, like a wrong TOTP code, is recorded and counts toward the lock
    /// even though the command fails; an unknown email gets the same answer as a wrong password.
    public func login(email rawEmail: String, password: String, totp: String?) throws -> Login {
        let email = (try? EmailAddress.normalize(rawEmail)) ?? rawEmail.lowercased()
        guard let credentials = try store.credentials(email: email) else {
            _ = try? hasher.hash(password)  // as slow as a real check, so timing does not tell who has an account
            try store.write {
                try store.recordEvent("user.login_failed", subject: nil, actor: nil,
                                      data: ["email": email, "reason": "unknown_email"], at: now)
            }
            throw wrongCredentials
        }
        let user = credentials.user
        if let until = user.lockedUntil, until > now { throw locked(until: until) }
        guard hasher.verify(password, against: credentials.passwordHash) else {
            throw try recordFailedAttempt(user, reason: "wrong_password", answer: wrongCredentials)
        }
        var totpStep: Int64?
        if let secret = credentials.totpSecret {
            totpStep = try checkTOTP(totp, secret: secret, lastStep: credentials.totpLastStep, user: user)
        }
        let rehash = hasher.needsRehash(credentials.passwordHash) ? try hasher.hash(password) : nil
        let tokenBytes = CryptoPrimitives.randomBytes(32)
        let token = "bt_" + Base32.encode(tokenBytes).lowercased()
        let session = Session(id: Identifier.make(.session), user: user, expiresAt: now.addingTimeInterval(Self.sessionLifetime))
        try store.write {
            try store.recordSuccessfulLogin(userID: user.id, totpStep: totpStep, now: now)
            if let rehash { try store.updatePasswordHash(userID: user.id, hash: rehash, now: now) }
            try store.insertSession(id: session.id, tokenHash: Self.tokenHash(token), userID: user.id,
                                    createdAt: now, expiresAt: session.expiresAt)
            try store.recordEvent("user.logged_in", subject: user.id, actor: user.id,
                                  data: ["session": session.id, "mfa": totpStep == nil ? "no" : "yes"], at: now)
        }
        return Login(token: token, session: session)
    }

    /// Checks a TOTP code; gives the step it matched so it cannot be used twice.
    private func checkTOTP(_ code: String?, secret: [UInt8], lastStep: Int64?, user: User) throws -> Int64 {
        guard let code, !code.isEmpty else {
            throw BilletterieError.notAuthenticated(
                code: "totp_required", message: "\(user.email) has two-factor login on; add --totp CODE from the authenticator app")
        }
        guard let step = TOTP(secret: secret).matchingStep(for: code, at: now) else {
            throw try recordFailedAttempt(user, reason: "wrong_totp", answer: .notAuthenticated(
                code: "wrong_totp", message: "wrong or expired two-factor code '\(code)'; type the 6 digits the authenticator app shows now"))
        }
        if let lastStep, step <= lastStep {
            throw BilletterieError.notAuthenticated(code: "totp_reused", message: "that two-factor code was already used; wait for the next one")
        }
        return step
    }

    /// Records a failed attempt (and the lock it may cause) and gives the error to answer with.
    private func recordFailedAttempt(_ user: User, reason: String, answer: BilletterieError) throws -> BilletterieError {
        let lockUntil = now.addingTimeInterval(Self.lockDuration)
        let outcome = try store.write { () -> FailedLoginOutcome in
            let outcome = try store.recordFailedLogin(userID: user.id, limit: Self.failuresBeforeLock, lockUntil: lockUntil, now: now)
            if case .alreadyLocked = outcome { return outcome }
            try store.recordEvent("user.login_failed", subject: user.id, actor: nil, data: ["reason": reason], at: now)
            if case .nowLocked(let until) = outcome {
                try store.recordEvent("user.locked", subject: user.id, actor: nil, data: ["until": TimeText.utc(until)], at: now)
            }
            return outcome
        }
        switch outcome {
        case .counted: return answer
        case .nowLocked(let until), .alreadyLocked(let until): return locked(until: until)
        }
    }

    static func tokenHash(_ token: String) -> [UInt8] { CryptoPrimitives.sha256(Array(token.utf8)) }

    /// The session a token stands for; throws exit-77 errors for unknown, revoked or expired ones.
    public func authenticate(token: String) throws -> Session {
        let notLoggedIn = BilletterieError.notAuthenticated(
            code: "not_logged_in", message: "not logged in: this store does not know that session; log in with `billetterie user login --email EMAIL`")
        guard let stored = try store.session(tokenHash: Self.tokenHash(token)) else { throw notLoggedIn }
        if let revoked = stored.revokedAt {
            throw BilletterieError.notAuthenticated(
                code: "session_revoked", message: "that session was logged out at \(TimeText.utc(revoked)); log in again")
        }
        guard stored.expiresAt > now else {
            throw BilletterieError.notAuthenticated(
                code: "session_expired", message: "the session expired at \(TimeText.utc(stored.expiresAt)); log in again")
        }
        guard let user = try store.user(identifiedBy: stored.userID) else { throw notLoggedIn }
        return Session(id: stored.id, user: user, expiresAt: stored.expiresAt)
    }

    /// Revokes the session of `token`. Gives false when there was nothing left to revoke.
    @discardableResult
    public func logout(token: String) throws -> Bool {
        guard let stored = try store.session(tokenHash: Self.tokenHash(token)), stored.revokedAt == nil else { return false }
        try store.write {
            try store.revokeSession(id: stored.id, now: now)
            try store.recordEvent("user.logged_out", subject: stored.userID, actor: stored.userID,
                                  data: ["session": stored.id], at: now)
        }
        return true
    }

    // MARK: Looking people up

    /// One account, by id or email. Someone else's is only for admins; to others it does not exist (exit 3).
    public func user(_ identifier: String, actor: User) throws -> User {
        guard let user = try store.user(identifiedBy: identifier),
              user.id == actor.id || Access.allows(actor, .seeAnotherUser)
        else { throw BilletterieError.notFound(entity: "user", identifier: identifier) }
        return user
    }

    /// A page of accounts in email order, with how many match in all.
    public func list(role: Role?, limit: Int, offset: Int, actor: User) throws -> (users: [User], total: Int) {
        try Access.require(actor, .listUsers)
        return try store.users(role: role, limit: limit, offset: offset)
    }

    // MARK: Changes

    /// Gives `identifier` a new role. Refuses to leave the store without an admin.
    public func changeRole(of identifier: String, to role: Role, actor: User) throws -> User {
        try Access.require(actor, .changeRole)
        guard var target = try store.user(identifiedBy: identifier) else {
            throw BilletterieError.notFound(entity: "user", identifier: identifier)
        }
        guard target.role != role else { return target }
        let previous = target.role
        try store.write {
            if previous == .admin, try store.countUsers(role: .admin) <= 1 {
                throw BilletterieError.conflict(
                    code: "last_admin", message: "\(target.email) is the only admin; make someone else admin first")
            }
            try store.updateRole(userID: target.id, role: role, now: now)
            try store.recordEvent("user.role_changed", subject: target.id, actor: actor.id,
                                  data: ["from": previous.rawValue, "to": role.rawValue], at: now)
        }
        target.role = role
        return target
    }

    /// Changes the caller's password and logs out their other sessions.
    public func changePassword(session: Session, current: String, new: String) throws {
        try Self.checkPasswordStrength(new)
        guard let credentials = try store.credentials(userID: session.user.id) else {
            throw BilletterieError.notFound(entity: "user", identifier: session.user.id)
        }
        if let until = credentials.user.lockedUntil, until > now { throw locked(until: until) }
        guard hasher.verify(current, against: credentials.passwordHash) else {
            throw try recordFailedAttempt(credentials.user, reason: "wrong_password", answer: .notAuthenticated(
                code: "wrong_password", message: "the current password is wrong"))
        }
        let hash = try hasher.hash(new)
        try store.write {
            try store.updatePasswordHash(userID: session.user.id, hash: hash, now: now)
            try store.revokeSessions(userID: session.user.id, keeping: session.id, now: now)
            try store.recordEvent("user.password_changed", subject: session.user.id, actor: session.user.id,
                                  data: [String: String](), at: now)
        }
    }

    /// What enrolling an authenticator needs: the secret in base32 and the otpauth:// URI.
    public struct MFAEnrolment: Sendable, Encodable {
        public let secret: String
        public let uri: String
    }

    /// Turns two-factor login on at once; from now on `login` needs a code.
    public func enableMFA(actor: User) throws -> MFAEnrolment {
        let secret = TOTP.newSecret()
        try store.write {
            guard let credentials = try store.credentials(userID: actor.id) else {
                throw BilletterieError.notFound(entity: "user", identifier: actor.id)
            }
            guard credentials.totpSecret == nil else {
                throw BilletterieError.conflict(code: "mfa_already_enabled",
                                                message: "two-factor login is already on for \(actor.email); disable it first to enrol a new device")
            }
            try store.updateTOTPSecret(userID: actor.id, secret: secret, now: now)
            try store.recordEvent("user.mfa_enabled", subject: actor.id, actor: actor.id, data: [String: String](), at: now)
        }
        return MFAEnrolment(secret: Base32.encode(secret),
                            uri: TOTP(secret: secret).provisioningURI(account: actor.email, issuer: Self.issuer))
    }

    /// Turns two-factor login off: one's own with a current code, anyone's as an admin (a lost phone).
    public func disableMFA(of identifier: String?, code: String?, actor: User) throws -> User {
        let target = try identifier.map { try user($0, actor: actor) } ?? actor
        let isSelf = target.id == actor.id
        if !isSelf { try Access.require(actor, .resetAnotherUsersMFA) }
        guard let credentials = try store.credentials(userID: target.id) else {
            throw BilletterieError.notFound(entity: "user", identifier: target.id)
        }
        guard let secret = credentials.totpSecret else {
            throw BilletterieError.conflict(code: "mfa_not_enabled", message: "two-factor login is not on for \(target.email)")
        }
        if isSelf {
            // Proves the phone is in hand: a stolen session alone cannot weaken the account.
            _ = try checkTOTP(code, secret: secret, lastStep: credentials.totpLastStep, user: target)
        }
        try store.write {
            try store.updateTOTPSecret(userID: target.id, secret: nil, now: now)
            try store.recordEvent("user.mfa_disabled", subject: target.id, actor: actor.id, data: [String: String](), at: now)
        }
        var updated = credentials.user
        updated.mfaEnabled = false
        return updated
    }
}

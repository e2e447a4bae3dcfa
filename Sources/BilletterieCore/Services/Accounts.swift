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
        // An address is proven by a code sent to it, or vouched for by the admin who makes the
        // account; until then the account sees none of the orders others bought for it.
        let user = User(
            id: Identifier.make(.user), email: email, name: name, role: role, mfaEnabled: false,
            lockedUntil: nil, createdAt: now, emailVerified: actor?.role == .admin)
        try store.write { tx in
            guard try !store.isEmailTaken(email) else {
                throw BilletterieError.conflict(code: "email_taken", message: "an account with email \(email) already exists")
            }
            try tx.insertUser(user, passwordHash: hash)
            try tx.recordEvent(
                .userRegistered, subject: user.id, actor: actor?.id ?? user.id,
                data: ["email": email, "role": role.rawValue], at: now)
        }
        return user
    }

    // MARK: Proving an address

    /// How long a verification code works, and how many tries it allows.
    static let verificationLifetime: TimeInterval = 48 * 3600
    static let verificationAttempts = 5

    static func verificationCodeHash(_ code: String) -> [UInt8] {
        let canonical = code.uppercased().filter { $0 != "-" && !$0.isWhitespace }
        return CryptoPrimitives.sha256(Array(("billetterie address code " + canonical).utf8))
    }

    /// Sends a new code to the account's address, written straight into the outbox (the
    /// store keeps only its hash, so `notify run` could not write it later). Gives the file.
    public func sendVerification(to user: User, outboxPath: String) throws -> String {
        let text = Base32.encode(CryptoPrimitives.randomBytes(5)).prefix(8)
        let code = String(text.prefix(4)) + "-" + String(text.suffix(4))
        let sender = try MessageComposer.sender(store)
        let domain = String(sender.address.split(separator: "@").last ?? "localhost")
        let id = Identifier.make(.notification)
        let body = """
            Hello \(user.name),

            To prove that \(user.email) is yours, run:

                billetterie user verify \(code)

            Then the orders and tickets bought for this address at the box office are yours to
            see. The code works for 48 hours. If you did not make an account, ignore this message.
            """
        let html =
            "<p>Hello \(user.name.htmlEscaped),</p><p>To prove that \(user.email.htmlEscaped) is yours, run:</p>"
            + "<pre>billetterie user verify \(code)</pre><p>The code works for 48 hours. If you did not make an account, ignore this message.</p>"
        let message = MailMessage(
            from: sender, to: [MailMessage.Mailbox(name: user.name, address: user.email)],
            subject: "Your code to prove your address: \(code)", date: now, messageID: "\(id)@\(domain)", text: body, html: html)
        try store.write { tx in
            try tx.saveEmailVerification(
                userID: user.id, codeHash: Self.verificationCodeHash(code), expiresAt: now.addingTimeInterval(Self.verificationLifetime))
            try tx.recordEvent(.userVerificationSent, subject: user.id, actor: user.id, data: [String: String](), at: now)
        }
        let outbox = Outbox(path: outboxPath)
        try outbox.prepare()
        let name = "\(now.epochSeconds).\(id).verify.eml"
        let result = outbox.deliver([(name, message.bytes())])
        if let failure = result.failed[name] { throw BilletterieError.cannotCreate(path: outboxPath, reason: failure) }
        return outbox.path + "/new/" + name
    }

    /// Proves the logged-in account's address with the code sent to it.
    public func verify(code: String, actor: User) throws -> User {
        guard !actor.emailVerified else {
            throw BilletterieError.conflict(code: "already_verified", message: "\(actor.email) is proven already")
        }
        let outcome = try store.write { tx -> BilletterieError? in
            guard let stored = try tx.countEmailVerificationAttempt(userID: actor.id) else {
                return .conflict(code: "no_verification", message: "no code is waiting for \(actor.email); ask for one with `billetterie user verify --resend`")
            }
            if stored.expiresAt <= now || stored.attempts > Self.verificationAttempts {
                return .notAuthenticated(
                    code: "verification_expired",
                    message: "that code has expired or was tried too often; get a new one with `billetterie user verify --resend`")
            }
            guard stored.codeHash == Self.verificationCodeHash(code) else {
                return .notAuthenticated(code: "wrong_verification_code", message: "that is not the code sent to \(actor.email); check the message")
            }
            try tx.markEmailVerified(userID: actor.id, now: now)
            try tx.recordEvent(.userVerified, subject: actor.id, actor: actor.id, data: [String: String](), at: now)
            return nil
        }
        // A wrong code's attempt must count, so the write commits and the error comes after.
        if let outcome { throw outcome }
        var updated = actor
        updated.emailVerified = true
        return updated
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

    /// The one answer to a login that fails before its password is known to be right, or on a
    /// locked or disabled account: whether an address has an account, or is locked, is not
    /// told (CLI.md section 16).
    private var refused: BilletterieError {
        .notAuthenticated(
            code: "wrong_credentials",
            message: "wrong email or password, or the account is locked (\(Self.failuresBeforeLock) wrong attempts in a row lock it for "
                + "\(Int(Self.lockDuration / 60)) minutes; an admin can unlock it: billetterie user unlock EMAIL)")
    }

    /// For someone already logged in (changing their password): the lock may be named.
    private func locked(until: Date) -> BilletterieError {
        .notAuthenticated(
            code: "account_locked",
            message: "the account is locked after \(Self.failuresBeforeLock) wrong attempts until \(TimeText.utc(until)); try again then")
    }

    /// How much of a failed login's e-mail the audit log keeps.
    static let recordedEmailLength = 254

    /// Logs in. A wrong password, like a wrong TOTP code, is recorded and counts toward the lock
    /// even though the command fails; an unknown, locked or disabled address gets the same
    /// answer as a wrong password, after the same work. The lock, a disabled account and a
    /// TOTP code's single use are checked again inside the write that makes the session, so
    /// attempts running at the same time cannot get around them.
    public func login(email rawEmail: String, password: String, totp: String?, recoveryCode: String? = nil) throws -> Login {
        let email = (try? EmailAddress.normalize(rawEmail)) ?? String(rawEmail.lowercased().prefix(Self.recordedEmailLength))
        guard let credentials = try store.credentials(email: email) else {
            _ = try? hasher.hash(password)  // as slow as a real check, so timing does not tell who has an account
            try store.write { tx in
                try tx.recordEvent(
                    .userLoginFailed, subject: nil, actor: nil,
                    data: ["email": String(email.prefix(Self.recordedEmailLength)), "reason": "unknown_email"], at: now)
            }
            throw refused
        }
        let user = credentials.user
        let passwordMatches = hasher.verify(password, against: credentials.passwordHash)
        if user.disabledAt != nil || (user.lockedUntil.map { $0 > now } ?? false) {
            try store.write { tx in
                try tx.recordEvent(
                    .userLoginFailed, subject: user.id, actor: nil,
                    data: ["reason": user.disabledAt != nil ? "disabled" : "locked"], at: now)
            }
            throw refused
        }
        guard passwordMatches else {
            throw try recordFailedAttempt(user, reason: "wrong_password", answer: refused)
        }
        var totpStep: Int64?
        var recoveryHash: [UInt8]?
        if let secret = credentials.totpSecret {
            if let recoveryCode, !recoveryCode.isEmpty, totp == nil {
                recoveryHash = Self.recoveryCodeHash(recoveryCode)
            } else {
                totpStep = try checkTOTP(totp, secret: secret, lastStep: credentials.totpLastStep, user: user)
            }
        }
        let rehash = hasher.needsRehash(credentials.passwordHash) ? try hasher.hash(password) : nil
        let tokenBytes = CryptoPrimitives.randomBytes(32)
        let token = "bt_" + Base32.encode(tokenBytes).lowercased()
        let session = Session(id: Identifier.make(.session), user: user, expiresAt: now.addingTimeInterval(Self.sessionLifetime))
        let outcome = try store.write { tx -> BilletterieError? in
            if let recoveryHash, try !tx.useRecoveryCode(userID: user.id, hash: recoveryHash, now: now) {
                return .notAuthenticated(code: "wrong_recovery_code", message: "that recovery code is not one of this account's unused codes")
            }
            guard try tx.recordSuccessfulLogin(userID: user.id, passwordHash: credentials.passwordHash, totpStep: totpStep, now: now) else {
                // Something changed since the checks above: say what, without telling a stranger.
                let current = try store.credentials(userID: user.id)
                if let step = totpStep, let last = current?.totpLastStep, step <= last, current?.user.lockedUntil.map({ $0 > now }) != true {
                    return .notAuthenticated(code: "totp_reused", message: "that two-factor code was already used; wait for the next one")
                }
                return refused
            }
            if let rehash { try tx.updatePasswordHash(userID: user.id, hash: rehash, now: now) }
            try tx.insertSession(
                id: session.id, tokenHash: Self.tokenHash(token), userID: user.id,
                createdAt: now, expiresAt: session.expiresAt)
            try tx.recordEvent(
                .userLoggedIn, subject: user.id, actor: user.id,
                data: ["session": session.id, "mfa": totpStep != nil ? "totp" : recoveryHash != nil ? "recovery_code" : "no"],
                at: now)
            return nil
        }
        if let outcome { throw outcome }
        return Login(token: token, session: session)
    }

    /// Checks a TOTP code; gives the step it matched so it cannot be used twice.
    private func checkTOTP(_ code: String?, secret: [UInt8], lastStep: Int64?, user: User) throws -> Int64 {
        guard let code, !code.isEmpty else {
            throw BilletterieError.notAuthenticated(
                code: "totp_required",
                message: "\(user.email) has two-factor login on; add --totp CODE from the authenticator app (or --recovery-code CODE)")
        }
        guard let step = TOTP(secret: secret).matchingStep(for: code, at: now) else {
            throw try recordFailedAttempt(
                user, reason: "wrong_totp",
                answer: .notAuthenticated(
                    code: "wrong_totp",
                    message: "wrong or expired two-factor code '\(String(code.prefix(12)))'; type the 6 digits the authenticator app shows now"))
        }
        if let lastStep, step <= lastStep {
            throw BilletterieError.notAuthenticated(code: "totp_reused", message: "that two-factor code was already used; wait for the next one")
        }
        return step
    }

    /// Recovery codes: 10 per account, 10 characters of base 32 (A-Z, 2-7) each, 50 bits,
    /// shown once when two-factor login is turned on, kept as SHA-256 hashes.
    static let recoveryCodeCount = 10

    static func newRecoveryCodes() -> [String] {
        (0..<recoveryCodeCount).map { _ in
            let text = Base32.encode(CryptoPrimitives.randomBytes(7)).prefix(10)
            return String(text.prefix(5)) + "-" + String(text.suffix(5))
        }
    }

    /// A recovery code as typed (any case, with or without its hyphen or spaces), hashed.
    static func recoveryCodeHash(_ code: String) -> [UInt8] {
        let canonical = code.uppercased().filter { $0 != "-" && !$0.isWhitespace }
        return CryptoPrimitives.sha256(Array(("billetterie recovery code " + canonical).utf8))
    }

    /// Records a failed attempt (and the lock it may cause) and gives the error to answer with.
    private func recordFailedAttempt(_ user: User, reason: String, answer: BilletterieError) throws -> BilletterieError {
        let lockUntil = now.addingTimeInterval(Self.lockDuration)
        let outcome = try store.write { tx -> FailedLoginOutcome in
            let outcome = try tx.recordFailedLogin(userID: user.id, limit: Self.failuresBeforeLock, lockUntil: lockUntil, now: now)
            if case .alreadyLocked = outcome { return outcome }
            try tx.recordEvent(.userLoginFailed, subject: user.id, actor: nil, data: ["reason": reason], at: now)
            if case .nowLocked(let until) = outcome {
                try tx.recordEvent(.userLocked, subject: user.id, actor: nil, data: ["until": TimeText.utc(until)], at: now)
            }
            return outcome
        }
        switch outcome {
        case .counted: return answer
        case .nowLocked, .alreadyLocked: return refused
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
        guard user.disabledAt == nil else {
            throw BilletterieError.notAuthenticated(code: "account_disabled", message: "this account was disabled by an admin; ask one to enable it")
        }
        return Session(id: stored.id, user: user, expiresAt: stored.expiresAt)
    }

    /// Revokes the session of `token`. Gives false when there was nothing left to revoke.
    @discardableResult
    public func logout(token: String) throws -> Bool {
        guard let stored = try store.session(tokenHash: Self.tokenHash(token)), stored.revokedAt == nil else { return false }
        try store.write { tx in
            try tx.revokeSession(id: stored.id, now: now)
            try tx.recordEvent(
                .userLoggedOut, subject: stored.userID, actor: stored.userID,
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
        try store.write { tx in
            if previous == .admin, try store.countUsers(role: .admin) <= 1 {
                throw BilletterieError.conflict(
                    code: "last_admin", message: "\(target.email) is the only admin; make someone else admin first")
            }
            try tx.updateRole(userID: target.id, role: role, now: now)
            try tx.recordEvent(
                .userRoleChanged, subject: target.id, actor: actor.id,
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
            throw try recordFailedAttempt(
                credentials.user, reason: "wrong_password",
                answer: .notAuthenticated(
                    code: "wrong_password", message: "the current password is wrong"))
        }
        let hash = try hasher.hash(new)
        try store.write { tx in
            try tx.updatePasswordHash(userID: session.user.id, hash: hash, now: now)
            try tx.revokeSessions(userID: session.user.id, keeping: session.id, now: now)
            try tx.recordEvent(
                .userPasswordChanged, subject: session.user.id, actor: session.user.id,
                data: [String: String](), at: now)
        }
    }

    /// What enrolling an authenticator needs: the secret in base32, the otpauth:// URI, and
    /// the recovery codes (shown once). Two-factor login is on only once a first code from
    /// the app confirms it (`enableMFA(confirming:)`), so closing the terminal before
    /// scanning loses nothing.
    public struct MFAEnrolment: Sendable, Encodable {
        public let secret: String
        public let uri: String
        public let recoveryCodes: [String]
        /// `pending` until a code confirms it, then `on`.
        public let status: String
        enum CodingKeys: String, CodingKey {
            case secret, uri, status
            case recoveryCodes = "recovery_codes"
        }
    }

    /// Starts enrolment: a new secret waits for its first code; earlier waiting ones are replaced.
    public func enableMFA(actor: User) throws -> MFAEnrolment {
        let secret = TOTP.newSecret()
        let codes = Self.newRecoveryCodes()
        try store.write { tx in
            guard let credentials = try store.credentials(userID: actor.id) else {
                throw BilletterieError.notFound(entity: "user", identifier: actor.id)
            }
            guard credentials.totpSecret == nil else {
                throw BilletterieError.conflict(
                    code: "mfa_already_enabled",
                    message: "two-factor login is already on for \(actor.email); disable it first to enrol a new device")
            }
            try tx.updatePendingTOTPSecret(userID: actor.id, secret: secret, now: now)
            try tx.replaceRecoveryCodes(userID: actor.id, hashes: codes.map(Self.recoveryCodeHash))
            try tx.recordEvent(.userMfaEnrolmentStarted, subject: actor.id, actor: actor.id, data: [String: String](), at: now)
        }
        return MFAEnrolment(
            secret: Base32.encode(secret), uri: TOTP(secret: secret).provisioningURI(account: actor.email, issuer: Self.issuer),
            recoveryCodes: codes, status: "pending")
    }

    /// Confirms enrolment with a first code from the app: from now on `login` needs a code.
    public func enableMFA(actor: User, confirming code: String) throws -> User {
        guard let credentials = try store.credentials(userID: actor.id) else { throw BilletterieError.notFound(entity: "user", identifier: actor.id) }
        guard credentials.totpSecret == nil else {
            throw BilletterieError.conflict(code: "mfa_already_enabled", message: "two-factor login is already on for \(actor.email)")
        }
        guard let pending = credentials.totpPendingSecret else {
            throw BilletterieError.conflict(
                code: "mfa_not_started", message: "no enrolment is waiting for \(actor.email); run `billetterie user mfa enable` first")
        }
        guard let step = TOTP(secret: pending).matchingStep(for: code, at: now) else {
            throw BilletterieError.notAuthenticated(
                code: "wrong_totp", message: "wrong or expired two-factor code '\(String(code.prefix(12)))'; type the 6 digits the authenticator app shows now")
        }
        try store.write { tx in
            try tx.updateTOTPSecret(userID: actor.id, secret: pending, now: now)
            try tx.updatePendingTOTPSecret(userID: actor.id, secret: nil, now: now)
            _ = try tx.useTOTPStep(userID: actor.id, step: step)
            try tx.recordEvent(.userMfaEnabled, subject: actor.id, actor: actor.id, data: [String: String](), at: now)
        }
        var updated = credentials.user
        updated.mfaEnabled = true
        return updated
    }

    /// Turns two-factor login off: one's own with the password and a current code (behind the
    /// same lock as login: wrong ones count toward it, and nothing is tried while it holds),
    /// anyone's as an admin (a lost phone).
    public func disableMFA(of identifier: String?, code: String?, password: String?, actor: User) throws -> User {
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
            // Proves the person and the phone: a stolen session alone cannot weaken the account.
            if let until = credentials.user.lockedUntil, until > now { throw locked(until: until) }
            guard let password, hasher.verify(password, against: credentials.passwordHash) else {
                throw try recordFailedAttempt(
                    target, reason: "wrong_password",
                    answer: .notAuthenticated(
                        code: "wrong_password", message: "wrong password; turning two-factor login off needs your password and a current code"))
            }
            let step = try checkTOTP(code, secret: secret, lastStep: credentials.totpLastStep, user: target)
            guard try store.write({ tx in try tx.useTOTPStep(userID: target.id, step: step) }) else {
                throw BilletterieError.notAuthenticated(code: "totp_reused", message: "that two-factor code was already used; wait for the next one")
            }
        }
        try store.write { tx in
            try tx.updateTOTPSecret(userID: target.id, secret: nil, now: now)
            try tx.replaceRecoveryCodes(userID: target.id, hashes: [])
            try tx.recordEvent(.userMfaDisabled, subject: target.id, actor: actor.id, data: [String: String](), at: now)
        }
        var updated = credentials.user
        updated.mfaEnabled = false
        return updated
    }

    // MARK: Looking after accounts (admins)

    /// Lifts a lock at once (a door person who mistyped five times).
    public func unlock(_ identifier: String, actor: User) throws -> User {
        try Access.require(actor, .manageAccounts)
        var target = try user(identifier, actor: actor)
        try store.write { tx in
            try tx.unlock(userID: target.id, now: now)
            try tx.recordEvent(.userUnlocked, subject: target.id, actor: actor.id, data: [String: String](), at: now)
        }
        target.lockedUntil = nil
        return target
    }

    /// Disables an account (someone who left): its sessions end and it cannot log in; or
    /// enables it again. The last admin cannot be disabled, nor can admins disable themselves.
    public func setDisabled(_ identifier: String, _ disabled: Bool, actor: User) throws -> User {
        try Access.require(actor, .manageAccounts)
        var target = try user(identifier, actor: actor)
        if disabled, target.id == actor.id {
            throw BilletterieError.conflict(code: "cannot_disable_self", message: "you cannot disable your own account; another admin can")
        }
        try store.write { tx in
            if disabled, target.role == .admin, try store.countUsers(role: .admin) - store.countDisabledUsers(role: .admin) <= 1 {
                throw BilletterieError.conflict(code: "last_admin", message: "\(target.email) is the last enabled admin; make another admin first")
            }
            try tx.setDisabled(userID: target.id, at: disabled ? now : nil, now: now)
            if disabled { try tx.revokeSessions(userID: target.id, keeping: nil, now: now) }
            try tx.recordEvent(disabled ? .userDisabled : .userEnabled, subject: target.id, actor: actor.id, data: [String: String](), at: now)
        }
        target.disabledAt = disabled ? now : nil
        return target
    }

    /// Sets another account's password (an admin, for someone who forgot theirs): its
    /// sessions end and its lock is lifted.
    public func setPassword(of identifier: String, to password: String, actor: User) throws -> User {
        try Access.require(actor, .manageAccounts)
        let target = try user(identifier, actor: actor)
        try Self.checkPasswordStrength(password)
        let hash = try hasher.hash(password)
        try store.write { tx in
            try tx.updatePasswordHash(userID: target.id, hash: hash, now: now)
            try tx.unlock(userID: target.id, now: now)
            try tx.revokeSessions(userID: target.id, keeping: nil, now: now)
            try tx.recordEvent(.userPasswordSet, subject: target.id, actor: actor.id, data: [String: String](), at: now)
        }
        return target
    }
}

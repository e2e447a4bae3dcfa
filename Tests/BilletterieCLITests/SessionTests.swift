import BilletterieCore
import Foundation
import Testing

@Suite("login, sessions, lockout, two-factor")
struct SessionTests {
    @Test("login saves a 0600 session; whoami shows it; logout revokes it everywhere")
    func loginWhoamiLogout() throws {
        let box = try Sandbox().initialized()
        let session = box.folder + "/config/billetterie/session"
        #expect(box.mode(session) == 0o600)
        #expect(box.mode(box.folder + "/config/billetterie") == 0o700)
        let token = try #require(
            (try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: session))) as? [String: Any])?["token"] as? String)

        let whoami = try box.run(["user", "whoami", "--json"])
        #expect(whoami.status == 0)
        #expect(whoami.json["email"] as? String == "admin@example.org")
        #expect(whoami.json["role"] as? String == "admin")
        #expect(whoami.json["session_expires_at"] != nil)

        let logout = try box.run(["user", "logout"])
        #expect(logout.status == 0)
        #expect(!FileManager.default.fileExists(atPath: session))
        let after = try box.run(["user", "whoami"])
        #expect(after.status == 77)
        #expect(after.stderr.contains("not logged in"))
        // A copy of the token is dead too: the store revoked it.
        let copied = try box.run(["user", "whoami"], environment: ["BILLETTERIE_TOKEN": token])
        #expect(copied.status == 77)
        #expect(copied.stderr.contains("logged out"))
    }

    @Test("--print-token prints the token alone; BILLETTERIE_TOKEN acts with it")
    func printToken() throws {
        let box = try Sandbox().initialized()
        try box.register("ana@example.org")
        let plain = try box.run(
            ["user", "login", "--email", "ana@example.org", "--password-stdin", "--print-token"],
            stdin: "a-good-password\n")
        #expect(plain.status == 0)
        let token = plain.stdout.trimmingCharacters(in: .newlines)
        #expect(token.hasPrefix("bt_") && !token.contains(" ") && plain.stdout.split(separator: "\n").count == 1)
        let whoami = try box.run(["user", "whoami", "--json"], environment: ["BILLETTERIE_TOKEN": token])
        #expect(whoami.json["email"] as? String == "ana@example.org")
        // The saved session (the admin's) was not replaced.
        #expect(try box.run(["user", "whoami", "--json"]).json["email"] as? String == "admin@example.org")

        let json = try box.run(
            ["user", "login", "--email", "ana@example.org", "--password-stdin", "--print-token", "--json"],
            stdin: "a-good-password\n")
        #expect((json.json["token"] as? String)?.hasPrefix("bt_") == true)
        #expect(json.json["expires_at"] as? String != nil)
    }

    @Test("an unknown email and a wrong password get the same answer, exit 77; the attempt is recorded")
    func wrongCredentials() throws {
        let box = try Sandbox().initialized()
        let wrong = try box.run(["user", "login", "--email", "admin@example.org", "--password-stdin", "--json"], stdin: "not-the-password\n")
        let unknown = try box.run(["user", "login", "--email", "nobody@example.org", "--password-stdin", "--json"], stdin: "not-the-password\n")
        #expect(wrong.status == 77 && unknown.status == 77)
        #expect(wrong.stderr == unknown.stderr)
        #expect(wrong.errorJSON["code"] as? String == "wrong_credentials")
        #expect(wrong.stdout.isEmpty)
        #expect(try box.domainEventTypes().suffix(2) == ["user.login_failed", "user.login_failed"])
    }

    @Test("five wrong passwords lock the account for 15 minutes; attempts during the lock do not extend it")
    func lockout() throws {
        let box = try Sandbox().initialized()
        try box.register("ana@example.org")
        let t0 = ["BILLETTERIE_NOW": "2026-06-01T10:00:00Z"]
        for attempt in 1...4 {
            let result = try box.run(["user", "login", "--email", "ana@example.org", "--password-stdin"], stdin: "wrong-\(attempt)\n", environment: t0)
            #expect(result.status == 77)
            #expect(result.stderr.contains("wrong email or password"))
        }
        let fifth = try box.run(["user", "login", "--email", "ana@example.org", "--password-stdin"], stdin: "wrong-5\n", environment: t0)
        #expect(fifth.status == 77)
        // A stranger learns nothing: a lock, a wrong password and an unknown address read alike.
        let unknown = try box.run(["user", "login", "--email", "nobody@example.org", "--password-stdin"], stdin: "wrong\n", environment: t0)
        #expect(fifth.stderr == unknown.stderr && fifth.stderr.contains("or the account is locked"), "\(fifth) \(unknown)")

        // The right password during the lock is refused, and the lock keeps its end.
        let during = try box.run(
            ["user", "login", "--email", "ana@example.org", "--password-stdin"], stdin: "a-good-password\n",
            environment: ["BILLETTERIE_NOW": "2026-06-01T10:10:00Z"])
        #expect(during.status == 77 && during.stderr == unknown.stderr)
        try box.login("admin@example.org", Sandbox.adminPassword)
        #expect(try box.run(["user", "list"], environment: t0).stdout.contains("locked until 2026-06-01T10:15:00Z"))

        let after = try box.run(
            ["user", "login", "--email", "ana@example.org", "--password-stdin"], stdin: "a-good-password\n",
            environment: ["BILLETTERIE_NOW": "2026-06-01T10:15:01Z"])
        #expect(after.status == 0, "\(after)")
        #expect(try box.domainEventTypes().filter { $0 == "user.locked" }.count == 1)
    }

    @Test("a session expires after 12 hours (exit 77 saying so)")
    func sessionExpiry() throws {
        let box = try Sandbox().initialized()
        try box.run(
            ["user", "login", "--email", "admin@example.org", "--password-stdin"], stdin: Sandbox.adminPassword + "\n",
            environment: ["BILLETTERIE_NOW": "2026-06-01T08:00:00Z"])
        let within = try box.run(["user", "whoami"], environment: ["BILLETTERIE_NOW": "2026-06-01T19:59:59Z"])
        #expect(within.status == 0)
        let expired = try box.run(["user", "whoami", "--json"], environment: ["BILLETTERIE_NOW": "2026-06-01T20:00:00Z"])
        #expect(expired.status == 77)
        #expect(expired.errorJSON["code"] as? String == "session_expired")
        #expect((expired.errorJSON["message"] as? String)?.contains("expired at 2026-06-01T20:00:00Z") == true)
    }

    @Test("a session saved for one store is not used on another")
    func sessionBelongsToItsStore() throws {
        let box = try Sandbox().initialized()
        let other = box.folder + "/other.sqlite3"
        #expect(
            try box.run(
                ["init", "--db", other, "--admin-email", "admin@example.org", "--admin-password-stdin"],
                stdin: "admin-passphrase\n"
            ).status == 0)
        let whoami = try box.run(["user", "whoami", "--db", other])
        #expect(whoami.status == 77)
        #expect(try box.run(["user", "whoami"]).status == 0)
    }

    @Test("two-factor login: enable shows URI and QR, login then needs a fresh code, disable needs one too")
    func twoFactor() throws {
        let box = try Sandbox().initialized()
        let now = Date(timeIntervalSince1970: 1_780_000_000)
        let at = ["BILLETTERIE_NOW": TimeText.utc(now)]
        let human = try box.run(["user", "mfa", "enable"], environment: at)
        #expect(human.status == 0, "\(human)")
        #expect(human.stdout.contains("otpauth://totp/billetterie:admin@example.org?secret="))
        #expect(human.stdout.contains("█"), "the QR code is drawn in the terminal")
        #expect(human.stdout.contains("Not on yet"), "no terminal to confirm on: it waits")
        let secretText = try #require(
            human.stdout.split(separator: "\n").first { $0.contains("Secret:") }?
                .split(separator: " ").last.map(String.init))
        let totp = TOTP(secret: try #require(Base32.decode(secretText)))
        // Not on until confirmed: login needs no code yet.
        #expect(
            try box.run(
                ["user", "login", "--email", "admin@example.org", "--password-stdin"], stdin: Sandbox.adminPassword + "\n",
                environment: at
            ).status == 0)
        let confirmed = try box.run(["user", "mfa", "enable", "--totp", totp.code(at: now.addingTimeInterval(-30)), "--json"], environment: at)
        #expect(confirmed.status == 0 && confirmed.json["mfa_enabled"] as? Bool == true, "\(confirmed)")

        let again = try box.run(["user", "mfa", "enable", "--json"], environment: at)
        #expect(again.status == 4)
        #expect(again.errorJSON["code"] as? String == "mfa_already_enabled")

        let login = ["user", "login", "--email", "admin@example.org", "--password-stdin"]
        let missing = try box.run(login + ["--json"], stdin: Sandbox.adminPassword + "\n", environment: at)
        #expect(missing.status == 77)
        #expect(missing.errorJSON["code"] as? String == "totp_required")

        let wrongCode = totp.code(at: now) == "000000" ? "111111" : "000000"
        let wrong = try box.run(login + ["--totp", wrongCode, "--json"], stdin: Sandbox.adminPassword + "\n", environment: at)
        #expect(wrong.status == 77)
        #expect(wrong.errorJSON["code"] as? String == "wrong_totp")

        let right = try box.run(login + ["--totp", totp.code(at: now)], stdin: Sandbox.adminPassword + "\n", environment: at)
        #expect(right.status == 0, "\(right)")
        let replay = try box.run(login + ["--totp", totp.code(at: now), "--json"], stdin: Sandbox.adminPassword + "\n", environment: at)
        #expect(replay.status == 77)
        #expect(replay.errorJSON["code"] as? String == "totp_reused")

        let later = now.addingTimeInterval(60)
        let noCode = try box.run(
            ["user", "mfa", "disable", "--password-stdin"], stdin: Sandbox.adminPassword + "\n",
            environment: ["BILLETTERIE_NOW": TimeText.utc(later)])
        #expect(noCode.status == 77)
        let noPassword = try box.run(
            ["user", "mfa", "disable", "--totp", totp.code(at: later), "--password-stdin"], stdin: "wrong-password\n",
            environment: ["BILLETTERIE_NOW": TimeText.utc(later)])
        #expect(noPassword.status == 77 && noPassword.stderr.contains("wrong password"), "\(noPassword)")
        let disabled = try box.run(
            ["user", "mfa", "disable", "--totp", totp.code(at: later), "--password-stdin"], stdin: Sandbox.adminPassword + "\n",
            environment: ["BILLETTERIE_NOW": TimeText.utc(later)])
        #expect(disabled.status == 0, "\(disabled)")
        #expect(try box.run(login, stdin: Sandbox.adminPassword + "\n", environment: ["BILLETTERIE_NOW": TimeText.utc(later)]).status == 0)
    }

    @Test("an admin can turn off someone else's two-factor login; others cannot see that account")
    func adminResetsMFA() throws {
        let box = try Sandbox().initialized()
        try box.register("ana@example.org")
        try box.register("bob@example.org")
        try box.login("ana@example.org", "a-good-password")
        let enrolment = try box.run(["user", "mfa", "enable", "--json"]).json
        let totp = TOTP(secret: try #require(Base32.decode(enrolment["secret"] as? String ?? "")))
        #expect(try box.run(["user", "mfa", "enable", "--totp", totp.code(at: Date())]).status == 0)
        try box.login("bob@example.org", "a-good-password")
        let bob = try box.run(["user", "mfa", "disable", "--user", "ana@example.org"])
        #expect(bob.status == 3)
        try box.login("admin@example.org", Sandbox.adminPassword)
        let admin = try box.run(["user", "mfa", "disable", "--user", "ana@example.org", "--json"])
        #expect(admin.status == 0, "\(admin)")
        #expect(admin.json["mfa_enabled"] as? Bool == false)
    }

    @Test("passwd: wrong current password is 77, a short new one 65, success logs other sessions out")
    func passwd() throws {
        let box = try Sandbox().initialized()
        try box.register("ana@example.org")
        let other = try box.run(["user", "login", "--email", "ana@example.org", "--password-stdin", "--print-token"], stdin: "a-good-password\n")
        let otherToken = other.stdout.trimmingCharacters(in: .newlines)
        try box.login("ana@example.org", "a-good-password")
        let before = try box.snapshot()

        let short = try box.run(["user", "passwd", "--password-stdin"], stdin: "a-good-password\nshort\n")
        #expect(short.status == 65)
        #expect(try box.snapshot() == before)

        let wrong = try box.run(["user", "passwd", "--password-stdin"], stdin: "not-my-password\nnew-good-password\n")
        #expect(wrong.status == 77)
        #expect(wrong.stderr.contains("the current password is wrong"))

        let changed = try box.run(["user", "passwd", "--password-stdin"], stdin: "a-good-password\nnew-good-password\n")
        #expect(changed.status == 0, "\(changed)")
        #expect(try box.run(["user", "whoami"]).status == 0, "the session that changed it stays")
        #expect(try box.run(["user", "whoami"], environment: ["BILLETTERIE_TOKEN": otherToken]).status == 77)
        let oldPassword = try box.run(["user", "login", "--email", "ana@example.org", "--password-stdin"], stdin: "a-good-password\n")
        #expect(oldPassword.status == 77)
        try box.login("ana@example.org", "new-good-password")
    }
}

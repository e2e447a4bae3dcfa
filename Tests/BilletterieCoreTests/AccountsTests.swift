import Foundation
import Testing

@testable import BilletterieCore

/// A fresh store in its own temporary folder, with a cheap password hash.
final class TestStore {
    let folder: String
    let store: Store
    let admin: User
    static let t0 = Date(epochSeconds: 1_780_000_000)

    init() throws {
        folder = NSTemporaryDirectory() + "billetterie-core-" + UUID().uuidString
        let options = StoreSetup.Options(
            venueName: "Test Hall", currency: "EUR", timezone: "Europe/Paris",
            adminEmail: "admin@example.org", adminName: "Admin")
        (store, admin) = try StoreSetup.initialize(
            at: folder + "/store.sqlite3", options: options, password: "admin-passphrase",
            hasher: .fastForTests, now: Self.t0)
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    func accounts(at now: Date = TestStore.t0) -> Accounts {
        Accounts(store: store, hasher: .fastForTests, now: now)
    }

    func eventTypes() throws -> [String] { try store.domainEvents().map(\.type) }
}

@Suite("accounts")
struct AccountsTests {
    @Test("store set-up writes settings, a matching key pair, the admin and two domain events")
    func setup() throws {
        let t = try TestStore()
        #expect(try t.store.settings() == StoreSettings(venueName: "Test Hall", currency: "EUR", timezone: "Europe/Paris"))
        let key = try #require(try t.store.activeSigningKey())
        #expect(try CryptoPrimitives.publicKey(ofPrivate: key.privateKey) == key.publicKey)
        let message = Array("ticket".utf8)
        #expect(CryptoPrimitives.verify(try CryptoPrimitives.sign(message, privateKey: key.privateKey), of: message, publicKey: key.publicKey))
        #expect(try t.eventTypes() == ["store.initialized", "user.registered"])
        #expect(try t.store.schemaVersion() == Migrations.latestVersion)
    }

    @Test("the domain event log is append-only")
    func appendOnly() throws {
        let t = try TestStore()
        #expect(throws: (any Error).self) { try t.store.db.execute("UPDATE domain_events SET type = 'x'") }
        #expect(throws: (any Error).self) { try t.store.db.execute("DELETE FROM domain_events") }
        #expect(try t.eventTypes().count == 2)
    }

    @Test("a failed write transaction leaves nothing behind")
    func rollback() throws {
        let t = try TestStore()
        let accounts = t.accounts()
        _ = try accounts.register(email: "ana@example.org", name: "Ana", role: .participant, password: "a-good-password", actor: nil)
        let before = try t.eventTypes()
        #expect(throws: BilletterieError.self) {
            _ = try accounts.register(email: "ana@example.org", name: "Ana", role: .participant, password: "a-good-password", actor: nil)
        }
        #expect(try t.eventTypes() == before)
    }

    @Test("registration: only admins create other roles")
    func registrationRoles() throws {
        let t = try TestStore()
        let accounts = t.accounts()
        let ana = try accounts.register(email: "ana@example.org", name: "Ana", role: .participant, password: "a-good-password", actor: nil)
        #expect(ana.role == .participant)
        #expect(throws: BilletterieError.roleNotAllowed(action: "creating a staff account", allowed: [.admin], actual: .participant)) {
            _ = try accounts.register(email: "x@example.org", name: "X", role: .staff, password: "a-good-password", actor: ana)
        }
        let door = try accounts.register(email: "door@example.org", name: "Door", role: .staff, password: "a-good-password", actor: t.admin)
        #expect(door.role == .staff)
    }

    @Test("login: sessions last 12 hours and logout revokes them")
    func sessions() throws {
        let t = try TestStore()
        let login = try t.accounts().login(email: "ADMIN@example.org", password: "admin-passphrase", totp: nil)
        #expect(login.session.expiresAt == TestStore.t0.addingTimeInterval(12 * 3600))
        #expect(try t.accounts(at: TestStore.t0.addingTimeInterval(3600)).authenticate(token: login.token).user == t.admin)
        #expect(throws: BilletterieError.self) {
            try t.accounts(at: TestStore.t0.addingTimeInterval(12 * 3600)).authenticate(token: login.token)
        }
        #expect(try t.accounts().logout(token: login.token))
        #expect(try !t.accounts().logout(token: login.token))
        #expect(throws: BilletterieError.self) { try t.accounts().authenticate(token: login.token) }
        #expect(throws: BilletterieError.self) { try t.accounts().authenticate(token: "bt_forged") }
    }

    @Test("lockout: the fifth wrong password locks for 15 minutes, then the count starts again")
    func lockout() throws {
        let t = try TestStore()
        // The one answer for a wrong password, a lock and an unknown address (CLI.md section 16).
        var unknown: BilletterieError?
        do { _ = try t.accounts().login(email: "nobody@example.org", password: "nope-nope", totp: nil) } catch let error as BilletterieError { unknown = error }
        #expect(unknown?.code == "wrong_credentials")
        for _ in 1...5 {
            #expect(throws: unknown!) {
                _ = try t.accounts().login(email: "admin@example.org", password: "nope-nope", totp: nil)
            }
        }
        #expect(try t.store.user(identifiedBy: "admin@example.org")?.lockedUntil == TestStore.t0.addingTimeInterval(15 * 60))
        let minute14 = TestStore.t0.addingTimeInterval(14 * 60)
        #expect(throws: unknown!, "the right password during the lock: the same answer") {
            _ = try t.accounts(at: minute14).login(email: "admin@example.org", password: "admin-passphrase", totp: nil)
        }
        let minute15 = TestStore.t0.addingTimeInterval(15 * 60)
        _ = try t.accounts(at: minute15).login(email: "admin@example.org", password: "admin-passphrase", totp: nil)
        #expect(try t.eventTypes().filter { $0 == "user.locked" }.count == 1)
    }

    @Test("the last admin cannot be demoted; roles change otherwise")
    func lastAdmin() throws {
        let t = try TestStore()
        let accounts = t.accounts()
        #expect(throws: BilletterieError.self) { _ = try accounts.changeRole(of: "admin@example.org", to: .staff, actor: t.admin) }
        _ = try accounts.register(email: "ana@example.org", name: "Ana", role: .participant, password: "a-good-password", actor: nil)
        #expect(try accounts.changeRole(of: "ana@example.org", to: .admin, actor: t.admin).role == .admin)
        #expect(try accounts.changeRole(of: "admin@example.org", to: .staff, actor: t.admin).role == .staff)
    }

    @Test("two-factor: enabling requires codes at login, each code works once")
    func twoFactor() throws {
        let t = try TestStore()
        let enrolment = try t.accounts().enableMFA(actor: t.admin)
        #expect(enrolment.status == "pending" && enrolment.recoveryCodes.count == 10)
        let totp = TOTP(secret: try #require(Base32.decode(enrolment.secret)))
        // Pending: login needs no code until a first one confirms the enrolment.
        _ = try t.accounts().login(email: "admin@example.org", password: "admin-passphrase", totp: nil)
        let early = TestStore.t0.addingTimeInterval(-30)
        _ = try t.accounts().enableMFA(actor: t.admin, confirming: totp.code(at: early))
        #expect(throws: BilletterieError.self) { _ = try t.accounts().login(email: "admin@example.org", password: "admin-passphrase", totp: nil) }
        _ = try t.accounts().login(email: "admin@example.org", password: "admin-passphrase", totp: totp.code(at: TestStore.t0))
        #expect(throws: BilletterieError.self) {
            _ = try t.accounts().login(email: "admin@example.org", password: "admin-passphrase", totp: totp.code(at: TestStore.t0))
        }
        let later = TestStore.t0.addingTimeInterval(30)
        _ = try t.accounts(at: later).login(email: "admin@example.org", password: "admin-passphrase", totp: totp.code(at: later))
    }

    @Test("Argon2id hashes verify the right password only and carry their settings")
    func passwordHashes() throws {
        let hasher = PasswordHasher.fastForTests
        let hash = try hasher.hash("correct horse")
        #expect(hash.hasPrefix("$argon2id$"))
        #expect(hasher.verify("correct horse", against: hash))
        #expect(!hasher.verify("correct horsf", against: hash))
        #expect(try hasher.hash("correct horse") != hash, "a fresh salt each time")
        #expect(PasswordHasher.standard.needsRehash(hash))
        #expect(!hasher.needsRehash(hash))
    }

    @Test("the terminal QR code has its quiet zone and libqrencode's modules")
    func qr() throws {
        let qr = try QRMatrix(encoding: "otpauth://totp/billetterie:ana@example.org?secret=ABC", correction: .low)
        #expect(qr.width == 17 + 4 * qr.version)
        let lines = qr.terminalText().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == (qr.width + 8 + 1) / 2)
        #expect(lines.allSatisfy { $0.count == qr.width + 8 })
        #expect(lines[0].allSatisfy { $0 == "█" }, "the quiet zone is light")
    }
}

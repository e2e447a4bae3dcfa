import Foundation
import Testing

@Suite("billetterie init")
struct InitTests {
    @Test("creates the store, its keys and the first admin, readable by the owner only")
    func createsPrivateStore() throws {
        let box = Sandbox()
        let result = try box.run(
            [
                "init", "--admin-email", "Admin@Example.org", "--admin-password-stdin",
                "--venue-name", "Salle Pleyel", "--currency", "chf", "--timezone", "Europe/Zurich", "--json",
            ],
            stdin: "admin-passphrase\n")
        #expect(result.status == 0, "\(result)")
        let admin = result.json["admin"] as? [String: Any]
        #expect(admin?["email"] as? String == "admin@example.org")
        #expect(admin?["role"] as? String == "admin")
        #expect((admin?["id"] as? String)?.hasPrefix("usr_") == true)
        let settings = result.json["settings"] as? [String: Any]
        #expect(settings?["currency"] as? String == "CHF")
        #expect(settings?["timezone"] as? String == "Europe/Zurich")
        #expect(settings?["venue_name"] as? String == "Salle Pleyel")
        #expect(result.stderr.isEmpty)

        let snapshot = try box.snapshot()
        #expect(snapshot.contains("## signing_keys\ninteger(1)|blob(["))
        #expect(try box.domainEventTypes() == ["store.initialized", "user.registered"])
        guard !Sandbox.onPostgres else { return }  // the rest is about the store file
        #expect(box.mode(box.db) == 0o600)
        #expect(box.mode(box.folder + "/store") == 0o700)
        // WAL journal, so the door can read while the box office sells.
        let header = try Data(contentsOf: URL(fileURLWithPath: box.db)).prefix(20)
        #expect(header[18] == 2 && header[19] == 2, "file format bytes 18-19 are 2 in WAL mode")
        // The password is kept only as an Argon2id hash.
        let raw = try Data(contentsOf: URL(fileURLWithPath: box.db))
        #expect(raw.range(of: Data("admin-passphrase".utf8)) == nil)
        #expect(snapshot.contains("$argon2id$v=19$m=19456,t=2,p=1$"))
    }

    @Test("a second init on the same store is refused with exit 4 and changes nothing")
    func secondInitRefused() throws {
        let box = try Sandbox().initialized()
        let before = try box.snapshot()
        let again = try box.run(["init", "--admin-email", "other@example.org", "--admin-password-stdin"], stdin: "another-passphrase\n")
        #expect(again.status == 4)
        #expect(again.stderr.contains("billetterie: error: a store already exists at \(box.db)"))
        #expect(try box.snapshot() == before)
    }

    @Test(
        "bad values are refused with exit 65 before any file is created",
        arguments: [
            (["--admin-email", "not-an-email"], "invalid email 'not-an-email'"),
            (["--admin-email", "a@b.org", "--currency", "EURO"], "unknown currency 'EURO'"),
            (["--admin-email", "a@b.org", "--timezone", "Mars/Olympus"], "unknown time zone 'Mars/Olympus'"),
        ])
    func badValues(arguments: [String], message: String) throws {
        let box = Sandbox()
        let result = try box.run(["init", "--admin-password-stdin"] + arguments, stdin: "admin-passphrase\n")
        #expect(result.status == 65, "\(result)")
        #expect(result.stderr.contains(message), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: box.db))
    }

    @Test("a short password is refused with exit 65 and no store is left behind")
    func shortPassword() throws {
        let box = Sandbox()
        let result = try box.run(["init", "--admin-email", "a@b.org", "--admin-password-stdin"], stdin: "short\n")
        #expect(result.status == 65)
        #expect(result.stderr.contains("the password is too short (5 characters); use at least 8"))
        #expect(!FileManager.default.fileExists(atPath: box.db))
    }

    @Test("a password on the command line is refused with exit 64 and nothing is created")
    func passwordOnArgv() throws {
        let box = Sandbox()
        let result = try box.run(["init", "--admin-email", "a@b.org", "--admin-password", "hunter2hunter2"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("passwords are never taken on the command line"))
        #expect(!FileManager.default.fileExists(atPath: box.db))
    }

    @Test("a password that is not UTF-8 is refused with exit 65")
    func passwordNotUTF8() throws {
        let box = Sandbox()
        let result = try box.run(
            ["init", "--admin-email", "a@b.org", "--admin-password-stdin"],
            stdinBytes: [0x70, 0x61, 0x73, 0x73, 0xff, 0xfe, 0x77, 0x6f, 0x72, 0x64, 0x0a])
        #expect(result.status == 65)
        #expect(result.stderr.contains("not valid UTF-8"))
        #expect(!FileManager.default.fileExists(atPath: box.db))
    }

    @Test("without --db or BILLETTERIE_DB the store goes to $XDG_DATA_HOME/billetterie, folders 0700")
    func defaultLocation() throws {
        let box = Sandbox()
        box.environment["BILLETTERIE_DB"] = nil
        let result = try box.run(["init", "--admin-email", "a@b.org", "--admin-password-stdin", "--json"], stdin: "admin-passphrase\n")
        #expect(result.status == 0, "\(result)")
        let expected = box.folder + "/data/billetterie/billetterie.sqlite3"
        #expect(result.json["db"] as? String == expected)
        #expect(box.mode(expected) == 0o600)
        #expect(box.mode(box.folder + "/data/billetterie") == 0o700)
    }

    @Test("--db wins over BILLETTERIE_DB")
    func dbOption() throws {
        let box = Sandbox()
        let other = box.folder + "/elsewhere.sqlite3"
        let result = try box.run(["init", "--db", other, "--admin-email", "a@b.org", "--admin-password-stdin"], stdin: "admin-passphrase\n")
        #expect(result.status == 0, "\(result)")
        #expect(FileManager.default.fileExists(atPath: other))
        #expect(!FileManager.default.fileExists(atPath: box.db))
    }

    @Test("commands on a missing store say how to create one (exit 66)")
    func missingStore() throws {
        let box = Sandbox()
        let result = try box.run(["user", "whoami"])
        #expect(result.status == 66)
        #expect(result.stderr.contains("no store there") && result.stderr.contains("create one with `billetterie init"))
        #expect(!FileManager.default.fileExists(atPath: box.db))
    }

    @Test("a file that is not a billetterie store is refused (exit 66) and left alone", .enabled(if: !Sandbox.onPostgres, "about store files"))
    func notAStore() throws {
        let box = Sandbox()
        try FileManager.default.createDirectory(atPath: box.folder + "/store", withIntermediateDirectories: true)
        try Data("hello, not sqlite".utf8).write(to: URL(fileURLWithPath: box.db))
        let result = try box.run(["user", "whoami"])
        #expect(result.status == 66)
        #expect(try String(contentsOfFile: box.db, encoding: .utf8) == "hello, not sqlite")
        let initResult = try box.run(["init", "--admin-email", "a@b.org", "--admin-password-stdin"], stdin: "admin-passphrase\n")
        #expect(initResult.status == 4)
        #expect(try String(contentsOfFile: box.db, encoding: .utf8) == "hello, not sqlite")
    }
}

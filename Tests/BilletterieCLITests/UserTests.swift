import Foundation
import Testing

@Suite("user register, list, show, role, history")
struct UserTests {
    @Test("anyone may self-register a participant; the email is kept lowercased")
    func selfRegistration() throws {
        let box = try Sandbox().initialized()
        try box.run(["user", "logout"])
        let result = try box.run(
            ["user", "register", "--email", " Ana@Example.ORG ", "--name", "Ana Lima", "--password-stdin", "--json"],
            stdin: "a-good-password\n")
        #expect(result.status == 0, "\(result)")
        #expect(result.json["email"] as? String == "ana@example.org")
        #expect(result.json["role"] as? String == "participant")
        #expect((result.json["id"] as? String)?.hasPrefix("usr_") == true)
        try box.login("ana@example.org", "a-good-password")
    }

    @Test("other roles need an admin: refused with exit 77 naming the admin role, store unchanged")
    func privilegedRolesNeedAdmin() throws {
        let box = try Sandbox().initialized()
        try box.register("olga@example.org", role: "organizer")
        try box.run(["user", "logout"])
        let before = try box.snapshot()

        let anonymous = try box.run(
            ["user", "register", "--email", "x@example.org", "--name", "X", "--role", "staff", "--password-stdin"],
            stdin: "a-good-password\n")
        #expect(anonymous.status == 77)
        #expect(anonymous.stderr.contains("creating a staff account needs the admin role"))

        try box.login("olga@example.org", "a-good-password")
        let afterLogin = try box.snapshot()
        let organizer = try box.run(
            [
                "user", "register", "--email", "x@example.org", "--name", "X", "--role", "organizer",
                "--password-stdin", "--json",
            ], stdin: "a-good-password\n")
        #expect(organizer.status == 77)
        #expect(organizer.errorJSON["code"] as? String == "role_not_allowed")
        #expect(organizer.errorJSON["message"] as? String == "creating an organizer account needs the admin role; you are an organizer")
        #expect(try box.snapshot() == afterLogin)
        #expect(before != afterLogin, "the login itself is recorded")
    }

    @Test(
        "malformed emails, unknown roles and empty names are exit 65; the store is unchanged",
        arguments: [
            (["--email", "ana.example.org", "--name", "Ana"], "invalid email 'ana.example.org': no @"),
            (["--email", "ana@localhost", "--name", "Ana"], "has no dot"),
            (["--email", "a b@example.org", "--name", "Ana"], "invalid email"),
            (["--email", "ana@example.org", "--name", "   "], "invalid name"),
            (["--email", "ana@example.org", "--name", "Ana", "--role", "superuser"], "unknown role 'superuser'"),
        ])
    func badInput(arguments: [String], message: String) throws {
        let box = try Sandbox().initialized()
        let before = try box.snapshot()
        let result = try box.run(["user", "register", "--password-stdin"] + arguments, stdin: "a-good-password\n")
        #expect(result.status == 65, "\(result)")
        #expect(result.stderr.contains(message), "\(result)")
        #expect(try box.snapshot() == before)
    }

    @Test("a duplicate email is a conflict (exit 4), whatever its case; the store is unchanged")
    func duplicateEmail() throws {
        let box = try Sandbox().initialized()
        try box.register("ana@example.org")
        let before = try box.snapshot()
        let result = try box.run(
            ["user", "register", "--email", "ANA@example.org", "--name", "Ana", "--password-stdin", "--json"],
            stdin: "a-good-password\n")
        #expect(result.status == 4)
        #expect(result.errorJSON["code"] as? String == "email_taken")
        #expect(try box.snapshot() == before)
    }

    @Test("a password on the command line is refused (exit 64) and nobody is registered")
    func passwordOnArgv() throws {
        let box = try Sandbox().initialized()
        let before = try box.snapshot()
        let result = try box.run(["user", "register", "--email", "ana@example.org", "--name", "Ana", "--password", "a-good-password"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("passwords are never taken on the command line"))
        #expect(try box.snapshot() == before)
        let login = try box.run(["user", "login", "--email", "ana@example.org", "--password", "a-good-password"])
        #expect(login.status == 64)
    }

    @Test("user list: admins see everyone with paging totals; other roles get exit 77")
    func list() throws {
        let box = try Sandbox().initialized()
        for name in ["ana", "bob", "cy"] { try box.register("\(name)@example.org") }
        try box.register("door@example.org", role: "staff")
        let all = try box.run(["user", "list", "--json", "--limit", "2", "--offset", "1"])
        #expect(all.status == 0)
        #expect(all.json["total"] as? Int == 5)
        #expect((all.json["items"] as? [[String: Any]])?.map { $0["email"] as? String } == ["ana@example.org", "bob@example.org"])
        let staff = try box.run(["user", "list", "--role", "staff", "--json"])
        #expect(staff.json["total"] as? Int == 1)
        let table = try box.run(["user", "list"])
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("ID") == true)
        let emailColumn = lines.first.map { $0.distance(from: $0.startIndex, to: $0.range(of: "EMAIL")!.lowerBound) }
        #expect(
            lines.dropFirst().allSatisfy { $0.distance(from: $0.startIndex, to: $0.firstIndex(of: " ")!) < emailColumn! },
            "columns are aligned")

        try box.login("door@example.org", "a-good-password")
        let refused = try box.run(["user", "list"])
        #expect(refused.status == 77)
        #expect(refused.stderr.contains("listing users needs the admin role; you are a staff"))
    }

    @Test("user show: one's own account, anyone's for admins; another's is 'not found' (exit 3)")
    func show() throws {
        let box = try Sandbox().initialized()
        let ana = try box.register("ana@example.org").json
        try box.register("bob@example.org")
        let byID = try box.run(["user", "show", ana["id"] as! String, "--json"])
        #expect(byID.json["email"] as? String == "ana@example.org")
        #expect(try box.run(["user", "show", "nobody@example.org"]).status == 3)

        try box.login("bob@example.org", "a-good-password")
        #expect(try box.run(["user", "show", "bob@example.org"]).status == 0)
        let hidden = try box.run(["user", "show", "ana@example.org"])
        #expect(hidden.status == 3)
        #expect(hidden.stderr.contains("no user 'ana@example.org'"))
    }

    @Test("user role: admins change roles, the last admin stays, others get exit 77")
    func roles() throws {
        let box = try Sandbox().initialized()
        try box.register("ana@example.org")
        let promoted = try box.run(["user", "role", "ana@example.org", "organizer", "--json"])
        #expect(promoted.status == 0)
        #expect(promoted.json["role"] as? String == "organizer")
        #expect(try box.domainEventTypes().last == "user.role_changed")

        let before = try box.snapshot()
        let lastAdmin = try box.run(["user", "role", "admin@example.org", "staff"])
        #expect(lastAdmin.status == 4)
        #expect(lastAdmin.stderr.contains("is the only admin"))
        #expect(try box.run(["user", "role", "nobody@example.org", "staff"]).status == 3)
        #expect(try box.run(["user", "role", "ana@example.org", "emperor"]).status == 65)
        #expect(try box.snapshot() == before)

        try box.login("ana@example.org", "a-good-password")
        let refused = try box.run(["user", "role", "ana@example.org", "admin"])
        #expect(refused.status == 77)
        #expect(refused.stderr.contains("changing a role needs the admin role"))
    }

    @Test("user history: an empty list until sales exist; another's history is hidden (exit 3)")
    func history() throws {
        let box = try Sandbox().initialized()
        try box.register("ana@example.org")
        try box.register("bob@example.org")
        try box.login("ana@example.org", "a-good-password")
        let own = try box.run(["user", "history", "--json"])
        #expect(own.status == 0)
        #expect(own.json["total"] as? Int == 0)
        #expect((own.json["items"] as? [Any])?.isEmpty == true)
        #expect(try box.run(["user", "history", "bob@example.org"]).status == 3)
    }

    @Test("many processes registering at once all succeed: they wait for each other, never fail busy")
    func concurrentWriters() throws {
        let box = try Sandbox().initialized()
        let count = 16
        let results = try (0..<count).map { index in
            try box.start(
                ["user", "register", "--email", "p\(index)@example.org", "--name", "P\(index)", "--password-stdin"],
                stdin: "a-good-password\n")
        }.map { try $0.wait() }
        #expect(results.allSatisfy { $0.status == 0 }, "\(results.filter { $0.status != 0 })")
        #expect(try box.domainEventTypes().filter { $0 == "user.registered" }.count == count + 1)
    }
}

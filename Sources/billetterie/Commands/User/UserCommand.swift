import ArgumentParser
import BilletterieCore
import Foundation

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "People and sessions: register, log in, roles, passwords, two-factor login.",
        discussion: """
            Roles: admin (everything), organizer (own events and their sales), staff (the door),
            participant (buys tickets). Self-registration creates participants; other roles
            need an admin. Sessions last 12 hours; five wrong passwords in a row lock the
            account for 15 minutes.

            Example:
              billetterie user register --email ana@example.org --name "Ana Lima"
            """,
        subcommands: [
            Register.self, Login.self, Logout.self, WhoAmI.self, List.self, Show.self, RoleCommand.self,
            Passwd.self, MFA.self, History.self, Unlock.self, Disable.self, EnableAccount.self, Verify.self,
        ]
    )
}

/// How the user commands show one account to people.
extension Output {
    func describe(_ user: User, extra: [(String, String)] = []) -> String {
        var pairs: [(String, String)] = [
            ("ID", user.id), ("Email", user.email), ("Name", user.name), ("Role", user.role.rawValue),
            ("Two-factor", user.mfaEnabled ? "on" : "off"), ("Created", TimeText.utc(user.createdAt)),
        ]
        if let until = user.lockedUntil { pairs.append(("Locked until", TimeText.utc(until))) }
        if let disabled = user.disabledAt { pairs.append(("Disabled", TimeText.utc(disabled))) }
        if !user.emailVerified { pairs.append(("Address", "not proven yet (user verify CODE)")) }
        return fields(pairs + extra)
    }
}

/// A user with one more field, flattened into the same JSON object (`jq .role` keeps working).
struct UserWithSession: Encodable {
    let user: User
    let sessionExpiresAt: Date

    enum CodingKeys: String, CodingKey { case sessionExpiresAt = "session_expires_at" }

    func encode(to encoder: Encoder) throws {
        try user.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sessionExpiresAt, forKey: .sessionExpiresAt)
    }
}

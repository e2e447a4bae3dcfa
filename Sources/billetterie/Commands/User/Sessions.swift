import ArgumentParser
import BilletterieCore
import Foundation

extension UserCommand {
    struct Login: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "login",
            abstract: "Log in and save the session for the commands that follow.",
            discussion: """
                The session is saved in $XDG_CONFIG_HOME/billetterie/session (mode 0600) and
                lasts 12 hours. With --print-token the token is printed instead of saved, for
                scripts: export BILLETTERIE_TOKEN=$(...). Wrong passwords count toward a
                15-minute lock after five in a row.

                Examples:
                  billetterie user login --email ana@example.org
                  export BILLETTERIE_TOKEN=$(printf '%s\\n' "$PW" | \\
                    billetterie user login --email ana@example.org --password-stdin --print-token)
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var passwordGuard: PasswordArgumentGuard

        @Option(help: "The account's e-mail address.")
        var email: String

        @Flag(help: "Read the password from standard input (one line) instead of asking.")
        var passwordStdin = false

        @Option(
            help: ArgumentHelp(
                "The 6-digit code from the authenticator app, when two-factor login is on (asked on a terminal).",
                valueName: "code"))
        var totp: String?

        @Option(help: ArgumentHelp("One of the recovery codes `user mfa enable` gave, in place of --totp (each works once).", valueName: "code"))
        var recoveryCode: String?

        @Flag(help: "Print the token on stdout instead of saving the session.")
        var printToken = false

        struct TokenResult: Encodable {
            let token: String
            let expiresAt: Date
            enum CodingKeys: String, CodingKey {
                case token
                case expiresAt = "expires_at"
            }
        }

        func run(in context: CommandContext) throws {
            let accounts = try context.accounts()  // a missing store is said before the password is asked
            let password = try Secrets.password(fromStdin: passwordStdin)
            let login: Accounts.Login
            do {
                login = try accounts.login(email: email, password: password, totp: totp, recoveryCode: recoveryCode)
            } catch let error as BilletterieError where error.code == "totp_required" {
                // On a terminal, ask for the code rather than fail after the password.
                guard let code = Secrets.askVisible("Two-factor code (or a recovery code): ") else { throw error }
                let isRecovery = code.count > 8
                login = try accounts.login(email: email, password: password, totp: isRecovery ? nil : code, recoveryCode: isRecovery ? code : nil)
            }
            if printToken {
                try context.output.emit(TokenResult(token: login.token, expiresAt: login.session.expiresAt)) { login.token }
                return
            }
            try SessionFile(environment: context.environment)
                .save(token: login.token, databasePath: context.databasePath, expiresAt: login.session.expiresAt)
            let user = login.session.user
            try context.output.emit(UserWithSession(user: user, sessionExpiresAt: login.session.expiresAt)) {
                "\(context.output.styled("Logged in", .green)) as \(user.email) (\(user.role.rawValue)) until \(TimeText.utc(login.session.expiresAt))"
            }
        }
    }

    struct Logout: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "logout",
            abstract: "End the current session (the saved one, or $BILLETTERIE_TOKEN's).",
            discussion: """
                The session is revoked in the store, so a copy of the token stops working too.

                Example:
                  billetterie user logout
                """)

        @OptionGroup var global: GlobalOptions

        struct Result: Encodable {
            let loggedOut: Bool
            enum CodingKeys: String, CodingKey { case loggedOut = "logged_out" }
        }

        func run(in context: CommandContext) throws {
            var revoked = false
            let token = try context.currentToken()
            if let token { revoked = try context.accounts().logout(token: token) }
            let file = SessionFile(environment: context.environment)
            if let token, try file.token(for: context.databasePath) == token { file.remove() }
            try context.output.emit(Result(loggedOut: revoked)) { revoked ? "Logged out." : "Not logged in; nothing to do." }
        }
    }

    struct WhoAmI: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "whoami",
            abstract: "Show who is logged in, with which role, until when.",
            discussion: """
                Exit 77 when nobody is logged in or the session is over.

                Example:
                  billetterie user whoami --json | jq -r .role
                """)

        @OptionGroup var global: GlobalOptions

        func run(in context: CommandContext) throws {
            let session = try context.session()
            try context.output.emit(UserWithSession(user: session.user, sessionExpiresAt: session.expiresAt)) {
                context.output.describe(session.user, extra: [("Session until", TimeText.utc(session.expiresAt))])
            }
        }
    }
}

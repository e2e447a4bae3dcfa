import ArgumentParser
import BilletterieCore
import Foundation

extension UserCommand {
    struct Passwd: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "passwd",
            abstract: "Change your password (your other sessions are logged out), or set another account's (admins).",
            discussion: """
                With --password-stdin, standard input holds the current password, then the new
                one, one per line. An admin sets someone else's with --user: standard input
                (or the prompt) then holds only the new one; that account's sessions end and
                its lock is lifted.

                Examples:
                  printf '%s\\n%s\\n' "$OLD" "$NEW" | billetterie user passwd --password-stdin
                  printf '%s\\n' "$NEW" | billetterie user passwd --user ana@example.org --password-stdin
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var passwordGuard: PasswordArgumentGuard

        @Flag(help: "Read the current and the new password from standard input, one per line.")
        var passwordStdin = false

        @Option(help: ArgumentHelp("Set this account's password instead of yours (admins).", valueName: "id-or-email"))
        var user: String?

        func run(in context: CommandContext) throws {
            if let user {
                let actor = try context.actor()
                let new = try passwordStdin ? Secrets.readStdinLine(what: "new password") : Secrets.prompt("New password for \(user)", confirm: true)
                let updated = try context.accounts().setPassword(of: user, to: new, actor: actor)
                try context.output.emit(updated) { "Password set for \(updated.email); its sessions were ended." }
                return
            }
            let session = try context.session()
            let current = try passwordStdin ? Secrets.readStdinLine(what: "current password") : Secrets.prompt("Current password")
            let new = try passwordStdin ? Secrets.readStdinLine(what: "new password") : Secrets.prompt("New password", confirm: true)
            try context.accounts().changePassword(session: session, current: current, new: new)
            try context.output.emit(session.user) { "Password changed for \(session.user.email); other sessions were logged out." }
        }
    }

    struct MFA: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mfa",
            abstract: "Turn two-factor login (TOTP, RFC 6238) on or off.",
            discussion: """
                Example:
                  billetterie user mfa enable
                """,
            subcommands: [Enable.self, Disable.self])

        // Enable and Disable are below.

        struct Enable: StoreCommand {
            static let configuration = CommandConfiguration(
                commandName: "enable",
                abstract: "Turn two-factor login on: shows the secret, its QR and 10 recovery codes; a first code confirms it.",
                discussion: """
                    Scan the QR code with an authenticator app (or type the secret) and keep the
                    recovery codes somewhere safe: each logs in once in place of a code
                    (`user login --recovery-code CODE`). Two-factor login is on only once a code
                    from the app confirms it: on a terminal you are asked for one at once;
                    otherwise run `billetterie user mfa enable --totp CODE`. Until then nothing
                    changes, and running `user mfa enable` again starts over.

                    Examples:
                      billetterie user mfa enable
                      billetterie user mfa enable --totp 123456
                    """)

            @OptionGroup var global: GlobalOptions

            @Option(help: ArgumentHelp("Confirm the enrolment with a code from the app.", valueName: "code"))
            var totp: String?

            struct Confirmed: Encodable {
                let user: User
                let status = "on"
                enum CodingKeys: String, CodingKey { case status }
                func encode(to encoder: Encoder) throws {
                    try user.encode(to: encoder)
                    var container = encoder.container(keyedBy: CodingKeys.self)
                    try container.encode(status, forKey: .status)
                }
            }

            func run(in context: CommandContext) throws {
                let actor = try context.actor()
                let accounts = try context.accounts()
                if let totp {
                    let user = try accounts.enableMFA(actor: actor, confirming: totp)
                    try context.output.emit(Confirmed(user: user)) {
                        "\(context.output.styled("Two-factor login is on", .green)) for \(user.email). From now on, log in with --totp CODE."
                    }
                    return
                }
                let enrolment = try accounts.enableMFA(actor: actor)
                let qr = try QRMatrix(encoding: enrolment.uri, correction: .low)
                try context.output.emit(enrolment) {
                    """
                    Two-factor login for \(actor.email): scan this with an authenticator app:

                    \(context.output.qrText(qr))

                    \(context.output.fields([("Secret", enrolment.secret), ("URI", enrolment.uri)]))
                    Recovery codes (each logs in once in place of a code; keep them safe, they are not shown again):
                      \(enrolment.recoveryCodes.joined(separator: "\n  "))
                    """
                }
                guard !context.output.json else { return }
                // On a terminal, confirm at once; otherwise (or when nothing is typed) later.
                if let code = Secrets.askVisible("Code from the app, to turn it on (Enter to do it later): ") {
                    let user = try accounts.enableMFA(actor: actor, confirming: code)
                    print(
                        Output.forTerminal(
                            "\(context.output.styled("Two-factor login is on", .green)) for \(user.email). From now on, log in with --totp CODE."))
                } else {
                    print("Not on yet: confirm with `billetterie user mfa enable --totp CODE`.")
                }
            }
        }

        struct Disable: StoreCommand {
            static let configuration = CommandConfiguration(
                commandName: "disable",
                abstract: "Turn two-factor login off (yours with your password and a current code; anyone's as an admin).",
                discussion: """
                    Your own needs your password (asked, or on standard input with
                    --password-stdin) and a current code; wrong ones count toward the lock, and
                    nothing is tried while the account is locked. An admin turns off another
                    account's (a lost phone) with --user.

                    Examples:
                      billetterie user mfa disable --totp 123456
                      billetterie user mfa disable --user ana@example.org   # admin, lost phone
                    """)

            @OptionGroup var global: GlobalOptions
            @OptionGroup var passwordGuard: PasswordArgumentGuard

            @Option(help: ArgumentHelp("A current code from your authenticator app.", valueName: "code"))
            var totp: String?

            @Option(help: ArgumentHelp("Someone else's account (admins only).", valueName: "id-or-email"))
            var user: String?

            @Flag(help: "Read your password from standard input (one line) instead of asking.")
            var passwordStdin = false

            func run(in context: CommandContext) throws {
                let actor = try context.actor()
                let ownAccount = user == nil || user == actor.id || user?.lowercased() == actor.email
                let password = ownAccount ? try Secrets.password(fromStdin: passwordStdin) : nil
                let updated = try context.accounts().disableMFA(of: user, code: totp, password: password, actor: actor)
                try context.output.emit(updated) { "Two-factor login is off for \(updated.email)." }
            }
        }
    }
}

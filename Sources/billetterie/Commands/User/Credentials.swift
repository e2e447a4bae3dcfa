import ArgumentParser
import BilletterieCore
import Foundation

extension UserCommand {
    struct Passwd: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "passwd",
            abstract: "Change your password; your other sessions are logged out.",
            discussion: """
                With --password-stdin, standard input holds the current password, then the new
                one, one per line.

                Example:
                  printf '%s\\n%s\\n' "$OLD" "$NEW" | billetterie user passwd --password-stdin
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var passwordGuard: PasswordArgumentGuard

        @Flag(help: "Read the current and the new password from standard input, one per line.")
        var passwordStdin = false

        func run(in context: CommandContext) throws {
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

        struct Enable: StoreCommand {
            static let configuration = CommandConfiguration(
                commandName: "enable",
                abstract: "Turn two-factor login on at once; shows the secret, its otpauth:// URI and QR.",
                discussion: """
                    Scan the QR code with an authenticator app (or type the secret). From now on
                    `user login` needs --totp CODE.

                    Example:
                      billetterie user mfa enable
                    """)

            @OptionGroup var global: GlobalOptions

            func run(in context: CommandContext) throws {
                let actor = try context.actor()
                let enrolment = try context.accounts().enableMFA(actor: actor)
                let qr = try QRMatrix(encoding: enrolment.uri, correction: .low)
                try context.output.emit(enrolment) {
                    """
                    \(context.output.styled("Two-factor login is on", .green)) for \(actor.email).
                    Scan this with an authenticator app:

                    \(context.output.qrText(qr))

                    \(context.output.fields([("Secret", enrolment.secret), ("URI", enrolment.uri)]))
                    From now on, log in with --totp CODE.
                    """
                }
            }
        }

        struct Disable: StoreCommand {
            static let configuration = CommandConfiguration(
                commandName: "disable",
                abstract: "Turn two-factor login off (yours with a current code; anyone's as an admin).",
                discussion: """
                    Examples:
                      billetterie user mfa disable --totp 123456
                      billetterie user mfa disable --user ana@example.org   # admin, lost phone
                    """)

            @OptionGroup var global: GlobalOptions

            @Option(help: ArgumentHelp("A current code from your authenticator app.", valueName: "code"))
            var totp: String?

            @Option(help: ArgumentHelp("Someone else's account (admins only).", valueName: "id-or-email"))
            var user: String?

            func run(in context: CommandContext) throws {
                let updated = try context.accounts().disableMFA(of: user, code: totp, actor: try context.actor())
                try context.output.emit(updated) { "Two-factor login is off for \(updated.email)." }
            }
        }
    }
}

import ArgumentParser
import BilletterieCore
import Foundation

/// What admins do to look after accounts: unlock, disable, enable, set a password.
extension UserCommand {
    struct Unlock: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "unlock",
            abstract: "Lift an account's lock at once (admins).",
            discussion: """
                Five wrong passwords or codes in a row lock an account for 15 minutes; this ends
                the lock now (a door person who mistyped).

                Example:
                  billetterie user unlock door@example.org
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The account: id or e-mail.", valueName: "id-or-email"))
        var user: String

        func run(in context: CommandContext) throws {
            let updated = try context.accounts().unlock(user, actor: try context.actor())
            try context.output.emit(updated) { "Unlocked \(updated.email)." }
        }
    }

    struct Disable: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "disable",
            abstract: "Disable an account (admins): its sessions end and it cannot log in.",
            discussion: """
                For someone who left. The account, its history and its events stay;
                `billetterie user enable` undoes it. You cannot disable yourself or the last
                enabled admin.

                Example:
                  billetterie user disable olga@example.org
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The account: id or e-mail.", valueName: "id-or-email"))
        var user: String

        func run(in context: CommandContext) throws {
            let updated = try context.accounts().setDisabled(user, true, actor: try context.actor())
            try context.output.emit(updated) { "Disabled \(updated.email): its sessions are ended and it cannot log in." }
        }
    }

    struct EnableAccount: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "enable",
            abstract: "Enable a disabled account again (admins).",
            discussion: """
                Example:
                  billetterie user enable olga@example.org
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The account: id or e-mail.", valueName: "id-or-email"))
        var user: String

        func run(in context: CommandContext) throws {
            let updated = try context.accounts().setDisabled(user, false, actor: try context.actor())
            try context.output.emit(updated) { "Enabled \(updated.email): it can log in again." }
        }
    }
}

extension UserCommand {
    struct Verify: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Prove your e-mail address with the code sent to it; then its orders are yours to see.",
            discussion: """
                Registering sends a code to the new account's address (a message in the outbox).
                Until it is given here, the account sees only the orders it placed itself, not
                those bought for its address at the box office or by an import. --resend sends
                a new code (the old one stops working).

                Examples:
                  billetterie user verify K7QM-3XR9
                  billetterie user verify --resend
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The code from the message.", valueName: "code"))
        var code: String?

        @Flag(help: "Send a new code instead.")
        var resend = false

        func validate() throws {
            if (code == nil) == !resend { throw ValidationError("give the CODE from the message, or --resend for a new one") }
        }

        func run(in context: CommandContext) throws {
            let actor = try context.actor()
            let accounts = try context.accounts()
            if resend {
                guard !actor.emailVerified else {
                    throw BilletterieError.conflict(code: "already_verified", message: "\(actor.email) is proven already")
                }
                let file = try accounts.sendVerification(to: actor, outboxPath: context.options.outboxPath)
                struct Sent: Encodable { let sent: String }
                try context.output.emit(Sent(sent: file)) { "A new code was sent to \(actor.email) (\(file))." }
                return
            }
            let user = try accounts.verify(code: code ?? "", actor: actor)
            try context.output.emit(user) { "\(context.output.styled("Proven", .green)): \(user.email) is yours; its orders are now yours to see." }
        }
    }
}

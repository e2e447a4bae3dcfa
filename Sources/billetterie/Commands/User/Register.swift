import ArgumentParser
import BilletterieCore

extension UserCommand {
    struct Register: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "register",
            abstract: "Create an account (participants self-register; other roles need an admin).",
            discussion: """
                The password is read from standard input with --password-stdin, else asked
                for twice on the terminal. At least 8 characters.

                Examples:
                  billetterie user register --email ana@example.org --name "Ana Lima"
                  printf '%s\\n' "$PW" | billetterie user register --email door@example.org \\
                    --name "Door 1" --role staff --password-stdin
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var passwordGuard: PasswordArgumentGuard

        @Option(help: "The e-mail address they log in with.")
        var email: String

        @Option(help: "Their name, as shown on tickets and lists.")
        var name: String

        @Option(help: "admin, organizer, staff or participant (default participant).")
        var role = "participant"

        @Flag(help: "Read the password from standard input (one line) instead of asking.")
        var passwordStdin = false

        func run(in context: CommandContext) throws {
            let role = try Role.parse(role)
            _ = try EmailAddress.normalize(email)
            let actor = try context.optionalActor()
            // Before the password prompt, so nobody types one for a refused command.
            try Accounts.checkMayCreateAccount(role: role, actor: actor)
            let password = try Secrets.password(fromStdin: passwordStdin, label: "Password for \(email)", confirm: true)
            let accounts = try context.accounts()
            let user = try accounts.register(email: email, name: name, role: role, password: password, actor: actor)
            // The address is proven by the code sent to it (an admin's word is enough).
            let sent = user.emailVerified ? nil : try accounts.sendVerification(to: user, outboxPath: context.options.outboxPath)
            try context.output.emit(user) {
                "\(context.output.styled("Registered", .green)) \(user.email) as \(user.role.withArticle) (\(user.id))"
                    + (sent == nil
                        ? ""
                        : "\nA code was sent to \(user.email) (in the outbox); log in and run `billetterie user verify CODE` to see "
                            + "the orders bought for this address.")
            }
        }
    }
}

import ArgumentParser
import BilletterieCore
import Foundation

extension UserCommand {
    struct List: StoreCommand {
        /// Disabled, locked until when, or active.
        static func state(of user: User, now: Date) -> String {
            if user.disabledAt != nil { return "disabled" }
            if let until = user.lockedUntil, until > now { return "locked until \(TimeText.utc(until))" }
            return "active"
        }

        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List accounts (admins only), in e-mail order.",
            discussion: """
                Example:
                  billetterie user list --role staff
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var page: PageOptions

        @Option(help: "Only this role: admin, organizer, staff or participant.")
        var role: String?

        func run(in context: CommandContext) throws {
            let role = try role.map(Role.parse)
            let actor = try context.actor()
            let (users, total) = try context.accounts().list(role: role, limit: page.limit, offset: page.offset, actor: actor)
            try context.output.emit(ListResult(items: users, total: total)) {
                context.output.list(shown: users.count, total: total, plural: "users") {
                    context.output.table(
                        ["ID", "EMAIL", "NAME", "ROLE", "2FA", "STATE"],
                        users.map { [$0.id, $0.email, $0.name, $0.role.rawValue, $0.mfaEnabled ? "on" : "off", Self.state(of: $0, now: context.now)] })
                }
            }
        }
    }

    struct Show: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show one account by id or e-mail (one's own, or anyone's for admins).",
            discussion: """
                Example:
                  billetterie user show ana@example.org
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("A user id (usr_...) or e-mail address.", valueName: "id-or-email"))
        var user: String

        func run(in context: CommandContext) throws {
            let found = try context.accounts().user(user, actor: try context.actor())
            try context.output.emit(found) { context.output.describe(found) }
        }
    }

    struct RoleCommand: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "role",
            abstract: "Give an account another role (admins only).",
            discussion: """
                The store always keeps at least one admin.

                Example:
                  billetterie user role door@example.org staff
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("A user id (usr_...) or e-mail address.", valueName: "id-or-email"))
        var user: String

        @Argument(help: ArgumentHelp("admin, organizer, staff or participant.", valueName: "role"))
        var role: String

        func run(in context: CommandContext) throws {
            let role = try Role.parse(role)
            let updated = try context.accounts().changeRole(of: user, to: role, actor: try context.actor())
            try context.output.emit(updated) { "\(updated.email) is now \(updated.role.withArticle)." }
        }
    }

    struct History: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "history",
            abstract: "List an account's orders, newest first (one's own, or anyone's for admins).",
            discussion: """
                Example:
                  billetterie user history ana@example.org
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("A user id or e-mail address (default: yourself).", valueName: "id-or-email"))
        var user: String?

        func run(in context: CommandContext) throws {
            let actor = try context.actor()
            let owner = try user.map { try context.accounts().user($0, actor: actor) } ?? actor
            let orders = try context.sales().history(of: owner, viewer: actor)
            let output = context.output
            try output.emit(ListResult(items: orders, total: orders.count)) {
                guard !orders.isEmpty else { return "No purchases yet for \(owner.email)." }
                return output.table(
                    ["ORDER", "EVENT", "TICKETS", "TOTAL", "STATUS", "DATE"],
                    orders.map {
                        [$0.id, $0.eventTitle, String($0.tickets.count), $0.total.description, output.statusText($0.status), TimeText.utc($0.createdAt)]
                    })
            }
        }
    }
}

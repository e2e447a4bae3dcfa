import ArgumentParser
import BilletterieCore

extension EventCommand {
    struct CheckinListCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "checkin-list",
            abstract: "Check-in lists: which tickets a door admits, and how often (main, parking, day passes).",
            discussion: """
                Every event has the list main: its admission tiers, one entry per ticket, re-entry
                after an exit scan (`validate --exit`). Add a list for a door of its own: a
                parking gate naming the parking add-on, a day-pass door with --multiple-entries,
                a VIP door with --no-reentry. A door checks one list: `validate --list NAME`.

                Examples:
                  billetterie event checkin-list add jazz-night --name parking --tier Parking
                  billetterie event checkin-list list jazz-night
                """,
            subcommands: [Add.self, List.self, Remove.self])

        struct Add: StoreCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract: "Add a check-in list to an event.",
                discussion: """
                    Without --tier the list checks the event's admission tiers (whichever it has);
                    with --tier (repeat it) exactly those, add-ons included. --multiple-entries admits
                    a ticket any number of times; --no-reentry once, even after an exit. The event's
                    organizer or an admin.

                    Examples:
                      billetterie event checkin-list add jazz-night --name parking --tier Parking
                      billetterie event checkin-list add jazz-night --name vip --tier VIP --no-reentry
                      billetterie event checkin-list add jazz-night --name festival-days --multiple-entries
                    """)

            @OptionGroup var global: GlobalOptions

            @Argument(help: ArgumentHelp("The event: id, slug, key or title.", valueName: "event"))
            var event: String

            @Option(help: ArgumentHelp("The list's name, typed at the gate: letters, digits and hyphens.", valueName: "name"))
            var name: String

            @Option(help: ArgumentHelp("A tier the list checks, by name or id (repeat for several).", valueName: "tier"))
            var tier: [String] = []

            @Flag(help: "Admit a ticket any number of times (a day pass at a festival).")
            var multipleEntries = false

            @Flag(help: "Admit a ticket once: no re-entry after an exit.")
            var noReentry = false

            func validate() throws {
                if multipleEntries && noReentry { throw ValidationError("--multiple-entries and --no-reentry contradict each other: give one") }
            }

            func run(in context: CommandContext) throws {
                let list = try CheckinLists(store: try context.store(), now: context.now).add(
                    to: event, name: name, tiers: tier, multipleEntries: multipleEntries, reentry: !noReentry, actor: try context.actor())
                try context.output.emit(list) {
                    "\(context.output.styled("Added", .green)) the check-in list \(list.name): \(CheckinListCommand.tiersText(list)); \(list.rule). "
                        + "At its door: billetterie validate --event \(event) --list \(list.name) --stream"
                }
            }
        }

        struct List: StoreCommand {
            static let configuration = CommandConfiguration(
                commandName: "list",
                abstract: "List an event's check-in lists, main first.",
                discussion: """
                    Staff, the event's organizer and admins.

                    Example:
                      billetterie event checkin-list list jazz-night
                    """)

            @OptionGroup var global: GlobalOptions

            @Argument(help: ArgumentHelp("The event: id, slug, key or title.", valueName: "event"))
            var event: String

            func run(in context: CommandContext) throws {
                let (_, lists) = try CheckinLists(store: try context.store(), now: context.now).lists(of: event, actor: try context.actor())
                try context.output.emit(ListResult(items: lists, total: lists.count)) {
                    context.output.table(["NAME", "TIERS", "ENTRIES"], lists.map { [$0.name, CheckinListCommand.tiersText($0), $0.rule] })
                }
            }
        }

        struct Remove: StoreCommand {
            static let configuration = CommandConfiguration(
                commandName: "remove",
                abstract: "Remove a check-in list that has no scans yet.",
                discussion: """
                    A list with scans is kept, so its reports stay meaningful (exit 4); main cannot
                    be removed. The event's organizer or an admin.

                    Example:
                      billetterie event checkin-list remove jazz-night parking
                    """)

            @OptionGroup var global: GlobalOptions

            @Argument(help: ArgumentHelp("The event: id, slug, key or title.", valueName: "event"))
            var event: String

            @Argument(help: ArgumentHelp("The list's name.", valueName: "name"))
            var name: String

            func run(in context: CommandContext) throws {
                let list = try CheckinLists(store: try context.store(), now: context.now).remove(from: event, name: name, actor: try context.actor())
                try context.output.emit(list) { "\(context.output.styled("Removed", .green)) the check-in list \(list.name)." }
            }
        }

        static func tiersText(_ list: CheckinListView) -> String {
            let names = list.tiers.map { $0.addon ? "\($0.name) (add-on)" : $0.name }.joined(separator: ", ")
            if list.admissionTiers { return names.isEmpty ? "the admission tiers (none yet)" : "the admission tiers: \(names)" }
            return names
        }
    }
}

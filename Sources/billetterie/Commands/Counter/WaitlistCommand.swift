import ArgumentParser
import BilletterieCore
import Foundation

struct WaitlistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "waitlist",
        abstract: "The waiting list: places of a sold-out tier offered first come, first served.",
        discussion: """
            When places of a tier free up (an expired hold, a cancellation, a refund, a
            larger quota, a deleted voucher), `waitlist run` (and `notify run`) offers them
            to the oldest entries that fit: a single-use voucher keeping their places for
            the event's offer time (default 24h; `event update --waitlist-offer`), e-mailed
            through the outbox. An offer not taken in time passes to the next entry; never
            more places are offered than are free.

            Example:
              billetterie waitlist join --event jazz-night --tier Standard --quantity 2 --email ana@example.org --name "Ana Lima"
            """,
        subcommands: [Join.self, List.self, Leave.self, Run.self])

    struct Join: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "join",
            abstract: "Wait for places of a tier (anyone; no login needed).",
            discussion: """
                Prints the entry's id: `waitlist leave ID` takes it off the list.

                Example:
                  billetterie waitlist join --event jazz-night --tier Standard --quantity 2 --email ana@example.org --name "Ana Lima"
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: ArgumentHelp("The event: id, slug, key or title.", valueName: "event"))
        var event: String

        @Option(help: ArgumentHelp("The tier: its name or id.", valueName: "tier"))
        var tier: String

        @Option(help: "How many places (default 1).")
        var quantity = 1

        @Option(help: ArgumentHelp("Where the offer is sent.", valueName: "email"))
        var email: String

        @Option(help: ArgumentHelp("The name to greet.", valueName: "name"))
        var name: String?

        func run(in context: CommandContext) throws {
            let entry = try Waitlist(store: try context.store(), now: context.now).join(
                event: event, tier: tier, quantity: quantity, email: email, name: name, actor: try context.optionalActor())
            try context.output.emit(entry) {
                "\(context.output.styled("Waiting", .green)) for \(entry.quantity) × \(entry.tierName): \(entry.name) <\(entry.email)> (\(entry.id)); an offer comes by e-mail when places free up."
            }
        }
    }

    struct List: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "Show an event's waiting list, first come first.",
            discussion: """
                An offer reads as bought once its tickets are paid, and as lapsed once it
                ended unused. The event's organizers, staff and admins.

                Example:
                  billetterie waitlist list --event jazz-night
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: ArgumentHelp("The event: id, slug, key or title.", valueName: "event"))
        var event: String

        func run(in context: CommandContext) throws {
            let (found, entries) = try Waitlist(store: try context.store(), now: context.now).list(event: event, actor: try context.actor())
            let output = context.output
            try output.emit(ListResult(items: entries, total: entries.count)) {
                entries.isEmpty
                    ? "Nobody is waiting for \(found.title)."
                    : output.table(
                        ["#", "SINCE", "WHO", "TIER", "QTY", "STATUS", "OFFER", "ID"],
                        entries.enumerated().map { index, e in
                            [
                                String(index + 1), TimeText.local(e.createdAt, in: found.zone), "\(e.name) <\(e.email)>", e.tierName, String(e.quantity),
                                e.status.rawValue,
                                e.voucherCode.map { code in "\(code) until \(e.offerEndsAt.map { TimeText.local($0, in: found.zone) } ?? "-")" } ?? "-",
                                e.id,
                            ]
                        })
            }
        }
    }

    struct Leave: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "leave",
            abstract: "Take an entry off the waiting list (its offer, if any, ends).",
            discussion: """
                Example:
                  billetterie waitlist leave wl_3kq7...
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The entry's id, as `waitlist join` printed it.", valueName: "id"))
        var id: String

        func run(in context: CommandContext) throws {
            let entry = try Waitlist(store: try context.store(), now: context.now).leave(id, actor: try context.optionalActor())
            try context.output.emit(entry) { "\(context.output.styled("Left", .red)) the waiting list: \(entry.email), \(entry.tierName)." }
        }
    }

    struct Run: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Offer free places to the waiting list now (notify run does it too).",
            discussion: """
                Settles the offers that were bought or lapsed, then offers what is free to
                the oldest entries that fit. The mails are written by `notify run`. An
                organizer runs their own events; an admin all.

                Examples:
                  billetterie waitlist run
                  billetterie waitlist run --event jazz-night --json
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: ArgumentHelp("Only this event.", valueName: "event"))
        var event: String?

        func run(in context: CommandContext) throws {
            let summary = try Waitlist(store: try context.store(), now: context.now).run(event: event, actor: try context.actor())
            let output = context.output
            try output.emit(summary) {
                var text =
                    "\(output.styled("Offered", .green)) \(summary.placesOffered) place\(summary.placesOffered == 1 ? "" : "s") to \(summary.offered) entr\(summary.offered == 1 ? "y" : "ies"); \(summary.bought) bought, \(summary.lapsed) lapsed, \(summary.waiting) still waiting."
                if !summary.offers.isEmpty {
                    text +=
                        "\n"
                        + output.table(
                            ["WHO", "TIER", "QTY", "VOUCHER", "UNTIL"],
                            summary.offers.map { [$0.email, $0.tierName, String($0.quantity), $0.voucherCode ?? "", $0.offerEndsAt.map(TimeText.utc) ?? ""] })
                }
                text += "\nRun `billetterie notify run` to write the offers' e-mails."
                return text
            }
        }
    }
}

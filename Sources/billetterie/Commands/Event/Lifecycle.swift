import ArgumentParser
import BilletterieCore
import Foundation

extension EventCommand {
    struct Create: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Create an event (a draft unless --publish).",
            discussion: """
                Times without an offset are read in the event's --timezone (default: the
                store's). An event without --ends-at lasts 3 hours.

                Example:
                  billetterie event create --title "Jazz Night" --starts-at 2026-06-21T20:30 \\
                    --timezone Europe/Paris --venue "Salle Pleyel" --address "252 rue du Faubourg Saint-Honoré" \\
                    --category concert --capacity 500 --publish
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var fields: EventFields

        @Flag(help: "Publish at once instead of keeping a draft.")
        var publish = false

        @Option(help: ArgumentHelp("Whose event it is (admins only; default: yourself).", valueName: "id-or-email"))
        var organizer: String?

        func validate() throws {
            let missing = [("--title", fields.title), ("--starts-at", fields.startsAt), ("--venue", fields.venue)].filter { $0.1 == nil }.map(\.0)
            if !missing.isEmpty { throw ValidationError("missing \(missing.joined(separator: ", ")): an event needs a title, a start and a venue") }
        }

        func run(in context: CommandContext) throws {
            let event = try context.catalogue().create(fields.input, publish: publish, organizer: organizer, actor: try context.actor())
            try context.output.emit(event) {
                "\(context.output.styled("Created", .green)) \(event.title) (\(event.slug)), \(event.status.rawValue), \(context.output.when(event))"
            }
        }
    }

    struct Update: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "update",
            abstract: "Change an event's details (its organizer or an admin).",
            discussion: """
                Only the options given change. Moving --starts-at without --ends-at moves the
                whole event. Cancelled and past events no longer change (exit 4).

                Example:
                  billetterie event update jazz-night --starts-at 2026-06-21T21:00 --capacity 450
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The event: id, slug, key or title.", valueName: "event"))
        var event: String

        @OptionGroup var fields: EventFields

        func run(in context: CommandContext) throws {
            let updated = try context.catalogue().update(event, fields.input, actor: try context.actor())
            try context.output.emit(updated) { "\(context.output.styled("Updated", .green)) \(updated.title) (\(updated.slug))" }
        }
    }

    struct Publish: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "publish",
            abstract: "Publish a draft: everyone can see it and, once tiers are on sale, buy.",
            discussion: """
                Example:
                  billetterie event publish jazz-night
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The event: id, slug, key or title.", valueName: "event"))
        var event: String

        func run(in context: CommandContext) throws {
            let published = try context.catalogue().publish(event, actor: try context.actor())
            try context.output.emit(published) { "\(context.output.styled("Published", .green)) \(published.title) (\(published.slug))" }
        }
    }

    struct Cancel: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "cancel",
            abstract: "Cancel an event (a draft or a published one), saying why.",
            discussion: """
                In one transaction: every ticket becomes void, every hold is released, every paid
                order is refunded in full, with a domain event for each so holders are told. A
                cancelled event cannot be published again. Card refunds go back to the cards; cash
                refunds are owed until handed back (`refund list --owed`).

                In a terminal it first shows what it will do (tickets voided, refunds by method,
                cash owed, messages) and asks; --yes skips the question (scripts, where stdin is
                not a terminal, are not asked). --dry-run shows the same and changes nothing.

                Examples:
                  billetterie event cancel jazz-night --reason "The band is ill" --dry-run
                  billetterie event cancel jazz-night --reason "The band is ill" --yes
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The event: id, slug, key or title.", valueName: "event"))
        var event: String

        @Option(help: ArgumentHelp("Why: ticket holders will read it.", valueName: "text"))
        var reason: String

        @Flag(help: "Do not ask in a terminal.")
        var yes = false

        @Flag(help: "Show what the cancellation would do; change nothing.")
        var dryRun = false

        /// The event, as every event command prints it, plus what the cascade did.
        struct Result: Encodable {
            let event: Event
            let cascade: Catalogue.CancelSummary
            enum CodingKeys: String, CodingKey { case cascade }

            func encode(to encoder: Encoder) throws {
                try event.encode(to: encoder)
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(cascade, forKey: .cascade)
            }
        }

        func run(in context: CommandContext) throws {
            let catalogue = try context.catalogue()
            let actor = try context.actor()
            let ask = !yes && !dryRun && !global.json && isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
            if dryRun || ask {
                let (event, plan) = try catalogue.cancelWithCascade(self.event, reason: reason, actor: actor, dryRun: true)
                if dryRun {
                    return try context.output.emit(Result(event: event, cascade: plan)) {
                        context.output.styled("Dry run", .yellow) + ": cancelling \(event.title) (\(event.slug)) would\n"
                            + Self.describe(plan, event.currency, future: true) + "\nNothing was changed."
                    }
                }
                Output.writeOut(
                    "Cancelling \(context.output.styled(event.title, .bold)) (\(event.slug)) will\n" + Self.describe(plan, event.currency, future: true)
                        + "\nCancel it? [y/N] ")
                guard let answer = readLine(), ["y", "yes", "o", "oui"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased()) else {
                    throw BilletterieError.conflict(code: "not_confirmed", message: "nothing was changed; answer y to cancel, or pass --yes")
                }
            }
            let (cancelled, summary) = try catalogue.cancelWithCascade(event, reason: reason, actor: actor)
            try context.output.emit(Result(event: cancelled, cascade: summary)) {
                "\(context.output.styled("Cancelled", .red)) \(cancelled.title) (\(cancelled.slug)): \(reason)\n"
                    + Self.describe(summary, cancelled.currency, future: false)
            }
        }

        /// What the cascade does, one line per consequence.
        static func describe(_ summary: Catalogue.CancelSummary, _ currency: Currency, future: Bool) -> String {
            func money(_ minor: Int64) -> String { Money(minor: minor, currency: currency).description }
            var lines = [
                "\(future ? "void" : "voided") \(summary.ticketsVoided) ticket\(summary.ticketsVoided == 1 ? "" : "s") and \(future ? "release" : "released") \(summary.holdsReleased) hold\(summary.holdsReleased == 1 ? "" : "s")",
                "\(future ? "refund" : "refunded") \(summary.ordersRefunded) paid order\(summary.ordersRefunded == 1 ? "" : "s") in full: \(money(summary.refundedMinor))",
                "  to cards: \(money(summary.cardRefundedMinor))",
                "  cash owed to buyers: \(money(summary.cashOwedMinor))" + (summary.cashOwedMinor > 0 ? " (`refund list --owed`)" : ""),
                "\(future ? "tell" : "tells") \(summary.messages) \(summary.messages == 1 ? "person" : "people") at the next `notify run`",
            ]
            if !future { lines[0] = lines[0].prefix(1).uppercased() + lines[0].dropFirst() }
            return lines.map { "  " + $0 }.joined(separator: "\n")
        }
    }

    struct Delete: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete",
            abstract: "Delete a draft that never sold anything (others are cancelled instead).",
            discussion: """
                Example:
                  billetterie event delete jazz-night-2
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The event: id, slug, key or title.", valueName: "event"))
        var event: String

        struct Result: Encodable {
            let deleted: String
        }

        func run(in context: CommandContext) throws {
            let deleted = try context.catalogue().delete(event, actor: try context.actor())
            try context.output.emit(Result(deleted: deleted.id)) { "Deleted the draft \(deleted.title) (\(deleted.slug))." }
        }
    }

    struct Show: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show an event with its tiers, times in its own zone.",
            discussion: """
                Example:
                  billetterie event show jazz-night
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The event: id, slug, key or title.", valueName: "event"))
        var event: String

        func run(in context: CommandContext) throws {
            let found = try context.catalogue().eventWithTiers(event, viewer: try context.optionalActor())
            try context.output.emit(found) { context.output.describe(found) }
        }
    }

    struct List: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "Find events: full-text search and filters, soonest first.",
            discussion: """
                By default: upcoming events (not ended, not cancelled) you may see; drafts only
                to their organizer and admins. --status past lists ended ones, most recent first.
                --query searches title, description, venue and category; each word matches as
                a prefix, all words must match.

                Examples:
                  billetterie event list --query jazz --from 2026-06-01T00:00Z
                  billetterie event list --category concert --venue "Salle Pleyel" --json
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var page: PageOptions

        @Option(help: ArgumentHelp("Words to search for.", valueName: "text"))
        var query: String?

        @Option(help: "Only this category.")
        var category: String?

        @Option(help: "Only at this venue.")
        var venue: String?

        @Option(help: ArgumentHelp("Only events still going on at or after this time.", valueName: "time"))
        var from: String?

        @Option(help: ArgumentHelp("Only events starting at or before this time.", valueName: "time"))
        var to: String?

        @Option(help: "draft, published, cancelled or past.")
        var status: String?

        func run(in context: CommandContext) throws {
            let zone = try TimeText.timeZone(try context.store().settings().timezone)
            let filter = EventFilter(
                query: query, category: category, venue: venue,
                from: try from.map { try TimeText.parse($0, in: zone, what: "--from time") },
                to: try to.map { try TimeText.parse($0, in: zone, what: "--to time") },
                status: try status.map(EventStatus.parse), limit: page.limit, offset: page.offset)
            let (events, total) = try context.catalogue().list(filter, viewer: try context.optionalActor())
            let output = context.output
            try output.emit(ListResult(items: events, total: total)) {
                output.list(shown: events.count, total: total, plural: "events") {
                    output.table(
                        ["WHEN", "TITLE", "VENUE", "CATEGORY", "STATUS", "AVAILABLE", "SLUG"],
                        events.map {
                            [
                                output.when($0), $0.title, $0.venue.name, $0.category ?? "-", output.statusText($0.status),
                                $0.available.map { $0.map(String.init) ?? "no limit" } ?? "-", $0.slug,
                            ]
                        })
                }
            }
        }
    }
}

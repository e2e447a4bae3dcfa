import ArgumentParser
import BilletterieCore

struct RefundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refund",
        abstract: "Give money back on an order, in full or in part; list refunds.",
        discussion: """
            `billetterie refund ORDER` refunds what remains; `refund list` lists refunds;
            `refund list --owed` lists the cash still to hand back, per buyer, and
            `refund hand-back REFUND` records that it was.

            Example:
              billetterie refund ord_3kq7... --ticket tkt_9x2m... --reason "Cannot come"
            """,
        subcommands: [Issue.self, List.self, HandBack.self],
        defaultSubcommand: Issue.self)

    struct Issue: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "issue",
            abstract: "Refund an order (the default: `refund ORDER ...`); never more than was paid.",
            discussion: """
                --ticket voids those tickets at once (the door rejects them) and, without
                --amount, refunds their price. Refunding the whole remaining amount voids every
                ticket; an amount alone voids none. Cash refunds say what to give back, there
                and then (the buyer is at the till); card refunds go back to the card.
                --dry-run checks everything and says what would happen, changing nothing.
                Organizers of the event and admins only.

                Examples:
                  billetterie refund ord_3kq7...                                   # all of it
                  billetterie refund ord_3kq7... --ticket tkt_9x2m... --reason "Ill"
                  billetterie refund ord_3kq7... --amount 10 --reason "Late start" --dry-run
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The order id.", valueName: "order"))
        var order: String

        @Option(help: ArgumentHelp("How much (default: the tickets' price, or all that remains).", valueName: "amount"))
        var amount: String?

        @Option(help: ArgumentHelp("A ticket to void and refund; repeat for several.", valueName: "ticket"))
        var ticket: [String] = []

        @Option(help: ArgumentHelp("Why, for the buyer and the audit log.", valueName: "text"))
        var reason = ""

        @Option(help: ArgumentHelp("Retrying with the same key never refunds twice.", valueName: "key"))
        var idempotencyKey: String?

        @Flag(help: "Say what would be refunded and voided; change nothing.")
        var dryRun = false

        func run(in context: CommandContext) throws {
            let request = Payments.RefundRequest(
                order: order, amount: amount, tickets: ticket, reason: reason, idempotencyKey: idempotencyKey, dryRun: dryRun)
            let result = try context.payments().refund(request, actor: try context.actor())
            try context.output.emit(result) {
                let refund = result.refund
                if result.dryRun {
                    let how = refund.method == .cash ? "in cash" : "to \(refund.cardBrand ?? "the card") ••••\(refund.cardLast4 ?? "????")"
                    return "\(context.output.styled("Dry run", .yellow)): would refund \(refund.amount) on \(result.order.id) \(how)."
                        + (refund.tickets.isEmpty ? "" : "\nWould void: \(refund.tickets.joined(separator: ", "))")
                        + "\nNothing was changed."
                }
                let how =
                    refund.method == .cash
                    ? "give back \(context.output.styled(refund.amount.description, .bold)) in cash"
                    : "\(refund.amount) goes back to \(refund.cardBrand ?? "the card") ••••\(refund.cardLast4 ?? "????")"
                return (result.replayed ? "Already refunded: " : "")
                    + "\(context.output.styled("Refunded", .green)) \(refund.amount) on \(result.order.id) (\(refund.id)): \(how)."
                    + (refund.tickets.isEmpty ? "" : "\nVoid now: \(refund.tickets.joined(separator: ", "))")
                    + "\nThe order is \(result.order.status.rawValue)."
            }
        }
    }

    struct List: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List refunds, oldest first; --owed: cash still to hand back, per buyer.",
            discussion: """
                A cancelled event's refunds of cash payments wait at the box office until the
                buyer collects them; --owed lists them per buyer and event, with the total to
                have ready (organizers and admins). `refund hand-back REFUND` records each one.

                Examples:
                  billetterie refund list --order ord_3kq7...
                  billetterie refund list --owed --event jazz-night
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: ArgumentHelp("Only this order's.", valueName: "order"))
        var order: String?

        @Flag(help: "Only cash not yet handed back, per buyer.")
        var owed = false

        @Option(help: ArgumentHelp("With --owed: only this event's (id, slug, key or title).", valueName: "event"))
        var event: String?

        func validate() throws {
            if event != nil && !owed { throw ValidationError("--event goes with --owed") }
            if owed && order != nil { throw ValidationError("--owed lists every order's cash owed; leave out --order") }
        }

        func run(in context: CommandContext) throws {
            if owed { return try runOwed(in: context) }
            let refunds = try context.payments().refunds(order: order, viewer: try context.actor())
            let output = context.output
            try output.emit(ListResult(items: refunds, total: refunds.count)) {
                output.list(shown: refunds.count, total: refunds.count, plural: "refunds") {
                    output.table(
                        ["REFUND", "ORDER", "AMOUNT", "METHOD", "TICKETS", "REASON", "AT"],
                        refunds.map {
                            [$0.id, $0.orderID, $0.amount.description, $0.method.rawValue, String($0.tickets.count), $0.reason, TimeText.utc($0.createdAt)]
                        })
                }
            }
        }

        private func runOwed(in context: CommandContext) throws {
            let actor = try context.actor()
            let event = try self.event.map { try context.catalogue().event($0, viewer: actor) }
            let owed = try context.payments().owed(event: event, viewer: actor)
            let output = context.output
            try output.emit(ListResult(items: owed, total: owed.count)) {
                guard !owed.isEmpty else { return "No cash is owed." }
                var totals: [String: Int64] = [:]
                for group in owed { totals[group.total.currency.code, default: 0] += group.total.minor }
                let sum = totals.sorted { $0.key < $1.key }.map { ReportCommand.money($0.value, $0.key) }.joined(separator: " + ")
                return output.table(
                    ["BUYER", "EVENT", "OWED", "REFUNDS"],
                    owed.map { [output.attendeeText($0.buyer), $0.eventTitle, $0.total.description, $0.refunds.map(\.id).joined(separator: " ")] })
                    + "\n\n\(owed.count) buyer\(owed.count == 1 ? "" : "s") to pay back: \(output.styled(sum, .bold)) in cash."
            }
        }
    }

    struct HandBack: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "hand-back",
            abstract: "Record that a refund's cash was given to its buyer.",
            discussion: """
                For the cash refunds a cancellation leaves owed (`refund list --owed`). Each is
                handed back once: a second time, or a card refund, is exit 4.

                Example:
                  billetterie refund hand-back ref_7kgk...
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The refund id.", valueName: "refund"))
        var refund: String

        func run(in context: CommandContext) throws {
            let refund = try context.payments().handBack(self.refund, actor: try context.actor())
            try context.output.emit(refund) {
                "\(context.output.styled("Handed back", .green)) \(refund.amount) in cash (\(refund.id), order \(refund.orderID))."
            }
        }
    }
}

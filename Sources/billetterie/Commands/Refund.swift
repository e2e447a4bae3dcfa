import ArgumentParser
import BilletterieCore

struct RefundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refund",
        abstract: "Give money back on an order, in full or in part; list refunds.",
        discussion: """
            `billetterie refund ORDER` refunds what remains; `refund list` lists refunds.

            Example:
              billetterie refund ord_3kq7... --ticket tkt_9x2m... --reason "Cannot come"
            """,
        subcommands: [Issue.self, List.self],
        defaultSubcommand: Issue.self)

    struct Issue: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "issue",
            abstract: "Refund an order (the default: `refund ORDER ...`); never more than was paid.",
            discussion: """
                --ticket voids those tickets at once (the door rejects them) and, without
                --amount, refunds their price. Refunding the whole remaining amount voids every
                ticket; an amount alone voids none. Cash refunds say what to give back; card
                refunds go back to the card. Organizers of the event and admins only.

                Examples:
                  billetterie refund ord_3kq7...                                   # all of it
                  billetterie refund ord_3kq7... --ticket tkt_9x2m... --reason "Ill"
                  billetterie refund ord_3kq7... --amount 10 --reason "Late start"
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

        func run(in context: CommandContext) throws {
            let request = Payments.RefundRequest(order: order, amount: amount, tickets: ticket, reason: reason, idempotencyKey: idempotencyKey)
            let result = try context.payments().refund(request, actor: try context.actor())
            try context.output.emit(result) {
                let refund = result.refund
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
            abstract: "List refunds, oldest first.",
            discussion: """
                Example:
                  billetterie refund list --order ord_3kq7...
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: ArgumentHelp("Only this order's.", valueName: "order"))
        var order: String?

        func run(in context: CommandContext) throws {
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
    }
}

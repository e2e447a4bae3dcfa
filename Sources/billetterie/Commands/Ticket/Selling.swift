import ArgumentParser
import BilletterieCore
import Foundation

extension TicketCommand {
    struct Reserve: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "reserve",
            abstract: "Reserve tickets: an order holding them until paid or the hold runs out.",
            discussion: """
                The event's capacity, the tier's quota and per-order limit, and the sales
                windows are checked in one transaction: sold out is exit 4, whatever number of
                terminals sell at once. A free tier's order is confirmed at once. Attendees
                default to the buyer. Participants buy for themselves; organizers and admins
                sell to anyone.

                Examples:
                  billetterie ticket reserve --event jazz-night --tier Standard --quantity 2 \\
                    --buyer ana@example.org --buyer-name "Ana Lima" --attendee "Bruno Costa <bruno@example.org>"
                  billetterie ticket reserve --event jazz-night --tier VIP --hold 1h --json
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: ArgumentHelp("The event: id, slug, key or title.", valueName: "event"))
        var event: String

        @Option(help: ArgumentHelp("The tier: its name or id.", valueName: "tier"))
        var tier: String

        @Option(help: "How many tickets (default 1).")
        var quantity = 1

        @Option(help: ArgumentHelp("The buyer's e-mail (default: yourself).", valueName: "email"))
        var buyer: String?

        @Option(help: ArgumentHelp("The buyer's name.", valueName: "name"))
        var buyerName: String?

        @Option(help: ArgumentHelp("Who a ticket is for, \"Name <email>\"; once per ticket, in order.", valueName: "attendee"))
        var attendee: [String] = []

        @Option(help: ArgumentHelp("How long the tickets are held unpaid: 90s, 15m, 2h (default 15m).", valueName: "duration"))
        var hold = "15m"

        func run(in context: CommandContext) throws {
            let actor = try context.actor()
            let holdSeconds = try TimeText.duration(hold)
            let attendees = try attendee.map(Attendee.parse)
            var buyerValue: Attendee?
            if let buyer {
                let email = try EmailAddress.normalize(buyer)
                buyerValue = Attendee(name: buyerName.map { $0.trimmingCharacters(in: .whitespaces) } ?? String(email.split(separator: "@")[0]), email: email)
            } else if let buyerName {
                buyerValue = Attendee(name: buyerName, email: actor.email)
            }
            let order = try context.sales().reserve(
                event: event, tier: tier, quantity: quantity, buyer: buyerValue,
                attendees: attendees, hold: holdSeconds, actor: actor)
            try context.output.emit(order) {
                let output = context.output
                let head =
                    order.status == .paid
                    ? "\(output.styled("Confirmed", .green)) \(order.tickets.count) free ticket\(order.tickets.count == 1 ? "" : "s") for \(order.eventTitle) (\(order.id))"
                    : "\(output.styled("Reserved", .green)) \(order.tickets.count) × \(order.tickets[0].tierName) for \(order.eventTitle) (\(order.id)): \(order.total), held until \(TimeText.utc(order.expiresAt!))"
                return head + "\n" + output.ticketTable(order.tickets)
            }
        }
    }

    struct Cancel: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "cancel",
            abstract: "Cancel an unpaid order, or one ticket of it (paid ones are refunded instead).",
            discussion: """
                The places are free again at once.

                Examples:
                  billetterie ticket cancel ord_3kq7...
                  billetterie ticket cancel tkt_9x2m...
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("An order id, or a ticket id or code.", valueName: "order-or-ticket"))
        var target: String

        func run(in context: CommandContext) throws {
            let order = try context.sales().cancel(target, actor: try context.actor())
            try context.output.emit(order) {
                "\(context.output.styled("Cancelled", .red)) in \(order.id); the order is now \(order.status.rawValue), total \(order.total)."
            }
        }
    }

    struct Transfer: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "transfer",
            abstract: "Give a ticket to someone else: a new code for them, the old one dead.",
            discussion: """
                Example:
                  billetterie ticket transfer tkt_9x2m... --to "Carla Dias <carla@example.org>"
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("A ticket id or code.", valueName: "ticket"))
        var ticket: String

        @Option(help: ArgumentHelp("The new attendee, \"Name <email>\".", valueName: "attendee"))
        var to: String

        struct Result: Encodable {
            let from: Ticket
            let ticket: Ticket
        }

        func run(in context: CommandContext) throws {
            let attendee = try Attendee.parse(to)
            let (old, new) = try context.sales().transfer(ticket, to: attendee, actor: try context.actor())
            try context.output.emit(Result(from: old, ticket: new)) {
                "\(context.output.styled("Transferred", .green)) \(old.id) to \(attendee.name) <\(attendee.email)>: new ticket \(new.id); the old code no longer admits.\nNew code: \(new.code)"
            }
        }
    }
}

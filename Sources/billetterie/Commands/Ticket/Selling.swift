import ArgumentParser
import BilletterieCore
import Foundation

extension TicketCommand {
    struct Reserve: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "reserve",
            abstract: "Reserve tickets: an order holding them until paid or the hold runs out.",
            discussion: """
                One order may hold several tiers and add-ons (--item, repeatable; --tier and
                --quantity still work for one tier). The event's capacity, each tier's quota
                and per-order limit, the places vouchers keep, and the sales windows are
                checked in one transaction: sold out is exit 4, whatever number of terminals
                sell at once. An order that costs nothing is confirmed at once. Attendees go
                to the admission tickets in order and default to the buyer. Participants buy
                for themselves; organizers and admins sell to anyone.

                Examples:
                  billetterie ticket reserve --event jazz-night --item Standard=2 --item Parking \\
                    --buyer ana@example.org --buyer-name "Ana Lima" --attendee "Bruno Costa <bruno@example.org>"
                  billetterie ticket reserve --event jazz-night --tier VIP --hold 1h --voucher FRIENDS-25 --json
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: ArgumentHelp("The event: id, slug, key or title.", valueName: "event"))
        var event: String

        @OptionGroup var items: OrderItems

        @Option(help: ArgumentHelp("The buyer's e-mail (default: yourself).", valueName: "email"))
        var buyer: String?

        @Option(help: ArgumentHelp("The buyer's name.", valueName: "name"))
        var buyerName: String?

        @Option(help: ArgumentHelp("Who a ticket is for, \"Name <email>\"; once per ticket, in order.", valueName: "attendee"))
        var attendee: [String] = []

        @Option(help: ArgumentHelp("How long the tickets are held unpaid: 90s, 15m, 2h (default 15m).", valueName: "duration"))
        var hold = "15m"

        @Option(help: ArgumentHelp("A voucher or promo code (any case).", valueName: "code"))
        var voucher: String?

        func validate() throws { try items.validate() }

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
                OrderRequest(event: event, items: try items.parsed(), buyer: buyerValue, attendees: attendees, hold: holdSeconds, voucher: voucher),
                actor: actor)
            try context.output.emit(order) {
                let output = context.output
                let what = output.itemsText(order.tickets)
                let head =
                    order.status == .paid
                    ? "\(output.styled("Confirmed", .green)) \(what) for \(order.eventTitle) (\(order.id)), nothing to pay"
                    : "\(output.styled("Reserved", .green)) \(what) for \(order.eventTitle) (\(order.id)): \(order.total), held until \(TimeText.local(order.expiresAt!, zoneNamed: order.eventTimeZone))"
                let voucherLine = order.voucher.map { "\nVoucher \($0.code) used for \($0.uses) ticket\($0.uses == 1 ? "" : "s")." } ?? ""
                return head + voucherLine + "\n" + output.ticketTable(order.tickets)
            }
        }
    }

    struct Sell: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "sell",
            abstract: "Sell at the counter: the order made and paid in one go, tickets in hand.",
            discussion: """
                For staff, the event's organizers and admins. The order is created and paid
                in one transaction: cash (--amount is what was handed over; the change is
                shown) or the card terminal (--reference, its receipt's reference). The
                buyer's e-mail is optional for walk-ins; without one no e-mail is sent.
                The answer holds each ticket's reference and code and the receipt number;
                --qr shows each ticket's QR in the terminal, for a phone to photograph.
                The same limits as `ticket reserve` apply (sold out is exit 4).

                Examples:
                  billetterie ticket sell --event jazz-night --item Standard=2 --item Parking --method cash --amount 100
                  billetterie ticket sell --event jazz-night --item VIP --method card --reference T-88412 --buyer ana@example.org --json
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: ArgumentHelp("The event: id, slug, key or title.", valueName: "event"))
        var event: String

        @OptionGroup var items: OrderItems

        @Option(help: ArgumentHelp("How it is paid: cash or card (the terminal).", valueName: "method"))
        var method: String

        @Option(help: ArgumentHelp("Cash handed over (default: exactly what is due).", valueName: "amount"))
        var amount: String?

        @Option(help: ArgumentHelp("The card terminal's reference for the payment.", valueName: "reference"))
        var reference: String?

        @Option(help: ArgumentHelp("The buyer's e-mail, for the confirmation (optional).", valueName: "email"))
        var buyer: String?

        @Option(help: ArgumentHelp("The buyer's name (optional).", valueName: "name"))
        var buyerName: String?

        @Option(help: ArgumentHelp("A voucher or promo code (any case).", valueName: "code"))
        var voucher: String?

        @Flag(help: "Show each ticket's QR code in the terminal.")
        var qr = false

        func validate() throws { try items.validate() }

        func run(in context: CommandContext) throws {
            let actor = try context.actor()
            guard let paidBy = PaymentMethod(rawValue: method.lowercased()), paidBy == .cash || paidBy == .card else {
                throw BilletterieError.usage(message: "unknown method '\(method)': the counter takes cash or card")
            }
            let name = try buyerName.map { name -> String in
                let trimmed = name.trimmingCharacters(in: .whitespaces)
                try FreeText.check(trimmed, field: "buyer name")
                return trimmed
            }
            let buyerValue =
                try buyer.map { raw -> Attendee in
                    let email = try EmailAddress.normalize(raw)
                    return Attendee(name: name ?? String(email.split(separator: "@")[0]), email: email)
                } ?? name.map { Attendee(name: $0, email: "") }
            let sale = try context.sales().sell(
                OrderRequest(event: event, items: try items.parsed(), buyer: buyerValue, voucher: voucher),
                payment: CounterPayment(method: paidBy, amount: amount, reference: reference), actor: actor)
            let order = sale.order
            try context.output.emit(sale) {
                let output = context.output
                var lines = [
                    "\(output.styled("Sold", .green)) \(output.itemsText(order.tickets)) for \(order.eventTitle): \(order.total), receipt No. \(sale.receipt) (\(order.id))"
                ]
                if let payment = sale.payment {
                    if let tendered = payment.tendered, let change = payment.change {
                        lines.append("Cash \(tendered) given: " + output.styled("change \(change)", .bold))
                    } else {
                        lines.append(payment.method == .card ? "Card, terminal reference \(payment.reference ?? "")" : "Cash, exact")
                    }
                }
                if let voucher = order.voucher { lines.append("Voucher \(voucher.code) used for \(voucher.uses) ticket\(voucher.uses == 1 ? "" : "s").") }
                lines.append(
                    output.table(
                        ["REFERENCE", "TIER", "ATTENDEE", "TICKET"],
                        order.tickets.map { [$0.reference, $0.tierName, output.attendeeText($0.attendee), $0.id] }))
                if qr {
                    for ticket in order.tickets {
                        if let matrix = try? QRMatrix(encoding: ticket.code) {
                            lines.append("\n\(ticket.tierName) · \(ticket.reference)\n" + output.qrText(matrix))
                        }
                    }
                } else {
                    lines.append("Codes:\n" + order.tickets.map { "  \($0.reference)  \($0.code)" }.joined(separator: "\n"))
                }
                return lines.joined(separator: "\n")
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

/// What an order holds: `--item TIER[=N]`, repeatable, or the first wave's `--tier` and `--quantity`.
struct OrderItems: ParsableArguments {
    @Option(help: ArgumentHelp("A tier or add-on and how many: Standard=2, Parking (repeatable).", valueName: "tier[=n]"))
    var item: [String] = []

    @Option(help: ArgumentHelp("One tier, by name or id (or use --item).", valueName: "tier"))
    var tier: String?

    @Option(help: "How many of --tier (default 1).")
    var quantity: Int?

    func validate() throws {
        if item.isEmpty && tier == nil { throw ValidationError("name what to order: --item TIER[=N] (repeatable), or --tier T [--quantity N]") }
        if quantity != nil && tier == nil { throw ValidationError("--quantity goes with --tier; with --item write TIER=N") }
    }

    func parsed() throws -> [OrderItem] {
        var items = try item.map(OrderItem.parse)
        if let tier { items.insert(OrderItem(tier: tier, quantity: quantity ?? 1), at: 0) }
        return items
    }
}

extension Output {
    /// "2 × Standard, 1 × Parking".
    func itemsText(_ tickets: [Ticket]) -> String {
        var counts: [(String, Int)] = []
        for ticket in tickets {
            if let index = counts.firstIndex(where: { $0.0 == ticket.tierName }) { counts[index].1 += 1 } else { counts.append((ticket.tierName, 1)) }
        }
        return counts.map { "\($0.1) × \($0.0)" }.joined(separator: ", ")
    }

    /// An attendee for people; a walk-in sold at the counter has no address.
    func attendeeText(_ attendee: Attendee) -> String {
        attendee.email.isEmpty ? (attendee.name.isEmpty ? "walk-in" : attendee.name) : "\(attendee.name) <\(attendee.email)>"
    }
}

import ArgumentParser
import BilletterieCore
import Foundation

struct TicketCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ticket",
        abstract: "Orders and tickets: reserve, look up, cancel, transfer, QR codes, printable PDFs, import and export.",
        discussion: """
            An order holds its tickets until the hold runs out (default 15 minutes) or it is
            paid; free tiers confirm at once. Each ticket has a signed code, which its QR
            code carries. Participants see their own orders, staff look tickets up,
            organizers see their events' tickets.

            Example:
              billetterie ticket reserve --event jazz-night --tier Standard --quantity 2 --buyer ana@example.org
            """,
        subcommands: [
            Reserve.self, Sell.self, List.self, Find.self, Show.self, Cancel.self, Transfer.self, QR.self, PDF.self, Import.self, Export.self,
        ]
    )
}

/// How ticket commands show orders and tickets to people.
extension Output {
    func statusText(_ status: TicketStatus) -> String {
        switch status {
        case .valid: styled("valid", .green)
        case .pending: styled("pending", .yellow)
        case .used: styled("used", .dim)
        case .void: styled("void", .red)
        }
    }

    func statusText(_ status: OrderStatus) -> String {
        switch status {
        case .paid: styled(status.rawValue, .green)
        case .reserved: styled(status.rawValue, .yellow)
        case .expired, .cancelled, .refunded: styled(status.rawValue, .red)
        case .partiallyRefunded: styled(status.rawValue, .yellow)
        }
    }

    func ticketTable(_ tickets: [Ticket]) -> String {
        table(
            ["TICKET", "REFERENCE", "TIER", "ATTENDEE", "STATUS", "ORDER"],
            tickets.map {
                [$0.id, $0.visibleReference ?? "(once paid)", $0.tierName, attendeeText($0.attendee), statusText($0.status), $0.orderID]
            })
    }

    func describe(_ order: Order) -> String {
        var pairs: [(String, String)] = [
            ("Status", statusText(order.status)),
            ("Event", order.eventTitle),
            ("Buyer", attendeeText(order.buyer)),
            ("Total", order.total.description),
            ("Paid", order.paid.description),
        ]
        if order.due.minor > 0 && order.status == .reserved { pairs.append(("Due", order.due.description)) }
        if let expires = order.expiresAt {
            pairs.append((order.status == .expired ? "Expired" : "Held until", TimeText.local(expires, zoneNamed: order.eventTimeZone)))
        }
        if let external = order.externalID { pairs.append(("External id", external)) }
        if let voucher = order.voucher { pairs.append(("Voucher", "\(voucher.code), \(voucher.uses) ticket\(voucher.uses == 1 ? "" : "s")")) }
        func card(_ brand: String?, _ last4: String?) -> String { brand.map { " \($0) …\(last4 ?? "")" } ?? "" }
        pairs.append(
            (
                "Payments",
                order.payments.isEmpty
                    ? "none"
                    : order.payments.map {
                        "\($0.amount) \($0.method.rawValue)\(card($0.cardBrand, $0.cardLast4)) \($0.succeeded ? "" : "declined ")\(TimeText.utc($0.createdAt)) (\($0.id))"
                    }.joined(separator: "\n")
            ))
        pairs.append(
            (
                "Refunds",
                order.refunds.isEmpty
                    ? "none"
                    : order.refunds.map {
                        "\($0.amount) \($0.method.rawValue) \(TimeText.utc($0.createdAt)): \($0.reason) (\($0.id))"
                    }.joined(separator: "\n")
            ))
        return styled("Order \(order.id)", .bold) + "\n" + fields(pairs) + "\n\n" + ticketTable(order.tickets)
    }

    func describe(_ ticket: Ticket, in order: Order) -> String {
        var pairs: [(String, String)] = [
            ("Status", statusText(ticket.status) + (ticket.voidReason.map { " (\($0))" } ?? "")),
            ("Event", order.eventTitle),
            ("Tier", ticket.tierName + (ticket.admission ? "" : " (add-on, does not admit)")),
            ("Attendee", "\(ticket.attendee.name) <\(ticket.attendee.email)>"),
            ("Order", "\(order.id) (\(order.status.rawValue))"),
        ]
        if let replacement = ticket.replacedBy { pairs.append(("Replaced by", replacement)) }
        if ticket.credentialsHidden {
            pairs.append(("Code", "shown once the order is paid"))
        } else {
            pairs.append(("Code", ticket.code))
            pairs.append(("Reference", ticket.reference + "  (type this at the door if the QR will not scan)"))
        }
        return styled("Ticket \(ticket.id)", .bold) + "\n" + fields(pairs)
    }
}

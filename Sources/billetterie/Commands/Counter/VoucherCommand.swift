import ArgumentParser
import BilletterieCore
import Foundation

struct VoucherCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "voucher",
        abstract: "Vouchers and promo codes: discounts, hidden tiers, places kept aside.",
        discussion: """
            A voucher is a code good for so many tickets (--max-uses, one use per ticket) of
            some tiers of one event, maybe at a discount, maybe until a time, maybe keeping
            places aside (--block). Buyers give it with `ticket reserve|sell --voucher CODE`
            (any case). A use is taken when the tickets are reserved and given back when the
            hold runs out or the order is cancelled.

            Example:
              billetterie voucher create --event jazz-night --code FRIENDS-25 --discount 25% --max-uses 10
            """,
        subcommands: [Create.self, List.self, Show.self, Delete.self])

    struct Create: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Make a voucher, or many at once (--count).",
            discussion: """
                --discount 10% (percent off) or --discount 5.00 (so much off each ticket) or
                --price P (each ticket at P). Without --tier it is for every tier that is not
                hidden; a tier made with --hidden is sold only with a voucher naming it.
                --block N keeps N places of its tiers (and of the capacity) for its own
                sales, counted as held: refused (exit 4) when they are not free. Drawn codes
                are 8 characters of 0-9 A-Z without I, L, O and U. The event's organizers
                and admins.

                Examples:
                  billetterie voucher create --event jazz-night --code FRIENDS-25 --discount 25% --max-uses 10
                  billetterie voucher create --event jazz-night --count 100 --tier VIP --price 50 --valid-until 2026-07-01T00:00
                  billetterie voucher create --event jazz-night --code PRESS --tier Standard --price 0 --max-uses 4 --block 4
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: ArgumentHelp("The event: id, slug, key or title.", valueName: "event"))
        var event: String

        @Option(help: ArgumentHelp("The code (3 to 40 of A-Z 0-9 - _, any case); default: one drawn.", valueName: "code"))
        var code: String?

        @Option(help: "Draw this many codes, each with the same terms.")
        var count: Int?

        @Option(help: ArgumentHelp("A tier it is for, by name or id (repeat for several; default: every tier not hidden).", valueName: "tier"))
        var tier: [String] = []

        @Option(help: ArgumentHelp("Off each ticket: a percentage (10%) or an amount (5.00).", valueName: "discount"))
        var discount: String?

        @Option(help: ArgumentHelp("Each ticket at this price instead.", valueName: "amount"))
        var price: String?

        @Option(help: "How many tickets it may be used for (default 1).")
        var maxUses: Int?

        @Option(help: ArgumentHelp("When it stops working.", valueName: "time"))
        var validUntil: String?

        @Option(help: "Keep this many places for its own sales (at most --max-uses).")
        var block: Int?

        func validate() throws {
            if code != nil && count != nil { throw ValidationError("give --code or --count, not both") }
        }

        func run(in context: CommandContext) throws {
            let made = try Vouchers(store: try context.store(), now: context.now).create(
                .init(
                    event: event, code: code, count: count, tiers: tier, discount: discount, price: price, maxUses: maxUses,
                    validUntil: validUntil, block: block), actor: try context.actor())
            let output = context.output
            try output.emit(ListResult(items: made, total: made.count)) {
                let first = made[0]
                let terms =
                    "\(first.discount.text(first.currency)), \(first.maxUses) use\(first.maxUses == 1 ? "" : "s")"
                    + (first.block > 0 ? ", \(first.block) place\(first.block == 1 ? "" : "s") kept" : "")
                    + (first.validUntil.map { ", until \(TimeText.utc($0))" } ?? "")
                if made.count == 1 { return "\(output.styled("Made", .green)) voucher \(first.code) (\(terms))" }
                return "\(output.styled("Made", .green)) \(made.count) vouchers (\(terms)):\n" + made.map(\.code).joined(separator: "\n")
            }
        }
    }

    struct List: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List an event's vouchers with their uses.",
            discussion: """
                USES counts tickets holding a place now (paid, or held unpaid); KEPT the
                places still kept for the voucher. The event's organizers, staff and admins.

                Example:
                  billetterie voucher list --event jazz-night
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: ArgumentHelp("The event: id, slug, key or title.", valueName: "event"))
        var event: String

        @OptionGroup var page: PageOptions

        func run(in context: CommandContext) throws {
            let (_, vouchers, total) = try Vouchers(store: try context.store(), now: context.now).list(
                event: event, actor: try context.actor(), limit: page.limit, offset: page.offset)
            let output = context.output
            try output.emit(ListResult(items: vouchers, total: total)) {
                output.list(shown: vouchers.count, total: total, plural: "vouchers") {
                    output.voucherTable(vouchers)
                }
            }
        }
    }

    struct Show: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a voucher: its terms, uses and the orders that used it.",
            discussion: """
                Example:
                  billetterie voucher show friends-25
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The voucher's code (any case).", valueName: "code"))
        var code: String

        func run(in context: CommandContext) throws {
            let voucher = try Vouchers(store: try context.store(), now: context.now).show(code, actor: try context.actor())
            let output = context.output
            try output.emit(voucher) {
                var pairs: [(String, String)] = [
                    ("Status", voucher.status.replacingOccurrences(of: "_", with: " ")),
                    ("Tiers", voucher.tierNames.isEmpty ? "every tier not hidden" : voucher.tierNames.joined(separator: ", ")),
                    ("Discount", voucher.discount.text(voucher.currency)),
                    ("Uses", "\(voucher.uses) of \(voucher.maxUses) (\(voucher.paidUses) paid)"),
                    ("Valid until", voucher.validUntil.map(TimeText.utc) ?? "no end"),
                    ("Places kept", voucher.block == 0 ? "none" : "\(voucher.blocked(at: context.now)) of \(voucher.block)"),
                ]
                if let entry = voucher.waitlistEntryID { pairs.append(("Waiting list", "offer to \(entry)")) }
                pairs.append(("Orders", voucher.orders.isEmpty ? "none" : voucher.orders.joined(separator: ", ")))
                return output.styled(voucher.code, .bold) + "\n" + output.fields(pairs)
            }
        }
    }

    struct Delete: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete",
            abstract: "Delete a voucher no ticket was ever bought with; its kept places are free.",
            discussion: """
                A voucher that was used stays for the books (exit 4). The event's organizers and admins.

                Example:
                  billetterie voucher delete FRIENDS-25
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The voucher's code (any case).", valueName: "code"))
        var code: String

        func run(in context: CommandContext) throws {
            let voucher = try Vouchers(store: try context.store(), now: context.now).delete(code, actor: try context.actor())
            try context.output.emit(voucher) { "\(context.output.styled("Deleted", .red)) voucher \(voucher.code)." }
        }
    }
}

extension Output {
    func voucherTable(_ vouchers: [Voucher]) -> String {
        table(
            ["CODE", "TIERS", "DISCOUNT", "USES", "KEPT", "VALID UNTIL", "STATUS"],
            vouchers.map { v in
                [
                    v.code, v.tierNames.isEmpty ? "all" : v.tierNames.joined(separator: ", "), v.discount.text(v.currency), "\(v.uses)/\(v.maxUses)",
                    v.block == 0 ? "-" : "\(v.blocked(at: v.observedAt))/\(v.block)", v.validUntil.map(TimeText.utc) ?? "-",
                    v.waitlistEntryID == nil ? v.status.replacingOccurrences(of: "_", with: " ") : "\(v.status) (waiting-list offer)",
                ]
            })
    }
}

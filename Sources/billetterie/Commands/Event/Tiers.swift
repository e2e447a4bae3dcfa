import ArgumentParser
import BilletterieCore

extension EventCommand {
    struct TierCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tier",
            abstract: "Ticket types of an event: admission tiers and add-ons.",
            discussion: """
                Admission tiers (VIP, Standard) count toward the event's capacity; add-ons
                (parking, meal, shuttle, merchandise) are sold with their own quota and do not
                admit at the door.

                Example:
                  billetterie event tier add jazz-night --name VIP --price 80 --quota 50
                """,
            subcommands: [Add.self, List.self, Update.self])

        struct Add: StoreCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract: "Add a tier to an event.",
                discussion: """
                    Prices are decimals in the event's currency (12.50); 0 makes a free tier.
                    A quota above the event's capacity is refused (exit 65).

                    Examples:
                      billetterie event tier add jazz-night --name Standard --price 25 --quota 400 --max-per-order 6
                      billetterie event tier add jazz-night --name Parking --price 8 --quota 60 --addon --requires-admission
                      billetterie event tier add jazz-night --name Friends --price 15 --quota 20 --hidden
                    """)

            @OptionGroup var global: GlobalOptions

            @Argument(help: ArgumentHelp("The event: id, slug, key or title.", valueName: "event"))
            var event: String

            @OptionGroup var fields: TierFields

            func validate() throws {
                if fields.name == nil || fields.price == nil { throw ValidationError("a tier needs --name and --price") }
            }

            func run(in context: CommandContext) throws {
                let tier = try context.catalogue().addTier(to: event, fields.input, actor: try context.actor())
                try context.output.emit(tier) {
                    "\(context.output.styled("Added", .green)) \(tier.addon ? "add-on" : "tier") \(tier.name) at \(tier.price) (\(tier.id))"
                }
            }
        }

        struct List: StoreCommand {
            static let configuration = CommandConfiguration(
                commandName: "list",
                abstract: "List an event's tiers: sold, held and available now.",
                discussion: """
                    HELD counts unpaid holds and the places vouchers keep (--block, waiting-list
                    offers); AVAILABLE is what a buyer without a voucher can still get, the
                    event's capacity included. Hidden tiers show to the event's organizers,
                    staff and admins only.

                    Example:
                      billetterie event tier list jazz-night
                    """)

            @OptionGroup var global: GlobalOptions

            @Argument(help: ArgumentHelp("The event: id, slug, key or title.", valueName: "event"))
            var event: String

            func run(in context: CommandContext) throws {
                let (found, tiers) = try context.catalogue().tiers(of: event, viewer: try context.optionalActor())
                try context.output.emit(ListResult(items: tiers, total: tiers.count)) {
                    tiers.isEmpty ? "\(found.title) has no tiers yet." : context.output.tierTable(tiers, in: found)
                }
            }
        }

        struct Update: StoreCommand {
            static let configuration = CommandConfiguration(
                commandName: "update",
                abstract: "Change a tier (by id, or by name with --event).",
                discussion: """
                    Examples:
                      billetterie event tier update tier_x7k2... --price 30
                      billetterie event tier update VIP --event jazz-night --quota 60
                    """)

            @OptionGroup var global: GlobalOptions

            @Argument(help: ArgumentHelp("The tier: its id, or its name with --event.", valueName: "tier"))
            var tier: String

            @Option(help: ArgumentHelp("The event, when the tier is named by name.", valueName: "event"))
            var event: String?

            @OptionGroup var fields: TierFields

            func run(in context: CommandContext) throws {
                let updated = try context.catalogue().updateTier(tier, event: event, fields.input, actor: try context.actor())
                try context.output.emit(updated) { "\(context.output.styled("Updated", .green)) \(updated.name): \(updated.price) (\(updated.id))" }
            }
        }
    }
}

/// The options that describe a tier, shared by `tier add` and `tier update`.
struct TierFields: ParsableArguments {
    @Option(help: "The tier's name: VIP, Standard, Parking...")
    var name: String?

    @Option(help: ArgumentHelp("The price, a decimal in the event's currency: 25, 12.50.", valueName: "amount"))
    var price: String?

    @Option(help: "At most this many of this tier are sold.")
    var quota: Int?

    @Option(help: "At most this many of this tier in one order.")
    var maxPerOrder: Int?

    @Flag(inversion: .prefixedNo, help: "An add-on (parking, meal...): sold, but does not admit.")
    var addon: Bool?

    @Option(help: ArgumentHelp("When this tier goes on sale.", valueName: "time"))
    var salesStart: String?

    @Option(help: ArgumentHelp("When this tier's sales close.", valueName: "time"))
    var salesEnd: String?

    @Flag(inversion: .prefixedNo, help: "Sold only with a voucher that names it, and not shown to buyers.")
    var hidden: Bool?

    @Flag(inversion: .prefixedNo, help: "An add-on sold only in an order holding an admission ticket of the event.")
    var requiresAdmission: Bool?

    var input: TierInput {
        TierInput(
            name: name, price: price, quota: quota, maxPerOrder: maxPerOrder, addon: addon, salesStart: salesStart, salesEnd: salesEnd,
            hidden: hidden, requiresAdmission: requiresAdmission)
    }
}

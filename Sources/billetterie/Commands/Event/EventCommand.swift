import ArgumentParser
import BilletterieCore
import Foundation

struct EventCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "event",
        abstract: "Events and their ticket tiers: create, find, change, import and export.",
        discussion: """
            An event is a draft until published; published events can be cancelled; an event
            is past once it has ended. Organizers manage their own events, admins all;
            everyone sees published events. Commands take an event's id, slug, import key or
            title (when only one event has it).

            Example:
              billetterie event create --title "Jazz Night" --starts-at 2026-06-21T20:30 \\
                --timezone Europe/Paris --venue "Salle Pleyel" --capacity 500
            """,
        subcommands: [
            Create.self, Update.self, Publish.self, Cancel.self, Show.self, Delete.self, List.self,
            TierCommand.self, CheckinListCommand.self, Import.self, Export.self,
        ]
    )
}

/// The options that describe an event, shared by `create` and `update`.
struct EventFields: ParsableArguments {
    @Option(help: "The title (create: required).")
    var title: String?

    @Option(help: ArgumentHelp("When it starts: 2026-06-21T20:30 in the event's zone, or with an offset (create: required).", valueName: "time"))
    var startsAt: String?

    @Option(help: ArgumentHelp("When it ends (default: 3 hours after the start).", valueName: "time"))
    var endsAt: String?

    @Option(help: ArgumentHelp("The venue's name; a known venue is reused (create: required).", valueName: "name"))
    var venue: String?

    @Option(help: ArgumentHelp("The venue's address (replaces the stored one).", valueName: "text"))
    var address: String?

    @Option(help: ArgumentHelp("concert, match, conference, theatre... (kept as a slug).", valueName: "name"))
    var category: String?

    @Option(help: "How many admission tickets in all, across tiers.")
    var capacity: Int?

    @Option(help: ArgumentHelp("IANA time zone (default: the store's).", valueName: "zone"))
    var timezone: String?

    @Option(help: ArgumentHelp("ISO 4217 currency for its prices (default: the store's).", valueName: "code"))
    var currency: String?

    @Option(help: ArgumentHelp("A description, searched by `event list --query`.", valueName: "text"))
    var description: String?

    @Option(help: ArgumentHelp("VAT included in the prices, in percent (shown on receipts): 5.5, 20.", valueName: "percent"))
    var vatRate: String?

    @Option(help: ArgumentHelp("When sales open.", valueName: "time"))
    var salesStart: String?

    @Option(help: ArgumentHelp("When sales close.", valueName: "time"))
    var salesEnd: String?

    @Option(help: ArgumentHelp("How long a waiting-list offer keeps its places (default 24h).", valueName: "duration"))
    var waitlistOffer: String?

    var input: EventInput {
        EventInput(
            title: title, startsAt: startsAt, endsAt: endsAt, venue: venue, address: address, category: category,
            capacity: capacity, timezone: timezone, currency: currency, description: description,
            salesStart: salesStart, salesEnd: salesEnd, vatRate: vatRate, waitlistOffer: waitlistOffer)
    }
}

/// How event commands show events and tiers to people.
extension Output {
    func statusText(_ status: EventStatus) -> String {
        switch status {
        case .published: styled("published", .green)
        case .draft: styled("draft", .yellow)
        case .cancelled: styled("cancelled", .red)
        case .past: styled("past", .dim)
        }
    }

    /// `2026-06-21 20:30 → 23:30 CEST`, in the event's own zone.
    func when(_ event: Event) -> String {
        let start = TimeText.local(event.startsAt, in: event.zone)
        let end = TimeText.local(event.endsAt, in: event.zone)
        let sameDay = start.prefix(10) == end.prefix(10)
        return String(start.dropLast(start.count - 16)) + " → " + (sameDay ? String(end.dropFirst(11)) : end)
    }

    func describe(_ event: Event) -> String {
        var pairs: [(String, String)] = [
            ("Status", statusText(event.status)),
            ("When", when(event) + " (\(event.timezone))"),
            ("Venue", event.venue.address.isEmpty ? event.venue.name : "\(event.venue.name), \(event.venue.address)"),
        ]
        if let category = event.category { pairs.append(("Category", category)) }
        pairs.append(("Capacity", event.capacity.map(String.init) ?? "no limit"))
        if let vat = event.vatRateBasisPoints { pairs.append(("VAT", Event.vatText(vat) + " % included")) }
        if event.salesStart != nil || event.salesEnd != nil {
            pairs.append(
                (
                    "Sales",
                    "\(event.salesStart.map { TimeText.local($0, in: event.zone) } ?? "now") → \(event.salesEnd.map { TimeText.local($0, in: event.zone) } ?? "the start")"
                ))
        }
        if let reason = event.cancelReason { pairs.append(("Cancelled", reason)) }
        pairs += [("Slug", event.slug), ("Key", event.key), ("ID", event.id)]
        var text = styled(event.title, .bold) + "\n" + fields(pairs)
        if !event.description.isEmpty { text += "\n\n" + event.description }
        if let tiers = event.tiers {
            text +=
                "\n\n"
                + (tiers.isEmpty
                    ? "No tiers yet: add one with `billetterie event tier add \(event.slug) --name Standard --price 20`." : tierTable(tiers, in: event))
        }
        return text
    }

    func tierTable(_ tiers: [Tier], in event: Event) -> String {
        table(
            ["TIER", "PRICE", "QUOTA", "SOLD", "HELD", "AVAILABLE", "PER ORDER", "KIND", "SALES", "ID"],
            tiers.map { tier in
                let kind = [tier.addon ? "add-on" : "admission", tier.requiresAdmission ? "with admission" : nil, tier.hidden ? "hidden" : nil]
                    .compactMap { $0 }.joined(separator: ", ")
                let window =
                    tier.salesStart == nil && tier.salesEnd == nil
                    ? "with the event"
                    : "\(tier.salesStart.map { TimeText.local($0, in: event.zone) } ?? "…") → \(tier.salesEnd.map { TimeText.local($0, in: event.zone) } ?? "…")"
                return [
                    tier.name, tier.price.description, tier.quota.map(String.init) ?? "-",
                    tier.availability.map { String($0.sold) } ?? "-", tier.availability.map { String($0.held) } ?? "-",
                    tier.availability.map { $0.available.map(String.init) ?? "no limit" } ?? "-",
                    tier.maxPerOrder.map(String.init) ?? "-", kind, window, tier.id,
                ]
            })
    }
}

import ArgumentParser
import BilletterieCore
import Foundation

extension EventCommand {
    struct Import: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Create or update an event and its tiers from a JSON or YAML file.",
            discussion: """
                Idempotent on the file's `key`: the first run creates the event, a rerun of the
                same file changes nothing, a changed file updates what changed, all in one
                transaction. Tiers are matched by name; tiers the file leaves out stay. See
                Docs/examples/ and Docs/event-files.md.

                Example:
                  billetterie event import Docs/examples/jazz-night.yaml
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("A .json, .yaml or .yml file.", valueName: "file"))
        var file: String

        struct Result: Encodable {
            let outcome: Catalogue.ImportOutcome
            let event: Event
        }

        func run(in context: CommandContext) throws {
            let document = try EventDocument.load(path: file)
            let (event, outcome) = try context.catalogue().importEvent(document, actor: try context.actor())
            try context.output.emit(Result(outcome: outcome, event: event)) {
                switch outcome {
                case .created: "\(context.output.styled("Created", .green)) \(event.title) (\(event.slug)) from \(file)"
                case .updated: "\(context.output.styled("Updated", .green)) \(event.title) (\(event.slug)) from \(file)"
                case .unchanged: "\(event.title) (\(event.slug)) already matches \(file); nothing changed."
                }
            }
        }
    }

    struct Export: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write an event and its tiers as JSON or YAML, the format `event import` reads; or its tiers as CSV.",
            discussion: """
                Times are written in the event's own zone with their offset; prices as decimals.
                --format csv writes one row per tier with the event's columns repeated (for a
                spreadsheet; `event import` reads JSON and YAML). With -o and --json, stdout
                gets a JSON summary.

                Examples:
                  billetterie event export jazz-night --format yaml -o jazz-night.yaml
                  billetterie event export jazz-night --format csv -o jazz-night-tiers.csv
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The event: id, slug, key or title.", valueName: "event"))
        var event: String

        @Option(help: "json (default), yaml or csv (the tiers).")
        var format: String = "json"

        @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file"))
        var output: String?

        func validate() throws {
            guard EventDocument.Format(rawValue: format) != nil || format == "csv" else {
                throw ValidationError("--format must be json, yaml or csv, not '\(format)'")
            }
        }

        func run(in context: CommandContext) throws {
            let document = try context.catalogue().exportEvent(event, viewer: try context.optionalActor())
            let text = format == "csv" ? Self.csv(document) : try document.render(EventDocument.Format(rawValue: format)!)
            if let output {
                try FileSystem.writePrivateFile(output, Array(text.utf8))
                try context.output.emit(WrittenFile(file: output, format: format, rows: document.tiers?.count ?? 0)) { "" }
                context.output.status("Wrote \(output)")
            } else {
                Output.writeOut(text)
            }
        }

        /// One row per tier; prices are decimals with the currency beside them.
        static func csv(_ d: EventDocument) -> String {
            let event = [
                d.key ?? "", d.title ?? "", d.status ?? "", d.startsAt ?? "", d.endsAt ?? "", d.timezone ?? "", d.venue?.name ?? "", d.venue?.address ?? "",
            ]
            return CSV.line([
                "key", "title", "status", "starts_at", "ends_at", "timezone", "venue", "address", "tier", "price", "currency", "quota",
                "max_per_order", "addon", "sales_start", "sales_end",
            ])
                + (d.tiers ?? []).map { t in
                    CSV.line(
                        event + [
                            t.name ?? "", t.price ?? "", d.currency ?? "", t.quota.map(String.init) ?? "", t.maxPerOrder.map(String.init) ?? "",
                            t.addon == true ? "yes" : "no", t.salesStart ?? "", t.salesEnd ?? "",
                        ])
                }.joined()
        }
    }
}

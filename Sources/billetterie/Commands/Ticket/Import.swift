import ArgumentParser
import BilletterieCore

extension TicketCommand {
    struct Import: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import orders from a CSV file (guest lists, other channels), all or nothing.",
            discussion: """
                The header row names the columns, in any order: external_id and buyer_email are
                required; buyer_name, tier, quantity, attendee_name and attendee_email are
                optional. RFC 4180 quoting, UTF-8 (a BOM is fine), CRLF or LF. One transaction:
                when any row is bad, every bad row is listed by its line number (the header is
                line 1) and nothing is imported (exit 65). Rows whose external_id was imported
                before are skipped, so rerunning a file is safe. Capacity and quotas hold;
                per-order limits and sales windows do not apply to imports.
                --paid-by comp (the default) makes complimentary tickets; cash records the
                tier price as paid. --dry-run checks the whole file and counts what it would
                import, changing nothing.

                Examples:
                  billetterie ticket import guests.csv --event jazz-night --tier Standard --dry-run
                  billetterie ticket import guests.csv --event jazz-night --tier Standard --paid-by comp
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The CSV file.", valueName: "file"))
        var file: String

        @Option(help: ArgumentHelp("The event: id, slug, key or title.", valueName: "event"))
        var event: String

        @Option(help: ArgumentHelp("The tier for rows without a tier column.", valueName: "tier"))
        var tier: String?

        @Option(help: "comp (default) or cash.")
        var paidBy = "comp"

        @Flag(help: "Check every row and say what would be imported; change nothing.")
        var dryRun = false

        func validate() throws {
            guard TicketImport.PaidBy(rawValue: paidBy) != nil else { throw ValidationError("--paid-by must be cash or comp, not '\(paidBy)'") }
        }

        func run(in context: CommandContext) throws {
            var bar = ProgressBar(label: "Importing", output: context.output)
            defer { bar.finish() }
            let summary = try TicketImport(store: try context.store(), now: context.now).run(
                path: file, event: event, defaultTier: tier, paidBy: TicketImport.PaidBy(rawValue: paidBy)!,
                actor: try context.actor(), dryRun: dryRun
            ) { done, total in bar.update(done: done, total: total) }
            bar.finish()
            try context.output.emit(summary) {
                (summary.dryRun ? context.output.styled("Dry run", .yellow) + ": nothing was changed; it would have imported " : "")
                    + "\(summary.dryRun ? "" : context.output.styled("Imported", .green) + " ")\(summary.orders) orders (\(summary.tickets) tickets, \(summary.paidBy.rawValue))"
                    + (summary.skipped > 0 ? "; \(summary.skipped) rows were imported before and were skipped." : ".")
            }
        }
    }
}

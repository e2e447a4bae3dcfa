import ArgumentParser
import BilletterieCore

extension ValidateCommand {
    struct PackCommand: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "pack",
            abstract: "Write a gate pack (what an offline gate needs, signed, nothing secret), or a delta for one.",
            discussion: """
                The pack holds the store's public keys, the event, its tiers and its tickets'
                states as of now, each signed by the store: no private key, no e-mail address. A
                gate refuses a pack whose signatures do not verify. At the gate:
                `billetterie validate --pack FILE --stream --gate B`. Afterwards:
                `billetterie validate merge FILE`. The event's organizer or an admin.

                A correctly signed code of the event that the pack does not know (a sale after the
                pack was made) is admitted with the warning not_in_pack, or refused as
                not_in_pack with `--unknown reject`.

                `--update OLD -o DELTA` writes what changed since the pack OLD was made (voided,
                refunded, transferred, admitted online and newly sold tickets), signed for OLD
                and its copies; carry it to the gate and run `validate --pack OLD --apply DELTA`.
                Each delta holds every change since OLD, so the latest one is all a gate needs,
                and applying one twice, or an older one after it, changes nothing.

                Examples:
                  billetterie validate pack --event jazz-night -o gate-b.pack
                  billetterie validate pack --event jazz-night --unknown reject -o gate-c.pack
                  billetterie validate pack --event jazz-night --list parking -o car-park.pack
                  billetterie validate pack --update gate-b.pack -o gate-b-2030.delta
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: ArgumentHelp("The event: id, slug, key or title.", valueName: "event"))
        var event: String?

        @Option(name: [.customShort("o"), .long], help: ArgumentHelp("The pack or delta file to write (must not exist).", valueName: "file"))
        var output: String

        @Option(
            help: ArgumentHelp(
                "A signed code the pack does not know (sold after it was made): accept it with a warning (default), or reject it.",
                valueName: "accept|reject"))
        var unknown: String?

        @Option(help: ArgumentHelp("Write a delta: what changed since this pack was made.", valueName: "old-pack"))
        var update: String?

        @Option(help: ArgumentHelp("The check-in list the gate checks (default main): a pack is made per list.", valueName: "name"))
        var list: String?

        func validate() throws {
            if let unknown, GatePack.UnknownTickets(rawValue: unknown) == nil {
                throw ValidationError("--unknown must be accept or reject, not '\(unknown)'")
            }
            if update != nil {
                if unknown != nil { throw ValidationError("--unknown is the pack's own choice: a delta keeps the one its pack was made with") }
                if event != nil { throw ValidationError("--update takes the event from the pack it updates: leave out --event") }
                if list != nil { throw ValidationError("--update takes the list from the pack it updates: leave out --list") }
            } else if event == nil {
                throw ValidationError("give --event EVENT to make a pack, or --update OLD-PACK to make a delta")
            }
        }

        func run(in context: CommandContext) throws {
            if let update {
                let delta = try GatePack.makeDelta(since: update, path: output, store: try context.store(), actor: try context.actor(), now: context.now)
                try context.output.emit(delta) {
                    "Wrote the delta \(output) for \(update): \(delta.tickets) tickets and \(delta.tiers) tiers changed, \(delta.bytes) bytes, "
                        + "as of \(TimeText.utc(delta.asOf)). At the gate: billetterie validate --pack \(update) --apply \(output)"
                }
                return
            }
            let summary = try GatePack.make(
                event: event ?? "", path: output, store: try context.store(), actor: try context.actor(), now: context.now,
                unknown: GatePack.UnknownTickets(rawValue: unknown ?? "accept") ?? .accept, list: list ?? CheckinList.mainName)
            try context.output.emit(summary) {
                "Wrote the gate pack \(output) for the list \(summary.list): \(summary.tickets) tickets of \(summary.eventID), as of \(TimeText.utc(summary.madeAt))."
            }
        }
    }

    struct Exchange: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "exchange",
            abstract: "Write a gate's admissions to a file for another gate (gate to gate, no store, no network).",
            discussion: """
                Writes the admissions and exits this gate knows and has not put in an exchange file
                before (its own, and those other gates sent it), signed with the gate's key. At
                another gate of the same event: `billetterie validate --pack OTHER --apply FILE`;
                those tickets are then inside (already_used) or out there, and its inside count
                shows them. --all writes every movement again (a gate that joins late). Needs no
                store and no login.

                Example:
                  billetterie validate exchange --pack gate-a.pack -o from-a.scans
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: ArgumentHelp("This gate's pack.", valueName: "file"))
        var pack: String

        @Option(name: [.customShort("o"), .long], help: ArgumentHelp("The exchange file to write (must not exist).", valueName: "file"))
        var output: String

        @Flag(help: "Every admission the gate knows, not only those since its last exchange.")
        var all = false

        func run(in context: CommandContext) throws {
            let summary = try GatePack.open(path: pack).exchange(to: output, all: all, now: context.currentTime())
            try context.output.emit(summary) {
                "Wrote \(output): \(summary.admissions) admission\(summary.admissions == 1 ? "" : "s") and \(summary.exits) exit\(summary.exits == 1 ? "" : "s"). "
                    + "At another gate: billetterie validate --pack OTHER --apply \(output)"
            }
        }
    }

    struct Merge: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge",
            abstract: "Bring gate packs' scans into the store and report tickets admitted twice.",
            discussion: """
                Each scan comes in once, however often a pack is merged. Nothing in a pack is
                believed: a file altered outside billetterie, a pack of another store, and every
                scan that does not check out against the store (a ticket of another event, an
                admission whose code is not that ticket's, a time outside the pack's life) are
                listed as not imported. Every ticket admitted more than once (at two gates, or at
                a gate and the online door) is listed with each admission's time and gate; the
                command still exits 0.

                Example:
                  billetterie validate merge gate-a.pack gate-b.pack
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The gate packs.", valueName: "file"))
        var files: [String]

        func validate() throws {
            if files.isEmpty { throw ValidationError("name at least one gate pack") }
        }

        func run(in context: CommandContext) throws {
            let report = try GatePack.merge(paths: files, store: try context.store(), actor: try context.actor(), now: context.now)
            try context.output.emit(report) {
                var lines = ["Imported \(report.imported) scans from \(files.count) pack\(files.count == 1 ? "" : "s")."]
                if report.doubleAdmissions.isEmpty {
                    lines.append("No ticket was admitted twice.")
                } else {
                    lines.append(context.output.styled("\(report.doubleAdmissions.count) tickets admitted more than once:", .red))
                    for double in report.doubleAdmissions {
                        lines.append(
                            "  \(double.ticket): "
                                + double.admissions.map { "\(TimeText.utc($0.at)) at gate \($0.gate.isEmpty ? "?" : $0.gate)" }.joined(separator: ", "))
                    }
                }
                if !report.invalidAdmissions.isEmpty {
                    lines.append(context.output.styled("\(report.invalidAdmissions.count) admitted though they could not come in then:", .red))
                    for entry in report.invalidAdmissions.prefix(50) {
                        lines.append("  \(entry.ticket): \(TimeText.utc(entry.at)) at gate \(entry.gate.isEmpty ? "?" : entry.gate): \(entry.why)")
                    }
                }
                if !report.refused.isEmpty {
                    lines.append(context.output.styled("Not imported (\(report.refused.count)):", .yellow))
                    for refusal in report.refused.prefix(50) {
                        lines.append("  \(refusal.pack)\(refusal.scan.map { " scan \($0)" } ?? ""): \(refusal.reason)")
                    }
                    if report.refused.count > 50 { lines.append("  ... and \(report.refused.count - 50) more (see --json)") }
                }
                return lines.joined(separator: "\n")
            }
        }
    }
}

import ArgumentParser
import BilletterieCore
import Foundation

struct NotifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify",
        abstract: "Write the e-mails that changes call for into the outbox (a Maildir); reminders; templates.",
        discussion: """
            Every change (a paid order, a declined card, a refund, a transfer, a new time or
            venue, a cancellation) is queued as it commits. `notify run` writes the messages
            into OUTBOX/new/, one RFC 5322 .eml file each, for whatever sends your mail
            (msmtp, a mail client, a sync script) to pick up.

            Examples:
              billetterie notify run
              billetterie notify remind --within 24h
              billetterie notify list --status failed
              billetterie notify template set order_confirmation.html mine.html --locale fr
              billetterie notify settings --sender "Box office <tickets@venue.example>" --locale fr
            """,
        subcommands: [Run.self, Remind.self, List.self, Show.self, TemplateCommand.self, Settings.self])

    /// What `run` and `remind` print; exit 73 when some messages could not be written.
    static func report(_ summary: Notifier.Summary, context: CommandContext) throws {
        try context.output.emit(summary) {
            var text =
                "\(context.output.styled("Wrote", .green)) \(summary.written) message\(summary.written == 1 ? "" : "s") to \(summary.outbox)/new"
                + (summary.planned > 0 ? " (\(summary.planned) newly queued)." : ".")
                + (summary.withdrawn > 0
                    ? "\n\(summary.withdrawn) withdrawn: no longer true (an order cancelled or paid since); see `notify list --status withdrawn`."
                    : "")
            if summary.failed > 0 {
                text +=
                    "\n" + context.output.styled("\(summary.failed) could not be written", .red) + "; the next run retries them:\n"
                    + summary.failures.map { "  " + $0 }.joined(separator: "\n")
            }
            return text
        }
        if summary.failed > 0 { throw ExitCode(ExitCodes.cannotCreate) }
    }

    static func notifier(_ context: CommandContext) throws -> Notifier {
        // BILLETTERIE_NOTIFY_BATCH: messages per file-system sync (tests stop a run midway).
        let batch = context.environment["BILLETTERIE_NOTIFY_BATCH"].flatMap { Int($0) } ?? 200
        return Notifier(store: try context.store(), now: context.now, outboxPath: context.options.outboxPath, batchSize: batch)
    }

    struct Run: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Write every pending message to the outbox; retry the failed ones.",
            discussion: """
                A message is written to OUTBOX/tmp/ and renamed into OUTBOX/new/ (Maildir), so
                a crash never leaves half a message, and a rerun never writes one twice.
                Organizers handle their events' messages; admins all. Exit 73 when the outbox
                cannot be written (the messages are marked failed with the reason).

                Examples:
                  billetterie notify run
                  billetterie notify run --outbox /srv/mail/outbox --json
                """)

        @OptionGroup var global: GlobalOptions

        func run(in context: CommandContext) throws {
            var bar = ProgressBar(label: "Writing messages", output: context.output)
            let summary = try NotifyCommand.notifier(context).deliver(actor: try context.actor()) { done, total in
                bar.update(done: done, total: total)
            }
            bar.finish()
            try NotifyCommand.report(summary, context: context)
        }
    }

    struct Remind: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "remind",
            abstract: "Remind every holder of valid tickets for events starting soon; never twice.",
            discussion: """
                One message per holder per event, listing their tickets with QR codes; a ticket
                is reminded of once, however often this runs (run it from cron). Then writes
                everything pending, as `notify run` does.

                Examples:
                  billetterie notify remind                 # events starting within 24 hours
                  billetterie notify remind --within 3d
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: ArgumentHelp("Events starting within this long from now: 90m, 24h, 3d.", valueName: "duration"))
        var within = "24h"

        func run(in context: CommandContext) throws {
            let window = try TimeText.duration(within)
            var bar = ProgressBar(label: "Writing reminders", output: context.output)
            let summary = try NotifyCommand.notifier(context).remind(within: window, actor: try context.actor()) { done, total in
                bar.update(done: done, total: total)
            }
            bar.finish()
            try NotifyCommand.report(summary, context: context)
        }
    }

    struct List: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List messages: pending, sent, failed or withdrawn (with why).",
            discussion: """
                A message is withdrawn, not written, when it is no longer true at its turn: the
                confirmation of an order cancelled since, a declined payment on an order paid
                since, anything but the cancellation about an event cancelled since.

                Examples:
                  billetterie notify list
                  billetterie notify list --status failed --json
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var page: PageOptions

        @Option(help: "pending, sent, failed or withdrawn.")
        var status: String?

        @Option(help: ArgumentHelp("Only this event's (id, slug, key or title).", valueName: "event"))
        var event: String?

        func validate() throws {
            if let status, NotificationStatus(rawValue: status) == nil {
                throw ValidationError("--status must be pending, sent, failed or withdrawn, not '\(status)'")
            }
        }

        func run(in context: CommandContext) throws {
            let actor = try context.actor()
            let event = try self.event.map { try context.catalogue().event($0, viewer: actor) }
            let result = try NotifyCommand.notifier(context).list(
                status: status.flatMap(NotificationStatus.init(rawValue:)), event: event,
                actor: actor, limit: page.limit, offset: page.offset)
            let output = context.output
            try output.emit(ListResult(items: result.notifications, total: result.total)) {
                output.list(shown: result.notifications.count, total: result.total, plural: "messages") {
                    output.table(
                        ["ID", "KIND", "TO", "STATUS", "QUEUED", "SUBJECT / WHY NOT"],
                        result.notifications.map {
                            [
                                $0.id, $0.kind.rawValue, $0.recipient.email,
                                output.styled($0.status.rawValue, $0.status == .failed ? .red : $0.status == .sent ? .green : .bold),
                                TimeText.utc($0.createdAt), $0.status == .failed || $0.status == .withdrawn ? ($0.failure ?? "") : ($0.subject ?? ""),
                            ]
                        })
                }
            }
        }
    }

    struct Show: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "One message: to whom, about what, its status and its file.",
            discussion: """
                Example:
                  billetterie notify show ntf_4f2k...
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The message id (see `notify list`).", valueName: "id"))
        var id: String

        func run(in context: CommandContext) throws {
            let result = try NotifyCommand.notifier(context).show(id, actor: try context.actor())
            struct Shown: Encodable {
                let notification: QueuedMessage
                let path: String?
                func encode(to encoder: Encoder) throws {
                    try notification.encode(to: encoder)
                    enum Key: String, CodingKey { case path }
                    var c = encoder.container(keyedBy: Key.self)
                    try c.encode(path, forKey: .path)
                }
            }
            let n = result.notification
            try context.output.emit(Shown(notification: n, path: result.path)) {
                context.output.fields([
                    ("Message", n.id), ("Kind", n.kind.rawValue),
                    ("To", n.recipient.name.isEmpty ? n.recipient.email : "\(n.recipient.name) <\(n.recipient.email)>"),
                    ("Status", n.status.rawValue + (n.failure.map { " (\($0))" } ?? "")), ("Subject", n.subject ?? "(not written yet)"),
                    ("Queued", TimeText.utc(n.createdAt)), ("Written", n.sentAt.map(TimeText.utc) ?? "-"), ("Attempts", String(n.attempts)),
                    ("File", result.path ?? n.file),
                ])
            }
        }
    }

    struct Settings: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "settings",
            abstract: "Show or set who messages come from, their language, and whether tickets come as a PDF.",
            discussion: """
                The sender, the store's language and --attach-pdf are an admin's to set; an
                event's language is its organizer's. Without options, shows them. With
                --attach-pdf on, confirmations carry their tickets as a PDF, one per page
                (`ticket pdf`), besides the QR images.

                Examples:
                  billetterie notify settings
                  billetterie notify settings --sender "Salle Pleyel <billets@pleyel.example>" --locale fr
                  billetterie notify settings --event jazz-night --locale en
                  billetterie notify settings --attach-pdf on
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: ArgumentHelp("The From of every message: \"Name <address>\".", valueName: "mailbox"))
        var sender: String?

        @Option(help: ArgumentHelp("en or fr: the store's language, or with --event that event's.", valueName: "locale"))
        var locale: String?

        @Option(help: ArgumentHelp("Set or show this event's language (id, slug, key or title).", valueName: "event"))
        var event: String?

        @Option(help: ArgumentHelp("on: confirmations carry their tickets as a PDF; off (the default): QR images only.", valueName: "on|off"))
        var attachPdf: String?

        func validate() throws {
            if let attachPdf, attachPdf != "on" && attachPdf != "off" { throw ValidationError("--attach-pdf takes on or off, not '\(attachPdf)'") }
        }

        func run(in context: CommandContext) throws {
            let actor = try context.actor()
            let notifier = try NotifyCommand.notifier(context)
            let event = try self.event.map { try context.catalogue().event($0, viewer: actor) }
            let locale = try self.locale.map(MessageLocale.parse)
            if event != nil, sender != nil || attachPdf != nil {
                throw BilletterieError.usage(message: "--sender and --attach-pdf are store-wide; give them without --event")
            }
            if let sender { try notifier.setSender(sender, actor: actor) }
            if let attachPdf { try notifier.setAttachPDF(attachPdf == "on", actor: actor) }
            if let locale { try notifier.setLocale(locale, event: event, actor: actor) }
            let settings = try notifier.settings(event: event, actor: actor)
            try context.output.emit(settings) {
                context.output.fields(
                    [("Sender", settings.sender), ("Language", settings.locale), ("PDF tickets", settings.attachPDF ? "attached" : "not attached")]
                        + (event.map { [("Language of \($0.slug)", settings.eventLocale ?? "(the store's)")] } ?? []))
            }
        }
    }
}

import ArgumentParser

@main
struct Billetterie: ParsableCommand {
    /// Scripts/package reads it from this line.
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "billetterie",
        abstract: "An offline box office: events, tickets, payments, the door.",
        discussion: """
            One store file holds everything (--db, $BILLETTERIE_DB).

            Example:
              billetterie init --admin-email you@example.org
              billetterie user login --email you@example.org

            \(ExitCodes.helpText)
            """,
        version: version,
        subcommands: [
            Init.self, UserCommand.self, EventCommand.self, TicketCommand.self, VoucherCommand.self, WaitlistCommand.self, PayCommand.self, RefundCommand.self,
            ValidateCommand.self, NotifyCommand.self,
            ReportCommand.self, BackupCommand.self, DoctorCommand.self,
        ]
    )
}

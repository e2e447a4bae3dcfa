import ArgumentParser
import BilletterieCore
import Foundation

struct Init: StoreCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new store: schema, ticket-signing keys and the first admin.",
        discussion: """
            Refuses (exit 4) when a store already exists at the path. The store and its
            folder are readable by their owner only (0600 / 0700). With --db
            postgresql://USER@HOST/DB the store is made in that (existing, empty)
            database instead; the password comes from PGPASSWORD or ~/.pgpass.

            --from BACKUP makes the new store, of either engine, from a file that
            `billetterie backup` wrote: its people, keys, sales and scans; no admin is
            made (the backup's accounts log in as before).

            Example:
              printf '%s\\n' 'correct horse battery staple' | \\
                billetterie init --admin-email admin@example.org --admin-password-stdin \\
                --venue-name "Salle Pleyel" --currency EUR --timezone Europe/Paris
              billetterie init --db restored.sqlite3 --from backup.sqlite3
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var passwordGuard: PasswordArgumentGuard

    @Option(help: ArgumentHelp("The venue's name, shown on tickets and receipts.", valueName: "name"))
    var venueName: String?

    @Option(help: ArgumentHelp("Default ISO 4217 currency for events.", valueName: "code"))
    var currency = "EUR"

    @Option(help: ArgumentHelp("Default IANA time zone for events (default: this machine's).", valueName: "zone"))
    var timezone: String?

    @Option(help: ArgumentHelp("The first admin's e-mail address; they log in with it.", valueName: "email"))
    var adminEmail: String?

    @Option(name: .customLong("from"), help: ArgumentHelp("Make the store from this backup file instead (no admin is made).", valueName: "backup"))
    var backupFile: String?

    @Option(help: ArgumentHelp("The first admin's name (default: the part of the e-mail before @).", valueName: "name"))
    var adminName: String?

    @Flag(help: "Read the admin's password from standard input (one line) instead of asking.")
    var adminPasswordStdin = false

    struct Result: Encodable {
        let db: String
        let admin: User
        let settings: StoreSettings
    }

    struct Restored: Encodable {
        let db: String
        let from: String
        let settings: StoreSettings
    }

    func validate() throws {
        if backupFile != nil {
            for (given, flag) in [
                (adminEmail != nil, "--admin-email"), (adminName != nil, "--admin-name"), (venueName != nil, "--venue-name"),
                (timezone != nil, "--timezone"), (adminPasswordStdin, "--admin-password-stdin"),
            ] where given {
                throw ValidationError("--from restores the backup's own settings and accounts; leave out \(flag)")
            }
        } else if adminEmail == nil {
            throw ValidationError("Missing expected argument '--admin-email <email>' (or --from BACKUP to restore a backup)")
        }
    }

    func run(in context: CommandContext) throws {
        let path = context.databasePath
        if let backupFile {
            let store = try StoreSetup.restore(from: backupFile, at: path, now: context.now)
            let settings = try store.settings()
            try context.output.emit(Restored(db: path, from: backupFile, settings: settings)) {
                let output = context.output
                return """
                    \(output.styled("Restored the store", .green)) \(path)
                    \(output.fields([("From", backupFile), ("Venue", settings.venueName ?? "-"), ("Currency", settings.currency), ("Time zone", settings.timezone)]))
                    Next: billetterie user login --email ADMIN-EMAIL
                    """
            }
            return
        }
        let adminEmail = adminEmail ?? ""
        let options = StoreSetup.Options(
            venueName: venueName, currency: currency, timezone: timezone ?? TimeZone.current.identifier,
            adminEmail: adminEmail, adminName: adminName)
        // Refuse what can be refused before asking for a password nobody will use.
        try StoreSetup.checkNoStore(at: path)
        _ = try StoreSetup.validate(options, password: nil)
        let password = try Secrets.password(
            fromStdin: adminPasswordStdin, label: "Password for \(adminEmail)", confirm: true,
            stdinFlag: "--admin-password-stdin")
        let (store, admin) = try StoreSetup.initialize(at: path, options: options, password: password, now: context.now)
        let settings = try store.settings()
        try context.output.emit(Result(db: path, admin: admin, settings: settings)) {
            let output = context.output
            return """
                \(output.styled("Created the store", .green)) \(path)
                \(output.fields([
                    ("Admin", "\(admin.email) (\(admin.id))"),
                    ("Venue", settings.venueName ?? "-"),
                    ("Currency", settings.currency),
                    ("Time zone", settings.timezone),
                ]))
                Next: billetterie user login --email \(admin.email)
                """
        }
    }
}

import ArgumentParser
import BilletterieCore
import Foundation

/// The process environment, read with getenv(3) one name at a time: Foundation's
/// `ProcessInfo.environment` builds a dictionary of every variable (a tenth of a millisecond
/// of a door scan, which is a whole process).
struct Environment: Sendable {
    static let values = Environment()

    subscript(name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}

/// The options every leaf command takes (CLI.md section 1).
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The store file, or a postgresql://USER@HOST/DB server (password in ~/.pgpass). Default: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.",
            valueName: "path"))
    var db: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Where messages and files are written. Default: $BILLETTERIE_OUTBOX, else outbox/ beside the store (a server store: $XDG_DATA_HOME/billetterie/outbox).",
            valueName: "dir"))
    var outbox: String?

    @Flag(name: .long, help: "Print one JSON document on stdout (errors as JSON on stderr).")
    var json = false

    /// The same options as plain values, for the command context.
    var values: GlobalValues { GlobalValues(db: db, outbox: outbox, json: json) }

    var databasePath: String { values.databasePath }
    var outboxPath: String { values.outboxPath }
}

/// --db, --outbox and --json as plain values: what the context keeps, and what the door's
/// fast argument reader fills without ArgumentParser's property wrappers (whose first use
/// costs a one-scan process more than its lookup).
struct GlobalValues: Sendable {
    var db: String?
    var outbox: String?
    var json = false

    /// The store path: --db, then $BILLETTERIE_DB, then the XDG data folder.
    var databasePath: String {
        let environment = Environment.values
        if let db, !db.isEmpty { return db }
        if let fromEnv = environment["BILLETTERIE_DB"], !fromEnv.isEmpty { return fromEnv }
        let dataHome =
            environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (Self.home + "/.local/share")
        return dataHome + "/billetterie/billetterie.sqlite3"
    }

    /// The outbox: --outbox, then $BILLETTERIE_OUTBOX, then outbox/ beside the store (for a
    /// store on a server, which has no folder, outbox/ in the XDG data folder).
    var outboxPath: String {
        if let outbox, !outbox.isEmpty { return outbox }
        if let fromEnv = Environment.values["BILLETTERIE_OUTBOX"], !fromEnv.isEmpty { return fromEnv }
        if Store.isServerURL(databasePath) {
            let dataHome = Environment.values["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (Self.home + "/.local/share")
            return dataHome + "/billetterie/outbox"
        }
        let folder = (databasePath as NSString).deletingLastPathComponent
        return (folder.isEmpty ? "." : folder) + "/outbox"
    }

    static var home: String { GlobalOptions.home }
}

extension GlobalOptions {
    static var home: String {
        Environment.values["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    }
}

/// Options that exist only to refuse a password on the command line with a clear
/// message: argv shows in `ps` and shell history.
struct PasswordArgumentGuard: ParsableArguments {
    @Option(name: [.customLong("password"), .customLong("admin-password")], help: .private)
    var passwordOnCommandLine: String?

    func validate() throws {
        if passwordOnCommandLine != nil {
            throw ValidationError(
                "passwords are never taken on the command line (other users see it in `ps` and it stays in shell history); pipe it on standard input with --password-stdin, or leave that out to be asked"
            )
        }
    }
}

/// --limit / --offset for lists.
struct PageOptions: ParsableArguments {
    @Option(help: "Show at most this many (default 50).")
    var limit: Int = 50

    @Option(help: "Skip this many first (for paging).")
    var offset: Int = 0

    func validate() throws {
        guard limit >= 1, limit <= 10_000 else { throw ValidationError("--limit must be between 1 and 10000, not \(limit)") }
        guard offset >= 0 else { throw ValidationError("--offset must be 0 or more, not \(offset)") }
    }
}

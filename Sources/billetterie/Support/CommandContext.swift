import ArgumentParser
import BilletterieCore
import Foundation

/// A leaf command that works on the store. Its default `run()` builds the context once
/// (store, clock, output, who is acting) and hands it to `run(in:)`.
protocol StoreCommand: ParsableCommand {
    var global: GlobalOptions { get }
    func run(in context: CommandContext) throws
}

extension StoreCommand {
    func run() throws {
        try run(in: CommandContext(global: global))
    }
}

/// What a command needs to do its work, built once per process.
final class CommandContext {
    /// --db, --outbox, --json.
    let options: GlobalValues
    let output: Output
    /// "Now" for every rule: $BILLETTERIE_NOW when set (rehearsals, tests), else the clock.
    let now: Date
    let environment: Environment
    private var openedStore: Store?

    convenience init(global: GlobalOptions) throws {
        try self.init(options: global.values)
    }

    init(options: GlobalValues) throws {
        self.options = options
        self.environment = Environment.values
        self.output = Output(json: options.json, environment: environment)
        if let fixed = environment["BILLETTERIE_NOW"], !fixed.isEmpty {
            self.now = try TimeText.parse(fixed, what: "BILLETTERIE_NOW")
        } else {
            self.now = Date()
        }
    }

    var databasePath: String { options.databasePath }

    /// The time now, read again each call (a stream of scans lasts hours), unless
    /// $BILLETTERIE_NOW fixes it.
    func currentTime() -> Date {
        environment["BILLETTERIE_NOW"].map { _ in now } ?? Date()
    }

    /// The store, opened on first use.
    func store() throws -> Store {
        if let openedStore { return openedStore }
        let store = try Store.open(at: databasePath)
        openedStore = store
        return store
    }

    func accounts() throws -> Accounts {
        Accounts(store: try store(), now: now)
    }

    func catalogue() throws -> Catalogue {
        Catalogue(store: try store(), now: now)
    }

    func sales() throws -> Sales {
        Sales(store: try store(), now: now)
    }

    func payments() throws -> Payments {
        Payments(store: try store(), now: now)
    }

    /// The token of whoever is acting: $BILLETTERIE_TOKEN, else the saved session for this store.
    func currentToken() throws -> String? {
        if let token = environment["BILLETTERIE_TOKEN"], !token.isEmpty { return token }
        return try SessionFile(environment: environment).token(for: databasePath)
    }

    /// Who is acting; exit 77 when nobody is logged in or the session is over.
    func session() throws -> Session {
        _ = try store()  // "no store here" says more than "not logged in"
        guard let token = try currentToken() else {
            throw BilletterieError.notAuthenticated(
                code: "not_logged_in", message: "not logged in; run `billetterie user login --email EMAIL` or set BILLETTERIE_TOKEN")
        }
        return try accounts().authenticate(token: token)
    }

    func actor() throws -> User { try session().user }

    /// Who is acting, or nil when nobody is (self-registration). A session that is over
    /// counts as nobody here: registering a participant needs no login.
    func optionalActor() throws -> User? {
        guard let token = try currentToken() else { return nil }
        do {
            return try accounts().authenticate(token: token).user
        } catch let error as BilletterieError where error.category == .notAuthorized {
            return nil
        }
    }
}

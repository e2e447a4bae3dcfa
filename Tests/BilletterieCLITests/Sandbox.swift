import Foundation
import Testing

@testable import BilletterieCore

/// A temporary folder with its own store, config and data folders, where the built
/// `billetterie` binary runs as a user would run it. Every end-to-end test makes one.
final class Sandbox {
    let folder: String
    var environment: [String: String]

    struct Result: CustomStringConvertible {
        let status: Int32
        let stdout: String
        let stderr: String
        /// stdout as bytes (a PDF written to stdout is not text).
        var stdoutBytes: [UInt8] = []
        var description: String { "exit \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }

        /// stdout parsed as a JSON object.
        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any] ?? [:]
        }
        /// stderr parsed as the `{"error": {...}}` object of --json.
        var errorJSON: [String: Any] {
            let object = (try? JSONSerialization.jsonObject(with: Data(stderr.utf8))) as? [String: Any]
            return object?["error"] as? [String: Any] ?? [:]
        }
    }

    /// The binary `swift test` built next to this test bundle.
    static let binary: String = {
        if let path = ProcessInfo.processInfo.environment["BILLETTERIE_BIN"] { return path }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // On some platforms argv[0] is inside the .xctest bundle; walk up to the products folder.
        for _ in 0..<4 where !FileManager.default.fileExists(atPath: folder.appendingPathComponent("billetterie").path) {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("billetterie").path
    }()

    /// The PostgreSQL server the suite runs against instead of store files, when
    /// Scripts/test (or a developer) sets $BILLETTERIE_TEST_POSTGRES to its URL: each sandbox
    /// then gets its own new database on it.
    static let postgresServer: String? = ProcessInfo.processInfo.environment["BILLETTERIE_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    static var onPostgres: Bool { postgresServer != nil }
    private var databaseName: String?

    init() {
        let template = NSTemporaryDirectory() + "billetterie-test-XXXXXX"
        var bytes = Array(template.utf8CString)
        let made = bytes.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(made != nil, "cannot make a temporary folder")
        folder = String(cString: made!)
        environment = [
            "PATH": "/usr/bin:/bin",
            "HOME": folder + "/home",
            "XDG_CONFIG_HOME": folder + "/config",
            "XDG_DATA_HOME": folder + "/data",
            "BILLETTERIE_DB": folder + "/store/billetterie.sqlite3",
            "NO_COLOR": "1",
        ]
        if let server = Self.postgresServer {
            let name =
                "t_" + (folder as NSString).lastPathComponent.lowercased().filter { $0.isLetter || $0.isNumber } + String(UInt32.random(in: 0...UInt32.max))
            do {
                try PostgresConnection(url: server).executeScript("CREATE DATABASE \(name)")
            } catch {
                preconditionFailure("cannot create a test database on \(server): \(error)")
            }
            databaseName = name
            environment["BILLETTERIE_DB"] = Self.url(server, database: name)
            // A server store has no folder to keep its outbox beside: the one tests look in.
            environment["BILLETTERIE_OUTBOX"] = folder + "/store/outbox"
        }
    }

    /// The server's URL with another database: postgresql:///postgres?host=... becomes postgresql:///NAME?host=...
    static func url(_ server: String, database: String) -> String {
        guard
            let slash = server.range(of: "/", options: .backwards, range: server.range(of: "://")!.upperBound..<(server.firstIndex(of: "?") ?? server.endIndex))
        else {
            return server + "/" + database
        }
        let end = server[slash.upperBound...].firstIndex(of: "?") ?? server.endIndex
        return String(server[..<slash.upperBound]) + database + String(server[end...])
    }

    deinit {
        try? FileManager.default.removeItem(atPath: folder)
        if let databaseName, let server = Self.postgresServer {
            for name in [databaseName] + extraDatabases {
                try? PostgresConnection(url: server).executeScript("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            }
        }
    }

    /// Where a second store of this sandbox's engine can be made: a new, empty database on
    /// the test server, or a file path in the sandbox.
    func newStoreLocation(_ name: String) throws -> String {
        guard let server = Self.postgresServer, let databaseName else { return folder + "/" + name + ".sqlite3" }
        let second = databaseName + "_" + name.lowercased().filter { $0.isLetter || $0.isNumber }
        try PostgresConnection(url: server).executeScript("CREATE DATABASE \(second)")
        extraDatabases.append(second)
        return Self.url(server, database: second)
    }
    private var extraDatabases: [String] = []

    /// A connection to this sandbox's store, on whichever engine it is, to read it back
    /// (or, in tests of what a damaged store does, to change it behind the program's back).
    func storeDatabase() throws -> any Database {
        Self.onPostgres ? try PostgresConnection(url: db) : try SQLiteConnection(path: db, create: false)
    }

    var db: String { environment["BILLETTERIE_DB"]! }

    /// Runs `billetterie ARGS` with `stdin` as its standard input (empty when nil).
    @discardableResult
    func run(_ arguments: [String], stdin: String? = nil, environment extra: [String: String] = [:]) throws -> Result {
        try run(arguments, stdinBytes: stdin.map { Array($0.utf8) }, environment: extra)
    }

    func run(_ arguments: [String], stdinBytes: [UInt8]?, environment extra: [String: String] = [:]) throws -> Result {
        try start(arguments, stdinBytes: stdinBytes, environment: extra).wait()
    }

    /// A started `billetterie` process; `wait()` gives its result.
    final class Running {
        let process: Process
        let outPath: String, errPath: String
        let out: FileHandle, err: FileHandle

        init(process: Process, outPath: String, errPath: String, out: FileHandle, err: FileHandle) {
            self.process = process
            self.outPath = outPath
            self.errPath = errPath
            self.out = out
            self.err = err
        }

        func wait() throws -> Result {
            process.waitUntilExit()
            try out.close()
            try err.close()
            defer {
                try? FileManager.default.removeItem(atPath: outPath)
                try? FileManager.default.removeItem(atPath: errPath)
            }
            return Result(
                status: process.terminationStatus,
                stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "",
                stdoutBytes: Array((try? Data(contentsOf: URL(fileURLWithPath: outPath))) ?? Data()))
        }
    }

    /// Starts `billetterie ARGS` without waiting for it (for tests of processes running at once).
    func start(_ arguments: [String], stdin: String? = nil, environment extra: [String: String] = [:]) throws -> Running {
        try start(arguments, stdinBytes: stdin.map { Array($0.utf8) }, environment: extra)
    }

    func start(_ arguments: [String], stdinBytes: [UInt8]?, environment extra: [String: String] = [:]) throws -> Running {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        process.environment = environment.merging(extra) { $1 }
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        // Files, not pipes: no deadlock however much a command prints.
        let id = UUID().uuidString
        let outPath = folder + "/.out-\(id)"
        let errPath = folder + "/.err-\(id)"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardOutput = out
        process.standardError = err
        // Standard input from a file too, not a pipe: a command that fails before reading
        // its input (a refused argument) may exit before a pipe is written, and the write's
        // SIGPIPE would end the whole test process (it did once, on a busy CI machine).
        let inPath = folder + "/.in-\(id)"
        _ = FileManager.default.createFile(atPath: inPath, contents: Data(stdinBytes ?? []))
        let input = try FileHandle(forReadingFrom: URL(fileURLWithPath: inPath))
        process.standardInput = input
        try process.run()
        Self.limit(process)
        try? input.close()
        unlink(inPath)
        return Running(process: process, outPath: outPath, errPath: errPath, out: out, err: err)
    }

    /// Every spawned binary has a time limit: a hung one is killed, and its test fails on
    /// the exit status rather than hanging the suite.
    static let timeLimit: TimeInterval = 120

    static func limit(_ process: Process) {
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + timeLimit) { [weak process] in
            if let process, process.isRunning, process.processIdentifier == pid { kill(pid, SIGKILL) }
        }
    }

    // MARK: Common set-ups

    static let adminPassword = "admin-passphrase"

    /// A store with its admin, logged in as that admin.
    func initialized() throws -> Sandbox {
        let made = try run(
            ["init", "--admin-email", "admin@example.org", "--admin-password-stdin", "--timezone", "Europe/Paris"],
            stdin: Self.adminPassword + "\n")
        #expect(made.status == 0, "\(made)")
        try login("admin@example.org", Self.adminPassword)
        return self
    }

    @discardableResult
    func login(_ email: String, _ password: String, extra: [String] = []) throws -> Result {
        let result = try run(["user", "login", "--email", email, "--password-stdin"] + extra, stdin: password + "\n")
        #expect(result.status == 0, "\(result)")
        return result
    }

    /// Registers an account as whoever is logged in.
    @discardableResult
    func register(_ email: String, role: String = "participant", password: String = "a-good-password") throws -> Result {
        let result = try run(
            [
                "user", "register", "--email", email, "--name", email.components(separatedBy: "@")[0],
                "--role", role, "--password-stdin", "--json",
            ], stdin: password + "\n")
        #expect(result.status == 0, "\(result)")
        return result
    }

    /// Every row of every table, as text: equal snapshots mean the store did not change.
    func snapshot() throws -> String {
        let connection = try storeDatabase()
        var text = ""
        let tables =
            Self.onPostgres
            ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name"
            : "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        for table in try connection.rows(tables) {
            let name = try table.string("name")
            text += "## \(name)\n"
            // Sorted here rather than by rowid: FTS5's shadow tables have none.
            let rows = try connection.rows("SELECT * FROM \"\(name)\"").map { $0.values.map { "\($0)" }.joined(separator: "|") }
            text += rows.sorted().joined(separator: "\n") + "\n"
        }
        return text
    }

    /// The permission bits of a file or folder (0o600...).
    func mode(_ path: String) -> Int {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return (attributes?[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    func domainEventTypes() throws -> [String] {
        let connection = try storeDatabase()
        return try connection.rows("SELECT type FROM domain_events ORDER BY seq").map { try $0.string("type") }
    }
}

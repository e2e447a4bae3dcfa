import ArgumentParser
import BilletterieCore
import Foundation

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "The door: check ticket codes, one or a scanner's stream, online or from a gate pack.",
        discussion: """
            `billetterie validate CODE` answers accepted (exit 0) or rejected (exit 1) with a
            reason: ok, already_used, unknown, invalid_signature, malformed, wrong_event, void,
            unpaid, addon_not_admission. Every scan is recorded before the answer is shown.

            Examples:
              billetterie validate 'B0B0...1' --event jazz-night --gate A
              billetterie validate --stream --event jazz-night --gate A     # a USB scanner
              billetterie validate pack --event jazz-night -o gate-b.pack
              billetterie validate --pack gate-b.pack --stream --gate B      # no store, no network
              billetterie validate merge gate-b.pack
            """,
        subcommands: [Check.self, PackCommand.self, Merge.self],
        defaultSubcommand: Check.self)
}

/// How the door shows an answer: a banner readable from two metres on a terminal, one line
/// otherwise, one JSON object per answer under --json.
struct DoorDisplay {
    let output: Output
    let banner: Bool

    init(output: Output) {
        self.output = output
        banner = output.stdoutIsTerminal && !output.json
    }

    static var width: Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 80
    }

    func text(_ answer: ScanAnswer) -> String {
        var facts: [String] = []
        if let ticket = answer.ticket {
            // A ticket sold after a gate pack was made has no name in the pack.
            facts.append(ticket.attendeeName.isEmpty ? "\(ticket.tier) (sold after the pack)" : "\(ticket.attendeeName) · \(ticket.tier)")
        }
        if !answer.accepted { facts.append(answer.reason.explanation + (answer.detail.map { " (\($0))" } ?? "")) }
        if let first = answer.firstScan { facts.append("first admitted \(TimeText.utc(first.at))\(first.gate.isEmpty ? "" : " at gate \(first.gate)")") }
        return facts.joined(separator: " — ")
    }

    /// The answer as people see it: a line, or a banner with a bell on rejection.
    func render(_ answer: ScanAnswer) -> String {
        let word = answer.accepted ? "ACCEPTED" : "REJECTED"
        guard banner else { return "\(word) \(answer.reason.rawValue) \(text(answer)) (\(answer.scanID))" }
        let width = max(20, Self.width)
        func line(_ content: String) -> String {
            let pad = max(0, width - content.count)
            return String(repeating: " ", count: pad / 2) + content + String(repeating: " ", count: pad - pad / 2)
        }
        let lines = ["", word, text(answer), ""].map(line)
        let body: String
        if output.colour {
            let style = answer.accepted ? "\u{1B}[42;30;1m" : "\u{1B}[41;97;1m"
            body = lines.map { style + $0 + "\u{1B}[0m" }.joined(separator: "\n")
        } else {
            let rule = String(repeating: answer.accepted ? "=" : "#", count: width)
            body = ([rule] + lines + [rule]).joined(separator: "\n")
        }
        return body + (answer.accepted ? "" : "\u{7}")
    }

    func emit(_ answer: ScanAnswer) {
        if output.json {
            Output.writeOut(answer.jsonLine + "\n")
        } else {
            Output.writeOut(render(answer) + "\n")
        }
    }
}

extension ValidateCommand {
    struct Check: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Validate one code, a stream of codes (--stream), or undo an admission (--undo).",
            discussion: """
                A rejection is an answer, not an error: exit 1, and with --json the answer is on
                stdout. --stream reads one code per line from standard input (a USB scanner
                types a line), answers each at once, ignores blank lines, answers a line that is
                not a code as malformed, and exits 0 at the end of input. --pack works on a gate
                pack without the store or a login. Staff, admins and the event's organizer.

                Examples:
                  billetterie validate 'B0B0...1' --event jazz-night --gate A
                  billetterie validate --stream --event jazz-night --gate A --json
                  billetterie validate --undo scn_4f2k...
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The code the QR carries (quote it: it may hold $ or spaces).", valueName: "code"))
        var code: String?

        @Option(help: ArgumentHelp("Only admit tickets of this event (id, slug, key or title).", valueName: "event"))
        var event: String?

        @Option(help: ArgumentHelp("This door's name, recorded with each scan: A, north, vip...", valueName: "gate"))
        var gate = ""

        @Flag(help: "Read codes from standard input, one per line, answering each at once.")
        var stream = false

        @Option(help: ArgumentHelp("Undo this admission (a scan id), so the holder can come back in.", valueName: "scan"))
        var undo: String?

        @Option(help: ArgumentHelp("Work from this gate pack instead of the store (no login needed).", valueName: "file"))
        var pack: String?

        func validate() throws {
            let modes = [code != nil, stream, undo != nil].filter { $0 }.count
            guard modes == 1 else { throw ValidationError("give a CODE, --stream, or --undo SCAN (one of them)") }
            if undo != nil && pack != nil { throw ValidationError("--undo works on the store, not on a pack") }
        }

        /// A pack needs no store: this command opens one only without --pack.
        func run() throws {
            let context = try CommandContext(global: global)
            if let pack {
                try runOffline(packPath: pack, context: context)
            } else {
                try run(in: context)
            }
        }

        func run(in context: CommandContext) throws {
            let actor = try context.actor()
            if let undo {
                let ticket = try Door.undo(scanID: undo, store: try context.store(), actor: actor, now: context.currentTime())
                struct Result: Encodable { let undone: String; let ticket: String }
                try context.output.emit(Result(undone: undo, ticket: ticket)) { "Undone: \(undo); \(ticket) may come in again." }
                return
            }
            let event = try self.event.map { try context.catalogue().event($0, viewer: actor) }
            let door = try Door(store: try context.store(), event: event, gate: gate, operator: actor)
            try answer(verifier: door.verifier, record: { try door.record($0, now: context.currentTime()) }, context: context)
        }

        func runOffline(packPath: String, context: CommandContext) throws {
            let gatePack = try GatePack.open(path: packPath)
            try answer(verifier: gatePack.publicKeyVerifier, record: { try gatePack.record($0, gate: gate, now: context.currentTime()) },
                       context: context)
        }

        /// One code (exit 0 or 1), or a stream of lines until the end of input (exit 0).
        func answer(verifier: CryptoPrimitives.Verifier, record: (Door.PreparedScan) throws -> ScanAnswer, context: CommandContext) throws {
            let display = DoorDisplay(output: context.output)
            guard stream else {
                let answer = try record(Door.prepare(code!, verifier: verifier))
                display.emit(answer)
                if !answer.accepted { throw ExitCode(1) }
                return
            }
            // Two stages on the two cores: a reader thread trims each line and checks its
            // signature; this thread records each scan and answers, in order, one at a time.
            let queue = PreparedScans()
            Thread.detachNewThread {
                var reader = LineReader(fd: STDIN_FILENO)
                while let bytes = reader.next() {
                    // Not UTF-8: kept as replacement characters, which no code contains.
                    let text = String(decoding: bytes, as: UTF8.self)
                    guard !text.allSatisfy(\.isWhitespace) else { continue }
                    queue.push(Door.prepare(text, verifier: verifier))
                }
                queue.push(nil)
            }
            while let prepared = queue.pop() {
                do {
                    display.emit(try record(prepared))
                } catch let error as BilletterieError where error.category != .notAuthorized {
                    // A failure on one line (a busy store) is said on stderr; the next line is answered.
                    ErrorReport.print(code: error.code, message: error.message, details: [], json: context.global.json)
                }
            }
        }
    }
}

/// A bounded queue of prepared scans between the reader thread and the recorder; nil ends it.
/// Bounded, so a fast producer (a file piped in) cannot hold the whole stream in memory.
final class PreparedScans: @unchecked Sendable {
    private var items: [Door.PreparedScan?] = []
    private let lock = NSLock()
    private let available = DispatchSemaphore(value: 0)
    private let space = DispatchSemaphore(value: 512)

    func push(_ item: Door.PreparedScan?) {
        space.wait()
        lock.lock()
        items.append(item)
        lock.unlock()
        available.signal()
    }

    func pop() -> Door.PreparedScan? {
        available.wait()
        lock.lock()
        let item = items.removeFirst()
        lock.unlock()
        space.signal()
        return item
    }
}

/// Lines from a file descriptor as they arrive: no waiting for the end of input, no limit
/// on how long the stream runs (memory holds one line). CRLF counts as LF.
struct LineReader {
    let fd: Int32
    private var buffer = [UInt8](repeating: 0, count: 65536)
    private var pending: [UInt8] = []
    private var start = 0, end = 0
    private var finished = false

    init(fd: Int32) { self.fd = fd }

    mutating func next() -> [UInt8]? {
        while true {
            if let newline = buffer[start..<end].firstIndex(of: UInt8(ascii: "\n")) {
                var line = pending + buffer[start..<newline]
                pending = []
                start = newline + 1
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return line
            }
            pending += buffer[start..<end]
            if pending.count > 1 << 20 { pending.removeFirst(pending.count - (1 << 20)) }  // a runaway line cannot eat memory
            start = 0
            end = 0
            if finished { return nil }
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 {
                finished = true
                if pending.isEmpty { return nil }
                defer { pending = [] }
                return pending.last == UInt8(ascii: "\r") ? Array(pending.dropLast()) : pending
            }
            end = count
        }
    }
}

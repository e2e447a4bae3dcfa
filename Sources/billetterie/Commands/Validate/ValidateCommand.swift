import ArgumentParser
import BilletterieCore
import Foundation

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "The door: check ticket codes, one or a scanner's stream, online or from a gate pack.",
        discussion: """
            `billetterie validate CODE` (or the ticket's 10-character REFERENCE, typed when a QR
            will not scan) answers accepted (exit 0) or rejected (exit 1) with a reason: ok,
            already_used, unknown, invalid_signature, malformed, mistyped, wrong_event,
            not_today, void, unpaid, addon_not_admission. Every scan is recorded before the
            answer is shown. Without --event only events whose doors are open now admit (from
            6 hours before the start to the end).

            Examples:
              billetterie validate 7KQM3XR9PT --event jazz-night --gate A
              billetterie validate --stream --event jazz-night --gate A     # a USB scanner
              billetterie validate --stream --event jazz-night --gate A --exit   # the way out
              billetterie validate --stream --event jazz-night --list parking --gate P
              billetterie validate pack --event jazz-night -o gate-b.pack
              billetterie validate --pack gate-b.pack --stream --gate B      # no store, no network
              billetterie validate pack --update gate-b.pack -o gate-b.delta  # what changed since
              billetterie validate --pack gate-b.pack --apply gate-b.delta
              billetterie validate exchange --pack gate-b.pack -o from-b.scans
              billetterie validate merge gate-b.pack
            """,
        subcommands: [Check.self, PackCommand.self, Exchange.self, Merge.self],
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
        return Int(Environment.values["COLUMNS"] ?? "") ?? 80
    }

    func text(_ answer: ScanAnswer) -> String {
        var facts: [String] = []
        if let ticket = answer.ticket {
            // A ticket sold after a gate pack was made has no name in the pack.
            facts.append(ticket.attendeeName.isEmpty ? "\(ticket.tier) (sold after the pack)" : "\(ticket.attendeeName) · \(ticket.tier)")
        }
        if !answer.accepted {
            // A ticket of the event at a door whose list does not check its tier: the guest is
            // at the wrong door, not with the wrong ticket.
            let words = answer.reason == .wrongEvent && answer.ticket != nil ? "not for this door" : answer.reason.explanation
            facts.append(words + (answer.detail.map { " (\($0))" } ?? ""))
        }
        if answer.warning == ScanReason.notInPack.rawValue {
            facts.append("WARNING: not in this gate's pack (sold after it was made?): admitted on its signature alone")
        }
        if let first = answer.firstScan {
            facts.append("first admitted \(TimeText.local(first.at, zoneNamed: answer.timeZone))\(first.gate.isEmpty ? "" : " at gate \(first.gate)")")
        }
        return facts.joined(separator: " — ")
    }

    /// The answer as people see it: a line, or a banner with a bell on rejection. Data is
    /// printed through `Output.forTerminal`, so a name can never draw a banner of its own.
    func render(_ answer: ScanAnswer) -> String {
        let word = answer.accepted ? "ACCEPTED" : "REJECTED"
        let exit = answer.direction == .exit
        guard banner else {
            return "\(word) \(answer.reason.rawValue)\(exit ? " exit" : "")\(answer.warning.map { " warning=\($0)" } ?? "") \(text(answer)) (\(answer.scanID))"
        }
        let width = max(20, Self.width)
        func line(_ content: String) -> String {
            let shown = FreeText.printable(content).replacingOccurrences(of: "\n", with: " ")
            let pad = max(0, width - shown.count)
            return String(repeating: " ", count: pad / 2) + shown + String(repeating: " ", count: pad - pad / 2)
        }
        let stamp =
            "\(answer.scanID) · \(TimeText.local(answer.at, zoneNamed: answer.timeZone))\(answer.gate.isEmpty ? "" : " · gate \(answer.gate)")"
            + (answer.list == CheckinList.mainName ? "" : " · list \(answer.list)")
        var lines = ["", exit && answer.accepted ? "EXIT · GOODBYE" : word, text(answer), stamp]
        if let inside = answer.inside {
            let sources = inside.bySource.map { "\($0.name.isEmpty ? "gate ?" : $0.name) \($0.count)" }.joined(separator: " · ")
            lines.append("Inside now: \(inside.total)" + (sources.isEmpty ? "" : " (\(sources))"))
        }
        lines = (lines + [""]).map(line)
        let body: String
        if output.colour {
            let escape = Output.Marker.escape
            // Admitted on its signature alone (a pack's unknown ticket): yellow, not green.
            let style = !answer.accepted ? "\(escape)[41;97;1m" : answer.warning != nil ? "\(escape)[43;30;1m" : "\(escape)[42;30;1m"
            body = lines.map { style + $0 + "\(escape)[0m" }.joined(separator: "\n")
        } else {
            let rule = String(repeating: !answer.accepted ? "#" : answer.warning != nil ? "~" : "=", count: width)
            body = ([rule] + lines + [rule]).joined(separator: "\n")
        }
        return body + (answer.accepted ? "" : String(Output.Marker.bell))
    }

    /// What a stream on a terminal says before the first scan: what it checks against.
    func header(_ lines: [String]) {
        guard banner else { return }
        Output.writeOut(lines.joined(separator: "\n") + "\n")
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
            abstract: "Validate one code or reference, a stream of them (--stream), or undo an admission (--undo).",
            discussion: """
                A rejection is an answer, not an error: exit 1, and with --json the answer is on
                stdout. A reference is read loosely (lower case, spaces and hyphens are fine; O,
                I and L read as 0, 1 and 1); one whose check character is wrong is `mistyped`.
                Find a guest's reference with `billetterie ticket find NAME`. Without --event
                only events whose doors are open now admit (`not_today` otherwise); with it, the
                date is not checked (a rehearsal, a late night). --stream reads one code per line
                from standard input (a USB scanner types a line), answers each at once, ignores
                blank lines, answers a line that is not a code as malformed, and exits 0 at the
                end of input; on a terminal it first says what it checks against. --pack works
                on a gate pack without the store or a login; `--pack FILE --apply UPDATE` brings
                the pack a delta from the store (`validate pack --update`) or another gate's
                exchange file (`validate exchange`), after checking its signatures. --list N
                checks the event's check-in list N (`event checkin-list`; main by default) and
                --exit records people leaving: never refused for a valid ticket, it lets them
                in again where the list allows re-entry. Staff, admins and the event's
                organizer; a role taken away stops a running stream at its next scan.

                Examples:
                  billetterie validate 7KQM3XR9PT --event jazz-night --gate A
                  billetterie validate --stream --event jazz-night --gate A --json
                  billetterie validate --stream --event jazz-night --gate A --exit
                  billetterie validate --undo scn_4f2k...
                  billetterie validate --pack gate-b.pack --apply gate-b.delta
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The code the QR carries, or the ticket's 10-character reference.", valueName: "code-or-reference"))
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

        @Option(help: ArgumentHelp("With --pack: apply this delta or exchange file to the pack.", valueName: "file"))
        var apply: String?

        @Option(help: ArgumentHelp("The check-in list this door checks (default main; others need --event).", valueName: "name"))
        var list: String?

        @Flag(help: "An exit scan: the ticket leaves (never refused for a valid ticket), and may come in again where the list allows.")
        var exit = false

        /// The same options as plain values: what the door works on, whichever reader filled it.
        var request: DoorRequest {
            DoorRequest(
                options: global.values, code: code, event: event, gate: gate, stream: stream, undo: undo, pack: pack, apply: apply, list: list,
                exit: exit)
        }

        func validate() throws { try request.validate() }

        func run() throws { try request.run() }

        func run(in context: CommandContext) throws { try request.run(in: context) }
    }
}

/// What `validate` was asked, as plain values. ArgumentParser fills it through `Check`; for
/// the commonest call, `SingleScanArguments` fills it directly, so a one-scan process never
/// builds ArgumentParser's property wrappers.
struct DoorRequest {
    var options = GlobalValues()
    var code: String?
    var event: String?
    var gate = ""
    var stream = false
    var undo: String?
    var pack: String?
    var apply: String?
    var list: String?
    var exit = false

    var direction: ScanDirection { exit ? .exit : .entry }

    func validate() throws {
        let modes = [code != nil, stream, undo != nil, apply != nil].filter { $0 }.count
        guard modes == 1 else { throw ValidationError("give a CODE, --stream, --undo SCAN or --pack FILE --apply UPDATE (one of them)") }
        if undo != nil && pack != nil { throw ValidationError("--undo works on the store, not on a pack") }
        if apply != nil && pack == nil { throw ValidationError("--apply brings a delta or exchange file to a gate pack: give --pack FILE") }
        if exit && (undo != nil || apply != nil) { throw ValidationError("--exit goes with a CODE or --stream") }
        if list != nil && (undo != nil || apply != nil) { throw ValidationError("--list goes with a CODE or --stream") }
    }

    /// A pack needs no store: this command opens one only without --pack.
    func run() throws {
        let context = try CommandContext(options: options)
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
            struct Result: Encodable {
                let undone: String
                let ticket: String
            }
            try context.output.emit(Result(undone: undo, ticket: ticket)) { "Undone: \(undo); \(ticket) may come in again." }
            return
        }
        let event = try self.event.map { try context.catalogue().event($0, viewer: actor) }
        let door = try Door(
            store: try context.store(), event: event, gate: gate, operator: actor, list: list, direction: direction, now: context.now)
        try answer(
            verifier: door.verifier, record: { try door.record($0, now: context.currentTime()) }, context: context,
            header: {
                [
                    event.map { "Checking tickets of \($0.title), \(TimeText.local($0.startsAt, zoneNamed: $0.timezone))" }
                        ?? "Checking tickets of every event whose doors are open now (from 6 hours before its start to its end)",
                    Self.listLine(door.list, direction: direction),
                    "Gate \(gate.isEmpty ? "(unnamed: give --gate)" : gate) · \(actor.email) · one code or reference per line",
                ]
            })
    }

    func runOffline(packPath: String, context: CommandContext) throws {
        let gatePack = try GatePack.open(path: packPath)
        if let apply {
            let summary = try gatePack.apply(path: apply, now: context.currentTime())
            try context.output.emit(summary) {
                let what =
                    summary.kind == "delta"
                    ? (summary.changed == 1 ? "ticket or tier state" : "ticket and tier states")
                    : (summary.changed == 1 ? "entry or exit" : "entries and exits")
                let from = summary.gates.isEmpty ? "" : " (from gate \(summary.gates.map { $0.isEmpty ? "?" : $0 }.joined(separator: ", ")))"
                return "Applied \(apply) to \(packPath): \(summary.changed) \(what) new to this gate\(from), \(summary.unchanged) already known."
            }
            return
        }
        if let list, list.lowercased() != gatePack.list.name {
            throw BilletterieError.usage(
                message: "this pack checks the list \(gatePack.list.name), not \(list); make one for it with `billetterie validate pack --list \(list)`")
        }
        let age = context.currentTime().timeIntervalSince(gatePack.madeAt)
        // A stream on a terminal shows who is inside with each answer: counted once here.
        if stream && DoorDisplay(output: context.output).banner { _ = try gatePack.inside() }
        try answer(
            verifier: gatePack.publicKeyVerifier,
            record: { try gatePack.record($0, gate: gate, now: context.currentTime(), direction: direction) },
            context: context,
            header: {
                [
                    "Checking tickets of \(gatePack.eventTitle) from the pack \(packPath) (offline)",
                    "Pack made \(TimeText.local(gatePack.madeAt, zoneNamed: gatePack.eventTimeZone)), \(Self.describe(age: age)) ago: sales and refunds since are not in it",
                    Self.listLine(gatePack.list, direction: direction),
                    "Gate \(gate.isEmpty ? "(unnamed: give --gate)" : gate) · one code or reference per line",
                ]
            })
    }

    static func listLine(_ list: CheckinList, direction: ScanDirection) -> String {
        "List \(list.name) (\(list.ruleText))" + (direction == .exit ? " · EXIT scans: people leaving" : " · entries")
    }

    static func describe(age: TimeInterval) -> String {
        let minutes = max(0, Int(age / 60))
        if minutes < 60 { return "\(minutes) min" }
        if minutes < 48 * 60 { return "\(minutes / 60) h \(minutes % 60) min" }
        return "\(minutes / 1440) days"
    }

    /// One code (exit 0 or 1), or a stream of lines until the end of input (exit 0).
    /// `header` is made only for a stream on a terminal: formatting times costs a single scan.
    func answer(
        verifier: CryptoPrimitives.Verifier, record: (Door.PreparedScan) throws -> ScanAnswer, context: CommandContext,
        header: () -> [String]
    ) throws {
        let display = DoorDisplay(output: context.output)
        guard stream else {
            let answer = try record(Door.prepare(code!, verifier: verifier))
            display.emit(answer)
            if !answer.accepted { throw ExitCode(1) }
            return
        }
        if display.banner { display.header(header()) }
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
                ErrorReport.print(code: error.code, message: error.message, details: [], json: context.options.json)
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
    private let space: DispatchSemaphore = {
        // Made at 0 and raised: libdispatch traps when a semaphore is freed below the value it
        // was made with, which a stream ended early by an error (a role taken away) does.
        let semaphore = DispatchSemaphore(value: 0)
        for _ in 0..<512 { semaphore.signal() }
        return semaphore
    }()

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

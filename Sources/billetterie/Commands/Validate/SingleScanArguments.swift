import ArgumentParser

/// The arguments of the door's commonest call, `validate CODE [--event E] [--gate G] [--list N]
/// [--exit] [--json] [--db P] [--outbox D]`, read without ArgumentParser.
///
/// Why a second reader for one command: a door scan is a whole process, and ArgumentParser
/// builds its parser by reflection; in this binary each first dynamic cast scans ~6 700
/// conformance records, which made parsing half of a scan's instructions (callgrind, see
/// Docs/benchmarks.md). This reader only recognises; anything else (help, another option,
/// `--opt=value`, a repeated option, a value or code starting with `-`) returns nil and goes
/// through ArgumentParser as before, so the command's behaviour and errors have one source.
/// It fills the same `DoorRequest` that `ValidateCommand.Check` hands over, and a test runs
/// every door answer through both paths.
///
/// Guards that keep it safe: a subcommand's name (`pack`, `merge`, `check`, `help`) is never
/// read as a code; the caller runs `validate()` on what it returns, as the parser would;
/// and `handledProperties` lists every property of `Check` (and of `GlobalOptions`) this
/// reader knows, which a test holds equal to the properties they have, so an option added
/// there without teaching this reader fails the tests rather than the door.
enum SingleScanArguments {
    /// The properties of `ValidateCommand.Check` and of `GlobalOptions` set below.
    static let handledProperties = ["global", "code", "event", "gate", "stream", "undo", "pack", "apply", "list", "exit"]
    static let handledGlobalProperties = ["db", "outbox", "json"]
    /// Words that name a subcommand of `validate`, never a code.
    static let subcommandNames = ["pack", "exchange", "merge", "check", "help"]

    static func request(from arguments: [String]) -> DoorRequest? {
        guard arguments.first == "validate" else { return nil }
        // Plain variables, not a dictionary: a first use of a generic type costs this process
        // a search of the runtime's type tables.
        var event: String?
        var gate: String?
        var db: String?
        var outbox: String?
        var code: String?
        var list: String?
        var json = false
        var exit = false
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "--event", "--gate", "--db", "--outbox", "--list":
                guard index + 1 < arguments.count else { return nil }
                let value = arguments[index + 1]
                guard !value.hasPrefix("-") else { return nil }
                switch argument {
                case "--event":
                    guard event == nil else { return nil }
                    event = value
                case "--gate":
                    guard gate == nil else { return nil }
                    gate = value
                case "--db":
                    guard db == nil else { return nil }
                    db = value
                case "--list":
                    guard list == nil else { return nil }
                    list = value
                default:
                    guard outbox == nil else { return nil }
                    outbox = value
                }
                index += 2
                continue
            case "--json":
                guard !json else { return nil }
                json = true
            case "--exit":
                guard !exit else { return nil }
                exit = true
            default:
                guard code == nil, !argument.hasPrefix("-"), !subcommandNames.contains(argument) else { return nil }
                code = argument
            }
            index += 1
        }
        guard let code else { return nil }
        return DoorRequest(
            options: GlobalValues(db: db, outbox: outbox, json: json), code: code, event: event, gate: gate ?? "", list: list, exit: exit)
    }
}

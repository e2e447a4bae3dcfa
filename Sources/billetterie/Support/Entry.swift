import ArgumentParser
import BilletterieCore
import Foundation

extension Billetterie {
    /// Parses, runs, and turns every failure into CLI.md's message and exit code.
    static func main() {
        // Everything this process creates (store, WAL, session, outbox, QR images) is the
        // owner's alone, even before any explicit chmod.
        umask(0o077)
        // `--version` answers before anything else is set up: scripts and package checks
        // call it to see the program runs, and ArgumentParser's set-up would double its time.
        if CommandLine.argc == 2, CommandLine.arguments[1] == "--version" {
            Output.write(version + "\n", to: STDOUT_FILENO)
            exit(ExitCodes.success)
        }
        let wantsJSON = CommandLine.arguments.dropFirst().contains("--json")
        if let problem = ArgumentCheck.problem(rawArguments: ArgumentCheck.rawArguments()) {
            exit(ErrorReport.report(problem, json: wantsJSON))
        }
        // The door's commonest call, read and run without ArgumentParser (SingleScanArguments).
        if let scan = SingleScanArguments.request(from: Array(CommandLine.arguments.dropFirst())) {
            do {
                try scan.validate()
                try scan.run()
                exit(ExitCodes.success)
            } catch let error as ExitCode {
                exit(error.rawValue)
            } catch let error as BilletterieError {
                exit(ErrorReport.report(error, json: scan.options.json))
            } catch  where BilletterieError.isStorageFailure(error) {
                exit(ErrorReport.report(BilletterieError.storage(error), json: scan.options.json))
            } catch {
                exit(withError: error)
            }
        }
        let command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            // Help and --version are ArgumentParser's to print; every real error goes through
            // the one reporter, as any other error does (CLI.md section 16).
            guard exitCode(for: error) != .success else { exit(withError: error) }
            exit(reportParseError(error, json: wantsJSON))
        }
        do {
            var runnable = command
            try runnable.run()
            exit(ExitCodes.success)
        } catch let error as ExitCode {
            exit(error.rawValue)
        } catch let error as BilletterieError {
            exit(ErrorReport.report(error, json: (command as? any StoreCommand)?.global.json ?? wantsJSON))
        } catch  where BilletterieError.isStorageFailure(error) {
            exit(ErrorReport.report(BilletterieError.storage(error), json: (command as? any StoreCommand)?.global.json ?? wantsJSON))
        } catch {
            exit(withError: error)
        }
    }

    /// A parse error as `billetterie: error: ...` (or the JSON error), ArgumentParser's usage
    /// lines after it. A value the parser cannot read as its type (`--quantity ten`) is bad
    /// input (65), like any other malformed value; the rest is usage (64).
    static func reportParseError(_ error: Error, json: Bool) -> Int32 {
        let text = message(for: error)
        let malformedValue = text.hasPrefix("The value '") && text.contains(" is invalid for ")
        let lines = fullMessage(for: error).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let usage = lines.drop { !$0.hasPrefix("Usage:") }.filter { !$0.isEmpty }
        ErrorReport.print(
            code: malformedValue ? "invalid_value" : "usage", message: text.prefix(1).lowercased() + text.dropFirst(),
            details: usage, json: json)
        return malformedValue ? ExitCodes.badInput : ExitCodes.usage
    }

    private static func exit(_ code: Int32) -> Never {
        Foundation.exit(code)
    }
}

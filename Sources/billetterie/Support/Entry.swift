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
            } catch let error as SQLiteError {
                exit(ErrorReport.report(error, json: scan.options.json))
            } catch {
                exit(withError: error)
            }
        }
        let command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            let code = exitCode(for: error)
            if wantsJSON, code != .success {
                ErrorReport.print(code: "usage", message: message(for: error), details: [], json: true)
                exit(code.rawValue)
            }
            exit(withError: error)
        }
        do {
            var runnable = command
            try runnable.run()
            exit(ExitCodes.success)
        } catch let error as ExitCode {
            exit(error.rawValue)
        } catch let error as BilletterieError {
            exit(ErrorReport.report(error, json: (command as? any StoreCommand)?.global.json ?? wantsJSON))
        } catch let error as SQLiteError {
            exit(ErrorReport.report(error, json: (command as? any StoreCommand)?.global.json ?? wantsJSON))
        } catch {
            exit(withError: error)
        }
    }

    private static func exit(_ code: Int32) -> Never {
        Foundation.exit(code)
    }
}

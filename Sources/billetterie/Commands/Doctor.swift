import ArgumentParser
import BilletterieCore
import Foundation

struct DoctorCommand: StoreCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the store and its files: one line each, OK / WARN / FAIL, and what to do.",
        discussion: """
            Checks SQLite's integrity and foreign keys, the schema version, the signing key
            and its public half, file and folder permissions (0600 / 0700), that the outbox
            is writable, messages waiting over an hour, and that expired holds are not
            counted against capacity. Exit 0 when nothing fails, 1 otherwise. Admins only.

            Example:
              billetterie doctor
            """)

    @OptionGroup var global: GlobalOptions

    func run(in context: CommandContext) throws {
        let session = SessionFile(environment: context.environment).path
        let checks = try Doctor(store: try context.store(), now: context.now)
            .run(actor: try context.actor(), outboxPath: global.outboxPath, otherFiles: [session])
        let failed = checks.contains { $0.status == .fail }
        struct Result: Encodable {
            let ok: Bool
            let checks: [Doctor.Check]
        }
        let output = context.output
        try output.emit(Result(ok: !failed, checks: checks)) {
            let width = checks.map(\.name.count).max() ?? 0
            return checks.map { check in
                let status = output.styled(
                    check.status.rawValue.padding(toLength: 4, withPad: " ", startingAt: 0),
                    check.status == .ok ? .green : check.status == .warn ? .bold : .red)
                return "\(status)  \(check.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(check.detail)"
            }.joined(separator: "\n")
        }
        if failed { throw ExitCode(ExitCodes.failure) }
    }
}

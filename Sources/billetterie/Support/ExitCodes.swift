import ArgumentParser
import BilletterieCore
import Foundation

/// The exit codes of CLI.md section 1, assigned here and nowhere else.
enum ExitCodes {
    static let success: Int32 = 0
    static let failure: Int32 = 1
    static let notFound: Int32 = 3
    static let conflict: Int32 = 4
    static let usage: Int32 = 64
    static let badInput: Int32 = 65
    static let cannotOpen: Int32 = 66
    static let cannotCreate: Int32 = 73
    static let busy: Int32 = 75
    static let notAuthorized: Int32 = 77

    static func code(for category: BilletterieError.Category) -> Int32 {
        switch category {
        case .notFound: notFound
        case .conflict: conflict
        case .invalidInput: badInput
        case .usage: usage
        case .cannotOpen: cannotOpen
        case .cannotCreate: cannotCreate
        case .busy: busy
        case .notAuthorized: notAuthorized
        case .internalFailure: failure
        }
    }

    /// The exit-code table as --help shows it.
    static let helpText = """
        Exit codes: 0 success (validate: accepted), 1 rejected or unexpected failure, 3 not found, \
        4 conflict, 64 usage, 65 bad input data, 66 input cannot be opened, 73 output cannot be created, \
        75 store busy (try again), 77 not logged in or role not allowed. See Docs/exit-codes.md.
        """
}

/// Prints an error the way CLI.md asks and gives the exit code; the one place errors meet the user.
enum ErrorReport {
    struct Body: Encodable {
        struct Inner: Encodable {
            let code: String
            let message: String
            let details: [String]
        }
        let error: Inner
    }

    static func print(code: String, message: String, details: [String], json: Bool) {
        if json {
            let body = Body(error: .init(code: code, message: message, details: details))
            // One line, so `2>` logs and line-based tools take it whole.
            let data = (try? Output.compactEncoder.encode(body)) ?? Data()
            Output.writeErr(FreeText.escapingJSONControls(String(decoding: data, as: UTF8.self)) + "\n")
        } else {
            let colour = isatty(STDERR_FILENO) == 1 && (Environment.values["NO_COLOR"] ?? "").isEmpty
            let prefix = colour ? "\(Output.Marker.escape)[31mbilletterie: error:\(Output.Marker.escape)[0m" : "billetterie: error:"
            Output.writeErr(([prefix + " " + message] + details.map { "  " + $0 }).joined(separator: "\n") + "\n")
        }
    }

    /// Reports `error` and gives the process's exit code.
    static func report(_ error: Error, json: Bool) -> Int32 {
        let problem = (error as? BilletterieError) ?? BilletterieError.storage(error)
        print(code: problem.code, message: problem.message, details: problem.details, json: json)
        return ExitCodes.code(for: problem.category)
    }
}

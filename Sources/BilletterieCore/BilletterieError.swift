/// Everything the core refuses or fails at, with a stable machine code and a message
/// for people. The executable maps `category` to an exit code in one place.
public enum BilletterieError: Error, Equatable {
    /// No such user, event, order... or one the caller may not see (exit 3).
    case notFound(entity: String, identifier: String)
    /// A rule of the business forbids it now: duplicate, sold out, transition not allowed (exit 4).
    case conflict(code: String, message: String)
    /// A value is malformed or out of range (exit 65).
    case invalidInput(code: String, message: String, details: [String] = [])
    /// The command was called in a way that cannot work, beyond what the parser checks (exit 64).
    case usage(message: String)
    /// An input file or the store cannot be opened (exit 66).
    case cannotOpen(path: String, reason: String)
    /// An output file or folder cannot be created (exit 73).
    case cannotCreate(path: String, reason: String)
    /// Another process held the store past the busy timeout (exit 75).
    case storeBusy
    /// Not logged in, wrong credentials, locked, expired session (exit 77).
    case notAuthenticated(code: String, message: String)
    /// Logged in, but the role may not do this (exit 77).
    case roleNotAllowed(action: String, allowed: [Role], actual: Role)
    /// Something that should not happen: a bug or a damaged store (exit 1).
    case internalFailure(String)

    /// What kind of failure this is; the executable turns it into an exit code.
    public enum Category: Sendable {
        case notFound, conflict, invalidInput, usage, cannotOpen, cannotCreate, busy, notAuthorized, internalFailure
    }

    public var category: Category {
        switch self {
        case .notFound: .notFound
        case .conflict: .conflict
        case .invalidInput: .invalidInput
        case .usage: .usage
        case .cannotOpen: .cannotOpen
        case .cannotCreate: .cannotCreate
        case .storeBusy: .busy
        case .notAuthenticated, .roleNotAllowed: .notAuthorized
        case .internalFailure: .internalFailure
        }
    }

    /// A stable snake_case code for scripts (`{"error": {"code": ...}}`).
    public var code: String {
        switch self {
        case .notFound(let entity, _): "\(entity.replacingOccurrences(of: " ", with: "_"))_not_found"
        case .conflict(let code, _), .invalidInput(let code, _, _), .notAuthenticated(let code, _): code
        case .usage: "usage"
        case .cannotOpen: "cannot_open"
        case .cannotCreate: "cannot_create"
        case .storeBusy: "store_busy"
        case .roleNotAllowed: "role_not_allowed"
        case .internalFailure: "internal"
        }
    }

    /// One line for people: what was wrong and what would be right.
    public var message: String {
        switch self {
        case .notFound(let entity, let identifier):
            "no \(entity) '\(identifier)'"
        case .conflict(_, let message), .invalidInput(_, let message, _), .notAuthenticated(_, let message):
            message
        case .usage(let message):
            message
        case .cannotOpen(let path, let reason):
            "cannot open \(path): \(reason)"
        case .cannotCreate(let path, let reason):
            "cannot create \(path): \(reason)"
        case .storeBusy:
            "the store is busy (another process kept it locked past \(Store.lockWaitSeconds) s); try again"
        case .roleNotAllowed(let action, let allowed, let actual):
            "\(action) needs the \(allowed.map(\.rawValue).joined(separator: " or ")) role; you are \(actual.withArticle)"
        case .internalFailure(let text):
            "unexpected failure: \(text)"
        }
    }

    /// Further lines, one per problem (a bulk import lists every bad row here).
    public var details: [String] {
        if case .invalidInput(_, _, let details) = self { return details }
        return []
    }
}

extension BilletterieError {
    /// Wraps a failure of either engine: busy becomes `storeBusy`, a server gone away is
    /// `cannotOpen` (66), a NULL where the schema promises a value says the store is damaged,
    /// anything else is unexpected. The executable calls this for any error it does not know,
    /// so it never names a storage type.
    public static func storage(_ error: Error) -> BilletterieError {
        if let error = error as? BilletterieError { return error }
        if let error = error as? DatabaseError {
            switch error.kind {
            case .busy: return .storeBusy
            case .unreachable: return .cannotOpen(path: "the store's server", reason: error.message)
            default: break
            }
        }
        if let error = error as? UnexpectedNull { return .internalFailure(error.description) }
        return .internalFailure(String(describing: error))
    }

    /// Whether `error` is one of the store's own failures (which `storage` turns into a `BilletterieError`).
    public static func isStorageFailure(_ error: Error) -> Bool {
        error is DatabaseError || error is UnexpectedNull
    }
}

/// Who may do what: the one place roles are checked. Commands name an `Action`; later
/// features add theirs here, so the whole policy reads as one table.
public enum Action: Sendable, Equatable {
    /// Creating an account with a role other than participant.
    case createAccount(Role)
    case listUsers
    /// Seeing another person's account or purchases (one's own is always allowed).
    case seeAnotherUser
    case changeRole
    /// Turning off someone else's two-factor login (a lost phone).
    case resetAnotherUsersMFA

    /// Who may: admins may do everything (CLI.md section 2).
    public var allowedRoles: [Role] {
        switch self {
        case .createAccount(.participant): Role.allCases
        case .createAccount, .listUsers, .seeAnotherUser, .changeRole, .resetAnotherUsersMFA: [.admin]
        }
    }

    /// How messages name it: "listing users needs the admin role".
    public var description: String {
        switch self {
        case .createAccount(let role): "creating \(role == .admin || role == .organizer ? "an" : "a") \(role.rawValue) account"
        case .listUsers: "listing users"
        case .seeAnotherUser: "seeing another user"
        case .changeRole: "changing a role"
        case .resetAnotherUsersMFA: "turning off another user's two-factor login"
        }
    }
}

public enum Access {
    public static func allows(_ actor: User, _ action: Action) -> Bool {
        action.allowedRoles.contains(actor.role)
    }

    /// Throws `roleNotAllowed` (exit 77) naming the roles that may.
    public static func require(_ actor: User, _ action: Action) throws {
        guard allows(actor, action) else {
            throw BilletterieError.roleNotAllowed(action: action.description, allowed: action.allowedRoles, actual: actor.role)
        }
    }
}

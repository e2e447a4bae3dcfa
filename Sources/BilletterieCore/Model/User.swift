import Foundation

/// What a person may do; checked in one place, `Access`.
public enum Role: String, CaseIterable, Codable, Sendable, Comparable {
    /// Everything, including people, roles, backups.
    case admin
    /// Their own events, those events' sales, payments, refunds and reports.
    case organizer
    /// The door: validate, look tickets up.
    case staff
    /// Buys tickets and sees their own orders; what self-registration creates.
    case participant

    /// "an admin", "a staff member": how messages name someone with this role.
    public var withArticle: String {
        switch self {
        case .admin: "an admin"
        case .organizer: "an organizer"
        case .staff: "a staff member"
        case .participant: "a participant"
        }
    }

    /// Parses a role name as typed on the command line.
    public static func parse(_ text: String) throws -> Role {
        guard let role = Role(rawValue: text.lowercased()) else {
            throw BilletterieError.invalidInput(
                code: "invalid_role",
                message: "unknown role '\(text)'; use one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return role
    }

    private var rank: Int { Role.allCases.firstIndex(of: self)! }
    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}

/// A person with an account in the store. The password hash and TOTP secret never leave `Storage`.
public struct User: Sendable, Equatable, Encodable {
    public let id: String
    public var email: String
    public var name: String
    public var role: Role
    public var mfaEnabled: Bool
    public var lockedUntil: Date?
    public var createdAt: Date
    /// When an admin disabled the account (it cannot log in); nil while it is enabled.
    public var disabledAt: Date? = nil
    /// Whether the account proved its address (`user verify`): only then does it see the
    /// orders and tickets bought for that address by others (the box office, an import).
    public var emailVerified: Bool = true

    enum CodingKeys: String, CodingKey {
        case id, email, name, role
        case mfaEnabled = "mfa_enabled"
        case lockedUntil = "locked_until"
        case createdAt = "created_at"
        case disabledAt = "disabled_at"
        case emailVerified = "email_verified"
    }

    /// The address this account may be matched to orders by: its own once proven, else none.
    public var provenEmail: String? { emailVerified ? email : nil }
}

/// A login session as the store knows it. The token itself is only ever shown once, at login.
public struct Session: Sendable, Equatable {
    public let id: String
    public let user: User
    public let expiresAt: Date
}

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
    /// Unlocking, disabling and enabling accounts, setting another's password.
    case manageAccounts
    /// Creating an event (it then belongs to its organizer).
    case createEvent
    /// Changing an event one does not organize.
    case changeAnotherOrganizersEvent
    /// The store's message templates, sender and language.
    case changeMessages
    /// `doctor`: it reads the whole store and the files around it.
    case runDoctor
    /// Turning the test card processor on or off for the store.
    case changePaymentSettings

    /// Who may: admins may do everything (CLI.md section 2).
    public var allowedRoles: [Role] {
        switch self {
        case .createAccount(.participant): Role.allCases
        case .createAccount, .listUsers, .seeAnotherUser, .changeRole, .resetAnotherUsersMFA, .manageAccounts: [.admin]
        case .createEvent: [.admin, .organizer]
        case .changeAnotherOrganizersEvent, .changeMessages, .runDoctor, .changePaymentSettings: [.admin]
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
        case .manageAccounts: "unlocking, disabling, enabling or setting the password of an account"
        case .createEvent: "creating an event"
        case .changeAnotherOrganizersEvent: "changing another organizer's event"
        case .changeMessages: "changing the store's messages"
        case .runDoctor: "running doctor"
        case .changePaymentSettings: "turning the test card processor on or off"
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

extension Access {
    /// Drafts are seen by their organizer and admins; published, cancelled and past events by all.
    public static func canSee(_ event: Event, _ viewer: User?) -> Bool {
        event.storedStatus != .draft || viewer?.role == .admin || (viewer != nil && viewer?.id == event.organizerID)
    }

    /// Organizers change their own events, admins any. Someone who may see the event but not
    /// change it gets exit 77 naming the role needed; to anyone else it does not exist (exit 3).
    public static func requireCanChange(_ event: Event, _ actor: User, identifier: String) throws {
        if actor.role == .admin || (actor.role == .organizer && actor.id == event.organizerID) { return }
        guard canSee(event, actor) else { throw BilletterieError.notFound(entity: "event", identifier: identifier) }
        if actor.role == .organizer { try require(actor, .changeAnotherOrganizersEvent) }
        throw BilletterieError.roleNotAllowed(action: "changing an event", allowed: [.admin, .organizer], actual: actor.role)
    }
}

extension Access {
    /// Whether `actor` manages `event`: its organizer, or an admin. They sell to anyone,
    /// see all its orders and tickets, cancel and export them.
    public static func manages(_ event: Event, _ actor: User) -> Bool {
        actor.role == .admin || (actor.role == .organizer && actor.id == event.organizerID)
    }

    /// Throws exit 77 unless `actor` manages `event`, naming what would be needed.
    public static func requireManages(_ event: Event, _ actor: User, action: String) throws {
        guard !manages(event, actor) else { return }
        if actor.role == .organizer {
            throw BilletterieError.roleNotAllowed(action: "\(action) for another organizer's event", allowed: [.admin], actual: actor.role)
        }
        throw BilletterieError.roleNotAllowed(action: action, allowed: [.admin, .organizer], actual: actor.role)
    }

    /// Orders: the buyer, the event's organizer, staff (the door looks them up), admins.
    public static func canSee(_ order: Order, event: Event, _ viewer: User) -> Bool {
        // Addresses count only once proven (`user verify`): registering someone's address
        // does not hand over what was bought for it.
        viewer.role == .staff || manages(event, viewer) || order.isBoughtBy(viewer)
            || order.tickets.contains { EmailAddress.same($0.attendee.email, viewer.provenEmail) }
    }
}

import Foundation

/// Whether a scan lets a ticket in or out (CLI.md section 12).
public enum ScanDirection: String, Sendable, Codable {
    case entry
    case exit
}

/// A check-in list: which tickets a door admits and how often. Every event has `main` (its
/// admission tiers, one entry per ticket, re-entry after an exit), which is not stored; the
/// others name the tiers they admit (add-ons too: parking, cloakroom), or none for the
/// event's admission tiers, and whether a ticket may come in any number of times (a day
/// pass) or only once (no re-entry after an exit).
public struct CheckinList: Sendable, Equatable {
    public static let mainName = "main"

    /// nil for `main`.
    public let id: String?
    public let eventID: String
    public let name: String
    /// The tiers it admits; empty: the event's admission tiers, whichever they are.
    public let tierIDs: [String]
    /// Every entry is admitted, whatever came before (no `already_used`).
    public let multipleEntries: Bool
    /// An entry after a standing exit is admitted again.
    public let reentry: Bool

    public init(id: String?, eventID: String, name: String, tierIDs: [String], multipleEntries: Bool, reentry: Bool) {
        self.id = id
        self.eventID = eventID
        self.name = name
        self.tierIDs = tierIDs
        self.multipleEntries = multipleEntries
        self.reentry = reentry
    }

    public static func main(eventID: String) -> CheckinList {
        CheckinList(id: nil, eventID: eventID, name: mainName, tierIDs: [], multipleEntries: false, reentry: true)
    }

    public var isMain: Bool { name == Self.mainName }

    /// Whether tickets of this tier are checked on this list. A tier the door does not know
    /// (`tierID` nil: made after a gate pack) counts as an admission tier.
    public func admits(tierID: String?, addon: Bool) -> Bool {
        if tierIDs.isEmpty { return !addon }
        guard let tierID else { return false }
        return tierIDs.contains(tierID)
    }

    /// What the list's rule is, in words, for `checkin-list list` and the door's header.
    public var ruleText: String {
        multipleEntries ? "any number of entries" : reentry ? "one entry at a time, re-entry after an exit" : "one entry, no re-entry"
    }

    /// A list's name as typed: lower case, `a-z 0-9 -`, 1 to 40 characters, starting with a
    /// letter or digit (it is typed at gates: `--list parking`).
    public static func readName(_ typed: String) throws -> String {
        let name = typed.lowercased()
        let allowed = name.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }
        guard (1...40).contains(name.utf8.count), allowed, name.first != "-" else {
            try FreeText.check(typed, field: "the list's name")
            throw BilletterieError.invalidInput(
                code: "invalid_list_name",
                message: "'\(typed)' is not a check-in list name: use 1 to 40 letters a-z, digits and hyphens (parking, day-2, vip)")
        }
        return name
    }
}

/// A list as `event checkin-list list` shows it: its tiers by name.
public struct CheckinListView: Sendable, Encodable {
    public struct TierName: Sendable, Encodable {
        public let id: String
        public let name: String
        public let addon: Bool
    }
    public let id: String?
    public let eventID: String
    public let name: String
    /// The tiers it admits now (for a list naming none, the event's admission tiers).
    public let tiers: [TierName]
    /// True when the list names no tiers and follows the event's admission tiers.
    public let admissionTiers: Bool
    public let multipleEntries: Bool
    public let reentry: Bool
    public let rule: String

    enum CodingKeys: String, CodingKey {
        case id, name, tiers, reentry, rule
        case eventID = "event_id"
        case admissionTiers = "admission_tiers"
        case multipleEntries = "multiple_entries"
    }

    public init(_ list: CheckinList, tiers: [Tier]) {
        id = list.id
        eventID = list.eventID
        name = list.name
        self.tiers = tiers.filter { list.admits(tierID: $0.id, addon: $0.addon) }.map { TierName(id: $0.id, name: $0.name, addon: $0.addon) }
        admissionTiers = list.tierIDs.isEmpty
        multipleEntries = list.multipleEntries
        reentry = list.reentry
        rule = list.ruleText
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(eventID, forKey: .eventID)
        try c.encode(name, forKey: .name)
        try c.encode(tiers, forKey: .tiers)
        try c.encode(admissionTiers, forKey: .admissionTiers)
        try c.encode(multipleEntries, forKey: .multipleEntries)
        try c.encode(reentry, forKey: .reentry)
        try c.encode(rule, forKey: .rule)
    }
}

/// A standing scan of a ticket on a list (accepted, not undone): what the door judges by.
public struct ListMovement: Sendable, Equatable {
    public let direction: ScanDirection
    public let at: Date
    public let gate: String

    public init(direction: ScanDirection, at: Date, gate: String) {
        self.direction = direction
        self.at = at
        self.gate = gate
    }

    /// The later of two (ties go to `b`, the gate's own knowledge over the store's).
    public static func latest(_ a: ListMovement?, _ b: ListMovement?) -> ListMovement? {
        guard let a else { return b }
        guard let b else { return a }
        return a.at > b.at ? a : b
    }
}

/// A ticket's standing scans on one list, as far as the door knows them.
public struct ListHistory: Sendable, Equatable {
    /// Its last standing scan, entry or exit.
    public var last: ListMovement?
    /// Its last standing entry (the one `already_used` shows).
    public var lastEntry: ListMovement?

    public init(last: ListMovement?, lastEntry: ListMovement?) {
        self.last = last
        self.lastEntry = lastEntry
    }

    public static let none = ListHistory(last: nil, lastEntry: nil)

    /// Inside now: the last standing scan is an entry.
    public var isInside: Bool { last?.direction == .entry }

    /// The history after one more accepted scan.
    public func adding(_ movement: ListMovement) -> ListHistory {
        ListHistory(last: movement, lastEntry: movement.direction == .entry ? movement : lastEntry)
    }

    /// Both sources of a gate (the store's state in its pack, its own and received scans).
    public static func combining(_ a: ListHistory, _ b: ListHistory) -> ListHistory {
        ListHistory(last: ListMovement.latest(a.last, b.last), lastEntry: ListMovement.latest(a.lastEntry, b.lastEntry))
    }
}

import Foundation

/// An event's check-in lists (CLI.md section 12): `main`, which every event has, and those
/// its organizer adds (a parking gate, a cloakroom, a day-pass door).
public struct CheckinLists {
    let store: Store
    let now: Date

    public init(store: Store, now: Date) {
        self.store = store
        self.now = now
    }

    /// `main` first, then the stored lists, oldest first.
    func all(of event: Event) throws -> [CheckinList] {
        [CheckinList.main(eventID: event.id)] + (try store.checkinLists(eventID: event.id))
    }

    /// The list named `name` (typed leniently) of an event; exit 3 naming the lists there are.
    public func list(named typed: String, of event: Event) throws -> CheckinList {
        let name = typed.lowercased()
        // The door's commonest case, asked by every scan's process: no query for main.
        if name == CheckinList.mainName { return .main(eventID: event.id) }
        let lists = try all(of: event)
        guard let list = lists.first(where: { $0.name == name }) else {
            throw BilletterieError.notFound(
                entity: "check-in list", identifier: "\(typed)' of '\(event.slug) (its lists: \(lists.map(\.name).joined(separator: ", ")))")
        }
        return list
    }

    /// Who may see an event's lists: the door's people (staff) and those who manage it.
    private func requireDoorAccess(_ event: Event, _ actor: User) throws {
        guard actor.role == .staff || Access.manages(event, actor) else {
            throw BilletterieError.roleNotAllowed(action: "check-in lists", allowed: [.admin, .organizer, .staff], actual: actor.role)
        }
    }

    public func lists(of identifier: String, actor: User) throws -> (event: Event, lists: [CheckinListView]) {
        let event = try Catalogue(store: store, now: now).event(identifier, viewer: actor)
        try requireDoorAccess(event, actor)
        let tiers = try store.tiers(of: event)
        return (event, try all(of: event).map { CheckinListView($0, tiers: tiers) })
    }

    /// Adds a list. `tiers` by name or id (add-ons too); none: the event's admission tiers.
    /// `--multiple-entries` and `--no-reentry` contradict each other (exit 64).
    public func add(
        to identifier: String, name typed: String, tiers tierNames: [String], multipleEntries: Bool, reentry: Bool, actor: User
    ) throws -> CheckinListView {
        let event = try Catalogue(store: store, now: now).event(identifier, viewer: actor)
        try Access.requireManages(event, actor, action: "adding a check-in list")
        if multipleEntries && !reentry {
            throw BilletterieError.usage(message: "--multiple-entries lets a ticket in any number of times; --no-reentry once: give one of them")
        }
        let name = try CheckinList.readName(typed)
        let tiers = try store.tiers(of: event)
        var chosen: [String] = []
        for typedTier in tierNames {
            guard let tier = tiers.first(where: { $0.id == typedTier || $0.name.lowercased() == typedTier.lowercased() }) else {
                throw BilletterieError.notFound(
                    entity: "tier", identifier: "\(typedTier)' in '\(event.slug) (its tiers: \(tiers.map(\.name).joined(separator: ", ")))")
            }
            if !chosen.contains(tier.id) { chosen.append(tier.id) }
        }
        let list = CheckinList(
            id: "cil_" + Identifier.make(.scan).dropFirst(4), eventID: event.id, name: name, tierIDs: chosen.sorted(),
            multipleEntries: multipleEntries, reentry: reentry)
        try store.write { tx in
            // Read inside the write: two organizers adding the same name at once get one list.
            guard try !all(of: event).contains(where: { $0.name == name }) else {
                throw BilletterieError.conflict(
                    code: "list_exists",
                    message: name == CheckinList.mainName
                        ? "every event has the list main (its admission tiers); give another name"
                        : "\(event.slug) already has a check-in list named \(name)")
            }
            try tx.insertCheckinList(list, now: now)
            try tx.recordEvent(
                .checkinListAdded, subject: event.id, actor: actor.id,
                data: [
                    "event": event.id, "list": name, "tiers": chosen.joined(separator: ","), "multiple_entries": String(multipleEntries),
                    "reentry": String(reentry),
                ], at: now)
        }
        return CheckinListView(list, tiers: tiers)
    }

    /// Removes a list that has no scans yet: one with scans keeps them meaningful (exit 4).
    public func remove(from identifier: String, name typed: String, actor: User) throws -> CheckinListView {
        let event = try Catalogue(store: store, now: now).event(identifier, viewer: actor)
        try Access.requireManages(event, actor, action: "removing a check-in list")
        let list = try list(named: typed, of: event)
        guard let id = list.id else {
            throw BilletterieError.conflict(code: "list_main", message: "main is every event's own list: it cannot be removed")
        }
        try store.write { tx in
            let scans = try store.scanCount(eventID: event.id, list: list.name)
            guard scans == 0 else {
                throw BilletterieError.conflict(
                    code: "list_has_scans",
                    message: "the list \(list.name) has \(scans) scan\(scans == 1 ? "" : "s"): it is kept so they stay meaningful in reports")
            }
            try tx.deleteCheckinList(id: id)
            try tx.recordEvent(.checkinListRemoved, subject: event.id, actor: actor.id, data: ["event": event.id, "list": list.name], at: now)
        }
        return CheckinListView(list, tiers: try store.tiers(of: event))
    }
}

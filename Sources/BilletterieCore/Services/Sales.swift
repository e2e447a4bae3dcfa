import Foundation

/// Selling: orders that hold tickets until paid, capacity that is never exceeded, signed
/// codes, and what buyers and organizers do with tickets afterwards.
public struct Sales {
    public let store: Store
    public let now: Date

    public static let defaultHold: TimeInterval = 15 * 60
    public static let longestHold: TimeInterval = 7 * 86400
    public static let largestOrder = 1000

    public init(store: Store, now: Date) {
        self.store = store
        self.now = now
    }

    var catalogue: Catalogue { Catalogue(store: store, now: now) }

    // MARK: Reserving (Sales+Orders.swift)

    /// The store's signing key, ready to sign many codes.
    func signingKey() throws -> CryptoPrimitives.Signer {
        guard let key = try store.activeSigningKey() else {
            throw BilletterieError.internalFailure("the store has no ticket-signing key; run `billetterie doctor`")
        }
        return try CryptoPrimitives.Signer(privateKey: key.privateKey)
    }

    /// A new ticket of `order` at `price` (the tier's unless a voucher changed it).
    func newTicket(
        order: Order, event: Event, tier: Tier, attendee: Attendee, status: TicketStatus,
        key: CryptoPrimitives.Signer, price: Int64? = nil, voucherID: String? = nil
    ) throws -> Ticket {
        let id = Identifier.make(.ticket)
        let code = try TicketCode(ticketID: id, eventID: event.id, tierID: tier.id).signed(with: key)
        var ticket = Ticket(
            id: id, orderID: order.id, eventID: event.id, tierID: tier.id, tierName: tier.name, admission: !tier.addon,
            attendee: attendee, status: status, code: code, reference: TicketReference.make(), voidReason: nil, replacedBy: nil,
            createdAt: now)
        ticket.priceMinor = price ?? tier.price.minor
        ticket.voucherID = voucherID
        return ticket
    }

    // MARK: Looking up

    /// What `ticket show` can name: an order, or a ticket by id or code.
    public enum Found: Sendable {
        case order(Order)
        case ticket(Ticket, Order)
    }

    /// An order by id, a ticket by id, code or reference, if the viewer may see it (else exit 3).
    public func find(_ identifier: String, viewer: User) throws -> Found {
        if Identifier.looksLike(identifier, .order) {
            return .order(try order(identifier, viewer: viewer))
        }
        var key = identifier
        if !Identifier.looksLike(identifier, .ticket), case .reference(let reference) = TicketReference.read(identifier) { key = reference }
        guard let ticket = try store.ticket(idOrCode: key, now: now),
            let order = try store.order(id: ticket.orderID, now: now),
            let event = try store.events(identifiedBy: order.eventID, now: now).first,
            Access.canSee(order, event: event, viewer)
        else { throw BilletterieError.notFound(entity: "ticket", identifier: Self.shorten(identifier)) }
        // Found by its code or reference, a ticket shows them: the caller has them already.
        let byCredential = key != identifier || ticket.code == identifier || ticket.reference == key
        return .ticket(byCredential ? ticket : Self.revealing(ticket, in: event, to: viewer), Self.revealing(order, in: event, to: viewer))
    }

    public func order(_ id: String, viewer: User) throws -> Order {
        guard let order = try store.order(id: id, now: now),
            let event = try store.events(identifiedBy: order.eventID, now: now).first,
            Access.canSee(order, event: event, viewer)
        else {
            throw BilletterieError.notFound(entity: "order", identifier: id)
        }
        return Self.revealing(order, in: event, to: viewer)
    }

    /// A pending ticket's code and reference are as good as the ticket once it is paid, so
    /// until then only the event's organizers, staff and admins see them (CLI.md section 10).
    static func revealing(_ ticket: Ticket, in event: Event, to viewer: User) -> Ticket {
        var shown = ticket
        shown.credentialsHidden = ticket.status == .pending && viewer.role != .staff && !Access.manages(event, viewer)
        return shown
    }

    /// An attendee who is not the buyer sees their own ticket of the order, not the others'.
    static func revealing(_ order: Order, in event: Event, to viewer: User) -> Order {
        var shown = order
        var tickets = order.tickets
        if viewer.role != .staff && !Access.manages(event, viewer) && !order.isBoughtBy(viewer) {
            tickets = tickets.filter { EmailAddress.same($0.attendee.email, viewer.provenEmail) }
        }
        shown.tickets = tickets.map { revealing($0, in: event, to: viewer) }
        return shown
    }

    /// Codes are long; messages show their start.
    static func shorten(_ text: String) -> String {
        text.count > 24 ? String(text.prefix(16)) + "…" : text
    }

    public func list(_ filter: TicketFilter, viewer: User) throws -> (tickets: [Ticket], total: Int) {
        var filter = filter
        if let event = filter.eventID { filter.eventID = try catalogue.event(event, viewer: viewer).id }
        if let buyer = filter.buyerEmail { filter.buyerEmail = try EmailAddress.normalize(buyer) }
        // Naming an order the viewer may not see is exit 3, as showing it is (CLI.md section 9).
        if let order = filter.orderID { _ = try self.order(order, viewer: viewer) }
        let (tickets, total) = try store.tickets(matching: filter, viewer: viewer, now: now)
        return (try revealing(tickets, to: viewer), total)
    }

    /// Tickets of several events, each with its code shown or hidden for `viewer`.
    func revealing(_ tickets: [Ticket], to viewer: User) throws -> [Ticket] {
        guard viewer.role != .staff, viewer.role != .admin else { return tickets }
        var events: [String: Event] = [:]
        return try tickets.map { ticket in
            if events[ticket.eventID] == nil { events[ticket.eventID] = try store.events(identifiedBy: ticket.eventID, now: now).first }
            guard let event = events[ticket.eventID] else { return ticket }
            return Self.revealing(ticket, in: event, to: viewer)
        }
    }

    /// `ticket find`: staff, admins and organizers (their own events) find tickets by
    /// attendee or buyer name or e-mail (case and accents ignored, any word order), order id,
    /// ticket id or reference (read leniently). Others get exit 77.
    public func search(
        _ text: String, event eventIdentifier: String?, viewer: User, limit: Int = 50,
        offset: Int = 0
    ) throws -> (tickets: [Ticket], total: Int) {
        guard viewer.role != .participant else {
            throw BilletterieError.roleNotAllowed(action: "finding tickets", allowed: [.admin, .organizer, .staff], actual: viewer.role)
        }
        var query = Store.TicketSearchQuery(limit: limit, offset: offset)
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if Identifier.looksLike(trimmed, .order) || Identifier.looksLike(trimmed, .ticket) {
            query.exact = trimmed
        } else if case .reference(let reference) = TicketReference.read(trimmed) {
            query.exact = reference
        } else {
            query.words = TicketSearch.words(trimmed)
            guard !query.words.isEmpty else {
                throw BilletterieError.invalidInput(code: "empty_query", message: "give a name, an e-mail address, an order id or a reference to find")
            }
        }
        if let eventIdentifier {
            let event = try catalogue.event(eventIdentifier, viewer: viewer)
            if viewer.role == .organizer, !Access.manages(event, viewer) {
                throw BilletterieError.notFound(entity: "event", identifier: eventIdentifier)
            }
            query.eventID = event.id
        }
        if viewer.role == .organizer { query.organizerID = viewer.id }
        return try store.findTickets(query, now: now)
    }

    /// The door list of an event (its organizers, staff, admins): every valid or used ticket,
    /// by attendee name, streamed.
    public func doorList(event identifier: String, viewer: User, _ body: (Ticket) throws -> Void) throws -> Event {
        let event = try catalogue.event(identifier, viewer: viewer)
        if viewer.role != .staff {
            guard viewer.role != .organizer || Access.manages(event, viewer) else { throw BilletterieError.notFound(entity: "event", identifier: identifier) }
            try Access.requireManages(event, viewer, action: "printing a door list")
        }
        try store.forEachDoorListTicket(eventID: event.id, now: now, body)
        return event
    }

    /// A person's orders, newest first: one's own, or anyone's for admins.
    public func history(of user: User, viewer: User) throws -> [Order] {
        try store.orders(placedBy: user.id, buyerEmail: user.provenEmail, now: now).map { order in
            var shown = order
            shown.tickets = try revealing(order.tickets, to: viewer)
            return shown
        }
    }

    // MARK: Changing

    /// Cancels an unpaid order, or one ticket of it; the places are free again at once.
    /// Paid tickets go through refunds instead.
    public func cancel(_ identifier: String, actor: User) throws -> Order {
        let found = try find(identifier, viewer: actor)
        let order: Order
        var only: Ticket?
        switch found {
        case .order(let o): order = o
        case .ticket(let t, let o):
            order = o
            only = t
        }
        let event = try catalogue.event(order.eventID, viewer: actor)
        if !order.isBoughtBy(actor) {
            try Access.requireManages(event, actor, action: "cancelling someone else's order")
        }
        guard (order.status == .reserved || order.status == .paid) && order.paid.minor == 0 else {
            let why =
                switch order.status {
                case .expired: "its hold expired; its places are already free"
                case .cancelled: "it is already cancelled"
                default: "it is \(order.status.rawValue); paid tickets are refunded with `billetterie refund`"
                }
            throw BilletterieError.conflict(code: "transition_not_allowed", message: "cannot cancel \(order.id): \(why)")
        }
        let targets = order.tickets.filter { $0.status != .void && (only == nil || $0.id == only!.id) }
        guard !targets.isEmpty else {
            throw BilletterieError.conflict(code: "transition_not_allowed", message: "cannot cancel \(only?.id ?? order.id): it is already void")
        }
        let released = targets.reduce(Int64(0)) { $0 + $1.priceMinor }
        let standing = order.tickets.filter { $0.status != .void && !targets.contains($0) }
        let remaining = standing.count
        if only != nil, !standing.isEmpty, !standing.contains(where: \.admission) {
            let tiers = try store.tiers(of: event)
            if let addon = standing.first(where: { ticket in tiers.first { $0.id == ticket.tierID }?.requiresAdmission == true }) {
                throw BilletterieError.conflict(
                    code: "requires_admission",
                    message: "cannot cancel the last admission ticket of \(order.id): \(addon.tierName) is sold only with one; cancel the whole order instead")
            }
        }
        let newTotal = order.total.minor - released
        try store.write { tx in
            for ticket in targets { try tx.voidTicket(id: ticket.id, reason: "cancelled", now: now) }
            try tx.endOffers(usedBy: targets.map(\.id), now: now)
            let status: OrderStatus = remaining == 0 ? .cancelled : order.status
            try tx.updateOrder(id: order.id, status: status, totalMinor: newTotal, now: now)
            try tx.recordEvent(
                remaining == 0 ? .orderCancelled : .ticketCancelled, subject: order.id, actor: actor.id,
                data: ["tickets": targets.map(\.id).joined(separator: ","), "event": event.id], at: now)
        }
        return try store.order(id: order.id, now: now)!
    }

    /// Gives a ticket to someone else: a new ticket with a new code; the old code is dead.
    public func transfer(_ identifier: String, to attendee: Attendee, actor: User) throws -> (old: Ticket, new: Ticket) {
        guard case .ticket(let old, let order) = try find(identifier, viewer: actor) else {
            throw BilletterieError.invalidInput(code: "not_a_ticket", message: "transfer takes a ticket id or code, not an order")
        }
        let event = try catalogue.event(order.eventID, viewer: actor)
        if !order.isBoughtBy(actor) && !EmailAddress.same(old.attendee.email, actor.provenEmail) {
            try Access.requireManages(event, actor, action: "transferring someone else's ticket")
        }
        guard old.status == .valid || old.status == .pending else {
            throw BilletterieError.conflict(code: "transition_not_allowed", message: "cannot transfer \(old.id): it is \(old.status.rawValue)")
        }
        switch event.status(at: now) {
        case .cancelled, .past:
            throw BilletterieError.conflict(
                code: "transition_not_allowed", message: "cannot transfer a ticket of '\(event.slug)': it is \(event.status(at: now).rawValue)")
        case .draft, .published: break
        }
        guard let tier = try store.tiers(of: event).first(where: { $0.id == old.tierID }) else {
            throw BilletterieError.internalFailure("ticket \(old.id) has no tier")
        }
        var new = try newTicket(
            order: order, event: event, tier: tier, attendee: attendee, status: old.status, key: try signingKey(), price: old.priceMinor,
            voucherID: old.voucherID)
        try store.write { tx in
            try tx.voidTicket(id: old.id, reason: "transferred", replacedBy: new.id, now: now)
            try tx.insertTicket(&new, buyer: order.buyer, holdExpiresAt: old.status == .pending ? order.expiresAt : nil, now: now)
            try tx.recordEvent(
                .ticketTransferred, subject: new.id, actor: actor.id,
                data: MessageFact.Payload.TicketTransferred(
                    order: order.id, fromTicket: old.id, toTicket: new.id, from: old.attendee.email, to: attendee.email, event: event.id),
                at: now)
        }
        return (Self.revealing(old, in: event, to: actor), Self.revealing(new, in: event, to: actor))
    }

    /// Streams an event's tickets to `body` (organizers of the event and admins).
    public func export(event identifier: String, actor: User, _ body: (TicketExportRow) throws -> Void) throws -> Event {
        let event = try catalogue.event(identifier, viewer: actor)
        try Access.requireManages(event, actor, action: "exporting an event's tickets")
        try store.forEachTicket(eventID: event.id, now: now, body)
        return event
    }
}

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

    // MARK: Reserving

    /// Creates an order holding `quantity` tickets of `tier` until `hold` runs out; a free
    /// tier's order is confirmed at once. Capacity, quota, the per-order limit and the sales
    /// windows are checked inside the one write transaction that takes the seats, so no
    /// number of processes selling at once can oversell.
    public func reserve(
        event eventIdentifier: String, tier tierIdentifier: String, quantity: Int, buyer rawBuyer: Attendee?,
        attendees: [Attendee], hold: TimeInterval, actor: User
    ) throws -> Order {
        let event = try catalogue.event(eventIdentifier, viewer: actor)
        let tiers = try store.tiers(of: event)
        guard let tier = tiers.first(where: { $0.id == tierIdentifier || $0.name.lowercased() == tierIdentifier.lowercased() }) else {
            throw BilletterieError.notFound(entity: "tier", identifier: "\(tierIdentifier)' in '\(event.slug)")
        }
        let buyer = rawBuyer ?? Attendee(name: actor.name, email: actor.email)
        if !EmailAddress.same(buyer.email, actor.email) {
            try Access.requireManages(event, actor, action: "selling to someone else (\(buyer.email))")
        }
        guard quantity >= 1, quantity <= Self.largestOrder else {
            throw BilletterieError.invalidInput(code: "invalid_quantity", message: "invalid quantity \(quantity): give 1 to \(Self.largestOrder)")
        }
        guard hold > 0, hold <= Self.longestHold else {
            throw BilletterieError.invalidInput(code: "invalid_hold", message: "invalid hold: give a duration from 1s to 7d, such as 15m")
        }
        guard attendees.count <= quantity else {
            throw BilletterieError.invalidInput(
                code: "too_many_attendees", message: "\(attendees.count) attendees for \(quantity) tickets; give at most one --attendee per ticket")
        }
        try checkOnSale(event, tier)
        if let max = tier.maxPerOrder, quantity > max {
            throw BilletterieError.conflict(code: "max_per_order", message: "\(tier.name) allows at most \(max) per order; \(quantity) asked")
        }
        let key = try signingKey()
        let free = tier.price.minor == 0
        let total = Money(minor: tier.price.minor * Int64(quantity), currency: tier.price.currency)
        let order = Order(
            id: Identifier.make(.order), eventID: event.id, eventTitle: event.title, buyer: buyer,
            status: free ? .paid : .reserved, total: total, paid: Money(minor: 0, currency: total.currency),
            refunded: Money(minor: 0, currency: total.currency), expiresAt: free ? nil : now.addingTimeInterval(hold),
            externalID: nil, channel: "box_office", paidBy: nil, createdAt: now, tickets: [])
        var tickets = try (0..<quantity).map { index in
            try newTicket(
                order: order, event: event, tier: tier, attendee: index < attendees.count ? attendees[index] : buyer,
                status: free ? .valid : .pending, key: key)
        }
        try store.write { tx in
            try takeSeats(quantity, of: tier, in: event, tx: tx)
            try tx.insertOrder(order, createdBy: actor.id, now: now)
            for index in tickets.indices { try tx.insertTicket(&tickets[index], buyer: buyer, holdExpiresAt: order.expiresAt, now: now) }
            try tx.recordEvent(
                "ticket.reserved", subject: order.id, actor: actor.id,
                data: [
                    "event": event.id, "tier": tier.id, "quantity": String(quantity), "buyer": buyer.email,
                    "total_minor": String(total.minor), "expires_at": order.expiresAt.map(TimeText.utc) ?? "",
                ], at: now)
            if free {
                let number = try tx.issueReceipt(orderID: order.id, now: now)
                try tx.recordEvent(
                    "order.paid", subject: order.id, actor: actor.id,
                    data: ["event": event.id, "amount_minor": "0", "free": "yes", "receipt": String(number)], at: now)
            }
        }
        var result = order
        result.tickets = tickets
        return Self.revealing(result, in: event, to: actor)
    }

    /// Refuses (exit 4) unless the event is published, not over, and its and the tier's sales are open.
    func checkOnSale(_ event: Event, _ tier: Tier) throws {
        func refuse(_ why: String) -> BilletterieError {
            .conflict(code: "not_on_sale", message: "\(tier.name) of '\(event.slug)' is not on sale: \(why)")
        }
        switch event.status(at: now) {
        case .draft: throw refuse("the event is a draft; publish it first")
        case .cancelled: throw refuse("the event is cancelled")
        case .past: throw refuse("the event has ended")
        case .published: break
        }
        for (start, end) in [(event.salesStart, event.salesEnd), (tier.salesStart, tier.salesEnd)] {
            if let start, now < start { throw refuse("sales open at \(TimeText.utc(start))") }
            if let end, now >= end { throw refuse("sales closed at \(TimeText.utc(end))") }
        }
    }

    /// Inside the write: refuses (exit 4, `sold_out`) when `quantity` more would pass the
    /// tier's quota or the event's capacity, counting only places held right now.
    func takeSeats(_ quantity: Int, of tier: Tier, in event: Event, tx: StoreTransaction) throws {
        if let quota = tier.quota {
            let taken = try tx.activeTickets(tierID: tier.id, now: now)
            if taken + quantity > quota {
                throw BilletterieError.conflict(
                    code: "sold_out", message: "sold out: \(tier.name) has \(max(0, quota - taken)) left of \(quota); \(quantity) asked")
            }
        }
        if !tier.addon, let capacity = event.capacity {
            let taken = try tx.activeAdmissions(eventID: event.id, now: now)
            if taken + quantity > capacity {
                throw BilletterieError.conflict(
                    code: "sold_out", message: "sold out: '\(event.slug)' has \(max(0, capacity - taken)) places left of \(capacity); \(quantity) asked")
            }
        }
    }

    /// The store's signing key, ready to sign many codes.
    func signingKey() throws -> CryptoPrimitives.Signer {
        guard let key = try store.activeSigningKey() else {
            throw BilletterieError.internalFailure("the store has no ticket-signing key; run `billetterie doctor`")
        }
        return try CryptoPrimitives.Signer(privateKey: key.privateKey)
    }

    func newTicket(
        order: Order, event: Event, tier: Tier, attendee: Attendee, status: TicketStatus,
        key: CryptoPrimitives.Signer
    ) throws -> Ticket {
        let id = Identifier.make(.ticket)
        let code = try TicketCode(ticketID: id, eventID: event.id, tierID: tier.id).signed(with: key)
        return Ticket(
            id: id, orderID: order.id, eventID: event.id, tierID: tier.id, tierName: tier.name, admission: !tier.addon,
            attendee: attendee, status: status, code: code, reference: TicketReference.make(), voidReason: nil, replacedBy: nil,
            createdAt: now)
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
        let tiers = try store.tiers(of: event)
        let released = targets.reduce(Int64(0)) { sum, ticket in sum + (tiers.first { $0.id == ticket.tierID }?.price.minor ?? 0) }
        let remaining = order.tickets.filter { $0.status != .void }.count - targets.count
        let newTotal = order.total.minor - released
        try store.write { tx in
            for ticket in targets { try tx.voidTicket(id: ticket.id, reason: "cancelled", now: now) }
            let status: OrderStatus = remaining == 0 ? .cancelled : order.status
            try tx.updateOrder(id: order.id, status: status, totalMinor: newTotal, now: now)
            try tx.recordEvent(
                remaining == 0 ? "order.cancelled" : "ticket.cancelled", subject: order.id, actor: actor.id,
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
        var new = try newTicket(order: order, event: event, tier: tier, attendee: attendee, status: old.status, key: try signingKey())
        try store.write { tx in
            try tx.voidTicket(id: old.id, reason: "transferred", replacedBy: new.id, now: now)
            try tx.insertTicket(&new, buyer: order.buyer, holdExpiresAt: old.status == .pending ? order.expiresAt : nil, now: now)
            try tx.recordEvent(
                "ticket.transferred", subject: new.id, actor: actor.id,
                data: [
                    "order": order.id, "from_ticket": old.id, "to_ticket": new.id,
                    "from": old.attendee.email, "to": attendee.email, "event": event.id,
                ], at: now)
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

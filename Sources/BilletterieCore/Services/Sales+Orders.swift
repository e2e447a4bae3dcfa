import Foundation

/// `--item TIER[=N]`: so many tickets of one tier in an order.
public struct OrderItem: Sendable, Equatable {
    public let tier: String
    public let quantity: Int

    public init(tier: String, quantity: Int) {
        self.tier = tier
        self.quantity = quantity
    }

    /// `Standard`, `Standard=2`, `"Early bird=3"` (exit 65 for a count that is not 1 or more).
    public static func parse(_ text: String) throws -> OrderItem {
        guard let equals = text.lastIndex(of: "=") else {
            let name = text.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { throw bad(text) }
            return OrderItem(tier: name, quantity: 1)
        }
        let name = text[..<equals].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, let count = Int(text[text.index(after: equals)...].trimmingCharacters(in: .whitespaces)), count >= 1 else {
            throw bad(text)
        }
        return OrderItem(tier: name, quantity: count)
    }

    private static func bad(_ text: String) -> BilletterieError {
        .invalidInput(code: "invalid_item", message: "invalid item '\(text)': write TIER or TIER=N with N 1 or more, such as Standard=2")
    }
}

/// What a buyer or a cashier asks for: one order of one event, several tiers and add-ons.
public struct OrderRequest: Sendable {
    public var event: String
    public var items: [OrderItem]
    /// nil: the caller (reserving), or a walk-in (selling at the counter).
    public var buyer: Attendee?
    public var attendees: [Attendee]
    public var hold: TimeInterval
    public var voucher: String?

    public init(
        event: String, items: [OrderItem], buyer: Attendee? = nil, attendees: [Attendee] = [], hold: TimeInterval = Sales.defaultHold,
        voucher: String? = nil
    ) {
        self.event = event
        self.items = items
        self.buyer = buyer
        self.attendees = attendees
        self.hold = hold
        self.voucher = voucher
    }
}

/// How a counter sale is paid: cash (what was handed over, for the change) or the card
/// terminal (its reference).
public struct CounterPayment: Sendable {
    public var method: PaymentMethod
    public var amount: String?
    public var reference: String?

    public init(method: PaymentMethod, amount: String? = nil, reference: String? = nil) {
        self.method = method
        self.amount = amount
        self.reference = reference
    }
}

/// A counter sale: the paid order with its tickets, the payment (none for a free order) and the receipt.
public struct SaleResult: Sendable, Encodable {
    public let order: Order
    public let payment: Payment?
    public let receipt: Int
    public var changeMinor: Int64 { payment?.change?.minor ?? 0 }

    enum CodingKeys: String, CodingKey {
        case order, payment, receipt, tickets
        case changeMinor = "change_minor"
        case tenderedMinor = "tendered_minor"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(order, forKey: .order)
        try c.encode(order.tickets, forKey: .tickets)
        try c.encode(payment, forKey: .payment)
        try c.encode(Order.ReceiptRef(number: receipt), forKey: .receipt)
        try c.encode(changeMinor, forKey: .changeMinor)
        try c.encode(payment?.tendered?.minor ?? payment?.amount.minor ?? 0, forKey: .tenderedMinor)
    }
}

extension Sales {
    /// Creates an order holding its tickets until `hold` runs out; an order that costs
    /// nothing (free tiers, a full discount) is confirmed at once. Every limit (capacity,
    /// quotas, voucher blocks and uses, per-order limits, sales windows) is checked inside
    /// the one write that takes the places, so no number of tills selling at once oversells.
    public func reserve(_ request: OrderRequest, actor: User) throws -> Order {
        var prepared = try prepare(request, actor: actor, atCounter: false)
        let free = prepared.order.total.minor == 0
        try store.write { tx in
            try place(&prepared, tx: tx, actor: actor, type: .ticketReserved)
            if free {
                let number = try tx.issueReceipt(orderID: prepared.order.id, now: now)
                try tx.recordEvent(
                    .orderPaid, subject: prepared.order.id, actor: actor.id,
                    data: MessageFact.Payload.OrderPaid(event: prepared.event.id, amountMinor: "0", receipt: String(number), free: "yes"), at: now)
            }
        }
        var result = prepared.order
        result.tickets = prepared.tickets
        return Self.revealing(result, in: prepared.event, to: actor)
    }

    /// The first wave's one-tier reserve, kept for callers that sell one tier.
    public func reserve(
        event: String, tier: String, quantity: Int, buyer: Attendee?, attendees: [Attendee], hold: TimeInterval, actor: User,
        voucher: String? = nil
    ) throws -> Order {
        try reserve(
            OrderRequest(
                event: event, items: [OrderItem(tier: tier, quantity: quantity)], buyer: buyer, attendees: attendees, hold: hold,
                voucher: voucher), actor: actor)
    }

    /// A sale at the counter (staff, the event's organizers, admins): the order is created
    /// and paid in one transaction, cash (with change) or the card terminal (its reference).
    /// The buyer's e-mail is optional; without one no message is sent.
    public func sell(_ request: OrderRequest, payment: CounterPayment, actor: User) throws -> SaleResult {
        guard payment.method == .cash || payment.method == .card else {
            throw BilletterieError.usage(message: "the counter takes --method cash or --method card (the terminal's payment)")
        }
        let reference = payment.reference?.trimmingCharacters(in: .whitespaces)
        if payment.method == .card, (reference ?? "").isEmpty {
            throw BilletterieError.usage(message: "a card sale needs the terminal's --reference, so it can be found on the terminal's report")
        }
        if let reference { try FreeText.check(reference, field: "reference") }
        var prepared = try prepare(request, actor: actor, atCounter: true)
        let order = prepared.order
        let total = order.total
        var tendered: Money?
        var change: Money?
        if let text = payment.amount {
            let given = try Money(parsing: text, currency: total.currency, what: "amount")
            if given < total {
                throw BilletterieError.conflict(
                    code: "amount_below_due",
                    message: "\(given) is less than the \(total) due: a counter sale is paid in full; give --amount \(total.decimalText) or more")
            }
            if given > total {
                guard payment.method == .cash else {
                    throw BilletterieError.conflict(
                        code: "amount_above_due", message: "\(given) is more than the \(total) due; only cash can be over-tendered")
                }
                tendered = given
                change = Money(minor: given.minor - total.minor, currency: total.currency)
            }
        }
        let paid =
            total.minor == 0
            ? nil
            : Payment(
                id: Identifier.make(.payment), orderID: order.id, method: payment.method, succeeded: true, amount: total, tendered: tendered,
                change: change, reference: reference, cardBrand: nil, cardLast4: nil, declineReason: nil, createdAt: now)
        let receipt: Int = try store.write { tx in
            try place(&prepared, tx: tx, actor: actor, type: .ticketSold)
            if let paid {
                try tx.insertPayment(paid, eventID: prepared.event.id, idempotencyKey: nil, requestHash: nil, createdBy: actor.id)
                try tx.recordEvent(
                    .paymentSucceeded, subject: order.id, actor: actor.id,
                    data: ["payment": paid.id, "method": paid.method.rawValue, "amount_minor": String(paid.amount.minor), "channel": "counter"], at: now)
            }
            let number = try tx.issueReceipt(orderID: order.id, now: now)
            try tx.recordEvent(
                .orderPaid, subject: order.id, actor: actor.id,
                data: MessageFact.Payload.OrderPaid(event: prepared.event.id, amountMinor: String(total.minor), receipt: String(number), channel: "counter"),
                at: now)
            return number
        }
        guard let stored = try store.order(id: order.id, now: now) else { throw BilletterieError.internalFailure("sale \(order.id) was not saved") }
        return SaleResult(order: Self.revealing(stored, in: prepared.event, to: actor), payment: paid, receipt: receipt)
    }

    // MARK: The one way an order is made

    /// An order ready to write: checked against everything known before the write.
    struct PreparedOrder {
        let event: Event
        let tiers: [Tier]
        let lines: [OrderLine]
        let voucher: Voucher?
        /// How many of the order's tickets use the voucher.
        let voucherUses: Int
        var order: Order
        var tickets: [Ticket]
    }

    /// Reads and checks a request (exit 3, 4, 64, 65 as CLI.md sections 4 and 13 say) and
    /// builds the order, its tickets and their prices. Nothing is written.
    func prepare(_ request: OrderRequest, actor: User, atCounter: Bool) throws -> PreparedOrder {
        let event = try catalogue.event(request.event, viewer: actor)
        if atCounter, actor.role != .staff, !Access.manages(event, actor) {
            throw BilletterieError.roleNotAllowed(
                action: "selling at the counter for '\(event.slug)'", allowed: [.admin, .organizer, .staff], actual: actor.role)
        }
        let buyer: Attendee
        if let given = request.buyer {
            buyer = given
            if !atCounter, !EmailAddress.same(given.email, actor.email) {
                try Access.requireManages(event, actor, action: "selling to someone else (\(given.email))")
            }
        } else {
            buyer = atCounter ? Attendee(name: "", email: "") : Attendee(name: actor.name, email: actor.email)
        }
        guard !request.items.isEmpty else { throw BilletterieError.usage(message: "name what to sell: --item TIER[=N] (or --tier T --quantity N)") }
        guard request.hold > 0, request.hold <= Self.longestHold else {
            throw BilletterieError.invalidInput(code: "invalid_hold", message: "invalid hold: give a duration from 1s to 7d, such as 15m")
        }
        let tiers = try store.tiers(of: event)
        let voucher = try request.voucher.map { code -> Voucher in
            let canonical = Voucher.canonical(code)
            guard let found = try store.voucher(code: canonical, now: now), found.eventID == event.id else {
                throw BilletterieError.notFound(entity: "voucher", identifier: "\(canonical)' for '\(event.slug)")
            }
            return found
        }
        // The same tier named twice is one line.
        var lines: [OrderLine] = []
        for item in request.items {
            guard item.quantity >= 1, item.quantity <= Self.largestOrder else {
                throw BilletterieError.invalidInput(code: "invalid_quantity", message: "invalid quantity \(item.quantity): give 1 to \(Self.largestOrder)")
            }
            let visible = Access.manages(event, actor) || actor.role == .staff
            guard
                let tier = tiers.first(where: { $0.id == item.tier || $0.name.lowercased() == item.tier.lowercased() }),
                !tier.hidden || visible || voucher?.tierIDs.contains(tier.id) == true
            else {
                throw BilletterieError.notFound(entity: "tier", identifier: "\(item.tier)' in '\(event.slug)")
            }
            if let index = lines.firstIndex(where: { $0.tier.id == tier.id }) {
                lines[index].quantity += item.quantity
            } else {
                lines.append(OrderLine(tier: tier, quantity: item.quantity))
            }
        }
        let count = lines.reduce(0) { $0 + $1.quantity }
        guard count <= Self.largestOrder else {
            throw BilletterieError.invalidInput(
                code: "invalid_quantity", message: "invalid quantity \(count): an order holds at most \(Self.largestOrder) tickets")
        }
        let admitting = lines.filter { !$0.tier.addon }
        guard request.attendees.count <= (admitting.isEmpty ? count : admitting.reduce(0) { $0 + $1.quantity }) else {
            throw BilletterieError.invalidInput(
                code: "too_many_attendees",
                message:
                    "\(request.attendees.count) attendees for \(admitting.isEmpty ? count : admitting.reduce(0) { $0 + $1.quantity }) admission tickets; give at most one --attendee per ticket"
            )
        }
        for line in lines {
            try checkOnSale(event, line.tier)
            if let max = line.tier.maxPerOrder, line.quantity > max {
                throw BilletterieError.conflict(code: "max_per_order", message: "\(line.tier.name) allows at most \(max) per order; \(line.quantity) asked")
            }
            if line.tier.hidden, voucher?.tierIDs.contains(line.tier.id) != true {
                throw BilletterieError.conflict(
                    code: voucher == nil ? "voucher_required" : "voucher_not_valid",
                    message: "\(line.tier.name) is sold only with a voucher for it\(voucher.map { "; \($0.code) is not" } ?? "")")
            }
            if line.tier.requiresAdmission, admitting.isEmpty {
                let names = tiers.filter { !$0.addon && !$0.hidden }.map(\.name).joined(separator: ", ")
                throw BilletterieError.conflict(
                    code: "requires_admission",
                    message:
                        "\(line.tier.name) is sold only with an admission ticket of '\(event.slug)': add --item with one of \(names.isEmpty ? "its admission tiers" : names)"
                )
            }
        }
        let voucherUses = try voucher.map { try Self.checkVoucher($0, for: lines, at: now) } ?? 0
        // Tickets: admissions first get the attendees named, in order; the rest are the buyer's.
        let key = try signingKey()
        var order = Order(
            id: Identifier.make(.order), eventID: event.id, eventTitle: event.title, buyer: buyer, status: .reserved,
            total: Money(minor: 0, currency: event.currency), paid: Money(minor: 0, currency: event.currency),
            refunded: Money(minor: 0, currency: event.currency), expiresAt: nil, externalID: nil, channel: "box_office", paidBy: nil,
            createdAt: now, tickets: [], eventTimeZone: event.timezone)
        var attendees = request.attendees[...]
        var tickets: [Ticket] = []
        var total: Int64 = 0
        for line in admitting + lines.filter(\.tier.addon) {
            let covered = voucher?.covers(line.tier) == true
            let price = covered ? voucher!.discount.apply(to: line.tier.price.minor) : line.tier.price.minor
            for _ in 0..<line.quantity {
                let attendee = (!line.tier.addon || admitting.isEmpty ? attendees.popFirst() : nil) ?? buyer
                tickets.append(
                    try newTicket(
                        order: order, event: event, tier: line.tier, attendee: attendee, status: .pending, key: key, price: price,
                        voucherID: covered ? voucher!.id : nil))
                total += price
            }
        }
        let free = total == 0
        let paidAtOnce = free || atCounter
        order.total = Money(minor: total, currency: event.currency)
        order.status = paidAtOnce ? .paid : .reserved
        order.paid = Money(minor: atCounter ? total : 0, currency: event.currency)
        order.expiresAt = paidAtOnce ? nil : now.addingTimeInterval(request.hold)
        for index in tickets.indices { tickets[index].status = paidAtOnce ? .valid : .pending }
        if let voucher { order.voucher = OrderVoucher(code: voucher.code, uses: voucherUses) }
        return PreparedOrder(event: event, tiers: tiers, lines: lines, voucher: voucher, voucherUses: voucherUses, order: order, tickets: tickets)
    }

    /// Refuses a voucher that has ended, is for none of the order's tiers, or has fewer uses
    /// left than the order has tickets it covers (a use is one ticket, not one order). Returns
    /// that number of tickets.
    static func checkVoucher(_ voucher: Voucher, for lines: [OrderLine], at now: Date) throws -> Int {
        guard voucher.isValid(at: now) else {
            throw BilletterieError.conflict(
                code: "voucher_expired", message: "voucher \(voucher.code) ended at \(voucher.validUntil.map(TimeText.utc) ?? "?")")
        }
        let covered = lines.filter { voucher.covers($0.tier) }.reduce(0) { $0 + $1.quantity }
        guard covered > 0 else {
            let names = voucher.tierNames.isEmpty ? "tiers that are not hidden" : voucher.tierNames.joined(separator: ", ")
            throw BilletterieError.conflict(
                code: "voucher_not_valid",
                message: "voucher \(voucher.code) is not valid for \(lines.map(\.tier.name).joined(separator: ", ")); it is for \(names)")
        }
        let left = max(0, voucher.maxUses - voucher.uses)
        guard covered <= left else {
            throw BilletterieError.conflict(
                code: "voucher_used_up",
                message:
                    "voucher \(voucher.code) has \(left) use\(left == 1 ? "" : "s") left of \(voucher.maxUses); this order would use \(covered) (one per ticket)"
            )
        }
        return covered
    }

    /// Inside the write: the voucher and the places counted again (another till may have
    /// sold a moment ago), then the order, its tickets and its domain event.
    func place(_ prepared: inout PreparedOrder, tx: StoreTransaction, actor: User, type: DomainEventKind) throws {
        var uses: (id: String, uses: Int)?
        if let voucher = prepared.voucher {
            guard let current = try tx.voucher(code: voucher.code, now: now) else {
                throw BilletterieError.notFound(entity: "voucher", identifier: voucher.code)
            }
            _ = try Self.checkVoucher(current, for: prepared.lines, at: now)
            uses = (current.id, prepared.voucherUses)
        }
        let counts = try tx.placeCounts(event: prepared.event, tiers: prepared.tiers, tierIDs: Set(prepared.lines.map(\.tier.id)), now: now)
        try Places.check(prepared.lines, event: prepared.event, tiers: prepared.tiers, counts: counts, voucher: uses)
        let order = prepared.order
        try tx.insertOrder(order, createdBy: actor.id, now: now)
        for index in prepared.tickets.indices {
            try tx.insertTicket(&prepared.tickets[index], buyer: order.buyer, holdExpiresAt: order.expiresAt, now: now)
        }
        try tx.recordEvent(
            type, subject: order.id, actor: actor.id,
            data: [
                "event": prepared.event.id, "tier": prepared.lines[0].tier.id,
                "items": prepared.lines.map { "\($0.tier.name)=\($0.quantity)" }.joined(separator: ","),
                "quantity": String(prepared.tickets.count), "buyer": order.buyer.email, "total_minor": String(order.total.minor),
                "expires_at": order.expiresAt.map(TimeText.utc) ?? "", "voucher": prepared.voucher?.code ?? "",
            ], at: now)
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
}

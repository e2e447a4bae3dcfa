import Foundation

/// Money in and out of orders: payments (cash, card terminal, test processor), receipts,
/// refunds. Every change to an order's money is one transaction with its domain events.
public struct Payments {
    public let store: Store
    public let now: Date

    public init(store: Store, now: Date) {
        self.store = store
        self.now = now
    }

    var sales: Sales { Sales(store: store, now: now) }
    var catalogue: Catalogue { Catalogue(store: store, now: now) }

    // MARK: Paying

    public struct PayRequest: Sendable {
        public var order: String
        public var method: PaymentMethod
        public var amount: String?
        public var reference: String?
        public var card: String?
        public var idempotencyKey: String?

        public init(
            order: String, method: PaymentMethod, amount: String? = nil, reference: String? = nil, card: String? = nil,
            idempotencyKey: String? = nil
        ) {
            self.order = order
            self.method = method
            self.amount = amount
            self.reference = reference
            self.card = card
            self.idempotencyKey = idempotencyKey
        }
    }

    /// What a payment did; `replayed` when an idempotency key returned an earlier result.
    public struct PayResult: Sendable, Encodable {
        public let payment: Payment
        public let order: Order
        public let replayed: Bool
    }

    /// Records a payment. When the order is paid in full its tickets become valid, a receipt
    /// number is issued and `order.paid` is recorded. A declined test card is recorded as a
    /// failed payment (`payment.failed`), then refused with exit 4.
    public func pay(_ request: PayRequest, actor: User) throws -> PayResult {
        let card = try request.card.map(CardNumber.init)
        if request.method == .test, card == nil {
            throw BilletterieError.usage(message: "the test processor needs --card NUMBER (4242424242424242 succeeds)")
        }
        if request.method == .card, (request.reference ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw BilletterieError.usage(message: "a card payment needs the terminal's --reference, so it can be found on the terminal's report")
        }
        let hash = Self.requestHash([
            "pay", request.order, request.method.rawValue, request.amount ?? "due", request.reference ?? "",
            card?.brand ?? "", card?.last4 ?? "",
        ])
        let order = try sales.order(request.order, viewer: actor)
        let event = try catalogue.event(order.eventID, viewer: actor)
        if request.method != .test || !order.isBoughtBy(actor) {
            try Access.requireManages(event, actor, action: "recording a \(request.method.rawValue) payment")
        }
        if request.method == .test, try !Self.testProcessorIsOn(store) {
            throw BilletterieError.conflict(
                code: "test_processor_off",
                message: "the test processor is off in this store (a real venue's); record cash or a card terminal's payment")
        }
        // Keys are the caller's and the order's: checked after permissions, so a key names
        // nothing of anyone else's (CLI.md section 16).
        let scopedKey = request.idempotencyKey.map { Self.scoped($0, actor: actor, order: order.id) }
        if let scopedKey, let key = request.idempotencyKey, let replay = try replayPayment(key: scopedKey, shown: key, hash: hash, actor: actor) {
            return replay
        }
        try Self.requirePayable(order)
        let due = order.due
        let requested = try request.amount.map { try Money(parsing: $0, currency: due.currency, what: "amount") } ?? due
        guard requested.minor > 0 else {
            throw BilletterieError.invalidInput(code: "invalid_amount", message: "invalid amount '\(request.amount ?? "0")': give more than 0")
        }
        var applied = requested
        var tendered: Money?
        var change: Money?
        if requested > due {
            guard request.method == .cash else {
                throw BilletterieError.conflict(
                    code: "amount_above_due", message: "\(requested) is more than the \(due) due on \(order.id); only cash can be over-tendered")
            }
            applied = due
            tendered = requested
            change = Money(minor: requested.minor - due.minor, currency: due.currency)
        }
        let declined: CardNumber.TestOutcome? = request.method == .test && card!.testOutcome != .succeeded ? card!.testOutcome : nil
        let payment = Payment(
            id: Identifier.make(.payment), orderID: order.id, method: request.method, succeeded: declined == nil,
            amount: applied, tendered: tendered, change: change, reference: request.reference,
            cardBrand: card?.brand, cardLast4: card?.last4, declineReason: declined?.rawValue, createdAt: now)
        let updated: Order = try store.write { tx in
            // Read again inside the write: another terminal may have paid it a moment ago.
            guard let current = try store.order(id: order.id, now: now) else { throw BilletterieError.notFound(entity: "order", identifier: order.id) }
            try Self.requirePayable(current)
            guard applied <= current.due else {
                throw BilletterieError.conflict(code: "amount_above_due", message: "only \(current.due) is still due on \(order.id)")
            }
            try tx.insertPayment(payment, eventID: current.eventID, idempotencyKey: scopedKey, requestHash: hash, createdBy: actor.id)
            if let declined {
                try tx.recordEvent(
                    .paymentFailed, subject: order.id, actor: actor.id,
                    data: MessageFact.Payload.PaymentFailed(
                        payment: payment.id, reason: declined.rawValue, amountMinor: String(applied.minor), cardLast4: card!.last4), at: now)
                return current
            }
            let paid = current.paid.minor + applied.minor
            let complete = paid == current.total.minor
            // Any money paid ends the hold: tickets partly paid for are not released by the clock.
            try tx.updateOrderMoney(id: order.id, status: complete ? .paid : .reserved, paidMinor: paid, refundedMinor: 0, now: now)
            try tx.recordEvent(
                .paymentSucceeded, subject: order.id, actor: actor.id,
                data: [
                    "payment": payment.id, "method": request.method.rawValue, "amount_minor": String(applied.minor),
                ], at: now)
            if complete {
                try tx.confirmTickets(orderID: order.id, now: now)
                let number = try tx.issueReceipt(orderID: order.id, now: now)
                try tx.recordEvent(
                    .orderPaid, subject: order.id, actor: actor.id,
                    data: MessageFact.Payload.OrderPaid(event: event.id, amountMinor: String(paid), receipt: String(number)), at: now)
            } else {
                try tx.clearHold(orderID: order.id, now: now)
            }
            return try store.order(id: order.id, now: now)!
        }
        if let declined { throw Self.declineError(declined, payment: payment) }
        return PayResult(payment: payment, order: updated, replayed: false)
    }

    static func requirePayable(_ order: Order) throws {
        let why: String? =
            switch order.status {
            case .reserved: nil
            case .paid: "it is already paid"
            case .expired: "its hold expired at \(order.expiresAt.map(TimeText.utc) ?? "?"); reserve again"
            case .cancelled: "it is cancelled"
            case .partiallyRefunded, .refunded: "it is \(order.status.rawValue)"
            }
        if let why { throw BilletterieError.conflict(code: "not_payable", message: "cannot pay \(order.id): \(why)") }
    }

    static func declineError(_ outcome: CardNumber.TestOutcome, payment: Payment) -> BilletterieError {
        let why = outcome == .insufficientFunds ? "insufficient funds" : "declined"
        return .conflict(
            code: outcome.rawValue,
            message:
                "card \(why): \(payment.cardBrand ?? "card") ending \(payment.cardLast4 ?? "????"); recorded as failed payment \(payment.id), nothing was charged, the order stays reserved"
        )
    }

    /// The store setting `pay test-processor off` writes: a real venue's store takes no test payments.
    public static let testProcessorSetting = "payments.test_processor"

    /// Turns the test processor on or off for the whole store (admins).
    public func setTestProcessor(on: Bool, actor: User) throws {
        try Access.require(actor, .changePaymentSettings)
        try store.write { tx in
            try tx.saveSetting(Self.testProcessorSetting, on ? "on" : "off")
            try tx.recordEvent(.settingsTestProcessor, subject: nil, actor: actor.id, data: ["value": on ? "on" : "off"], at: now)
        }
    }

    /// Whether `--method test` is taken (on unless an admin turned it off).
    static func testProcessorIsOn(_ store: Store) throws -> Bool { try store.settingValue(testProcessorSetting) != "off" }

    /// An idempotency key as stored: the caller's, for one order.
    static func scoped(_ key: String, actor: User, order: String) -> String { actor.id + "/" + order + "/" + key }

    private func replayPayment(key: String, shown: String, hash: [UInt8], actor: User) throws -> PayResult? {
        guard let (payment, storedHash) = try store.payment(idempotencyKey: key) else { return nil }
        guard storedHash == hash else {
            throw BilletterieError.conflict(
                code: "idempotency_key_reused",
                message: "idempotency key '\(shown)' was used for a different payment (\(payment.id)); use a new key for a new payment")
        }
        if !payment.succeeded, let reason = payment.declineReason.flatMap(CardNumber.TestOutcome.init(rawValue:)) {
            throw Self.declineError(reason, payment: payment)
        }
        return PayResult(payment: payment, order: try sales.order(payment.orderID, viewer: actor), replayed: true)
    }

    static func requestHash(_ parts: [String]) -> [UInt8] {
        CryptoPrimitives.sha256(Array(parts.joined(separator: "\u{1F}").utf8))
    }

    // MARK: Refunds

    public struct RefundRequest: Sendable {
        public var order: String
        public var amount: String?
        public var tickets: [String]
        public var reason: String
        public var idempotencyKey: String?
        /// Checks everything and says what would happen; changes nothing.
        public var dryRun: Bool

        public init(
            order: String, amount: String? = nil, tickets: [String] = [], reason: String = "", idempotencyKey: String? = nil, dryRun: Bool = false
        ) {
            self.order = order
            self.amount = amount
            self.tickets = tickets
            self.reason = reason
            self.idempotencyKey = idempotencyKey
            self.dryRun = dryRun
        }
    }

    public struct RefundResult: Sendable, Encodable {
        public let refund: Refund
        public let order: Order
        public let replayed: Bool
        public var dryRun = false

        enum CodingKeys: String, CodingKey {
            case refund, order, replayed
            case dryRun = "dry_run"
        }
    }

    /// Gives money back: `--ticket`s are voided (and priced, without `--amount`); the whole
    /// remaining amount voids every ticket; an amount alone voids none. Never more than paid.
    public func refund(_ request: RefundRequest, actor: User) throws -> RefundResult {
        let hash = Self.requestHash(["refund", request.order, request.amount ?? "auto", request.tickets.sorted().joined(separator: ","), request.reason])
        let order = try sales.order(request.order, viewer: actor)
        let event = try catalogue.event(order.eventID, viewer: actor)
        try Access.requireManages(event, actor, action: "refunding an order")
        let scopedKey = request.idempotencyKey.map { Self.scoped($0, actor: actor, order: order.id) }
        if let scopedKey, let key = request.idempotencyKey, let (refund, storedHash) = try store.refund(idempotencyKey: scopedKey) {
            guard storedHash == hash else {
                throw BilletterieError.conflict(
                    code: "idempotency_key_reused",
                    message: "idempotency key '\(key)' was used for a different refund (\(refund.id)); use a new key")
            }
            return RefundResult(refund: refund, order: try sales.order(refund.orderID, viewer: actor), replayed: true)
        }
        let currency = order.total.currency
        var chosen: [Ticket] = []
        for identifier in request.tickets {
            guard let ticket = order.tickets.first(where: { $0.id == identifier || $0.code == identifier }) else {
                throw BilletterieError.notFound(entity: "ticket", identifier: "\(Sales.shorten(identifier))' in '\(order.id)")
            }
            guard ticket.status != .void else {
                throw BilletterieError.conflict(code: "already_void", message: "\(ticket.id) is already void (\(ticket.voidReason ?? ""))")
            }
            if !chosen.contains(ticket) { chosen.append(ticket) }
        }
        let refundable = order.paid.minor - order.refunded.minor
        guard refundable > 0 else {
            throw BilletterieError.conflict(
                code: "nothing_to_refund", message: "nothing to refund on \(order.id): \(order.paid) paid, \(order.refunded) refunded")
        }
        let amount: Money
        if let text = request.amount {
            amount = try Money(parsing: text, currency: currency, what: "amount")
            guard amount.minor > 0 else { throw BilletterieError.invalidInput(code: "invalid_amount", message: "invalid amount '\(text)': give more than 0") }
        } else if !chosen.isEmpty {
            let priced = chosen.reduce(Int64(0)) { $0 + $1.priceMinor }
            amount = Money(minor: min(priced, refundable), currency: currency)
        } else {
            amount = Money(minor: refundable, currency: currency)
        }
        guard amount.minor <= refundable else {
            throw BilletterieError.conflict(
                code: "refund_above_paid",
                message:
                    "\(amount) is more than can be refunded on \(order.id): \(Money(minor: refundable, currency: currency)) (\(order.paid) paid, \(order.refunded) refunded)"
            )
        }
        let full = amount.minor == refundable
        // A deposit on an order never paid in full is given back whole, which undoes the sale.
        if order.status == .reserved && !full {
            throw BilletterieError.conflict(
                code: "not_fully_paid",
                message:
                    "\(order.id) is not paid in full: refund all that was paid (\(Money(minor: refundable, currency: currency))), which cancels it, or take the rest first"
            )
        }
        let voided = full ? order.tickets.filter { $0.status != .void } : chosen
        let source = Self.refundSource(for: amount, in: order)
        // Run at the till: cash is handed over as the refund is recorded.
        let refund = Refund(
            id: Identifier.make(.refund), orderID: order.id, amount: amount, method: source?.method ?? .cash,
            cardBrand: source?.cardBrand, cardLast4: source?.cardLast4, reason: request.reason, tickets: voided.map(\.id),
            createdAt: now, handedBackAt: now)
        if request.dryRun { return RefundResult(refund: refund, order: order, replayed: false, dryRun: true) }
        let updated: Order = try store.write { tx in
            try record(refund, of: order, voiding: voided, idempotencyKey: scopedKey, hash: hash, actor: actor, tx: tx)
            return try store.order(id: order.id, now: now)!
        }
        return RefundResult(refund: refund, order: updated, replayed: false)
    }

    /// Where money goes back: the latest payment source (cash, or one card) that still has at
    /// least `amount` not yet refunded; else the one with the most. So a card is never
    /// credited more than it paid while cash covered the rest.
    static func refundSource(for amount: Money, in order: Order) -> Payment? {
        let succeeded = order.payments.filter(\.succeeded)
        func left(_ payment: Payment) -> Int64 {
            let paid = succeeded.filter { $0.method == payment.method && $0.cardLast4 == payment.cardLast4 }.reduce(0) { $0 + $1.amount.minor }
            let back = order.refunds.filter { $0.method == payment.method && $0.cardLast4 == payment.cardLast4 }.reduce(0) { $0 + $1.amount.minor }
            return paid - back
        }
        return succeeded.reversed().first { left($0) >= amount.minor } ?? succeeded.max { left($0) < left($1) }
    }

    /// Inside a write: the refund, the order's new state, the voided tickets, `refund.issued`.
    func record(
        _ refund: Refund, of order: Order, voiding tickets: [Ticket], idempotencyKey: String?, hash: [UInt8]?, actor: User,
        cause: RefundCause = .request, tx: StoreTransaction
    ) throws {
        guard let current = try store.order(id: order.id, now: now) else { throw BilletterieError.notFound(entity: "order", identifier: order.id) }
        let refunded = current.refunded.minor + refund.amount.minor
        guard refunded <= current.paid.minor else {
            throw BilletterieError.conflict(code: "refund_above_paid", message: "\(order.id) has only \(current.paid) paid")
        }
        try tx.insertRefund(refund, idempotencyKey: idempotencyKey, requestHash: hash, createdBy: actor.id)
        for ticket in tickets { try tx.voidTicket(id: ticket.id, reason: "refunded", now: now) }
        try tx.endOffers(usedBy: tickets.map(\.id), now: now)
        // Refunded means a sale undone; a reservation whose deposit goes back is cancelled.
        let status: OrderStatus =
            current.status == .reserved || current.status == .expired
            ? .cancelled
            : refunded == current.paid.minor ? .refunded : .partiallyRefunded
        try tx.updateOrderMoney(id: order.id, status: status, paidMinor: current.paid.minor, refundedMinor: refunded, now: now)
        try tx.recordEvent(
            .refundIssued, subject: order.id, actor: actor.id,
            data: MessageFact.Payload.RefundIssued(
                refund: refund.id, amountMinor: String(refund.amount.minor), method: refund.method.rawValue,
                tickets: refund.tickets.joined(separator: ","), reason: refund.reason, cause: cause), at: now)
    }

    // MARK: Cash owed

    /// Cash still to give back (a cancellation's refunds of cash payments), per buyer.
    public struct OwedCash: Sendable, Encodable {
        public let buyer: Attendee
        public let eventTitle: String
        public let refunds: [Refund]
        public var total: Money { Money(minor: refunds.reduce(0) { $0 + $1.amount.minor }, currency: refunds[0].amount.currency) }

        enum CodingKeys: String, CodingKey {
            case buyer, refunds, currency
            case eventTitle = "event_title"
            case buyerEmail = "buyer_email"
            case buyerName = "buyer_name"
            case totalMinor = "total_minor"
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(buyer.email, forKey: .buyerEmail)
            try c.encode(buyer.name, forKey: .buyerName)
            try c.encode(eventTitle, forKey: .eventTitle)
            try c.encode(total.minor, forKey: .totalMinor)
            try c.encode(total.currency.code, forKey: .currency)
            try c.encode(refunds, forKey: .refunds)
        }
    }

    /// Per buyer and event, the cash refunds not yet handed back, of the orders `viewer` may see.
    public func owed(event: Event?, viewer: User) throws -> [OwedCash] {
        guard viewer.role == .admin || viewer.role == .organizer else {
            throw BilletterieError.roleNotAllowed(action: "listing cash owed", allowed: [.admin, .organizer], actual: viewer.role)
        }
        var groups: [OwedCash] = []
        for row in try store.owedRefunds(visibleTo: viewer, eventID: event?.id) {
            if let last = groups.last, last.buyer.email == row.buyer.email, last.eventTitle == row.eventTitle {
                groups[groups.count - 1] = OwedCash(buyer: last.buyer, eventTitle: last.eventTitle, refunds: last.refunds + [row.refund])
            } else {
                groups.append(OwedCash(buyer: row.buyer, eventTitle: row.eventTitle, refunds: [row.refund]))
            }
        }
        return groups
    }

    /// Records that the cash of `refundID` was given to its buyer (once; exit 4 after).
    public func handBack(_ refundID: String, actor: User) throws -> Refund {
        guard let refund = try store.refund(id: refundID), (try? sales.order(refund.orderID, viewer: actor)) != nil else {
            throw BilletterieError.notFound(entity: "refund", identifier: refundID)
        }
        let order = try sales.order(refund.orderID, viewer: actor)
        try Access.requireManages(try catalogue.event(order.eventID, viewer: actor), actor, action: "handing back cash")
        guard refund.cashOwed else {
            throw BilletterieError.conflict(
                code: "not_owed",
                message: refund.method == .cash
                    ? "\(refund.id) was handed back already (\(refund.handedBackAt.map(TimeText.utc) ?? ""))"
                    : "\(refund.id) went back to the card; there is no cash to hand back")
        }
        try store.write { tx in
            guard try tx.markHandedBack(refundID: refund.id, by: actor.id, now: now) else {
                throw BilletterieError.conflict(code: "not_owed", message: "\(refund.id) was handed back already")
            }
            try tx.recordEvent(
                .refundHandedBack, subject: order.id, actor: actor.id,
                data: ["refund": refund.id, "amount_minor": String(refund.amount.minor)], at: now)
        }
        return try store.refund(id: refund.id)!
    }

    // MARK: Looking up

    public func payment(_ id: String, viewer: User) throws -> Payment {
        guard let payment = try store.payment(id: id), (try? sales.order(payment.orderID, viewer: viewer)) != nil else {
            throw BilletterieError.notFound(entity: "payment", identifier: id)
        }
        return payment
    }

    /// Payments of one order, or of every order the viewer may see.
    public func payments(order: String?, viewer: User) throws -> [Payment] {
        if let order { return try sales.order(order, viewer: viewer).payments }
        return try store.payments(visibleTo: viewer)
    }

    public func refunds(order: String?, viewer: User) throws -> [Refund] {
        if let order { return try sales.order(order, viewer: viewer).refunds }
        return try store.refunds(visibleTo: viewer)
    }
}

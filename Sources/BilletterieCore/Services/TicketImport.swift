import Foundation

/// `ticket import`: bulk orders from a CSV file (guest lists, other sales channels), in one
/// transaction, idempotent on `external_id`, nothing imported when any row is bad.
public struct TicketImport {
    public let store: Store
    public let now: Date

    public init(store: Store, now: Date) {
        self.store = store
        self.now = now
    }

    /// How the imported orders were paid: `comp` (complimentary: nothing charged) or `cash`
    /// (paid in full elsewhere; the money counts as received).
    public enum PaidBy: String, Sendable, CaseIterable, Encodable {
        case cash, comp
    }

    public struct Summary: Sendable, Encodable {
        public let eventID: String
        public let orders: Int
        public let tickets: Int
        /// Rows whose external_id was imported before: left as they are.
        public let skipped: Int
        public let totalMinor: Int64
        public let currency: String
        public let paidBy: PaidBy
        /// Nothing was written (`--dry-run`): what the import would do.
        public var dryRun = false

        enum CodingKeys: String, CodingKey {
            case orders, tickets, skipped, currency
            case dryRun = "dry_run"
            case eventID = "event_id"
            case totalMinor = "total_minor"
            case paidBy = "paid_by"
        }
    }

    static let required = ["external_id", "buyer_email"]
    static let optional = ["buyer_name", "tier", "quantity", "attendee_name", "attendee_email"]
    /// A file with more bad rows than this lists the first ones and how many more.
    static let reportedProblems = 1000

    /// Imports `path` into the event. `progress` is called now and then with the bytes read
    /// and the file's size. Throws `invalidInput` listing every bad row by line number.
    public func run(
        path: String, event identifier: String, defaultTier: String?, paidBy: PaidBy, actor: User, dryRun: Bool = false,
        progress: ((Int, Int) -> Void)? = nil
    ) throws -> Summary {
        let catalogue = Catalogue(store: store, now: now)
        let sales = Sales(store: store, now: now)
        let event = try catalogue.event(identifier, viewer: actor)
        try Access.requireManages(event, actor, action: "importing tickets")
        switch event.status(at: now) {
        case .cancelled, .past:
            throw BilletterieError.conflict(code: "not_on_sale", message: "cannot import tickets into '\(event.slug)': it is \(event.status(at: now).rawValue)")
        case .draft, .published: break
        }
        let tiers = try store.tiers(of: event)
        func tierNamed(_ name: String) -> Tier? { tiers.first { $0.name.lowercased() == name.lowercased() || $0.id == name } }
        let fallbackTier: Tier?
        if let defaultTier {
            guard let tier = tierNamed(defaultTier) else {
                throw BilletterieError.notFound(entity: "tier", identifier: "\(defaultTier)' in '\(event.slug)")
            }
            fallbackTier = tier
        } else {
            fallbackTier = tiers.count == 1 ? tiers[0] : nil
        }

        let reader = try CSVReader(path: path)
        guard let headerResult = reader.next() else {
            throw BilletterieError.invalidInput(code: "bad_rows", message: "\(path) is empty; it needs a header row: external_id,buyer_email,...")
        }
        let header: [String]
        switch headerResult {
        case .failure(let problem): throw BilletterieError.invalidInput(code: "bad_rows", message: "\(path): line \(problem.line): \(problem.message)")
        case .success(let record): header = record.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        }
        try checkHeader(header, path: path, hasTier: fallbackTier != nil)
        let column = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, $0) })

        let key = try sales.signingKey()
        var problems: [String] = []
        var problemCount = 0
        func problem(_ line: Int, _ message: String) {
            problemCount += 1
            if problems.count < Self.reportedProblems { problems.append("line \(line): \(message)") }
        }
        var orders = 0
        var tickets = 0
        var skipped = 0
        var total: Int64 = 0
        // A dry run does all of it, every check and count inside the transaction, then rolls back.
        var summary: Summary = try store.write(rehearsing: dryRun) { tx in
            let imported = try store.importedExternalIDs(eventID: event.id)
            var seen: [String: Int] = [:]
            // Places taken, counted once and kept up to date here: a per-row count would make
            // a large import quadratic. The rule itself is the one every sale asks (`Places`).
            var counts = try tx.placeCounts(event: event, tiers: tiers, now: now)
            // Written 500 orders at a time: few statements, which a server store needs.
            var batch = ImportBatch()
            var rows = 0
            while let next = reader.next() {
                rows += 1
                if rows % 2000 == 0 { progress?(reader.bytesRead, reader.size) }
                let record: CSVRecord
                switch next {
                case .failure(let failure):
                    problem(failure.line, failure.message)
                    continue
                case .success(let r): record = r
                }
                guard record.fields.count == header.count else {
                    problem(record.line, "\(record.fields.count) fields where the header has \(header.count)")
                    continue
                }
                func field(_ name: String) -> String? {
                    column[name].map { record.fields[$0].trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
                }
                guard let externalID = field("external_id") else {
                    problem(record.line, "external_id is empty")
                    continue
                }
                if let earlier = seen[externalID] {
                    problem(record.line, "external_id '\(externalID)' is already on line \(earlier)")
                    continue
                }
                seen[externalID] = record.line
                if imported.contains(externalID) {
                    skipped += 1
                    continue
                }
                do {
                    let buyerEmail = try EmailAddress.normalize(field("buyer_email") ?? "")
                    let buyer = Attendee(name: field("buyer_name") ?? String(buyerEmail.split(separator: "@")[0]), email: buyerEmail)
                    guard let tier = field("tier").map(tierNamed) ?? fallbackTier else {
                        let known = tiers.map(\.name).joined(separator: ", ")
                        problem(
                            record.line,
                            field("tier").map { "no tier '\($0)' in '\(event.slug)' (its tiers: \(known))" } ?? "no tier given; add a tier column or --tier")
                        continue
                    }
                    guard let quantity = Int(field("quantity") ?? "1"), (1...Sales.largestOrder).contains(quantity) else {
                        problem(record.line, "quantity '\(field("quantity") ?? "")' is not a whole number from 1 to \(Sales.largestOrder)")
                        continue
                    }
                    for name in ["external_id", "buyer_name", "attendee_name", "tier"] {
                        if let value = field(name) { try FreeText.check(value, field: name) }
                    }
                    var attendee = buyer
                    if let email = field("attendee_email") {
                        attendee = Attendee(name: field("attendee_name") ?? String(email.split(separator: "@")[0]), email: try EmailAddress.normalize(email))
                    } else if let name = field("attendee_name") {
                        attendee.name = name
                    }
                    if tier.requiresAdmission {
                        problem(
                            record.line,
                            "\(tier.name) is sold only with an admission ticket, and a row is one order of one tier; import it with the admission tier's row in another channel, or sell it with `ticket sell`"
                        )
                        continue
                    }
                    let lines = [OrderLine(tier: tier, quantity: quantity)]
                    try Places.check(lines, event: event, tiers: tiers, counts: counts)
                    counts.take(lines)
                    // Once a row is bad nothing will be kept, so the rest are only checked.
                    guard problemCount == 0 else { continue }
                    let unitPrice = paidBy == .comp ? 0 : tier.price.minor
                    let orderTotal = unitPrice * Int64(quantity)
                    let money = { (minor: Int64) in Money(minor: minor, currency: tier.price.currency) }
                    let order = Order(
                        id: Identifier.make(.order), eventID: event.id, eventTitle: event.title, buyer: buyer, status: .paid,
                        total: money(orderTotal), paid: money(orderTotal), refunded: money(0), expiresAt: nil,
                        externalID: externalID, channel: "import", paidBy: paidBy.rawValue, createdAt: now, tickets: [])
                    batch.add(order: order, createdBy: actor.id, now: now)
                    for _ in 0..<quantity {
                        let ticket = try sales.newTicket(
                            order: order, event: event, tier: tier, attendee: attendee, status: .valid, key: key, price: unitPrice)
                        batch.add(ticket: ticket, buyer: order.buyer)
                    }
                    if paidBy == .cash && orderTotal > 0 {
                        batch.add(
                            payment: Payment(
                                id: Identifier.make(.payment), orderID: order.id, method: .cash, succeeded: true,
                                amount: money(orderTotal), tendered: nil, change: nil, reference: "import \(externalID)",
                                cardBrand: nil, cardLast4: nil, declineReason: nil, createdAt: now),
                            eventID: event.id, createdBy: actor.id)
                    }
                    batch.addReceipt(orderID: order.id)
                    try batch.add(
                        event:
                            .orderPaid, subject: order.id, actor: actor.id,
                        data: MessageFact.Payload.OrderPaid(
                            event: event.id, amountMinor: String(orderTotal), channel: "import", paidBy: paidBy.rawValue, externalID: externalID,
                            tickets: String(quantity)), at: now)
                    orders += 1
                    tickets += quantity
                    total += orderTotal
                    if batch.orders.count >= 500 {
                        try tx.insert(batch, now: now)
                        batch = ImportBatch()
                    }
                } catch let error as BilletterieError {
                    problem(record.line, error.message)
                }
            }
            progress?(reader.bytesRead, reader.size)
            // A read that failed half way must not import half a file.
            if let failure = reader.readFailure { throw BilletterieError.cannotOpen(path: path, reason: "reading stopped: \(failure); nothing was imported") }
            if problemCount > 0 {
                let more = problemCount - problems.count
                throw BilletterieError.invalidInput(
                    code: "bad_rows",
                    message: "\(problemCount) bad row\(problemCount == 1 ? "" : "s") in \(path); nothing was imported",
                    details: problems + (more > 0 ? ["... and \(more) more"] : []))
            }
            if !batch.isEmpty { try tx.insert(batch, now: now) }
            if orders > 0 {
                try tx.recordEvent(
                    .ticketsImported, subject: event.id, actor: actor.id,
                    data: [
                        "file": (path as NSString).lastPathComponent, "orders": String(orders), "tickets": String(tickets),
                        "skipped": String(skipped), "paid_by": paidBy.rawValue,
                    ], at: now)
            }
            return Summary(
                eventID: event.id, orders: orders, tickets: tickets, skipped: skipped, totalMinor: total,
                currency: event.currency.code, paidBy: paidBy)
        }
        summary.dryRun = dryRun
        return summary
    }

    private func checkHeader(_ header: [String], path: String, hasTier: Bool) throws {
        var problems: [String] = []
        for name in Self.required where !header.contains(name) { problems.append("the header lacks '\(name)'") }
        for name in header where !(Self.required + Self.optional).contains(name) {
            problems.append("unknown column '\(name)'; the columns are \((Self.required + Self.optional).joined(separator: ", "))")
        }
        for name in Set(header) where header.filter({ $0 == name }).count > 1 { problems.append("column '\(name)' appears twice") }
        if !hasTier && !header.contains("tier") { problems.append("the event has several tiers: add a 'tier' column or --tier") }
        if !problems.isEmpty {
            throw BilletterieError.invalidInput(
                code: "bad_rows", message: "\(path): the header row (line 1) is not usable; nothing was imported",
                details: problems.map { "line 1: \($0)" })
        }
    }
}

import Foundation
import PropertyBased
import Testing

@testable import BilletterieCore

/// Random sequences of reserve, pay, refund, cancel, counter sales, vouchers (a discount
/// with few uses, a block) and the waiting list keep the books balanced and the places true.
@Suite("books stay balanced (property-based)")
struct BooksPropertyTests {
    /// One step: (operation, a, b), where a and b pick a tier, an order, a buyer, a variant.
    typealias Step = (Int, Int, Int)

    static let steps = zip(Gen.int(in: 0...8), Gen.int(in: 0...7), Gen.int(in: 0...7)).array(of: 1...40)

    @Test(
        "paid − refunded is what the payments and refunds say; no valid ticket on an unpaid order; receipts 1…N; quotas, capacity and voucher uses hold; no free place left while someone who fits waits"
    )
    func booksBalance() async {
        await propertyCheck(count: 60, input: Self.steps) { steps in
            try Self.run(steps)
        }
    }

    static func run(_ steps: [Step]) throws {
        let t = try TestStore()
        let start = TestStore.t0
        let catalogue = Catalogue(store: t.store, now: start)
        let event = try catalogue.create(
            EventInput(title: "Books", startsAt: "2026-07-01T20:00", venue: "Hall", capacity: 8, timezone: "UTC"),
            publish: true, actor: t.admin)
        for (name, price, quota) in [("Standard", "25", 6), ("VIP", "80.50", 3), ("Free", "0", 4)] {
            _ = try catalogue.addTier(to: event.id, TierInput(name: name, price: price, quota: quota), actor: t.admin)
        }
        let vouchers = Vouchers(store: t.store, now: start)
        _ = try vouchers.create(.init(event: event.id, code: "HALF", tiers: ["Standard"], discount: "50%", maxUses: 3), actor: t.admin)
        _ = try vouchers.create(.init(event: event.id, code: "KEEP", tiers: ["VIP"], maxUses: 2, block: 2), actor: t.admin)
        var orders: [String] = []
        for (index, step) in steps.enumerated() {
            // Two minutes pass between steps: some 15-minute holds run out along the way.
            let now = start.addingTimeInterval(TimeInterval(index * 120))
            let sales = Sales(store: t.store, now: now)
            let payments = Payments(store: t.store, now: now)
            let (operation, a, b) = step
            do {
                switch operation {
                case 0:
                    let order = try sales.reserve(
                        event: event.id, tier: ["Standard", "VIP", "Free"][a % 3], quantity: b % 3 + 1,
                        buyer: Attendee(name: "B\(b)", email: "b\(b)@example.org"), attendees: [],
                        hold: Sales.defaultHold, actor: t.admin)
                    orders.append(order.id)
                case 1 where !orders.isEmpty:
                    let order = try sales.order(orders[a % orders.count], viewer: t.admin)
                    let half = Money(minor: max(1, order.due.minor / 2), currency: order.due.currency)
                    let request: Payments.PayRequest =
                        switch b % 3 {
                        case 0: .init(order: order.id, method: .cash)
                        case 1: .init(order: order.id, method: .test, card: "4242424242424242")
                        default: .init(order: order.id, method: .cash, amount: half.decimalText)
                        }
                    _ = try payments.pay(request, actor: t.admin)
                case 2 where !orders.isEmpty:
                    _ = try payments.pay(.init(order: orders[a % orders.count], method: .test, card: "4000000000000002"), actor: t.admin)
                case 3 where !orders.isEmpty:
                    let order = try sales.order(orders[a % orders.count], viewer: t.admin)
                    let request: Payments.RefundRequest =
                        switch b % 3 {
                        case 0: .init(order: order.id)
                        case 1: .init(order: order.id, tickets: order.tickets.filter { $0.status != .void }.prefix(1).map(\.id))
                        default: .init(order: order.id, amount: "1")
                        }
                    _ = try payments.refund(request, actor: t.admin)
                case 4 where !orders.isEmpty:
                    _ = try sales.cancel(orders[a % orders.count], actor: t.admin)
                case 5:
                    let order = try sales.reserve(
                        OrderRequest(
                            event: event.id, items: [OrderItem(tier: a % 2 == 0 ? "Standard" : "VIP", quantity: b % 2 + 1)],
                            buyer: Attendee(name: "V\(b)", email: "v\(b)@example.org"), voucher: a % 2 == 0 ? "half" : "keep"), actor: t.admin)
                    orders.append(order.id)
                case 6:
                    _ = try Waitlist(store: t.store, now: now).join(
                        event: event.id, tier: ["Standard", "VIP", "Free"][a % 3], quantity: b % 2 + 1, email: "w\(a)\(b)@example.org", name: nil,
                        actor: nil)
                case 7:
                    _ = try Waitlist(store: t.store, now: now).run(actor: t.admin)
                case 8:
                    let sale = try sales.sell(
                        OrderRequest(event: event.id, items: [OrderItem(tier: "Standard", quantity: a % 2 + 1), OrderItem(tier: "Free", quantity: 1)]),
                        payment: CounterPayment(method: b % 2 == 0 ? .cash : .card, amount: b % 2 == 0 ? "100" : nil, reference: "T\(b)"), actor: t.admin)
                    orders.append(sale.order.id)
                default:
                    break
                }
            } catch let error as BilletterieError where error.category != .internalFailure {
                // A refusal (sold out, nothing to refund, declined...) is part of the game.
            }
        }
        let end = start.addingTimeInterval(TimeInterval(steps.count * 120))
        try checkBooks(t, orders: orders, now: end)
        try checkPlaces(t, event: event.id, now: end)
    }

    /// Places as the store counts them, tickets and kept places together, never pass a limit;
    /// a voucher is never used for more tickets than it allows; and once the waiting list has
    /// run, nobody who would fit in what is free is still waiting.
    static func checkPlaces(_ t: TestStore, event id: String, now: Date) throws {
        let event = try Catalogue(store: t.store, now: now).event(id, viewer: t.admin)
        let tiers = try t.store.tiers(of: event)
        let counts = try t.store.placeCounts(event: event, tiers: tiers, now: now)
        for tier in tiers {
            if let quota = tier.quota {
                #expect(counts.taken[tier.id, default: 0] + counts.blocked(tier.id) <= quota, "\(tier.name): sold, held and kept pass its quota")
            }
        }
        #expect(counts.admissions + counts.blockedAdmissions(Set(tiers.map(\.id))) <= 8, "capacity passed with kept places")
        for code in ["HALF", "KEEP"] {
            let voucher = try #require(try t.store.voucher(code: code, now: now))
            #expect(voucher.uses <= voucher.maxUses, "\(code) used \(voucher.uses) times of \(voucher.maxUses)")
        }
        for offer in try t.store.waitlist(eventID: id, now: now) where offer.voucherCode != nil {
            let voucher = try #require(try t.store.voucher(code: offer.voucherCode!, now: now))
            #expect(voucher.uses <= offer.quantity, "an offer is used for at most its places")
        }
        _ = try Waitlist(store: t.store, now: now).run(actor: t.admin)
        let after = try t.store.placeCounts(event: event, tiers: tiers, now: now)
        for entry in try t.store.waitlist(eventID: id, now: now) where entry.status == .waiting {
            let tier = try #require(tiers.first { $0.id == entry.tierID })
            let free = Places.available(tier, event: event, tiers: tiers, counts: after) ?? Int.max
            #expect(free < entry.quantity, "\(entry.email) waits for \(entry.quantity) × \(tier.name) while \(free) are free")
        }
    }

    static func checkBooks(_ t: TestStore, orders: [String], now: Date) throws {
        // What reports keep for speed agrees with what it stands for, after any mix of operations.
        let kept = try t.store.reportKeepingProblems()
        #expect(kept.tickets == 0 && kept.money == 0 && kept.counts == 0, "sold marks, money event ids or kept sales counts disagree: \(kept)")
        let sales = Sales(store: t.store, now: now)
        let payments = Payments(store: t.store, now: now)
        var receiptNumbers: [Int] = []
        var takenByTier: [String: Int] = [:]
        for id in orders {
            let order = try sales.order(id, viewer: t.admin)
            let paidIn = order.payments.filter(\.succeeded).reduce(Int64(0)) { $0 + $1.amount.minor }
            let givenBack = order.refunds.reduce(Int64(0)) { $0 + $1.amount.minor }
            #expect(order.paid.minor == paidIn, "\(id): paid_minor against its payments")
            #expect(order.refunded.minor == givenBack, "\(id): refunded_minor against its refunds")
            #expect(order.refunded.minor <= order.paid.minor && order.paid.minor <= order.total.minor, "\(id): \(order.paid) of \(order.total)")
            let settled = [.paid, .partiallyRefunded, .refunded].contains(order.status)
            if order.tickets.contains(where: { $0.status == .valid }) {
                #expect(order.status == .paid || order.status == .partiallyRefunded, "\(id): valid ticket on a \(order.status) order")
            }
            if settled {
                #expect(order.receiptNumber != nil, "\(id) is \(order.status) without a receipt")
                #expect(try payments.receipt(id, viewer: t.admin).netPaidMinor == paidIn - givenBack)
            }
            // A number once issued stays with its order, even a free order cancelled later.
            if let number = order.receiptNumber { receiptNumbers.append(number) }
            for ticket in order.tickets where ticket.status != .void { takenByTier[ticket.tierName, default: 0] += 1 }
        }
        #expect(receiptNumbers.sorted() == Array(0..<receiptNumbers.count).map { $0 + 1 }, "receipt numbers run 1...N")
        for (tier, quota) in [("Standard", 6), ("VIP", 3), ("Free", 4)] {
            #expect(takenByTier[tier, default: 0] <= quota, "\(tier) oversold")
        }
        #expect(takenByTier["Standard", default: 0] + takenByTier["VIP", default: 0] + takenByTier["Free", default: 0] <= 8, "capacity exceeded")
    }
}

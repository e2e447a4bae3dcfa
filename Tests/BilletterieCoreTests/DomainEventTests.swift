import Foundation
import Testing

@testable import BilletterieCore

@Suite("domain events: one typed list of kinds, typed facts for messages")
struct DomainEventTests {
    func event(_ type: String, subject: String? = "ord_1", _ data: String) -> DomainEvent {
        DomainEvent(sequence: 1, type: type, subjectID: subject, actorID: nil, data: data, occurredAt: Date(epochSeconds: 0))
    }

    @Test("every kind's raw value is the stored type, unique, and reads back")
    func kinds() {
        let raw = DomainEventKind.allCases.map(\.rawValue)
        #expect(Set(raw).count == raw.count)
        #expect(raw.allSatisfy { DomainEventKind(rawValue: $0) != nil && $0.contains(".") })
        #expect(event("order.paid", "{}").kind == .orderPaid)
        #expect(event("something.new", "{}").kind == nil, "a newer store's kind is unknown here, not a crash")
    }

    @Test("facts decode typed from what the store holds; a refund's cause from its field, or from its reason before step 12")
    func facts() {
        #expect(MessageFact(event("order.paid", "{\"event\":\"evt_1\"}")) == .orderPaid(order: "ord_1"))
        #expect(
            MessageFact(event("payment.failed", "{\"payment\":\"pay_1\",\"reason\":\"card_declined\"}")) == .paymentFailed(order: "ord_1", payment: "pay_1"))
        #expect(MessageFact(event("payment.failed", "{\"reason\":\"card_declined\"}")) == nil, "no payment named: no fact")
        #expect(
            MessageFact(event("refund.issued", "{\"refund\":\"ref_1\",\"reason\":\"x\",\"cause\":\"event_cancelled\"}"))
                == .refundIssued(order: "ord_1", refund: "ref_1", cause: .eventCancelled))
        #expect(
            MessageFact(event("refund.issued", "{\"refund\":\"ref_1\",\"reason\":\"event cancelled: flood\"}"))
                == .refundIssued(order: "ord_1", refund: "ref_1", cause: .eventCancelled))
        #expect(
            MessageFact(event("refund.issued", "{\"refund\":\"ref_1\",\"reason\":\"Ill\"}")) == .refundIssued(order: "ord_1", refund: "ref_1", cause: .request))
        #expect(
            MessageFact(event("event.updated", subject: "evt_1", "{\"slug\":\"x\",\"fields\":[\"starts_at\",\"title\"]}"))
                == .eventUpdated(event: "evt_1", fields: ["starts_at", "title"]))
        #expect(MessageFact(event("event.cancelled", subject: "evt_1", "{\"reason\":\"Ill\"}")) == .eventCancelled(event: "evt_1", reason: "Ill"))
        #expect(
            MessageFact(event("ticket.transferred", subject: "tkt_2", "{\"from_ticket\":\"tkt_1\",\"to_ticket\":\"tkt_2\",\"event\":\"evt_1\"}"))
                == .ticketTransferred(from: "tkt_1", to: "tkt_2", event: "evt_1"))
        #expect(MessageFact(event("user.logged_in", subject: "usr_1", "{}")) == nil, "no message comes of a login")
        #expect(MessageFact(event("refund.issued", "not json")) == nil)
    }
}

import Foundation

/// Every kind of domain event the store records: the one list, so a new change cannot
/// record a kind nobody reads, and readers switch over cases instead of strings. The raw
/// values are what `domain_events.type` holds (and `report audit` shows); they never change.
public enum DomainEventKind: String, Sendable, CaseIterable, Encodable {
    case checkinListAdded = "checkin_list.added"
    case checkinListRemoved = "checkin_list.removed"
    case eventCancelled = "event.cancelled"
    case eventCreated = "event.created"
    case eventDeleted = "event.deleted"
    case eventLocaleSet = "event.locale_set"
    case eventPublished = "event.published"
    case eventUpdated = "event.updated"
    case gatePackDeltaMade = "gate_pack.delta_made"
    case gatePackMade = "gate_pack.made"
    case gatePackMerged = "gate_pack.merged"
    case orderCancelled = "order.cancelled"
    case orderPaid = "order.paid"
    case paymentFailed = "payment.failed"
    case paymentSucceeded = "payment.succeeded"
    case refundHandedBack = "refund.handed_back"
    case refundIssued = "refund.issued"
    case scanUndone = "scan.undone"
    case settingsAttachPdf = "settings.attach_pdf"
    case settingsLocaleSet = "settings.locale_set"
    case settingsSeller = "settings.seller"
    case settingsSenderSet = "settings.sender_set"
    case settingsTestProcessor = "settings.test_processor"
    case storeBackedUp = "store.backed_up"
    case storeInitialized = "store.initialized"
    case storeRestored = "store.restored"
    case templateReset = "template.reset"
    case templateSet = "template.set"
    case ticketCancelled = "ticket.cancelled"
    case ticketReserved = "ticket.reserved"
    case ticketSold = "ticket.sold"
    case ticketTransferred = "ticket.transferred"
    case ticketsImported = "tickets.imported"
    case tierCreated = "tier.created"
    case tierUpdated = "tier.updated"
    case userDisabled = "user.disabled"
    case userEnabled = "user.enabled"
    case userLocked = "user.locked"
    case userLoggedIn = "user.logged_in"
    case userLoggedOut = "user.logged_out"
    case userLoginFailed = "user.login_failed"
    case userMfaDisabled = "user.mfa_disabled"
    case userMfaEnabled = "user.mfa_enabled"
    case userMfaEnrolmentStarted = "user.mfa_enrolment_started"
    case userPasswordChanged = "user.password_changed"
    case userPasswordSet = "user.password_set"
    case userRegistered = "user.registered"
    case userRoleChanged = "user.role_changed"
    case userUnlocked = "user.unlocked"
    case userVerificationSent = "user.verification_sent"
    case userVerified = "user.verified"
    case usersLookAlikesFound = "users.look_alikes_found"
    case venueCreated = "venue.created"
    case venueUpdated = "venue.updated"
    case voucherCreated = "voucher.created"
    case voucherDeleted = "voucher.deleted"
    case waitlistBought = "waitlist.bought"
    case waitlistJoined = "waitlist.joined"
    case waitlistLapsed = "waitlist.lapsed"
    case waitlistLeft = "waitlist.left"
    case waitlistOffered = "waitlist.offered"

    /// The kinds `Notifier.plan` turns into messages.
    static let callingForMessages: [DomainEventKind] = [
        .orderPaid, .paymentFailed, .refundIssued, .ticketTransferred, .eventUpdated, .eventCancelled, .waitlistOffered,
    ]

    /// The kinds a calendar entry's SEQUENCE counts (RFC 5545: each change a calendar should apply).
    static let changingCalendars: [DomainEventKind] = [.eventUpdated, .eventCancelled]
}

/// The domain events that call for a message, with what the notifier reads of them, typed:
/// decoded once from the event's stored JSON, so no rule reads a string field or a prefix.
/// An event lacking a field its kind needs is no fact (nothing is planned from it).
enum MessageFact: Equatable {
    case orderPaid(order: String)
    case paymentFailed(order: String, payment: String)
    case refundIssued(order: String, refund: String, cause: RefundCause)
    case ticketTransferred(from: String, to: String, event: String)
    case eventUpdated(event: String, fields: Set<String>)
    case eventCancelled(event: String, reason: String)
    case waitlistOffered(entry: String, event: String, to: Attendee, offer: Payload.WaitlistOffered)

    /// The payloads of the kinds that call for messages, as they are written and read: one
    /// type each for the writer (Services) and the notifier, so a field cannot be renamed on
    /// one side only. Values are strings, as every payload has been stored; a field older
    /// stores lack is optional, and a writer fills every field.
    enum Payload {
        struct OrderPaid: Codable, Equatable {
            let event: String
            let amountMinor: String
            var receipt: String? = nil
            var channel: String? = nil
            /// "yes" for an order that cost nothing (no payment: a guest list, a free tier).
            var free: String? = nil
            var paidBy: String? = nil
            var externalID: String? = nil
            var tickets: String? = nil
            enum CodingKeys: String, CodingKey {
                case event, receipt, channel, free, tickets
                case amountMinor = "amount_minor"
                case paidBy = "paid_by"
                case externalID = "external_id"
            }
        }

        struct PaymentFailed: Codable, Equatable {
            let payment: String
            var reason: String? = nil
            var amountMinor: String? = nil
            var cardLast4: String? = nil
            enum CodingKeys: String, CodingKey {
                case payment, reason
                case amountMinor = "amount_minor"
                case cardLast4 = "card_last4"
            }
        }

        struct RefundIssued: Codable, Equatable {
            let refund: String
            var amountMinor: String? = nil
            var method: String? = nil
            /// The tickets it voided, comma-separated.
            var tickets: String? = nil
            let reason: String?
            /// Written since step 12; older refunds of a cancellation tell by their reason.
            let cause: RefundCause?
            enum CodingKeys: String, CodingKey {
                case refund, method, tickets, reason, cause
                case amountMinor = "amount_minor"
            }
        }

        struct TicketTransferred: Codable, Equatable {
            var order: String? = nil
            let fromTicket: String
            let toTicket: String
            var from: String? = nil
            var to: String? = nil
            let event: String
            enum CodingKeys: String, CodingKey {
                case order, from, to, event
                case fromTicket = "from_ticket"
                case toTicket = "to_ticket"
            }
        }

        struct EventUpdated: Codable, Equatable {
            var slug: String? = nil
            let fields: [String]?
        }

        struct EventCancelled: Codable, Equatable {
            var slug: String? = nil
            let reason: String?
        }

        struct WaitlistOffered: Codable, Equatable {
            let event: String
            var tier: String? = nil
            let email: String
            let name: String?
            let code: String?
            let tierName: String?
            let quantity: String?
            let endsAt: String?
            enum CodingKeys: String, CodingKey {
                case event, tier, email, name, code, quantity
                case tierName = "tier_name"
                case endsAt = "ends_at"
            }
        }
    }

    init?(_ event: DomainEvent) {
        func decode<T: Decodable>(_ type: T.Type) -> T? { try? JSONDecoder().decode(T.self, from: Data(event.data.utf8)) }
        guard let kind = event.kind else { return nil }
        switch kind {
        case .orderPaid:
            guard let order = event.subjectID else { return nil }
            self = .orderPaid(order: order)
        case .paymentFailed:
            guard let order = event.subjectID, let payload = decode(Payload.PaymentFailed.self) else { return nil }
            self = .paymentFailed(order: order, payment: payload.payment)
        case .refundIssued:
            guard let order = event.subjectID, let payload = decode(Payload.RefundIssued.self) else { return nil }
            let cause = payload.cause ?? (payload.reason?.hasPrefix(RefundCause.cancellationReasonPrefix) == true ? .eventCancelled : .request)
            self = .refundIssued(order: order, refund: payload.refund, cause: cause)
        case .ticketTransferred:
            guard let payload = decode(Payload.TicketTransferred.self) else { return nil }
            self = .ticketTransferred(from: payload.fromTicket, to: payload.toTicket, event: payload.event)
        case .eventUpdated:
            guard let id = event.subjectID, let payload = decode(Payload.EventUpdated.self) else { return nil }
            self = .eventUpdated(event: id, fields: Set(payload.fields ?? []))
        case .eventCancelled:
            guard let id = event.subjectID else { return nil }
            self = .eventCancelled(event: id, reason: decode(Payload.EventCancelled.self)?.reason ?? "")
        case .waitlistOffered:
            guard let id = event.subjectID, let payload = decode(Payload.WaitlistOffered.self) else { return nil }
            self = .waitlistOffered(entry: id, event: payload.event, to: Attendee(name: payload.name ?? "", email: payload.email), offer: payload)
        default:
            return nil
        }
    }
}

/// Why a refund was made: asked for (`refund`), or the cascade of an event's cancellation,
/// whose holders hear it all in the one cancellation message.
enum RefundCause: String, Codable, Sendable {
    case request
    case eventCancelled = "event_cancelled"

    /// How the cascade's refunds' reasons begin (and how stores before step 12 tell them).
    static let cancellationReasonPrefix = "event cancelled:"
}

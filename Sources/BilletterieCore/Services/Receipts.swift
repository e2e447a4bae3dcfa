import Foundation

/// A numbered receipt: what was bought, what was paid and given back, with VAT when the event
/// sets a rate. Numbers are consecutive per store from 1 and never change (CLI.md section 9).
public struct Receipt: Sendable, Encodable {
    public struct Line: Sendable, Encodable {
        public let tier: String
        public let quantity: Int
        public let unitMinor: Int64
        public let totalMinor: Int64
        enum CodingKeys: String, CodingKey {
            case tier, quantity
            case unitMinor = "unit_minor"
            case totalMinor = "total_minor"
        }
    }

    public let number: Int
    public let issuedAt: Date
    public let seller: String
    /// The seller's postal address and VAT number (`pay seller`), when set.
    public let sellerAddress: String?
    public let vatNumber: String?
    /// When it was issued, in the event's time zone (as people read it).
    public let issuedLocal: String
    public let orderID: String
    public let event: String
    public let eventStart: String
    public let venue: String
    public let buyerName: String
    public let buyerEmail: String
    public let lines: [Line]
    public let totalMinor: Int64
    public let currency: String
    /// VAT rate in percent ("5.5") and the VAT included in the total.
    public let vatRate: String?
    public let vatMinor: Int64?
    public let payments: [Payment]
    public let refunds: [Refund]
    public let netPaidMinor: Int64
    /// The event's time zone: the receipt's times are read in it.
    let zone: TimeZone

    enum CodingKeys: String, CodingKey {
        case number, seller, event, venue, lines, currency, payments, refunds
        case issuedAt = "issued_at"
        case issuedLocal = "issued_local"
        case sellerAddress = "seller_address"
        case vatNumber = "vat_number"
        case orderID = "order_id"
        case eventStart = "event_start"
        case buyerName = "buyer_name"
        case buyerEmail = "buyer_email"
        case totalMinor = "total_minor"
        case vatRate = "vat_rate"
        case vatMinor = "vat_minor"
        case netPaidMinor = "net_paid_minor"
    }

    func money(_ minor: Int64) -> String { (try? Money(minor: minor, currency: Currency(code: currency)).description) ?? "\(minor)" }

    /// The receipt as text, for the terminal or a till printer.
    public var text: String {
        var rows: [(String, String)] = lines.map {
            ("\($0.quantity) × \($0.tier)" + ($0.quantity > 1 ? " at \(money($0.unitMinor))" : ""), money($0.totalMinor))
        }
        rows.append(("Total", money(totalMinor)))
        if let vatRate, let vatMinor { rows.append(("  incl. VAT \(vatRate) %", money(vatMinor))) }
        rows.append(("", ""))
        for payment in payments {
            let how =
                payment.method == .cash
                ? "cash"
                : "\(payment.method == .test ? "test card" : "card") \(payment.cardLast4.map { "\(payment.cardBrand ?? "") ••••" + $0 } ?? payment.reference ?? "")"
            rows.append(("Paid, \(how)", money(payment.amount.minor)))
            if let change = payment.change, let tendered = payment.tendered { rows.append(("  tendered \(tendered), change \(change.decimalText)", "")) }
        }
        for refund in refunds {
            rows.append(("Refunded \(TimeText.local(refund.createdAt, in: zone).prefix(10)), \(refund.method.rawValue)", "-" + money(refund.amount.minor)))
        }
        rows.append(("Net paid", money(netPaidMinor)))
        let width = rows.map(\.0.count).max() ?? 0
        let body = rows.map { $0.1.isEmpty ? $0.0 : $0.0.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.1 }
        let head =
            [
                "RECEIPT No. \(number)", seller,
            ] + [sellerAddress, vatNumber.map { "VAT number: \($0)" }].compactMap { $0 } + [
                "Issued \(issuedLocal)", "",
                "Order \(orderID)", "\(event), \(eventStart)", venue, "Buyer: \(buyerName) <\(buyerEmail)>", "",
            ]
        return (head + body).joined(separator: "\n")
    }

    /// A printable HTML page.
    public var html: String {
        func escape(_ s: String) -> String { s.htmlEscaped }
        let rows = lines.map {
            "<tr><td>\($0.quantity) × \(escape($0.tier))</td><td class=n>\(escape(money($0.unitMinor)))</td><td class=n>\(escape(money($0.totalMinor)))</td></tr>"
        }
        let paid = payments.map {
            "<tr><td colspan=2>Paid, \(escape($0.method.rawValue))\($0.cardLast4.map { " ••••" + $0 } ?? "")</td><td class=n>\(escape(money($0.amount.minor)))</td></tr>"
        }
        let back = refunds.map {
            "<tr><td colspan=2>Refunded \(escape(TimeText.local($0.createdAt, in: zone)))</td><td class=n>-\(escape(money($0.amount.minor)))</td></tr>"
        }
        let vat = vatRate.map { "<tr><td colspan=2>incl. VAT \(escape($0)) %</td><td class=n>\(escape(money(vatMinor ?? 0)))</td></tr>" } ?? ""
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Receipt \(number)</title>
            <style>body{font-family:system-ui,sans-serif;max-width:40em;margin:2em auto}table{width:100%;border-collapse:collapse}
            td{padding:.3em 0;border-bottom:1px solid #ddd}.n{text-align:right;white-space:nowrap}h1{font-size:1.4em}
            @media print{body{margin:0}}</style></head><body>
            <h1>Receipt No. \(number)</h1>
            <p><strong>\(escape(seller))</strong>\(sellerAddress.map { "<br>" + escape($0) } ?? "")\(vatNumber.map { "<br>VAT number: " + escape($0) } ?? "")<br>Issued \(escape(issuedLocal))</p>
            <p>Order \(escape(orderID))<br>\(escape(event)), \(escape(eventStart))<br>\(escape(venue))</p>
            <p>Buyer: \(escape(buyerName)) &lt;\(escape(buyerEmail))&gt;</p>
            <table>\(rows.joined())
            <tr><td colspan=2><strong>Total</strong></td><td class=n><strong>\(escape(money(totalMinor)))</strong></td></tr>\(vat)
            \(paid.joined())\(back.joined())
            <tr><td colspan=2><strong>Net paid</strong></td><td class=n><strong>\(escape(money(netPaidMinor)))</strong></td></tr></table>
            </body></html>

            """
    }
}

extension Payments {
    /// The seller receipts name: the venue's name, postal address and VAT number (admins).
    /// An empty value clears it; nil leaves it.
    public func setSeller(name: String?, address: String?, vatNumber: String?, actor: User) throws -> StoreSettings {
        try Access.require(actor, .changePaymentSettings)
        let values = [("venue_name", name, "the venue's name"), ("venue_address", address, "the address"), ("vat_number", vatNumber, "the VAT number")]
        for (_, value, field) in values { if let value { try FreeText.check(value, field: field) } }
        try store.write { tx in
            for case (let key, let value?, _) in values {
                let trimmed = value.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty { try tx.deleteSetting(key) } else { try tx.saveSetting(key, trimmed) }
            }
            try tx.recordEvent(
                .settingsSeller, subject: nil, actor: actor.id,
                data: Dictionary(uniqueKeysWithValues: values.compactMap { key, value, _ in value.map { (key, $0) } }), at: now)
        }
        return try store.settings()
    }

    /// The order's receipt; exit 4 while it is unpaid (no number yet).
    public func receipt(_ orderIdentifier: String, viewer: User) throws -> Receipt {
        let order = try sales.order(orderIdentifier, viewer: viewer)
        guard let number = order.receiptNumber else {
            throw BilletterieError.conflict(code: "not_paid", message: "\(order.id) is \(order.status.rawValue): a receipt is issued when it is paid in full")
        }
        let event = try catalogue.event(order.eventID, viewer: viewer)
        let settings = try store.settings()
        // What was bought: tickets still standing or refunded; cancelled, expired and replaced ones are not.
        let bought = order.tickets.filter { !["cancelled", "expired", "transferred"].contains($0.voidReason ?? "") }
        let comp = order.total.minor == 0
        // One line per tier and price (a voucher may have lowered some of a tier's tickets).
        struct LineKey: Hashable {
            let tier: String
            let price: Int64
        }
        var lines: [Receipt.Line] = []
        let keys = bought.map { LineKey(tier: $0.tierID, price: comp ? 0 : $0.priceMinor) }
        for key in keys.reduce(into: [LineKey](), { if !$0.contains($1) { $0.append($1) } }) {
            let quantity = keys.filter { $0 == key }.count
            var name = bought.first { $0.tierID == key.tier }!.tierName
            if let voucher = order.voucher, bought.contains(where: { $0.tierID == key.tier && $0.priceMinor == key.price && $0.voucherID != nil }) {
                name += " (voucher \(voucher.code))"
            }
            lines.append(.init(tier: name, quantity: quantity, unitMinor: key.price, totalMinor: key.price * Int64(quantity)))
        }
        let vat = event.vatRateBasisPoints.map { rate in (order.total.minor * Int64(rate) * 2 + Int64(10_000 + rate)) / (2 * Int64(10_000 + rate)) }
        let issued = order.payments.last { $0.succeeded }?.createdAt ?? order.createdAt
        return Receipt(
            number: number, issuedAt: issued, seller: settings.venueName ?? "billetterie", sellerAddress: settings.venueAddress,
            vatNumber: settings.vatNumber, issuedLocal: TimeText.local(issued, in: event.zone), orderID: order.id, event: event.title,
            eventStart: TimeText.local(event.startsAt, in: event.zone),
            venue: [event.venue.name, event.venue.address].filter { !$0.isEmpty }.joined(separator: ", "),
            buyerName: order.buyer.name, buyerEmail: order.buyer.email, lines: lines, totalMinor: order.total.minor,
            currency: order.total.currency.code, vatRate: event.vatRateBasisPoints.map(Event.vatText), vatMinor: vat,
            payments: order.payments.filter(\.succeeded), refunds: order.refunds, netPaidMinor: order.paid.minor - order.refunded.minor,
            zone: event.zone)
    }
}

/// Text for HTML (receipts, the HTML part of e-mails).
extension String {
    var htmlEscaped: String {
        var out = ""
        for character in self {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}

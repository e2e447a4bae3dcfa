/// The default wording of every message, in English and French. `notify template set`
/// replaces one per store; `reset` comes back to these. HTML templates are the body's
/// content: the message wraps them in a page with a little style.
enum BuiltInTemplates {
    static func body(_ name: TemplateName, _ locale: MessageLocale) -> String {
        switch locale {
        case .en: english(name)
        case .fr: french(name)
        }
    }

    private static let ticketsText = """
        {{#tickets}}
        - {{name}}, {{tier}}
          Code: {{code}}
          Reference: {{reference}} (if the QR will not scan, the door types this)
        {{/tickets}}
        """
    private static let ticketsHTML = """
        {{#tickets}}
        <div class="ticket"><p><strong>{{name}}</strong> · {{tier}}</p>
        <p><img src="{{qr}}" alt="QR code of this ticket" width="180" height="180"></p>
        <p class="code">{{code}}</p>
        <p>Reference: <strong>{{reference}}</strong> (if the QR will not scan, the door types this)</p></div>
        {{/tickets}}
        """
    private static let ticketsTextFrench = """
        {{#tickets}}
        - {{name}}, {{tier}}
          Code : {{code}}
          Référence : {{reference}} (si le QR code ne passe pas, l'entrée la saisit)
        {{/tickets}}
        """
    private static let ticketsHTMLFrench = """
        {{#tickets}}
        <div class="ticket"><p><strong>{{name}}</strong> · {{tier}}</p>
        <p><img src="{{qr}}" alt="QR code de ce billet" width="180" height="180"></p>
        <p class="code">{{code}}</p>
        <p>Référence : <strong>{{reference}}</strong> (si le QR code ne passe pas, l'entrée la saisit)</p></div>
        {{/tickets}}
        """
    private static let whenWhereText = """
        {{event.title}}
        {{event.starts}}
        {{event.venue}}, {{event.address}}
        """
    private static let whenWhereHTML = """
        <p class="event"><strong>{{event.title}}</strong><br>{{event.starts}}<br>{{event.venue}}, {{event.address}}</p>
        """

    private static func english(_ name: TemplateName) -> String {
        switch (name.kind, name.part) {
        case (.orderConfirmation, .subject): "Your tickets for {{event.title}}"
        case (.orderConfirmation, .text):
            """
            Hello {{recipient.name}},

            {{#order.free}}Here are your tickets (order {{order.id}}).{{/order.free}}{{^order.free}}Thank you for your order {{order.id}} ({{order.total}}, receipt no. {{order.receipt}}).{{/order.free}}

            \(whenWhereText)

            Your tickets (show the code or its QR image at the door):
            \(ticketsText)

            The calendar entry is attached.
            {{sender.name}}
            """
        case (.orderConfirmation, .html):
            """
            <p>Hello {{recipient.name}},</p>
            <p>{{#order.free}}Here are your tickets (order {{order.id}}).{{/order.free}}{{^order.free}}Thank you for your order {{order.id}} ({{order.total}}, receipt no. {{order.receipt}}).{{/order.free}}</p>
            \(whenWhereHTML)
            <p>Your tickets: show the code or its QR image at the door.</p>
            \(ticketsHTML)
            <p>{{sender.name}}</p>
            """
        case (.paymentFailed, .subject): "Payment declined for your order {{order.id}}"
        case (.paymentFailed, .text):
            """
            Hello {{recipient.name}},

            A payment of {{payment.amount}} ({{payment.card}}) for your order {{order.id}} was declined: {{payment.reason}}.
            {{order.due}} is still due for {{event.title}}. Your tickets are held until it is paid.

            {{sender.name}}
            """
        case (.paymentFailed, .html):
            """
            <p>Hello {{recipient.name}},</p>
            <p>A payment of {{payment.amount}} ({{payment.card}}) for your order {{order.id}} was declined: {{payment.reason}}.</p>
            <p>{{order.due}} is still due for <strong>{{event.title}}</strong>. Your tickets are held until it is paid.</p>
            <p>{{sender.name}}</p>
            """
        case (.refundIssued, .subject): "Refund of {{refund.amount}} for {{event.title}}"
        case (.refundIssued, .text):
            """
            Hello {{recipient.name}},

            {{#refund.isCard}}We have refunded {{refund.amount}} to {{refund.card}} on your order {{order.id}}: {{refund.reason}}.{{/refund.isCard}}{{#refund.handed}}{{refund.amount}} was handed back to you in cash on your order {{order.id}}: {{refund.reason}}.{{/refund.handed}}{{#refund.owed}}{{refund.amount}} is refunded on your order {{order.id}}: {{refund.reason}}. It is cash: collect it at {{refund.collect}}, with this message.{{/refund.owed}}
            {{#tickets}}
            - {{name}}, {{tier}}: no longer valid
            {{/tickets}}

            {{sender.name}}
            """
        case (.refundIssued, .html):
            """
            <p>Hello {{recipient.name}},</p>
            <p>{{#refund.isCard}}We have refunded <strong>{{refund.amount}}</strong> to {{refund.card}} on your order {{order.id}}: {{refund.reason}}.{{/refund.isCard}}{{#refund.handed}}<strong>{{refund.amount}}</strong> was handed back to you in cash on your order {{order.id}}: {{refund.reason}}.{{/refund.handed}}{{#refund.owed}}<strong>{{refund.amount}}</strong> is refunded on your order {{order.id}}: {{refund.reason}}. It is cash: collect it at {{refund.collect}}, with this message.{{/refund.owed}}</p>
            <ul>{{#tickets}}<li>{{name}}, {{tier}}: no longer valid</li>{{/tickets}}</ul>
            <p>{{sender.name}}</p>
            """
        case (.ticketTransferred, .subject): "Your ticket for {{event.title}} now belongs to {{to.name}}"
        case (.ticketTransferred, .text):
            """
            Hello {{recipient.name}},

            Your {{ticket.tier}} ticket for {{event.title}} has been transferred to {{to.name}} <{{to.email}}>.
            Its old code no longer admits anyone.

            {{sender.name}}
            """
        case (.ticketTransferred, .html):
            """
            <p>Hello {{recipient.name}},</p>
            <p>Your {{ticket.tier}} ticket for <strong>{{event.title}}</strong> has been transferred to {{to.name}} &lt;{{to.email}}&gt;.
            Its old code no longer admits anyone.</p>
            <p>{{sender.name}}</p>
            """
        case (.ticketReceived, .subject): "{{from.name}} gave you a ticket for {{event.title}}"
        case (.ticketReceived, .text):
            """
            Hello {{recipient.name}},

            {{from.name}} has transferred a ticket to you.

            \(whenWhereText)

            \(ticketsText)

            {{sender.name}}
            """
        case (.ticketReceived, .html):
            """
            <p>Hello {{recipient.name}},</p>
            <p>{{from.name}} has transferred a ticket to you.</p>
            \(whenWhereHTML)
            \(ticketsHTML)
            <p>{{sender.name}}</p>
            """
        case (.eventUpdated, .subject): "{{event.title}} has changed"
        case (.eventUpdated, .text):
            """
            Hello {{recipient.name}},

            {{#changed.time}}{{event.title}} now starts {{event.starts}} (until {{event.ends}}).
            {{/changed.time}}{{#changed.venue}}{{event.title}} now takes place at {{event.venue}}, {{event.address}}.
            {{/changed.venue}}
            Your tickets remain valid. The updated calendar entry is attached.

            {{sender.name}}
            """
        case (.eventUpdated, .html):
            """
            <p>Hello {{recipient.name}},</p>
            {{#changed.time}}<p><strong>{{event.title}}</strong> now starts {{event.starts}} (until {{event.ends}}).</p>{{/changed.time}}
            {{#changed.venue}}<p><strong>{{event.title}}</strong> now takes place at {{event.venue}}, {{event.address}}.</p>{{/changed.venue}}
            <p>Your tickets remain valid. The updated calendar entry is attached.</p>
            <p>{{sender.name}}</p>
            """
        case (.eventCancelled, .subject): "Cancelled: {{event.title}}"
        case (.eventCancelled, .text):
            """
            Hello {{recipient.name}},

            We are sorry: {{event.title}} ({{event.starts}}) is cancelled. {{reason}}
            {{#refund.anyCard}}We have refunded {{refund.card}} to your card. {{/refund.anyCard}}{{#refund.anyCash}}{{refund.cash}} in cash is yours to collect at {{refund.collect}}: bring this message. {{/refund.anyCash}}{{^refund.any}}There is nothing to refund to you.{{/refund.any}}
            These tickets are no longer valid:
            {{#tickets}}
            - {{name}}, {{tier}}
            {{/tickets}}

            {{sender.name}}
            """
        case (.eventCancelled, .html):
            """
            <p>Hello {{recipient.name}},</p>
            <p>We are sorry: <strong>{{event.title}}</strong> ({{event.starts}}) is cancelled. {{reason}}</p>
            <p>{{#refund.anyCard}}We have refunded <strong>{{refund.card}}</strong> to your card. {{/refund.anyCard}}{{#refund.anyCash}}<strong>{{refund.cash}}</strong> in cash is yours to collect at {{refund.collect}}: bring this message. {{/refund.anyCash}}{{^refund.any}}There is nothing to refund to you.{{/refund.any}}</p>
            <p>These tickets are no longer valid:</p>
            <ul>{{#tickets}}<li>{{name}}, {{tier}}</li>{{/tickets}}</ul>
            <p>{{sender.name}}</p>
            """
        case (.reminder, .subject): "Reminder: {{event.title}}, {{event.starts}}"
        case (.reminder, .text):
            """
            Hello {{recipient.name}},

            See you soon:
            \(whenWhereText)

            Your tickets:
            \(ticketsText)

            {{sender.name}}
            """
        case (.reminder, .html):
            """
            <p>Hello {{recipient.name}},</p>
            <p>See you soon:</p>
            \(whenWhereHTML)
            \(ticketsHTML)
            <p>{{sender.name}}</p>
            """
        case (.waitlistOffer, .subject): "Places for you: {{event.title}}"
        case (.waitlistOffer, .text):
            """
            Hello {{recipient.name}},

            Places have come free for {{event.title}} ({{event.starts}}): {{offer.quantity}} × {{offer.tier}}
            are kept for you until {{offer.ends}}.

            Your voucher code: {{offer.code}}

            Use it when you reserve (`--voucher {{offer.code}}`) or give it at the counter.
            After that time the places go to the next person waiting.

            {{sender.name}}
            """
        case (.waitlistOffer, .html):
            """
            <p>Hello {{recipient.name}},</p>
            <p>Places have come free for <strong>{{event.title}}</strong> ({{event.starts}}): {{offer.quantity}} × {{offer.tier}}
            are kept for you until {{offer.ends}}.</p>
            <p>Your voucher code: <strong class="code">{{offer.code}}</strong></p>
            <p>After that time the places go to the next person waiting.</p>
            <p>{{sender.name}}</p>
            """
        }
    }

    private static func french(_ name: TemplateName) -> String {
        switch (name.kind, name.part) {
        case (.orderConfirmation, .subject): "Vos billets pour {{event.title}}"
        case (.orderConfirmation, .text):
            """
            Bonjour {{recipient.name}},

            {{#order.free}}Voici vos billets (commande {{order.id}}).{{/order.free}}{{^order.free}}Merci pour votre commande {{order.id}} ({{order.total}}, reçu n° {{order.receipt}}).{{/order.free}}

            \(whenWhereText)

            Vos billets (présentez le code ou son QR code à l'entrée) :
            \(ticketsTextFrench)

            L'entrée d'agenda est jointe.
            {{sender.name}}
            """
        case (.orderConfirmation, .html):
            """
            <p>Bonjour {{recipient.name}},</p>
            <p>{{#order.free}}Voici vos billets (commande {{order.id}}).{{/order.free}}{{^order.free}}Merci pour votre commande {{order.id}} ({{order.total}}, reçu n° {{order.receipt}}).{{/order.free}}</p>
            \(whenWhereHTML)
            <p>Vos billets : présentez le code ou son QR code à l'entrée.</p>
            \(ticketsHTMLFrench)
            <p>{{sender.name}}</p>
            """
        case (.paymentFailed, .subject): "Paiement refusé pour votre commande {{order.id}}"
        case (.paymentFailed, .text):
            """
            Bonjour {{recipient.name}},

            Un paiement de {{payment.amount}} ({{payment.card}}) pour votre commande {{order.id}} a été refusé : {{payment.reason}}.
            Il reste {{order.due}} à régler pour {{event.title}}. Vos billets sont réservés jusqu'au paiement.

            {{sender.name}}
            """
        case (.paymentFailed, .html):
            """
            <p>Bonjour {{recipient.name}},</p>
            <p>Un paiement de {{payment.amount}} ({{payment.card}}) pour votre commande {{order.id}} a été refusé : {{payment.reason}}.</p>
            <p>Il reste {{order.due}} à régler pour <strong>{{event.title}}</strong>. Vos billets sont réservés jusqu'au paiement.</p>
            <p>{{sender.name}}</p>
            """
        case (.refundIssued, .subject): "Remboursement de {{refund.amount}} pour {{event.title}}"
        case (.refundIssued, .text):
            """
            Bonjour {{recipient.name}},

            {{#refund.isCard}}Nous vous avons remboursé {{refund.amount}} sur {{refund.card}} pour votre commande {{order.id}} : {{refund.reason}}.{{/refund.isCard}}{{#refund.handed}}{{refund.amount}} vous ont été rendus en espèces pour votre commande {{order.id}} : {{refund.reason}}.{{/refund.handed}}{{#refund.owed}}{{refund.amount}} vous sont remboursés pour votre commande {{order.id}} : {{refund.reason}}. En espèces : venez les retirer à {{refund.collect}}, avec ce message.{{/refund.owed}}
            {{#tickets}}
            - {{name}}, {{tier}} : n'est plus valable
            {{/tickets}}

            {{sender.name}}
            """
        case (.refundIssued, .html):
            """
            <p>Bonjour {{recipient.name}},</p>
            <p>{{#refund.isCard}}Nous vous avons remboursé <strong>{{refund.amount}}</strong> sur {{refund.card}} pour votre commande {{order.id}} : {{refund.reason}}.{{/refund.isCard}}{{#refund.handed}}<strong>{{refund.amount}}</strong> vous ont été rendus en espèces pour votre commande {{order.id}} : {{refund.reason}}.{{/refund.handed}}{{#refund.owed}}<strong>{{refund.amount}}</strong> vous sont remboursés pour votre commande {{order.id}} : {{refund.reason}}. En espèces : venez les retirer à {{refund.collect}}, avec ce message.{{/refund.owed}}</p>
            <ul>{{#tickets}}<li>{{name}}, {{tier}} : n'est plus valable</li>{{/tickets}}</ul>
            <p>{{sender.name}}</p>
            """
        case (.ticketTransferred, .subject): "Votre billet pour {{event.title}} appartient désormais à {{to.name}}"
        case (.ticketTransferred, .text):
            """
            Bonjour {{recipient.name}},

            Votre billet {{ticket.tier}} pour {{event.title}} a été transféré à {{to.name}} <{{to.email}}>.
            Son ancien code ne permet plus d'entrer.

            {{sender.name}}
            """
        case (.ticketTransferred, .html):
            """
            <p>Bonjour {{recipient.name}},</p>
            <p>Votre billet {{ticket.tier}} pour <strong>{{event.title}}</strong> a été transféré à {{to.name}} &lt;{{to.email}}&gt;.
            Son ancien code ne permet plus d'entrer.</p>
            <p>{{sender.name}}</p>
            """
        case (.ticketReceived, .subject): "{{from.name}} vous a transféré un billet pour {{event.title}}"
        case (.ticketReceived, .text):
            """
            Bonjour {{recipient.name}},

            {{from.name}} vous a transféré un billet.

            \(whenWhereText)

            \(ticketsTextFrench)

            {{sender.name}}
            """
        case (.ticketReceived, .html):
            """
            <p>Bonjour {{recipient.name}},</p>
            <p>{{from.name}} vous a transféré un billet.</p>
            \(whenWhereHTML)
            \(ticketsHTMLFrench)
            <p>{{sender.name}}</p>
            """
        case (.eventUpdated, .subject): "Changement pour {{event.title}}"
        case (.eventUpdated, .text):
            """
            Bonjour {{recipient.name}},

            {{#changed.time}}{{event.title}} commence désormais le {{event.starts}} (jusqu'au {{event.ends}}).
            {{/changed.time}}{{#changed.venue}}{{event.title}} aura lieu à {{event.venue}}, {{event.address}}.
            {{/changed.venue}}
            Vos billets restent valables. L'entrée d'agenda mise à jour est jointe.

            {{sender.name}}
            """
        case (.eventUpdated, .html):
            """
            <p>Bonjour {{recipient.name}},</p>
            {{#changed.time}}<p><strong>{{event.title}}</strong> commence désormais le {{event.starts}} (jusqu'au {{event.ends}}).</p>{{/changed.time}}
            {{#changed.venue}}<p><strong>{{event.title}}</strong> aura lieu à {{event.venue}}, {{event.address}}.</p>{{/changed.venue}}
            <p>Vos billets restent valables. L'entrée d'agenda mise à jour est jointe.</p>
            <p>{{sender.name}}</p>
            """
        case (.eventCancelled, .subject): "Annulé : {{event.title}}"
        case (.eventCancelled, .text):
            """
            Bonjour {{recipient.name}},

            Nous sommes désolés : {{event.title}} ({{event.starts}}) est annulé. {{reason}}
            {{#refund.anyCard}}Nous vous avons remboursé {{refund.card}} sur votre carte. {{/refund.anyCard}}{{#refund.anyCash}}{{refund.cash}} en espèces sont à retirer à {{refund.collect}} : apportez ce message. {{/refund.anyCash}}{{^refund.any}}Vous n'avez rien à vous faire rembourser.{{/refund.any}}
            Ces billets ne sont plus valables :
            {{#tickets}}
            - {{name}}, {{tier}}
            {{/tickets}}

            {{sender.name}}
            """
        case (.eventCancelled, .html):
            """
            <p>Bonjour {{recipient.name}},</p>
            <p>Nous sommes désolés : <strong>{{event.title}}</strong> ({{event.starts}}) est annulé. {{reason}}</p>
            <p>{{#refund.anyCard}}Nous vous avons remboursé <strong>{{refund.card}}</strong> sur votre carte. {{/refund.anyCard}}{{#refund.anyCash}}<strong>{{refund.cash}}</strong> en espèces sont à retirer à {{refund.collect}} : apportez ce message. {{/refund.anyCash}}{{^refund.any}}Vous n'avez rien à vous faire rembourser.{{/refund.any}}</p>
            <p>Ces billets ne sont plus valables :</p>
            <ul>{{#tickets}}<li>{{name}}, {{tier}}</li>{{/tickets}}</ul>
            <p>{{sender.name}}</p>
            """
        case (.reminder, .subject): "Rappel : {{event.title}}, {{event.starts}}"
        case (.reminder, .text):
            """
            Bonjour {{recipient.name}},

            À bientôt :
            \(whenWhereText)

            Vos billets :
            \(ticketsTextFrench)

            {{sender.name}}
            """
        case (.reminder, .html):
            """
            <p>Bonjour {{recipient.name}},</p>
            <p>À bientôt :</p>
            \(whenWhereHTML)
            \(ticketsHTMLFrench)
            <p>{{sender.name}}</p>
            """
        case (.waitlistOffer, .subject): "Des places pour vous : {{event.title}}"
        case (.waitlistOffer, .text):
            """
            Bonjour {{recipient.name}},

            Des places se sont libérées pour {{event.title}} ({{event.starts}}) : {{offer.quantity}} × {{offer.tier}}
            vous sont réservées jusqu'au {{offer.ends}}.

            Votre code : {{offer.code}}

            Passé ce délai, elles iront à la personne suivante sur la liste d'attente.

            {{sender.name}}
            """
        case (.waitlistOffer, .html):
            """
            <p>Bonjour {{recipient.name}},</p>
            <p>Des places se sont libérées pour <strong>{{event.title}}</strong> ({{event.starts}}) : {{offer.quantity}} × {{offer.tier}}
            vous sont réservées jusqu'au {{offer.ends}}.</p>
            <p>Votre code : <strong class="code">{{offer.code}}</strong></p>
            <p>Passé ce délai, elles iront à la personne suivante sur la liste d'attente.</p>
            <p>{{sender.name}}</p>
            """
        }
    }
}

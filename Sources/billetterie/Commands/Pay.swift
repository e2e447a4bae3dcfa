import ArgumentParser
import BilletterieCore
import Foundation

struct PayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pay",
        abstract: "Record payments, list them, print receipts.",
        discussion: """
            `billetterie pay ORDER --method cash|card|test` records a payment; `pay list`,
            `pay show`, `pay receipt` look them up.

            Example:
              billetterie pay ord_3kq7... --method test --card 4242424242424242
            """,
        subcommands: [Record.self, List.self, Show.self, ReceiptCommand.self, Seller.self, TestProcessor.self],
        defaultSubcommand: Record.self)

    struct Record: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "record",
            abstract: "Record a payment on an order (the default: `pay ORDER ...`).",
            discussion: """
                Partial payments add up; when the order is paid in full its tickets become valid
                and a receipt number is issued. Cash may be over-tendered (the change is
                recorded); other methods may not exceed what is due. `card` records an external
                terminal's --reference; `test` is a card processor's test mode:
                4242424242424242 succeeds, 4000000000000002 is declined, 4000000000009995 has
                insufficient funds (both exit 4, recorded as failed payments). Only a card's
                brand and last four digits are stored. The same --idempotency-key never charges
                twice.

                Examples:
                  billetterie pay ord_3kq7... --method cash --amount 60
                  billetterie pay ord_3kq7... --method card --reference TERM-0042
                  billetterie pay ord_3kq7... --method test --card 4242424242424242 --idempotency-key web-123
                  printf '%s\\n' "$CARD" | billetterie pay ord_3kq7... --method card --reference TERM-0042 --card-stdin
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The order id.", valueName: "order"))
        var order: String

        @Option(help: "cash, card or test.")
        var method: String

        @Option(help: ArgumentHelp("How much (default: what is due), a decimal: 60, 25.50.", valueName: "amount"))
        var amount: String?

        @Option(help: ArgumentHelp("The card terminal's transaction reference.", valueName: "text"))
        var reference: String?

        @Option(
            help: ArgumentHelp(
                "One of the test processor's published test card numbers; a real card number goes on standard input (--card-stdin).",
                valueName: "number"))
        var card: String?

        @Flag(help: "Read the card number from standard input (one line); asked without echo on a terminal when --card is left out.")
        var cardStdin = false

        /// The test processor's published numbers: public, so harmless in `ps` and shell history.
        static let publishedTestCards: Set<String> = [
            "4242424242424242", "4000056655665556", "5555555555554444", "2223003122003222", "5200828282828210", "378282246310005",
            "371449635398431", "6011111111111117", "3056930009020004", "3566002020360505", "4000000000000002", "4000000000009995",
        ]

        func validate() throws {
            if let card {
                let digits = card.filter { !$0.isWhitespace && $0 != "-" }
                guard Self.publishedTestCards.contains(digits) else {
                    throw ValidationError(
                        "card numbers are never taken on the command line (other users see it in `ps` and it stays in shell history); "
                            + "pipe it on standard input with --card-stdin, or leave --card out to be asked (test cards such as 4242424242424242 may be given)")
                }
                if cardStdin { throw ValidationError("give --card or --card-stdin, not both") }
            }
        }

        /// The card number: from --card (a test card), standard input, or a prompt without echo
        /// when the method needs one and a terminal is there.
        func cardNumber(method: PaymentMethod) throws -> String? {
            if let card { return card }
            if cardStdin { return try Secrets.readStdinLine(what: "card number") }
            if method == .test, isatty(STDIN_FILENO) == 1 { return try Secrets.prompt("Card number", stdinFlag: "--card-stdin") }
            return nil
        }

        @Option(help: ArgumentHelp("Retrying with the same key returns the first result and never charges twice.", valueName: "key"))
        var idempotencyKey: String?

        func run(in context: CommandContext) throws {
            let method = try PaymentMethod.parse(method)
            let request = Payments.PayRequest(
                order: order, method: method, amount: amount,
                reference: reference, card: try cardNumber(method: method), idempotencyKey: idempotencyKey)
            let result = try context.payments().pay(request, actor: try context.actor())
            try context.output.emit(result) {
                let output = context.output
                let payment = result.payment
                let order = result.order
                var lines = [
                    (result.replayed ? "Already recorded: " : "")
                        + "\(output.styled("Paid", .green)) \(payment.amount) by \(payment.method.rawValue) on \(order.id) (\(payment.id))"
                ]
                if let change = payment.change {
                    lines.append("Tendered \(payment.tendered!), give back \(output.styled(change.description, .bold)) in change.")
                }
                lines.append(
                    order.status == .paid
                        ? "The order is paid; its tickets are valid. Receipt No. \(order.receiptNumber ?? 0): billetterie pay receipt \(order.id)"
                        : "Still due: \(order.due).")
                return lines.joined(separator: "\n")
            }
        }
    }

    struct List: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List payments, succeeded and failed, oldest first.",
            discussion: """
                Example:
                  billetterie pay list --order ord_3kq7...
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: ArgumentHelp("Only this order's.", valueName: "order"))
        var order: String?

        func cardText(_ payment: Payment) -> String { PayCommand.cardText(payment) }

        func run(in context: CommandContext) throws {
            let payments = try context.payments().payments(order: order, viewer: try context.actor())
            let output = context.output
            try output.emit(ListResult(items: payments, total: payments.count)) {
                output.list(shown: payments.count, total: payments.count, plural: "payments") {
                    output.table(
                        ["PAYMENT", "ORDER", "METHOD", "AMOUNT", "STATUS", "CARD", "AT"],
                        payments.map {
                            [
                                $0.id, $0.orderID, $0.method.rawValue, $0.amount.description,
                                $0.succeeded ? output.styled("succeeded", .green) : output.styled("failed: \($0.declineReason ?? "")", .red),
                                cardText($0), TimeText.utc($0.createdAt),
                            ]
                        })
                }
            }
        }
    }

    static func cardText(_ payment: Payment) -> String {
        payment.cardLast4.map { "\(payment.cardBrand ?? "card") ••••\($0)" } ?? payment.reference ?? "-"
    }

    struct Show: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show one payment.",
            discussion: """
                Example:
                  billetterie pay show pay_5d2k...
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The payment id.", valueName: "payment"))
        var payment: String

        func run(in context: CommandContext) throws {
            let found = try context.payments().payment(payment, viewer: try context.actor())
            try context.output.emit(found) {
                context.output.fields([
                    ("Payment", found.id), ("Order", found.orderID), ("Method", found.method.rawValue), ("Amount", found.amount.description),
                    ("Status", found.succeeded ? "succeeded" : "failed (\(found.declineReason ?? ""))"),
                    ("Card", PayCommand.cardText(found)), ("Reference", found.reference ?? "-"),
                    ("At", TimeText.utc(found.createdAt)),
                ])
            }
        }
    }

    struct ReceiptCommand: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "receipt",
            abstract: "Print an order's numbered receipt (text; -o FILE.html a web page, -o FILE.pdf a PDF).",
            discussion: """
                Receipt numbers run 1, 2, 3... per store, are issued when an order is paid in full,
                and never change. An unpaid order has none (exit 4). The seller's name, address
                and VAT number come from `pay seller`; times are the event's local time.

                Examples:
                  billetterie pay receipt ord_3kq7...
                  billetterie pay receipt ord_3kq7... -o receipt-42.html
                  billetterie pay receipt ord_3kq7... -o receipt-42.pdf --paper letter
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The order id.", valueName: "order"))
        var order: String

        @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write to this file: HTML for .html, PDF for .pdf, else text.", valueName: "file"))
        var output: String?

        @OptionGroup var paper: PaperOption

        func run(in context: CommandContext) throws {
            let receipt = try context.payments().receipt(order, viewer: try context.actor())
            if let output, output.lowercased().hasSuffix(".pdf") {
                try PrintedFile.write(try Printing.receipt(receipt, paper: try paper.chosen()), to: output, context: context)
                return try context.output.emit(receipt) { "Wrote receipt No. \(receipt.number) to \(output)" }
            }
            if let output {
                let html = output.lowercased().hasSuffix(".html") || output.lowercased().hasSuffix(".htm")
                try FileSystem.writePrivateFile(output, Array((html ? receipt.html : receipt.text + "\n").utf8))
                try context.output.emit(receipt) { "Wrote receipt No. \(receipt.number) to \(output)" }
            } else {
                try context.output.emit(receipt) { receipt.text }
            }
        }
    }

    struct Seller: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "seller",
            abstract: "The seller receipts name: the venue's name, postal address and VAT number (admins).",
            discussion: """
                Without options, shows them. The address is also where messages tell buyers to
                collect cash refunds. An empty value clears one.

                Example:
                  billetterie pay seller --name "Salle des Fêtes" --address "1 place de la Mairie, 75001 Paris" --vat-number FR12345678901
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: ArgumentHelp("The venue's (or company's) name.", valueName: "name"))
        var name: String?

        @Option(help: ArgumentHelp("Its postal address, on one line.", valueName: "address"))
        var address: String?

        @Option(help: ArgumentHelp("Its VAT number.", valueName: "number"))
        var vatNumber: String?

        func run(in context: CommandContext) throws {
            let actor = try context.actor()
            let settings =
                name == nil && address == nil && vatNumber == nil
                ? try context.store().settings()
                : try context.payments().setSeller(name: name, address: address, vatNumber: vatNumber, actor: actor)
            try context.output.emit(settings) {
                context.output.fields([
                    ("Name", settings.venueName ?? "-"), ("Address", settings.venueAddress ?? "-"), ("VAT number", settings.vatNumber ?? "-"),
                ])
            }
        }
    }

    struct TestProcessor: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "test-processor",
            abstract: "Turn the test card processor (`--method test`) off for a real venue's store, or on again (admins).",
            discussion: """
                On by default, so rehearsals and the demo can pay; `billetterie doctor` warns while it
                is on. Off, `pay --method test` is refused (exit 4, test_processor_off).

                Example:
                  billetterie pay test-processor off
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("on or off.", valueName: "on|off"))
        var state: String

        func validate() throws {
            guard state == "on" || state == "off" else { throw ValidationError("say on or off, not '\(state)'") }
        }

        func run(in context: CommandContext) throws {
            try context.payments().setTestProcessor(on: state == "on", actor: try context.actor())
            struct Result: Encodable {
                let testProcessor: String
                enum CodingKeys: String, CodingKey { case testProcessor = "test_processor" }
            }
            try context.output.emit(Result(testProcessor: state)) {
                state == "on" ? "The test processor is on: `pay --method test` is taken." : "The test processor is off: `pay --method test` is refused."
            }
        }
    }
}

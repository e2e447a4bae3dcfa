import ArgumentParser
import BilletterieCore
import Foundation

extension NotifyCommand {
    struct TemplateCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "template",
            abstract: "The Mustache templates of messages: list, show, set, reset.",
            discussion: """
                Each kind of message has three templates, KIND.subject, KIND.text and KIND.html,
                in English (en) and French (fr). `set` refuses a template that does not parse or
                names a variable the message does not have, with its line and column.

                Examples:
                  billetterie notify template list
                  billetterie notify template show order_confirmation.text --locale fr
                  billetterie notify template set reminder.subject subject.mustache
                  billetterie notify template reset reminder.subject
                """,
            subcommands: [List.self, Show.self, Set.self, Reset.self])

        struct LocaleOption: ParsableArguments {
            @Option(help: ArgumentHelp("en or fr (default en).", valueName: "locale"))
            var locale = "en"

            func parsed() throws -> MessageLocale { try MessageLocale.parse(locale) }
        }

        struct List: StoreCommand {
            static let configuration = CommandConfiguration(
                commandName: "list",
                abstract: "Every template, in each language, and whether the store changed it.",
                discussion: """
                    Example:
                      billetterie notify template list --json
                    """)

            @OptionGroup var global: GlobalOptions

            func run(in context: CommandContext) throws {
                let templates = try NotifyCommand.notifier(context).templates(actor: try context.actor())
                let output = context.output
                try output.emit(ListResult(items: templates, total: templates.count)) {
                    output.list(shown: templates.count, total: templates.count, plural: "templates") {
                        output.table(
                            ["NAME", "LOCALE", "SOURCE", "CHANGED"],
                            templates.map {
                                [$0.name, $0.locale, $0.source == "custom" ? output.styled($0.source, .bold) : $0.source, $0.updatedAt ?? ""]
                            })
                    }
                }
            }
        }

        struct Show: StoreCommand {
            static let configuration = CommandConfiguration(
                commandName: "show",
                abstract: "Print a template as messages use it now (the store's, else the built-in one).",
                discussion: """
                    Example:
                      billetterie notify template show order_confirmation.html --locale fr > mine.html
                    """)

            @OptionGroup var global: GlobalOptions
            @OptionGroup var locale: LocaleOption

            @Argument(help: ArgumentHelp("KIND.PART, e.g. order_confirmation.text.", valueName: "name"))
            var name: String

            func run(in context: CommandContext) throws {
                let template = try NotifyCommand.notifier(context).template(name, locale: try locale.parsed(), actor: try context.actor())
                struct Shown: Encodable { let name: String, locale: String, source: String, body: String }
                try context.output.emit(
                    Shown(
                        name: name, locale: try locale.parsed().rawValue, source: template.custom ? "custom" : "built-in",
                        body: template.body)
                ) {
                    template.body.hasSuffix("\n") ? String(template.body.dropLast()) : template.body
                }
            }
        }

        struct Set: StoreCommand {
            static let configuration = CommandConfiguration(
                commandName: "set",
                abstract: "Use FILE as a template from now on (admins); checked before it is saved.",
                discussion: """
                    Variables are those of `notify template show` for the same kind; HTML parts
                    escape values, subject and text parts do not.

                    Example:
                      billetterie notify template set order_confirmation.html confirmation.html --locale fr
                    """)

            @OptionGroup var global: GlobalOptions
            @OptionGroup var locale: LocaleOption

            @Argument(help: ArgumentHelp("KIND.PART, e.g. order_confirmation.html.", valueName: "name"))
            var name: String

            @Argument(help: ArgumentHelp("The Mustache template (UTF-8).", valueName: "file"))
            var file: String

            func run(in context: CommandContext) throws {
                guard let body = String(validating: try FileSystem.readInputFile(file), as: UTF8.self) else {
                    throw BilletterieError.invalidInput(code: "not_utf8", message: "\(file) is not UTF-8 text")
                }
                let locale = try locale.parsed()
                try NotifyCommand.notifier(context).setTemplate(name, locale: locale, body: body, actor: try context.actor())
                struct Saved: Encodable { let name: String, locale: String, source: String }
                try context.output.emit(Saved(name: name, locale: locale.rawValue, source: "custom")) {
                    "\(context.output.styled("Saved", .green)) \(name) (\(locale.rawValue)); the next messages use it."
                }
            }
        }

        struct Reset: StoreCommand {
            static let configuration = CommandConfiguration(
                commandName: "reset",
                abstract: "Go back to the built-in template (admins).",
                discussion: """
                    Example:
                      billetterie notify template reset order_confirmation.html --locale fr
                    """)

            @OptionGroup var global: GlobalOptions
            @OptionGroup var locale: LocaleOption

            @Argument(help: ArgumentHelp("KIND.PART, e.g. order_confirmation.html.", valueName: "name"))
            var name: String

            func run(in context: CommandContext) throws {
                let locale = try locale.parsed()
                let changed = try NotifyCommand.notifier(context).resetTemplate(name, locale: locale, actor: try context.actor())
                struct Reset: Encodable { let name: String, locale: String, source: String, changed: Bool }
                try context.output.emit(Reset(name: name, locale: locale.rawValue, source: "built-in", changed: changed)) {
                    changed
                        ? "\(context.output.styled("Reset", .green)) \(name) (\(locale.rawValue)) to the built-in template."
                        : "\(name) (\(locale.rawValue)) was already the built-in template."
                }
            }
        }
    }
}

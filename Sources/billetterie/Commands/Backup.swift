import ArgumentParser
import BilletterieCore

struct BackupCommand: StoreCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a consistent copy of the store while others keep selling (admins only).",
        discussion: """
            Uses SQLite's online backup: the copy holds whole transactions only, and sales go on
            meanwhile. The file is written mode 0600 (it holds everything, keys included) and
            must not exist yet.

            Example:
              billetterie backup /media/usb/box-office-2026-06-21.sqlite3
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("Where to write the copy.", valueName: "file"))
    var file: String

    struct Result: Encodable {
        let file: String
        let bytes: Int
    }

    func run(in context: CommandContext) throws {
        let actor = try context.actor()
        let bytes = try StoreBackup.write(try context.store(), to: file, actor: actor, now: context.now)
        try context.output.emit(Result(file: file, bytes: bytes)) {
            "\(context.output.styled("Backed up", .green)) the store to \(file) (\(bytes / 1024) KiB)."
        }
    }
}

import BilletterieCore
import Foundation

/// Checks every argument before any parser reads it (CLI.md sections 1 and 10): bytes that
/// are not UTF-8 (Swift's `CommandLine.arguments` would repair them silently into U+FFFD and
/// store that), and control characters in free text. One check for every command, so no
/// option can be forgotten; files (event documents, CSV) are checked by the core.
enum ArgumentCheck {
    /// The option whose text may span lines.
    static let multilineOption = "--description"

    /// The first problem with the raw arguments, as the error to report.
    static func problem(rawArguments: [[UInt8]]) -> BilletterieError? {
        var texts: [String] = []
        for (index, bytes) in rawArguments.enumerated() {
            guard let text = String(validating: bytes, as: UTF8.self) else {
                return .invalidInput(code: "not_utf8", message: "argument \(index + 1) is not valid UTF-8 text; give names, titles and values in UTF-8")
            }
            texts.append(text)
        }
        let atTheDoor = texts.first == "validate"
        // Most arguments are plain ASCII without controls: decided on the bytes, at once.
        if rawArguments.allSatisfy({ $0.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }) { return nil }
        for (index, text) in texts.enumerated() {
            let previous = index > 0 ? texts[index - 1] : ""
            var option = previous.hasPrefix("--") ? previous : ""
            var value = Substring(text)
            if text.hasPrefix("--"), let equals = text.firstIndex(of: "=") {
                option = String(text[..<equals])
                value = text[text.index(after: equals)...]
            }
            // A scanned code is not free text: the door records what came and answers
            // `malformed`, as for any line a scanner types.
            if atTheDoor, option != "--gate", option != "--event", option != "--list" { continue }
            if let bad = FreeText.firstControl(in: value, multiline: option == multilineOption) {
                let what = option.isEmpty || option == text ? "argument \(index + 1)" : "the value of \(option)"
                return .invalidInput(
                    code: "control_character",
                    message: "\(what) holds a control character (\(FreeText.describe(bad))); give printable text only")
            }
        }
        return nil
    }

    /// The process's arguments as the kernel gave them, without the program name.
    static func rawArguments() -> [[UInt8]] {
        (1..<Int(CommandLine.argc)).map { index in
            guard let pointer = CommandLine.unsafeArgv[index] else { return [] }
            return Array(UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer)))
        }
    }
}

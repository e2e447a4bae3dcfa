/// Names, titles, descriptions, gates and reasons: text people type, which ends up on a
/// door's screen, in e-mails and on paper. Checked once where it enters (CLI.md section 10).
public enum FreeText {
    /// Characters no free text may hold: C0 controls, DEL, C1 controls, the bidirectional
    /// overrides and isolates (which reorder what a screen shows), and noncharacters (the
    /// terminal output uses some as markers for its own escape sequences).
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        case 0xFDD0...0xFDEF, 0xFFFE, 0xFFFF: true
        default: false
        }
    }

    /// The first character `text` may not hold, if any; `multiline` allows line ends and tabs
    /// (descriptions).
    public static func firstControl(in text: some StringProtocol, multiline: Bool = false) -> Unicode.Scalar? {
        text.unicodeScalars.first { isControl($0) && !(multiline && ($0 == "\n" || $0 == "\t" || $0 == "\r")) }
    }

    /// Refuses (exit 65) text holding a control character, naming the field and the character.
    public static func check(_ text: some StringProtocol, field: String, multiline: Bool = false) throws {
        guard let bad = firstControl(in: text, multiline: multiline) else { return }
        throw BilletterieError.invalidInput(
            code: "control_character",
            message: "\(field) holds a control character (\(describe(bad))); give printable text only"
                + (multiline ? " (line ends and tabs are allowed here)" : ""))
    }

    /// `U+001B`, as messages name a character without printing it.
    public static func describe(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// `text` with every control character replaced by U+FFFD, except line ends and tabs:
    /// what may be written to a terminal, whatever a store or a pack holds.
    public static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) && $0 != "\n" && $0 != "\t" }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            out.append(isControl(scalar) && scalar != "\n" && scalar != "\t" ? "\u{FFFD}" : scalar)
        }
        return String(out)
    }

    /// `text` as it may appear inside a JSON string: DEL, C1 and bidirectional controls
    /// escaped as `\uXXXX` too (JSON only requires it below U+0020), so no raw control
    /// character reaches a terminal through JSON either.
    public static func escapingJSONControls(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: { $0.value >= 0x7F && isControl($0) }) else { return json }
        var out = ""
        for scalar in json.unicodeScalars {
            if scalar.value >= 0x7F && isControl(scalar) {
                out += "\\u" + describe(scalar).dropFirst(2).lowercased()
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

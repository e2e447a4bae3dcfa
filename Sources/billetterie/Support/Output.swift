import BilletterieCore
import Foundation

/// Results on stdout (JSON or text for people), status on stderr; colour only on a TTY
/// and never with NO_COLOR.
struct Output {
    let json: Bool
    let colour: Bool
    let stdoutIsTerminal: Bool
    let stderrIsTerminal: Bool
    /// NO_COLOR is set: no colour even where it would help (the QR code).
    let noColour: Bool

    init(json: Bool, environment: Environment) {
        self.json = json
        stdoutIsTerminal = isatty(STDOUT_FILENO) == 1
        stderrIsTerminal = isatty(STDERR_FILENO) == 1
        noColour = !(environment["NO_COLOR"] ?? "").isEmpty
        colour = stdoutIsTerminal && !noColour && environment["TERM"] != "dumb"
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(TimeText.utc(date))
        }
        return encoder
    }()

    /// One line per document: errors on stderr, and streamed rows.
    static let compactEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = Output.encoder.dateEncodingStrategy
        return encoder
    }()

    /// Prints `value` as JSON with --json, else what `human` makes of it.
    func emit<T: Encodable>(_ value: T, human: () -> String) throws {
        if json {
            Self.writeOut(FreeText.escapingJSONControls(String(decoding: try Self.encoder.encode(value), as: UTF8.self)) + "\n")
        } else {
            let text = human()
            if !text.isEmpty { Self.writeOut(text.hasSuffix("\n") ? text : text + "\n") }
        }
    }

    /// A status line for people on stderr; silent under --json, whose stdout is the result.
    func status(_ text: String) {
        guard !json else { return }
        Self.writeErr(text + "\n")
    }

    /// A warning on stderr (also under --json: stdout stays the result).
    func warn(_ text: String) {
        Self.writeErr(styled("warning:", .yellow) + " " + text + "\n")
    }

    static func writeOut(_ text: String) { write(forTerminal(text), to: STDOUT_FILENO) }

    /// Text for a file: our colour sequences dropped, controls from data as for a terminal.
    static func plain(_ text: String) -> String {
        guard text.unicodeScalars.contains(Marker.escapeScalar) else { return forTerminal(text) }
        var out = String.UnicodeScalarView()
        var inSequence = false
        for scalar in text.unicodeScalars {
            if scalar == Marker.escapeScalar {
                inSequence = true
            } else if inSequence {
                if scalar == "m" { inSequence = false }
            } else {
                out.append(scalar)
            }
        }
        return forTerminal(String(out))
    }

    /// Writes all of `text`'s bytes (without building a `Data`, whose generic initializer
    /// cost a door scan more than the write).
    static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { write(bytes: UnsafeRawBufferPointer($0), to: descriptor) }
    }

    /// Our own escape sequences travel through text as these markers (noncharacters, which
    /// free text may not hold), so that `forTerminal` can remove every control character that
    /// came from data, a name holding `ESC [ 42 m` included, and keep only ours.
    enum Marker {
        // Swift refuses noncharacters in literals; they are valid scalars all the same.
        static let escapeScalar = Unicode.Scalar(0xFDD0)!, bellScalar = Unicode.Scalar(0xFDD1)!, returnScalar = Unicode.Scalar(0xFDD2)!
        static let escape = Character(escapeScalar), bell = Character(bellScalar), carriageReturn = Character(returnScalar)
    }

    /// What may be written: controls from data become U+FFFD, markers become ours. Line
    /// ends (LF, and the CRLF that CSV writes) and tabs stay.
    static func forTerminal(_ text: String) -> String {
        var text = text
        // A screen of the UTF-8 bytes first: a report streams a million rows through here.
        return text.withUTF8 { isPlain($0[...]) } ? text : forTerminal(text, slowly: true)
    }

    /// Whether UTF-8 text may be written as it is, which is what most text is. Every control
    /// (FreeText.isControl) starts with a byte below 0x20, 0x7F, or the lead bytes C2 (C1),
    /// D8 (U+061C), E2 (bidi marks) or EF (noncharacters, our markers); text without them (and
    /// with CR only before LF) is plain. Text with them may be plain too: `forTerminal` decides.
    static func isPlain(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard let base = bytes.base.baseAddress else { return true }
        // On the pointer, printable ASCII first: this runs over every byte of a big export.
        var index = bytes.startIndex
        let end = bytes.endIndex
        while index < end {
            // Eight bytes at a time while none is below 0x20, 0x7F or above (the usual
            // bit tricks: a byte below n sets its top bit in (w - n) & ~w).
            if index + 8 <= end {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                let ones: UInt64 = 0x0101_0101_0101_0101
                let tops: UInt64 = 0x8080_8080_8080_8080
                let deleted = word ^ (ones &* 0x7F)
                if (word | ((word &- ones &* 0x20) & ~word) | ((deleted &- ones) & ~deleted)) & tops == 0 {
                    index += 8
                    continue
                }
            }
            let byte = base[index]
            index += 1
            if byte >= 0x20 && byte < 0x7F { continue }
            switch byte {
            case 10, 9: break
            case 13: if index >= end || base[index] != 10 { return false }
            case 0..<0x20, 0x7F, 0xC2, 0xD8, 0xE2, 0xEF: return false
            default: break
            }
        }
        return true
    }

    /// Data as it may be written anywhere: every control (our markers too) becomes U+FFFD;
    /// line ends (LF, and CR before LF) and tabs stay.
    static func screened(_ text: String) -> String { forTerminal(text, slowly: true, markers: false) }

    private static func forTerminal(_ text: String, slowly: Bool, markers: Bool = true) -> String {
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case Marker.escapeScalar where markers: out.append("\u{1B}")
            case Marker.bellScalar where markers: out.append("\u{07}")
            case Marker.returnScalar where markers: out.append("\r")
            case "\n", "\t": out.append(scalar)
            case "\r" where index + 1 < scalars.count && scalars[index + 1] == "\n": out.append(scalar)
            default: out.append(FreeText.isControl(scalar) ? "\u{FFFD}" : scalar)
            }
        }
        return String(out)
    }

    /// Rows for stdout gathered into 64 KiB writes: a report of a million rows would
    /// otherwise make a million system calls. `flush()` when done.
    final class RowWriter {
        private var buffer: [UInt8] = []

        init() { buffer.reserveCapacity(1 << 16) }

        func write(_ text: String) {
            buffer.append(contentsOf: text.utf8)
            if buffer.count >= 1 << 16 { flush() }
        }

        func flush() {
            guard !buffer.isEmpty else { return }
            buffer.withUnsafeBytes { Output.write(bytes: $0, to: STDOUT_FILENO) }
            buffer.removeAll(keepingCapacity: true)
        }
    }
    static func writeErr(_ text: String) { write(forTerminal(text), to: STDERR_FILENO) }

    /// Writes all of `bytes` with POSIX write (FileHandle's write traps on an error such as a
    /// closed pipe); stops quietly when the reader is gone.
    static func write(bytes: UnsafeRawBufferPointer, to descriptor: Int32) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, base + offset, bytes.count - offset)
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }

    // MARK: Text for people

    enum Style: String {
        case bold = "1"
        case dim = "2"
        case red = "31"
        case green = "32"
        case yellow = "33"
    }

    func styled(_ text: String, _ style: Style) -> String {
        colour ? "\(Marker.escape)[\(style.rawValue)m\(text)\(Marker.escape)[0m" : text
    }

    /// How many columns `text` takes on screen: colour codes take none.
    static func visibleWidth(_ text: String) -> Int {
        var width = 0
        var inEscape = false
        for char in text {
            if inEscape {
                if char == "m" { inEscape = false }
            } else if char == Marker.escape || char == "\u{1B}" {
                inEscape = true
            } else {
                width += 1
            }
        }
        return width
    }

    /// A QR code for the terminal: white modules on black set explicitly on every line, so
    /// it decodes on light and dark terminals alike. With NO_COLOR, plain blocks, which read
    /// only on a dark terminal (said on stderr).
    func qrText(_ qr: QRMatrix) -> String {
        guard noColour else {
            return qr.terminalText(lineStart: "\(Marker.escape)[97;40m", lineEnd: "\(Marker.escape)[0m")
        }
        status("note: NO_COLOR is set, so this QR code reads on a dark terminal only; use -o ticket.png elsewhere")
        return qr.terminalText()
    }

    /// Columns padded to their widest cell, headers in bold on a terminal.
    func table(_ headers: [String], _ rows: [[String]]) -> String {
        var widths = headers.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], Self.visibleWidth(cell)) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                i == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - Self.visibleWidth(cell))
            }.joined(separator: "  ")
        }
        let header = styled(line(headers), .bold)
        return ([header] + rows.map(line)).joined(separator: "\n")
    }

    /// A list for people: the table, a note when the page holds fewer than the total, or a
    /// line saying there is nothing (`plural`: "users", "events").
    func list(shown: Int, total: Int, plural: String, table: () -> String) -> String {
        guard shown > 0 else { return total == 0 ? "No \(plural) match." : "No \(plural) on this page (\(total) in all)." }
        return table() + (shown < total ? "\n\(shown) of \(total) shown; see --limit and --offset." : "")
    }

    /// `label  value` lines with the labels aligned.
    func fields(_ pairs: [(String, String)]) -> String {
        let width = pairs.map(\.0.count).max() ?? 0
        let indent = "\n" + String(repeating: " ", count: width + 3)
        return pairs.map { label, value in
            styled(label + ":", .dim) + String(repeating: " ", count: width - label.count + 2)
                + value.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: indent)
        }.joined(separator: "\n")
    }
}

/// `{"items": [...], "total": N}`, the shape of every list under --json.
/// What a report or export written with `-o FILE` answers on stdout under --json: where it
/// went, in which format, how many rows (CLI.md section 14).
struct WrittenFile: Encodable {
    let file: String
    let format: String
    let rows: Int
}

struct ListResult<Item: Encodable>: Encodable {
    let items: [Item]
    let total: Int
}

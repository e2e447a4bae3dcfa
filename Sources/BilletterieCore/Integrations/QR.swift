import CQRencode

/// A QR code's modules, dark or light, row by row. The only file importing CQRencode:
/// it copies libqrencode's C buffer into Swift values and frees it at once.
public struct QRMatrix: Sendable, Equatable {
    public let width: Int
    /// `width * width` modules, true where dark.
    public let modules: [Bool]
    /// The QR version (1 to 40) libqrencode chose for the payload.
    public let version: Int

    public enum Correction: Sendable { case low, medium, quartile, high }

    /// The characters of QR alphanumeric mode (ISO/IEC 18004 table 5).
    static let alphanumeric = Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".utf8)

    /// Encodes `text`: as one alphanumeric segment when every character allows it (a ticket
    /// code: libqrencode's own mode split would cut its digit runs into numeric segments whose
    /// headers cost a version), else letting libqrencode choose (an otpauth URI, in 8-bit mode).
    public init(encoding text: String, correction: Correction = .medium) throws {
        let level: QRecLevel =
            switch correction {
            case .low: QR_ECLEVEL_L
            case .medium: QR_ECLEVEL_M
            case .quartile: QR_ECLEVEL_Q
            case .high: QR_ECLEVEL_H
            }
        let bytes = Array(text.utf8)
        let code: UnsafeMutablePointer<QRcode>?
        if !bytes.isEmpty, bytes.allSatisfy(Self.alphanumeric.contains), let input = QRinput_new2(0, level) {
            defer { QRinput_free(input) }
            code = QRinput_append(input, QR_MODE_AN, Int32(bytes.count), bytes) == 0 ? QRcode_encodeInput(input) : nil
        } else {
            // Case-sensitive (1), so lowercase is never folded into alphanumeric mode.
            code = QRcode_encodeString(text, 0, level, QR_MODE_8, 1)
        }
        guard let code else {
            throw BilletterieError.internalFailure("libqrencode could not encode \(text.utf8.count) bytes")
        }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        let data = code.pointee.data!
        self.width = width
        self.version = Int(code.pointee.version)
        self.modules = (0..<width * width).map { data[$0] & 1 == 1 }
    }

    public func isDark(row: Int, column: Int) -> Bool {
        guard row >= 0, column >= 0, row < width, column < width else { return false }
        return modules[row * width + column]
    }

    /// The code drawn with half-block characters, two module rows per text line, with the
    /// 4-module quiet zone scanners need. Dark modules are drawn as spaces on a light
    /// background (inverted), because most terminals are dark and phones need dark-on-light.
    /// The code in half-block characters, two rows of modules per line, light modules drawn
    /// as blocks in the foreground colour. Each line is wrapped in `lineStart`/`lineEnd`: the
    /// terminal passes escape sequences setting a white foreground on black there, so the
    /// code reads the same on a light terminal as on a dark one (Output.qrText).
    public func terminalText(quietZone: Int = 4, lineStart: String = "", lineEnd: String = "") -> String {
        let range = -quietZone..<(width + quietZone)
        var lines: [String] = []
        var row = -quietZone
        while row < width + quietZone {
            var line = ""
            for column in range {
                let top = !isDark(row: row, column: column)
                let bottom = row + 1 < width + quietZone ? !isDark(row: row + 1, column: column) : false
                line += Self.halfBlock(top: top, bottom: bottom)
            }
            lines.append(lineStart + line + lineEnd)
            row += 2
        }
        return lines.joined(separator: "\n")
    }

    private static func halfBlock(top: Bool, bottom: Bool) -> String {
        switch (top, bottom) {
        case (true, true): "█"
        case (true, false): "▀"
        case (false, true): "▄"
        case (false, false): " "
        }
    }
}

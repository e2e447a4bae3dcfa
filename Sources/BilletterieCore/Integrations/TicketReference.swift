/// The short reference staff type when a QR will not scan (Docs/ticket-codes.md).
///
/// Ten characters of Crockford's alphabet (`0-9 A-Z` without `I L O U`): nine random ones
/// (45 bits, drawn again when the store already has them) and a check character. Each
/// character is an element of GF(32); the check runs `s ← α·s + c` over all ten and must end
/// at 0. Each step is a bijection in `c` and in `s`, so any single wrong character changes
/// the end; swapping neighbours `x, y` changes it by `(α + 1)(x + y)`, never 0 for `x ≠ y`.
/// A reference is a lookup key, not a signature: the door still answers from the ticket.
public enum TicketReference {
    public static let length = 10
    public static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)
    static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (value, char) in alphabet.enumerated() {
            table[Int(char)] = Int8(value)
            if char >= UInt8(ascii: "A") { table[Int(char) + 32] = Int8(value) }
        }
        // What people type for what they read: O for 0, I and L for 1, in either case.
        for (typed, meant) in [("O", "0"), ("o", "0"), ("I", "1"), ("i", "1"), ("L", "1"), ("l", "1")] {
            table[Int(UInt8(ascii: Unicode.Scalar(typed)!))] = table[Int(UInt8(ascii: Unicode.Scalar(meant)!))]
        }
        return table
    }()

    /// Multiplication by α (x) in GF(2⁵) modulo x⁵ + x² + 1.
    static func timesAlpha(_ value: Int) -> Int {
        let shifted = value << 1
        return shifted & 0x20 != 0 ? (shifted ^ 0x25) : shifted
    }

    static func fold(_ digits: some Sequence<Int>) -> Int {
        digits.reduce(0) { timesAlpha($0) ^ $1 }
    }

    /// A new random reference (the caller makes sure the store has no ticket with it yet).
    public static func make() -> String {
        let bits = RandomPool.shared.word()
        let digits = (0..<9).map { Int((bits >> (5 * UInt64($0))) & 31) }
        return String(decoding: (digits + [timesAlpha(fold(digits))]).map { alphabet[$0] }, as: UTF8.self)
    }

    /// What a person typed, read leniently: case, spaces and hyphens ignored, O/I/L as 0/1/1.
    public enum Reading: Equatable, Sendable {
        /// A well-formed reference, in its canonical spelling.
        case reference(String)
        /// Shaped like a reference (8 to 12 of its characters) but its check fails: a slip.
        case mistyped
        /// Not a reference at all.
        case notAReference
    }

    public static func read(_ typed: some StringProtocol) -> Reading {
        var digits: [Int] = []
        for char in typed.utf8 {
            if char == UInt8(ascii: " ") || char == UInt8(ascii: "-") { continue }
            let value = values[Int(char)]
            guard value >= 0, digits.count <= 12 else { return .notAReference }
            digits.append(Int(value))
        }
        guard (8...12).contains(digits.count) else { return .notAReference }
        guard digits.count == length, fold(digits) == 0 else { return .mistyped }
        return .reference(String(decoding: digits.map { alphabet[$0] }, as: UTF8.self))
    }
}

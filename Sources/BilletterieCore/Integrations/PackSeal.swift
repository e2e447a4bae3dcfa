import Foundation

/// What the store signs for an offline gate, and how the bytes it signs are laid out.
///
/// Every message starts with its own domain text, so a signature over a pack's row can never
/// pass for a ticket code's signature (whose message starts with `TicketCode.domainTag`) or
/// for another kind of row; then come its fields, each as a kind byte (0 absent, 1 text,
/// 2 integer, 3 bytes), a 4-byte big-endian length and the bytes. Lengths make the layout
/// unambiguous: no two different rows give the same message.
enum PackSeal {
    enum Domain: String {
        /// The pack's description (meta) and the store's public keys.
        case header = "billetterie gate pack header 3"
        /// One ticket's state, for one pack, as of a time.
        case ticket = "billetterie gate pack ticket 3"
        /// One tier, for one pack, as of a time.
        case tier = "billetterie gate pack tier 3"
        /// A delta as a whole: which pack it updates and the signatures of its rows.
        case delta = "billetterie gate pack delta 3"
        /// The store vouching for a gate's own key (the key that signs its exchange files).
        case gateKey = "billetterie gate key 3"
        /// A gate's exchange file, signed with the gate's key.
        case exchange = "billetterie gate exchange 3"
    }

    enum Field {
        case text(String?)
        case integer(Int64?)
        case bytes([UInt8]?)
    }

    static func message(_ domain: Domain, _ fields: [Field]) -> [UInt8] {
        var bytes = Array(domain.rawValue.utf8) + [0]
        func append(kind: UInt8, _ body: [UInt8]) {
            bytes.append(kind)
            withUnsafeBytes(of: UInt32(body.count).bigEndian) { bytes += $0 }
            bytes += body
        }
        for field in fields {
            switch field {
            case .text(let text?): append(kind: 1, Array(text.utf8))
            case .integer(let value?): append(kind: 2, withUnsafeBytes(of: value.bigEndian) { Array($0) })
            case .bytes(let value?): append(kind: 3, value)
            case .text(nil), .integer(nil), .bytes(nil): append(kind: 0, [])
            }
        }
        return bytes
    }

    /// Lower-case hexadecimal, as signatures and tags travel in delta and exchange files.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Bytes from lower- or upper-case hexadecimal; nil for anything else (odd length, other
    /// characters), never a partial answer.
    static func bytes(hex: String) -> [UInt8]? {
        let text = Array(hex.utf8)
        guard text.count % 2 == 0 else { return nil }
        func digit(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count / 2)
        var index = 0
        while index < text.count {
            guard let high = digit(text[index]), let low = digit(text[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }
}

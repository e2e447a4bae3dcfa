/// The signed string a ticket's QR code carries (Docs/ticket-codes.md).
///
/// Format 2, issued since the door-on-the-day release: 14 bytes of payload (a version byte,
/// the first 8 bytes of the ticket id, the first 4 of the event id, the first of the tier
/// id), then an Ed25519 signature (64 bytes) over a domain tag and the payload. The 78 bytes
/// are written as one base-36 number of fixed length, 121 characters of `0-9 A-Z` only: one
/// shell word, one double-click, nothing an HTML mail collapses, and it still fits QR
/// version 5 at level M in alphanumeric mode.
///
/// Format 1 (122 characters: `B`, Base45 of a 16-byte payload and its signature, `1`) is
/// still read, so tickets issued before keep their codes.
public struct TicketCode: Sendable, Equatable {
    /// The format new codes are written in.
    public static let version: UInt8 = 2
    /// Length of a format-2 code.
    public static let length = 121
    /// Signatures cover this tag too, so a billetterie signature never verifies as anything else.
    static let domainTag = Array("billetterie ticket code".utf8)
    /// How many leading bytes of the event and tier ids a code carries.
    public static let eventTagBytes = 4, tierTagBytes = 1
    /// How many leading bytes of the ticket id a format-2 code carries.
    public static let ticketTagBytes = 8

    /// 1 or 2.
    public let format: UInt8
    /// The leading bytes of the ticket id: all 10 in format 1, the first 8 in format 2.
    public let ticketBytes: [UInt8]
    /// The first bytes of the event's id.
    public let eventTag: [UInt8]
    /// The first byte of the tier's id.
    public let tierTag: [UInt8]

    /// A format-2 code for a ticket; the tags are taken from the full ids.
    public init(ticketID: String, eventID: String, tierID: String) {
        self.format = Self.version
        self.ticketBytes = Array((Identifier.bytes(of: ticketID, .ticket) ?? []).prefix(Self.ticketTagBytes))
        self.eventTag = Array((Identifier.bytes(of: eventID, .event) ?? []).prefix(Self.eventTagBytes))
        self.tierTag = Array((Identifier.bytes(of: tierID, .tier) ?? []).prefix(Self.tierTagBytes))
    }

    init(format: UInt8, ticketBytes: [UInt8], eventTag: [UInt8], tierTag: [UInt8]) {
        self.format = format
        self.ticketBytes = ticketBytes
        self.eventTag = eventTag
        self.tierTag = tierTag
    }

    /// The whole ticket id, which only format 1 carries.
    public var ticketID: String? {
        ticketBytes.count == 10 ? Identifier.from(bytes: ticketBytes, .ticket) : nil
    }

    /// The first 8 bytes of the ticket id, which every format carries: what a gate pack
    /// looks tickets up by.
    public var ticketTag: [UInt8] { Array(ticketBytes.prefix(Self.ticketTagBytes)) }

    /// Whether the code was made for this ticket, event or tier: its bytes are the id's first bytes.
    public func isFor(ticketID: String) -> Bool { Identifier.bytes(of: ticketID, .ticket).map { Array($0.prefix(ticketBytes.count)) } == ticketBytes }
    public func isFor(eventID: String) -> Bool { Self.tag(eventID, .event, Self.eventTagBytes) == eventTag }
    public func isFor(tierID: String) -> Bool { Self.tag(tierID, .tier, Self.tierTagBytes) == tierTag }

    public static func tag(_ id: String, _ kind: Identifier.Kind, _ count: Int) -> [UInt8]? {
        Identifier.bytes(of: id, kind).map { Array($0.prefix(count)) }
    }

    /// Why a string is not a valid code.
    public enum Rejection: String, Sendable, Error {
        /// Not a code at all: wrong length, alphabet, case, frame or version.
        case malformed
        /// Shaped like a code, but not signed by this store's key.
        case invalidSignature = "invalid_signature"
    }

    /// The signed code for this ticket.
    public func signed(privateKey: [UInt8]) throws -> String {
        try signed(with: CryptoPrimitives.Signer(privateKey: privateKey))
    }

    /// The signed code, with a signer made once for many codes.
    public func signed(with signer: CryptoPrimitives.Signer) throws -> String {
        guard ticketBytes.count == Self.ticketTagBytes, eventTag.count == Self.eventTagBytes, tierTag.count == Self.tierTagBytes else {
            throw BilletterieError.internalFailure("cannot sign a code for malformed ids")
        }
        let payload = [Self.version] + ticketBytes + eventTag + tierTag
        let signature = try signer.sign(Self.domainTag + payload)
        return Base36.encode(payload + signature, digits: Self.length)
    }

    /// Reads and verifies a code of either format. Only the canonical spelling is accepted: a
    /// code that differs in any character, case included, is malformed or fails its signature.
    public static func verify(_ code: String, publicKeys: [[UInt8]]) -> Result<TicketCode, Rejection> {
        verify(code, with: CryptoPrimitives.Verifier(publicKeys: publicKeys))
    }

    /// The same, with keys made ready once for many codes.
    public static func verify(_ code: String, with verifier: CryptoPrimitives.Verifier) -> Result<TicketCode, Rejection> {
        let layout: (payload: Int, ticket: Int)
        let bytes: [UInt8]
        switch code.utf8.count {
        case length:
            guard let decoded = Base36.decode(code, bytes: 78), decoded[0] == 2 else { return .failure(.malformed) }
            (bytes, layout) = (decoded, (14, 8))
        case FormatOne.length:
            guard code.hasPrefix("B"), code.hasSuffix("1"), let decoded = Base45.decode(String(code.dropFirst().dropLast())),
                decoded.count == 80, decoded[0] == 1
            else { return .failure(.malformed) }
            (bytes, layout) = (decoded, (16, 10))
        default:
            return .failure(.malformed)
        }
        let payload = Array(bytes[0..<layout.payload])
        guard verifier.verify(Array(bytes[layout.payload...]), of: domainTag + payload) else { return .failure(.invalidSignature) }
        let tagsAt = 1 + layout.ticket
        return .success(
            TicketCode(
                format: payload[0], ticketBytes: Array(payload[1..<tagsAt]),
                eventTag: Array(payload[tagsAt..<tagsAt + 4]), tierTag: [payload[tagsAt + 4]]))
    }

    /// Format 1, kept readable; new codes are never written in it except by tests.
    enum FormatOne {
        static let length = 122

        static func signed(ticketID: String, eventID: String, tierID: String, signer: CryptoPrimitives.Signer) throws -> String {
            guard let ticket = Identifier.bytes(of: ticketID, .ticket), let event = TicketCode.tag(eventID, .event, 4),
                let tier = TicketCode.tag(tierID, .tier, 1)
            else { throw BilletterieError.internalFailure("cannot sign a code for malformed ids") }
            let payload = [1] + ticket + event + tier
            return "B" + Base45.encode(payload + (try signer.sign(domainTag + payload))) + "1"
        }
    }
}

/// A byte string as one base-36 number of a fixed number of digits (`0-9 A-Z`), most
/// significant first. Ours because it is 40 lines and nothing in the mirror has it. Decoding
/// is strict: upper case only, exactly the expected length, and a value that fits the bytes,
/// so each byte string has exactly one spelling.
public enum Base36 {
    static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)
    static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (value, char) in alphabet.enumerated() { table[Int(char)] = Int8(value) }
        return table
    }()

    /// 36⁶, the most digits whose value fits 32 bits: the number is worked on six digits at a
    /// time, in 32-bit limbs, rather than one digit at a time on bytes (20 times fewer steps:
    /// every scan decodes a code, every sale encodes one).
    static let chunk: UInt64 = 2_176_782_336, chunkDigits = 6

    public static func encode(_ bytes: [UInt8], digits: Int) -> String {
        // Big-endian 32-bit limbs, the first one padded on the left.
        var limbs = [UInt32](repeating: 0, count: (bytes.count + 3) / 4)
        for (index, byte) in bytes.enumerated() {
            let position = bytes.count - 1 - index
            limbs[limbs.count - 1 - position / 4] |= UInt32(byte) << (8 * UInt32(position % 4))
        }
        var out = [UInt8](repeating: alphabet[0], count: digits)
        var position = digits
        var start = 0
        while start < limbs.count, position > 0 {
            // One long division by 36⁶; the remainder gives the next six digits.
            var remainder: UInt64 = 0
            for index in start..<limbs.count {
                let value = remainder << 32 | UInt64(limbs[index])
                limbs[index] = UInt32(value / chunk)
                remainder = value % chunk
            }
            for _ in 0..<chunkDigits where position > 0 {
                position -= 1
                out[position] = alphabet[Int(remainder % 36)]
                remainder /= 36
            }
            while start < limbs.count, limbs[start] == 0 { start += 1 }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The `bytes`-long big-endian number `text` spells, or nil when it is not canonical.
    public static func decode(_ text: String, bytes count: Int) -> [UInt8]? {
        let characters = Array(text.utf8)
        // Little-endian 32-bit limbs, one spare to catch a value too large.
        var limbs = [UInt32](repeating: 0, count: (count + 3) / 4 + 1)
        var index = 0
        while index < characters.count {
            // The first group is short, so the rest are whole groups of six.
            let width = index == 0 && characters.count % chunkDigits != 0 ? characters.count % chunkDigits : chunkDigits
            var value: UInt64 = 0
            var scale: UInt64 = 1
            for character in characters[index..<index + width] {
                let digit = values[Int(character)]
                guard digit >= 0 else { return nil }
                value = value * 36 + UInt64(digit)
                scale *= 36
            }
            var carry = value
            for limb in limbs.indices {
                let product = UInt64(limbs[limb]) * scale + carry
                limbs[limb] = UInt32(truncatingIfNeeded: product)
                carry = product >> 32
            }
            guard carry == 0 else { return nil }
            index += width
        }
        // The number must fit `count` bytes: nothing above them in the limbs.
        var out = [UInt8](repeating: 0, count: count)
        for position in 0..<count {
            out[count - 1 - position] = UInt8(truncatingIfNeeded: limbs[position / 4] >> (8 * UInt32(position % 4)))
        }
        for position in count..<limbs.count * 4 where (limbs[position / 4] >> (8 * UInt32(position % 4))) & 0xFF != 0 { return nil }
        return out
    }
}

/// Base45 (RFC 9285): two bytes in three characters of QR alphanumeric mode, what format-1
/// codes are written in. Decoding is strict: only the canonical spelling of each group decodes.
public enum Base45 {
    static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".utf8)
    static let values: [UInt8: Int] = Dictionary(uniqueKeysWithValues: alphabet.enumerated().map { ($1, $0) })

    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 2 * 3 + 2)
        var index = 0
        while index + 1 < bytes.count {
            let n = Int(bytes[index]) << 8 | Int(bytes[index + 1])
            out += [alphabet[n % 45], alphabet[(n / 45) % 45], alphabet[n / 2025]]
            index += 2
        }
        if index < bytes.count {
            let n = Int(bytes[index])
            out += [alphabet[n % 45], alphabet[n / 45]]
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func decode(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 3 != 1 else { return nil }
        var out: [UInt8] = []
        var index = 0
        while index < chars.count {
            let group = chars[index..<min(index + 3, chars.count)]
            var n = 0
            var scale = 1
            for char in group {
                guard let value = values[char] else { return nil }
                n += value * scale
                scale *= 45
            }
            if group.count == 3 {
                guard n <= 0xFFFF else { return nil }
                out += [UInt8(n >> 8), UInt8(n & 0xFF)]
            } else {
                guard n <= 0xFF else { return nil }
                out.append(UInt8(n))
            }
            index += 3
        }
        return out
    }
}

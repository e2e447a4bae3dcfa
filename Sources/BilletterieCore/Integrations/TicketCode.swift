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
        return .success(TicketCode(format: payload[0], ticketBytes: Array(payload[1..<tagsAt]),
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

    public static func encode(_ bytes: [UInt8], digits: Int) -> String {
        var number = bytes
        var out = [UInt8](repeating: alphabet[0], count: digits)
        var position = digits - 1
        var start = 0
        while start < number.count, position >= 0 {
            // One long division of the whole number by 36; the remainder is the next digit.
            var remainder = 0
            for index in start..<number.count {
                let value = remainder << 8 | Int(number[index])
                number[index] = UInt8(value / 36)
                remainder = value % 36
            }
            out[position] = alphabet[remainder]
            position -= 1
            while start < number.count, number[start] == 0 { start += 1 }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The `bytes`-long big-endian number `text` spells, or nil when it is not canonical.
    public static func decode(_ text: String, bytes count: Int) -> [UInt8]? {
        var number = [UInt8](repeating: 0, count: count)
        for char in text.utf8 {
            let digit = values[Int(char)]
            guard digit >= 0 else { return nil }
            var carry = Int(digit)
            for index in stride(from: count - 1, through: 0, by: -1) {
                let value = Int(number[index]) * 36 + carry
                number[index] = UInt8(value & 0xFF)
                carry = value >> 8
            }
            guard carry == 0 else { return nil }
        }
        return number
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
            var n = 0, scale = 1
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

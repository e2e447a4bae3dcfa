/// The signed string a ticket's QR code carries (Docs/ticket-codes.md).
///
/// 16 bytes of payload: a version byte, the ticket id (10 bytes), the first 4 bytes of the
/// event id and the first byte of the tier id (the store keeps those tags unique); then an
/// Ed25519 signature (64 bytes) over the payload and a domain tag. The 80 bytes are written
/// in Base45 (RFC 9285), 120 characters of QR alphanumeric mode, framed as `B…1`: 122
/// characters, which is exactly what QR version 5 holds at level M. The frame matters because
/// Base45's alphabet includes space: a code could otherwise begin or end with one, and the
/// whitespace trimming a door needs would cut it.
public struct TicketCode: Sendable, Equatable {
    public static let version: UInt8 = 1
    public static let length = 122
    static let payloadBytes = 16
    static let prefix = "B", suffix = "1"
    /// Signatures cover this tag too, so a billetterie signature never verifies as anything else.
    static let domainTag = Array("billetterie ticket code".utf8)
    /// How many leading bytes of the event and tier ids a code carries.
    public static let eventTagBytes = 4, tierTagBytes = 1

    public let ticketID: String
    /// The first bytes of the event's id.
    public let eventTag: [UInt8]
    /// The first byte of the tier's id.
    public let tierTag: [UInt8]

    /// A code for a ticket; the tags are taken from the full ids.
    public init(ticketID: String, eventID: String, tierID: String) {
        self.ticketID = ticketID
        self.eventTag = Array((Identifier.bytes(of: eventID, .event) ?? []).prefix(Self.eventTagBytes))
        self.tierTag = Array((Identifier.bytes(of: tierID, .tier) ?? []).prefix(Self.tierTagBytes))
    }

    init(ticketID: String, eventTag: [UInt8], tierTag: [UInt8]) {
        self.ticketID = ticketID
        self.eventTag = eventTag
        self.tierTag = tierTag
    }

    /// Whether the code was made for this event (or tier): its tag is the id's first bytes.
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
        guard let ticket = Identifier.bytes(of: ticketID, .ticket), eventTag.count == Self.eventTagBytes, tierTag.count == Self.tierTagBytes else {
            throw BilletterieError.internalFailure("cannot sign a code for malformed ids (\(ticketID))")
        }
        let payload = [Self.version] + ticket + eventTag + tierTag
        let signature = try signer.sign(Self.domainTag + payload)
        return Self.prefix + Base45.encode(payload + signature) + Self.suffix
    }

    /// Reads and verifies a code. Only the canonical spelling is accepted: a code that differs
    /// in any character, case included, is malformed or fails its signature.
    public static func verify(_ code: String, publicKeys: [[UInt8]]) -> Result<TicketCode, Rejection> {
        verify(code, with: CryptoPrimitives.Verifier(publicKeys: publicKeys))
    }

    /// The same, with keys made ready once for many codes.
    public static func verify(_ code: String, with verifier: CryptoPrimitives.Verifier) -> Result<TicketCode, Rejection> {
        guard code.utf8.count == length, code.hasPrefix(prefix), code.hasSuffix(suffix),
              let bytes = Base45.decode(String(code.dropFirst().dropLast())), bytes.count == payloadBytes + 64,
              bytes[0] == version
        else { return .failure(.malformed) }
        let payload = Array(bytes[0..<payloadBytes])
        let signature = Array(bytes[payloadBytes...])
        guard verifier.verify(signature, of: domainTag + payload) else {
            return .failure(.invalidSignature)
        }
        return .success(TicketCode(ticketID: Identifier.from(bytes: payload[1..<11], .ticket),
                                   eventTag: Array(payload[11..<15]), tierTag: Array(payload[15..<16])))
    }
}

/// Base45 (RFC 9285): two bytes in three characters of QR alphanumeric mode. Ours because it
/// is 40 lines and no package in the mirror has it. Decoding is strict: only the canonical
/// spelling of each group decodes.
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

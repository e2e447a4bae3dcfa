/// The signed string a ticket's QR code carries (Docs/ticket-codes.md).
///
/// 95 bytes: a version byte, the ticket, event and tier ids (10 bytes each), and an Ed25519
/// signature over the first 31 bytes (with a domain tag), written in RFC 4648 base32 without
/// padding: 152 characters of A–Z and 2–7. That is QR alphanumeric mode, version 5 at level M
/// (capacity 154). Base45 (RFC 9285) would be 143 characters, still version 5, but its
/// alphabet has space, `$`, `%` and `*`, which break shell arguments and scanner lines; base32
/// costs nothing here and can be typed and pasted anywhere.
public struct TicketCode: Sendable, Equatable {
    public static let version: UInt8 = 1
    public static let length = 152
    static let signedBytes = 31
    /// Signatures cover this tag too, so a billetterie signature never verifies as anything else.
    static let domainTag = Array("billetterie ticket code".utf8)

    public let ticketID: String
    public let eventID: String
    public let tierID: String

    public init(ticketID: String, eventID: String, tierID: String) {
        self.ticketID = ticketID
        self.eventID = eventID
        self.tierID = tierID
    }

    /// Why a string is not a valid code.
    public enum Rejection: String, Sendable, Error {
        /// Not a code at all: wrong length, alphabet, case or version.
        case malformed
        /// Shaped like a code, but not signed by this store's key.
        case invalidSignature = "invalid_signature"
    }

    /// The signed code for this ticket.
    public func signed(privateKey: [UInt8]) throws -> String {
        guard let ticket = Identifier.bytes(of: ticketID, .ticket), let event = Identifier.bytes(of: eventID, .event),
              let tier = Identifier.bytes(of: tierID, .tier)
        else { throw BilletterieError.internalFailure("cannot sign a code for malformed ids \(ticketID) \(eventID) \(tierID)") }
        let payload = [Self.version] + ticket + event + tier
        let signature = try CryptoPrimitives.sign(Self.domainTag + payload, privateKey: privateKey)
        return Base32.encode(payload + signature)
    }

    /// Reads and verifies a code. Only the canonical spelling is accepted: a code that differs
    /// in any character, case included, is malformed or fails its signature.
    public static func verify(_ code: String, publicKeys: [[UInt8]]) -> Result<TicketCode, Rejection> {
        guard code.utf8.count == length,
              code.utf8.allSatisfy({ (65...90).contains($0) || (50...55).contains($0) }),
              let bytes = Base32.decode(code), bytes.count == 95,
              Base32.encode(bytes) == code,  // no stray bits in the last character
              bytes[0] == version
        else { return .failure(.malformed) }
        let payload = Array(bytes[0..<signedBytes])
        let signature = Array(bytes[signedBytes...])
        guard publicKeys.contains(where: { CryptoPrimitives.verify(signature, of: domainTag + payload, publicKey: $0) }) else {
            return .failure(.invalidSignature)
        }
        return .success(TicketCode(ticketID: Identifier.from(bytes: payload[1..<11], .ticket),
                                   eventID: Identifier.from(bytes: payload[11..<21], .event),
                                   tierID: Identifier.from(bytes: payload[21..<31], .tier)))
    }
}

import Crypto
import Foundation

/// The one place that imports swift-crypto: ticket-signing keys, TOTP's HMAC, token hashes.
public enum CryptoPrimitives {
    /// A new Ed25519 key pair for signing ticket codes: (private 32 bytes, public 32 bytes).
    public static func newSigningKeyPair() -> (privateKey: [UInt8], publicKey: [UInt8]) {
        let key = Curve25519.Signing.PrivateKey()
        return (Array(key.rawRepresentation), Array(key.publicKey.rawRepresentation))
    }

    /// The public half of a stored private key, to check that the two still match.
    public static func publicKey(ofPrivate privateKey: [UInt8]) throws -> [UInt8] {
        Array(try Curve25519.Signing.PrivateKey(rawRepresentation: privateKey).publicKey.rawRepresentation)
    }

    public static func sign(_ message: [UInt8], privateKey: [UInt8]) throws -> [UInt8] {
        try Signer(privateKey: privateKey).sign(message)
    }

    /// A private key made ready once, for signing many codes: building the key object derives
    /// its public half, which would double the cost of every signature.
    public struct Signer: @unchecked Sendable {
        private let key: Curve25519.Signing.PrivateKey

        public init(privateKey: [UInt8]) throws {
            key = try Curve25519.Signing.PrivateKey(rawRepresentation: privateKey)
        }

        public func sign(_ message: [UInt8]) throws -> [UInt8] {
            Array(try key.signature(for: message))
        }

        /// Signs many messages on every core (a gate pack signs a row per ticket: 100 000
        /// signatures take a few seconds on one core). Signatures in the messages' order.
        public func sign(all messages: [[UInt8]]) throws -> [[UInt8]] {
            try Parallel.map(messages, perWorker: 256) { Array(try self.key.signature(for: $0)) }.map { result in
                guard case .success(let signature) = result else {
                    throw BilletterieError.internalFailure("the store's signing key could not sign")
                }
                return signature
            }
        }
    }

    public static func verify(_ signature: [UInt8], of message: [UInt8], publicKey: [UInt8]) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
        return key.isValidSignature(signature, for: message)
    }

    /// Public keys made ready once, for checking many codes (a stream of scans).
    public struct Verifier: @unchecked Sendable {
        private let keys: [Curve25519.Signing.PublicKey]

        public init(publicKeys: [[UInt8]]) {
            keys = publicKeys.compactMap { try? Curve25519.Signing.PublicKey(rawRepresentation: $0) }
        }

        public func verify(_ signature: [UInt8], of message: [UInt8]) -> Bool {
            keys.contains { $0.isValidSignature(signature, for: message) }
        }
    }

    /// HMAC with SHA-1, SHA-256 or SHA-512, as RFC 6238 allows.
    public static func hmac(_ algorithm: TOTP.Algorithm, key: [UInt8], message: [UInt8]) -> [UInt8] {
        let symmetricKey = SymmetricKey(data: key)
        switch algorithm {
        case .sha1: return Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: symmetricKey))
        case .sha256: return Array(HMAC<SHA256>.authenticationCode(for: message, using: symmetricKey))
        case .sha512: return Array(HMAC<SHA512>.authenticationCode(for: message, using: symmetricKey))
        }
    }

    public static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        LibSodium.sha256(bytes)
    }

    /// swift-crypto's SHA-256, which tests hold libsodium's to.
    static func swiftCryptoSHA256(_ bytes: [UInt8]) -> [UInt8] {
        Array(SHA256.hash(data: bytes))
    }

    /// Bytes from the system's cryptographic random source.
    public static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 8)
        while bytes.count < count { withUnsafeBytes(of: generator.next()) { bytes += $0 } }
        return Array(bytes.prefix(count))
    }
}

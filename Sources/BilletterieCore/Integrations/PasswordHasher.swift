import CSodium

/// Password hashes: Argon2id (RFC 9106) through libsodium, the only file importing CSodium
/// (which also gives `LibSodium.sha256` and `randomBytes`, below).
///
/// Why Argon2id and these settings: OWASP's Password Storage Cheat Sheet puts Argon2id
/// first and gives m = 19 MiB, t = 2, p = 1 as its minimum. ../shared/FACTS.md measures
/// that at 16-20 ms here, against 78 ms for scrypt at N=2^15 (itself below OWASP's 2^17):
/// the same resistance to GPU guessing for a quarter of a login's time. libsodium's
/// encoded form (`$argon2id$v=19$m=19456,t=2,p=1$...`) carries its own salt and
/// parameters, so raising them later only needs `needsRehash` at the next login.
public struct PasswordHasher: Sendable {
    public let opsLimit: UInt64
    public let memoryLimit: Int

    /// OWASP's minimum for Argon2id: 19 MiB, two passes.
    public static let standard = PasswordHasher(opsLimit: 2, memoryLimit: 19 * 1024 * 1024)
    /// libsodium's floor, for unit tests that hash many passwords; never for a real store.
    public static let fastForTests = PasswordHasher(opsLimit: 1, memoryLimit: 8192)

    public init(opsLimit: UInt64, memoryLimit: Int) {
        self.opsLimit = opsLimit
        self.memoryLimit = memoryLimit
        _ = PasswordHasher.initialized
    }

    private static let initialized: Bool = sodium_init() >= 0

    /// The encoded hash of `password`, with a fresh random salt.
    public func hash(_ password: String) throws -> String {
        var out = [CChar](repeating: 0, count: Int(crypto_pwhash_STRBYTES))
        let rc = crypto_pwhash_str_alg(
            &out, password, UInt64(password.utf8.count), opsLimit, memoryLimit,
            crypto_pwhash_ALG_ARGON2ID13)
        guard rc == 0 else { throw BilletterieError.internalFailure("password hashing ran out of memory") }
        return String(decoding: out.prefix(while: { $0 != 0 }).map(UInt8.init(bitPattern:)), as: UTF8.self)
    }

    /// Checks `password` against an encoded hash, in constant time.
    public func verify(_ password: String, against encoded: String) -> Bool {
        crypto_pwhash_str_verify(encoded, password, UInt64(password.utf8.count)) == 0
    }

    /// True when `encoded` was made with other settings than ours and should be redone.
    public func needsRehash(_ encoded: String) -> Bool {
        crypto_pwhash_str_needs_rehash(encoded, opsLimit, memoryLimit) != 0
    }
}

/// libsodium's SHA-256, for hashes computed on every command (session tokens): a plain C
/// call, where swift-crypto's first use instantiates generic types at run time (0.2 ms of a
/// door scan, callgrind). Same function, same bytes.
enum LibSodium {
    /// Bytes from the system's cryptographic source, in one call (getrandom(2)).
    static func randomBytes(_ count: Int) -> [UInt8] {
        precondition(ready, "libsodium cannot start")  // sodium_init fails only without a random source
        var bytes = [UInt8](repeating: 0, count: count)
        guard count > 0 else { return bytes }
        bytes.withUnsafeMutableBytes { randombytes_buf($0.baseAddress!, $0.count) }
        return bytes
    }

    /// sodium_init: idempotent and thread-safe; it picks the random source.
    static let ready = sodium_init() >= 0

    static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(crypto_hash_sha256_BYTES))
        _ = bytes.withUnsafeBufferPointer { input in
            digest.withUnsafeMutableBufferPointer { crypto_hash_sha256($0.baseAddress!, input.baseAddress, UInt64(input.count)) }
        }
        return digest
    }
}

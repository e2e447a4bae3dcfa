import Foundation
import Testing

@testable import BilletterieCore

@Suite("TOTP (RFC 6238) and base32 (RFC 4648)")
struct TOTPTests {
    /// RFC 6238 appendix B: the seeds and the 8-digit codes for each time and algorithm.
    static let seeds: [TOTP.Algorithm: [UInt8]] = [
        .sha1: Array("12345678901234567890".utf8),
        .sha256: Array("12345678901234567890123456789012".utf8),
        .sha512: Array("1234567890123456789012345678901234567890123456789012345678901234".utf8),
    ]
    static let vectors: [(Int64, TOTP.Algorithm, String)] = [
        (59, .sha1, "94287082"), (59, .sha256, "46119246"), (59, .sha512, "90693936"),
        (1_111_111_109, .sha1, "07081804"), (1_111_111_109, .sha256, "68084774"), (1_111_111_109, .sha512, "25091201"),
        (1_111_111_111, .sha1, "14050471"), (1_111_111_111, .sha256, "67062674"), (1_111_111_111, .sha512, "99943326"),
        (1_234_567_890, .sha1, "89005924"), (1_234_567_890, .sha256, "91819424"), (1_234_567_890, .sha512, "93441116"),
        (2_000_000_000, .sha1, "69279037"), (2_000_000_000, .sha256, "90698825"), (2_000_000_000, .sha512, "38618901"),
        (20_000_000_000, .sha1, "65353130"), (20_000_000_000, .sha256, "77737706"), (20_000_000_000, .sha512, "47863826"),
    ]

    @Test("the RFC's own test vectors", arguments: vectors)
    func rfcVectors(time: Int64, algorithm: TOTP.Algorithm, expected: String) {
        let totp = TOTP(secret: Self.seeds[algorithm]!, digits: 8, algorithm: algorithm)
        #expect(totp.code(at: Date(epochSeconds: time)) == expected)
    }

    @Test("a code matches within one step of drift, not two")
    func drift() {
        let totp = TOTP(secret: Self.seeds[.sha1]!)
        let now = Date(epochSeconds: 1_111_111_111)
        #expect(totp.matchingStep(for: totp.code(at: now), at: now) == totp.step(at: now))
        #expect(totp.matchingStep(for: totp.code(at: now.addingTimeInterval(-30)), at: now) != nil)
        #expect(totp.matchingStep(for: totp.code(at: now.addingTimeInterval(30)), at: now) != nil)
        #expect(totp.matchingStep(for: totp.code(at: now.addingTimeInterval(-90)), at: now) == nil)
        #expect(totp.matchingStep(for: "12345", at: now) == nil)
        #expect(totp.matchingStep(for: "abcdef", at: now) == nil)
    }

    @Test("the otpauth URI names issuer, account and secret")
    func provisioningURI() {
        let uri = TOTP(secret: Array("12345678901234567890".utf8)).provisioningURI(account: "ana@example.org", issuer: "billetterie")
        #expect(
            uri == "otpauth://totp/billetterie:ana@example.org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=billetterie&algorithm=SHA1&digits=6&period=30")
    }

    @Test(
        "base32 matches RFC 4648's vectors and round-trips",
        arguments: [("", ""), ("f", "MY"), ("fo", "MZXQ"), ("foo", "MZXW6"), ("foob", "MZXW6YQ"), ("fooba", "MZXW6YTB"), ("foobar", "MZXW6YTBOI")])
    func base32(plain: String, encoded: String) {
        #expect(Base32.encode(Array(plain.utf8)) == encoded)
        #expect(Base32.decode(encoded) == Array(plain.utf8))
        #expect(Base32.decode(encoded.lowercased() + "==") == Array(plain.utf8))
    }

    @Test("base32 refuses characters outside its alphabet")
    func base32Invalid() {
        #expect(Base32.decode("MZ1W") == nil)
        #expect(Base32.decode("MZ!W") == nil)
    }
}

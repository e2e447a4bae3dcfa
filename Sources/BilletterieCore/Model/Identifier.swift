import Synchronization

/// Random bytes from the system's source, fetched 4 KiB at a time: an id drawn byte by byte,
/// or even word by word, made a system call each, and a door stream or an import of 100 000
/// tickets makes several ids per row. The bytes are the kernel's (getrandom), used once each.
final class RandomPool: Sendable {
    static let shared = RandomPool()
    private let state = Mutex<(buffer: [UInt8], used: Int)>(([], 0))

    func bytes(_ count: Int) -> [UInt8] {
        state.withLock { state in
            if state.used + count > state.buffer.count {
                state.buffer = Self.fromTheSystem(4096)
                state.used = 0
            }
            defer { state.used += count }
            return Array(state.buffer[state.used..<state.used + count])
        }
    }

    /// `count` bytes from the kernel in one call (libsodium's randombytes_buf: getrandom(2));
    /// the stdlib's generator makes one call per 8 bytes.
    static func fromTheSystem(_ count: Int) -> [UInt8] {
        LibSodium.randomBytes(count)
    }

    func word() -> UInt64 {
        bytes(8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
    }
}

/// Prefixed opaque identifiers (`usr_...`, `evt_...`): the prefix tells a person and a
/// script what kind of thing an id names; the rest is 80 random bits in lowercase base32,
/// so ids never collide across processes selling at once and never reveal a count.
public enum Identifier {
    public enum Kind: String, CaseIterable, Sendable {
        case user = "usr"
        case session = "ses"
        case event = "evt"
        case tier = "tier"
        case order = "ord"
        case ticket = "tkt"
        case payment = "pay"
        case refund = "ref"
        case notification = "ntf"
        case scan = "scn"
        case voucher = "vch"
        case waitlistEntry = "wl"
    }

    public static func make(_ kind: Kind) -> String {
        from(bytes: RandomPool.shared.bytes(10), kind)
    }

    /// The 10 random bytes behind an id (what ticket codes carry), or nil if it is not one of `kind`.
    public static func bytes(of id: String, _ kind: Kind) -> [UInt8]? {
        guard looksLike(id, kind) else { return nil }
        let body = id.dropFirst(kind.rawValue.count + 1)
        guard body.count == 16, let bytes = Base32.decode(String(body)), bytes.count == 10 else { return nil }
        return bytes
    }

    /// The id of `kind` made of these 10 bytes.
    public static func from(bytes: some Collection<UInt8>, _ kind: Kind) -> String {
        kind.rawValue + "_" + Base32.encode(Array(bytes)).lowercased()
    }

    /// True when `text` looks like an id of `kind` (used to tell ids from emails, slugs, names).
    public static func looksLike(_ text: String, _ kind: Kind) -> Bool {
        text.hasPrefix(kind.rawValue + "_")
    }
}

/// RFC 4648 base32 (no padding). Written here because it is 30 lines and no package in
/// our mirror offers it; TOTP secrets and identifiers both use it.
public enum Base32 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                out.append(alphabet[Int((buffer >> UInt32(bits - 5)) & 31)])
                bits -= 5
            }
        }
        if bits > 0 { out.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Each byte's value in the alphabet (either case), or -1: a table, because ticket codes
    /// decode three ids each and an import makes a hundred thousand of them.
    static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (value, char) in alphabet.enumerated() {
            table[Int(char)] = Int8(value)
            if char >= UInt8(ascii: "A") { table[Int(char) + 32] = Int8(value) }
        }
        return table
    }()

    /// Decodes, ignoring case, spaces and padding; nil on any other character.
    public static func decode(_ text: String) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count * 5 / 8)
        var buffer: UInt32 = 0
        var bits = 0
        for char in text.utf8 where char != UInt8(ascii: " ") && char != UInt8(ascii: "=") {
            let value = values[Int(char)]
            guard value >= 0 else { return nil }
            buffer = (buffer << 5) | UInt32(value)
            bits += 5
            if bits >= 8 {
                out.append(UInt8((buffer >> UInt32(bits - 8)) & 0xff))
                bits -= 8
            }
        }
        return out
    }
}

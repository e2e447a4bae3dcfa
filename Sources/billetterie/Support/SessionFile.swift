import BilletterieCore
import Foundation

/// The session saved by `user login`: $XDG_CONFIG_HOME/billetterie/session, mode 0600.
/// It remembers which store it belongs to, so a login to a rehearsal store is never
/// sent to the real one.
struct SessionFile {
    struct Contents: Codable {
        let token: String
        let db: String
        let expiresAt: String

        enum CodingKeys: String, CodingKey {
            case token, db
            case expiresAt = "expires_at"
        }
    }

    let path: String

    init(environment: Environment) {
        let configHome =
            environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (GlobalOptions.home + "/.config")
        path = configHome + "/billetterie/session"
    }

    /// The saved token when it was saved for `databasePath`.
    func token(for databasePath: String) throws -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        guard let contents = Self.quickly(Array(data)) ?? (try? JSONDecoder().decode(Contents.self, from: data)) else { return nil }
        guard Self.canonical(contents.db) == Self.canonical(databasePath) else { return nil }
        return contents.token
    }

    /// The file as `save` writes it, `{"db":"…","expires_at":"…","token":"…"}` with no escapes,
    /// read without JSONDecoder (a door scan is a whole process, and the decoder's first use
    /// costs more than the scan's lookup). Anything else: nil, and JSONDecoder reads it.
    static func quickly(_ bytes: [UInt8]) -> Contents? {
        var values: [String] = []
        var index = 0
        for key in ["\"db\":\"", "\"expires_at\":\"", "\"token\":\""] {
            let prefix = Array(((values.isEmpty ? "{" : ",") + key).utf8)
            guard bytes.count >= index + prefix.count, Array(bytes[index..<index + prefix.count]) == prefix else { return nil }
            index += prefix.count
            guard let end = bytes[index...].firstIndex(of: UInt8(ascii: "\"")),
                !bytes[index..<end].contains(UInt8(ascii: "\\"))
            else { return nil }
            values.append(String(decoding: bytes[index..<end], as: UTF8.self))
            index = end + 1
        }
        guard Array(bytes[index...]) == Array("}".utf8) else { return nil }
        return Contents(token: values[2], db: values[0], expiresAt: values[1])
    }

    func save(token: String, databasePath: String, expiresAt: Date) throws {
        let contents = Contents(token: token, db: Self.canonical(databasePath), expiresAt: TimeText.utc(expiresAt))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try FileSystem.writePrivateFile(path, Array(try encoder.encode(contents)))
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// An absolute path with symbolic links resolved, so `./x.db` and `/tmp/x.db` match.
    static func canonical(_ path: String) -> String {
        // A server URL names its store as written (it holds no password: --db refuses one).
        if Store.isServerURL(path) { return path }
        // realpath(3) for a file that exists (the common case, and a few system calls);
        // Foundation's URL resolution, which costs a door scan a tenth of a millisecond, else.
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return URL(fileURLWithPath: absolute).resolvingSymlinksInPath().standardizedFileURL.path
    }
}

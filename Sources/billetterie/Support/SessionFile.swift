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

        enum CodingKeys: String, CodingKey { case token, db, expiresAt = "expires_at" }
    }

    let path: String

    init(environment: [String: String]) {
        let configHome = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (GlobalOptions.home + "/.config")
        path = configHome + "/billetterie/session"
    }

    /// The saved token when it was saved for `databasePath`.
    func token(for databasePath: String) throws -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        guard let contents = try? JSONDecoder().decode(Contents.self, from: data) else { return nil }
        guard Self.canonical(contents.db) == Self.canonical(databasePath) else { return nil }
        return contents.token
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
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return URL(fileURLWithPath: absolute).resolvingSymlinksInPath().standardizedFileURL.path
    }
}

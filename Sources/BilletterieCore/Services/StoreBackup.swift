import Foundation

/// `backup`: SQLite's online backup into a new 0600 file, while other processes keep selling.
public enum StoreBackup {
    /// Writes the copy and gives its size. Admins only; an existing file is not overwritten.
    public static func write(_ store: Store, to path: String, actor: User, now: Date) throws -> Int {
        guard actor.role == .admin else {
            throw BilletterieError.roleNotAllowed(action: "backing up the store", allowed: [.admin], actual: actor.role)
        }
        try FileSystem.requireRoomForNewFile(path)
        guard !FileManager.default.fileExists(atPath: path) else {
            throw BilletterieError.conflict(code: "file_exists", message: "\(path) already exists; give a new file name")
        }
        try store.copy(to: path)
        try store.write { tx in
            try tx.recordEvent(.storeBackedUp, subject: nil, actor: actor.id, data: ["file": path], at: now)
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return (attributes?[.size] as? NSNumber)?.intValue ?? 0
    }
}

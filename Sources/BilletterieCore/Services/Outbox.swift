import Foundation

/// The outbox folder as a Maildir: a message is written whole into `tmp/`, made durable,
/// then renamed into `new/`, so whatever picks messages up never sees half of one. Mail
/// programs move read messages to `cur/NAME:2,FLAGS`; both count as written.
public struct Outbox {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    var tmp: String { path + "/tmp" }
    var new: String { path + "/new" }
    var cur: String { path + "/cur" }

    /// Creates the three folders (0700); exit 73 naming the folder that cannot be made.
    public func prepare() throws {
        for folder in [path, tmp, new, cur] { try FileSystem.makePrivateFolder(folder) }
        guard access(tmp, W_OK) == 0, access(new, W_OK) == 0 else {
            throw BilletterieError.cannotCreate(path: access(tmp, W_OK) != 0 ? tmp : new, reason: String(cString: strerror(errno)))
        }
    }

    /// Names already delivered (in `new/` or read into `cur/`).
    func delivered() -> Set<String> {
        var names = Set((try? FileManager.default.contentsOfDirectory(atPath: new)) ?? [])
        for name in (try? FileManager.default.contentsOfDirectory(atPath: cur)) ?? [] {
            names.insert(String(name.split(separator: ":", maxSplits: 1).first ?? Substring(name)))
        }
        return names
    }

    /// Writes each message into `tmp/`, syncs the file system once for the batch, then
    /// renames them all into `new/` and syncs that folder. Returns the names delivered, and
    /// for each that could not be, why.
    func deliver(_ messages: [(name: String, bytes: [UInt8])]) -> (delivered: [String], failed: [String: String]) {
        var staged: [String] = []
        var failed: [String: String] = [:]
        for message in messages {
            do {
                try FileSystem.writeRegenerableFile(tmp + "/" + message.name, message.bytes)
                staged.append(message.name)
            } catch let error as BilletterieError {
                failed[message.name] = error.message
            } catch {
                failed[message.name] = "\(error)"
            }
        }
        guard !staged.isEmpty else { return ([], failed) }
        // One sync for the batch instead of one fsync per message: the messages are durable
        // before any becomes visible in new/.
        let tmpFolder = open(tmp, O_RDONLY | O_DIRECTORY)
        let synced = tmpFolder >= 0 && Self.syncFileSystem(tmpFolder) == 0
        if tmpFolder >= 0 { close(tmpFolder) }
        if !synced {
            for name in staged {
                let fd = open(tmp + "/" + name, O_RDONLY)
                if fd >= 0 {
                    _ = fsync(fd)
                    close(fd)
                }
            }
        }
        var delivered: [String] = []
        for name in staged {
            if rename(tmp + "/" + name, new + "/" + name) == 0 {
                delivered.append(name)
            } else {
                failed[name] = "cannot move into \(new): " + String(cString: strerror(errno))
                unlink(tmp + "/" + name)
            }
        }
        let newFolder = open(new, O_RDONLY | O_DIRECTORY)
        if newFolder >= 0 {
            _ = fsync(newFolder)
            close(newFolder)
        }
        return (delivered, failed)
    }

    /// glibc's syncfs(2), looked up at run time: Swift's Glibc module leaves out the GNU
    /// extensions it is declared under. Without it, each staged file is synced alone.
    private static let syncfsFunction: (@convention(c) (Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "syncfs") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
    }()

    static func syncFileSystem(_ fd: Int32) -> Int32 {
        syncfsFunction?(fd) ?? -1
    }

    /// Removes leftovers of a run that stopped between writing and renaming.
    func removeStale(_ names: Set<String>) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: tmp)) ?? [] where names.contains(name) {
            unlink(tmp + "/" + name)
        }
    }
}

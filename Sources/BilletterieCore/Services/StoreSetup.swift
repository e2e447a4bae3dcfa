import Foundation

/// Creating a store: schema, signing keys, settings and the first admin, all or nothing.
public enum StoreSetup {
    public struct Options: Sendable {
        public var venueName: String?
        public var currency: String
        public var timezone: String
        public var adminEmail: String
        public var adminName: String?

        public init(venueName: String?, currency: String, timezone: String, adminEmail: String, adminName: String?) {
            self.venueName = venueName
            self.currency = currency
            self.timezone = timezone
            self.adminEmail = adminEmail
            self.adminName = adminName
        }
    }

    /// Refuses (exit 4) when something already lies at `path`; the CLI calls this before
    /// asking for a password, and `initialize` checks again inside its transaction.
    public static func checkNoStore(at path: String) throws {
        try Store.checkLocation(path)
        if Store.exists(at: path) {
            throw BilletterieError.conflict(
                code: "store_exists",
                message: "a store already exists at \(path); nothing was changed (pass --db to create another)")
        }
    }

    /// Checks every value (the password too, when given); throws exit-65 errors before anything is created.
    @discardableResult
    public static func validate(_ options: Options, password: String?) throws -> (email: String, currency: Currency, zone: TimeZone) {
        let email = try EmailAddress.normalize(options.adminEmail)
        let currency = try Currency(code: options.currency)
        let zone = try TimeText.timeZone(options.timezone)
        if let password { try Accounts.checkPasswordStrength(password) }
        if let name = options.adminName { _ = try Accounts.checkName(name) }
        return (email, currency, zone)
    }

    /// Creates the store at `path` with its folder (0700) and file (0600). On any failure
    /// the half-made file is removed, so a failed init leaves nothing behind.
    public static func initialize(
        at path: String, options: Options, password: String,
        hasher: PasswordHasher = .standard, now: Date
    ) throws -> (store: Store, admin: User) {
        let checked = try validate(options, password: password)
        try checkNoStore(at: path)
        let onServer = Store.isServerURL(path)
        if !onServer {
            let folder = (path as NSString).deletingLastPathComponent
            try FileSystem.makePrivateFolder(folder.isEmpty ? "." : folder)
        }
        let hash = try hasher.hash(password)
        let existedBefore = onServer || FileManager.default.fileExists(atPath: path)
        do {
            let store = try Store.create(at: path)
            if !onServer { try FileSystem.makePrivate(path) }
            let name = try options.adminName.map(Accounts.checkName) ?? String(checked.email.split(separator: "@")[0])
            let admin = User(
                id: Identifier.make(.user), email: checked.email, name: name, role: .admin,
                mfaEnabled: false, lockedUntil: nil, createdAt: now)
            let keys = CryptoPrimitives.newSigningKeyPair()
            try store.write { tx in
                guard try !store.isInitialized() else {
                    throw BilletterieError.conflict(code: "store_exists", message: "a store already exists at \(path); nothing was changed")
                }
                try tx.saveSetting("initialized_at", TimeText.utc(now))
                try tx.saveSetting("store_id", Base32.encode(CryptoPrimitives.randomBytes(10)).lowercased())
                try tx.saveSetting("currency", checked.currency.code)
                try tx.saveSetting("timezone", checked.zone.identifier)
                if let venue = options.venueName?.trimmingCharacters(in: .whitespaces), !venue.isEmpty {
                    try tx.saveSetting("venue_name", venue)
                }
                try tx.insertSigningKey(privateKey: keys.privateKey, publicKey: keys.publicKey, now: now)
                try tx.insertUser(admin, passwordHash: hash)
                try tx.recordEvent(
                    .storeInitialized, subject: nil, actor: admin.id,
                    data: ["currency": checked.currency.code, "timezone": checked.zone.identifier], at: now)
                try tx.recordEvent(
                    .userRegistered, subject: admin.id, actor: admin.id,
                    data: ["email": admin.email, "role": Role.admin.rawValue], at: now)
            }
            return (store, admin)
        } catch {
            if !existedBefore {
                for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
            throw error
        }
    }
}

/// Files and folders readable by their owner only: the store, keys, sessions, outbox
/// messages and QR images all carry what lets someone in.
public enum FileSystem {
    /// Creates `path` and any missing parents with mode 0700; an existing folder is left as it is.
    public static func makePrivateFolder(_ path: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw BilletterieError.cannotCreate(path: path, reason: "a file stands where a folder should be") }
            return
        }
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        } catch {
            throw BilletterieError.cannotCreate(path: path, reason: (error as NSError).localizedDescription)
        }
    }

    /// Sets a file's mode to 0600.
    public static func makePrivate(_ path: String) throws {
        guard chmod(path, 0o600) == 0 else {
            throw BilletterieError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Writes `bytes` to `path` with mode 0600 in three system calls, without fsync: for output
    /// that can be made again (many QR images), where the atomic, durable writer below costs
    /// ten times as much per file.
    public static func writeRegenerableFile(_ path: String, _ bytes: [UInt8]) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw BilletterieError.cannotCreate(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw BilletterieError.cannotCreate(path: path, reason: String(cString: strerror(errno))) }
    }

    /// The bytes of an input file a person named, at most `limit` of them: a folder, a device
    /// or a missing file is exit 66 saying which (never Foundation's trap on a folder).
    public static func readInputFile(_ path: String, limit: Int = 64 << 20) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw BilletterieError.cannotOpen(path: path, reason: errno == ENOENT ? "no such file" : String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw BilletterieError.cannotOpen(path: path, reason: info.st_mode & S_IFMT == S_IFDIR ? "it is a folder; give a file" : "not a regular file")
        }
        guard Int(info.st_size) <= limit else { throw BilletterieError.cannotOpen(path: path, reason: "larger than \(limit >> 20) MiB") }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + offset, $0.count - offset) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            offset += count
        }
        return Array(bytes.prefix(offset))
    }

    /// For a file a command is about to create at `path`: its folder must exist (a backup to a
    /// USB stick that is not mounted must fail, not land on the laptop), and no folder may
    /// stand at `path` itself (never removed). Exit 73 otherwise.
    public static func requireRoomForNewFile(_ path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.isEmpty ? "." : folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw BilletterieError.cannotCreate(path: path, reason: "no folder \(folder) (give a folder that exists: is the drive mounted?)")
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw BilletterieError.cannotCreate(path: path, reason: "a folder stands there; give a file name")
        }
    }

    /// Writes `bytes` to `path` with mode 0600, replacing it atomically (a new temporary
    /// file, written, synced, then renamed over it).
    /// `createFolder` makes a missing folder (the session's); files people name with `-o`
    /// pass false, so a folder that is not there (a USB stick not mounted) is exit 73.
    /// A device or a pipe standing at `path` (`-o /dev/null`, `-o /dev/stdout`, a FIFO), opened
    /// to be written into as it is; nil for anything else. Such a target is never replaced by
    /// a file: run as root, renaming a finished export over /dev/null replaced the device.
    public static func openStream(_ path: String) throws -> Int32? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFCHR || info.st_mode & S_IFMT == S_IFIFO else { return nil }
        let fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw BilletterieError.cannotCreate(path: path, reason: String(cString: strerror(errno))) }
        return fd
    }

    public static func writePrivateFile(_ path: String, _ bytes: [UInt8], createFolder: Bool = true) throws {
        if let fd = try openStream(path) {
            defer { close(fd) }
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { throw BilletterieError.cannotCreate(path: path, reason: String(cString: strerror(errno))) }
                offset += written
            }
            return
        }
        let folder = (path as NSString).deletingLastPathComponent
        if createFolder {
            try makePrivateFolder(folder.isEmpty ? "." : folder)
        } else {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.isEmpty ? "." : folder, isDirectory: &isFolder), isFolder.boolValue else {
                throw BilletterieError.cannotCreate(path: path, reason: "no folder \(folder) (give a folder that exists)")
            }
        }
        // A name nobody can guess, created new (never through a link someone left there).
        let temporary = path + ".tmp-" + Identifier.make(.scan).dropFirst(4)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw BilletterieError.cannotCreate(path: path, reason: String(cString: strerror(errno))) }
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == bytes.count, synced, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw BilletterieError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
        }
    }
}

extension StoreSetup {
    /// `init --from BACKUP`: a new store at `path`, of either engine, holding everything the
    /// backup holds (its people, keys, sales and scans), with a `store.restored` event.
    /// Refuses (exit 4) when a store already exists there; a half-made file is removed.
    public static func restore(from backupPath: String, at path: String, now: Date) throws -> Store {
        try checkNoStore(at: path)
        let onServer = Store.isServerURL(path)
        if !onServer {
            let folder = (path as NSString).deletingLastPathComponent
            try FileSystem.makePrivateFolder(folder.isEmpty ? "." : folder)
        }
        let existedBefore = onServer || FileManager.default.fileExists(atPath: path)
        do {
            let store = try Store.restore(from: backupPath, to: path)
            if !onServer { try FileSystem.makePrivate(path) }
            try store.write { tx in
                try tx.recordEvent(.storeRestored, subject: nil, actor: nil, data: ["from": backupPath], at: now)
            }
            return store
        } catch {
            if !existedBefore {
                for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
            throw error
        }
    }
}

import Foundation

/// `doctor`: checks a store and what surrounds it, and says in one line each what is wrong
/// and what to do. Reads only; writes nothing but a probe file in the outbox.
public struct Doctor {
    public enum Status: String, Sendable, Encodable {
        case ok = "OK"
        case warn = "WARN"
        case fail = "FAIL"
    }

    public struct Check: Sendable, Encodable {
        public let name: String
        public let status: Status
        public let detail: String
    }

    let store: Store
    let now: Date

    public init(store: Store, now: Date) {
        self.store = store
        self.now = now
    }

    public func run(actor: User, outboxPath: String, otherFiles: [String]) throws -> [Check] {
        try Access.require(actor, .runDoctor)
        var checks: [Check] = []
        func add(_ name: String, _ status: Status, _ detail: String) { checks.append(Check(name: name, status: status, detail: detail)) }

        if store.isOnServer {
            add("integrity", .ok, "kept by the PostgreSQL server (its administrator checks pages with amcheck)")
        } else {
            let integrity = try store.integrityProblems()
            add(
                "integrity", integrity.isEmpty ? .ok : .fail,
                integrity.isEmpty
                    ? "SQLite integrity_check: ok" : "SQLite integrity_check: \(integrity.prefix(3).joined(separator: "; ")); restore the last backup")
        }
        let foreignKeys = try store.foreignKeyProblems()
        add(
            "foreign keys", foreignKeys == 0 ? .ok : .fail,
            foreignKeys == 0 ? "every reference points at a row" : "\(foreignKeys) rows point at rows that do not exist; restore the last backup")
        let version = try store.schemaVersion()
        add(
            "schema", version == Migrations.latestVersion ? .ok : .fail,
            version == Migrations.latestVersion ? "version \(version), this program's" : "version \(version), this program expects \(Migrations.latestVersion)")

        // Accounts whose addresses print the same (made before addresses were kept in NFC):
        // one person may be seeing the other's orders' address. An admin disables one.
        var byForm: [String: [String]] = [:]
        for (id, email) in try store.userEmails() { byForm[EmailAddress.folded(email), default: []].append("\(email) (\(id))") }
        let lookAlikes = byForm.values.filter { $0.count > 1 }
        add(
            "look-alike accounts", lookAlikes.isEmpty ? .ok : .warn,
            lookAlikes.isEmpty
                ? "no two accounts' addresses print the same"
                : "\(lookAlikes.count) sets of accounts print the same: " + lookAlikes.prefix(3).map { $0.joined(separator: " = ") }.joined(separator: "; ")
                    + "; disable the one that is not its address's owner (billetterie user disable ID)")

        let testProcessor = try Payments.testProcessorIsOn(store)
        add(
            "test processor", testProcessor ? .warn : .ok,
            testProcessor
                ? "on: anyone may pay their own order with `--method test`; a real venue turns it off (billetterie pay test-processor off)"
                : "off: test payments are refused")

        if let key = try store.activeSigningKey() {
            let matches = (try? CryptoPrimitives.publicKey(ofPrivate: key.privateKey)) == key.publicKey
            add(
                "signing key", matches ? .ok : .fail,
                matches
                    ? "present; its public half matches (key \(key.id))" : "the private key does not match its public half: codes it signs would be rejected")
        } else {
            add("signing key", .fail, "no active ticket-signing key: no ticket can be sold")
        }

        // A readable file gives its content away (codes are as good as tickets): FAIL. A
        // listable folder only shows names: WARN (the user may have chosen the folder).
        var looseFiles: [String] = []
        var looseFolders: [String] = []
        // A server store has no file or folder of ours: only the session file and the outbox.
        let storeFiles = store.isOnServer ? [] : [store.path, store.path + "-wal", store.path + "-shm"]
        let storeFolders = store.isOnServer ? [] : [(store.path as NSString).deletingLastPathComponent]
        for path in storeFiles + otherFiles where FileManager.default.fileExists(atPath: path) {
            if mode(path) & 0o077 != 0 { looseFiles.append("\(path) is \(String(mode(path), radix: 8))") }
        }
        if let messages = try? FileManager.default.contentsOfDirectory(atPath: outboxPath + "/new") {
            for name in messages.prefix(10_000) where mode(outboxPath + "/new/" + name) & 0o077 != 0 {
                looseFiles.append("\(outboxPath)/new/\(name) is \(String(mode(outboxPath + "/new/" + name), radix: 8))")
            }
        }
        for folder in storeFolders + [outboxPath, outboxPath + "/new", outboxPath + "/tmp", outboxPath + "/cur"]
        where FileManager.default.fileExists(atPath: folder) {
            if mode(folder) & 0o077 != 0 { looseFolders.append("\(folder)/ is \(String(mode(folder), radix: 8))") }
        }
        func listed(_ items: [String]) -> String {
            items.prefix(3).joined(separator: ", ") + (items.count > 3 ? " and \(items.count - 3) more" : "")
        }
        if !looseFiles.isEmpty {
            add("permissions", .fail, "others can read \(listed(looseFiles)); chmod 600 them")
        } else if !looseFolders.isEmpty {
            add("permissions", .warn, "files are 0600, but others can list \(listed(looseFolders)); chmod 700 them")
        } else {
            add("permissions", .ok, "store, session and outbox readable by their owner only (0600 / 0700)")
        }

        let outboxProblem = outboxProblem(outboxPath)
        add("outbox", outboxProblem == nil ? .ok : .fail, outboxProblem.map { "\(outboxPath): \($0)" } ?? "\(outboxPath) is writable")

        let unsent = try store.oldestUnsentNotification()
        let unplanned = try store.oldestUnplannedDomainEvent()
        let oldest = [unsent, unplanned].compactMap { $0 }.min()
        if let oldest, now.timeIntervalSince(oldest) > 3600 {
            add("notifications", .warn, "messages waiting since \(TimeText.utc(oldest)); run `billetterie notify run` (from cron, say)")
        } else {
            add("notifications", .ok, oldest == nil ? "nothing waiting" : "messages waiting for less than an hour")
        }

        let holds = try store.holdAudit(now: now)
        add(
            "holds", holds.miscounted == 0 ? .ok : .fail,
            holds.miscounted == 0
                ? "\(holds.expired) expired hold\(holds.expired == 1 ? "" : "s"), none counted against capacity"
                : "\(holds.miscounted) tiers count expired holds against their quota")

        let kept = try store.reportKeepingProblems()
        add(
            "report counts", kept.tickets + kept.money + kept.counts == 0 ? .ok : .fail,
            kept.tickets + kept.money + kept.counts == 0
                ? "what reports count agrees with the orders and receipts"
                : "\(kept.tickets) tickets and \(kept.money) payments or refunds disagree with their orders, and \(kept.counts) kept sales counts "
                    + "with the tickets and payments; report sales would miscount them (a backup restored with init --from counts them again)")
        let checkins = try store.checkinKeepingProblems()
        add(
            "check-in counts", checkins == 0 ? .ok : .fail,
            checkins == 0
                ? "what report checkins counts agrees with the scans"
                : "\(checkins) kept check-in rows disagree with the scans; report checkins would miscount them (a backup restored with init --from counts them again)"
        )
        return checks
    }

    private func mode(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_mode) & 0o777 : 0
    }

    /// Why the outbox cannot take a message, or nil: probed by writing and removing a file.
    private func outboxProblem(_ path: String) -> String? {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { return "a file stands where the outbox folder should be" }
        } else {
            // Not made yet: the nearest folder that exists must take a file (asked by making
            // one: access(2) says yes to root everywhere), and nothing but folders on the way.
            var ancestor = (path as NSString).deletingLastPathComponent
            while !ancestor.isEmpty, ancestor != "/", !FileManager.default.fileExists(atPath: ancestor) {
                ancestor = (ancestor as NSString).deletingLastPathComponent
            }
            let existing = ancestor.isEmpty ? "." : ancestor
            guard FileManager.default.fileExists(atPath: existing, isDirectory: &isFolder), isFolder.boolValue else {
                return "cannot be created: a file stands at \(existing), where a folder should be"
            }
            return probe(existing).map { "cannot be created in \(existing): \($0)" }
        }
        let folder = FileManager.default.fileExists(atPath: path + "/tmp") ? path + "/tmp" : path
        return probe(folder).map { "not writable: \($0)" }
    }

    /// Makes and removes a file in `folder`; why it could not, or nil.
    private func probe(_ folder: String) -> String? {
        let file = folder + "/.doctor-\(getpid())-" + Identifier.make(.scan).dropFirst(4)
        let fd = open(file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { return String(cString: strerror(errno)) }
        close(fd)
        unlink(file)
        return nil
    }
}

import Foundation
import Testing

@testable import BilletterieCore

/// CLI.md section 15: the store on either engine, a backup a laptop can run from, and a
/// store made again from a backup. Scripts/test runs these, like every other test, once on
/// store files and once on a PostgreSQL server.
@Suite("stores on either engine: backup and init --from")
struct EngineTests {
    /// What a store holds, as its reports and lists say it: equal across a backup and a restore.
    /// Run as the admin, logged in on that store.
    func books(_ box: Sandbox, environment: [String: String] = [:]) throws -> String {
        let sales = try box.run(["report", "sales", "--event", "jazz-night", "--json"], environment: environment)
        #expect(sales.status == 0, "\(sales)")
        let tickets = try box.run(["ticket", "list", "--event", "jazz-night", "--limit", "100", "--json"], environment: environment)
        let ids = ((tickets.json["items"] as? [[String: Any]]) ?? []).map { "\($0["id"] ?? "")=\($0["status"] ?? "")" }.sorted()
        let payments = try box.run(["pay", "list", "--json"], environment: environment)
        return sales.stdout + "\n" + ids.joined(separator: ",") + "\n" + String((payments.json["items"] as? [Any])?.count ?? -1)
    }

    @Test("a backup is a SQLite store file the program runs from, with every sale, payment and account")
    func backupRuns() throws {
        let box = try Sandbox().onSale()
        let paid = try box.reservedOrder()
        #expect(try box.run(["pay", paid, "--method", "cash", "--amount", "50"]).status == 0)
        _ = try box.reservedOrder(buyer: "bruno@example.org", quantity: 1)
        try box.login("admin@example.org", Sandbox.adminPassword)
        let before = try books(box)
        let copy = box.folder + "/laptop/backup.sqlite3"
        try FileManager.default.createDirectory(atPath: box.folder + "/laptop", withIntermediateDirectories: true)
        let made = try box.run(["backup", copy, "--json"])
        #expect(made.status == 0, "\(made)")
        #expect(box.mode(copy) == 0o600)
        let header = try #require(FileManager.default.contents(atPath: copy)).prefix(16)
        #expect(String(decoding: header, as: UTF8.self) == "SQLite format 3\u{0}")
        // The laptop runs from the copy: same books, the same accounts log in, codes admit.
        let code = try #require(((try box.run(["ticket", "show", paid, "--json"]).json["tickets"] as? [[String: Any]])?.first?["code"]) as? String)
        let laptop = ["BILLETTERIE_DB": copy, "BILLETTERIE_OUTBOX": box.folder + "/laptop/outbox"]
        let admin = try box.run(
            ["user", "login", "--email", "admin@example.org", "--password-stdin"], stdin: Sandbox.adminPassword + "\n", environment: laptop)
        #expect(admin.status == 0, "\(admin)")
        #expect(try books(box, environment: laptop) == before)
        let login = try box.run(["user", "login", "--email", "door@example.org", "--password-stdin"], stdin: "a-good-password\n", environment: laptop)
        #expect(login.status == 0, "\(login)")
        let scan = try box.run(["validate", code, "--event", "jazz-night", "--json"], environment: laptop)
        #expect(scan.status == 0 && scan.json["reason"] as? String == "ok", "\(scan)")
        #expect(
            try box.run(
                ["user", "login", "--email", "admin@example.org", "--password-stdin"], stdin: Sandbox.adminPassword + "\n",
                environment: laptop
            ).status == 0)
        let doctor = try box.run(["doctor"], environment: laptop)
        #expect(!doctor.stdout.contains("FAIL"), "\(doctor)")
    }

    @Test("init --from makes a store of this engine from a backup: the same books, receipts numbered on, new sales")
    func restore() throws {
        let box = try Sandbox().onSale()
        let paid = try box.reservedOrder()
        #expect(try box.run(["pay", paid, "--method", "cash", "--amount", "50"]).status == 0)
        try box.login("admin@example.org", Sandbox.adminPassword)
        let before = try books(box)
        let backup = box.folder + "/backup.sqlite3"
        #expect(try box.run(["backup", backup]).status == 0)
        let target = try box.newStoreLocation("restored")
        let restored = try box.run(["init", "--db", target, "--from", backup, "--json"])
        #expect(restored.status == 0, "\(restored)")
        #expect(restored.json["from"] as? String == backup)
        box.environment["BILLETTERIE_DB"] = target
        try box.login("admin@example.org", Sandbox.adminPassword)
        #expect(try books(box) == before)
        // Accounts come with the backup; the session file names the old store, so log in again.
        let order = try box.reservedOrder()
        let payment = try box.run(["pay", order, "--method", "cash", "--amount", "50"])
        #expect(payment.status == 0, "\(payment)")
        let receipt = try box.run(["pay", "receipt", order, "--json"])
        #expect(receipt.json["number"] as? Int == 2, "\(receipt)")
        // A new venue and a new event take ids after the copied ones.
        try box.login("olga@example.org", "a-good-password")
        try box.createEvent("After the restore", ["--publish", "--venue", "Le Nouveau Hall"])
        try box.login("admin@example.org", Sandbox.adminPassword)
        let events = try box.domainEventTypes()
        let restoredAt = try #require(events.firstIndex(of: "store.restored"))
        #expect(events[restoredAt...].contains("event.created") && events[restoredAt...].contains("payment.succeeded"), "\(events)")
        #expect(try box.run(["doctor"]).stdout.contains("FAIL") == false)
    }

    @Test("init --from refuses what it cannot restore: clear errors, exit codes, nothing made")
    func restoreRefusals() throws {
        let box = try Sandbox().initialized()
        let backup = box.folder + "/backup.sqlite3"
        #expect(try box.run(["backup", backup]).status == 0)
        let target = try box.newStoreLocation("target")
        let onExisting = try box.run(["init", "--from", backup, "--json"])
        #expect(onExisting.status == 4 && onExisting.errorJSON["code"] as? String == "store_exists", "\(onExisting)")
        let missing = try box.run(["init", "--db", target, "--from", box.folder + "/nothing.sqlite3"])
        #expect(missing.status == 66 && missing.stderr.contains("no such file"), "\(missing)")
        try Data("not a store".utf8).write(to: URL(fileURLWithPath: box.folder + "/text.sqlite3"))
        let text = try box.run(["init", "--db", target, "--from", box.folder + "/text.sqlite3"])
        #expect(text.status == 66 && text.stderr.contains("not a billetterie backup"), "\(text)")
        let folder = try box.run(["init", "--db", target, "--from", box.folder])
        #expect(folder.status == 66, "\(folder)")
        let mixed = try box.run(["init", "--db", target, "--from", backup, "--admin-email", "x@example.org"])
        #expect(mixed.status == 64 && mixed.stderr.contains("leave out --admin-email"), "\(mixed)")
        // Nothing was made at the target: a real restore there still works.
        #expect(try box.run(["init", "--db", target, "--from", backup]).status == 0)
    }

    @Test("on PostgreSQL a writer that waits past the lock timeout is busy (exit 75) and changes nothing", .enabled(if: Sandbox.onPostgres))
    func lockTimeout() throws {
        let box = try Sandbox().initialized()
        let holder = try PostgresConnection(url: box.db)
        let waiter = try PostgresConnection(url: box.db)
        try waiter.executeScript("SET lock_timeout = '200ms'")
        let before = try box.snapshot()
        var failure: Error?
        try holder.writeTransaction {
            try holder.execute("UPDATE settings SET value = value WHERE key = 'currency'")
            do {
                _ = try waiter.writeTransaction { try waiter.execute("UPDATE settings SET value = 'XXX' WHERE key = 'currency'") }
            } catch {
                failure = error
            }
        }
        let error = try #require(failure, "the second writer did not wait for the first")
        #expect((error as? DatabaseError)?.kind == .busy, "\(error)")
        #expect(BilletterieError.storage(error) == .storeBusy)
        #expect(try box.snapshot() == before)
    }

    @Test("a server URL with a password is refused (64) before anything connects: it would sit in shell history")
    func passwordInURL() throws {
        let box = Sandbox()
        for url in [
            "postgresql://till:secret@localhost/box", "postgres://till:secret@db.example.org:5433/box",
            "postgresql:///box?host=/tmp&password=secret",
        ] {
            let result = try box.run(["event", "list", "--db", url, "--json"])
            #expect(result.status == 64 && result.errorJSON["code"] as? String == "usage", "\(url): \(result)")
            #expect(result.stderr.contains("PGPASSWORD") && !result.stderr.contains("secret"), "\(result)")
            let made = try box.run(["init", "--db", url, "--admin-email", "a@example.org", "--admin-password-stdin"], stdin: "admin-passphrase\n")
            #expect(made.status == 64 && !made.stderr.contains("secret"), "\(made)")
        }
        // Without a password the URL is taken (and fails only at connecting: 66 here, no server).
        let unreachable = try box.run(["event", "list", "--db", "postgresql:///box?host=\(box.folder)/no-server"])
        #expect(unreachable.status == 66, "\(unreachable)")
    }
}

@Suite("bulk writes on either engine")
struct BulkWriteTests {
    @Test("an import batch whose ticket references are taken, in the store or twice in the batch, gets new ones: every ticket written once")
    func takenReferences() throws {
        let box = try Sandbox().onSale()
        let sold = try box.reserve(["--quantity", "1"]).json
        let taken = try #require((sold["tickets"] as? [[String: Any]])?.first?["reference"] as? String)
        let store = try Store.open(at: box.db)
        let event = try #require(try store.events(identifiedBy: "jazz-night", now: Date()).first)
        let tier = try #require(try store.tiers(of: event).first)
        let buyer = Attendee(name: "Bulk Buyer", email: "bulk@example.org")
        let money = Money(minor: 0, currency: event.currency)
        let order = Order(
            id: Identifier.make(.order), eventID: event.id, eventTitle: event.title, buyer: buyer, status: .paid, total: money,
            paid: money, refunded: money, expiresAt: nil, externalID: "bulk-1", channel: "import", paidBy: "comp", createdAt: Date(),
            tickets: [])
        var batch = ImportBatch()
        batch.add(order: order, createdBy: "usr_test", now: Date())
        let references = [taken, "BULKREF001", "BULKREF001"]
        for reference in references {
            let ticket = Ticket(
                id: Identifier.make(.ticket), orderID: order.id, eventID: event.id, tierID: tier.id, tierName: tier.name, admission: true,
                attendee: buyer, status: .valid, code: "BULK" + Identifier.make(.ticket).uppercased(), reference: reference, voidReason: nil,
                replacedBy: nil, createdAt: Date())
            batch.add(ticket: ticket, buyer: buyer)
        }
        batch.addReceipt(orderID: order.id)
        try store.write { tx in try tx.insert(batch, now: Date()) }
        let rows = try box.storeDatabase().rows("SELECT reference FROM tickets WHERE order_id = ?", order.id)
        let written = try rows.map { try $0.string("reference") }
        #expect(written.count == 3 && Set(written).count == 3 && !written.contains(taken), "\(written)")
        #expect(written.filter { $0 == "BULKREF001" }.count == 1)
        #expect(try box.storeDatabase().scalar("SELECT count(*) FROM receipts WHERE order_id = ?", order.id) == .integer(1))
    }
}

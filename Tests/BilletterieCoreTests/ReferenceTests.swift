import Foundation
import TestSupport
import Testing

@testable import BilletterieCore

@Suite("ticket references")
struct ReferenceTests {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    @Test("a reference is 10 characters of 0-9 A-Z without I L O U, and reads back as itself")
    func shape() {
        for _ in 0..<1000 {
            let reference = TicketReference.make()
            #expect(reference.count == 10)
            #expect(reference.allSatisfy { Self.alphabet.contains($0) })
            #expect(TicketReference.read(reference) == .reference(reference))
        }
    }

    @Test("every single wrong character and every swap of two different neighbours is caught, on 2 000 references")
    func everyMutation() {
        var tried = 0
        for _ in 0..<2000 {
            let reference = Array(TicketReference.make())
            for index in reference.indices {
                for other in Self.alphabet where other != reference[index] {
                    var typed = reference
                    typed[index] = other
                    #expect(TicketReference.read(String(typed)) == .mistyped, "\(String(typed)) from \(String(reference))")
                    tried += 1
                }
            }
            for index in reference.indices.dropLast() where reference[index] != reference[index + 1] {
                var typed = reference
                typed.swapAt(index, index + 1)
                #expect(TicketReference.read(String(typed)) == .mistyped, "\(String(typed)) from \(String(reference))")
                tried += 1
            }
        }
        #expect(tried > 600_000)
    }

    @Test("typed loosely: lower case, spaces, hyphens, and O, I, L for 0, 1, 1")
    func lenient() {
        // A reference with 0s and 1s, so the look-alikes matter.
        var reference = TicketReference.make()
        while !(reference.contains("0") && reference.contains("1")) { reference = TicketReference.make() }
        let typed = [
            reference.lowercased(),
            String(reference.prefix(5)) + "-" + String(reference.dropFirst(5)),
            reference.map { String($0) }.joined(separator: " "),
            reference.replacingOccurrences(of: "0", with: "O").replacingOccurrences(of: "1", with: "l"),
            reference.replacingOccurrences(of: "0", with: "o").replacingOccurrences(of: "1", with: "I").lowercased(),
        ]
        for text in typed { #expect(TicketReference.read(text) == .reference(reference), "\(text)") }
        #expect(TicketReference.read(String(reference.dropLast())) == .mistyped, "a character missing")
        #expect(TicketReference.read(reference + "7") == .mistyped, "a character too many")
        #expect(TicketReference.read("tkt_abc") == .notAReference)
        #expect(TicketReference.read("UUUUUUUUUU") == .notAReference, "U is not in the alphabet")
        #expect(TicketReference.read("") == .notAReference)
    }
}

@Suite("ticket codes, format 2")
struct CodeFormatTwoTests {
    static let keys = CryptoPrimitives.newSigningKeyPair()

    @Test("121 characters of 0-9 A-Z only, QR version 5 at level M, reading back to the ticket's tags")
    func shape() throws {
        let signer = try CryptoPrimitives.Signer(privateKey: Self.keys.privateKey)
        let verifier = CryptoPrimitives.Verifier(publicKeys: [Self.keys.publicKey])
        for _ in 0..<300 {
            let ids = (Identifier.make(.ticket), Identifier.make(.event), Identifier.make(.tier))
            let code = try TicketCode(ticketID: ids.0, eventID: ids.1, tierID: ids.2).signed(with: signer)
            #expect(code.count == 121)
            #expect(code.utf8.allSatisfy { (48...57).contains($0) || (65...90).contains($0) }, "\(code)")
            let read = try TicketCode.verify(code, with: verifier).get()
            #expect(read.format == 2 && read.isFor(ticketID: ids.0) && read.isFor(eventID: ids.1) && read.isFor(tierID: ids.2))
            #expect(read.ticketID == nil, "format 2 carries 8 of the id's 10 bytes")
            #expect(try QRMatrix(encoding: code, correction: .medium).version <= 5)
        }
    }

    @Test("a format-1 code (Base45, framed) still verifies, and names its whole ticket id")
    func formatOne() throws {
        let signer = try CryptoPrimitives.Signer(privateKey: Self.keys.privateKey)
        let ticket = Identifier.make(.ticket)
        let event = Identifier.make(.event)
        let tier = Identifier.make(.tier)
        let old = try TicketCode.FormatOne.signed(ticketID: ticket, eventID: event, tierID: tier, signer: signer)
        #expect(old.count == 122 && old.hasPrefix("B") && old.hasSuffix("1"))
        let read = try TicketCode.verify(old, publicKeys: [Self.keys.publicKey]).get()
        #expect(read.format == 1 && read.ticketID == ticket && read.isFor(eventID: event) && read.isFor(tierID: tier))
    }

    @Test("one canonical spelling: lower case, any changed character, a value too large, a wrong length are refused")
    func canonical() throws {
        let code = try TicketCode(ticketID: Identifier.make(.ticket), eventID: Identifier.make(.event), tierID: Identifier.make(.tier))
            .signed(privateKey: Self.keys.privateKey)
        let keys = [Self.keys.publicKey]
        #expect(throws: TicketCode.Rejection.malformed) { try TicketCode.verify(code.lowercased(), publicKeys: keys).get() }
        #expect(throws: TicketCode.Rejection.malformed) { try TicketCode.verify(String(repeating: "Z", count: 121), publicKeys: keys).get() }
        #expect(throws: TicketCode.Rejection.malformed) { try TicketCode.verify(String(code.dropLast()), publicKeys: keys).get() }
        let characters = Array(code)
        for index in characters.indices {
            var altered = characters
            altered[index] = characters[index] == "7" ? "8" : "7"
            #expect(throws: TicketCode.Rejection.self) { try TicketCode.verify(String(altered), publicKeys: keys).get() }
        }
    }

    @Test("Base-36 round-trips byte strings of fixed length, and refuses what would overflow")
    func base36() {
        var generator = SeededGenerator.printed("reference tests")
        for _ in 0..<500 {
            let bytes = (0..<78).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let text = Base36.encode(bytes, digits: 121)
            #expect(text.count == 121)
            #expect(Base36.decode(text, bytes: 78) == bytes)
        }
        #expect(Base36.encode([UInt8](repeating: 0, count: 78), digits: 121) == String(repeating: "0", count: 121))
        #expect(Base36.decode(Base36.encode([UInt8](repeating: 255, count: 78), digits: 121), bytes: 78) == [UInt8](repeating: 255, count: 78))
        #expect(Base36.decode(String(repeating: "Z", count: 121), bytes: 78) == nil, "36^121 - 1 does not fit 78 bytes")
        #expect(Base36.decode("0a", bytes: 2) == nil, "lower case is not a digit")
        // Against the number itself, digit by digit.
        #expect(Base36.encode([0, 1], digits: 3) == "001")
        #expect(Base36.encode([0, 36], digits: 3) == "010")
        #expect(Base36.encode([0x01, 0x00], digits: 4) == "0074", "256 = 7·36 + 4")
        #expect(Base36.encode([0xFF, 0xFF], digits: 4) == "1EKF", "65535 = 1·36³ + 14·36² + 20·36 + 15")
        #expect(Base36.decode("1EKF", bytes: 2) == [0xFF, 0xFF])
        #expect(Base36.decode("1EKG", bytes: 2) == nil, "65536 does not fit two bytes")
    }
}

@Suite("migration 8: references for tickets sold before")
struct ReferenceMigrationTests {
    @Test("a store at schema 7 gets a unique, well-formed reference and search text for every ticket, and keeps its codes")
    func backfill() throws {
        let t = try TestStore()
        let catalogue = Catalogue(store: t.store, now: TestStore.t0)
        let event = try catalogue.create(EventInput(title: "Old", startsAt: "2026-07-01T20:00", venue: "Hall", timezone: "UTC"), publish: true, actor: t.admin)
        _ = try catalogue.addTier(to: event.id, TierInput(name: "Free", price: "0"), actor: t.admin)
        let order = try Sales(store: t.store, now: TestStore.t0).reserve(
            event: event.id, tier: "Free", quantity: 30,
            buyer: Attendee(name: "Zoé Dupont", email: "zoe@example.org"),
            attendees: [], hold: 900, actor: t.admin)
        let path = t.store.path
        // Back to schema 7, as a store made by the previous release.
        let db = try SQLiteConnection(path: path, create: false)
        try db.executeScript(
            """
            DROP TRIGGER scans_counted; DROP TRIGGER scans_uncounted; DROP TRIGGER scans_present; DROP TRIGGER scans_present_late; DROP TRIGGER scans_present_undone;
            DROP TRIGGER tickets_presence; DROP TRIGGER events_checkins_forgotten;
            DROP TABLE checkin_counts; DROP TABLE checkin_presence; DROP TABLE checkin_totals;
            DROP TRIGGER tickets_sold; DROP TRIGGER tickets_sold_changed; DROP TRIGGER tickets_sold_removed;
            DROP TRIGGER payments_counted; DROP TRIGGER refunds_counted; DROP TABLE sales_counts; DROP TABLE money_counts; CREATE INDEX tickets_sales ON tickets(tier_id, sold, status); CREATE INDEX payments_by_event ON payments(event_id, status, method, amount_minor);
            CREATE INDEX refunds_by_event ON refunds(event_id, method, amount_minor);
            DROP INDEX refunds_owed; ALTER TABLE refunds DROP COLUMN handed_back_by; ALTER TABLE refunds DROP COLUMN handed_back_at;
            DROP INDEX tickets_sales; ALTER TABLE tickets DROP COLUMN sold; DROP INDEX payments_by_event; ALTER TABLE payments DROP COLUMN event_id;
            DROP INDEX refunds_by_event; ALTER TABLE refunds DROP COLUMN event_id;
            DROP TABLE waitlist_entries; DROP TABLE voucher_tiers; DROP TABLE vouchers;
            DROP INDEX tickets_by_voucher; ALTER TABLE tickets DROP COLUMN voucher_id; ALTER TABLE tickets DROP COLUMN price_minor;
            ALTER TABLE tiers DROP COLUMN hidden; ALTER TABLE tiers DROP COLUMN requires_admission; ALTER TABLE events DROP COLUMN waitlist_offer;
            DROP TABLE checkin_list_tiers; DROP TABLE checkin_lists; DROP INDEX scans_standing;
            ALTER TABLE scans DROP COLUMN checkin_list; ALTER TABLE scans DROP COLUMN direction;
            CREATE INDEX scans_admissions ON scans(ticket_id, scanned_at) WHERE result = 'accepted' AND undone_at IS NULL;
            DROP INDEX tickets_by_reference; ALTER TABLE tickets DROP COLUMN reference; ALTER TABLE tickets DROP COLUMN search_text;
            ALTER TABLE users DROP COLUMN disabled_at; ALTER TABLE users DROP COLUMN email_verified_at;
            ALTER TABLE users DROP COLUMN totp_pending_secret; DROP TABLE recovery_codes; DROP TABLE email_verifications;
            DROP INDEX orders_by_creator;
            PRAGMA user_version = 7;
            """)
        let reopened = try Store.open(at: path)
        #expect(try reopened.schemaVersion() == Migrations.latestVersion)
        let rows = try SQLiteConnection(path: path, create: false).rows("SELECT code, reference, search_text FROM tickets")
        #expect(rows.count == 30)
        let references = try rows.map { try $0.string("reference") }
        #expect(Set(references).count == 30)
        #expect(references.allSatisfy { TicketReference.read($0) == .reference($0) })
        #expect(try rows.allSatisfy { try $0.string("search_text").contains("zoe dupont") })
        #expect(Set(try rows.map { try $0.string("code") }) == Set(order.tickets.map(\.code)))
    }
}

@Suite("SHA-256 through libsodium")
struct SHA256Tests {
    @Test("the FIPS 180-2 vectors, and the same bytes as swift-crypto for random inputs")
    func sameAsCrypto() {
        func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
        #expect(hex(CryptoPrimitives.sha256(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hex(CryptoPrimitives.sha256([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        for length in [1, 55, 56, 64, 1000] {
            let bytes = CryptoPrimitives.randomBytes(length)
            #expect(CryptoPrimitives.sha256(bytes) == CryptoPrimitives.swiftCryptoSHA256(bytes))
        }
    }
}

@Suite("migration 9: accounts you can trust")
struct AccountMigrationTests {
    @Test("a store at schema 8 keeps every account proven, and its look-alike accounts are found and recorded")
    func lookAlikes() throws {
        let t = try TestStore()
        let path = t.store.path
        let db = try SQLiteConnection(path: path, create: false)
        // Two addresses that print the same, stored by an older release (NFC and NFD).
        try db.executeScript(
            """
            DROP TRIGGER scans_counted; DROP TRIGGER scans_uncounted; DROP TRIGGER scans_present; DROP TRIGGER scans_present_late; DROP TRIGGER scans_present_undone;
            DROP TRIGGER tickets_presence; DROP TRIGGER events_checkins_forgotten;
            DROP TABLE checkin_counts; DROP TABLE checkin_presence; DROP TABLE checkin_totals;
            DROP TRIGGER tickets_sold; DROP TRIGGER tickets_sold_changed; DROP TRIGGER tickets_sold_removed;
            DROP TRIGGER payments_counted; DROP TRIGGER refunds_counted; DROP TABLE sales_counts; DROP TABLE money_counts; CREATE INDEX tickets_sales ON tickets(tier_id, sold, status); CREATE INDEX payments_by_event ON payments(event_id, status, method, amount_minor);
            CREATE INDEX refunds_by_event ON refunds(event_id, method, amount_minor);
            DROP INDEX refunds_owed; ALTER TABLE refunds DROP COLUMN handed_back_by; ALTER TABLE refunds DROP COLUMN handed_back_at;
            DROP INDEX tickets_sales; ALTER TABLE tickets DROP COLUMN sold; DROP INDEX payments_by_event; ALTER TABLE payments DROP COLUMN event_id;
            DROP INDEX refunds_by_event; ALTER TABLE refunds DROP COLUMN event_id;
            DROP TABLE waitlist_entries; DROP TABLE voucher_tiers; DROP TABLE vouchers;
            DROP INDEX tickets_by_voucher; ALTER TABLE tickets DROP COLUMN voucher_id; ALTER TABLE tickets DROP COLUMN price_minor;
            ALTER TABLE tiers DROP COLUMN hidden; ALTER TABLE tiers DROP COLUMN requires_admission; ALTER TABLE events DROP COLUMN waitlist_offer;
            DROP TABLE checkin_list_tiers; DROP TABLE checkin_lists; DROP INDEX scans_standing;
            ALTER TABLE scans DROP COLUMN checkin_list; ALTER TABLE scans DROP COLUMN direction;
            CREATE INDEX scans_admissions ON scans(ticket_id, scanned_at) WHERE result = 'accepted' AND undone_at IS NULL;
            ALTER TABLE users DROP COLUMN disabled_at; ALTER TABLE users DROP COLUMN email_verified_at;
            ALTER TABLE users DROP COLUMN totp_pending_secret; DROP TABLE recovery_codes; DROP TABLE email_verifications;
            DROP INDEX orders_by_creator;
            INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at)
                SELECT 'usr_nfc', 'jos' || char(233) || '@example.org', 'A', 'participant', password_hash, 1, 1 FROM users LIMIT 1;
            INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at)
                SELECT 'usr_nfd', 'jose' || char(769) || '@example.org', 'B', 'participant', password_hash, 2, 2 FROM users LIMIT 1;
            PRAGMA user_version = 8;
            """)
        let reopened = try Store.open(at: path)
        #expect(try reopened.schemaVersion() == Migrations.latestVersion)
        let found = try reopened.domainEvents().filter { $0.type == "users.look_alikes_found" }
        #expect(found.count == 1 && found[0].data.contains("usr_nfc") && found[0].data.contains("usr_nfd"), "\(found)")
        #expect(try reopened.user(identifiedBy: "usr_nfd")?.emailVerified == true, "accounts from before stay proven")
    }
}

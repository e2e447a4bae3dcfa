// In-process baselines for the benchmark scripts; prints one line of figures per run.
//   billetterie-bench raw-import N DB    N orders+tickets+events inserted with prepared statements
//                                        in one transaction, each ticket signed (Ed25519)
//   billetterie-bench qr-files N DIR     N ticket-code QR PNGs rendered and written as files
//   billetterie-bench qr-memory N        N ticket-code QR PNGs rendered in memory
import BilletterieCore
import Foundation

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

let arguments = CommandLine.arguments
guard arguments.count >= 3, let count = Int(arguments[2]) else {
    print("usage: billetterie-bench raw-import N DB | qr-files N DIR | qr-memory N")
    exit(64)
}

/// A realistic code to encode: 122 characters, as tickets carry.
func sampleCode(_ keys: (privateKey: [UInt8], publicKey: [UInt8])) throws -> String {
    try TicketCode(ticketID: Identifier.make(.ticket), eventID: Identifier.make(.event), tierID: Identifier.make(.tier))
        .signed(privateKey: keys.privateKey)
}

switch arguments[1] {
case "raw-import":
    let db = try RawSQLite(path: arguments[3], create: true)
    try db.executeScript(
        """
        PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA cache_size = \(ProcessInfo.processInfo.environment["CACHE_KIB"].map { "-" + $0 } ?? "-2000");
        CREATE TABLE orders (id TEXT PRIMARY KEY, event_id TEXT, buyer_email TEXT, buyer_name TEXT, status TEXT, total_minor INTEGER,
            paid_minor INTEGER, refunded_minor INTEGER, currency TEXT, expires_at INTEGER, external_id TEXT, channel TEXT, paid_by TEXT,
            created_by TEXT, created_at INTEGER, updated_at INTEGER, UNIQUE (event_id, external_id));
        CREATE TABLE tickets (id TEXT PRIMARY KEY, order_id TEXT, event_id TEXT, tier_id TEXT, admission INTEGER, attendee_name TEXT,
            attendee_email TEXT, status TEXT, hold_expires_at INTEGER, code TEXT UNIQUE, created_at INTEGER, updated_at INTEGER);
        CREATE INDEX tickets_by_tier ON tickets(tier_id, status, hold_expires_at);
        CREATE INDEX tickets_by_event ON tickets(event_id, admission, status, hold_expires_at);
        CREATE INDEX tickets_by_order ON tickets(order_id);
        CREATE INDEX tickets_by_attendee ON tickets(attendee_email);
        CREATE TABLE domain_events (seq INTEGER PRIMARY KEY AUTOINCREMENT, type TEXT, subject_id TEXT, actor_id TEXT, data TEXT, occurred_at INTEGER);
        """)
    let keys = CryptoPrimitives.newSigningKeyPair()
    let event = Identifier.make(.event)
    let tier = Identifier.make(.tier)
    let unsigned = ProcessInfo.processInfo.environment["UNSIGNED"] != nil  // to split the cost
    let signer = try CryptoPrimitives.Signer(privateKey: keys.privateKey)
    let elapsed = try seconds {
        try db.writeTransaction {
            for i in 0..<count {
                let order = Identifier.make(.order)
                let ticket = Identifier.make(.ticket)
                let code = unsigned ? ticket : try TicketCode(ticketID: ticket, eventID: event, tierID: tier).signed(with: signer)
                try db.execute(
                    "INSERT INTO orders VALUES (?, ?, ?, ?, 'paid', 0, 0, 0, 'EUR', NULL, ?, 'import', 'comp', NULL, 0, 0)",
                    order, event, "guest\(i)@example.org", "Guest \(i)", "g\(i)")
                try db.execute(
                    "INSERT INTO tickets VALUES (?, ?, ?, ?, 1, ?, ?, 'valid', NULL, ?, 0, 0)",
                    ticket, order, event, tier, "Guest \(i)", "guest\(i)@example.org", code)
                try db.execute(
                    "INSERT INTO domain_events (type, subject_id, actor_id, data, occurred_at) VALUES ('order.paid', ?, NULL, ?, 0)",
                    order, "{\"event\":\"\(event)\",\"external_id\":\"g\(i)\"}")
            }
        }
    }
    print(String(format: "raw-import %d rows: %.2f s (%.0f rows/s)", count, elapsed, Double(count) / elapsed))
case "qr-files":
    let folder = arguments[3]
    let keys = CryptoPrimitives.newSigningKeyPair()
    let codes = try (0..<count).map { _ in try sampleCode(keys) }
    let elapsed = try seconds {
        for (i, code) in codes.enumerated() {
            try FileSystem.writeRegenerableFile("\(folder)/\(i).png", try QRMatrix(encoding: code).png())
        }
    }
    print(String(format: "qr-files %d PNG files: %.2f s (%.0f/s)", count, elapsed, Double(count) / elapsed))
case "qr-memory":
    let keys = CryptoPrimitives.newSigningKeyPair()
    let codes = try (0..<count).map { _ in try sampleCode(keys) }
    var bytes = 0
    let elapsed = try seconds {
        for code in codes { bytes += try QRMatrix(encoding: code).png().count }
    }
    print(String(format: "qr-memory %d PNGs: %.2f s (%.0f/s), %.0f bytes each", count, elapsed, Double(count) / elapsed, Double(bytes) / Double(count)))
case "parts":
    // Where the time of one imported row and one QR image goes.
    let keys = CryptoPrimitives.newSigningKeyPair()
    let message = [UInt8](repeating: 7, count: 40)
    let signer = try CryptoPrimitives.Signer(privateKey: keys.privateKey)
    let sign = try seconds { for _ in 0..<count { _ = try signer.sign(message) } }
    let code = try sampleCode(keys)
    let encode = try seconds { for _ in 0..<count { _ = try QRMatrix(encoding: code) } }
    let matrix = try QRMatrix(encoding: code)
    let png = seconds { for _ in 0..<count { _ = matrix.png() } }
    let ids = seconds { for _ in 0..<count { _ = Identifier.make(.ticket) } }
    print(
        String(
            format: "per item, %d runs: sign %.1f µs, QR encode %.1f µs, PNG %.1f µs, id %.1f µs",
            count, sign / Double(count) * 1e6, encode / Double(count) * 1e6, png / Double(count) * 1e6, ids / Double(count) * 1e6))
case "door-parts":
    // Where one door scan's time goes, in-process, on an existing store: DB CODE [N]
    let path = arguments[3]
    let code = arguments[4]
    let runs = count
    var open = 0.0
    var keys = 0.0
    var verify = 0.0
    var lookup = 0.0
    var commit = 0.0
    for _ in 0..<runs {
        var db: RawSQLite!
        open += try seconds {
            db = try RawSQLite(path: path, create: false)
            try db.executeScript("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;")
            _ = try db.rows("SELECT application_id, user_version FROM pragma_application_id, pragma_user_version")
        }
        var verifier: CryptoPrimitives.Verifier!
        keys += try seconds {
            verifier = CryptoPrimitives.Verifier(publicKeys: try db.rows("SELECT public_key FROM signing_keys").map { $0.blob("public_key") })
        }
        var ticketID = ""
        verify += seconds { _ = TicketCode.verify(code, with: verifier) }
        lookup += try seconds {
            ticketID = try db.row("SELECT t.id, t.status, tr.name FROM tickets t JOIN tiers tr ON tr.id = t.tier_id WHERE t.code = ?", code)?.string("id") ?? ""
        }
        commit += try seconds {
            _ = try db.writeTransaction {
                try db.execute(
                    "INSERT INTO scans (id, ticket_id, gate, result, reason, scanned_at) VALUES (?, ?, 'bench', 'rejected', 'already_used', 0)",
                    Identifier.make(.scan), ticketID)
            }
        }
    }
    let f = { (x: Double) in x / Double(runs) * 1000 }
    print(
        String(
            format: "per scan, in-process (ms): open store %.3f, load keys %.3f, verify signature %.3f, look up ticket %.3f, commit scan %.3f",
            f(open), f(keys), f(verify), f(lookup), f(commit)))
default:
    print("unknown benchmark \(arguments[1])")
    exit(64)
}

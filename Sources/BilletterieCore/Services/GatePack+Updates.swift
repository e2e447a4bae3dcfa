import Foundation

/// Keeping an offline gate up to date by file: deltas from the store (what changed since a
/// pack was made) and exchange files between gates (who came in where). Both are JSON, both
/// signed, both checked whole before anything in them is applied, and applying either twice
/// changes nothing.
extension GatePack {
    // MARK: Files

    /// A delta: the store's signed rows that differ from what the pack `packID` holds.
    struct DeltaFile: Codable {
        struct TierEntry: Codable {
            let id: String
            let tag: Int
            let name: String
            let addon: Bool
            let signature: String
        }
        struct TicketEntry: Codable {
            let tag: String
            let id: String?
            let tierId: String?
            let status: String
            let attendeeName: String
            let voidReason: String?
            let holdExpiresAt: Int64?
            let referenceHash: String?
            let usedAt: Int64?
            let usedGate: String?
            let leftAt: Int64?
            let leftGate: String?
            let signature: String
        }
        var billetterie = DeltaFile.kind
        var format = 4
        let storeId: String
        let eventId: String
        let packId: String
        let madeAt: Int64
        /// Every row's time (microseconds): a gate keeps a row only when it is newer.
        let asOf: Int64
        let tiers: [TierEntry]
        let tickets: [TicketEntry]
        var signature: String

        static let kind = "gate pack delta"

        /// What the delta's own signature covers: the pack it updates and every row's signature.
        var message: [UInt8] {
            let rows = tiers.map(\.signature).joined() + tickets.map(\.signature).joined()
            return PackSeal.message(
                .delta,
                [
                    .text(storeId), .text(eventId), .text(packId), .integer(asOf),
                    .integer(Int64(tiers.count)), .integer(Int64(tickets.count)),
                    .bytes(CryptoPrimitives.sha256(Array(rows.utf8))),
                ])
        }
    }

    /// An exchange: the movements in and out a gate knows (its own and those other gates sent
    /// it), signed with the gate's key, which the store vouched for when it made the pack.
    struct ExchangeFile: Codable {
        struct Entry: Codable {
            let tag: String
            let ticket: String?
            let at: Int64
            let gate: String
            let scan: String
            let origin: String
            let direction: String
        }
        var billetterie = ExchangeFile.kind
        var format = 4
        let storeId: String
        let eventId: String
        let packId: String
        let gateKey: String
        let gateKeyCertificate: String
        let madeAt: Int64
        let admissions: [Entry]
        var signature: String

        static let kind = "gate exchange"

        var message: [UInt8] {
            var fields: [PackSeal.Field] = [.text(storeId), .text(eventId), .text(packId), .integer(madeAt), .integer(Int64(admissions.count))]
            for entry in admissions {
                fields += [
                    .text(entry.tag), .text(entry.ticket), .integer(entry.at), .text(entry.gate), .text(entry.scan), .text(entry.origin),
                    .text(entry.direction),
                ]
            }
            return PackSeal.message(.exchange, fields)
        }
    }

    /// Files larger than this are not deltas or exchanges billetterie wrote (a delta of every
    /// ticket of a 100 000-ticket event is about 40 MB).
    static let largestUpdateFile = 512 << 20

    private static func readJSON(_ path: String) throws -> (kind: String?, bytes: Data) {
        var info = stat()
        guard stat(path, &info) == 0 else { throw BilletterieError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw BilletterieError.cannotOpen(path: path, reason: "not a regular file") }
        guard Int(info.st_size) <= largestUpdateFile else { throw notAnUpdate(path, "it is larger than any delta or exchange file") }
        guard let data = FileManager.default.contents(atPath: path) else { throw BilletterieError.cannotOpen(path: path, reason: "cannot be read") }
        struct Kind: Decodable { let billetterie: String? }
        let kind = try? JSONDecoder().decode(Kind.self, from: data)
        return (kind?.billetterie, data)
    }

    static func notAnUpdate(_ path: String, _ why: String) -> BilletterieError {
        .invalidInput(code: "update_not_verified", message: "\(path) was not applied: \(why); nothing changed")
    }

    private static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }

    private static func write<T: Encodable>(_ value: T, to path: String) throws {
        try FileSystem.requireRoomForNewFile(path)
        guard !FileManager.default.fileExists(atPath: path) else {
            throw BilletterieError.conflict(code: "file_exists", message: "\(path) already exists; give a new file name")
        }
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        try FileSystem.writePrivateFile(path, Array(try encoder.encode(value)) + [UInt8(ascii: "\n")], createFolder: false)
    }

    // MARK: Deltas (at the box office, then at the gate)

    /// What `--update` wrote.
    public struct DeltaSummary: Sendable, Encodable {
        public let file: String
        public let packID: String
        public let eventID: String
        public let tickets: Int
        public let tiers: Int
        public let bytes: Int
        public let asOf: Date
        enum CodingKeys: String, CodingKey {
            case file, tickets, tiers, bytes
            case packID = "pack_id"
            case eventID = "event_id"
            case asOf = "as_of"
        }
    }

    /// Writes a delta for the pack at `oldPath` (the file `validate pack` wrote, or a gate's
    /// copy of it): every ticket and tier whose state in the store differs from the pack's
    /// (voided, refunded, transferred, admitted online, newly sold), signed for that pack.
    /// The pack must be this store's and verify with its keys.
    public static func makeDelta(since oldPath: String, path: String, store: Store, actor: User, now: Date) throws -> DeltaSummary {
        guard FileManager.default.fileExists(atPath: oldPath) else { throw BilletterieError.cannotOpen(path: oldPath, reason: "no such gate pack") }
        let old: GatePack
        do {
            old = try GatePack(file: PackFile.openForMerge(path: oldPath), trusting: store.publicKeys())
        } catch let refusal as PackFile.PackRefusal {
            throw notAPack(oldPath, refusal.reason)
        } catch let error as DatabaseError {
            throw notAPack(oldPath, "not readable as a gate pack: \(error.message)")
        }
        guard old.storeID == (try store.settingValue("store_id") ?? "") else { throw notAPack(oldPath, "it was made by another box office's store") }
        guard !old.file.isFormat3 else {
            throw notAPack(oldPath, "it was made by an older billetterie (format 3); merge its scans, then make a new pack with `billetterie validate pack`")
        }
        let event = try Catalogue(store: store, now: now).event(old.eventID, viewer: actor)
        try Access.requireManages(event, actor, action: "updating a gate pack")
        let signer = try storeSigner(store)
        let asOf = try store.nextGatePackTime(now: now)
        var known: [[UInt8]: PackFile.TicketRow] = [:]
        try old.file.forEachTicket { known[$0.tag] = $0 }
        let knownTiers = Dictionary(try old.file.tiers().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var tiers: [DeltaFile.TierEntry] = []
        for tier in try store.tiers(of: event) {
            var row = Self.row(for: tier)
            if let before = knownTiers[tier.id], before.sameState(as: row) { continue }
            row.asOf = asOf
            let signature = try signer.sign(tierMessage(row, packID: old.packID))
            tiers.append(.init(id: row.id, tag: Int(row.tag), name: row.name, addon: row.addon, signature: PackSeal.hex(signature)))
        }
        var changed: [PackFile.TicketRow] = []
        let histories = try store.listHistories(eventID: event.id, list: old.list.name)
        try store.forEachDoorTicket(eventID: event.id) { ticket, holdExpiresAt in
            var row = Self.row(for: ticket, holdExpiresAt: holdExpiresAt, salt: old.referenceSalt, history: histories[ticket.id])
            if let before = known[row.tag], before.sameState(as: row) { return }
            row.asOf = asOf
            changed.append(row)
        }
        let signatures = try signer.sign(all: changed.map { ticketMessage($0, packID: old.packID) })
        let tickets: [DeltaFile.TicketEntry] = zip(changed, signatures).map { row, signature in
            .init(
                tag: PackSeal.hex(row.tag), id: row.id, tierId: row.tierID, status: row.status, attendeeName: row.attendeeName,
                voidReason: row.voidReason, holdExpiresAt: row.holdExpiresAt, referenceHash: row.referenceHash.map(PackSeal.hex),
                usedAt: row.usedAt, usedGate: row.usedGate, leftAt: row.leftAt, leftGate: row.leftGate, signature: PackSeal.hex(signature))
        }
        var delta = DeltaFile(
            storeId: old.storeID, eventId: event.id, packId: old.packID, madeAt: now.epochSeconds, asOf: asOf,
            tiers: tiers, tickets: tickets, signature: "")
        delta.signature = PackSeal.hex(try signer.sign(delta.message))
        try write(delta, to: path)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        try store.write { tx in
            try tx.recordEvent(
                .gatePackDeltaMade, subject: event.id, actor: actor.id,
                data: ["file": path, "pack": old.packID, "tickets": String(tickets.count)], at: now)
        }
        return DeltaSummary(
            file: path, packID: old.packID, eventID: event.id, tickets: tickets.count, tiers: tiers.count, bytes: size,
            asOf: now)
    }

    /// What `--apply` did.
    public struct ApplySummary: Sendable, Encodable {
        public let file: String
        /// `delta` or `exchange`.
        public let kind: String
        /// Rows (delta) or admissions (exchange) that changed the gate.
        public let changed: Int
        /// Rows or admissions the gate already had (a file applied twice changes nothing).
        public let unchanged: Int
        /// The gates an exchange's admissions came from.
        public let gates: [String]
    }

    /// Applies a delta or an exchange file to this pack, after checking all of it: its kind,
    /// its store, event and pack, and every signature. Nothing is applied from a file that
    /// fails any check (exit 65).
    public func apply(path updatePath: String, now: Date) throws -> ApplySummary {
        let (kind, data) = try Self.readJSON(updatePath)
        do {
            switch kind {
            case DeltaFile.kind:
                return try applyDelta(Self.decoder().decode(DeltaFile.self, from: data), path: updatePath)
            case ExchangeFile.kind:
                return try applyExchange(Self.decoder().decode(ExchangeFile.self, from: data), path: updatePath, now: now)
            default:
                throw Self.notAnUpdate(updatePath, "it is neither a delta (`validate pack --update`) nor an exchange file (`validate exchange`)")
            }
        } catch is DecodingError {
            throw Self.notAnUpdate(updatePath, "it is not laid out as billetterie writes a \(kind ?? "delta or exchange") file")
        } catch let error as DatabaseError {
            throw BilletterieError.cannotCreate(path: path, reason: "the pack cannot take the update: \(error.message)")
        }
    }

    /// The same event, store and (for a delta) pack, or why not.
    private func checkBelongs(storeID: String, eventID: String, path: String) throws {
        guard storeID == self.storeID else { throw Self.notAnUpdate(path, "it was made by another box office's store") }
        guard eventID == self.eventID else { throw Self.notAnUpdate(path, "it is for another event (\(eventID)), not \(eventTitle)") }
    }

    private func applyDelta(_ delta: DeltaFile, path updatePath: String) throws -> ApplySummary {
        try checkBelongs(storeID: delta.storeId, eventID: delta.eventId, path: updatePath)
        guard delta.packId == packID else {
            throw Self.notAnUpdate(updatePath, "it updates another pack of this event (\(delta.packId)); make one with `--update` naming this pack")
        }
        guard delta.format == 4, let signature = PackSeal.bytes(hex: delta.signature), verifier.verify(signature, of: delta.message) else {
            throw Self.notAnUpdate(updatePath, "its signature does not verify (changed outside billetterie, or not made by this pack's store)")
        }
        // Every row is checked before any is applied.
        let tiers: [PackFile.TierRow] = try delta.tiers.map { entry in
            guard let signature = PackSeal.bytes(hex: entry.signature), (0...255).contains(entry.tag) else {
                throw Self.notAnUpdate(updatePath, "a tier's row is not as billetterie writes it")
            }
            let row = PackFile.TierRow(id: entry.id, tag: UInt8(entry.tag), name: entry.name, addon: entry.addon, asOf: delta.asOf, signature: signature)
            guard verifier.verify(signature, of: Self.tierMessage(row, packID: packID)) else {
                throw Self.notAnUpdate(updatePath, "a tier's row does not verify")
            }
            return row
        }
        let tickets: [PackFile.TicketRow] = try delta.tickets.map { entry in
            guard let tag = PackSeal.bytes(hex: entry.tag), let signature = PackSeal.bytes(hex: entry.signature) else {
                throw Self.notAnUpdate(updatePath, "a ticket's row is not as billetterie writes it")
            }
            let referenceHash = try entry.referenceHash.map { text in
                guard let bytes = PackSeal.bytes(hex: text) else { throw Self.notAnUpdate(updatePath, "a ticket's row is not as billetterie writes it") }
                return bytes
            }
            let row = PackFile.TicketRow(
                tag: tag, id: entry.id, tierID: entry.tierId, status: entry.status, attendeeName: entry.attendeeName,
                voidReason: entry.voidReason, holdExpiresAt: entry.holdExpiresAt, referenceHash: referenceHash,
                usedAt: entry.usedAt, usedGate: entry.usedGate, leftAt: entry.leftAt, leftGate: entry.leftGate, asOf: delta.asOf,
                signature: signature)
            guard verifier.verify(signature, of: Self.ticketMessage(row, packID: packID)) else {
                throw Self.notAnUpdate(updatePath, "a ticket's row does not verify")
            }
            return row
        }
        var changed = 0
        try file.writeTransaction {
            for row in tiers where try file.upsertTier(row) { changed += 1 }
            for row in tickets where try file.upsertTicket(row) { changed += 1 }
        }
        forgetInside()
        return ApplySummary(file: updatePath, kind: "delta", changed: changed, unchanged: tiers.count + tickets.count - changed, gates: [])
    }

    // MARK: Exchanges (gate to gate)

    /// What `validate exchange` wrote.
    public struct ExchangeSummary: Sendable, Encodable {
        public let file: String
        public let packID: String
        /// Entries and exits, each counted once.
        public let admissions: Int
        public let exits: Int
        enum CodingKeys: String, CodingKey {
            case file, admissions, exits
            case packID = "pack_id"
        }
    }

    /// Writes the admissions this gate knows and has not yet put in an exchange file (all of
    /// them with `all`), signed with the gate's own key. Admissions other gates sent are
    /// passed on too, so three gates need not each meet each other.
    public func exchange(to outputPath: String, all: Bool, now: Date) throws -> ExchangeSummary {
        guard let secret = try file.gateValue("gate_secret_key").flatMap(PackSeal.bytes(hex:)),
            let gateKey = meta["gate_key"], let certificate = meta["gate_key_certificate"]
        else {
            throw altered("the gate's own key")
        }
        let since = all ? 0 : Int64(try file.gateValue("exchanged_through") ?? "0") ?? 0
        let (movements, last) = try file.movements(after: since)
        var exchange = ExchangeFile(
            storeId: storeID, eventId: eventID, packId: packID, gateKey: gateKey, gateKeyCertificate: certificate, madeAt: now.epochSeconds,
            admissions: movements.map {
                .init(
                    tag: PackSeal.hex($0.tag), ticket: $0.ticketID, at: $0.at, gate: $0.gate, scan: $0.scanID, origin: $0.origin,
                    direction: $0.direction.rawValue)
            },
            signature: "")
        exchange.signature = PackSeal.hex(try CryptoPrimitives.sign(exchange.message, privateKey: secret))
        try Self.write(exchange, to: outputPath)
        try file.writeTransaction { try file.setGateValue("exchanged_through", String(max(last, since))) }
        let exits = movements.filter { $0.direction == .exit }.count
        return ExchangeSummary(file: outputPath, packID: packID, admissions: movements.count - exits, exits: exits)
    }

    private func applyExchange(_ exchange: ExchangeFile, path updatePath: String, now: Date) throws -> ApplySummary {
        try checkBelongs(storeID: exchange.storeId, eventID: exchange.eventId, path: updatePath)
        // The store vouched for the sending gate's key; that key signed the file.
        guard exchange.format == 4, let gateKey = PackSeal.bytes(hex: exchange.gateKey), gateKey.count == 32,
            let certificate = PackSeal.bytes(hex: exchange.gateKeyCertificate),
            verifier.verify(certificate, of: Self.gateKeyMessage(storeID: storeID, eventID: eventID, packID: exchange.packId, gateKey: gateKey))
        else { throw Self.notAnUpdate(updatePath, "it does not come from a gate pack of this store and event (its gate key is not vouched for)") }
        guard let signature = PackSeal.bytes(hex: exchange.signature),
            CryptoPrimitives.verify(signature, of: exchange.message, publicKey: gateKey)
        else {
            throw Self.notAnUpdate(updatePath, "its signature does not verify (changed after the gate wrote it)")
        }
        // Times are shown, not judged: a gate laptop's clock may be well off, so up to a day
        // ahead is taken; beyond that (or before 1970) the file was not written by a gate.
        let latest = now.epochSeconds + 24 * 3600
        let movements: [PackFile.Movement] = try exchange.admissions.map { entry in
            guard let tag = PackSeal.bytes(hex: entry.tag), (1...16).contains(tag.count),
                entry.at >= 0, entry.at <= latest, entry.gate.utf8.count <= 200, FreeText.firstControl(in: entry.gate) == nil,
                entry.scan.utf8.count <= 100, entry.origin.utf8.count <= 100, (entry.ticket?.utf8.count ?? 0) <= 100,
                let direction = ScanDirection(rawValue: entry.direction)
            else { throw Self.notAnUpdate(updatePath, "an admission in it is not as a gate writes one") }
            return .init(tag: tag, ticketID: entry.ticket, at: entry.at, gate: entry.gate, scanID: entry.scan, origin: entry.origin, direction: direction)
        }
        var changed = 0
        var gates: [String] = []
        try file.writeTransaction {
            for movement in movements where try file.insertMovement(movement) {
                changed += 1
                if !gates.contains(movement.gate) { gates.append(movement.gate) }
            }
        }
        forgetInside()
        return ApplySummary(file: updatePath, kind: "exchange", changed: changed, unchanged: movements.count - changed, gates: gates)
    }
}

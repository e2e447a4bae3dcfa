import Foundation

/// An offline gate: a small SQLite file with the store's public keys, one event and one of its
/// check-in lists, its tiers and its tickets' states as of when it was made (on that list:
/// who had come in, who had left), each signed by the store. No private key
/// of the store, no e-mail address. A gate with no network validates from it and records its
/// scans in it; deltas (`applyDelta`) bring it up to date, exchange files (`exchange`) tell it
/// what other gates admitted, and `merge` brings its scans back into the store.
///
/// What the gate believes: the pack's header (meta and keys) when its seal verifies, and each
/// ticket or tier row only when its own signature does, checked as the row is read. The gate
/// writes only its own tables (scans, movements, gate), so its work never breaks a signature.
public final class GatePack {
    let file: PackFile
    public let path: String
    public let eventID: String
    public let eventTitle: String
    public let eventTimeZone: String
    public let madeAt: Date
    /// Names this pack in the rows the store signs for it, in deltas and exchanges.
    public let packID: String
    let storeID: String
    let meta: [String: String]
    let verifier: CryptoPrimitives.Verifier
    /// Mixed into the hashes of references, so a pack's hashes are its own.
    let referenceSalt: [UInt8]
    /// What the gate does with a correctly signed code it does not know.
    public let unknown: UnknownTickets
    /// The check-in list this pack checks (its rules are in the signed header).
    public let list: CheckinList
    /// Who is inside as this gate knows it, once counted (`inside()`); each scan moves it.
    private var tally: InsideTally?

    /// A correctly signed code of the pack's event that the pack does not know (sold after it
    /// was made): admitted with the warning `not_in_pack` (the default: a sale at the box
    /// office after the pack must not be turned away), or refused as `not_in_pack`.
    public enum UnknownTickets: String, Sendable {
        case accept, reject
    }

    /// Format 4 checks one check-in list, with exits; format 3 (before lists) is still read
    /// by `merge`, so no gate's scans are lost to an upgrade, but no longer at a gate; format
    /// 2 (unsigned) and older are refused: a gate cannot tell them from a forgery.
    static let format = "4"

    /// Reads the header and checks its seal: against the pack's own keys at a gate (which
    /// has nothing else), against the store's keys in `merge` and `--update`.
    init(file: PackFile, trusting keys: [[UInt8]]? = nil) throws {
        self.file = file
        self.path = file.path
        let meta = try file.meta()
        guard let eventID = meta["event_id"] else { throw Self.notAPack(file.path, "it names no event") }
        guard meta["format"] == Self.format || (file.isFormat3 && meta["format"] == "3") else {
            throw Self.notAPack(
                file.path,
                "it is a gate pack of format \(meta["format"] ?? "?"), made by an older billetterie, and is not signed; "
                    + "make a new one with `billetterie validate pack`")
        }
        let packKeys = try file.publicKeys()
        let verifier = CryptoPrimitives.Verifier(publicKeys: keys ?? packKeys)
        guard let seal = try file.seal(), verifier.verify(seal, of: Self.headerMessage(meta: meta, keys: packKeys)) else {
            throw Self.notAPack(
                file.path,
                keys == nil
                    ? "its signature does not verify (the file was changed outside billetterie); make a new one with `billetterie validate pack`"
                    : "its signature does not verify with this store's keys (another box office's pack, or changed outside billetterie)")
        }
        self.meta = meta
        self.eventID = eventID
        self.eventTitle = meta["event_title"] ?? ""
        self.eventTimeZone = meta["timezone"] ?? "UTC"
        self.madeAt = Date(epochSeconds: Int64(meta["made_at"] ?? "") ?? 0)
        self.packID = meta["pack_id"] ?? ""
        self.storeID = meta["store_id"] ?? ""
        self.referenceSalt = Array((meta["reference_salt"] ?? "").utf8)
        self.unknown = UnknownTickets(rawValue: meta["unknown"] ?? "") ?? .accept
        self.verifier = CryptoPrimitives.Verifier(publicKeys: packKeys)
        self.list = CheckinList(
            id: nil, eventID: eventID, name: meta["list"] ?? CheckinList.mainName,
            tierIDs: (meta["list_tiers"] ?? "").split(separator: ",").map(String.init),
            multipleEntries: meta["multiple_entries"] == "1", reentry: meta["reentry"] != "0")
    }

    /// A file that is not a pack billetterie made and signed: exit 65, nothing recorded.
    static func notAPack(_ path: String, _ why: String) -> BilletterieError {
        .invalidInput(code: "pack_not_verified", message: "\(path) is not a gate pack this gate can trust: \(why)")
    }

    /// A row whose signature fails: the file was changed after the store wrote it.
    func altered(_ what: String) -> BilletterieError {
        .invalidInput(
            code: "pack_not_verified",
            message: "the gate pack \(path) does not verify: \(what) was changed outside billetterie; nothing was recorded. "
                + "Make a new pack with `billetterie validate pack`")
    }

    // MARK: What the store signs

    static func headerMessage(meta: [String: String], keys: [[UInt8]]) -> [UInt8] {
        var fields: [PackSeal.Field] = []
        for key in meta.keys.sorted() { fields += [.text(key), .text(meta[key])] }
        fields.append(.text("keys"))
        for key in keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) { fields.append(.bytes(key)) }
        return PackSeal.message(.header, fields)
    }

    static func ticketMessage(_ row: PackFile.TicketRow, packID: String) -> [UInt8] {
        PackSeal.message(
            .ticket,
            [
                .text(packID), .bytes(row.tag), .text(row.id), .text(row.tierID), .text(row.status), .text(row.attendeeName),
                .text(row.voidReason), .integer(row.holdExpiresAt), .bytes(row.referenceHash), .integer(row.usedAt), .text(row.usedGate),
                .integer(row.leftAt), .text(row.leftGate), .integer(row.asOf),
            ])
    }

    static func tierMessage(_ row: PackFile.TierRow, packID: String) -> [UInt8] {
        PackSeal.message(
            .tier,
            [
                .text(packID), .text(row.id), .integer(Int64(row.tag)), .text(row.name), .integer(row.addon ? 1 : 0),
                .integer(row.asOf),
            ])
    }

    static func gateKeyMessage(storeID: String, eventID: String, packID: String, gateKey: [UInt8]) -> [UInt8] {
        PackSeal.message(.gateKey, [.text(storeID), .text(eventID), .text(packID), .bytes(gateKey)])
    }

    /// A reference as the pack keeps it: salted SHA-256, so a lost pack does not hand out
    /// references to type at another door (45 bits still fall to a long search: Docs/packs).
    static func referenceHash(_ reference: String, salt: [UInt8]) -> [UInt8] {
        Array(CryptoPrimitives.sha256(Array("billetterie reference".utf8) + salt + Array(reference.utf8)).prefix(16))
    }

    /// A ticket of the store as a pack with this salt keeps it (unsigned yet), with what it
    /// did on the pack's list (`history`, from `Store.listHistories`).
    static func row(for ticket: Ticket, holdExpiresAt: Int64?, salt: [UInt8], history: ListHistory?) -> PackFile.TicketRow {
        let left = history?.last?.direction == .exit ? history?.last : nil
        return PackFile.TicketRow(
            tag: TicketCode.tag(ticket.id, .ticket, TicketCode.ticketTagBytes) ?? [], id: ticket.id, tierID: ticket.tierID,
            status: ticket.status.rawValue, attendeeName: ticket.attendee.name, voidReason: ticket.voidReason,
            holdExpiresAt: holdExpiresAt,
            referenceHash: ticket.reference.isEmpty ? nil : referenceHash(ticket.reference, salt: salt),
            usedAt: history?.lastEntry.map { $0.at.epochSeconds }, usedGate: history?.lastEntry?.gate,
            leftAt: left.map { $0.at.epochSeconds }, leftGate: left?.gate)
    }

    static func row(for tier: Tier) -> PackFile.TierRow {
        PackFile.TierRow(id: tier.id, tag: TicketCode.tag(tier.id, .tier, TicketCode.tierTagBytes)?.first ?? 0, name: tier.name, addon: tier.addon)
    }

    /// The store's key for signing pack rows (the ticket-signing key, domain-separated).
    static func storeSigner(_ store: Store) throws -> CryptoPrimitives.Signer {
        guard let key = try store.activeSigningKey() else {
            throw BilletterieError.internalFailure("the store has no signing key; run `billetterie doctor`")
        }
        return try CryptoPrimitives.Signer(privateKey: key.privateKey)
    }

    /// Opens a pack for the gate: a file that is not a pack, or whose seal does not verify,
    /// is refused (exit 65) before anything is read from it.
    public static func open(path: String) throws -> GatePack {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw BilletterieError.cannotOpen(path: path, reason: "no such gate pack")
        }
        guard !isFolder.boolValue else { throw BilletterieError.cannotOpen(path: path, reason: "it is a folder; give the pack file") }
        do {
            guard let file = try PackFile.open(path: path) else {
                throw notAPack(path, "it is not a gate pack (make one with `billetterie validate pack`)")
            }
            return try GatePack(file: file)
        } catch let error as DatabaseError {
            if error.kind == .notADatabase { throw notAPack(path, "it is not a gate pack (not even an SQLite file)") }
            throw BilletterieError.cannotOpen(path: path, reason: error.message)
        }
    }

    /// What a pack holds, for the person who made it.
    public struct Summary: Sendable, Encodable {
        public let file: String
        public let eventID: String
        public let packID: String
        public let tickets: Int
        public let madeAt: Date
        public let list: String
        enum CodingKeys: String, CodingKey {
            case file, tickets, list
            case eventID = "event_id"
            case packID = "pack_id"
            case madeAt = "made_at"
        }
    }

    /// Writes a pack for one event (its organizer or an admin). The file is made under a
    /// temporary name and renamed, mode 0600; an existing file is refused. Every row is
    /// signed with the store's key for this pack alone.
    public static func make(
        event identifier: String, path: String, store: Store, actor: User, now: Date,
        unknown: UnknownTickets = .accept, list listName: String = CheckinList.mainName
    ) throws -> Summary {
        let event = try Catalogue(store: store, now: now).event(identifier, viewer: actor)
        try Access.requireManages(event, actor, action: "making a gate pack")
        let list = try CheckinLists(store: store, now: now).list(named: listName, of: event)
        try FileSystem.requireRoomForNewFile(path)
        guard !FileManager.default.fileExists(atPath: path) else {
            throw BilletterieError.conflict(code: "file_exists", message: "\(path) already exists; give a new file name")
        }
        let signer = try storeSigner(store)
        // A name nobody can guess and nothing stands at: whatever is at `path.part` is left alone.
        let temporary = path + ".part-" + Identifier.make(.scan).dropFirst(4)
        guard !FileManager.default.fileExists(atPath: temporary) else { throw BilletterieError.cannotCreate(path: temporary, reason: "it exists") }
        var count = 0
        let packID = "pk_" + Identifier.make(.scan).dropFirst(4)
        do {
            let pack = try PackFile.create(path: temporary)
            try pack.writeTransaction {
                let salt = Array(Identifier.make(.scan).dropFirst(4).utf8)
                let storeID = try store.settingValue("store_id") ?? ""
                // The gate's own key signs its exchange files; the store vouches for it here.
                let gateKeys = CryptoPrimitives.newSigningKeyPair()
                let certificate = try signer.sign(gateKeyMessage(storeID: storeID, eventID: event.id, packID: packID, gateKey: gateKeys.publicKey))
                let meta = [
                    "event_id": event.id, "event_title": event.title, "made_at": String(now.epochSeconds),
                    "starts_at": String(event.startsAt.epochSeconds), "ends_at": String(event.endsAt.epochSeconds),
                    "timezone": event.timezone, "reference_salt": String(decoding: salt, as: UTF8.self), "unknown": unknown.rawValue,
                    "store_id": storeID, "format": format, "pack_id": packID,
                    "gate_key": PackSeal.hex(gateKeys.publicKey), "gate_key_certificate": PackSeal.hex(certificate),
                    "list": list.name, "list_tiers": list.tierIDs.joined(separator: ","),
                    "multiple_entries": list.multipleEntries ? "1" : "0", "reentry": list.reentry ? "1" : "0",
                ]
                for key in meta.keys.sorted() { try pack.insertMeta(key, meta[key]!) }
                let keys = try store.publicKeys()
                for key in keys { try pack.insertPublicKey(key) }
                try pack.insertSeal(signer.sign(headerMessage(meta: meta, keys: keys)))
                try pack.setGateValue("gate_secret_key", PackSeal.hex(gateKeys.privateKey))
                let asOf = try store.nextGatePackTime(now: now)
                for tier in try store.tiers(of: event) {
                    var row = Self.row(for: tier)
                    row.asOf = asOf
                    row.signature = try signer.sign(tierMessage(row, packID: packID))
                    try pack.insertTier(row)
                }
                // Signed a batch at a time on every core; batches keep memory flat on a big event.
                var rows: [PackFile.TicketRow] = []
                func flush() throws {
                    let signatures = try signer.sign(all: rows.map { ticketMessage($0, packID: packID) })
                    for index in rows.indices {
                        rows[index].signature = signatures[index]
                        try pack.insertTicket(rows[index])
                    }
                    count += rows.count
                    rows.removeAll(keepingCapacity: true)
                }
                let histories = try store.listHistories(eventID: event.id, list: list.name)
                try store.forEachDoorTicket(eventID: event.id) { ticket, holdExpiresAt in
                    var row = Self.row(for: ticket, holdExpiresAt: holdExpiresAt, salt: salt, history: histories[ticket.id])
                    row.asOf = asOf
                    rows.append(row)
                    if rows.count == 8192 { try flush() }
                }
                try flush()
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw (error as? BilletterieError) ?? BilletterieError.cannotCreate(path: path, reason: "\(error)")
        }
        guard rename(temporary, path) == 0 else {
            throw BilletterieError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
        }
        try store.write { tx in
            try tx.recordEvent(
                .gatePackMade, subject: event.id, actor: actor.id,
                data: ["file": path, "tickets": String(count), "pack": packID, "list": list.name], at: now)
        }
        return Summary(file: path, eventID: event.id, packID: packID, tickets: count, madeAt: now, list: list.name)
    }

    // MARK: Reading signed rows

    func verifiedTicket(tag: [UInt8]) throws -> PackFile.TicketRow? {
        try file.ticket(tag: tag).map(verified)
    }

    func verifiedTicket(referenceHash: [UInt8]) throws -> PackFile.TicketRow? {
        try file.ticket(referenceHash: referenceHash).map(verified)
    }

    private func verified(_ row: PackFile.TicketRow) throws -> PackFile.TicketRow {
        guard verifier.verify(row.signature, of: Self.ticketMessage(row, packID: packID)) else { throw altered("a ticket's row") }
        return row
    }

    private func verified(_ row: PackFile.TierRow) throws -> PackFile.TierRow {
        guard verifier.verify(row.signature, of: Self.tierMessage(row, packID: packID)) else { throw altered("a tier's row") }
        return row
    }

    /// The tier of a known ticket, or the one a code's tier tag names; nil when the pack has
    /// none (a tier made after the pack: its tickets are taken as admitting).
    func verifiedTier(id: String?, tag: UInt8?) throws -> PackFile.TierRow? {
        if let id, let row = try file.tier(id: id) { return try verified(row) }
        if let tag, let row = try file.tier(tag: tag) { return try verified(row) }
        return nil
    }

    // MARK: At the gate

    /// Judges a scanned line from the pack alone and records the scan in the pack. A correctly
    /// signed code for this event that the pack does not know (sold after it was made) is
    /// admitted; the rules for tickets it knows are the online door's (`DoorRules`).
    public func validate(_ scanned: String, gate: String, now: Date, direction: ScanDirection = .entry) throws -> ScanAnswer {
        try record(Door.prepare(scanned, verifier: verifier), gate: gate, now: now, direction: direction)
    }

    /// The pack's keys, for preparing scans on another thread.
    public var publicKeyVerifier: CryptoPrimitives.Verifier { verifier }

    /// Judges a prepared scan from the pack alone and records it in the pack. What the gate
    /// knows a ticket did on the list is the later of the store's state in the pack and the
    /// movements it recorded or received.
    public func record(_ prepared: Door.PreparedScan, gate: String, now: Date, direction: ScanDirection = .entry) throws -> ScanAnswer {
        let scanID = Identifier.make(.scan)
        func answer(
            _ reason: ScanReason, ticketID: String?, view: ScanAnswer.TicketView? = nil,
            first: ScanAnswer.FirstScan? = nil, detail: String? = nil, warning: String? = nil
        ) throws -> ScanAnswer {
            try file.insertScan(
                id: scanID, ticketID: ticketID, gate: gate, accepted: reason == .ok, reason: reason,
                scanned: String(prepared.code.prefix(Door.keptScanLength)), at: now, direction: direction)
            return ScanAnswer(
                accepted: reason == .ok, reason: reason, ticket: view, firstScan: first, scanID: scanID, detail: detail,
                gate: gate, at: now, timeZone: eventTimeZone, warning: warning, list: list.name, direction: direction)
        }
        do {
            // Where the ticket stood before an accepted scan, for the inside count.
            var before: (inside: Bool, source: String)?
            var result = try file.writeTransaction { () throws -> ScanAnswer in
                let known: PackFile.TicketRow?
                var tierTag: UInt8?
                switch prepared.reading {
                case .rejected(let reason): return try answer(reason, ticketID: nil, detail: Door.hint(for: prepared.code))
                case .reference(let reference):
                    known = try verifiedTicket(referenceHash: Self.referenceHash(reference, salt: referenceSalt))
                    guard known != nil else { return try answer(.unknown, ticketID: nil) }
                case .code(let parsed):
                    guard parsed.isFor(eventID: eventID) else {
                        return try answer(.wrongEvent, ticketID: parsed.ticketID, detail: "not for \(eventTitle), this pack's event")
                    }
                    let found = try verifiedTicket(tag: parsed.ticketTag)
                    // A format-1 code names its whole id: the row must be that ticket.
                    if let id = found?.id, !parsed.isFor(ticketID: id) { return try answer(.unknown, ticketID: nil) }
                    known = found
                    tierTag = parsed.tierTag.first
                }
                let tag = known?.tag ?? (prepared.reading.ticketTag ?? [])
                let ticketID = known?.id ?? prepared.reading.ticketID
                // What this gate or another (by exchange) saw counts with the store's state.
                let (seen, seenOrigin) = try file.history(tag: tag)
                let storeHistory = known?.history ?? .none
                let history = ListHistory.combining(storeHistory, seen)
                if known == nil, seen.last == nil, unknown == .reject {
                    return try answer(
                        .notInPack, ticketID: ticketID,
                        detail: "sold after this gate's pack was made: send the guest to the box office or an online gate")
                }
                let tier = try verifiedTier(id: known?.tierID, tag: tierTag)
                let attendee = known?.attendeeName ?? ""
                let storeStatus = known.flatMap { TicketStatus(rawValue: $0.status) } ?? .valid
                let state = DoorTicketState(
                    status: storeStatus, holdExpiresAt: known?.holdExpiresAt, admission: !(tier?.addon ?? false), voidReason: known?.voidReason)
                let (reason, detail) = DoorRules.judge(
                    state, tierID: known?.tierID ?? tier?.id, on: list, history: history, direction: direction, now: now, timeZone: eventTimeZone)
                func view(_ status: TicketStatus) -> ScanAnswer.TicketView {
                    .init(id: ticketID ?? "", status: status.rawValue, attendeeName: attendee, tier: tier?.name ?? "", eventID: eventID)
                }
                switch reason {
                case .ok:
                    try file.insertMovement(
                        .init(tag: tag, ticketID: ticketID, at: now.epochSeconds, gate: gate, scanID: scanID, origin: packID, direction: direction))
                    // The later of the two sources decided: the gate's own knowledge on a tie.
                    let fromGate = seen.last != nil && history.last == seen.last
                    before = (history.isInside, fromGate ? source(origin: seenOrigin ?? "", gate: seen.last?.gate ?? "") : Self.beforeThePack)
                    return try answer(
                        .ok, ticketID: ticketID, view: view(direction == .entry || storeStatus == .used || history.lastEntry != nil ? .used : .valid),
                        warning: known == nil ? ScanReason.notInPack.rawValue : nil)
                case .alreadyUsed:
                    let first = history.lastEntry.map { ScanAnswer.FirstScan(at: $0.at, gate: $0.gate) }
                    return try answer(.alreadyUsed, ticketID: ticketID, view: view(.used), first: first, detail: detail)
                case .void: return try answer(.void, ticketID: ticketID, view: view(.void), detail: detail)
                default: return try answer(reason, ticketID: ticketID, view: view(state.status), detail: detail)
                }
            }
            if let before, tally != nil {
                tally!.move(from: before.inside ? before.source : nil, to: direction == .entry ? Self.here : nil)
            }
            result.inside = tally?.inside
            return result
        } catch let error as DatabaseError {
            // A damaged file (SQLITE_CORRUPT, SQLITE_NOTADB) is a bad pack, not a full disk.
            if error.kind == .damaged || error.kind == .notADatabase {
                throw altered("the file (SQLite reads it as damaged: \(error.message))")
            }
            throw BilletterieError.cannotCreate(path: path, reason: "the pack cannot record the scan: \(error.message)")
        }
    }

    // MARK: Who is inside

    /// How the gate names the sources of its inside count.
    static let here = "this gate"
    static let beforeThePack = "before the pack"

    /// Where a movement counts in the inside count: this gate's own, or the gate that sent it.
    func source(origin: String, gate: String) -> String {
        origin == packID ? Self.here : gate
    }

    /// Tickets inside by where their standing entry was recorded.
    struct InsideTally {
        var counts: [String: Int] = [:]

        mutating func move(from old: String?, to new: String?) {
            if let old { counts[old, default: 0] -= 1 }
            if let new { counts[new, default: 0] += 1 }
        }

        var inside: GateInside {
            let others = counts.keys.filter { $0 != GatePack.here && $0 != GatePack.beforeThePack }.sorted()
            let sources = ([GatePack.here] + others + [GatePack.beforeThePack]).filter { (counts[$0] ?? 0) > 0 }
            return GateInside(total: counts.values.reduce(0, +), bySource: sources.map { GateInside.Source(name: $0, count: counts[$0]!) })
        }
    }

    /// Who is inside as this gate knows it: every ticket whose latest known scan on the list
    /// (the store's, in the pack, or a movement this gate made or received) is an entry,
    /// counted by where that entry was recorded. Counted once (a pass over the pack), then
    /// moved by each scan. The store's rows are counted as the file holds them: a ticket's
    /// row is checked against its signature when the ticket is scanned, not here.
    public func inside() throws -> GateInside {
        if let tally { return tally.inside }
        var last: [[UInt8]: (ListMovement, String)] = [:]
        try file.forEachStoreState { tag, history in
            if let movement = history.last { last[tag] = (movement, Self.beforeThePack) }
        }
        try file.forEachMovement { movement in
            if let current = last[movement.tag], current.0.at > movement.movement.at { return }
            last[movement.tag] = (movement.movement, source(origin: movement.origin, gate: movement.gate))
        }
        var counted = InsideTally()
        for (movement, source) in last.values where movement.direction == .entry { counted.move(from: nil, to: source) }
        tally = counted
        return counted.inside
    }

    /// Forgets the count after a delta or an exchange changed what the gate knows.
    func forgetInside() { tally = nil }
}

extension Door.PreparedScan.Reading {
    /// The ticket id bytes a code carries, for a ticket the pack does not know.
    var ticketTag: [UInt8]? {
        if case .code(let parsed) = self { return parsed.ticketTag }
        return nil
    }

    var ticketID: String? {
        if case .code(let parsed) = self { return parsed.ticketID }
        return nil
    }
}

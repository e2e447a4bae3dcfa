import Foundation

/// An offline gate: a small SQLite file with the store's public keys, one event, its tiers
/// and its tickets' states as of when it was made. No private key, no e-mail address. A gate
/// with no network validates from it and records its scans in it; `merge` brings the scans
/// back into the store.
public final class GatePack {
    let file: PackFile
    public let path: String
    public let eventID: String
    public let eventTitle: String
    public let eventTimeZone: String
    public let madeAt: Date
    let verifier: CryptoPrimitives.Verifier
    /// Tier tags (first byte of the tier id) of add-ons, which do not admit.
    let addonTags: Set<UInt8>
    /// Mixed into the hashes of references, so a pack's hashes are its own.
    let referenceSalt: [UInt8]
    /// What the gate does with a correctly signed code it does not know.
    public let unknown: UnknownTickets

    /// A correctly signed code of the pack's event that the pack does not know (sold after it
    /// was made): admitted with the warning `not_in_pack` (the default: a sale at the box
    /// office after the pack must not be turned away), or refused as `not_in_pack`.
    public enum UnknownTickets: String, Sendable {
        case accept, reject
    }

    /// Format 2 keys tickets by the first 8 bytes of their id (what new codes carry) and
    /// knows references only as salted hashes.
    static let format = "2"

    private init(file: PackFile) throws {
        self.file = file
        self.path = file.path
        let meta = try file.meta()
        guard let eventID = meta["event_id"] else { throw BilletterieError.cannotOpen(path: path, reason: "not a gate pack (no event)") }
        guard meta["format"] == Self.format else {
            throw BilletterieError.cannotOpen(path: path, reason: "a gate pack of format \(meta["format"] ?? "?"), made by an older billetterie; make a new one with `billetterie validate pack`")
        }
        self.eventID = eventID
        self.eventTitle = meta["event_title"] ?? ""
        self.eventTimeZone = meta["timezone"] ?? "UTC"
        self.madeAt = Date(epochSeconds: Int64(meta["made_at"] ?? "") ?? 0)
        self.referenceSalt = Array((meta["reference_salt"] ?? "").utf8)
        self.unknown = UnknownTickets(rawValue: meta["unknown"] ?? "") ?? .accept
        self.verifier = CryptoPrimitives.Verifier(publicKeys: try file.publicKeys())
        self.addonTags = try file.addonTierTags()
    }

    /// A reference as the pack keeps it: salted SHA-256, so a lost pack does not hand out
    /// references to type at another door (45 bits still fall to a long search: Docs/packs).
    static func referenceHash(_ reference: String, salt: [UInt8]) -> [UInt8] {
        Array(CryptoPrimitives.sha256(Array("billetterie reference".utf8) + salt + Array(reference.utf8)).prefix(16))
    }

    /// Opens a pack for the gate.
    public static func open(path: String) throws -> GatePack {
        guard FileManager.default.fileExists(atPath: path) else { throw BilletterieError.cannotOpen(path: path, reason: "no such gate pack") }
        do {
            guard let file = try PackFile.open(path: path) else {
                throw BilletterieError.cannotOpen(path: path, reason: "not a gate pack (make one with `billetterie validate pack`)")
            }
            return try GatePack(file: file)
        } catch let error as SQLiteError {
            throw BilletterieError.cannotOpen(path: path, reason: error.message)
        }
    }

    /// What a pack holds, for the person who made it.
    public struct Summary: Sendable, Encodable {
        public let file: String
        public let eventID: String
        public let tickets: Int
        public let madeAt: Date
        enum CodingKeys: String, CodingKey { case file, tickets, eventID = "event_id", madeAt = "made_at" }
    }

    /// Writes a pack for one event (its organizer or an admin). The file is made under a
    /// temporary name and renamed, mode 0600; an existing file is refused.
    public static func make(event identifier: String, path: String, store: Store, actor: User, now: Date,
                            unknown: UnknownTickets = .accept) throws -> Summary {
        let event = try Catalogue(store: store, now: now).event(identifier, viewer: actor)
        try Access.requireManages(event, actor, action: "making a gate pack")
        guard !FileManager.default.fileExists(atPath: path) else {
            throw BilletterieError.conflict(code: "file_exists", message: "\(path) already exists; give a new file name")
        }
        let temporary = path + ".part"
        try? FileManager.default.removeItem(atPath: temporary)
        var count = 0
        do {
            let pack = try PackFile.create(path: temporary)
            try pack.writeTransaction {
                let salt = Identifier.make(.scan).dropFirst(4)
                for (key, value) in [("event_id", event.id), ("event_title", event.title), ("made_at", String(now.epochSeconds)),
                                     ("starts_at", String(event.startsAt.epochSeconds)), ("ends_at", String(event.endsAt.epochSeconds)),
                                     ("timezone", event.timezone), ("reference_salt", String(salt)), ("unknown", unknown.rawValue),
                                     ("store_id", try store.settingValue("store_id") ?? ""), ("format", format)] {
                    try pack.insertMeta(key, value)
                }
                for key in try store.publicKeys() { try pack.insertPublicKey(key) }
                for tier in try store.tiers(of: event) {
                    try pack.insertTier(id: tier.id, tag: TicketCode.tag(tier.id, .tier, TicketCode.tierTagBytes)?.first ?? 0,
                                        name: tier.name, addon: tier.addon)
                }
                try store.forEachDoorTicket(eventID: event.id) { ticket, holdExpiresAt in
                    let standing = ticket.status == .used ? try store.standingAdmission(ticketID: ticket.id) : nil
                    try pack.insertTicket(PackFile.TicketRow(
                        tag: TicketCode.tag(ticket.id, .ticket, TicketCode.ticketTagBytes) ?? [], id: ticket.id, tierID: ticket.tierID,
                        status: ticket.status.rawValue, attendeeName: ticket.attendee.name, voidReason: ticket.voidReason,
                        holdExpiresAt: holdExpiresAt,
                        referenceHash: ticket.reference.isEmpty ? nil : referenceHash(ticket.reference, salt: Array(salt.utf8)),
                        usedAt: standing.map { $0.at.epochSeconds }, usedGate: standing?.gate))
                    count += 1
                }
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw (error as? BilletterieError) ?? BilletterieError.cannotCreate(path: path, reason: "\(error)")
        }
        guard rename(temporary, path) == 0 else {
            throw BilletterieError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
        }
        try store.write {
            try store.recordEvent("gate_pack.made", subject: event.id, actor: actor.id, data: ["file": path, "tickets": String(count)], at: now)
        }
        return Summary(file: path, eventID: event.id, tickets: count, madeAt: now)
    }

    /// Judges a scanned line from the pack alone and records the scan in the pack. A correctly
    /// signed code for this event that the pack does not know (sold after it was made) is
    /// admitted; the rules for tickets it knows are the online door's (`DoorRules`).
    public func validate(_ scanned: String, gate: String, now: Date) throws -> ScanAnswer {
        try record(Door.prepare(scanned, verifier: verifier), gate: gate, now: now)
    }

    /// The pack's keys, for preparing scans on another thread.
    public var publicKeyVerifier: CryptoPrimitives.Verifier { verifier }

    /// Judges a prepared scan from the pack alone and records it in the pack.
    public func record(_ prepared: Door.PreparedScan, gate: String, now: Date) throws -> ScanAnswer {
        let scanID = Identifier.make(.scan)
        func answer(_ reason: ScanReason, ticketID: String?, view: ScanAnswer.TicketView? = nil,
                    first: ScanAnswer.FirstScan? = nil, detail: String? = nil, warning: String? = nil) throws -> ScanAnswer {
            try file.insertScan(id: scanID, ticketID: ticketID, gate: gate, accepted: reason == .ok, reason: reason,
                                scanned: String(prepared.code.prefix(Door.keptScanLength)), at: now)
            return ScanAnswer(accepted: reason == .ok, reason: reason, ticket: view, firstScan: first, scanID: scanID, detail: detail,
                              gate: gate, at: now, timeZone: eventTimeZone, warning: warning)
        }
        do {
            return try file.writeTransaction {
                let known: PackFile.KnownTicket?
                var tierTag: UInt8?
                switch prepared.reading {
                case .rejected(let reason): return try answer(reason, ticketID: nil, detail: Door.hint(for: prepared.code))
                case .reference(let reference):
                    known = try file.ticket(referenceHash: Self.referenceHash(reference, salt: referenceSalt))
                    guard known != nil else { return try answer(.unknown, ticketID: nil) }
                case .code(let parsed):
                    guard parsed.isFor(eventID: eventID) else {
                        return try answer(.wrongEvent, ticketID: parsed.ticketID, detail: "not for \(eventTitle), this pack's event")
                    }
                    let found = try file.ticket(tag: parsed.ticketTag)
                    // A format-1 code names its whole id: the row must be that ticket.
                    if let id = found?.id, !parsed.isFor(ticketID: id) { return try answer(.unknown, ticketID: nil) }
                    known = found
                    tierTag = parsed.tierTag.first
                    if found == nil, unknown == .reject {
                        return try answer(.notInPack, ticketID: parsed.ticketID,
                                          detail: "sold after this gate's pack was made: send the guest to the box office or an online gate")
                    }
                }
                let tag = known?.tag ?? (prepared.reading.ticketTag ?? [])
                let ticketID = known?.id ?? prepared.reading.ticketID
                let tierName = try known?.tierName ?? file.tierName(tag: tierTag ?? 0) ?? ""
                let attendee = known?.attendeeName ?? ""
                let state = DoorTicketState(
                    status: known.flatMap { TicketStatus(rawValue: $0.status) } ?? .valid,
                    holdExpiresAt: known?.holdExpiresAt,
                    admission: !(known.map { $0.addon == true } ?? addonTags.contains(tierTag ?? 0)),
                    voidReason: known?.voidReason)
                let (reason, detail) = DoorRules.judge(state, now: now)
                func view(_ status: TicketStatus) -> ScanAnswer.TicketView {
                    .init(id: ticketID ?? "", status: status.rawValue, attendeeName: attendee, tier: tierName, eventID: eventID)
                }
                switch reason {
                case .ok:
                    try file.markUsed(tag: tag, id: ticketID, at: now, gate: gate)
                    return try answer(.ok, ticketID: ticketID, view: view(.used), warning: known == nil ? ScanReason.notInPack.rawValue : nil)
                case .alreadyUsed:
                    let first = known?.usedAt.map { ScanAnswer.FirstScan(at: Date(epochSeconds: $0), gate: known?.usedGate ?? "") }
                    return try answer(.alreadyUsed, ticketID: ticketID, view: view(.used), first: first)
                case .void: return try answer(.void, ticketID: ticketID, view: view(.void), detail: detail)
                default: return try answer(reason, ticketID: ticketID, view: view(state.status), detail: detail)
                }
            }
        } catch let error as SQLiteError {
            throw BilletterieError.cannotCreate(path: path, reason: "the pack cannot record the scan: \(error.message)")
        }
    }

    /// What `merge` reports.
    public struct MergeReport: Sendable, Encodable {
        public struct Admission: Sendable, Encodable {
            public let at: Date
            public let gate: String
        }
        public struct Double: Sendable, Encodable {
            public let ticket: String
            public let admissions: [Admission]
        }
        /// A pack (scan nil) or one of its scans that was not imported, and why.
        public struct Refusal: Sendable, Encodable {
            public let pack: String
            public let scan: String?
            public let reason: String
        }
        /// An admission, brought in by this merge, of a ticket that could not come in then.
        public struct Invalid: Sendable, Encodable {
            public let ticket: String
            public let at: Date
            public let gate: String
            public let why: String
        }
        public let imported: Int
        public let doubleAdmissions: [Double]
        public let invalidAdmissions: [Invalid]
        public let refused: [Refusal]
        enum CodingKeys: String, CodingKey { case imported, refused, doubleAdmissions = "double_admissions", invalidAdmissions = "invalid_admissions" }
    }

    /// Brings packs' scans into the store, each once however often it is merged, and lists
    /// every ticket now admitted more than once (across gates and the online door). Nothing
    /// in a pack is believed: the file is opened defensively and must have exactly the
    /// schema billetterie writes, the pack must be of this store, and every scan is checked
    /// against the store (its ticket of the pack's event, an admission's code or reference
    /// being that ticket's, its time within the pack's life). What fails is listed under
    /// `refused` and not imported; scans get the store's own ids, so no id in a pack can
    /// collide with one in the store.
    public static func merge(paths: [String], store: Store, actor: User, now: Date) throws -> MergeReport {
        var refused: [MergeReport.Refusal] = []
        var packs: [GatePack] = []
        for path in paths {
            guard FileManager.default.fileExists(atPath: path) else { throw BilletterieError.cannotOpen(path: path, reason: "no such gate pack") }
            do {
                packs.append(try GatePack(file: PackFile.openForMerge(path: path)))
            } catch let refusal as PackFile.PackRefusal {
                refused.append(.init(pack: path, scan: nil, reason: refusal.reason))
            } catch let error as BilletterieError {
                refused.append(.init(pack: path, scan: nil, reason: error.message))
            } catch let error as SQLiteError {
                refused.append(.init(pack: path, scan: nil, reason: "not readable as a gate pack: \(error.message)"))
            }
        }
        let catalogue = Catalogue(store: store, now: now)
        let storeID = try store.settingValue("store_id") ?? ""
        var events: [String] = []
        var believed: [GatePack] = []
        for pack in packs {
            let event = try catalogue.event(pack.eventID, viewer: actor)
            try Access.requireManages(event, actor, action: "merging gate packs")
            if try pack.file.meta()["store_id"] != storeID {
                refused.append(.init(pack: pack.path, scan: nil, reason: "made by another box office's store"))
                continue
            }
            if try pack.file.scanCount() > PackFile.largestScanCount {
                refused.append(.init(pack: pack.path, scan: nil, reason: "holds more scans than a gate makes (\(PackFile.largestScanCount))"))
                continue
            }
            believed.append(pack)
            if !events.contains(event.id) { events.append(event.id) }
        }
        var imported = 0
        var invalid: [MergeReport.Invalid] = []
        try store.write {
            for pack in believed {
                let namespace = (try pack.file.meta()["reference_salt"]).flatMap { $0.isEmpty ? nil : $0 } ?? String(pack.madeAt.epochSeconds)
                for scan in try pack.file.scans() {
                    let key = namespace + ":" + scan.id
                    guard try !store.isPackScanImported(key) else { continue }
                    switch try pack.check(scan, store: store, now: now) {
                    case .failure(let refusal):
                        refused.append(.init(pack: pack.path, scan: String(scan.id.prefix(40)), reason: refusal.reason))
                    case .success(let (accepted, reason, ticketID)):
                        try store.insertScan(ScanRecord(id: Identifier.make(.scan), ticketID: ticketID, eventID: pack.eventID, gate: scan.gate,
                                                        operatorID: nil, accepted: accepted, reason: reason, scanned: scan.scanned,
                                                        at: Date(epochSeconds: scan.at), source: "pack", packScanID: key))
                        if accepted, let ticketID {
                            if let why = try store.admissionProblem(ticketID: ticketID, at: Date(epochSeconds: scan.at)) {
                                invalid.append(.init(ticket: ticketID, at: Date(epochSeconds: scan.at), gate: scan.gate, why: why))
                            }
                            try store.markTicketUsedIfValid(id: ticketID, now: now)
                        }
                        imported += 1
                    }
                }
            }
            try store.recordEvent("gate_pack.merged", subject: nil, actor: actor.id,
                                  data: ["files": paths.joined(separator: ","), "imported": String(imported), "refused": String(refused.count)], at: now)
        }
        let doubles = try events.flatMap { id in try store.read { try store.doubleAdmissions(eventID: id) } }.map { entry in
            MergeReport.Double(ticket: entry.ticketID, admissions: entry.admissions.map { .init(at: $0.at, gate: $0.gate) })
        }
        return MergeReport(imported: imported, doubleAdmissions: doubles, invalidAdmissions: invalid, refused: refused)
    }

    /// How far a gate's clock may be from the box office's when its scans are merged.
    static let clockSkew: TimeInterval = 15 * 60

    /// One scan of the pack, checked against the store: what to import, or why not.
    func check(_ scan: PackFile.ScanRow, store: Store, now: Date)
        throws -> Result<(accepted: Bool, reason: ScanReason, ticketID: String?), PackFile.PackRefusal> {
        func no(_ why: String) -> Result<(accepted: Bool, reason: ScanReason, ticketID: String?), PackFile.PackRefusal> { .failure(.init(why)) }
        guard scan.result == "accepted" || scan.result == "rejected", let reason = ScanReason(rawValue: scan.reason),
              (scan.result == "accepted") == (reason == .ok)
        else { return no("its result is not one a gate gives") }
        // A gate laptop's clock may be a little off the box office's: 15 minutes either way.
        let skew = Int64(Self.clockSkew)
        guard scan.at >= madeAt.epochSeconds - skew, scan.at <= now.epochSeconds + skew else {
            return no("its time is outside the pack's life (made \(TimeText.utc(madeAt)), merged \(TimeText.utc(now)))")
        }
        guard scan.gate.utf8.count <= 200, FreeText.firstControl(in: scan.gate) == nil, scan.scanned.utf8.count <= Door.keptScanLength else {
            return no("its gate or scanned text is not as a gate writes it")
        }
        let accepted = reason == .ok
        // The ticket the scan names, or (an admission of a ticket sold after the pack) the one
        // its code or reference names.
        var ticket = try scan.ticketID.flatMap { try store.doorTicket(id: $0) }
        if scan.ticketID != nil, ticket == nil { return no("it names a ticket this store does not have") }
        if accepted {
            let byCode = try store.doorTicket(code: scan.scanned)
            let byReference: DoorTicket? = if case .reference(let reference) = TicketReference.read(scan.scanned) {
                try store.doorTicket(reference: reference)
            } else { nil }
            guard let named = byCode ?? byReference else { return no("an admission whose code is no ticket's") }
            if let ticket, ticket.id != named.id { return no("an admission whose code is not that ticket's code") }
            ticket = named
        }
        if let ticket, ticket.eventID != eventID { return no("its ticket is not of the pack's event") }
        return .success((accepted, reason, ticket?.id))
    }
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

import Foundation

extension GatePack {
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
        enum CodingKeys: String, CodingKey {
            case imported, refused
            case doubleAdmissions = "double_admissions"
            case invalidAdmissions = "invalid_admissions"
        }
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
        let storeKeys = try store.publicKeys()
        for path in paths {
            guard FileManager.default.fileExists(atPath: path) else { throw BilletterieError.cannotOpen(path: path, reason: "no such gate pack") }
            do {
                packs.append(try GatePack(file: PackFile.openForMerge(path: path), trusting: storeKeys))
            } catch let refusal as PackFile.PackRefusal {
                refused.append(.init(pack: path, scan: nil, reason: refusal.reason))
            } catch let error as BilletterieError {
                refused.append(.init(pack: path, scan: nil, reason: error.message.replacingOccurrences(of: "\(path) is ", with: "")))
            } catch let error as DatabaseError {
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
            if pack.storeID != storeID {
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
        try store.write { tx in
            // Each event's tickets are read once, not looked up scan by scan: a merge brings
            // hundreds of thousands of scans (Docs/benchmarks.md).
            var indexes: [String: MergeIndex] = [:]
            for pack in believed {
                if indexes[pack.eventID] == nil { indexes[pack.eventID] = MergeIndex(try store.mergeTickets(eventID: pack.eventID)) }
                // Scan ids are the gate's: kept under the pack's id, so no pack can collide with another's.
                let namespace = pack.packID + ":"
                var done = try store.importedPackScanIDs(prefix: namespace)
                for scan in try pack.file.scans() {
                    let key = namespace + scan.id
                    guard !done.contains(key) else { continue }
                    switch try pack.check(scan, index: indexes[pack.eventID]!, store: store, now: now) {
                    case .failure(let refusal):
                        refused.append(.init(pack: pack.path, scan: String(scan.id.prefix(40)), reason: refusal.reason))
                    case .success(let (accepted, reason, ticketID, direction)):
                        try tx.insertScan(
                            ScanRecord(
                                id: Identifier.make(.scan), ticketID: ticketID, eventID: pack.eventID, gate: scan.gate,
                                operatorID: nil, accepted: accepted, reason: reason, scanned: scan.scanned,
                                at: Date(epochSeconds: scan.at), source: "pack", packScanID: key, list: pack.list.name, direction: direction))
                        done.insert(key)
                        if accepted, direction == .entry, let ticketID, let ticket = indexes[pack.eventID]!.byID[ticketID] {
                            if let why = Self.admissionProblem(ticket, at: scan.at) {
                                invalid.append(.init(ticket: ticketID, at: Date(epochSeconds: scan.at), gate: scan.gate, why: why))
                            }
                            if ticket.status == "valid" {
                                try tx.markTicketUsedIfValid(id: ticketID, now: now)
                                indexes[pack.eventID]!.byID[ticketID]!.status = "used"
                            }
                        }
                        imported += 1
                    }
                }
            }
            try tx.recordEvent(
                .gatePackMerged, subject: nil, actor: actor.id,
                data: ["files": paths.joined(separator: ","), "imported": String(imported), "refused": String(refused.count)], at: now)
        }
        let doubles = try events.flatMap { id in
            let lists = try store.checkinLists(eventID: id) + [CheckinList.main(eventID: id)]
            return try store.read { try store.doubleAdmissions(eventID: id, lists: lists) }
        }.map { entry in
            MergeReport.Double(ticket: entry.ticketID, admissions: entry.admissions.map { .init(at: $0.at, gate: $0.gate) })
        }
        return MergeReport(imported: imported, doubleAdmissions: doubles, invalidAdmissions: invalid, refused: refused)
    }

    /// How far a gate's clock may be from the box office's when its scans are merged.
    static let clockSkew: TimeInterval = 15 * 60

    /// An event's tickets as merge checks scans against them.
    struct MergeIndex {
        var byID: [String: MergeTicket]
        let byCode: [String: String]
        let byReference: [String: String]

        init(_ tickets: [MergeTicket]) {
            var byID: [String: MergeTicket] = [:]
            var byCode: [String: String] = [:]
            var byReference: [String: String] = [:]
            byID.reserveCapacity(tickets.count)
            byCode.reserveCapacity(tickets.count)
            byReference.reserveCapacity(tickets.count)
            for ticket in tickets {
                byID[ticket.id] = ticket
                byCode[ticket.code] = ticket.id
                if let reference = ticket.reference { byReference[reference] = ticket.id }
            }
            self.byID = byID
            self.byCode = byCode
            self.byReference = byReference
        }
    }

    /// Whether a ticket could come in at `at` (epoch seconds): nil if it could, else why not
    /// (void, unpaid, replaced by a transfer), judged from its state now and when that state
    /// last changed.
    static func admissionProblem(_ ticket: MergeTicket, at: Int64) -> String? {
        switch ticket.status {
        case "void" where ticket.updatedAt <= at:
            return ticket.replacedBy != nil ? "replaced by a transfer before it was scanned" : "void (\(ticket.voidReason ?? "void")) when scanned"
        case "pending":
            return "not paid when scanned"
        default:
            return nil
        }
    }

    /// One scan of the pack, checked against the store (the event's tickets in `index`):
    /// what to import, or why not.
    func check(_ scan: PackFile.ScanRow, index: MergeIndex, store: Store, now: Date)
        throws -> Result<(accepted: Bool, reason: ScanReason, ticketID: String?, direction: ScanDirection), PackFile.PackRefusal>
    {
        func no(_ why: String) -> Result<(accepted: Bool, reason: ScanReason, ticketID: String?, direction: ScanDirection), PackFile.PackRefusal> {
            .failure(.init(why))
        }
        guard scan.result == "accepted" || scan.result == "rejected", let reason = ScanReason(rawValue: scan.reason),
            (scan.result == "accepted") == (reason == .ok)
        else { return no("its result is not one a gate gives") }
        guard let direction = ScanDirection(rawValue: scan.direction) else { return no("it is neither an entry nor an exit") }
        // A gate laptop's clock may be a little off the box office's: 15 minutes either way.
        let skew = Int64(Self.clockSkew)
        guard scan.at >= madeAt.epochSeconds - skew, scan.at <= now.epochSeconds + skew else {
            return no("its time is outside the pack's life (made \(TimeText.utc(madeAt)), merged \(TimeText.utc(now)))")
        }
        guard scan.gate.utf8.count <= 200, FreeText.firstControl(in: scan.gate) == nil, scan.scanned.utf8.count <= Door.keptScanLength else {
            return no("its gate or scanned text is not as a gate writes it")
        }
        // The ticket the scan names, or (an admission of a ticket sold after the pack) the one
        // its code or reference names; a ticket of another event is in no index of this one.
        var ticketID: String?
        if let named = scan.ticketID {
            guard index.byID[named] != nil else {
                return no(try store.ticketExists(id: named) ? "its ticket is not of the pack's event" : "it names a ticket this store does not have")
            }
            ticketID = named
        }
        if reason == .ok {
            let byReference: String? = if case .reference(let reference) = TicketReference.read(scan.scanned) { index.byReference[reference] } else { nil }
            guard let named = index.byCode[scan.scanned] ?? byReference else {
                return no(try store.ticketExists(code: scan.scanned) ? "its ticket is not of the pack's event" : "an admission whose code is no ticket's")
            }
            if let ticketID, ticketID != named { return no("an admission whose code is not that ticket's code") }
            ticketID = named
        }
        return .success((reason == .ok, reason, ticketID, direction))
    }
}

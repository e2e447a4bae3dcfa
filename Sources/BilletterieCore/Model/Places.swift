import Foundation

/// Places a voucher keeps for its own sales (`voucher create --block N`, a waiting-list
/// offer): counted as held in each tier it is for and, when one of them admits, in the
/// event's capacity, until the voucher's own tickets take them or the voucher ends.
public struct VoucherBlock: Sendable, Equatable {
    public let voucherID: String
    public let tierIDs: Set<String>
    /// Places still kept: the block less the voucher's tickets holding a place now.
    public let remaining: Int
}

/// Everything that holds places of one event at one moment, counted inside the write that
/// takes more (or read for a listing). `taken` has the tiers that were counted.
public struct PlaceCounts: Sendable, Equatable {
    /// Per tier: tickets that hold a place now (paid, or on a hold that has not run out).
    public var taken: [String: Int]
    /// Of those, paid (valid or used), for `sold`; only where availability is shown.
    public var sold: [String: Int] = [:]
    /// Admission tickets of the event that hold a place now.
    public var admissions: Int
    public var blocks: [VoucherBlock]

    /// Places of `tier` kept by blocks other than `voucher`'s.
    func blocked(_ tier: String, except voucher: String? = nil) -> Int {
        blocks.reduce(0) { $0 + ($1.voucherID != voucher && $1.tierIDs.contains(tier) ? $1.remaining : 0) }
    }

    /// Places of the capacity kept by blocks (those for an admission tier) other than `voucher`'s.
    func blockedAdmissions(_ admissionTiers: Set<String>, except voucher: String? = nil) -> Int {
        blocks.reduce(0) { $0 + ($1.voucherID != voucher && !$1.tierIDs.isDisjoint(with: admissionTiers) ? $1.remaining : 0) }
    }

    /// After a sale of `lines`: the counts a later check in the same write sees (imports).
    mutating func take(_ lines: [OrderLine]) {
        for line in lines {
            taken[line.tier.id, default: 0] += line.quantity
            if !line.tier.addon { admissions += line.quantity }
        }
    }
}

/// One tier and how many of it an order holds.
public struct OrderLine: Sendable, Equatable {
    public let tier: Tier
    public var quantity: Int
}

/// The one rule of places (CLI.md sections 4 and 13): a tier's quota bounds its tickets, the
/// event's capacity bounds its admission tickets, and places a voucher keeps count as held
/// for everyone but that voucher. Reserving, selling at the counter, importing, making a
/// blocking voucher and offering places to the waiting list all ask it, inside the write
/// that takes the places, so no interleaving of tills can pass a limit.
public enum Places {
    /// Refuses (exit 4, `sold_out`) unless, after `lines` are taken (with `voucher` using
    /// `uses` of its block) and `newBlock` is kept, every quota and the capacity still hold.
    public static func check(
        _ lines: [OrderLine], event: Event, tiers: [Tier], counts: PlaceCounts, voucher: (id: String, uses: Int)? = nil,
        newBlock: VoucherBlock? = nil
    ) throws {
        let own = voucher.flatMap { v in counts.blocks.first { $0.voucherID == v.id }.map { (block: $0, uses: v.uses) } }
        /// What the voucher's own block still keeps once this order's tickets use it.
        func ownAfter(covering covers: (VoucherBlock) -> Bool) -> Int {
            guard let own, covers(own.block) else { return 0 }
            return max(0, own.block.remaining - own.uses)
        }
        let admissionTiers = Set(tiers.filter { !$0.addon }.map(\.id))
        var affected = lines.map(\.tier)
        for tier in tiers where newBlock?.tierIDs.contains(tier.id) == true && !affected.contains(tier) { affected.append(tier) }
        for tier in affected {
            guard let quota = tier.quota else { continue }
            let asked = lines.filter { $0.tier.id == tier.id }.reduce(0) { $0 + $1.quantity }
            let kept = counts.blocked(tier.id, except: own?.block.voucherID)
            let after =
                counts.taken[tier.id, default: 0] + asked + kept + ownAfter { $0.tierIDs.contains(tier.id) }
                + (newBlock?.tierIDs.contains(tier.id) == true ? newBlock!.remaining : 0)
            if after > quota {
                let left = max(0, quota - counts.taken[tier.id, default: 0] - kept)
                throw BilletterieError.conflict(
                    code: "sold_out", message: "sold out: \(tier.name) has \(left) left of \(quota); \(asked == 0 ? newBlock!.remaining : asked) asked")
            }
        }
        let admitting = lines.filter { !$0.tier.addon }.reduce(0) { $0 + $1.quantity }
        let newAdmitting = newBlock.map { $0.tierIDs.isDisjoint(with: admissionTiers) ? 0 : $0.remaining } ?? 0
        if let capacity = event.capacity, admitting + newAdmitting > 0 {
            let kept = counts.blockedAdmissions(admissionTiers, except: own?.block.voucherID)
            let after = counts.admissions + admitting + newAdmitting + kept + ownAfter { !$0.tierIDs.isDisjoint(with: admissionTiers) }
            if after > capacity {
                let left = max(0, capacity - counts.admissions - kept)
                throw BilletterieError.conflict(
                    code: "sold_out", message: "sold out: '\(event.slug)' has \(left) places left of \(capacity); \(admitting + newAdmitting) asked")
            }
        }
    }

    /// What a buyer without a voucher can still get of `tier` (nil when nothing limits it).
    public static func available(_ tier: Tier, event: Event, tiers: [Tier], counts: PlaceCounts) -> Int? {
        var left: Int?
        if let quota = tier.quota { left = max(0, quota - counts.taken[tier.id, default: 0] - counts.blocked(tier.id)) }
        if !tier.addon, let places = eventAvailable(event, tiers: tiers, counts: counts) { left = min(left ?? places, places) }
        return left
    }

    /// Admission places left in the event: its capacity less what is taken and kept (nil
    /// without a capacity, unless every admission tier has a quota: then their sum).
    public static func eventAvailable(_ event: Event, tiers: [Tier], counts: PlaceCounts) -> Int? {
        let admissionTiers = Set(tiers.filter { !$0.addon }.map(\.id))
        if let capacity = event.capacity {
            return max(0, capacity - counts.admissions - counts.blockedAdmissions(admissionTiers))
        }
        let admitting = tiers.filter { !$0.addon }
        guard !admitting.isEmpty, admitting.allSatisfy({ $0.quota != nil }) else { return nil }
        return admitting.reduce(0) { sum, tier in sum + max(0, tier.quota! - counts.taken[tier.id, default: 0] - counts.blocked(tier.id)) }
    }

    /// `sold`, `held` and `available` of each tier, for `event show` and `event tier list`.
    public static func availability(of tiers: [Tier], event: Event, counts: PlaceCounts) -> [Tier] {
        tiers.map { tier in
            var shown = tier
            let sold = counts.sold[tier.id, default: 0]
            let held = counts.taken[tier.id, default: 0] - sold + counts.blocked(tier.id)
            shown.availability = TierAvailability(sold: sold, held: held, available: available(tier, event: event, tiers: tiers, counts: counts))
            return shown
        }
    }
}

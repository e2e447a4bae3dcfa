import Foundation

/// SplitMix64: a small generator whose runs a seed repeats, for both test targets.
public struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }

    /// $BILLETTERIE_TEST_SEED, else a new seed; printed, so a failing run can be repeated.
    public static func printed(_ test: String) -> SeededGenerator {
        let seed = UInt64(ProcessInfo.processInfo.environment["BILLETTERIE_TEST_SEED"] ?? "") ?? UInt64.random(in: 1...UInt64.max)
        print("\(test): seed \(seed) (repeat with BILLETTERIE_TEST_SEED=\(seed))")
        return SeededGenerator(seed: seed)
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

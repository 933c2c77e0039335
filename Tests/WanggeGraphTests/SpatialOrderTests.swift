import Testing
@testable import WanggeGraph

@Suite struct SpatialOrderTests {
    /// The radix order is the stable sort by key (equal keys in index order), for 32- and 64-bit keys,
    /// with digits all keys share (skipped passes) and without, in one range and in several ranges.
    @Test(arguments: [1, 7, 1 << 30])
    func radixOrderIsTheStableSortByKey(parallelFrom: Int) {
        var g = SeededGenerator(seed: 17)
        for n in [0, 1, 2, 5, 1000, 20_000] {
            // Few distinct keys (many ties), keys spread over all bits, and keys sharing high digits.
            let narrow = (0..<n).map { _ in UInt32.random(in: 0..<40, using: &g) }
            let wide = (0..<n).map { _ in UInt64.random(in: 0...UInt64.max, using: &g) }
            let shared = (0..<n).map { _ in 0xABCD_0000_0000_0000 | UInt64.random(in: 0..<1000, using: &g) << 16 }
            #expect(radixOrder(narrow, parallelFrom: parallelFrom) == Self.stableOrder(narrow))
            #expect(radixOrder(wide, parallelFrom: parallelFrom) == Self.stableOrder(wide))
            #expect(radixOrder(shared, parallelFrom: parallelFrom) == Self.stableOrder(shared))
        }
    }

    static func stableOrder<K: Comparable>(_ keys: [K]) -> [Int32] {
        (0..<Int32(keys.count)).sorted { keys[Int($0)] < keys[Int($1)] || (keys[Int($0)] == keys[Int($1)] && $0 < $1) }
    }
}

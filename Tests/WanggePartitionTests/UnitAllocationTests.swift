import Testing
import WanggeModel
@testable import WanggePartition

/// The share of districts per unit minimises the worst district deviation (checked by brute force).
@Suite struct UnitAllocationTests {
    static func worst(_ alloc: [Int], _ loads: [Double], _ t: Double) -> Double {
        zip(alloc, loads).map { abs($1 / (Double($0) * t) - 1) }.max() ?? 0
    }

    /// Every allocation with 1 ≤ aᵢ ≤ sizeᵢ and Σ aᵢ = k.
    static func all(_ sizes: [Int], _ k: Int) -> [[Int]] {
        guard let first = sizes.first else { return k == 0 ? [[]] : [] }
        var out: [[Int]] = []
        for a in 1...max(1, min(first, k)) where a <= k {
            for rest in all(Array(sizes.dropFirst()), k - a) { out.append([a] + rest) }
        }
        return out
    }

    @Test func matchesTheBestAllocationOnRandomUnits() {
        var rng = SplitMix64(seed: 42)
        for _ in 0..<300 {
            let n = 1 + Int(rng.next() % 4)
            let loads = (0..<n).map { _ in 0.2 + rng.unit() * 3 }
            let sizes = (0..<n).map { _ in 1 + Int(rng.next() % 5) }
            let k = n + Int(rng.next() % 4)
            let candidates = Self.all(sizes, k)
            guard !candidates.isEmpty else { continue }
            let t = loads.reduce(0, +) / Double(k)
            let alloc = UnitAllocation.minMax(loads: loads, sizes: sizes, k: k, target: t)
            #expect(alloc.reduce(0, +) == k)
            #expect(zip(alloc, sizes).allSatisfy { $0 >= 1 && $0 <= $1 })
            let best = candidates.map { Self.worst($0, loads, t) }.min()!
            #expect(Self.worst(alloc, loads, t) <= best + 1e-9, "loads \(loads) sizes \(sizes) k \(k): \(alloc)")
        }
    }

    @Test func aUnitOfOneAndAHalfDistrictsGetsTwoWhenThatIsBetter() {
        // Loads in units of T, k = 5. Largest remainder: floors [1, 2, 1], the spare to 2.59 (remainder
        // .59 > .58) → [1, 3, 1], worst +58% (1.58 in one district). Min-max: [1, 2, 2], worst −43% (0.57).
        let alloc = UnitAllocation.minMax(loads: [0.57, 2.59, 1.58], sizes: [10, 10, 10], k: 5, target: 1)
        #expect(alloc == [1, 2, 2])
        #expect(abs(Self.worst(alloc, [0.57, 2.59, 1.58], 1) - 0.43) < 1e-9)
    }
}

import Testing
import PropertyBased
import WanggeModel
@testable import WanggeLink

/// The transportation solver against brute force on tiny instances, and its dual prices.
@Suite struct TransportationTests {
    struct RNG {
        var state: UInt64
        init(_ seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    /// Every way to put each item in a bin or leave it out; the best by (unplaced, lower bounds
    /// missed, cost).
    static func brute(_ t: Transportation) -> (Int, Int, Int64) {
        var best = (Int.max, Int.max, Int64.max)
        var choice = [Int](repeating: 0, count: t.items)
        let options = t.bins + 1
        var total = 1
        for _ in 0..<t.items { total *= options }
        for code in 0..<total {
            var c = code
            for i in 0..<t.items { choice[i] = c % options; c /= options }
            var load = [Int](repeating: 0, count: t.bins)
            var cost: Int64 = 0, unplaced = 0, ok = true
            for i in 0..<t.items {
                let b = choice[i]
                if b == t.bins { unplaced += 1; continue }
                let v = t.cost[b * t.items + i]
                if v >= Transportation.forbidden { ok = false; break }
                cost += v; load[b] += 1
            }
            guard ok, (0..<t.bins).allSatisfy({ load[$0] <= t.upper[$0] }) else { continue }
            let short = (0..<t.bins).reduce(0) { $0 + max(0, t.lower[$1] - load[$1]) }
            let s = (unplaced, short, cost)
            if s < best { best = s }
        }
        return best
    }

    static func instance(_ seed: UInt64, forbidden: Bool) -> Transportation {
        var r = RNG(seed)
        let m = 1 + r.int(3), n = 2 + r.int(5)
        let cost = (0..<(m * n)).map { _ -> Int64 in forbidden && r.int(5) == 0 ? Transportation.forbidden : Int64(r.int(100)) }
        let lower = (0..<m).map { _ in r.int(3) }
        let upper = lower.map { $0 + r.int(3) }
        return Transportation(bins: m, items: n, cost: cost, lower: lower, upper: upper)
    }

    @Test func optimalAgainstBruteForce() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...1_000_000)) { seed in
            let t = Self.instance(UInt64(seed), forbidden: seed % 2 == 0)
            let s = t.solve()
            let b = Self.brute(t)
            #expect((s.unplaced, s.shortfall, s.cost) == b, "seed \(seed)")
            // The solution is what it says: loads, bounds, costs.
            var load = [Int](repeating: 0, count: t.bins)
            var cost: Int64 = 0
            for i in 0..<t.items where s.owner[i] >= 0 { load[Int(s.owner[i])] += 1; cost += t.cost[Int(s.owner[i]) * t.items + i] }
            #expect(load == s.load && cost == s.cost && zip(load, t.upper).allSatisfy { $0 <= $1 })
        }
    }

    /// The duals price the optimum exactly (LP duality of the transportation problem).
    @Test func dualsGiveTheOptimumAsLagrangianBound() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...1_000_000)) { seed in
            let t = Self.instance(UInt64(seed), forbidden: false)
            let s = t.solve()
            guard let duals = s.duals else { #expect(s.unplaced > 0 || s.shortfall > 0); return }
            let value = t.lagrangian(duals, unbounded: [Bool](repeating: false, count: t.bins))
            #expect(value == s.cost, "seed \(seed): bound \(String(describing: value)) vs optimum \(s.cost)")
        }
    }

    @Test func assignmentIsExact() async {
        await propertyCheck(count: 100, input: Gen.int(in: 0...1_000_000)) { seed in
            var r = RNG(UInt64(seed))
            let rows = 1 + r.int(4), cols = rows + r.int(3)
            let cost = (0..<(rows * cols)).map { _ in Double(r.int(50)) }
            let pick = Assignment.solve(rows: rows, columns: cols, cost: cost)
            #expect(Set(pick).count == rows)
            let got = (0..<rows).reduce(0.0) { $0 + cost[$1 * cols + pick[$1]] }
            var best = Double.infinity
            func go(_ row: Int, _ used: Set<Int>, _ sum: Double) {
                if row == rows { best = min(best, sum); return }
                for c in 0..<cols where !used.contains(c) { go(row + 1, used.union([c]), sum + cost[row * cols + c]) }
            }
            go(0, [], 0)
            #expect(got == best)
        }
    }
}

import Testing
@testable import WanggeModel

/// `HouseholdTable.indices(in:)` gives exactly what a dictionary lookup of every id gives, for
/// updated tables in the same order (removals, newcomers appended or inserted, local swaps) and
/// for shuffled ones.
@Suite struct IdMatchingTests {
    static func table(_ ids: [String]) -> HouseholdTable {
        var t = HouseholdTable(sourceName: "t")
        var groups: [String: Int32] = [:], villages: [String: Int32] = [:]
        for id in ids { t.append(id: id, lon: 0, lat: 0, groupIndex: &groups, villageIndex: &villages) }
        return t
    }

    @Test func matchesADictionaryLookupOnEdits() {
        for seed: UInt64 in 0..<300 {
            var rng = SplitMix64(seed: seed)
            let n = 1 + Int(rng.next() % 300)
            let previous = (0..<n).map { "H\($0)" }
            var current: [String] = []
            var fresh = 0
            let mode = seed % 4
            for id in previous {
                let r = rng.next() % 100
                if r < 10 { continue }                                   // moved away
                if r < 15 { current.append("N\(fresh)"); fresh += 1 }    // newcomer in between
                current.append(id)
            }
            for _ in 0..<Int(rng.next() % 20) { current.append("N\(fresh)"); fresh += 1 }  // appended
            if mode == 1, current.count > 2 {                            // a few local swaps
                for _ in 0..<5 {
                    let i = Int(rng.next() % UInt64(current.count - 1))
                    current.swapAt(i, i + 1)
                }
            } else if mode == 2 {                                        // far moves
                for _ in 0..<3 where current.count > 1 {
                    let i = Int(rng.next() % UInt64(current.count)), j = Int(rng.next() % UInt64(current.count))
                    current.swapAt(i, j)
                }
            } else if mode == 3 {
                current.shuffle(using: &rng)
            }
            let p = Self.table(previous), c = Self.table(current)
            let map = p.indexById()
            let expected = current.map { map[$0] ?? -1 }
            #expect(c.indices(in: p) == expected, "seed \(seed), mode \(mode)")
            #expect(c.indices(in: p, window: 1) == expected, "seed \(seed), mode \(mode), window 1")
        }
    }

    @Test func emptyTablesMatchNothing() {
        #expect(Self.table([]).indices(in: Self.table(["a"])) == [])
        #expect(Self.table(["a", "b"]).indices(in: Self.table([])) == [-1, -1])
    }
}

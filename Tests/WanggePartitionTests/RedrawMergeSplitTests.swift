import Testing
import WanggeModel
@testable import WanggePartition

/// The redraw's re-splits: judged by (load outside the band, load moved from home), they only
/// ever improve that pair, keep every district connected and leave closed districts alone.
@Suite struct RedrawMergeSplitTests {
    /// Six districts over 40 work groups, balanced within ±10%: each group's home is where it is;
    /// district 0 is closed.
    static func balancedHome(seed: UInt64) -> (Refiner, RetentionCost)? {
        let g = MergeSplitTests.groupGraph(clusteredSites(households: 400, groups: 40, seed: seed))
        guard var r = MergeSplitTests.bandedStart(g, k: 6, target: 400.0 / 6, seed: seed) else { return nil }
        r.home = r.part
        r.homeCost = 1
        r.closed = (0..<6).map { $0 == 0 }
        return (r, RetentionCost(homeLoad: g.load))
    }

    @Test func resplitsBringDisplacedGroupsHomeWithoutLosingBalance() {
        var improved = 0
        for seed: UInt64 in 1...4 {
            // The balanced plan is "home"; then a few connected boundary moves displace groups.
            guard let start = Self.balancedHome(seed: seed) else { continue }
            var r = start.0
            let retention = start.1, g = r.g, k = r.k
            var rng = SplitMix64(seed: seed &+ 99)
            var displaced = 0
            for _ in 0..<200 where displaced < 6 {
                let v = Int(rng.next() % UInt64(g.count)), a = Int(r.part[v])
                guard a != 0 else { continue }
                guard let b = g.neighbourRange(v).map({ Int(r.part[Int(g.adj[$0])]) }).first(where: { $0 != a && $0 != 0 }),
                      r.removable(v) else { continue }
                r.move(v, to: b); displaced += 1
            }
            let before = r.redrawFigures(retention: retention)
            let closedBefore = (0..<g.count).filter { r.part[$0] == 0 }
            r.improveRedrawByMergeSplit(retention: retention)
            let after = r.redrawFigures(retention: retention)
            // Re-splits go by load outside the band, then load moved.
            func better(_ a: RedrawFigures, than b: RedrawFigures) -> Bool {
                abs(a.outside - b.outside) > 1e-9 ? a.outside < b.outside : a.moved < b.moved - 1e-9
            }
            #expect(!better(before, than: after), "seed \(seed): \(before) → \(after)")
            if better(after, than: before) { improved += 1 }
            #expect((0..<g.count).filter { r.part[$0] == 0 } == closedBefore)
            let pieces = Contiguity.piecesPerDistrict(offsets: g.offsets, adj: g.adj, part: r.part, k: k)
            #expect(pieces.allSatisfy { $0 == 1 })
        }
        #expect(improved >= 2, "re-splits improved \(improved) of 4 displaced plans")
    }

    /// Work groups piled into one district (newcomers, a displaced hamlet): the planned re-splits
    /// bring the plan back towards the band, keep contiguity and leave closed districts alone.
    @Test func plannedResplitsRestoreBalanceAfterAPileUp() {
        var balanced = 0
        for seed: UInt64 in 1...4 {
            guard let start = Self.balancedHome(seed: seed) else { continue }
            var r = start.0
            let retention = start.1, g = r.g, k = r.k
            // District 1 swallows neighbouring groups while it stays connected.
            var grown = true
            while grown && r.loads[1] < 1.3 * r.target {
                grown = false
                for v in 0..<g.count where r.part[v] != 1 && r.part[v] != 0 && r.touches(v, 1) && r.removable(v) {
                    r.move(v, to: 1); grown = true; break
                }
            }
            let before = r.redrawFigures(retention: retention)
            #expect(before.outside > 0)
            let closedBefore = (0..<g.count).filter { r.part[$0] == 0 }
            r.balanceByPlannedResplits(retention: retention)
            let after = r.redrawFigures(retention: retention)
            #expect(after.outside < before.outside, "seed \(seed): \(before) → \(after)")
            if after.outside <= 1e-9 { balanced += 1 }
            #expect((0..<g.count).filter { r.part[$0] == 0 } == closedBefore)
            let pieces = Contiguity.piecesPerDistrict(offsets: g.offsets, adj: g.adj, part: r.part, k: k)
            #expect(pieces.allSatisfy { $0 == 1 })
        }
        #expect(balanced >= 2, "\(balanced) of 4 piled-up plans back in the band")
    }
}

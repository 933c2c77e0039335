import Testing
import WanggeModel
@testable import WanggePartition

/// The redraw's re-splits: judged by (load outside the band, load moved from home), they only
/// ever improve that pair, keep every district connected and leave closed districts alone.
@Suite struct RedrawMergeSplitTests {
    /// Six districts over 40 work groups, balanced within ±10%: each group's home is where it is;
    /// district 0 is closed.
    /// A balanced plan (`balancedHome`) whose district 1 then swallows neighbouring groups, while it
    /// stays connected, up to 1.3 × target (newcomers, a displaced hamlet): the pile-up a balancing
    /// stage must undo. District 0 stays as it was (tests close it).
    static func pileUp(seed: UInt64) -> (Refiner, RetentionCost)? {
        guard let start = balancedHome(seed: seed) else { return nil }
        var r = start.0
        var grown = true
        while grown && r.loads[1] < 1.3 * r.target {
            grown = false
            for v in 0..<r.g.count where r.part[v] != 1 && r.part[v] != 0 && r.touches(v, 1) && r.removable(v) {
                r.move(v, to: 1); grown = true; break
            }
        }
        return (r, start.1)
    }

    /// Runs `stage` on a piled-up plan and checks it brings the plan towards the band, leaves
    /// district 0 alone and keeps every district connected; `balanced` when it ends in the band.
    static func checkRestored(_ start: Refiner, retention: RetentionCost, seed: UInt64,
                              by stage: (inout Refiner) -> Void) -> (refiner: Refiner, balanced: Bool) {
        var r = start
        let g = r.g
        let before = r.redrawFigures(retention: retention)
        #expect(before.outside > 0)
        let closedBefore = (0..<g.count).filter { r.part[$0] == 0 }
        stage(&r)
        let after = r.redrawFigures(retention: retention)
        #expect(after.outside < before.outside, "seed \(seed): \(before) → \(after)")
        #expect((0..<g.count).filter { r.part[$0] == 0 } == closedBefore)
        let pieces = Contiguity.piecesPerDistrict(offsets: g.offsets, adj: g.adj, part: r.part, k: r.k)
        #expect(pieces.allSatisfy { $0 == 1 })
        return (r, after.outside <= 1e-9)
    }

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
            guard let (r, retention) = Self.pileUp(seed: seed) else { continue }
            if Self.checkRestored(r, retention: retention, seed: seed, by: { $0.balanceByPlannedResplits(retention: retention) })
                .balanced { balanced += 1 }
        }
        #expect(balanced >= 2, "\(balanced) of 4 piled-up plans back in the band")
    }
}

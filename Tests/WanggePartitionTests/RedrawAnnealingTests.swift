import Testing
import WanggeModel
@testable import WanggePartition

/// The redraw's retention annealing (issue 12): whole atoms between neighbouring districts, the
/// households moved plus a growing penalty for load outside the band; the best plan seen is kept.
@Suite struct RedrawAnnealingTests {
    /// From a pile-up: back towards the band with whole groups, district 0 (closed) untouched,
    /// every district connected; the same seed gives the same plan.
    @Test func annealingRestoresBalanceAfterAPileUp() {
        var balanced = 0
        for seed: UInt64 in 1...4 {
            guard let (piled, retention) = RedrawMergeSplitTests.pileUp(seed: seed) else { continue }
            let stage = { (r: inout Refiner) in r.improveRetentionByAnnealing(retention: retention, seed: seed, iterations: 20_000) }
            let outcome = RedrawMergeSplitTests.checkRestored(piled, retention: retention, seed: seed, by: stage)
            if outcome.balanced { balanced += 1 }
            var again = piled
            stage(&again)
            #expect(again.part == outcome.refiner.part, "seed \(seed): same seed, same plan")
        }
        #expect(balanced >= 3, "\(balanced) of 4 piled-up plans back in the band")
    }

    /// Started from what the band flow reaches, the annealing never ends worse by DESIGN section 7's
    /// order (in the band first, then households moved), and a plan in the band stays in it.
    @Test func annealingOnlyImprovesOnItsStart() {
        for seed: UInt64 in 1...4 {
            guard let (piled, retention) = RedrawMergeSplitTests.pileUp(seed: seed) else { continue }
            var r = piled
            r.balanceByBandFlow(retention: retention)
            let before = r.redrawFigures(retention: retention)
            r.improveRetentionByAnnealing(retention: retention, seed: seed, iterations: 20_000)
            let after = r.redrawFigures(retention: retention)
            #expect(!before.better(than: after), "seed \(seed): \(before) → \(after)")
            if before.outside <= 1e-9 { #expect(after.outside <= 1e-9 && after.moved <= before.moved + 1e-9) }
            let pieces = Contiguity.piecesPerDistrict(offsets: r.g.offsets, adj: r.g.adj, part: r.part, k: r.k)
            #expect(pieces.allSatisfy { $0 == 1 })
        }
    }
}

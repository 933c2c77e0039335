import Testing
import WanggeModel
@testable import WanggePartition

/// Pair exchanges of the refiner: they only ever lower the cost, and keep the band and contiguity.
@Suite struct RefinerSwapTests {
    @Test(arguments: [UInt64(3), 4, 5])
    func exchangesLowerTheCostAndKeepBandAndContiguity(seed: UInt64) {
        let s = uniformSites(600, seed: seed)
        let n = s.x.count, k = 8
        let g = LevelGraph(offsets: s.offsets, adj: s.neighbours, edgeWeight: [Float](repeating: 1, count: s.neighbours.count),
                           load: s.load, cx: s.x, cy: s.y, mass: s.load,
                           relOffsets: [Int32](repeating: 0, count: n + 1), relAdj: [], relW: [])
        var rng = SplitMix64(seed: seed)
        var part = InitialPartition.bisect(g, parts: k, jitter: 0.6, rng: &rng)
        Contiguity.repair(g, part: &part, k: k)
        let target = Double(n) / Double(k)
        // A tight band (±1 site): single moves can hardly change anything, exchanges can.
        var r = Refiner(graph: g, part: part, k: k, target: target, lower: target - 1, upper: target + 1,
                        relationCost: 1, edgeCost: 0)
        r.balance(maxRounds: 200)
        r.balanceByPaths(maxPaths: 200)
        #expect(r.inBand)
        r.improve(maxRounds: 8)
        let before = dispersion(r)
        let wasInBand = r.inBand
        r.improveBySwaps(maxRounds: 4)
        let after = dispersion(r)
        #expect(after < before, "exchanges found nothing: \(before) → \(after)")
        #expect(r.inBand == wasInBand)
        let pieces = Contiguity.piecesPerDistrict(offsets: g.offsets, adj: g.adj, part: r.part, k: k)
        #expect(pieces.allSatisfy { $0 == 1 })
    }

    func dispersion(_ r: Refiner) -> Double {
        var d = 0.0
        for v in 0..<r.g.count {
            let a = Int(r.part[v]); let dx = r.g.cx[v] - r.sx[a] / r.mass[a], dy = r.g.cy[v] - r.sy[a] / r.mass[a]
            d += r.g.mass[v] * (dx * dx + dy * dy)
        }
        return d
    }
}

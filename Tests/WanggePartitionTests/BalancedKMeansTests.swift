import Testing
import WanggeModel
@testable import WanggePartition

/// The balanced k-means start of the coarsest graph, on its own (no graph edges needed).
@Suite struct BalancedKMeansTests {
    static func pointGraph(_ s: Sites) -> LevelGraph {
        let n = s.x.count
        return LevelGraph(offsets: [Int32](repeating: 0, count: n + 1), adj: [], edgeWeight: [], load: s.load,
                          cx: s.x, cy: s.y, mass: s.load, relOffsets: [Int32](repeating: 0, count: n + 1),
                          relAdj: [], relW: [])
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func balancedAndAsCompactAsCapacitatedKMeans(seed: UInt64) throws {
        let sites = clusteredSites(households: 2000, groups: 200, seed: seed)
        let g = Self.pointGraph(sites)
        let k = 12, target = 2000.0 / Double(k)
        var rng = SplitMix64(seed: seed)
        let part = try #require(BalancedKMeans.partition(g, parts: k, lower: 0.95 * target, upper: 1.05 * target, rng: &rng))
        #expect(part.count == g.count)
        var loads = [Double](repeating: 0, count: k), sx = loads, sy = loads
        for v in 0..<g.count { let d = Int(part[v]); loads[d] += 1; sx[d] += g.cx[v]; sy[d] += g.cy[v] }
        // Prices steer every district close to the band (the refiner closes the last gap).
        for d in 0..<k { #expect(abs(loads[d] - target) / target <= 0.10, "district \(d): \(loads[d])") }
        var dispersion = 0.0
        for v in 0..<g.count {
            let d = Int(part[v]); let dx = g.cx[v] - sx[d] / loads[d], dy = g.cy[v] - sy[d] / loads[d]
            dispersion += dx * dx + dy * dy
        }
        let reference = capacitatedKMeansDispersion(x: sites.x, y: sites.y, k: k)
        #expect(dispersion <= 1.10 * reference, "balanced k-means \(dispersion), capacitated k-means \(reference)")
        // Same stream, same start.
        var again = SplitMix64(seed: seed)
        #expect(BalancedKMeans.partition(g, parts: k, lower: 0.95 * target, upper: 1.05 * target, rng: &again) == part)
    }

    @Test func tooFewNodesGiveNoStart() {
        let g = Self.pointGraph(clusteredSites(households: 20, groups: 4, seed: 1))
        var rng = SplitMix64(seed: 1)
        #expect(BalancedKMeans.partition(g, parts: 21, lower: 0, upper: 10, rng: &rng) == nil)
    }
}

import Testing
import WanggePartition

/// A reference for compactness: capacitated k-means (Lloyd iterations where each assignment step
/// fills centres greedily by distance up to ⌈n/k⌉ sites), best of a few seeded starts.
func capacitatedKMeansDispersion(x: [Double], y: [Double], k: Int, starts: Int = 4) -> Double {
    let n = x.count, cap = (n + k - 1) / k
    var best = Double.infinity
    var rng = TestRNG(99)
    for _ in 0..<starts {
        var cx = (0..<k).map { _ in 0.0 }, cy = cx
        for c in 0..<k { let i = Int(rng.next() % UInt64(n)); cx[c] = x[i]; cy[c] = y[i] }
        var assign = [Int](repeating: 0, count: n)
        for _ in 0..<25 {
            var pairs: [(Double, Int32, Int32)] = []
            pairs.reserveCapacity(n * k)
            for i in 0..<n { for c in 0..<k { let dx = x[i] - cx[c], dy = y[i] - cy[c]; pairs.append((dx * dx + dy * dy, Int32(i), Int32(c))) } }
            pairs.sort { $0.0 < $1.0 }
            var filled = [Int](repeating: 0, count: k), done = [Bool](repeating: false, count: n)
            for (_, i, c) in pairs where !done[Int(i)] && filled[Int(c)] < cap {
                assign[Int(i)] = Int(c); done[Int(i)] = true; filled[Int(c)] += 1
            }
            var sx = [Double](repeating: 0, count: k), sy = sx, cnt = sx
            for i in 0..<n { sx[assign[i]] += x[i]; sy[assign[i]] += y[i]; cnt[assign[i]] += 1 }
            for c in 0..<k where cnt[c] > 0 { cx[c] = sx[c] / cnt[c]; cy[c] = sy[c] / cnt[c] }
        }
        var d = 0.0
        for i in 0..<n { let dx = x[i] - cx[assign[i]], dy = y[i] - cy[assign[i]]; d += dx * dx + dy * dy }
        best = min(best, d)
    }
    return best
}

@Suite struct CapacitatedKMeansTests {
    @Test(arguments: [UInt64(1), 2])
    func dispersionWithinAQuarterOfCapacitatedKMeans(seed: UInt64) throws {
        // Clustered households (groups may be split, so both sides solve the same problem).
        let sites = clusteredSites(households: 2000, groups: 200, seed: seed)
        let k = 12
        let r = try Partitioner.partition(sites.problem(k: k, tolerance: 0.05, seed: 1, splitGroups: true, relationTradeOff: 0))
        let reference = capacitatedKMeansDispersion(x: sites.x, y: sites.y, k: k)
        #expect(r.worstDeviation <= 0.05 + 1e-9)
        #expect(r.dispersion <= 1.25 * reference, "ours \(r.dispersion), capacitated k-means \(reference), ratio \(r.dispersion / reference)")
    }
}

import WanggeModel

/// A compact start for the coarsest graph: balanced k-means (Lloyd iterations whose assignment step
/// is a power diagram). Each node goes to the centre minimising squared distance minus that
/// centre's price; prices rise for districts below the band and fall for those above it, so the
/// assignment approaches the balanced least-squares one. Seeds are k-means++ draws from `rng`.
/// Ignores the graph (contiguity is repaired afterwards) and may leave districts outside the band
/// (the refiner balances them); returns nil when a district ends up empty.
enum BalancedKMeans {
    /// Work budget: nodes × candidate centres per price round.
    static let candidates = 12

    static func partition(_ g: LevelGraph, parts k: Int, lower: Double, upper: Double,
                          rng: inout SplitMix64) -> [Int32]? {
        let n = g.count
        guard k >= 2, n >= k else { return nil }
        var cx = [Double](repeating: 0, count: k), cy = cx
        seed(g, k: k, cx: &cx, cy: &cy, rng: &rng)
        let m = min(candidates, k)
        var cand = [Int32](repeating: 0, count: n * m)
        var dist = [Double](repeating: 0, count: n * m)
        var price = [Double](repeating: 0, count: k)
        var part = [Int32](repeating: 0, count: n)
        var loads = [Double](repeating: 0, count: k)
        // Price steps in units of squared spacing: the mean squared distance to the nearest centre.
        var scale = 0.0
        for outer in 0..<12 {
            nearestCentres(g, cx: cx, cy: cy, m: m, cand: &cand, dist: &dist)
            if outer == 0 {
                for v in 0..<n { scale += dist[v * m] }
                scale = max(scale / Double(n), 1e-12)
            }
            for d in 0..<k { price[d] = 0 }
            var step = scale
            for round in 0..<60 {
                for d in 0..<k { loads[d] = 0 }
                for v in 0..<n {
                    var best = Int32(0), bestCost = Double.infinity
                    for c in 0..<m {
                        let d = cand[v * m + c]
                        let cost = dist[v * m + c] - price[Int(d)]
                        if cost < bestCost { bestCost = cost; best = d }
                    }
                    part[v] = best; loads[Int(best)] += g.load[v]
                }
                var out = 0
                for d in 0..<k {
                    if loads[d] < lower { price[d] += step; out += 1 } else if loads[d] > upper { price[d] -= step; out += 1 }
                }
                if out == 0 { break }
                if round % 4 == 3 { step *= 0.7 }
            }
            // Lloyd update.
            var mass = [Double](repeating: 0, count: k), sx = mass, sy = mass
            for v in 0..<n {
                let d = Int(part[v]); mass[d] += g.mass[v]; sx[d] += g.mass[v] * g.cx[v]; sy[d] += g.mass[v] * g.cy[v]
            }
            var moved = 0.0
            for d in 0..<k where mass[d] > 0 {
                let nx = sx[d] / mass[d], ny = sy[d] / mass[d]
                moved = max(moved, (nx - cx[d]) * (nx - cx[d]) + (ny - cy[d]) * (ny - cy[d]))
                cx[d] = nx; cy[d] = ny
            }
            if moved < 1e-6 * scale { break }
        }
        var count = [Int](repeating: 0, count: k)
        for v in 0..<n { count[Int(part[v])] += 1 }
        return count.contains(0) ? nil : part
    }

    /// k-means++: the first centre by mass, each next one with probability ∝ mass · d².
    static func seed(_ g: LevelGraph, k: Int, cx: inout [Double], cy: inout [Double], rng: inout SplitMix64) {
        let n = g.count
        func uniform() -> Double { Double(rng.next() >> 11) / Double(1 << 53) }
        func pick(_ weight: [Double], total: Double) -> Int {
            var r = uniform() * total
            for v in 0..<n { r -= weight[v]; if r < 0 { return v } }
            return n - 1
        }
        let first = pick(g.mass, total: g.mass.reduce(0, +))
        cx[0] = g.cx[first]; cy[0] = g.cy[first]
        var d2 = [Double](repeating: .infinity, count: n)
        var w = [Double](repeating: 0, count: n)
        for c in 1..<k {
            var total = 0.0
            for v in 0..<n {
                let dx = g.cx[v] - cx[c - 1], dy = g.cy[v] - cy[c - 1]
                d2[v] = min(d2[v], dx * dx + dy * dy)
                w[v] = g.mass[v] * d2[v]; total += w[v]
            }
            let v = total > 0 ? pick(w, total: total) : pick(g.mass, total: g.mass.reduce(0, +))
            cx[c] = g.cx[v]; cy[c] = g.cy[v]
        }
    }

    /// The `m` nearest centres of every node (squared distances), by a full scan per node
    /// with insertion into a short sorted list.
    static func nearestCentres(_ g: LevelGraph, cx: [Double], cy: [Double], m: Int,
                               cand: inout [Int32], dist: inout [Double]) {
        let k = cx.count
        for v in 0..<g.count {
            let base = v * m
            var filled = 0
            for d in 0..<k {
                let dx = g.cx[v] - cx[d], dy = g.cy[v] - cy[d]
                let e = dx * dx + dy * dy
                if filled == m && e >= dist[base + m - 1] { continue }
                var i = filled == m ? m - 1 : filled
                if filled < m { filled += 1 }
                while i > 0 && dist[base + i - 1] > e {
                    dist[base + i] = dist[base + i - 1]; cand[base + i] = cand[base + i - 1]; i -= 1
                }
                dist[base + i] = e; cand[base + i] = Int32(d)
            }
        }
    }
}

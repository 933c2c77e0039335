import WanggeModel
/// Coarsening by matching: each node pairs with an unmatched neighbour, preferring near,
/// light partners and related ones (relation weight boosts the rating). Matched pairs are
/// adjacent, so every coarse node is connected in the finer graph and contiguity survives
/// projection. No coarse node grows heavier than `cap`.
enum Coarsener {
    static func coarsen(_ g: LevelGraph, cap: Double, relationBoost: Double,
                        rng: inout SplitMix64) -> (graph: LevelGraph, map: [Int32]) {
        let n = g.count
        // Visit in index order (spatial after the atoms' Hilbert numbering) with a seeded
        // shuffle inside small blocks: good locality, some variety between seeds.
        var order = Array(0..<Int32(n))
        var b = 0
        while b < n {
            let e = min(n, b + 32)
            order[b..<e].shuffle(using: &rng)
            b = e
        }
        var mate = [Int32](repeating: -1, count: n)
        var relMark = [Double](repeating: 0, count: n)
        for u32 in order {
            let u = Int(u32)
            if mate[u] >= 0 { continue }
            let rr = g.relationRange(u)
            if relationBoost > 0 { for e in rr { relMark[Int(g.relAdj[e])] += g.relW[e] } }
            var best = -1, bestRating = -1.0
            let lu = g.load[u]
            for e in g.neighbourRange(u) {
                let v = Int(g.adj[e])
                if mate[v] >= 0 || v == u { continue }
                let lv = g.load[v]
                if lu + lv > cap { continue }
                let dx = g.cx[u] - g.cx[v], dy = g.cy[u] - g.cy[v]
                let d2 = dx * dx + dy * dy
                let rating = (1 + relationBoost * relMark[v]) * Double(g.edgeWeight[e])
                    / ((d2 + 1e-6) * (g.mass[u] + g.mass[v]))
                if rating > bestRating || (rating == bestRating && v < best) { bestRating = rating; best = v }
            }
            if relationBoost > 0 { for e in rr { relMark[Int(g.relAdj[e])] = 0 } }
            if best >= 0 { mate[u] = Int32(best); mate[best] = Int32(u) } else { mate[u] = Int32(u) }
        }
        // Coarse ids in order of each pair's smaller index.
        var map = [Int32](repeating: -1, count: n)
        var first: [Int32] = []; first.reserveCapacity(n / 2 + 1)
        for v in 0..<n where map[v] < 0 {
            let c = Int32(first.count)
            map[v] = c; map[Int(mate[v])] = c
            first.append(Int32(v))
        }
        let nc = first.count
        var load = [Double](repeating: 0, count: nc), mass = load, cx = load, cy = load
        var offsets = [Int32](repeating: 0, count: nc + 1)
        var adj: [Int32] = []; adj.reserveCapacity(g.adj.count * 3 / 5)
        var ew: [Float] = []; ew.reserveCapacity(g.adj.count * 3 / 5)
        var relOffsets = [Int32](repeating: 0, count: nc + 1)
        var relAdj: [Int32] = [], relW: [Double] = []
        var slot = [Int32](repeating: -1, count: nc)
        var relSlot = [Int32](repeating: -1, count: nc)
        for c in 0..<nc {
            let a = Int(first[c]), b = Int(mate[a])
            var l = 0.0, ms = 0.0, sx = 0.0, sy = 0.0
            let start = adj.count, relStart = relAdj.count
            for pi in 0..<(a == b ? 1 : 2) {
                let v = pi == 0 ? a : b
                l += g.load[v]; ms += g.mass[v]; sx += g.mass[v] * g.cx[v]; sy += g.mass[v] * g.cy[v]
                for e in g.neighbourRange(v) {
                    let t = map[Int(g.adj[e])]
                    if Int(t) == c { continue }
                    let s = slot[Int(t)]
                    if s >= 0 && Int(s) >= start { ew[Int(s)] += g.edgeWeight[e] } else {
                        slot[Int(t)] = Int32(adj.count); adj.append(t); ew.append(g.edgeWeight[e])
                    }
                }
                for e in g.relationRange(v) {
                    let t = map[Int(g.relAdj[e])]
                    if Int(t) == c { continue }
                    let s = relSlot[Int(t)]
                    if s >= 0 && Int(s) >= relStart { relW[Int(s)] += g.relW[e] } else {
                        relSlot[Int(t)] = Int32(relAdj.count); relAdj.append(t); relW.append(g.relW[e])
                    }
                }
            }
            load[c] = l; mass[c] = ms; cx[c] = sx / ms; cy[c] = sy / ms
            offsets[c + 1] = Int32(adj.count); relOffsets[c + 1] = Int32(relAdj.count)
        }
        let coarse = LevelGraph(offsets: offsets, adj: adj, edgeWeight: ew, load: load, cx: cx, cy: cy,
                                mass: mass, relOffsets: relOffsets, relAdj: relAdj, relW: relW)
        return (coarse, map)
    }
}

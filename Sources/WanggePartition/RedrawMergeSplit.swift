/// The redraw's merge-split pass for coarse atoms (work groups against a band a few households
/// wide): two or three neighbouring open districts are merged and re-split exactly, judged by
/// (load outside the band, load moved from its previous district, cost) in that order. Each part
/// may take any of the merged districts' ids, so a re-split can also hand groups back home. It
/// only ever accepts a strictly better split, with every part connected, so it never undoes
/// balance or contiguity that the earlier stages reached.
extension Refiner {
    mutating func improveRedrawByMergeSplit(retention: RetentionCost, maxRounds: Int = 6) {
        guard !home.isEmpty, k >= 2, g.count <= 5_000, nodesAreCoarse else { return }
        mergeSplitRounds(maxRounds) { r, group, nodes, workspace, spent in
            r.redrawResplit(group, nodes: nodes, retention: retention, workspace: &workspace, spent: &spent)
        }
    }

    /// (load outside the band, load moved, cost) of a candidate split; lower is better.
    struct SplitScore {
        var outside: Double, moved: Double, cost: Double
        func better(than b: SplitScore) -> Bool {
            if abs(outside - b.outside) > 1e-9 { return outside < b.outside }
            if abs(moved - b.moved) > 1e-9 { return moved < b.moved }
            return cost < b.cost - 1e-9 * (abs(b.cost) + 1)
        }
    }

    mutating func redrawResplit(_ districts: [Int], nodes: [Int32], retention: RetentionCost,
                                workspace w: inout MergeSplitWorkspace, spent: inout Int) -> Bool {
        if !locked.isEmpty && nodes.contains(where: { locked[Int($0)] }) { return false }
        w.load(self, nodes: nodes)
        let parts = districts.count
        // Per district slot j: the load of the union's nodes that call it home.
        var homeMask = [UInt64](repeating: 0, count: parts)
        var homeLoad = [Double](repeating: 0, count: nodes.count)
        for (i, v) in nodes.enumerated() {
            let h = Int(home[Int(v)])
            guard h >= 0 else { continue }
            homeLoad[i] = retention.homeLoad[Int(v)]
            if let j = districts.firstIndex(of: h) { homeMask[j] |= 1 << UInt64(i) }
        }
        let ws = w
        let lo = lower, hi = upper
        func excess(_ l: Double) -> Double { max(0, l - hi) + max(0, lo - l) }
        func moved(_ s: UInt64, slot j: Int) -> Double { ws.sum(s, of: homeLoad) - ws.sum(s & homeMask[j], of: homeLoad) }
        func score(_ sets: [UInt64], slots: [Int]) -> SplitScore {
            var out = 0.0, mv = 0.0, cost = 0.0
            for (s, j) in zip(sets, slots) {
                out += excess(ws.sum(s, of: ws.load)); mv += moved(s, slot: j); cost += ws.dispersion(s)
            }
            for a in 0..<sets.count { for b in (a + 1)..<sets.count { cost += ws.cut(sets[a], sets[b]) } }
            return SplitScore(outside: out, moved: mv, cost: cost)
        }
        let current = masks(of: districts, nodes: nodes)
        let now = score(current, slots: Array(0..<parts))
        // Parts heavier than the band only while the union cannot fit in it: at most the heaviest
        // district now, and no more than what the others' lower bounds leave.
        var heaviest = upper, unionLoad = 0.0
        for d in districts { heaviest = max(heaviest, loads[d]); unionLoad += loads[d] }
        let cap = min(heaviest, max(upper, unionLoad - Double(parts - 1) * lower))
        var best = now, bestSets = current
        var visited = 0
        defer { spent += max(visited, 1) }
        // Every way of cutting `within` into two connected sets, each at most `cap`.
        func pairs(_ within: UInt64, _ visit: (UInt64, UInt64) -> Void) {
            ws.connectedSubsets(of: within, upper: cap, visited: &visited) { s, _ in
                let rest = within & ~s
                guard rest != 0, ws.sum(rest, of: ws.load) <= cap + 1e-9 * cap, ws.connected(rest) else { return }
                visit(s, rest)
            }
        }
        if parts == 2 {
            pairs(w.all) { s, rest in
                for order in [[s, rest], [rest, s]] {
                    let sc = score(order, slots: [0, 1])
                    if sc.better(than: best) { best = sc; bestSets = order }
                }
            }
        } else if parts == 3 {
            var firsts: [UInt64] = []
            ws.connectedSubsets(of: w.all, upper: cap, visited: &visited) { s, _ in firsts.append(s) }
            let perms = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]]
            func consider(_ a: UInt64, _ b: UInt64, _ c: UInt64) {
                for p in perms {
                    var sets = [UInt64](repeating: 0, count: 3)
                    sets[p[0]] = a; sets[p[1]] = b; sets[p[2]] = c
                    let sc = score(sets, slots: [0, 1, 2])
                    if sc.better(than: best) { best = sc; bestSets = sets }
                }
            }
            for s in firsts {
                let rest = w.all & ~s
                guard rest != 0 else { continue }
                if ws.connected(rest) {
                    pairs(rest) { b, c in consider(s, b, c) }
                } else {
                    let piece = ws.firstPiece(of: rest), other = rest & ~piece
                    guard ws.connected(other), ws.sum(piece, of: ws.load) <= cap + 1e-9 * cap,
                          ws.sum(other, of: ws.load) <= cap + 1e-9 * cap else { continue }
                    consider(s, piece, other)
                }
                if visited > MergeSplitWorkspace.budget { break }
            }
        } else { return false }
        guard best.better(than: now) else { return false }
        assign(bestSets, to: districts, nodes: nodes)
        return true
    }
}

/// Balance for coarse atoms (work groups against a band a few households wide), planned first:
/// the flow plan of `RedrawFlowPlan` says how much load each district passes to each neighbour
/// (least load × hops), and each planned flow is realised by an exact re-split of the two
/// districts — of every way to cut them into two connected parts, the one whose giving part comes
/// closest to its planned load, then moves least load from its previous district, then costs least.
/// Single-atom moves and chains cannot shift a work group of 12 into a district that may only
/// take 5; a re-split can swap it for a group of 7.
extension Refiner {
    mutating func balanceByPlannedResplits(retention: RetentionCost, rounds: Int = 6) {
        guard g.count <= 5_000 else { return }
        var workspace = MergeSplitWorkspace()
        let lowAim = (lower + target) / 2, highAim = (upper + target) / 2
        for _ in 0..<rounds where !inBand {
            let dg = DistrictGraph(g, part: part, k: k, closed: closed)
            let plan = RedrawFlowPlan.plan(graph: dg, loads: loads, closed: closed, lower: lower, upper: upper,
                                           lowAim: lowAim, highAim: highAim)
            if plan.flows.isEmpty { break }
            var members = [[Int32]](repeating: [], count: k)
            for v in 0..<g.count { members[Int(part[v])].append(Int32(v)) }
            var changed = false
            for flow in plan.flows {
                let a = Int(flow.from), b = Int(flow.to)
                guard members[a].count + members[b].count <= MergeSplitWorkspace.maxUnion(2) else { continue }
                let nodes = (members[a] + members[b]).sorted()
                guard resplit(giving: a, to: b, nodes: nodes, amount: flow.load, retention: retention, workspace: &workspace)
                else { continue }
                changed = true
                members[a] = nodes.filter { Int(part[Int($0)]) == a }
                members[b] = nodes.filter { Int(part[Int($0)]) == b }
            }
            if !changed { break }
        }
    }

    /// Re-splits districts `a` and `b` (their `nodes`, in index order) so that `a` gives about
    /// `amount` of load to `b`.
    mutating func resplit(giving a: Int, to b: Int, nodes: [Int32], amount: Double, retention: RetentionCost,
                          workspace w: inout MergeSplitWorkspace) -> Bool {
        if !locked.isEmpty && nodes.contains(where: { locked[Int($0)] }) { return false }
        guard nodes.count >= 2 else { return false }
        w.load(self, nodes: nodes)
        let ws = w
        var homeA: UInt64 = 0, homeB: UInt64 = 0
        var homeLoad = [Double](repeating: 0, count: nodes.count)
        var heaviest = 0.0
        for (i, v32) in nodes.enumerated() {
            let v = Int(v32), h = Int(home[v])
            if h >= 0 { homeLoad[i] = retention.homeLoad[v] }
            if h == a { homeA |= 1 << UInt64(i) } else if h == b { homeB |= 1 << UInt64(i) }
            heaviest = max(heaviest, g.load[v])
        }
        let goalA = loads[a] - amount, goalB = loads[b] + amount
        // Closeness that granularity cannot beat counts as met: a quarter of the band.
        let slack = (upper - lower) / 4
        func score(_ setA: UInt64, _ setB: UInt64) -> SplitScore {
            let off = max(0, abs(ws.sum(setA, of: ws.load) - goalA) - slack)
            let moved = ws.sum(setA & ~homeA, of: homeLoad) + ws.sum(setB & ~homeB, of: homeLoad)
            return SplitScore(outside: off, moved: moved, cost: ws.dispersion(setA) + ws.dispersion(setB) + ws.cut(setA, setB))
        }
        let setA = masks(of: [a, b], nodes: nodes)[0]
        let now = score(setA, w.all & ~setA)
        var best = now, bestA = setA
        // The part holding the union's first node weighs about goalA or goalB.
        let cap = max(goalA, goalB) + slack + heaviest
        var visited = 0
        ws.connectedSubsets(of: w.all, upper: cap, visited: &visited) { s, _ in
            let rest = ws.all & ~s
            guard rest != 0, ws.connected(rest) else { return }
            for (x, y) in [(s, rest), (rest, s)] {
                let sc = score(x, y)
                if sc.better(than: best) { best = sc; bestA = x }
            }
        }
        guard best.better(than: now) else { return false }
        assign([bestA, w.all & ~bestA], to: [a, b], nodes: nodes)
        return true
    }
}

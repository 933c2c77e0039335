import WanggeModel

/// What a redraw changed.
public struct RedrawResult: Sendable {
    public var partition: PartitionResult
    /// Sites (and their load) that were in the previous plan and changed district.
    public var movedSites: Int
    public var movedLoad: Double
    /// Share of the previous sites' load that kept its district (1 = nothing moved).
    public var coreRetention: Double
    /// Sites that were not in the previous plan.
    public var newSites: Int
}

extension Partitioner {
    /// Re-draws a previous plan after population changes (DESIGN section 7): every previous district
    /// id that still has sites is kept; sites with no previous district (-1) join the district of
    /// their nearest assigned neighbour in the graph. Then, moving as little load as it can:
    /// 1. contiguity: a district's pieces other than the one holding most of its previous load join
    ///    the neighbouring district they share most border with;
    /// 2. balance, only for districts outside the band: with fine atoms, a transport plan of load
    ///    over the district graph (overloaded → nearest room, nearest spare → underloaded, paths pass
    ///    load on) realised by boundary atoms; with coarse atoms (work groups) or for what is left,
    ///    ejection chains: the cheapest (in households leaving their previous district) sequence of
    ///    small atom sets passed from district to district, each ending in the band and connected;
    /// 3. last resort, kept only if it lowers the worst deviation: the partitioner's balance rounds;
    /// 4. if districts are still outside the band: a fresh partition of the open districts, matched
    ///    to the previous ids, with the moves balance does not need taken back; it replaces the
    ///    local result when it leaves no more districts in pieces and is better balanced (or as
    ///    balanced and moving less).
    /// Every move keeps its source district connected. Unchanged, balanced, contiguous input moves
    /// nothing. Districts in `freeze` keep exactly their sites: they neither give nor take; sites
    /// whose `previous` is a frozen district stay in it (the pipeline gives newcomers inside a frozen
    /// district's area that district, so a frozen district keeps its area), and no site with
    /// another previous district (or none) ever joins it. Frozen districts are exempt from balance.
    ///
    /// `addDistricts`: the last that many of the `k` districts are new (no site has them as previous
    /// district); each is carved out of the then heaviest open district, across its principal axis,
    /// before contiguity and balance are restored.
    ///
    /// `continuing`: per site, the load of its households that were in the previous plan (nil:
    /// all of it). Newcomers count for nothing in retention (DESIGN section 7): an atom with no
    /// continuing load starts in its `previous` district but has no home, so balance places it
    /// (and the group it forms) wherever it is needed before moving anyone already housed; an
    /// atom's home is the plurality of its continuing load, and only that load counts as moved.
    public static func redraw(_ p: PartitionProblem, previous: [Int32], continuing: [Double]? = nil,
                              freeze: Set<Int32> = [], addDistricts: Int = 0) throws -> RedrawResult {
        let clock = ContinuousClock()
        let t0 = clock.now
        try validate(p)
        let n = p.siteCount, k = p.k
        guard previous.count == n else { throw WanggeError(.software, "previous plan has \(previous.count) entries for \(n) sites") }
        for (i, d) in previous.enumerated() where d < -1 || Int(d) >= k {
            throw WanggeError.data("site \(i) has previous district \(d), outside 0..<\(k)", at: SourceLocation(field: "district"))
        }
        var x0 = Double.infinity, x1 = -Double.infinity, y0 = Double.infinity, y1 = -Double.infinity
        for i in 0..<n { x0 = min(x0, p.x[i]); x1 = max(x1, p.x[i]); y0 = min(y0, p.y[i]); y1 = max(y1, p.y[i]) }
        let area = max((x1 - x0) * (y1 - y0), 1)
        let total = p.load.reduce(0, +)
        let meanMass = max(total / Double(n), 1e-9)
        let radiusCost = area / (Double.pi * Double(k)) * meanMass
        var times: [StageTime] = []
        var t = clock.now
        let atoms = try Atoms.build(p, relationCost: max(p.relationTradeOff, 0) * radiusCost, glueWeight: 20 * radiusCost,
                                    cancellation: p.cancellation)
        func lap(_ name: String) { times.append(StageTime(stage: name, seconds: seconds(clock.now - t))); t = clock.now }
        lap("atoms")
        let g = atoms.graph, m = atoms.count
        let target = total / Double(k)
        var diagnostics: [PartitionDiagnostic] = []

        if let continuing, continuing.count != n {
            throw WanggeError(.software, "continuing load has \(continuing.count) entries for \(n) sites")
        }
        // Each atom's previous district: frozen first, then the plurality of its members' load
        // (where it starts); its home: the plurality of its continuing load.
        var home = [Int32](repeating: -1, count: m)
        var start = [Int32](repeating: -1, count: m)
        var locked = [Bool](repeating: false, count: m)
        var homeLoad = [Double](repeating: 0, count: m)
        for a in 0..<m {
            var tally: [Int32: Double] = [:], kept: [Int32: Double] = [:]
            var frozenHome: Int32 = -1
            for j in Int(atoms.memberOffsets[a])..<Int(atoms.memberOffsets[a + 1]) {
                let site = Int(atoms.members[j])
                let d = previous[site]
                if d < 0 { continue }
                if freeze.contains(d) {
                    if frozenHome >= 0 && frozenHome != d { diagnostics.append(.frozenGroupConflict(group: atoms.groupOfAtom[a])) }
                    if frozenHome < 0 { frozenHome = d }
                }
                tally[d, default: 0] += max(p.load[site], 1e-9)
                let c = continuing.map { $0[site] } ?? p.load[site]
                if continuing == nil || c > 0 { kept[d, default: 0] += max(c, 1e-9) }
            }
            if frozenHome >= 0 {
                home[a] = frozenHome; start[a] = frozenHome; locked[a] = true; homeLoad[a] = kept[frozenHome] ?? 0; continue
            }
            func plurality(_ t: [Int32: Double]) -> (Int32, Double) {
                var best: Int32 = -1, bestW = -1.0
                for d in t.keys.sorted() where t[d]! > bestW { best = d; bestW = t[d]! }
                return (best, best >= 0 ? bestW : 0)
            }
            (home[a], homeLoad[a]) = plurality(kept)
            start[a] = home[a] >= 0 ? home[a] : plurality(tally).0
        }
        // New atoms join the district of the nearest assigned atom through the graph
        // (breadth-first from all assigned atoms, in index order), or by distance when unreachable.
        var part = start
        var queue: [Int32] = []
        for a in 0..<m where part[a] >= 0 { queue.append(Int32(a)) }
        var head = 0
        while head < queue.count {
            let u = Int(queue[head]); head += 1
            for j in g.neighbourRange(u) {
                let t = Int(g.adj[j])
                if part[t] < 0 && !(freeze.contains(part[u])) { part[t] = part[u]; queue.append(Int32(t)) }
            }
        }
        if part.contains(-1) {
            let grid = GridIndex(x: g.cx, y: g.cy)
            let assigned = part
            for a in 0..<m where part[a] < 0 {
                if let (b, _) = grid.nearest(g.cx[a], g.cy[a], accept: { assigned[Int($0)] >= 0 && !freeze.contains(assigned[Int($0)]) }) {
                    part[a] = assigned[Int(b)]
                } else if let (b, _) = grid.nearest(g.cx[a], g.cy[a], accept: { assigned[Int($0)] >= 0 }) {
                    part[a] = assigned[Int(b)]
                } else {
                    part[a] = 0
                }
            }
        }
        if addDistricts > 0 {
            guard addDistricts < k else { throw WanggeError.usage("cannot add \(addDistricts) districts to a plan of \(k - addDistricts)") }
            carve(g, part: &part, newDistricts: (k - addDistricts)..<k, target: target, freeze: freeze)
        }
        // Restore contiguity and balance with as few moved households as possible.
        lap("assign")
        let upper = (1 + p.tolerance) * target, lower = (1 - p.tolerance) * target
        try checkNoAtomHeavierThan(upper, p, atoms: atoms)
        var r = Refiner(graph: g, part: part, k: k, target: target, lower: lower, upper: upper,
                        relationCost: 1, edgeCost: 0.05 * area / Double(n) * meanMass)
        r.locked = locked
        r.closed = (0..<k).map { freeze.contains(Int32($0)) }
        r.home = home
        r.homeCost = 10 * area / (Double.pi * Double(k))
        let retention = RetentionCost(homeLoad: homeLoad)
        r.rebalanceForRedraw(retention: retention, tolerance: p.tolerance)
        if !r.inBand {
            // A few seeds on small problems: fresh partitions differ a lot in what they keep.
            let base = r
            var score = redrawScore(r, p, atoms: atoms, retention: retention)
            for s in 0..<UInt64(m <= 50_000 ? 4 : 1) {
                var q = p
                q.seed = p.seed &+ s
                guard let fresh = freshAlternative(q, atoms: atoms, base: base, retention: retention) else { continue }
                let freshScore = redrawScore(fresh, p, atoms: atoms, retention: retention)
                if better(freshScore, than: score) { r = fresh; score = freshScore }
            }
        }
        // Coarse atoms: exact re-splits of neighbouring districts, for balance and then retention.
        r.improveRedrawByMergeSplit(retention: retention)
        r.trace("final", retention)
        lap("rebalance")
        let district = atoms.atomOfSite.map { r.part[Int($0)] }
        var result = finish(p, district: district, target: target, atoms: atoms, diagnostics: diagnostics)
        lap("evaluate")
        result.stageTimes = times + [StageTime(stage: "redraw", seconds: seconds(clock.now - t0))]
        var moved = 0, movedLoad = 0.0, oldLoad = 0.0, newSites = 0
        for i in 0..<n {
            if previous[i] < 0 { newSites += 1; continue }
            oldLoad += p.load[i]
            if district[i] != previous[i] { moved += 1; movedLoad += p.load[i] }
        }
        return RedrawResult(partition: result, movedSites: moved, movedLoad: movedLoad,
                            coreRetention: oldLoad > 0 ? 1 - movedLoad / oldLoad : 1, newSites: newSites)
    }
}

extension Partitioner {
    /// Gives each new district about `target` load from the heaviest open district (new ones
    /// included once carved): its atoms sorted along their principal axis, taken from one end.
    static func carve(_ g: LevelGraph, part: inout [Int32], newDistricts: Range<Int>, target: Double, freeze: Set<Int32>) {
        for nd in newDistricts {
            var loads = [Double](repeating: 0, count: nd)
            for v in 0..<g.count where part[v] >= 0 && Int(part[v]) < nd { loads[Int(part[v])] += g.load[v] }
            guard let source = (0..<nd).filter({ !freeze.contains(Int32($0)) })
                    .max(by: { (loads[$0], -$0) < (loads[$1], -$1) }) else { return }
            let members = (0..<g.count).filter { Int(part[$0]) == source }
            guard members.count >= 2 else { continue }
            let (_, ax, ay) = InitialPartition.principalAxis(g, members)
            let order = members.sorted { (g.cx[$0] * ax + g.cy[$0] * ay, $0) < (g.cx[$1] * ax + g.cy[$1] * ay, $1) }
            let share = min(target, loads[source] / 2)
            var taken = 0.0
            for v in order {
                if taken >= share || taken + g.load[v] / 2 > share && taken > 0 { break }
                part[v] = Int32(nd); taken += g.load[v]
            }
            if taken == 0 { part[order[0]] = Int32(nd) }
        }
    }
}

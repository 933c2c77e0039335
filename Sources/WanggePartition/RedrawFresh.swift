/// The redraw's safety net: when local moves leave districts outside the band, a fresh partition
/// of the open districts' sites, its districts matched to the previous ones by shared load, and
/// its unneeded moves taken back. The caller keeps whichever of the two is better balanced (then
/// moves less), so a redraw is never less balanced than drawing the open districts afresh.
extension Partitioner {
    /// The fresh alternative as an atom assignment (frozen atoms stay where `base` has them), or
    /// nil when the open part cannot be partitioned.
    static func freshAlternative(_ p: PartitionProblem, atoms: Atoms, base: Refiner,
                                 retention: RetentionCost) -> Refiner? {
        let k = p.k, n = p.siteCount
        let openDistricts = (0..<k).filter { !base.isClosed($0) }
        guard openDistricts.count >= 1 else { return nil }
        // Sites of open atoms, re-indexed.
        var newIndex = [Int32](repeating: -1, count: n)
        var sites: [Int32] = []
        for i in 0..<n {
            let a = Int(atoms.atomOfSite[i])
            if base.isClosed(Int(base.part[a])) { continue }
            newIndex[i] = Int32(sites.count); sites.append(Int32(i))
        }
        guard sites.count >= openDistricts.count else { return nil }
        var offsets: [Int32] = [0], neighbours: [Int32] = []
        for i in sites {
            for e in Int(p.offsets[Int(i)])..<Int(p.offsets[Int(i) + 1]) where newIndex[Int(p.neighbours[e])] >= 0 {
                neighbours.append(newIndex[Int(p.neighbours[e])])
            }
            offsets.append(Int32(neighbours.count))
        }
        var ra: [Int32] = [], rb: [Int32] = [], rw: [Double] = []
        for r in 0..<p.relationA.count {
            let a = newIndex[Int(p.relationA[r])], b = newIndex[Int(p.relationB[r])]
            if a >= 0 && b >= 0 { ra.append(a); rb.append(b); rw.append(p.relationWeight[r]) }
        }
        let sub = PartitionProblem(x: sites.map { p.x[Int($0)] }, y: sites.map { p.y[Int($0)] },
                                   load: sites.map { p.load[Int($0)] }, offsets: offsets, neighbours: neighbours,
                                   relationA: ra, relationB: rb, relationWeight: rw,
                                   group: p.group.map { g in sites.map { g[Int($0)] } }, groupNames: p.groupNames,
                                   nest: p.nest.map { g in sites.map { g[Int($0)] } },
                                   k: openDistricts.count, tolerance: p.tolerance, seed: p.seed,
                                   relationTradeOff: p.relationTradeOff, splitGroups: p.splitGroups)
        guard let fresh = try? partition(sub) else { return nil }

        // Each open atom's fresh district (its sites' plurality by load).
        let m = atoms.count
        var atomFresh = [Int32](repeating: -1, count: m)
        var tally: [Int32: Double] = [:]
        for a in 0..<m where !base.isClosed(Int(base.part[a])) {
            tally.removeAll(keepingCapacity: true)
            for j in Int(atoms.memberOffsets[a])..<Int(atoms.memberOffsets[a + 1]) {
                let s = Int(atoms.members[j])
                tally[fresh.district[Int(newIndex[s])], default: 0] += max(p.load[s], 1e-9)
            }
            atomFresh[a] = tally.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? 0
        }
        // Match fresh districts to previous open districts, greedily by shared previous load.
        var shared: [Int64: Double] = [:]
        for a in 0..<m where atomFresh[a] >= 0 && base.home[a] >= 0 && !base.isClosed(Int(base.home[a])) {
            shared[Int64(atomFresh[a]) << 32 | Int64(base.home[a]), default: 0] += retention.homeLoad[a]
        }
        let pairs = shared.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        var label = [Int32](repeating: -1, count: openDistricts.count)
        var taken = Set<Int32>()
        for (key, _) in pairs {
            let f = Int(key >> 32), d = Int32(truncatingIfNeeded: key & 0xFFFF_FFFF)
            if label[f] < 0 && !taken.contains(d) { label[f] = d; taken.insert(d) }
        }
        var free = openDistricts.map(Int32.init).filter { !taken.contains($0) }.makeIterator()
        for f in 0..<label.count where label[f] < 0 { label[f] = free.next()! }

        var part = base.part
        for a in 0..<m where atomFresh[a] >= 0 { part[a] = label[Int(atomFresh[a])] }
        var r = Refiner(graph: base.g, part: part, k: k, target: base.target, lower: base.lower, upper: base.upper,
                        relationCost: base.relationCost, edgeCost: base.edgeCost)
        r.locked = base.locked; r.closed = base.closed; r.home = base.home; r.homeCost = base.homeCost
        r.returnHome(retention: retention)
        r.balanceByTabu(retention: retention, maxIterations: 20_000, keepExcess: true)
        r.returnHome(retention: retention)
        return r
    }

    /// (extra pieces of districts at site level, the balance figures): lower is better.
    /// Contiguity comes before balance (DESIGN section 4); balance is sought within it.
    static func redrawScore(_ r: Refiner, _ p: PartitionProblem, atoms: Atoms, retention: RetentionCost) -> (Int, RedrawFigures) {
        let figures = r.redrawFigures(retention: retention)
        let district = atoms.atomOfSite.map { r.part[Int($0)] }
        let pieces = Contiguity.piecesPerDistrict(offsets: p.offsets, adj: p.neighbours, part: district, k: r.k)
        return (pieces.reduce(0) { $0 + max($1 - 1, 0) }, figures)
    }

    /// Whether `a` is a better redraw than `b` by `redrawScore`.
    static func better(_ a: (Int, RedrawFigures), than b: (Int, RedrawFigures)) -> Bool {
        if a.0 != b.0 { return a.0 < b.0 }
        return a.1.better(than: b.1)
    }
}

/// How a redraw stands: the worst |deviation| over open districts, the load outside the band,
/// and the previous load moved.
struct RedrawFigures {
    var worst: Double
    var outside: Double
    var moved: Double

    /// DESIGN section 7: a plan inside the band beats one outside it; two plans inside compare by
    /// load moved; two outside by worst |deviation| first (the most overloaded cadre is looked at
    /// first), then load outside the band, then load moved.
    func better(than b: RedrawFigures) -> Bool {
        let aIn = outside <= 1e-9, bIn = b.outside <= 1e-9
        if aIn != bIn { return aIn }
        if !aIn {
            if abs(worst - b.worst) > 1e-9 { return worst < b.worst }
            if abs(outside - b.outside) > 1e-9 { return outside < b.outside }
        }
        return moved < b.moved - 1e-9
    }
}

extension Refiner {
    /// (worst |deviation| and load outside the band over open districts, previous load moved).
    func redrawFigures(retention: RetentionCost) -> RedrawFigures {
        var outside = 0.0, moved = 0.0
        for d in 0..<k where !isClosed(d) { outside += excess(loads[d]) }
        for v in 0..<g.count where home[v] >= 0 && part[v] != home[v] { moved += retention.homeLoad[v] }
        return RedrawFigures(worst: worstDeviation(), outside: outside, moved: moved)
    }
}

import WanggeModel

/// Sites contracted into atoms: a work group (unless groups may be split) or a lone site.
/// An atom's adjacency is the union of its members' edges, so a group that is not connected in
/// the graph still forms one node.
struct Atoms: Sendable {
    var atomOfSite: [Int32]
    /// Members of each atom as CSR over sites.
    var memberOffsets: [Int32]
    var members: [Int32]
    /// Group id of each atom, -1 for a lone site.
    var groupOfAtom: [Int32]
    var nestOfAtom: [Int32]
    var graph: LevelGraph
    /// Atoms whose sites are not connected in the graph (their districts cannot be contiguous).
    var brokenAtoms: [Int32] = []

    var count: Int { groupOfAtom.count }
}

extension Atoms {
    /// `relationCost` converts relation weight into cost units (the graph's `relW` is in cost
    /// units); `glueWeight` is the cost of separating a broken group from the groups between its pieces.
    /// Never cancelled (the ensemble's contraction).
    static func build(_ p: PartitionProblem, relationCost: Double, glueWeight: Double) -> Atoms {
        do { return try build(p, relationCost: relationCost, glueWeight: glueWeight, cancellation: .never) } catch {
            preconditionFailure("atoms: \(error) without cancellation")
        }
    }

    /// Throws only `CancellationError`: `cancellation` is asked between the passes over the sites.
    static func build(_ p: PartitionProblem, relationCost: Double, glueWeight: Double,
                      cancellation: Cancellation) throws -> Atoms {
        let n = p.siteCount
        var atomOfSite = [Int32](repeating: -1, count: n)
        var groupOfAtom: [Int32] = []
        let contractGroups = !p.splitGroups && p.group != nil
        if contractGroups, let group = p.group {
            let maxGroup = Int(group.max() ?? -1)
            var atomOfGroup = [Int32](repeating: -1, count: max(maxGroup + 1, 0))
            for i in 0..<n {
                let g = Int(group[i])
                if g >= 0 {
                    if atomOfGroup[g] < 0 { atomOfGroup[g] = Int32(groupOfAtom.count); groupOfAtom.append(Int32(g)) }
                    atomOfSite[i] = atomOfGroup[g]
                } else {
                    atomOfSite[i] = Int32(groupOfAtom.count); groupOfAtom.append(-1)
                }
            }
        } else {
            for i in 0..<n { atomOfSite[i] = Int32(i) }
            groupOfAtom = p.group ?? [Int32](repeating: -1, count: n)
        }
        if contractGroups {
            joinInterleavedGroups(p, atomOfSite: &atomOfSite, groupOfAtom: &groupOfAtom)
        }
        let m = groupOfAtom.count
        try cancellation.check()
        // Number atoms along a Hilbert curve through their centroids: neighbours sit close in
        // memory, which every later stage's graph walks profit from.
        do {
            var sx = [Double](repeating: 0, count: m), sy = sx, cnt = sx
            for i in 0..<n { let a = Int(atomOfSite[i]); sx[a] += p.x[i]; sy[a] += p.y[i]; cnt[a] += 1 }
            var x0 = Double.infinity, y0 = Double.infinity, x1 = -Double.infinity, y1 = -Double.infinity
            for a in 0..<m {
                sx[a] /= cnt[a]; sy[a] /= cnt[a]
                x0 = min(x0, sx[a]); x1 = max(x1, sx[a]); y0 = min(y0, sy[a]); y1 = max(y1, sy[a])
            }
            let scale = 65535 / max(x1 - x0, y1 - y0, 1e-9)
            var keyed = [(UInt64)](repeating: 0, count: m)
            for a in 0..<m {
                let h = hilbertIndex(UInt32((sx[a] - x0) * scale), UInt32((sy[a] - y0) * scale))
                keyed[a] = h << 32 | UInt64(a)
            }
            keyed.sort()
            var newId = [Int32](repeating: 0, count: m)
            var newGroup = [Int32](repeating: 0, count: m)
            for (i, key) in keyed.enumerated() {
                let a = Int(key & 0xFFFF_FFFF); newId[a] = Int32(i); newGroup[i] = groupOfAtom[a]
            }
            for i in 0..<n { atomOfSite[i] = newId[Int(atomOfSite[i])] }
            groupOfAtom = newGroup
        }
        try cancellation.check()
        // Members CSR.
        var memberOffsets = [Int32](repeating: 0, count: m + 1)
        for i in 0..<n { memberOffsets[Int(atomOfSite[i]) + 1] += 1 }
        for a in 0..<m { memberOffsets[a + 1] += memberOffsets[a] }
        var fill = Array(memberOffsets[0..<m])
        var members = [Int32](repeating: 0, count: n)
        for i in 0..<n { let a = Int(atomOfSite[i]); members[Int(fill[a])] = Int32(i); fill[a] += 1 }

        // Loads and centroids.
        var load = [Double](repeating: 0, count: m)
        var mass = [Double](repeating: 0, count: m)
        var cx = [Double](repeating: 0, count: m), cy = [Double](repeating: 0, count: m)
        var nestOfAtom = [Int32](repeating: -1, count: m)
        let totalLoad = p.load.reduce(0, +)
        let tiny = max(totalLoad / Double(max(n, 1)), 1) * 1e-9
        for a in 0..<m {
            var l = 0.0, ms = 0.0, sx = 0.0, sy = 0.0
            for j in Int(memberOffsets[a])..<Int(memberOffsets[a + 1]) {
                let i = Int(members[j])
                let w = max(p.load[i], 0)
                let mw = w > 0 ? w : tiny
                l += w; ms += mw; sx += mw * p.x[i]; sy += mw * p.y[i]
            }
            load[a] = l; mass[a] = ms; cx[a] = sx / ms; cy[a] = sy / ms
            if let nest = p.nest { nestOfAtom[a] = nest[Int(members[Int(memberOffsets[a])])] }
        }

        try cancellation.check()
        // Atom adjacency: union of member edges, weights = number of site edges.
        var offsets = [Int32](repeating: 0, count: m + 1)
        var adj: [Int32] = []; adj.reserveCapacity(p.neighbours.count)
        var ew: [Float] = []; ew.reserveCapacity(p.neighbours.count)
        var slot = [Int32](repeating: -1, count: m)
        for a in 0..<m {
            let start = adj.count
            for j in Int(memberOffsets[a])..<Int(memberOffsets[a + 1]) {
                let i = Int(members[j])
                for e in Int(p.offsets[i])..<Int(p.offsets[i + 1]) {
                    let b = atomOfSite[Int(p.neighbours[e])]
                    if Int(b) == a { continue }
                    let s = slot[Int(b)]
                    if s >= 0 && Int(s) >= start { ew[Int(s)] += 1 } else {
                        slot[Int(b)] = Int32(adj.count); adj.append(b); ew.append(1)
                    }
                }
            }
            offsets[a + 1] = Int32(adj.count)
        }

        try cancellation.check()
        // Relations between atoms; when groups may be split they add affinity as a chain.
        var ra: [Int32] = [], rb: [Int32] = [], rw: [Double] = []
        for i in 0..<p.relationA.count {
            let a = atomOfSite[Int(p.relationA[i])], b = atomOfSite[Int(p.relationB[i])]
            if a != b { ra.append(a); rb.append(b); rw.append(p.relationWeight[i] * relationCost) }
        }
        if !contractGroups, let group = p.group {
            var lastOfGroup: [Int32: Int32] = [:]
            for i in 0..<n where group[i] >= 0 {
                if let prev = lastOfGroup[group[i]] { ra.append(atomOfSite[Int(prev)]); rb.append(atomOfSite[i]); rw.append(relationCost) }
                lastOfGroup[group[i]] = Int32(i)
            }
        }
        var broken: [Int32] = []
        if contractGroups {
            // Groups still in pieces: glue them to the groups between their pieces with a strong
            // affinity, so refinement keeps them in one district when it can.
            let found = interleavings(p, atomOfSite: atomOfSite, atomCount: m)
            for (a, path) in found {
                broken.append(a)
                for b in path { ra.append(a); rb.append(b); rw.append(glueWeight) }
            }
        }
        let rel = symmetricCSR(count: m, a: ra, b: rb, w: rw)
        let g = LevelGraph(offsets: offsets, adj: adj, edgeWeight: ew, load: load, cx: cx, cy: cy, mass: mass,
                           relOffsets: rel.offsets, relAdj: rel.adj, relW: rel.w)
        return Atoms(atomOfSite: atomOfSite, memberOffsets: memberOffsets, members: members,
                     groupOfAtom: groupOfAtom, nestOfAtom: nestOfAtom, graph: g, brokenAtoms: broken)
    }
}

/// Position of (x, y) (16-bit each) along the Hilbert curve of order 16.
func hilbertIndex(_ xi: UInt32, _ yi: UInt32) -> UInt64 {
    var x = xi, y = yi, d: UInt64 = 0
    var s: UInt32 = 1 << 15
    while s > 0 {
        let rx: UInt32 = (x & s) > 0 ? 1 : 0
        let ry: UInt32 = (y & s) > 0 ? 1 : 0
        d += UInt64(s) * UInt64(s) * UInt64((3 * rx) ^ ry)
        if ry == 0 {
            if rx == 1 { x = s &- 1 &- x; y = s &- 1 &- y }
            swap(&x, &y)
        }
        s >>= 1
    }
    return d
}

/// For every atom whose sites are not connected in the graph, the atoms on a shortest path
/// from its first piece to another of its pieces (the groups that separate its pieces).
func interleavings(_ p: PartitionProblem, atomOfSite: [Int32], atomCount m: Int) -> [(atom: Int32, path: [Int32])] {
    let n = p.siteCount
    let (piece, _) = Contiguity.pieces(offsets: p.offsets, adj: p.neighbours, part: atomOfSite)
    var firstPiece = [Int32](repeating: -1, count: m)
    var isBroken = [Bool](repeating: false, count: m)
    for i in 0..<n {
        let a = Int(atomOfSite[i])
        if firstPiece[a] < 0 { firstPiece[a] = piece[i] } else if firstPiece[a] != piece[i] { isBroken[a] = true }
    }
    var result: [(atom: Int32, path: [Int32])] = []
    guard isBroken.contains(true) else { return result }
    var mStart = [Int32](repeating: 0, count: m + 1)
    for i in 0..<n { mStart[Int(atomOfSite[i]) + 1] += 1 }
    for a in 0..<m { mStart[a + 1] += mStart[a] }
    var fill = Array(mStart[0..<m]), mem = [Int32](repeating: 0, count: n)
    for i in 0..<n { let a = Int(atomOfSite[i]); mem[Int(fill[a])] = Int32(i); fill[a] += 1 }
    var from = [Int32](repeating: -2, count: n)
    var touched: [Int32] = [], queue: [Int32] = []
    for a32 in 0..<Int32(m) where isBroken[Int(a32)] {
        let a = Int(a32)
        for t in touched { from[Int(t)] = -2 }
        touched.removeAll(keepingCapacity: true); queue.removeAll(keepingCapacity: true)
        let main = firstPiece[a]
        for j in Int(mStart[a])..<Int(mStart[a + 1]) where piece[Int(mem[j])] == main {
            from[Int(mem[j])] = -1; touched.append(mem[j]); queue.append(mem[j])
        }
        var h = 0, hit = -1
        search: while h < queue.count && queue.count < 20_000 {
            let u = Int(queue[h]); h += 1
            for e in Int(p.offsets[u])..<Int(p.offsets[u + 1]) {
                let t = Int(p.neighbours[e])
                if from[t] != -2 { continue }
                from[t] = Int32(u); touched.append(Int32(t))
                if atomOfSite[t] == a32 { hit = t; break search }
                queue.append(Int32(t))
            }
        }
        if hit < 0 { result.append((a32, [])); continue }
        var path: [Int32] = []
        var c = Int(from[hit])
        while c >= 0 { if !path.contains(atomOfSite[c]) { path.append(atomOfSite[c]) }; c = Int(from[c]) }
        result.append((a32, path))
    }
    return result
}

/// A group whose households are not connected in the graph (its pieces are separated by other
/// groups' households) would leave its district in pieces. Join it with the groups on the
/// shortest path between its pieces, while the joined load stays small (see `limit`).
func joinInterleavedGroups(_ p: PartitionProblem, atomOfSite: inout [Int32], groupOfAtom: inout [Int32]) {
    let n = p.siteCount
    var m = groupOfAtom.count
    // Joined atoms stay under half a district's target and under three times the heaviest
    // group (or an eighth of the target), so that balance keeps enough granularity when groups
    // interleave everywhere.
    var groupLoad = [Double](repeating: 0, count: m)
    for i in 0..<n { groupLoad[Int(atomOfSite[i])] += p.load[i] }
    let target = p.load.reduce(0, +) / Double(p.k)
    let limit = min(0.5 * target, max(3 * (groupLoad.max() ?? 0), target / 8))
    for _ in 0..<8 {
        let found = interleavings(p, atomOfSite: atomOfSite, atomCount: m)
        if found.isEmpty { return }
        var rootLoad = [Double](repeating: 0, count: m)
        for i in 0..<n { rootLoad[Int(atomOfSite[i])] += p.load[i] }
        var parent = (0..<m).map { Int32($0) }
        func find(_ a: Int32) -> Int32 { var r = a; while parent[Int(r)] != r { r = parent[Int(r)] }; return r }
        var joined = false
        for (a, path) in found where !path.isEmpty {
            var ra = find(a)
            var total = rootLoad[Int(ra)]
            var seen = Set<Int32>([ra])
            for b in path.map(find) where !seen.contains(b) { seen.insert(b); total += rootLoad[Int(b)] }
            if total > limit { continue }
            for b in seen.sorted() where b != ra {
                let (lo, hi) = (min(ra, b), max(ra, b))
                parent[Int(hi)] = lo; rootLoad[Int(lo)] += rootLoad[Int(hi)]; ra = lo
            }
            joined = true
        }
        if !joined { return }
        // Relabel atoms by root, in order of first appearance.
        var newId = [Int32](repeating: -1, count: m)
        var newGroup: [Int32] = []
        for i in 0..<n {
            let r = Int(find(atomOfSite[i]))
            if newId[r] < 0 { newId[r] = Int32(newGroup.count); newGroup.append(groupOfAtom[r]) }
            atomOfSite[i] = newId[r]
        }
        groupOfAtom = newGroup
        m = newGroup.count
    }
}

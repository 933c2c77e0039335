/// Independent pieces of the problem: nest units × connected components of the atom graph.
/// When there are no more pieces than districts, each piece is a unit of its own, whatever its
/// load (contiguity before balance, DESIGN section 4). With more pieces than districts, components
/// too light for a district of their own are bridged to the nearest piece (the district holding
/// them is then reported as not contiguous). k is spread over units so that the worst district
/// deviation is smallest (`UnitAllocation.minMax`).
import HeapModule

/// A remainder in the largest-remainder allocation; larger value first, then lower index.
struct Remainder: Comparable {
    var value: Double
    var index: Int
    static func < (a: Remainder, b: Remainder) -> Bool {
        a.value < b.value || (a.value == b.value && a.index > b.index)
    }
}

struct Units {
    var unitOfAtom: [Int32]
    var unitCount: Int
    /// Districts per unit.
    var districts: [Int]
    /// Extra contiguity edges (atom pairs) that join pieces.
    var bridgeA: [Int32] = []
    var bridgeB: [Int32] = []
    var diagnostics: [PartitionDiagnostic] = []
}

private struct UnionFind {
    var parent: [Int32]
    init(_ n: Int) { parent = (0..<n).map { Int32($0) } }
    mutating func find(_ a: Int32) -> Int32 {
        var r = a
        while parent[Int(r)] != r { r = parent[Int(r)] }
        var c = a
        while parent[Int(c)] != r { let nx = parent[Int(c)]; parent[Int(c)] = r; c = nx }
        return r
    }
}

extension Units {
    static func build(atoms: Atoms, k: Int, tolerance tol: Double) -> Units {
        let g = atoms.graph
        let m = g.count
        let nest = atoms.nestOfAtom
        var uf = UnionFind(m)
        var load = g.load
        var size = [Int](repeating: 1, count: m)
        var head = (0..<m).map { Int32($0) }, tail = head
        var next = [Int32](repeating: -1, count: m)
        func union(_ a: Int32, _ b: Int32) {
            var ra = uf.find(a), rb = uf.find(b)
            if ra == rb { return }
            if ra > rb { swap(&ra, &rb) }        // keep the smaller index as root: deterministic
            uf.parent[Int(rb)] = ra
            load[Int(ra)] += load[Int(rb)]; size[Int(ra)] += size[Int(rb)]
            next[Int(tail[Int(ra)])] = head[Int(rb)]; tail[Int(ra)] = tail[Int(rb)]
        }
        for v in 0..<m {
            for e in g.neighbourRange(v) {
                let u = Int(g.adj[e])
                if u > v && nest[u] == nest[v] { union(Int32(v), Int32(u)) }
            }
        }
        let total = g.load.reduce(0, +)
        let target = total / Double(k)
        let component = (0..<m).map { uf.find(Int32($0)) }
        var components = 0
        for v in 0..<m where uf.find(Int32(v)) == Int32(v) { components += 1 }

        var result = Units(unitOfAtom: [], unitCount: 0, districts: [])
        let light = (1 - tol) * target
        let grid = GridIndex(x: g.cx, y: g.cy)

        // Up to 32 atoms of unit `r`, evenly spread along its list.
        func samples(_ r: Int32) -> [Int32] {
            let stride = max(1, size[Int(r)] / 32)
            var out: [Int32] = []
            var a = head[Int(r)], i = 0
            while a >= 0 { if i % stride == 0 { out.append(a) }; a = next[Int(a)]; i += 1 }
            return out
        }
        // The closest pair from `from` (atoms of one unit) to an atom of another unit (same nest
        // unit only when `sameNest`), skipping units in `skip`.
        func closest(_ from: [Int32], sameNest: Bool, skip: [Int32], within: Double = .infinity) -> (Int32, Int32, Double)? {
            guard let first = from.first else { return nil }
            let r = uf.find(first)
            var best: (Int32, Int32, Double)? = nil
            for a in from {
                let na = nest[Int(a)]
                if let (b, d) = grid.nearest(g.cx[Int(a)], g.cy[Int(a)], within: best.map { $0.2 } ?? within, accept: { b in
                    guard !sameNest || nest[Int(b)] == na else { return false }
                    let rb = uf.find(b)
                    return rb != r && !skip.contains(rb)
                }) {
                    if best == nil || d < best!.2 { best = (a, b, d) }
                }
            }
            return best
        }
        // Joins unit `r` to the nearest other unit; with `lightOnly` > 0 also to up to that many
        // more nearby units that are themselves too light, so that islands joined to islands get a
        // mesh rather than a chain (balance needs room to move).
        func bridge(_ r0: Int32, sameNest: Bool, lightOnly extra: Int = 0) -> Bool {
            let from = samples(r0)
            guard let (x, y, d0) = closest(from, sameNest: sameNest, skip: []) else { return false }
            // Further links only to light units nearby (a few grid cells or thrice the first distance).
            let reach = max(9 * d0, 16 * grid.cell * grid.cell)
            result.bridgeA.append(x); result.bridgeB.append(y)
            union(x, y)
            var skip: [Int32] = []
            var added = 0
            while added < extra {
                guard let (a, b, _) = closest(from, sameNest: sameNest, skip: skip, within: reach) else { break }
                let rb = uf.find(b)
                if load[Int(rb)] >= light { skip.append(rb); if skip.count > 4 { break }; continue }
                result.bridgeA.append(a); result.bridgeB.append(b)
                union(a, b); added += 1
            }
            return true
        }
        func roots() -> [Int32] { (0..<m).compactMap { uf.find(Int32($0)) == Int32($0) ? Int32($0) : nil } }

        // Contiguity comes before balance (DESIGN section 4): while every piece can have a district
        // of its own, no piece is joined to another for balance's sake; a piece too light (or
        // too heavy) for whole districts then gets the count closest to its load, and the run
        // reports it. Only with more pieces than districts are pieces joined (steps 1–3).
        let contiguityFirst = roots().count <= k
        // 1. Light components join their nearest neighbour in the same nest unit.
        var bridged = 0
        var changed = !contiguityFirst
        while changed {
            changed = false
            let lightRoots = roots().filter { load[Int($0)] < light }
                .sorted { (load[Int($0)], $0) < (load[Int($1)], $1) }
            for r in lightRoots where uf.find(r) == r && load[Int(r)] < light {
                if bridge(r, sameNest: true, lightOnly: 2) { bridged += 1; changed = true }
            }
        }
        // 2. More units than districts: merge the lightest across nest units.
        var rs = roots()
        let nestUnits = Set(rs.map { nest[Int($0)] }).count
        var nestMerged = 0
        while rs.count > k {
            let r = rs.min { (load[Int($0)], $0) < (load[Int($1)], $1) }!
            if !bridge(r, sameNest: true) { _ = bridge(r, sameNest: false); nestMerged += 1 } else { bridged += 1 }
            rs = roots()
        }
        // 3. Allocate k (min-max deviation); merge units whose share cannot be balanced.
        var alloc: [Int] = []
        while true {
            rs = roots()
            alloc = UnitAllocation.minMax(loads: rs.map { load[Int($0)] }, sizes: rs.map { size[Int($0)] },
                                          k: k, target: target)
            // Units whose share cannot be balanced join their nearest neighbour (all in one pass).
            var merged = false
            if rs.count > 1 && !contiguityFirst {
                for i in 0..<rs.count where uf.find(rs[i]) == rs[i] {
                    let l = load[Int(rs[i])], d = Double(alloc[i])
                    let ok = l >= d * (1 - tol) * target - 1e-9 && l <= d * (1 + tol) * target + 1e-9
                    if !ok && bridge(rs[i], sameNest: true) { bridged += 1; merged = true }
                }
            }
            if !merged { break }
        }
        if components > 1 && bridged > 0 {
            result.diagnostics.append(.disconnectedGraph(components: components, bridged: bridged))
        }
        if nestMerged > 0 {
            result.diagnostics.append(.nestUnitsMerged(units: nestUnits, merged: nestMerged, k: k))
        }
        var unitOfRoot = [Int32](repeating: -1, count: m)
        for (i, r) in rs.enumerated() { unitOfRoot[Int(r)] = Int32(i) }
        result.unitOfAtom = (0..<m).map { unitOfRoot[Int(uf.find(Int32($0)))] }
        // Bridges alone form a tree between pieces, too thin to balance along (every bridge end is
        // a cut vertex): link several atoms of each joined piece to the nearest atoms of other
        // pieces of the same unit.
        let unitOfAtom = result.unitOfAtom
        var piecesOfUnit = [Int](repeating: 0, count: rs.count)
        var isRootComponent = [Bool](repeating: false, count: m)
        for a in 0..<m where component[a] == Int32(a) { isRootComponent[a] = true; piecesOfUnit[Int(unitOfAtom[a])] += 1 }
        var compStart = [Int32](repeating: 0, count: m + 1)
        for a in 0..<m { compStart[Int(component[a]) + 1] += 1 }
        for a in 0..<m { compStart[a + 1] += compStart[a] }
        var fillC = Array(compStart[0..<m]), compAtoms = [Int32](repeating: 0, count: m)
        for a in 0..<m { let c = Int(component[a]); compAtoms[Int(fillC[c])] = Int32(a); fillC[c] += 1 }
        for c in 0..<m where isRootComponent[c] && piecesOfUnit[Int(unitOfAtom[c])] > 1 {
            let lo = Int(compStart[c]), hi = Int(compStart[c + 1])
            let samples = min(8, hi - lo)
            var chosen: [Int32] = []
            for sIdx in 0..<samples {
                let x = compAtoms[lo + sIdx * (hi - lo) / samples]
                for _ in 0..<(samples >= 3 ? 1 : 3) {
                    guard let (y, _) = grid.nearest(g.cx[Int(x)], g.cy[Int(x)], accept: { b in
                        unitOfAtom[Int(b)] == unitOfAtom[Int(x)] && component[Int(b)] != Int32(c) && !chosen.contains(b)
                    }) else { break }
                    chosen.append(y)
                    result.bridgeA.append(x); result.bridgeB.append(y)
                }
            }
        }
        result.unitCount = rs.count
        result.districts = alloc
        return result
    }
}


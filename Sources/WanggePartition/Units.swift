/// Independent pieces of the problem: nest units × connected components of the atom graph.
/// Components too light for a district of their own are bridged to the nearest piece (the
/// district holding them is then reported as not contiguous); k is spread over units by load
/// with largest remainders.
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
        var components = 0
        for v in 0..<m where uf.find(Int32(v)) == Int32(v) { components += 1 }

        var result = Units(unitOfAtom: [], unitCount: 0, districts: [])
        let grid = GridIndex(x: g.cx, y: g.cy)

        // Joins unit `r` to the nearest other unit (same nest unit only when `sameNest`).
        func bridge(_ r: Int32, sameNest: Bool) -> Bool {
            let stride = max(1, size[Int(r)] / 64)
            var best: (Int32, Int32, Double)? = nil
            var a = head[Int(r)], i = 0
            while a >= 0 {
                if i % stride == 0 {
                    let na = nest[Int(a)]
                    if let (b, d) = grid.nearest(g.cx[Int(a)], g.cy[Int(a)], accept: { b in
                        (!sameNest || nest[Int(b)] == na) && uf.find(b) != r
                    }) {
                        if best == nil || d < best!.2 { best = (a, b, d) }
                    }
                }
                a = next[Int(a)]; i += 1
            }
            guard let (x, y, _) = best else { return false }
            result.bridgeA.append(x); result.bridgeB.append(y)
            union(x, y)
            return true
        }
        func roots() -> [Int32] { (0..<m).compactMap { uf.find(Int32($0)) == Int32($0) ? Int32($0) : nil } }

        // 1. Light components join their nearest neighbour in the same nest unit.
        var bridged = 0
        let light = (1 - tol) * target
        var changed = true
        while changed {
            changed = false
            let lightRoots = roots().filter { load[Int($0)] < light }
                .sorted { (load[Int($0)], $0) < (load[Int($1)], $1) }
            for r in lightRoots where uf.find(r) == r && load[Int(r)] < light {
                if bridge(r, sameNest: true) { bridged += 1; changed = true }
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
        // 3. Allocate k by largest remainder; merge units whose share cannot be balanced.
        var alloc: [Int] = []
        while true {
            rs = roots()
            let q = rs.map { load[Int($0)] / target }
            alloc = q.map { max(1, Int($0.rounded(.down))) }
            for i in 0..<rs.count { alloc[i] = min(alloc[i], size[Int(rs[i])]) }
            var sum = alloc.reduce(0, +)
            while sum > k {
                var pick = -1
                for i in 0..<rs.count where alloc[i] > 1 {
                    if pick < 0 || q[i] - Double(alloc[i]) < q[pick] - Double(alloc[pick]) { pick = i }
                }
                if pick < 0 { break }
                alloc[pick] -= 1; sum -= 1
            }
            while sum < k {
                var pick = -1
                for i in 0..<rs.count where alloc[i] < size[Int(rs[i])] {
                    if pick < 0 || q[i] - Double(alloc[i]) > q[pick] - Double(alloc[pick]) { pick = i }
                }
                if pick < 0 { break }
                alloc[pick] += 1; sum += 1
            }
            var merged = false
            if rs.count > 1 {
                for i in 0..<rs.count {
                    let l = load[Int(rs[i])], d = Double(alloc[i])
                    let ok = l >= d * (1 - tol) * target - 1e-9 && l <= d * (1 + tol) * target + 1e-9
                    if !ok && bridge(rs[i], sameNest: true) { bridged += 1; merged = true; break }
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
        result.unitCount = rs.count
        result.districts = alloc
        return result
    }
}

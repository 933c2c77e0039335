import WanggeModel

/// One chain's plan with the per-district sums behind its figures. A step changes two districts;
/// `apply` updates the sums from those two districts' nodes and edges only.
struct ChainState {
    let g: EnsembleGraph
    var part: [Int32]
    var members: [[Int32]]
    var load: [Double], mx: [Double], my: [Double], mq: [Double], disp: [Double]
    var sites: [Int], boundary: [Int]
    var cutEdges = 0
    var relationCut = 0.0
    /// Per unit (group / village): district → nodes-with-multiplicity there, and units split.
    var groupIn: [[Int32: Int32]], villageIn: [[Int32: Int32]]
    var groupsSplit = 0, villagesSplit = 0
    /// Whether a district may be merged (contiguous at the start and inside one nest unit), and its nest unit.
    let open: [Bool]
    let districtNest: [Int32]
    /// Scratch: local index of a union node (−1 elsewhere), district stamps.
    var local: [Int32]
    var stamp: [Int32]
    var stampValue: Int32 = 0

    init(graph g: EnsembleGraph, part: [Int32]) {
        self.g = g
        self.part = part
        let k = g.k
        members = [[Int32]](repeating: [], count: k)
        for v in 0..<g.nodeCount { members[Int(part[v])].append(Int32(v)) }
        load = [Double](repeating: 0, count: k); mx = load; my = load; mq = load; disp = load
        sites = [Int](repeating: 0, count: k); boundary = sites
        groupIn = [[Int32: Int32]](repeating: [:], count: g.groupCount)
        villageIn = [[Int32: Int32]](repeating: [:], count: g.villageCount)
        local = [Int32](repeating: -1, count: g.nodeCount)
        stamp = [Int32](repeating: 0, count: k)
        // Open districts: connected in the node graph and inside one nest unit.
        var nestOf = [Int32](repeating: Int32.min, count: k)
        var isOpen = [Bool](repeating: true, count: k)
        for v in 0..<g.nodeCount {
            let d = Int(part[v])
            if nestOf[d] == Int32.min { nestOf[d] = g.nest[v] } else if nestOf[d] != g.nest[v] { isOpen[d] = false }
        }
        let pieces = Self.pieceCounts(g, part: part)
        for d in 0..<k where pieces[d] != 1 { isOpen[d] = false }
        open = isOpen; districtNest = nestOf
        for d in 0..<k { recomputeDistrict(d) }
        for v in 0..<g.nodeCount {
            for e in g.neighbourRange(v) where Int(g.adj[e]) > v && part[Int(g.adj[e])] != part[v] { cutEdges += Int(g.edgeWeight[e]) }
            for e in g.relationRange(v) where Int(g.relAdj[e]) > v && part[Int(g.relAdj[e])] != part[v] { relationCut += g.relW[e] }
            addUnits(v, part[v], +1)
        }
    }

    static func pieceCounts(_ g: EnsembleGraph, part: [Int32]) -> [Int] {
        var seen = [Bool](repeating: false, count: g.nodeCount), per = [Int](repeating: 0, count: g.k)
        var queue: [Int32] = []
        for s in 0..<g.nodeCount where !seen[s] {
            per[Int(part[s])] += 1
            seen[s] = true; queue = [Int32(s)]
            var h = 0
            while h < queue.count {
                let u = Int(queue[h]); h += 1
                for e in g.neighbourRange(u) {
                    let t = Int(g.adj[e])
                    if !seen[t] && part[t] == part[u] { seen[t] = true; queue.append(Int32(t)) }
                }
            }
        }
        return per
    }

    @inline(__always) func mergeable(_ a: Int, _ b: Int) -> Bool {
        a != b && open[a] && open[b] && districtNest[a] == districtNest[b]
    }

    mutating func recomputeDistrict(_ d: Int) {
        var l = 0.0, x = 0.0, y = 0.0, q = 0.0, s = 0, b = 0
        let dd = Int32(d)
        for v32 in members[d] {
            let v = Int(v32)
            l += g.load[v]; x += g.sx[v]; y += g.sy[v]; q += g.sq[v]; s += Int(g.sites[v])
            for e in g.neighbourRange(v) where part[Int(g.adj[e])] != dd { b += Int(g.edgeWeight[e]) }
        }
        load[d] = l; mx[d] = x; my[d] = y; mq[d] = q; disp[d] = districtDispersion(l, x, y, q)
        sites[d] = s; boundary[d] = b
    }

    mutating func addUnits(_ v: Int, _ d: Int32, _ sign: Int32) {
        if let off = g.groupOffsets, let units = g.groupUnits {
            for j in Int(off[v])..<Int(off[v + 1]) { Self.count(&groupIn[Int(units[j])], d, sign, &groupsSplit) }
        }
        if let off = g.villageOffsets, let units = g.villageUnits {
            for j in Int(off[v])..<Int(off[v + 1]) { Self.count(&villageIn[Int(units[j])], d, sign, &villagesSplit) }
        }
    }

    @inline(__always) static func count(_ m: inout [Int32: Int32], _ d: Int32, _ sign: Int32, _ split: inout Int) {
        let before = m.count
        let c = (m[d] ?? 0) + sign
        m[d] = c == 0 ? nil : c
        let after = m.count
        if before <= 1 && after > 1 { split += 1 } else if before > 1 && after <= 1 { split -= 1 }
    }

    /// Marks the union's nodes with their local index; returns the node list (a's members, then b's).
    mutating func markUnion(_ a: Int, _ b: Int) -> [Int32] {
        let nodes = members[a] + members[b]
        for (i, v) in nodes.enumerated() { local[Int(v)] = Int32(i) }
        return nodes
    }

    mutating func unmark(_ nodes: [Int32]) { for v in nodes { local[Int(v)] = -1 } }

    /// Number of districts adjacent to district `d` that it may merge with, when the union's nodes
    /// (marked) take the districts `newPart` (indexed by local index; nil = current plan).
    mutating func mergeableDegree(_ d: Int, nodes: [Int32], newPart: [Int32]?) -> Int {
        stampValue &+= 1
        if stampValue == Int32.max { for i in 0..<stamp.count { stamp[i] = 0 }; stampValue = 1 }
        var deg = 0
        let dd = Int32(d)
        for (i, v32) in nodes.enumerated() {
            let v = Int(v32)
            let pv = newPart?[i] ?? part[v]
            guard pv == dd else { continue }
            for e in g.neighbourRange(v) {
                let t = Int(g.adj[e])
                let l = local[t]
                let pt = l >= 0 ? (newPart?[Int(l)] ?? part[t]) : part[t]
                if pt != dd && stamp[Int(pt)] != stampValue {
                    stamp[Int(pt)] = stampValue
                    if mergeable(d, Int(pt)) { deg += 1 }
                }
            }
        }
        return deg
    }

    /// Gives the union's (marked) nodes the districts `newPart` (by local index; both in {a, b})
    /// and updates every figure from the two districts only.
    mutating func apply(_ a: Int, _ b: Int, nodes: [Int32], newPart: [Int32]) {
        // Edges and relations inside the union: the only ones whose cut status can change.
        var cutDelta = 0, relDelta = 0.0
        for (i, v32) in nodes.enumerated() {
            let v = Int(v32)
            let oldV = part[v], newV = newPart[i]
            for e in g.neighbourRange(v) {
                let t = Int(g.adj[e]); let l = local[t]
                guard l > Int32(i) else { continue }
                let w = Int(g.edgeWeight[e])
                if part[t] != oldV { cutDelta -= w }
                if newPart[Int(l)] != newV { cutDelta += w }
            }
            for e in g.relationRange(v) {
                let t = Int(g.relAdj[e]); let l = local[t]
                guard l > Int32(i) else { continue }
                if part[t] != oldV { relDelta -= g.relW[e] }
                if newPart[Int(l)] != newV { relDelta += g.relW[e] }
            }
        }
        cutEdges += cutDelta
        relationCut += relDelta
        members[a].removeAll(keepingCapacity: true); members[b].removeAll(keepingCapacity: true)
        for (i, v32) in nodes.enumerated() {
            let v = Int(v32)
            if part[v] != newPart[i] { addUnits(v, part[v], -1); addUnits(v, newPart[i], +1); part[v] = newPart[i] }
            members[Int(newPart[i])].append(v32)
        }
        recomputeDistrict(a); recomputeDistrict(b)
    }

    var figures: EnsembleFigures {
        var worst = 0.0, total = 0.0, pp = 0.0, ppCount = 0
        for d in 0..<g.k {
            worst = max(worst, abs(load[d] - g.target) / g.target)
            total += disp[d]
            if let p = EnsembleFigures.isoperimetricProxy(sites: sites[d], boundaryEdges: boundary[d]) { pp += p; ppCount += 1 }
        }
        return EnsembleFigures(maxDeviation: worst, relationCut: g.relationTotal > 0 ? max(0, relationCut) / g.relationTotal : nil,
                               dispersion: total, polsbyPopper: ppCount > 0 ? pp / Double(ppCount) : 0, cutEdges: cutEdges,
                               groupsSplit: g.groupOffsets == nil ? nil : groupsSplit,
                               villagesSplit: g.villageOffsets == nil ? nil : villagesSplit)
    }
}

import WanggeModel

/// Move-based improvement of a k-way partition of one level graph, keeping every district
/// connected: balance rounds (load flows from heavy to light neighbours) and quality rounds
/// (boundary moves that lower relation cut, dispersion and cut edges without leaving the band).
struct Refiner {
    var g: LevelGraph
    var part: [Int32]
    let k: Int
    /// Mean load of the unit's districts, and the allowed band.
    let target: Double
    let lower: Double, upper: Double
    /// Cost of one unit of relation weight cut and of one unit of contiguity edge weight cut.
    let relationCost: Double
    let edgeCost: Double
    var loads: [Double]
    var mass: [Double], sx: [Double], sy: [Double]
    var nodeCount: [Int]
    /// Redraw: nodes that may not move, districts nothing may enter or leave, each node's previous
    /// district (-1 none) and the cost per unit load of leaving it. Empty arrays mean none.
    var locked: [Bool] = []
    var closed: [Bool] = []
    var home: [Int32] = []
    var homeCost = 0.0
    /// Stops the rounds early when set (the caller then throws `CancellationError`).
    var cancellation: Cancellation = .never
    // Scratch for connectivity checks.
    var stamp: [UInt32]
    var stampValue: UInt32 = 0
    var queue: [Int32] = []
    private var bfsLimit = 256

    init(graph: LevelGraph, part: [Int32], k: Int, target: Double, lower: Double, upper: Double,
         relationCost: Double, edgeCost: Double) {
        g = graph; self.part = part; self.k = k; self.target = target
        self.lower = lower; self.upper = upper; self.relationCost = relationCost; self.edgeCost = edgeCost
        loads = [Double](repeating: 0, count: k); mass = loads; sx = loads; sy = loads
        nodeCount = [Int](repeating: 0, count: k)
        for v in 0..<graph.count {
            let d = Int(part[v])
            loads[d] += graph.load[v]; mass[d] += graph.mass[v]
            sx[d] += graph.mass[v] * graph.cx[v]; sy[d] += graph.mass[v] * graph.cy[v]
            nodeCount[d] += 1
        }
        stamp = [UInt32](repeating: 0, count: graph.count)
        queue.reserveCapacity(bfsLimit + 16)
    }

    @inline(__always) func isClosed(_ d: Int) -> Bool { !closed.isEmpty && closed[d] }

    var inBand: Bool {
        for d in 0..<k where !isClosed(d) && (loads[d] < lower - 1e-9 || loads[d] > upper + 1e-9) { return false }
        return true
    }

    /// Change in cost (dispersion + relation + edges) if `v` moves from its district to `b`.
    @inline(__always) func delta(_ v: Int, to b: Int) -> Double {
        let a = Int(part[v])
        let w = g.mass[v], px = g.cx[v], py = g.cy[v]
        var d = 0.0
        let ma = mass[a], mb = mass[b]
        if ma - w > 0 {
            let ax = sx[a] / ma - px, ay = sy[a] / ma - py
            d -= w * ma / (ma - w) * (ax * ax + ay * ay)
        }
        if mb > 0 {
            let bx = sx[b] / mb - px, by = sy[b] / mb - py
            d += w * mb / (mb + w) * (bx * bx + by * by)
        }
        if edgeCost > 0 {
            var e = 0.0
            for j in g.neighbourRange(v) {
                let t = Int(part[Int(g.adj[j])])
                if t == a { e += Double(g.edgeWeight[j]) } else if t == b { e -= Double(g.edgeWeight[j]) }
            }
            d += edgeCost * e
        }
        if !home.isEmpty {
            let h = Int(home[v])
            if h == a { d += homeCost * g.load[v] } else if h == b { d -= homeCost * g.load[v] }
        }
        if relationCost > 0 {
            var r = 0.0
            for j in g.relationRange(v) {
                let t = Int(part[Int(g.relAdj[j])])
                if t == a { r += g.relW[j] } else if t == b { r -= g.relW[j] }
            }
            d += relationCost * r
        }
        return d
    }

    mutating func move(_ v: Int, to b: Int) {
        let a = Int(part[v])
        let w = g.mass[v]
        loads[a] -= g.load[v]; loads[b] += g.load[v]
        mass[a] -= w; mass[b] += w
        sx[a] -= w * g.cx[v]; sy[a] -= w * g.cy[v]; sx[b] += w * g.cx[v]; sy[b] += w * g.cy[v]
        nodeCount[a] -= 1; nodeCount[b] += 1
        part[v] = Int32(b)
    }

    @inline(__always) func touches(_ v: Int, _ b: Int) -> Bool {
        for j in g.neighbourRange(v) where Int(part[Int(g.adj[j])]) == b { return true }
        return false
    }

    /// Whether removing `v` keeps its district connected (conservative: a search that grows
    /// past its limit answers no).
    mutating func removable(_ v: Int) -> Bool {
        let a = part[v]
        if nodeCount[Int(a)] <= 1 { return false }
        if !locked.isEmpty && locked[v] { return false }
        var first = -1, targets = 0
        stampValue &+= 2
        if stampValue < 2 { stamp = [UInt32](repeating: 0, count: g.count); stampValue = 2 }
        let want = stampValue, seen = stampValue + 1
        for j in g.neighbourRange(v) {
            let u = Int(g.adj[j])
            if part[u] == a && stamp[u] != want {
                stamp[u] = want; targets += 1
                if first < 0 { first = u }
            }
        }
        if targets <= 1 { return targets == 1 || nodeCount[Int(a)] > 1 }
        queue.removeAll(keepingCapacity: true)
        stamp[first] = seen; queue.append(Int32(first))
        var found = 1, head = 0
        stamp[v] = seen
        while head < queue.count {
            let u = Int(queue[head]); head += 1
            for j in g.neighbourRange(u) {
                let t = Int(g.adj[j])
                if part[t] != a { continue }
                let s = stamp[t]
                if s == seen { continue }
                if s == want { found += 1; if found == targets { stamp[v] = 0; return true } }
                stamp[t] = seen
                queue.append(Int32(t))
            }
            if queue.count > bfsLimit { break }
        }
        stamp[v] = 0
        return false
    }

    private struct Candidate { var delta: Double; var v: Int32; var to: Int32 }

    /// Boundary candidates: for each node its best allowed neighbouring district.
    /// Nodes with a neighbour in another district.
    func boundaryNodes() -> [Int32] {
        var out: [Int32] = []
        for v in 0..<g.count {
            let a = part[v]
            for j in g.neighbourRange(v) where part[Int(g.adj[j])] != a { out.append(Int32(v)); break }
        }
        return out
    }

    private func gather(balance: Bool, hiGate: Double, loGate: Double, nodes: [Int32]? = nil) -> [Candidate] {
        var out: [Candidate] = []
        var seenDistricts: [Int32] = []
        let count = nodes?.count ?? g.count
        for idx in 0..<count {
            let v = nodes.map { Int($0[idx]) } ?? idx
            let a = part[v]
            seenDistricts.removeAll(keepingCapacity: true)
            for j in g.neighbourRange(v) {
                let t = part[Int(g.adj[j])]
                if t != a && !seenDistricts.contains(t) { seenDistricts.append(t) }
            }
            if seenDistricts.isEmpty { continue }
            let w = g.load[v]
            let la = loads[Int(a)]
            if balance {
                if isClosed(Int(a)) { continue }
                if !(la > hiGate) && seenDistricts.allSatisfy({ loads[Int($0)] >= loGate }) { continue }
            }
            var best = Double.infinity, bestTo: Int32 = -1
            if !locked.isEmpty && locked[v] { continue }
            for b in seenDistricts {
                if isClosed(Int(b)) { continue }
                let lb = loads[Int(b)]
                if balance {
                    guard la - lb > w, la > hiGate || lb < loGate else { continue }
                } else {
                    guard lb + w <= upper || w == 0, la - w >= lower || w == 0 else { continue }
                }
                let d = delta(v, to: Int(b))
                if d < best || (d == best && b < bestTo) { best = d; bestTo = b }
            }
            if bestTo >= 0 && (balance || best < 0) {
                out.append(Candidate(delta: best, v: Int32(v), to: bestTo))
            }
        }
        out.sort { $0.delta < $1.delta || ($0.delta == $1.delta && $0.v < $1.v) }
        return out
    }

    /// Balance rounds until every district is in the band or nothing moves.
    mutating func balance(maxRounds: Int) {
        let half = (upper - lower) / 4
        let hiGate = min(target + half, upper), loGate = max(target - half, lower)
        var rounds = 0
        var boundary: [Int32] = []
        while rounds < maxRounds && !inBand && !cancellation.isCancelled {
            if rounds % 4 == 0 { boundary = boundaryNodes() }
            rounds += 1
            var moved = 0
            for c in gather(balance: true, hiGate: hiGate, loGate: loGate, nodes: boundary) {
                let v = Int(c.v), b = Int(c.to), a = Int(part[v])
                let w = g.load[v]
                guard loads[a] - loads[b] > w, loads[a] > hiGate || loads[b] < loGate else { continue }
                guard touches(v, b), removable(v) else { continue }
                move(v, to: b); moved += 1
            }
            if moved == 0 { break }
        }
    }

    /// Quality rounds: apply improving moves, best first, while they stay allowed.
    mutating func improve(maxRounds: Int) {
        for _ in 0..<maxRounds where !cancellation.isCancelled {
            var moved = 0
            var gained = 0.0
            for c in gather(balance: false, hiGate: 0, loGate: 0) {
                let v = Int(c.v), b = Int(c.to), a = Int(part[v])
                if a == b { continue }
                let w = g.load[v]
                guard (loads[b] + w <= upper && loads[a] - w >= lower) || w == 0 else { continue }
                let d = delta(v, to: b)
                guard d < 0, touches(v, b), removable(v) else { continue }
                move(v, to: b); moved += 1; gained -= d
            }
            if moved == 0 || moved < max(2, g.count / 2000) { break }
        }
    }
}

extension Refiner {
    /// Quality rounds of pair exchanges: a boundary node v of district a goes to a neighbouring
    /// district b while a neighbour u of v in b comes to a, when the pair lowers the cost, both
    /// districts stay in the band and connected. Reaches what single moves cannot once districts
    /// sit at the edge of the band (work groups much heavier than the slack).
    mutating func improveBySwaps(maxRounds: Int) {
        for _ in 0..<maxRounds where !cancellation.isCancelled {
            var swapped = 0
            for v in 0..<g.count {
                let a = Int(part[v])
                if !locked.isEmpty && locked[v] { continue }
                for j in g.neighbourRange(v) {
                    let u = Int(g.adj[j]), b = Int(part[u])
                    if b == a || isClosed(a) || isClosed(b) || (!locked.isEmpty && locked[u]) { continue }
                    let dl = g.load[v] - g.load[u]
                    guard loads[a] - dl >= lower - 1e-9, loads[a] - dl <= upper + 1e-9,
                          loads[b] + dl >= lower - 1e-9, loads[b] + dl <= upper + 1e-9 else { continue }
                    let dv = delta(v, to: b)
                    // The cost is checked before u's connectivity (the costlier test); `exchange`
                    // does the same moves in the other order.
                    guard removable(v) else { continue }
                    move(v, to: b)
                    let du = delta(u, to: a)
                    if dv + du < -1e-9 * (abs(dv) + abs(du) + 1), touches(u, a), removable(u) {
                        move(u, to: a)
                        if touches(v, b) { swapped += 1; break }
                        move(u, to: b)
                    }
                    move(v, to: a)
                }
            }
            if swapped == 0 { break }
        }
    }

    /// Moves `v` to `b` and `u` (of `b`) to `v`'s district when both districts stay connected;
    /// undoes it and answers false otherwise.
    mutating func exchange(_ v: Int, to b: Int, with u: Int) -> Bool {
        let a = Int(part[v])
        guard touches(v, b), removable(v) else { return false }
        move(v, to: b)
        if Int(part[u]) == b, touches(u, a), removable(u) {
            move(u, to: a)
            if touches(v, b) { return true }
            move(u, to: b)
        }
        move(v, to: a)
        return false
    }
}

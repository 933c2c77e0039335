/// Redraw balance as a flow (issue 12): each open district outside the band must give its excess
/// (down to the upper edge) or take its deficit (up to the lower edge) — the nearest band edge,
/// since moving just inside the band moves least; districts inside the band may pass load on, give
/// what they hold above the lower edge or take room below the upper edge. A min-cost flow on the
/// district adjacency graph (walkable: the atom graph has no edge across a barrier except at a
/// crossing) says how much load crosses each shared border, at a cost of one per unit load and
/// border, less where the giving district holds atoms that cost no retention to move (newcomers,
/// atoms already away from home). Each arc is then realised by the cheapest set of the giving
/// district's boundary atoms touching the receiving one (a small subset search: whole work groups
/// cannot match a flow exactly, so the set is judged by the load it leaves outside the band at both
/// ends, counting the flows still to come, then by the retention it costs), keeping the giver
/// connected. Rounds repeat from the loads reached until every district is in the band or a round
/// moves nothing.
struct BandFlow {
    /// Net flow per directed district pair, in an order where a district's inflows come before
    /// its outflows when the flow allows (sources first).
    var arcs: [(from: Int32, to: Int32, load: Double)]

    /// Min-cost flow by successive shortest paths (Bellman–Ford on the residual graph, which has
    /// negative arcs: the mandatory excess and deficit carry a large negative cost so that they
    /// are routed first; a path is taken only while its cost is negative).
    /// - Parameters:
    ///   - cheap: per directed district pair (from << 32 | to), load that may cross at a lower cost.
    static func solve(graph dg: DistrictGraph, loads: [Double], closed: [Bool], lower: Double, upper: Double,
                      cheap: [Int64: Double], border: [Int64: Double] = [:], cheapCost: Double = 0.25,
                      blocked: Set<Int64> = []) -> BandFlow {
        let k = loads.count
        let s = k, t = k + 1, n = k + 2
        var head = [Int](repeating: -1, count: n)
        var next: [Int] = [], to: [Int] = [], cap: [Double] = [], cost: [Double] = []
        func addArc(_ u: Int, _ v: Int, _ c: Double, _ w: Double) {
            to.append(v); cap.append(c); cost.append(w); next.append(head[u]); head[u] = to.count - 1
            to.append(u); cap.append(0); cost.append(-w); next.append(head[v]); head[v] = to.count - 1
        }
        func isClosed(_ d: Int) -> Bool { !closed.isEmpty && closed[d] }
        let big = 10.0 * Double(k + 2)
        let tiny = 1e-9 * max(upper, 1)
        var total = 0.0
        for d in 0..<k where !isClosed(d) {
            let l = loads[d]
            if l > upper + tiny { addArc(s, d, l - upper, -big) }
            if l < lower - tiny { addArc(d, t, lower - l, -big) }
            // Spare above the lower edge and room below the upper edge, at no cost.
            let spare = min(l, upper) - lower, room = upper - max(l, lower)
            if spare > tiny { addArc(s, d, spare, 0) }
            if room > tiny { addArc(d, t, room, 0) }
            total += l
        }
        let unbounded = total + 1
        var firstBorderArc = to.count
        for d in 0..<k where !isClosed(d) {
            for e in dg.neighbours(d) where !isClosed(Int(e)) {
                let key = Int64(d) << 32 | Int64(e)
                if blocked.contains(key) { continue }
                let c = cheap[key] ?? 0
                if c > tiny { addArc(d, Int(e), c, cheapCost) }
                // What can cross in one round: the load of the giver's atoms on that border.
                let rest = border.isEmpty ? unbounded : (border[key] ?? 0) - c
                if rest > tiny { addArc(d, Int(e), rest, 1) }
            }
        }
        // Successive shortest paths.
        var dist = [Double](repeating: 0, count: n)
        var via = [Int](repeating: -1, count: n)
        var inQueue = [Bool](repeating: false, count: n)
        for _ in 0..<(4 * k + 64) {
            for i in 0..<n { dist[i] = .infinity; via[i] = -1 }
            dist[s] = 0
            var queue = [s], qh = 0
            inQueue[s] = true
            var relaxations = 0
            while qh < queue.count {
                let u = queue[qh]; qh += 1; inQueue[u] = false
                var a = head[u]
                while a >= 0 {
                    if cap[a] > tiny, dist[u] + cost[a] < dist[to[a]] - 1e-12 {
                        dist[to[a]] = dist[u] + cost[a]; via[to[a]] = a
                        if !inQueue[to[a]] { inQueue[to[a]] = true; queue.append(to[a]) }
                    }
                    a = next[a]
                }
                relaxations += 1
                if relaxations > 50 * n * n { break }
            }
            guard dist[t] < -1e-9 else { break }
            var push = Double.infinity, v = t
            while v != s { let a = via[v]; push = min(push, cap[a]); v = to[a ^ 1] }
            if !(push > tiny) || push == .infinity { break }
            v = t
            while v != s { let a = via[v]; cap[a] -= push; cap[a ^ 1] += push; v = to[a ^ 1] }
        }
        // Net flow per district pair.
        var net: [Int64: Double] = [:]
        while firstBorderArc < to.count {
            let a = firstBorderArc
            let flow = cap[a ^ 1]
            if flow > tiny {
                let u = to[a ^ 1], v = to[a]
                net[Int64(u) << 32 | Int64(v), default: 0] += flow
                net[Int64(v) << 32 | Int64(u), default: 0] -= flow
            }
            firstBorderArc += 2
        }
        var arcs: [(from: Int32, to: Int32, load: Double)] = []
        for key in net.keys.sorted() where net[key]! > tiny {
            arcs.append((Int32(truncatingIfNeeded: key >> 32), Int32(truncatingIfNeeded: key & 0xFFFF_FFFF), net[key]!))
        }
        // Sources first (Kahn's order on the flow's districts; a cycle, which a min-cost flow does
        // not leave, would keep index order).
        var indegree = [Int](repeating: 0, count: k)
        for arc in arcs { indegree[Int(arc.to)] += 1 }
        var order = [Int](repeating: Int.max, count: k)
        var ready = (0..<k).filter { indegree[$0] == 0 }
        var position = 0
        while !ready.isEmpty {
            let d = ready.removeFirst()
            order[d] = position; position += 1
            for arc in arcs where Int(arc.from) == d {
                indegree[Int(arc.to)] -= 1
                if indegree[Int(arc.to)] == 0 { ready.append(Int(arc.to)) }
            }
        }
        arcs.sort { (order[Int($0.from)], $0.from, $0.to) < (order[Int($1.from)], $1.from, $1.to) }
        return BandFlow(arcs: arcs)
    }
}

extension Refiner {
    /// Balances by band flows realised with whole atoms (see `BandFlow`); for coarse atoms on
    /// small plans (every district's boundary atoms are searched).
    mutating func balanceByBandFlow(retention: RetentionCost, rounds: Int = 12, cheapCost: Double = 0.25, capped: Bool = true) {
        var members = DistrictMembers(part: part, k: k)
        // Borders a planned flow could not cross (no set of whole atoms helped): not planned again.
        var blocked = Set<Int64>()
        for _ in 0..<rounds where !inBand {
            let dg = DistrictGraph(g, part: part, k: k, closed: closed)
            // Load that crosses a border at no retention cost: atoms away from home (or newcomers).
            var cheap: [Int64: Double] = [:], border: [Int64: Double] = [:]
            for v in 0..<g.count where g.load[v] > 0 && !(!locked.isEmpty && locked[v]) {
                let a = part[v]
                if isClosed(Int(a)) { continue }
                let free = retention.cost(v, from: a, to: -1, home: home) <= 1e-9
                var seen: [Int32] = []
                for j in g.neighbourRange(v) {
                    let b = part[Int(g.adj[j])]
                    if b != a && !isClosed(Int(b)) && !seen.contains(b) {
                        seen.append(b)
                        border[Int64(a) << 32 | Int64(b), default: 0] += g.load[v]
                        if free { cheap[Int64(a) << 32 | Int64(b), default: 0] += g.load[v] }
                    }
                }
            }
            let flow = BandFlow.solve(graph: dg, loads: loads, closed: closed, lower: lower, upper: upper, cheap: cheap,
                                      border: capped ? border : [:], cheapCost: cheapCost, blocked: blocked)
            if flow.arcs.isEmpty { break }
            if traceOn { traceLine("band flow round: outside \((0..<k).reduce(0.0) { $0 + excess(loads[$1]) })") }
            var restOut = [Double](repeating: 0, count: k), restIn = restOut
            for arc in flow.arcs { restOut[Int(arc.from)] += arc.load; restIn[Int(arc.to)] += arc.load }
            var moved = 0, blockedNow = 0
            for arc in flow.arcs {
                let a = arc.from, b = arc.to
                restOut[Int(a)] -= arc.load; restIn[Int(b)] -= arc.load
                let endA = restIn[Int(a)] - restOut[Int(a)], endB = restIn[Int(b)] - restOut[Int(b)]
                let chosen = giveSet(from: a, to: b, amount: arc.load, endA: endA, endB: endB,
                                     members: &members, retention: retention)
                if chosen.isEmpty { blocked.insert(Int64(a) << 32 | Int64(b)); blockedNow += 1 }
                var w = 0.0, c = 0.0
                for v in chosen {
                    w += g.load[Int(v)]; c += retention.cost(Int(v), from: a, to: b, home: home)
                    move(Int(v), to: Int(b)); members.moved(v, from: a, to: b); moved += 1
                }
                if traceOn { traceLine("  arc D\(a + 1)→D\(b + 1) flow \(arc.load) realised \(w) cost \(c) loads now \(loads[Int(a)]) \(loads[Int(b)])") }
            }
            if moved == 0 && blockedNow == 0 { break }
        }
    }

    /// The set of `a`'s atoms touching `b` to pass for a planned flow of `amount`: least load left
    /// outside the band at `a` and `b` once the flows still planned (`endA`, `endB`: their net
    /// inflow) arrive, then least retention lost, then closest to `amount`; `a` stays connected.
    private mutating func giveSet(from a: Int32, to b: Int32, amount: Double, endA: Double, endB: Double,
                                  members: inout DistrictMembers, retention: RetentionCost) -> [Int32] {
        var cands: [(cost: Double, load: Double, v: Int32)] = []
        for v in members.list[Int(a)] {
            let vi = Int(v)
            if (!locked.isEmpty && locked[vi]) || g.load[vi] <= 0 || !touches(vi, Int(b)) { continue }
            cands.append((retention.cost(vi, from: a, to: b, home: home), g.load[vi], v))
        }
        if cands.isEmpty { return [] }
        // The cheapest per unit of load first; at most 14 candidates, sets of up to 4.
        cands.sort { ($0.cost / $0.load, abs($0.load - amount), $0.v) < ($1.cost / $1.load, abs($1.load - amount), $1.v) }
        if cands.count > 14 { cands.removeLast(cands.count - 14) }
        let la = loads[Int(a)], lb = loads[Int(b)]
        struct Option { var outside: Double; var cost: Double; var gap: Double; var atoms: [Int32] }
        var options: [Option] = []
        let base = excess(la + endA) + excess(lb + endB)
        func consider(_ idx: [Int]) {
            var w = 0.0, c = 0.0
            for i in idx { w += cands[i].load; c += cands[i].cost }
            let out = excess(la - w + endA) + excess(lb + w + endB)
            // Only sets that leave less outside the band than passing nothing.
            guard out < base - 1e-9 else { return }
            options.append(Option(outside: (out * 1e6).rounded() / 1e6, cost: c, gap: abs(w - amount), atoms: idx.map { cands[$0].v }))
        }
        let c = cands.count
        for i in 0..<c {
            consider([i])
            for j in (i + 1)..<max(c, i + 1) {
                consider([i, j])
                for l in (j + 1)..<max(c, j + 1) {
                    consider([i, j, l])
                    for m in (l + 1)..<max(c, l + 1) { consider([i, j, l, m]) }
                }
            }
        }
        options.sort { ($0.outside, $0.cost, $0.gap, $0.atoms.count) < ($1.outside, $1.cost, $1.gap, $1.atoms.count) }
        for o in options.prefix(64) where connected(a, without: o.atoms, members: members) {
            return o.atoms
        }
        return []
    }
}

extension Refiner {
    /// Retention after balance: each atom away from home (heaviest continuing load first) is sent
    /// back when it touches its home district, and the band restored by band flows and chains (the
    /// flows now favour passing on atoms that cost nothing); the result is kept only when it is
    /// inside the band and moves less load from its previous district. Ends in the band if it
    /// started there.
    mutating func returnHomeByFlows(retention: RetentionCost, maxKicks: Int = 200) {
        guard inBand, !home.isEmpty else { return }
        var away: [Int32] = []
        for v in 0..<g.count where home[v] >= 0 && part[v] != home[v] && retention.homeLoad[v] > 0 {
            if !isClosed(Int(part[v])) && !isClosed(Int(home[v])) && !(!locked.isEmpty && locked[v]) { away.append(Int32(v)) }
        }
        away.sort { (-retention.homeLoad[Int($0)], $0) < (-retention.homeLoad[Int($1)], $1) }
        var best = redrawFigures(retention: retention)
        var kicks = 0
        for v32 in away where kicks < maxKicks {
            let v = Int(v32), h = Int(home[v])
            guard part[v] != home[v], touches(v, h), removable(v) else { continue }
            kicks += 1
            let saved = part
            move(v, to: h)
            balanceByBandFlow(retention: retention, rounds: 4)
            if !inBand { balanceByChains(retention: retention, maxChains: 2 * k + 20, maxSubset: 2) }
            let now = redrawFigures(retention: retention)
            if inBand && now.better(than: best) { best = now } else { reset(to: saved) }
        }
    }
}

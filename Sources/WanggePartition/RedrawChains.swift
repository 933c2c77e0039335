/// Redraw balance for coarse atoms (work groups a sizeable share of the band): ejection chains.
/// An out-of-band district passes a few of its boundary atoms to a neighbour; if that takes the
/// neighbour out of the band it passes on a few of its own atoms, and so on until a district with
/// room keeps them (pulling is the mirror image). The cheapest chain in retention is found with
/// Dijkstra over (district, load carried) states; every district on it ends inside the band and
/// stays connected.
struct DistrictMembers {
    var list: [[Int32]]

    init(part: [Int32], k: Int) {
        list = [[Int32]](repeating: [], count: k)
        for v in 0..<part.count { list[Int(part[v])].append(Int32(v)) }
    }

    mutating func moved(_ v: Int32, from a: Int32, to b: Int32) {
        if let i = list[Int(a)].firstIndex(of: v) { list[Int(a)].remove(at: i) }
        list[Int(b)].append(v)
    }
}

/// A binary min-heap of (cost, state) pairs.
private struct CostHeap {
    private var items: [(Double, Int32)] = []
    var isEmpty: Bool { items.isEmpty }

    mutating func push(_ cost: Double, _ state: Int32) {
        items.append((cost, state))
        var i = items.count - 1
        while i > 0 {
            let p = (i - 1) / 2
            if items[p] <= items[i] { break }
            items.swapAt(p, i); i = p
        }
    }

    mutating func pop() -> (Double, Int32) {
        let top = items[0]
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < items.count && items[l] < items[m] { m = l }
                if r < items.count && items[r] < items[m] { m = r }
                if m == i { break }
                items.swapAt(m, i); i = m
            }
        }
        return top
    }
}

extension Refiner {
    private struct ChainState {
        var district: Int32
        /// Push: load the district received; pull: load it gives.
        var amount: Double
        var parent: Int32
        var atoms: [Int32]
        var cost: Double
        /// Excess of the source after the chain's first step.
        var sourceExcess: Double
    }

    /// Whether district `d` stays connected without `gone` (its members as listed).
    mutating func connected(_ d: Int32, without gone: [Int32], members: DistrictMembers) -> Bool {
        let list = members.list[Int(d)]
        let remaining = list.count - gone.count
        if remaining <= 0 { return false }
        guard let first = list.first(where: { !gone.contains($0) }) else { return false }
        stampValue &+= 2
        if stampValue < 2 { stamp = [UInt32](repeating: 0, count: g.count); stampValue = 2 }
        let seen = stampValue
        queue.removeAll(keepingCapacity: true)
        stamp[Int(first)] = seen; queue.append(first)
        var h = 0
        while h < queue.count {
            let u = Int(queue[h]); h += 1
            for j in g.neighbourRange(u) {
                let t = g.adj[j]
                if part[Int(t)] == d && stamp[Int(t)] != seen && !gone.contains(t) { stamp[Int(t)] = seen; queue.append(t) }
            }
        }
        return queue.count == remaining
    }

    /// Whether `d` stays connected when `atoms` leave it for `e`, one after the other (each by
    /// the bounded `removable` check; the moves are undone).
    private mutating func canGive(_ atoms: [Int32], from d: Int32, to e: Int32) -> Bool {
        if atoms.count == 1 { return removable(Int(atoms[0])) }
        var done = 0, ok = true
        for v in atoms {
            if removable(Int(v)) { move(Int(v), to: Int(e)); done += 1 } else { ok = false; break }
        }
        for v in atoms.prefix(done).reversed() { move(Int(v), to: Int(d)) }
        return ok
    }

    /// Sets of up to `maxSubset` atoms of `d` touching `e` (not locked), from its `maxCandidates`
    /// cheapest boundary atoms, with their load and cost. Whether `d` stays connected without a set
    /// is checked only for the sets a chain would use (`canGive`).
    private mutating func giveSets(_ d: Int32, to e: Int32, members: DistrictMembers, retention: RetentionCost,
                                   maxSubset: Int, maxCandidates: Int) -> [(atoms: [Int32], load: Double, cost: Double)] {
        var cands: [(Double, Double, Int32)] = []
        for v in members.list[Int(d)] {
            let vi = Int(v)
            if (!locked.isEmpty && locked[vi]) || g.load[vi] <= 0 || !touches(vi, Int(e)) { continue }
            cands.append((max(0, retention.cost(vi, from: d, to: e, home: home)), g.load[vi], v))
        }
        cands.sort { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
        if cands.count > maxCandidates { cands.removeLast(cands.count - maxCandidates) }
        var out: [(atoms: [Int32], load: Double, cost: Double)] = []
        func add(_ idx: [Int]) {
            let atoms = idx.map { cands[$0].2 }
            out.append((atoms, idx.reduce(0) { $0 + cands[$1].1 }, idx.reduce(0) { $0 + cands[$1].0 }))
        }
        let c = cands.count
        for i in 0..<c {
            add([i])
            if maxSubset < 2 { continue }
            for j in (i + 1)..<max(c, i + 1) {
                add([i, j])
                if maxSubset < 3 { continue }
                for l in (j + 1)..<max(c, j + 1) { add([i, j, l]) }
            }
        }
        return out
    }

    /// Finds and applies the cheapest chain that lowers the excess of out-of-band district `s`.
    mutating func ejectionChain(from s: Int32, members: inout DistrictMembers, retention: RetentionCost,
                                maxSubset: Int = 3, maxCandidates: Int = 10, maxStates: Int = 20000,
                                relaxed: Bool = false) -> Bool {
        let push = loads[Int(s)] > upper
        var states: [ChainState] = []
        var best: [Int64: Double] = [:]
        var heap = CostHeap()
        // A small charge per load moved, so that among equal retention costs fewer households move.
        let perLoad = 0.01
        func key(_ d: Int32, _ amount: Double) -> Int64 { Int64(d) << 32 | Int64((amount * 1000).rounded()) }
        func onPath(_ d: Int32, _ st: Int32) -> Bool {
            var c = st
            while c >= 0 { if states[Int(c)].district == d { return true }; c = states[Int(c)].parent }
            return d == s
        }
        func offer(_ d: Int32, _ amount: Double, _ parent: Int32, _ atoms: [Int32], _ cost: Double, _ sourceExcess: Double) {
            let kk = key(d, amount)
            if let b = best[kk], b <= cost { return }
            best[kk] = cost
            states.append(ChainState(district: d, amount: amount, parent: parent, atoms: atoms, cost: cost, sourceExcess: sourceExcess))
            heap.push(cost, Int32(states.count - 1))
        }
        // The search moves nothing, so the sets between two districts and whether a set may leave
        // are the same every time a pair comes up again: computed once per chain search.
        var setCache: [Int64: [(atoms: [Int32], load: Double, cost: Double)]] = [:]
        var giveCache: [Int64: [Int8]] = [:]   // per set: 0 unknown, 1 yes, 2 no
        func sets(from d: Int32, to e: Int32) -> [(atoms: [Int32], load: Double, cost: Double)] {
            let kk = Int64(d) << 32 | Int64(e)
            if let c = setCache[kk] { return c }
            let c = giveSets(d, to: e, members: members, retention: retention, maxSubset: maxSubset, maxCandidates: maxCandidates)
            setCache[kk] = c; giveCache[kk] = [Int8](repeating: 0, count: c.count)
            return c
        }
        func mayGive(_ i: Int, from d: Int32, to e: Int32, _ atoms: [Int32]) -> Bool {
            let kk = Int64(d) << 32 | Int64(e)
            if let known = giveCache[kk]?[i], known != 0 { return known == 1 }
            let ok = canGive(atoms, from: d, to: e)
            giveCache[kk]?[i] = ok ? 1 : 2
            return ok
        }
        let before = excess(loads[Int(s)])
        func neighboursOf(_ d: Int32) -> [Int32] {
            var out: [Int32] = []
            for v in members.list[Int(d)] {
                for j in g.neighbourRange(Int(v)) {
                    let e = part[Int(g.adj[j])]
                    if e != d && !isClosed(Int(e)) && !out.contains(e) { out.append(e) }
                }
            }
            return out.sorted()
        }
        var neighbourMemo: [Int32: [Int32]] = [:]
        func neighbourCache(_ d: Int32) -> [Int32] {
            if let c = neighbourMemo[d] { return c }
            let c = neighboursOf(d); neighbourMemo[d] = c
            return c
        }
        for e in neighboursOf(s) {
            let (from, to) = push ? (s, e) : (e, s)
            for (i, set) in sets(from: from, to: to).enumerated() {
                let after = push ? loads[Int(s)] - set.load : loads[Int(s)] + set.load
                if excess(after) < before - 1e-9, mayGive(i, from: from, to: to, set.atoms) {
                    offer(e, set.load, -1, set.atoms, set.cost + perLoad * set.load, excess(after))
                }
            }
        }
        var expanded = 0
        while !heap.isEmpty && expanded < maxStates {
            let (cost, st) = heap.pop()
            let state = states[Int(st)]
            if best[key(state.district, state.amount)].map({ $0 < cost }) ?? false { continue }
            expanded += 1
            let d = state.district
            let now = push ? loads[Int(d)] + state.amount : loads[Int(d)] - state.amount
            // The chain ends where the district is in the band, or, failing that, where the total
            // load outside the band still falls.
            let ends = (now >= lower - 1e-9 && now <= upper + 1e-9)
                || (relaxed && state.sourceExcess + excess(now) - excess(loads[Int(d)]) < before - 1e-9)
            if ends {
                if apply(st, push: push, source: s, states: states, members: &members) { return true }
                continue
            }
            for e in neighbourCache(d) where !onPath(e, st) {
                let (from, to) = push ? (d, e) : (e, d)
                for (i, set) in sets(from: from, to: to).enumerated() {
                    let after = push ? now - set.load : now + set.load
                    if after < lower - 1e-9 || after > upper + 1e-9 { continue }
                    guard mayGive(i, from: from, to: to, set.atoms) else { continue }
                    offer(e, set.load, st, set.atoms, cost + set.cost + perLoad * set.load, state.sourceExcess)
                }
            }
        }
        return false
    }

    /// Applies the chain ending in state `found`: push moves each state's atoms into its district
    /// from the parent's (or the source); pull moves them out of its district into the parent's.
    /// Undoes it and answers false when a district on it would fall apart.
    private mutating func apply(_ found: Int32, push: Bool, source s: Int32, states: [ChainState],
                                members: inout DistrictMembers) -> Bool {
        var applied: [(Int32, Int32)] = []
        var touched: [Int32] = [s]
        var c = found
        while c >= 0 {
            let state = states[Int(c)]
            let other = state.parent >= 0 ? states[Int(state.parent)].district : s
            let to = push ? state.district : other
            touched.append(state.district)
            for v in state.atoms {
                let from = part[Int(v)]
                applied.append((v, from))
                move(Int(v), to: Int(to)); members.moved(v, from: from, to: to)
            }
            c = state.parent
        }
        if touched.allSatisfy({ connected($0, without: [], members: members) }) { return true }
        for (v, from) in applied.reversed() {
            let now = part[Int(v)]
            move(Int(v), to: Int(from)); members.moved(v, from: now, to: from)
        }
        return false
    }

    /// Ejection chains from the worst out-of-band districts until all are in the band or none helps.
    /// `leastFirst` starts from the district with the least excess instead of the most;
    /// `maxSubset` bounds the atoms passed per step.
    mutating func balanceByChains(retention: RetentionCost, maxChains: Int, leastFirst: Bool = false, maxSubset: Int = 3) {
        var members = DistrictMembers(part: part, k: k)
        var failed = [Bool](repeating: false, count: k)
        var chains = 0
        while chains < maxChains {
            var worst = -1, worstExcess = 0.0
            for d in 0..<k where !failed[d] && !isClosed(d) {
                let e = excess(loads[d])
                if e > 1e-9 && (worst < 0 || (leastFirst ? e < worstExcess : e > worstExcess)) { worst = d; worstExcess = e }
            }
            if worst < 0 { return }
            if ejectionChain(from: Int32(worst), members: &members, retention: retention, maxSubset: maxSubset)
                || ejectionChain(from: Int32(worst), members: &members, retention: retention, maxSubset: maxSubset, relaxed: true) {
                chains += 1
                for d in 0..<k { failed[d] = false }
            } else {
                failed[worst] = true
            }
        }
    }
}

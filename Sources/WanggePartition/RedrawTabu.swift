/// Redraw balance when chains fall short: tight packings of coarse atoms (work groups of 4–20
/// households against a band of ±3 households) need moves that pass through out-of-band states.
/// A tabu search over single boundary moves and swaps between neighbouring districts, around the
/// districts still outside the band, minimising first the load outside the band, then the load
/// moved from its previous district. Every applied move keeps both districts connected.
/// Deterministic: candidates are ranked by (score, atom, district).
extension Refiner {
    /// Ends on the best partition seen (the starting one when nothing improved on it).
    mutating func balanceByTabu(retention: RetentionCost, maxIterations: Int, depth: Int = 3,
                                maxRegionAtoms: Int = 20_000, keepExcess: Bool = false) {
        // Balance: around the districts out of the band. Retention (`keepExcess`, no move may add
        // load outside the band): around the districts that lost or gained atoms.
        var seeds = [Bool](repeating: false, count: k)
        for d in 0..<k where !isClosed(d) && !keepExcess && excess(loads[d]) > 1e-9 { seeds[d] = true }
        if keepExcess {
            for v in 0..<g.count where home[v] >= 0 && part[v] != home[v] && retention.homeLoad[v] > 0 {
                if !isClosed(Int(part[v])) { seeds[Int(part[v])] = true }
                if !isClosed(Int(home[v])) { seeds[Int(home[v])] = true }
            }
        }
        let active = tabuRegion(seeds: seeds, depth: keepExcess ? 1 : depth)
        // Atoms of the region's districts (districts only trade among themselves, so the list
        // stays right as atoms move).
        var region: [Int32] = []
        for v in 0..<g.count where active[Int(part[v])] { region.append(Int32(v)) }
        let regionAtoms = region.count
        guard regionAtoms > 0, regionAtoms <= maxRegionAtoms else { return }
        // About 3·10⁶ atom visits in all (each iteration looks at every atom of the region).
        let iterations = min(maxIterations, max(50, 3_000_000 / regionAtoms))

        func outside() -> Double {
            var s = 0.0
            for d in 0..<k where active[d] { s += excess(loads[d]) }
            return s
        }
        func movedLoad() -> Double {
            var s = 0.0
            for v32 in region where home[Int(v32)] >= 0 && part[Int(v32)] != home[Int(v32)] { s += retention.homeLoad[Int(v32)] }
            return s
        }
        // Excess dominates: one unit of load outside the band outweighs any retention.
        let big = 1_000 * max(retention.homeLoad.reduce(0, +), 1)
        var current = big * outside() + movedLoad()
        var best = current, bestPart = part
        var tabuUntil = [Int](repeating: -1, count: g.count)
        let tenure = 7
        var sinceBest = 0

        struct Move { var score: Double; var v: Int32; var to: Int32; var u: Int32 }
        for iteration in 0..<iterations {
            // Candidate single moves and swaps with their score change.
            var moves: [Move] = []
            var boundaryOf: [Int64: [Int32]] = [:]   // (from, to) → boundary atoms
            for v32 in region {
                let v = Int(v32), a = Int(part[v])
                guard active[a], !(!locked.isEmpty && locked[v]), nodeCount[a] > 1 else { continue }
                var seen: [Int32] = []
                for j in g.neighbourRange(v) {
                    let b = part[Int(g.adj[j])]
                    if Int(b) == a || !active[Int(b)] || seen.contains(b) { continue }
                    seen.append(b)
                    let w = g.load[v]
                    let dEx = excess(loads[a] - w) + excess(loads[Int(b)] + w) - excess(loads[a]) - excess(loads[Int(b)])
                    boundaryOf[Int64(a) << 32 | Int64(b), default: []].append(Int32(v))
                    if keepExcess && dEx > 1e-9 { continue }
                    let dRet = retention.cost(v, from: Int32(a), to: b, home: home)
                    moves.append(Move(score: big * dEx + dRet, v: Int32(v), to: b, u: -1))
                }
            }
            if regionAtoms <= 4_000 {
                for key in boundaryOf.keys.sorted() {
                    let a = Int32(truncatingIfNeeded: key >> 32), b = Int32(truncatingIfNeeded: key & 0xFFFF_FFFF)
                    guard a < b, let back = boundaryOf[Int64(b) << 32 | Int64(a)] else { continue }
                    for v in boundaryOf[key]! {
                        for u in back where g.load[Int(u)] != g.load[Int(v)] {
                            let dl = g.load[Int(v)] - g.load[Int(u)]
                            let dEx = excess(loads[Int(a)] - dl) + excess(loads[Int(b)] + dl) - excess(loads[Int(a)]) - excess(loads[Int(b)])
                            if keepExcess && dEx > 1e-9 { continue }
                            let dRet = retention.cost(Int(v), from: a, to: b, home: home) + retention.cost(Int(u), from: b, to: a, home: home)
                            moves.append(Move(score: big * dEx + dRet, v: v, to: b, u: u))
                        }
                    }
                }
            }
            moves.sort { ($0.score, $0.v, $0.to, $0.u) < ($1.score, $1.v, $1.to, $1.u) }
            var applied = false
            for m in moves {
                let isTabu = tabuUntil[Int(m.v)] > iteration || (m.u >= 0 && tabuUntil[Int(m.u)] > iteration)
                if isTabu && current + m.score >= best - 1e-9 { continue }
                if apply(m.v, to: m.to, swapWith: m.u) {
                    current += m.score
                    tabuUntil[Int(m.v)] = iteration + tenure + Int(m.v) % 3
                    if m.u >= 0 { tabuUntil[Int(m.u)] = iteration + tenure + Int(m.u) % 3 }
                    applied = true
                    break
                }
            }
            if !applied { break }
            if current < best - 1e-9 {
                best = current; bestPart = part; sinceBest = 0
            } else {
                sinceBest += 1
                if sinceBest > (keepExcess ? 500 : 2_000) { break }
            }
        }
        reset(to: bestPart)
    }

    /// Moves `v` to `b` (and, for a swap, `u` back to `v`'s district) if both districts stay
    /// connected; undoes and answers false otherwise.
    private mutating func apply(_ v32: Int32, to b32: Int32, swapWith u32: Int32) -> Bool {
        let v = Int(v32), b = Int(b32)
        if u32 >= 0 { return exchange(v, to: b, with: Int(u32)) }
        guard touches(v, b), removable(v) else { return false }
        move(v, to: b)
        return true
    }

    /// The seed districts and open districts within `depth` district-graph steps of them.
    private func tabuRegion(seeds: [Bool], depth: Int) -> [Bool] {
        let dg = DistrictGraph(g, part: part, k: k, closed: closed)
        var level = [Int](repeating: -1, count: k)
        var queue: [Int] = []
        for d in 0..<k where seeds[d] { level[d] = 0; queue.append(d) }
        var head = 0
        while head < queue.count {
            let d = queue[head]; head += 1
            if level[d] >= depth { continue }
            for j in Int(dg.offsets[d])..<Int(dg.offsets[d + 1]) {
                let e = Int(dg.adj[j])
                if level[e] < 0 && !isClosed(e) { level[e] = level[d] + 1; queue.append(e) }
            }
        }
        return level.map { $0 >= 0 }
    }
}

extension Refiner {
    /// Takes back moves that balance does not need: an atom away from its previous district returns
    /// when that leaves the load outside the band no larger (alone, or swapped with an atom of that
    /// district which then takes its place), both districts staying connected. Repeats until stable.
    mutating func returnHome(retention: RetentionCost, maxPasses: Int = 20) {
        guard !home.isEmpty else { return }
        for _ in 0..<maxPasses {
            var changed = false
            for v in 0..<g.count {
                let a = Int(part[v]), h = Int(home[v])
                guard h >= 0, h != a, !isClosed(a), !isClosed(h), retention.homeLoad[v] > 0 else { continue }
                if !locked.isEmpty && locked[v] { continue }
                guard touches(v, h) else { continue }
                let w = g.load[v]
                let before = excess(loads[a]) + excess(loads[h])
                if excess(loads[a] - w) + excess(loads[h] + w) <= before + 1e-9, removable(v) {
                    move(v, to: h); changed = true; continue
                }
                // Swap: an atom u of h on the border with a, whose own move costs less retention.
                var bestU = -1, bestGain = 0.0
                for j in g.neighbourRange(v) {
                    let u = Int(g.adj[j])
                    guard Int(part[u]) == h, u != v, !(!locked.isEmpty && locked[u]) else { continue }
                    let dl = w - g.load[u]
                    guard excess(loads[a] - dl) + excess(loads[h] + dl) <= before + 1e-9 else { continue }
                    let gain = retention.homeLoad[v] - retention.cost(u, from: Int32(h), to: Int32(a), home: home)
                    if gain > bestGain + 1e-9 { bestGain = gain; bestU = u }
                }
                if bestU >= 0, exchange(v, to: h, with: bestU) { changed = true }
            }
            if !changed { break }
        }
    }
}

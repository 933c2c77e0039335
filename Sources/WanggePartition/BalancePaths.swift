/// Balancing along paths of districts, for coarse granularity where single moves cannot help:
/// an overloaded district pushes a node to a neighbour, which passes on a node of about the same
/// load, and so on until a district with room takes it (and the mirror image for an underloaded
/// district pulling). Each district appears once per path; every move keeps its source district
/// connected and every intermediate district within the band.
extension Refiner {
    private struct Step { var node: Int32; var to: Int32 }

    mutating func balanceByPaths(maxPaths: Int) {
        var failed = [Bool](repeating: false, count: k)
        var paths = 0
        var lists = buildLists(), stale = 0
        while paths < maxPaths && !cancellation.isCancelled {
            var worst = -1, worstExcess = 0.0
            for d in 0..<k where !failed[d] && !isClosed(d) {
                let e = excess(loads[d])
                if e > 1e-9 && e > worstExcess { worst = d; worstExcess = e }
            }
            if worst < 0 { return }
            let push = loads[worst] > upper
            if let steps = search(from: worst, push: push, lists: lists) {
                for s in steps { move(Int(s.node), to: Int(s.to)) }
                for d in 0..<k { failed[d] = false }
                paths += 1; stale += 1
                if stale >= 16 { lists = buildLists(); stale = 0 }
            } else if stale > 0 {
                lists = buildLists(); stale = 0
            } else {
                failed[worst] = true
            }
        }
    }

    @inline(__always) func excess(_ l: Double) -> Double { max(0, l - upper) + max(0, lower - l) }

    /// Boundary nodes by own district and nodes adjacent to each district from outside. Kept for
    /// several searches: entries gone stale by later moves are checked where they are used.
    struct BoundaryLists {
        var ownStart: [Int32], own: [Int32], intoStart: [Int32], into: [Int32]
    }

    func buildLists() -> BoundaryLists {
        var ownStart = [Int32](repeating: 0, count: k + 1), intoStart = ownStart
        var boundary: [Int32] = []
        var pairs: [(Int32, Int32)] = []
        var tmp: [Int32] = []
        for v in 0..<g.count {
            let a = part[v]
            tmp.removeAll(keepingCapacity: true)
            for j in g.neighbourRange(v) {
                let t = part[Int(g.adj[j])]
                if t != a && !tmp.contains(t) { tmp.append(t) }
            }
            if tmp.isEmpty { continue }
            boundary.append(Int32(v)); ownStart[Int(a) + 1] += 1
            for t in tmp { pairs.append((t, Int32(v))); intoStart[Int(t) + 1] += 1 }
        }
        for d in 0..<k { ownStart[d + 1] += ownStart[d]; intoStart[d + 1] += intoStart[d] }
        var own = [Int32](repeating: 0, count: boundary.count), into = [Int32](repeating: 0, count: pairs.count)
        var f1 = Array(ownStart[0..<k]), f2 = Array(intoStart[0..<k])
        for v in boundary { let a = Int(part[Int(v)]); own[Int(f1[a])] = v; f1[a] += 1 }
        for (d, v) in pairs { into[Int(f2[Int(d)])] = v; f2[Int(d)] += 1 }
        return BoundaryLists(ownStart: ownStart, own: own, intoStart: intoStart, into: into)
    }

    private mutating func search(from s: Int, push: Bool, lists: BoundaryLists) -> [Step]? {
        let ownStart = lists.ownStart, own = lists.own, intoStart = lists.intoStart, into = lists.into
        // Search states: a node moving, the district it enters (push) or leaves (pull), the parent.
        var stNode: [Int32] = [], stDistrict: [Int32] = [], stParent: [Int32] = []
        var used = Set<Int64>()
        func onPath(_ d: Int32, _ state: Int) -> Bool {
            var st = state
            while st >= 0 {
                if stDistrict[st] == d { return true }
                st = Int(stParent[st])
            }
            return d == Int32(s)
        }
        func add(_ v: Int32, _ d: Int32, _ parent: Int) {
            let key = Int64(v) * Int64(k) + Int64(d)
            if isClosed(Int(d)) || used.contains(key) || onPath(d, parent) { return }
            used.insert(key)
            stNode.append(v); stDistrict.append(d); stParent.append(Int32(parent))
        }
        func hasOtherContact(_ v: Int, in d: Int32, besides u: Int) -> Bool {
            for j in g.neighbourRange(v) where Int(g.adj[j]) != u && part[Int(g.adj[j])] == d { return true }
            return false
        }
        var removableCache: [Int32: Bool] = [:]
        func canRemove(_ v: Int32) -> Bool {
            if let c = removableCache[v] { return c }
            let r = removable(Int(v)); removableCache[v] = r; return r
        }
        let before = excess(loads[s])
        var cands: [(Double, Int32)] = []
        if push {
            for j in Int(ownStart[s])..<Int(ownStart[s + 1]) {
                let v = own[j]
                if part[Int(v)] != Int32(s) { continue }
                let after = loads[s] - g.load[Int(v)]
                if excess(after) < before - 1e-12 { cands.append((abs(after - target), v)) }
            }
        } else {
            for j in Int(intoStart[s])..<Int(intoStart[s + 1]) {
                let v = into[j]
                if part[Int(v)] == Int32(s) || !touches(Int(v), s) { continue }
                let after = loads[s] + g.load[Int(v)]
                if excess(after) < before - 1e-12 { cands.append((abs(after - target), v)) }
            }
        }
        cands.sort { $0 < $1 }
        for (_, v) in cands where canRemove(v) {
            if push {
                for j in g.neighbourRange(Int(v)) {
                    let e = part[Int(g.adj[j])]
                    if e != Int32(s) { add(v, e, -1) }
                }
            } else {
                add(v, part[Int(v)], -1)
            }
        }
        var head = 0
        var found = -1
        var closingNode: Int32 = -1
        let maxStates = 20_000
        while head < stNode.count && head < maxStates {
            let st = head; head += 1
            let d = stDistrict[st], di = Int(d)
            let vin = Int(stNode[st]), w = g.load[vin]
            let after = push ? loads[di] + w : loads[di] - w
            if excess(after) < 1e-12 || excess(after) < excess(loads[di]) - 1e-12 { found = st; break }
            // Close a cycle back to the source (a swap when the path has one step).
            var root = st
            while stParent[root] >= 0 { root = Int(stParent[root]) }
            let w0 = g.load[Int(stNode[root])]
            let sourceAfterFirst = push ? loads[s] - w0 : loads[s] + w0
            let baseline = excess(loads[s]) + excess(loads[di])
            var closing: Int32 = -1
            let closeRange = push ? Int(ownStart[di])..<Int(ownStart[di + 1]) : Int(ownStart[s])..<Int(ownStart[s + 1])
            var bestClose = Double.infinity
            for j in closeRange {
                let u = own[j]
                if Int(u) == vin || part[Int(u)] != (push ? d : Int32(s)) { continue }
                let wu = g.load[Int(u)]
                let newS = push ? sourceAfterFirst + wu : sourceAfterFirst - wu
                let newD = push ? after - wu : after + wu
                if newD < lower || newD > upper { continue }
                let total = excess(newS) + excess(newD)
                if total >= baseline - 1e-12 || total >= bestClose { continue }
                // u must touch the district it enters.
                let enters = push ? Int32(s) : d
                var touchesTarget = false
                for jj in g.neighbourRange(Int(u)) where part[Int(g.adj[jj])] == enters { touchesTarget = true; break }
                if !touchesTarget { continue }
                let v0 = Int(stNode[root])
                if push {
                    guard hasOtherContact(vin, in: d, besides: Int(u)),
                          hasOtherContact(Int(u), in: Int32(s), besides: v0) else { continue }
                } else {
                    guard hasOtherContact(Int(u), in: d, besides: vin),
                          hasOtherContact(v0, in: Int32(s), besides: Int(u)) else { continue }
                }
                guard canRemove(u) else { continue }
                closing = u; bestClose = total
            }
            if closing >= 0 { found = st; closingNode = closing; break }
            var best: [(Double, Int32)] = []
            let range = push ? Int(ownStart[di])..<Int(ownStart[di + 1]) : Int(intoStart[di])..<Int(intoStart[di + 1])
            for j in range {
                let u = push ? own[j] : into[j]
                if Int(u) == vin { continue }
                if push ? part[Int(u)] != d : (part[Int(u)] == d || !touches(Int(u), di)) { continue }
                let nl = push ? after - g.load[Int(u)] : after + g.load[Int(u)]
                if nl < lower || nl > upper { continue }
                best.append((abs(nl - target), u))
            }
            best.sort { $0 < $1 }
            for (_, u) in best {
                if push {
                    guard hasOtherContact(vin, in: d, besides: Int(u)), canRemove(u) else { continue }
                    for j in g.neighbourRange(Int(u)) {
                        let e = part[Int(g.adj[j])]
                        if e != d { add(u, e, st) }
                    }
                } else {
                    guard hasOtherContact(Int(u), in: d, besides: vin), canRemove(u) else { continue }
                    add(u, part[Int(u)], st)
                }
            }
        }
        if found < 0 { return nil }
        var steps: [Step] = []
        if closingNode >= 0 {
            steps.append(Step(node: closingNode, to: push ? Int32(s) : stDistrict[found]))
        }
        var st = found
        while st >= 0 {
            let v = stNode[st], d = stDistrict[st], parent = Int(stParent[st])
            // Push: v moves into d. Pull: v leaves d for the parent's district (or the source).
            let to = push ? d : (parent >= 0 ? stDistrict[parent] : Int32(s))
            steps.append(Step(node: v, to: to))
            st = parent
        }
        return steps
    }
}

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
        while paths < maxPaths {
            var worst = -1, worstExcess = 0.0
            for d in 0..<k where !failed[d] {
                let e = excess(loads[d])
                if e > 1e-9 && e > worstExcess { worst = d; worstExcess = e }
            }
            if worst < 0 { return }
            let push = loads[worst] > upper
            print("DBG path from", worst, loads[worst], push, lower, upper)
            if let steps = search(from: worst, push: push) {
                for s in steps { move(Int(s.node), to: Int(s.to)) }
                for d in 0..<k { failed[d] = false }
                paths += 1
            } else {
                failed[worst] = true
            }
        }
    }

    @inline(__always) func excess(_ l: Double) -> Double { max(0, l - upper) + max(0, lower - l) }

    private mutating func search(from s: Int, push: Bool) -> [Step]? {
        // Boundary nodes by own district, and nodes adjacent to each district from outside.
        var ownStart = [Int32](repeating: 0, count: k + 1), intoStart = ownStart
        var boundary: [Int32] = []
        var pairs: [(Int32, Int32)] = []          // (district entered, node)
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

        var visited = [Bool](repeating: false, count: k)
        // For each reached district: the node that moves and the district it moves between.
        var viaNode = [Int32](repeating: -1, count: k), viaFrom = viaNode
        var queue: [Int] = []
        visited[s] = true
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
        if push {
            // Source nodes ordered by how close they bring the source to the target.
            var cands: [(Double, Int32)] = []
            for j in Int(ownStart[s])..<Int(ownStart[s + 1]) {
                let v = own[j]; let after = loads[s] - g.load[Int(v)]
                if excess(after) < before - 1e-12 { cands.append((abs(after - target), v)) }
            }
            cands.sort { $0 < $1 }
            for (_, v) in cands where canRemove(v) {
                for j in g.neighbourRange(Int(v)) {
                    let e = Int(part[Int(g.adj[j])])
                    if !visited[e] { visited[e] = true; viaNode[e] = v; viaFrom[e] = Int32(s); queue.append(e) }
                }
            }
        } else {
            var cands: [(Double, Int32)] = []
            for j in Int(intoStart[s])..<Int(intoStart[s + 1]) {
                let v = into[j]; let after = loads[s] + g.load[Int(v)]
                if excess(after) < before - 1e-12 { cands.append((abs(after - target), v)) }
            }
            cands.sort { $0 < $1 }
            for (_, v) in cands where canRemove(v) {
                let e = Int(part[Int(v)])
                if !visited[e] { visited[e] = true; viaNode[e] = v; viaFrom[e] = Int32(s); queue.append(e) }
            }
        }
        print("DBG queue", queue.count, "boundary", boundary.count, "own", ownStart[s+1]-ownStart[s], "into", intoStart[s+1]-intoStart[s], "rem", removableCache.values.filter{$0}.count, removableCache.count)
        var head = 0
        var found = -1
        while head < queue.count {
            let d = queue[head]; head += 1
            let vin = Int(viaNode[d]), w = g.load[vin]
            if push {
                let after = loads[d] + w
                if after <= upper || excess(after) <= excess(loads[d]) - 1e-12 && loads[d] < lower { found = d; break }
                // d passes on a node of about the same load.
                var best: [(Double, Int32)] = []
                for j in Int(ownStart[d])..<Int(ownStart[d + 1]) {
                    let u = own[j]
                    let nl = after - g.load[Int(u)]
                    if nl < lower || nl > upper { continue }
                    best.append((abs(nl - target), u))
                }
                best.sort { $0 < $1 }
                for (_, u) in best {
                    guard hasOtherContact(vin, in: Int32(d), besides: Int(u)), canRemove(u) else { continue }
                    for j in g.neighbourRange(Int(u)) {
                        let e = Int(part[Int(g.adj[j])])
                        if !visited[e] { visited[e] = true; viaNode[e] = u; viaFrom[e] = Int32(d); queue.append(e) }
                    }
                }
            } else {
                let after = loads[d] - w
                if after >= lower || excess(after) <= excess(loads[d]) - 1e-12 && loads[d] > upper { found = d; break }
                var best: [(Double, Int32)] = []
                for j in Int(intoStart[d])..<Int(intoStart[d + 1]) {
                    let u = into[j]
                    let nl = after + g.load[Int(u)]
                    if nl < lower || nl > upper { continue }
                    best.append((abs(nl - target), u))
                }
                best.sort { $0 < $1 }
                for (_, u) in best {
                    let e = Int(part[Int(u)])
                    if visited[e] || Int(u) == vin { continue }
                    guard hasOtherContact(Int(u), in: Int32(d), besides: vin), canRemove(u) else { continue }
                    visited[e] = true; viaNode[e] = u; viaFrom[e] = Int32(d); queue.append(e)
                }
            }
        }
        if found < 0 { return nil }
        var steps: [Step] = []
        var d = found
        while d != s {
            let v = viaNode[d], from = Int(viaFrom[d])
            // Push: v moves from `from` into d. Pull: v moves from d into `from`.
            steps.append(push ? Step(node: v, to: Int32(d)) : Step(node: v, to: Int32(from)))
            d = from
        }
        return steps
    }
}

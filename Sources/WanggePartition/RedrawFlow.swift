/// Redraw balance planning: how much load each district should pass to each neighbouring
/// district so that every district gets back into the band with the least load × distance moved.
///
/// A transport problem on the district adjacency graph: overloaded districts are sources, room
/// below the upper aim is capacity; underloaded districts are sinks, load above the lower aim is
/// supply. Each overloaded district sends its excess, unit by unit, along a shortest path (in
/// district hops) to the nearest districts with room; each underloaded district pulls its deficit
/// from the nearest districts with spare load. A path through a district passes load on (the
/// district gives as much as it receives), so chains cost nothing to the districts they cross.
struct RedrawFlowPlan {
    /// Net planned flow per directed district pair (from, to), sorted by (from, to), all > 0.
    var flows: [(from: Int32, to: Int32, load: Double)]
}

/// District adjacency (CSR over districts) from an atom graph and its partition; closed
/// districts get no edges.
struct DistrictGraph {
    var offsets: [Int32]
    var adj: [Int32]

    init(_ g: LevelGraph, part: [Int32], k: Int, closed: [Bool]) {
        var keys: [Int64] = []
        for v in 0..<g.count {
            let a = part[v]
            if !closed.isEmpty && closed[Int(a)] { continue }
            for j in g.neighbourRange(v) {
                let b = part[Int(g.adj[j])]
                if b == a || (!closed.isEmpty && closed[Int(b)]) { continue }
                keys.append(Int64(a) << 32 | Int64(b))
            }
        }
        keys.sort()
        var offsets = [Int32](repeating: 0, count: k + 1)
        var adj: [Int32] = []
        var last: Int64 = -1
        for key in keys where key != last {
            last = key
            offsets[Int(key >> 32) + 1] += 1
            adj.append(Int32(truncatingIfNeeded: key & 0xFFFF_FFFF))
        }
        for d in 0..<k { offsets[d + 1] += offsets[d] }
        self.offsets = offsets; self.adj = adj
    }

    func neighbours(_ d: Int) -> ArraySlice<Int32> { adj[Int(offsets[d])..<Int(offsets[d + 1])] }
}

extension RedrawFlowPlan {
    /// - Parameters:
    ///   - loads: current load per district.
    ///   - lower, upper: the band; districts inside it have no requirement of their own.
    ///   - lowAim, highAim: where out-of-band districts are brought to, and the limits a district
    ///     may be filled to or drained to when it takes or gives load.
    static func plan(graph dg: DistrictGraph, loads: [Double], closed: [Bool], lower: Double, upper: Double,
                     lowAim: Double, highAim: Double) -> RedrawFlowPlan {
        let k = loads.count
        var planned = loads
        var net: [Int64: Double] = [:]
        func isClosed(_ d: Int) -> Bool { !closed.isEmpty && closed[d] }
        func record(_ path: [Int32], _ amount: Double) {
            for i in 0..<(path.count - 1) {
                let a = path[i], b = path[i + 1]
                net[Int64(a) << 32 | Int64(b), default: 0] += amount
                net[Int64(b) << 32 | Int64(a), default: 0] -= amount
            }
            planned[Int(path.first!)] -= amount
            planned[Int(path.last!)] += amount
        }
        // Breadth-first from `s` to the nearest district satisfying `accept`, paths in index order.
        var from = [Int32](repeating: -2, count: k)
        var touched: [Int32] = []
        func nearest(_ s: Int, accept: (Int) -> Bool) -> [Int32]? {
            for t in touched { from[Int(t)] = -2 }
            touched.removeAll(keepingCapacity: true)
            var queue: [Int32] = [Int32(s)]
            from[s] = -1; touched.append(Int32(s))
            var h = 0
            while h < queue.count {
                let u = Int(queue[h]); h += 1
                if u != s && accept(u) {
                    var path: [Int32] = [], c = Int32(u)
                    while c >= 0 { path.append(c); c = from[Int(c)] }
                    return path
                }
                for t in dg.neighbours(u) where from[Int(t)] == -2 && !isClosed(Int(t)) {
                    from[Int(t)] = Int32(u); touched.append(t); queue.append(t)
                }
            }
            return nil
        }
        let tiny = 1e-9 * max(highAim, 1)
        // Overloaded districts first, worst first; then underloaded ones, worst first.
        let over = (0..<k).filter { !isClosed($0) && loads[$0] > upper }
            .sorted { loads[$0] > loads[$1] || (loads[$0] == loads[$1] && $0 < $1) }
        for s in over {
            while planned[s] > highAim + tiny {
                guard let path = nearest(s, accept: { planned[$0] < highAim - tiny }) else { break }
                let t = Int(path[0])
                let amount = min(planned[s] - highAim, highAim - planned[t])
                record(path.reversed(), amount)
            }
        }
        let under = (0..<k).filter { !isClosed($0) && planned[$0] < lower }
            .sorted { planned[$0] < planned[$1] || (planned[$0] == planned[$1] && $0 < $1) }
        for s in under {
            while planned[s] < lowAim - tiny {
                guard let path = nearest(s, accept: { planned[$0] > lowAim + tiny }) else { break }
                let t = Int(path[0])
                let amount = min(lowAim - planned[s], planned[t] - lowAim)
                record(path, amount)
            }
        }
        var flows: [(from: Int32, to: Int32, load: Double)] = []
        for key in net.keys.sorted() where net[key]! > tiny {
            flows.append((Int32(truncatingIfNeeded: key >> 32), Int32(truncatingIfNeeded: key & 0xFFFF_FFFF), net[key]!))
        }
        return RedrawFlowPlan(flows: flows)
    }
}

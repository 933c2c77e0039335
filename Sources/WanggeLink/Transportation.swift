/// An exact min-cost transportation problem with unit items and bounded bins: every item goes
/// to at most one bin, bin `b` takes between `lower[b]` and `upper[b]` items, and the total cost
/// of the chosen (bin, item) pairs is least among the solutions that place the most items and
/// meet the most lower bounds. Costs are whole numbers (the linker uses decimetres); a pair whose
/// cost is `Transportation.forbidden` is not allowed.
///
/// Method: successive shortest paths, one item at a time. Inserting item x augments along the
/// cheapest path x → b₁ → b₂ → … → z in the residual network, where the step a → b moves one item
/// that `a` holds over to `b`, and z is a bin whose next slot is open (a slot below `lower` costs
/// −M, a further one 0, a full bin is closed). Because the bins' slot costs are convex and every
/// augmentation follows a shortest path, the flow stays a min-cost flow for the items inserted so
/// far (the successive-shortest-path theorem), so the final flow is optimal. The residual network
/// is kept contracted to the bins: w[a][b] is the cheapest item of a to move to b, updated row by
/// row when a bin's items change, and the shortest paths over bins are found by
/// Dijkstra with potentials (the flow's optimality rules out negative cycles, and the potentials
/// keep every reduced cost non-negative). With m bins and n items this
/// is about n·m² + n·(n/m)·m operations — a district of 333 households and 33 cadres in well
/// under a millisecond.
public struct Transportation: Sendable {
    public static let forbidden = Int64.max / 8

    public let bins: Int
    public let items: Int
    /// Bin-major costs: `cost[b * items + i]`.
    public let cost: [Int64]
    public let lower: [Int]
    public let upper: [Int]

    public init(bins: Int, items: Int, cost: [Int64], lower: [Int], upper: [Int]) {
        precondition(cost.count == bins * items && lower.count == bins && upper.count == bins)
        self.bins = bins; self.items = items; self.cost = cost; self.lower = lower; self.upper = upper
    }

    public struct Solution: Sendable, Equatable {
        /// The bin of each item, or -1.
        public var owner: [Int32]
        public var load: [Int]
        /// Sum of the chosen pairs' costs.
        public var cost: Int64
        /// Items without a bin.
        public var unplaced: Int { owner.reduce(0) { $0 + ($1 < 0 ? 1 : 0) } }
        /// Σ max(0, lower − load): lower bounds not met.
        public var shortfall: Int
        /// Dual prices λ per bin with c[b][i] + λ_b ≥ c[owner(i)][i] + λ_owner(i) for every item,
        /// λ ≤ 0 where a bin has room and λ ≥ 0 where it holds more than its lower bound (nil when
        /// the flow is partial). By LP duality Σᵢ minᵦ(c + λ) − Σᵦ λᵦ·(λᵦ ≤ 0 ? lower : upper)
        /// equals the optimum.
        public var duals: [Int64]?
    }

    /// Solves; items are inserted in index order (the result is the same optimum whatever the
    /// order; ties between equal-cost solutions are settled by that order and by bin index).
    public func solve() -> Solution {
        // An extra "unplaced" bin that takes any item at a cost above every other consideration
        // makes the flow place as many items as it can, then meet as many lower bounds, then cost
        // least — and lets a later item displace an earlier one when that is cheaper.
        guard bins > 0 else { return solveCore() }
        var maxAbs: Int64 = 1
        for c in cost where c < Self.forbidden { maxAbs = max(maxAbs, c < 0 ? -c : c) }
        let unplacedCost = (maxAbs &* Int64(2 * (bins + 1) + 2) &+ 1) &* Int64(items + 2)
        var extended = cost
        extended.append(contentsOf: [Int64](repeating: unplacedCost, count: items))
        let t = Transportation(bins: bins + 1, items: items, cost: extended, lower: lower + [0], upper: upper + [items])
        var s = t.solveCore(realBins: bins)
        for i in 0..<items where s.owner[i] == Int32(bins) { s.owner[i] = -1; s.cost -= unplacedCost }
        s.load.removeLast()
        return s
    }

    func solveCore(realBins: Int? = nil) -> Solution {
        let m = bins, n = items
        var owner = [Int32](repeating: -1, count: n)
        var load = [Int](repeating: 0, count: m)
        guard m > 0 else { return Solution(owner: owner, load: load, cost: 0, shortfall: lower.reduce(0, +), duals: nil) }
        let inf = Self.forbidden
        // Big M for lower bounds: more than any path's cost can differ (the unplaced bin aside).
        var maxAbs: Int64 = 1
        for c in cost[0..<((realBins ?? m) * n)] where c < inf { maxAbs = max(maxAbs, c < 0 ? -c : c) }
        let bigM = maxAbs &* Int64(2 * m + 2) &+ 1

        var owned = [[Int32]](repeating: [], count: m)
        var position = [Int32](repeating: -1, count: n)
        var w = [Int64](repeating: inf, count: m * m)
        var arg = [Int32](repeating: -1, count: m * m)
        // Per item, the bins it may go to (ascending), so that sparse costs (an item with a few
        // candidate bins) are cheap; per bin a, the bins b with a finite w[a][b] (ascending), so
        // that the shortest paths scan only those — in the same order as a dense scan would.
        var itemStart = [Int](repeating: 0, count: n + 1)
        var itemBins: [Int32]
        // …and those pairs' costs beside them (item-major), so that a row's recomputation reads
        // contiguous memory instead of one cache line of the bin-major matrix per pair.
        // Both filled by scanning the matrix bin by bin (rows are contiguous); each item's bins
        // still come in ascending order.
        for b in 0..<m {
            let row = b * n
            for i in 0..<n where cost[row + i] < inf { itemStart[i + 1] += 1 }
        }
        for i in 0..<n { itemStart[i + 1] += itemStart[i] }
        itemBins = [Int32](repeating: 0, count: itemStart[n])
        var itemCost = [Int64](repeating: 0, count: itemStart[n])
        var fill = Array(itemStart[0..<n])
        for b in 0..<m {
            let row = b * n
            for i in 0..<n where cost[row + i] < inf {
                itemBins[fill[i]] = Int32(b); itemCost[fill[i]] = cost[row + i]; fill[i] += 1
            }
        }
        var rowColumns = [[Int32]](repeating: [], count: m)

        func recomputeRow(_ a: Int) {
            let base = a * m
            for b in rowColumns[a] { w[base + Int(b)] = inf; arg[base + Int(b)] = -1 }
            var columns = rowColumns[a]
            rowColumns[a] = []
            columns.removeAll(keepingCapacity: true)
            for i32 in owned[a] {
                let i = Int(i32)
                let ca = cost[a * n + i]
                for k in itemStart[i]..<itemStart[i + 1] {
                    let b = Int(itemBins[k])
                    guard b != a else { continue }
                    let v = itemCost[k] - ca
                    let cur = w[base + b]
                    if cur == inf { columns.append(Int32(b)) }
                    if v < cur || (v == cur && i32 < arg[base + b]) { w[base + b] = v; arg[base + b] = i32 }
                }
            }
            columns.sort()
            rowColumns[a] = columns
        }
        func place(_ i: Int, _ b: Int) {
            position[i] = Int32(owned[b].count); owned[b].append(Int32(i)); owner[i] = Int32(b); load[b] += 1
        }
        func remove(_ i: Int) {
            let b = Int(owner[i]), p = Int(position[i])
            let last = owned[b].removeLast()
            if Int(last) != i { owned[b][p] = last; position[Int(last)] = Int32(p) }
            owner[i] = -1; position[i] = -1; load[b] -= 1
        }

        // Shortest paths by Dijkstra on reduced costs w[a][b] + π_a − π_b ≥ 0. The potentials π
        // (per bin, and πₜ for the virtual sink t that every bin with room reaches by its slot
        // cost) start at 0 and −M, which makes every slot arc's reduced cost ≥ 0 with no items
        // placed; after each augmentation π_v += min(d_v, dₜ) (d: the reduced labels, unsettled
        // nodes at dₜ) keeps every residual arc's reduced cost ≥ 0 — the arcs of the path become
        // 0, their reverses too, an item's new arcs b → c are ≥ 0 because its source arcs were —
        // and loads only grow, so slot costs only rise (−M, 0, closed). The search stops once
        // every label ≤ dₜ is settled, so every bin z whose slot gives the least true cost
        // dist(z) + slot(z) is seen, and the first of them by index is taken, as before.
        var dist = [Int64](repeating: inf, count: m)
        var pred = [Int32](repeating: -1, count: m)
        var settled = [Bool](repeating: false, count: m)
        var potential = [Int64](repeating: 0, count: m)
        var sinkPotential = -bigM
        var heap: [(Int64, Int32)] = []
        heap.reserveCapacity(4 * m)
        func push(_ d: Int64, _ b: Int32) {
            heap.append((d, b))
            var i = heap.count - 1
            while i > 0 {
                let parent = (i - 1) / 2
                if heap[parent].0 <= heap[i].0 { break }
                heap.swapAt(parent, i); i = parent
            }
        }
        func pop() -> (Int64, Int32) {
            let top = heap[0]
            let last = heap.removeLast()
            if !heap.isEmpty {
                heap[0] = last
                var i = 0
                while true {
                    let l = 2 * i + 1, r = l + 1
                    var smallest = i
                    if l < heap.count && heap[l].0 < heap[smallest].0 { smallest = l }
                    if r < heap.count && heap[r].0 < heap[smallest].0 { smallest = r }
                    if smallest == i { break }
                    heap.swapAt(i, smallest); i = smallest
                }
            }
            return top
        }
        var reached: [Int32] = []
        reached.reserveCapacity(m)
        var total: Int64 = 0
        for x in 0..<n {
            for b in reached { dist[Int(b)] = inf; pred[Int(b)] = -1; settled[Int(b)] = false }
            reached.removeAll(keepingCapacity: true)
            heap.removeAll(keepingCapacity: true)
            for k in itemStart[x]..<itemStart[x + 1] {
                let b = Int(itemBins[k])
                let d = itemCost[k] - potential[b]
                dist[b] = d; reached.append(Int32(b)); push(d, Int32(b))
            }
            var best = -1
            var bestLabel = Int64.max
            while !heap.isEmpty {
                let (da, a32) = pop()
                let a = Int(a32)
                if settled[a] || da != dist[a] { continue }
                if best >= 0 && da > bestLabel { break }
                settled[a] = true
                if load[a] < upper[a] {
                    let t = da + (load[a] < lower[a] ? -bigM : 0) + potential[a] - sinkPotential
                    if t < bestLabel || (t == bestLabel && a < best) { bestLabel = t; best = a }
                }
                let base = a * m, pa = potential[a]
                for b32 in rowColumns[a] {
                    let b = Int(b32)
                    if settled[b] { continue }
                    let nd = da + w[base + b] + pa - potential[b]
                    if nd < dist[b] {
                        if dist[b] == inf { reached.append(b32) }
                        dist[b] = nd; pred[b] = a32
                        push(nd, b32)
                    }
                }
            }
            guard best >= 0 else { continue }
            for b32 in reached {
                let b = Int(b32)
                potential[b] += settled[b] ? min(dist[b], bestLabel) : bestLabel
            }
            for b in 0..<m where dist[b] == inf { potential[b] += bestLabel }
            sinkPotential += bestLabel
            // Collect the chain of moves, then apply it.
            var moves: [(item: Int, to: Int)] = []
            var z = best
            var guardSteps = 0
            while pred[z] >= 0 {
                let a = Int(pred[z])
                moves.append((Int(arg[a * m + z]), z))
                z = a
                guardSteps += 1
                precondition(guardSteps <= m, "Transportation: a cycle in the shortest-path tree")
            }
            var touched: Set<Int> = [z]
            for (item, to) in moves {
                let from = Int(owner[item])
                total += cost[to * n + item] - cost[from * n + item]
                remove(item); place(item, to)
                touched.insert(from); touched.insert(to)
            }
            place(x, z)
            total += cost[z * n + x]
            for a in touched.sorted() { recomputeRow(a) }
        }
        let real = realBins ?? m
        var shortfall = 0
        for b in 0..<real { shortfall += max(0, lower[b] - load[b]) }
        let complete = !owner.contains(where: { $0 < 0 || Int($0) >= real }) && shortfall == 0
        return Solution(owner: owner, load: load, cost: total, shortfall: shortfall,
                        duals: complete ? duals(owner: owner, load: load, w: w, rows: rowColumns, bins: real) : nil)
    }

    /// Prices from the difference constraints λ_a − λ_b ≤ w[a][b] (a holds an item that could go
    /// to b) and the sign rules, by Bellman–Ford from a root fixed at 0.
    private func duals(owner: [Int32], load: [Int], w: [Int64], rows: [[Int32]], bins real: Int) -> [Int64]? {
        let stride = bins, m = real
        let root = m
        var d = [Int64](repeating: 0, count: m + 1)
        for _ in 0...(m + 1) {
            var changed = false
            for a in 0..<m {
                // Edge b → a with weight w[a][b]: d[a] ≤ d[b] + w[a][b].
                for b32 in rows[a] where Int(b32) < m {
                    let b = Int(b32)
                    let nd = d[b] + w[a * stride + b]
                    if nd < d[a] { d[a] = nd; changed = true }
                }
                // Room left → λ ≤ 0 (edge root → a, weight 0); above lower → λ ≥ 0 (edge a → root, weight 0).
                if load[a] < upper[a], d[root] < d[a] { d[a] = d[root]; changed = true }
                if load[a] > lower[a], d[a] < d[root] { d[root] = d[a]; changed = true }
            }
            if !changed { return (0..<m).map { d[$0] - d[root] } }
        }
        return nil
    }

    /// The Lagrangian value of prices λ: Σᵢ minᵦ(c[b][i] + λᵦ) − Σᵦ λᵦ·(λᵦ ≤ 0 ? lower : upper),
    /// a lower bound on the optimum for any λ (−∞ as nil when some λᵦ > 0 on an unbounded bin).
    public func lagrangian(_ lambda: [Int64], unbounded: [Bool]) -> Int64? {
        var total: Int64 = 0
        for i in 0..<items {
            var best = Self.forbidden
            for b in 0..<bins where cost[b * items + i] < Self.forbidden { best = min(best, cost[b * items + i] + lambda[b]) }
            guard best < Self.forbidden else { return nil }
            total += best
        }
        for b in 0..<bins {
            if lambda[b] <= 0 { total -= lambda[b] * Int64(lower[b]) } else {
                if unbounded[b] { return nil }
                total -= lambda[b] * Int64(upper[b])
            }
        }
        return total
    }
}

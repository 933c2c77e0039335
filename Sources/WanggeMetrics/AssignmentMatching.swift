/// Maximum-weight bipartite matching on a sparse weight matrix (the Hungarian method as
/// successive shortest augmenting paths with Dijkstra and node potentials).
///
/// Left vertex u may stay unmatched: it gets a private dummy partner of cost C, while a real
/// edge (u, v) costs C − w(u, v) with C = max w, so every cost is ≥ 0 and a minimum-cost
/// perfect matching of the left side is a maximum-weight matching. Each of the nL phases runs
/// Dijkstra over the edges reachable from the new vertex, so the time is
/// O(nL · E log V) in the worst case and far less on the near-diagonal matrices of two plans of
/// one region (k = 3000 districts with ~10⁴ non-zero overlaps: well under a second).
/// Ties are broken deterministically by edge order.
public enum AssignmentMatching {
    /// One non-zero entry of the weight matrix.
    public struct Edge: Sendable, Equatable {
        public var left: Int32, right: Int32, weight: Double
        public init(left: Int32, right: Int32, weight: Double) { self.left = left; self.right = right; self.weight = weight }
    }

    /// The right partner of each left vertex (or −1), maximising the total weight of matched
    /// edges. Edges with weight ≤ 0 are ignored.
    public static func maximumWeight(leftCount nL: Int, rightCount nR: Int, edges input: [Edge]) -> [Int32] {
        let edges = input.filter { $0.weight > 0 }
        var mateL = [Int32](repeating: -1, count: nL)
        guard !edges.isEmpty else { return mateL }
        let big = edges.reduce(0) { max($0, $1.weight) }
        // CSR of left adjacency.
        var off = [Int](repeating: 0, count: nL + 1)
        for e in edges { off[Int(e.left) + 1] += 1 }
        for u in 0..<nL { off[u + 1] += off[u] }
        var fill = off
        var adjR = [Int32](repeating: 0, count: edges.count), adjC = [Double](repeating: 0, count: edges.count)
        for e in edges {
            let u = Int(e.left); adjR[fill[u]] = e.right; adjC[fill[u]] = big - e.weight; fill[u] += 1
        }
        // Right vertices: 0..<nR real, nR + u the dummy of left u (cost `big`).
        let nRight = nR + nL
        var mateR = [Int32](repeating: -1, count: nRight)
        var potL = [Double](repeating: 0, count: nL), potR = [Double](repeating: 0, count: nRight)
        var dist = [Double](repeating: .infinity, count: nRight)
        var prevL = [Int32](repeating: -1, count: nRight)   // left vertex we reached each right vertex from
        var done = [Bool](repeating: false, count: nRight)
        var touched: [Int32] = []
        var settledL: [(u: Int32, d: Double)] = []

        for s in 0..<nL where off[s + 1] > off[s] {
            var heap = MinHeap()
            touched.removeAll(keepingCapacity: true); settledL.removeAll(keepingCapacity: true)
            func relax(from u: Int, at du: Double) {
                settledL.append((Int32(u), du))
                for e in off[u]..<off[u + 1] {
                    let v = Int(adjR[e])
                    guard !done[v] else { continue }
                    let nd = du + adjC[e] + potL[u] - potR[v]
                    if nd < dist[v] {
                        if dist[v] == .infinity { touched.append(Int32(v)) }
                        dist[v] = nd; prevL[v] = Int32(u); heap.push(nd, Int32(v))
                    }
                }
                let dv = nR + u
                if !done[dv] {
                    let nd = du + big + potL[u] - potR[dv]
                    if nd < dist[dv] {
                        if dist[dv] == .infinity { touched.append(Int32(dv)) }
                        dist[dv] = nd; prevL[dv] = Int32(u); heap.push(nd, Int32(dv))
                    }
                }
            }
            relax(from: s, at: 0)
            var target = -1, dTarget = 0.0
            while let (d, v32) = heap.pop() {
                let v = Int(v32)
                if done[v] || d > dist[v] { continue }
                done[v] = true
                if mateR[v] < 0 { target = v; dTarget = d; break }
                relax(from: Int(mateR[v]), at: d)
            }
            precondition(target >= 0, "the dummy partner is always reachable")
            // Potentials: settled vertices move by (dist − D), so reduced costs stay ≥ 0.
            for t in touched where done[Int(t)] {
                potR[Int(t)] += dist[Int(t)] - dTarget
            }
            for (u, du) in settledL { potL[Int(u)] += du - dTarget }
            // Augment along the path back to s.
            var v = target
            while true {
                let u = Int(prevL[v])
                let previous = Int(mateL[u])
                mateL[u] = Int32(v); mateR[v] = Int32(u)
                if u == s { break }
                v = previous
            }
            for t in touched { dist[Int(t)] = .infinity; done[Int(t)] = false; prevL[Int(t)] = -1 }
        }
        return mateL.map { $0 >= Int32(nR) ? -1 : $0 }
    }
}

/// A binary min-heap of (key, value).
struct MinHeap {
    private var keys: [Double] = []
    private var vals: [Int32] = []
    mutating func push(_ k: Double, _ v: Int32) {
        keys.append(k); vals.append(v)
        var i = keys.count - 1
        while i > 0 {
            let p = (i - 1) / 2
            if keys[p] < keys[i] || (keys[p] == keys[i] && vals[p] <= vals[i]) { break }
            keys.swapAt(p, i); vals.swapAt(p, i); i = p
        }
    }
    mutating func pop() -> (Double, Int32)? {
        guard !keys.isEmpty else { return nil }
        let top = (keys[0], vals[0])
        let lk = keys.removeLast(), lv = vals.removeLast()
        if !keys.isEmpty {
            keys[0] = lk; vals[0] = lv
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                func less(_ a: Int, _ b: Int) -> Bool { keys[a] < keys[b] || (keys[a] == keys[b] && vals[a] < vals[b]) }
                if l < keys.count && less(l, m) { m = l }
                if r < keys.count && less(r, m) { m = r }
                if m == i { break }
                keys.swapAt(m, i); vals.swapAt(m, i); i = m
            }
        }
        return top
    }
}

import WanggeModel
import WanggePartition

/// What one step did.
enum StepOutcome { case accepted, rejected, noProposal }

extension ChainState {
    /// ReCom (DeFord, Duchin, Solomon 2021), as GerryChain's `recom`: a uniformly drawn cut edge
    /// names two districts; their union gets a random spanning tree (random edge weights, minimum
    /// spanning tree: GerryChain's default); a tree edge whose two sides both lie in the band is cut
    /// (uniformly among those); without one a new tree is drawn, up to `maxTrees` times.
    mutating func recomStep(_ rng: inout SplitMix64, maxTrees: Int, scratch: inout TreeScratch) -> StepOutcome {
        guard let (a, b) = drawCutEdgePair(&rng) else { return .noProposal }
        let nodes = markUnion(a, b)
        defer { unmark(nodes) }
        let n = nodes.count
        scratch.prepare(self, nodes: nodes)
        var total = 0.0
        for v in nodes { total += g.load[Int(v)] }
        let eps = 1e-9 * g.upper
        for _ in 0..<maxTrees {
            scratch.randomSpanningTree(n, &rng)
            scratch.subtreeLoads(g, nodes: nodes)
            var cuts: [Int32] = []
            for c in 1..<n {
                let s = scratch.sub[Int(scratch.order[c])]
                if s >= g.lower - eps && s <= g.upper + eps && total - s >= g.lower - eps && total - s <= g.upper + eps {
                    cuts.append(scratch.order[c])
                }
            }
            guard !cuts.isEmpty else { continue }
            let c = Int(cuts[Int(rng.next(upperBound: UInt64(cuts.count)))])
            // The subtree below `c` goes to a, the rest to b (parents come first in `order`).
            var newPart = [Int32](repeating: Int32(b), count: n)
            newPart[c] = Int32(a)
            for i in 0..<n {
                let v = Int(scratch.order[i])
                if v != c, scratch.parent[v] >= 0, newPart[Int(scratch.parent[v])] == Int32(a) { newPart[v] = Int32(a) }
            }
            apply(a, b, nodes: nodes, newPart: newPart)
            return .accepted
        }
        return .rejected
    }

    /// A uniformly drawn edge between two districts that may merge (rejection sampling over all edges).
    mutating func drawCutEdgePair(_ rng: inout SplitMix64) -> (Int, Int)? {
        let m = g.adj.count
        guard m > 0 else { return nil }
        for _ in 0..<1_000_000 {
            let e = Int(rng.next(upperBound: UInt64(m)))
            let u = Int(g.edgeSource[e]), v = Int(g.adj[e])
            let a = Int(part[u]), b = Int(part[v])
            if a != b && mergeable(a, b) { return (a, b) }
        }
        return nil
    }

    /// Merge-split with an explicit target: every plan of the state space (districts connected,
    /// loads in the band, nesting and frozen districts kept) equally likely. Proposal: a district
    /// `a` uniformly among k, a neighbour `b` it may merge with uniformly among its d(a) such
    /// neighbours; the union's connected in-band two-way splits are enumerated exactly (the
    /// partitioner's enumeration) and one is drawn uniformly, its parts labelled a/b by a coin.
    /// The pair's probability is (1/k)(1/d(a) + 1/d(b)) and the split's 1/(2·|splits|) both ways,
    /// so Metropolis–Hastings accepts with min(1, (1/d'(a) + 1/d'(b)) / (1/d(a) + 1/d(b))), d' the
    /// degrees in the proposed plan. Unions of more than 64 nodes, or whose enumeration exceeds
    /// the partitioner's budget, are rejected (the same both ways, so the target is kept).
    mutating func mergeSplitStep(_ rng: inout SplitMix64, scratch: inout TreeScratch) -> StepOutcome {
        let a0 = Int(rng.next(upperBound: UInt64(g.k)))
        guard open[a0] else { return .noProposal }
        // Neighbours of a0 it may merge with, in a fixed order.
        var neighbours: [Int] = []
        stampValue &+= 1
        if stampValue == Int32.max { for i in 0..<stamp.count { stamp[i] = 0 }; stampValue = 1 }
        for v32 in members[a0] {
            for e in g.neighbourRange(Int(v32)) {
                let d = Int(part[Int(g.adj[e])])
                if d != a0 && stamp[d] != stampValue { stamp[d] = stampValue; if mergeable(a0, d) { neighbours.append(d) } }
            }
        }
        guard !neighbours.isEmpty else { return .noProposal }
        neighbours.sort()
        let b0 = neighbours[Int(rng.next(upperBound: UInt64(neighbours.count)))]
        let (a, b) = (min(a0, b0), max(a0, b0))
        var nodes = members[a] + members[b]
        guard nodes.count <= 64 else { return .rejected }
        nodes.sort()
        for (i, v) in nodes.enumerated() { local[Int(v)] = Int32(i) }
        defer { unmark(nodes) }
        let n = nodes.count
        var adjacency = [UInt64](repeating: 0, count: n), loads = [Double](repeating: 0, count: n)
        for (i, v32) in nodes.enumerated() {
            let v = Int(v32)
            loads[i] = g.load[v]
            for e in g.neighbourRange(v) { let l = local[Int(g.adj[e])]; if l >= 0 { adjacency[i] |= 1 << UInt64(l) } }
        }
        guard scratch.enumerator.splits(adjacency: adjacency, load: loads, lower: g.lower, upper: g.upper,
                                        into: &scratch.splits), !scratch.splits.isEmpty else { return .rejected }
        let s = scratch.splits[Int(rng.next(upperBound: UInt64(scratch.splits.count)))]
        let sLabel = rng.next() & 1 == 0 ? Int32(a) : Int32(b)
        let rest = sLabel == Int32(a) ? Int32(b) : Int32(a)
        var newPart = [Int32](repeating: rest, count: n)
        for i in 0..<n where s & (1 << UInt64(i)) != 0 { newPart[i] = sLabel }
        let before = 1 / Double(mergeableDegree(a, nodes: nodes, newPart: nil)) + 1 / Double(mergeableDegree(b, nodes: nodes, newPart: nil))
        let after = 1 / Double(mergeableDegree(a, nodes: nodes, newPart: newPart)) + 1 / Double(mergeableDegree(b, nodes: nodes, newPart: newPart))
        let u = rng.unit()
        guard after >= before || u < after / before else { return .rejected }
        apply(a, b, nodes: nodes, newPart: newPart)
        return .accepted
    }
}

/// Per-chain scratch for spanning trees and split enumeration.
struct TreeScratch {
    var eu: [Int32] = [], ev: [Int32] = []
    var keyed: [UInt64] = []
    var uf: [Int32] = []
    var treeOffsets: [Int32] = [], treeAdj: [Int32] = [], treeFill: [Int32] = []
    var parent: [Int32] = [], order: [Int32] = [], sub: [Double] = []
    var enumerator = SplitEnumerator()
    var splits: [UInt64] = []

    /// Local edges (u < v) of the union whose nodes are marked in `state.local`.
    mutating func prepare(_ state: ChainState, nodes: [Int32]) {
        eu.removeAll(keepingCapacity: true); ev.removeAll(keepingCapacity: true)
        for (i, v32) in nodes.enumerated() {
            for e in state.g.neighbourRange(Int(v32)) {
                let l = state.local[Int(state.g.adj[e])]
                if l > Int32(i) { eu.append(Int32(i)); ev.append(l) }
            }
        }
    }

    /// Kruskal's minimum spanning tree under fresh random edge weights; then a BFS from node 0
    /// gives `order` (parents first) and `parent`.
    mutating func randomSpanningTree(_ n: Int, _ rng: inout SplitMix64) {
        let m = eu.count
        keyed.removeAll(keepingCapacity: true)
        // 40 random bits above the edge index: distinct keys, a uniformly random order.
        for e in 0..<m { keyed.append((rng.next() >> 24) << 24 | UInt64(e)) }
        keyed.sort()
        uf.removeAll(keepingCapacity: true); uf.append(contentsOf: 0..<Int32(n))
        func find(_ x: Int32) -> Int32 {
            var x = x
            while uf[Int(x)] != x { uf[Int(x)] = uf[Int(uf[Int(x)])]; x = uf[Int(x)] }
            return x
        }
        var treeU: [Int32] = [], treeV: [Int32] = []
        treeU.reserveCapacity(n); treeV.reserveCapacity(n)
        for key in keyed {
            let e = Int(key & 0xFF_FFFF)
            let ra = find(eu[e]), rb = find(ev[e])
            if ra == rb { continue }
            uf[Int(max(ra, rb))] = min(ra, rb)
            treeU.append(eu[e]); treeV.append(ev[e])
            if treeU.count == n - 1 { break }
        }
        treeOffsets = [Int32](repeating: 0, count: n + 1)
        for i in 0..<treeU.count { treeOffsets[Int(treeU[i]) + 1] += 1; treeOffsets[Int(treeV[i]) + 1] += 1 }
        for i in 0..<n { treeOffsets[i + 1] += treeOffsets[i] }
        treeFill = Array(treeOffsets[0..<n])
        treeAdj = [Int32](repeating: 0, count: Int(treeOffsets[n]))
        for i in 0..<treeU.count {
            let u = Int(treeU[i]), v = Int(treeV[i])
            treeAdj[Int(treeFill[u])] = Int32(v); treeFill[u] += 1
            treeAdj[Int(treeFill[v])] = Int32(u); treeFill[v] += 1
        }
        parent = [Int32](repeating: -2, count: n)
        order.removeAll(keepingCapacity: true)
        parent[0] = -1; order.append(0)
        var h = 0
        while h < order.count {
            let u = Int(order[h]); h += 1
            for j in Int(treeOffsets[u])..<Int(treeOffsets[u + 1]) {
                let v = Int(treeAdj[j])
                if parent[v] == -2 { parent[v] = Int32(u); order.append(Int32(v)) }
            }
        }
    }

    /// Load below each node of the tree.
    mutating func subtreeLoads(_ g: EnsembleGraph, nodes: [Int32]) {
        let n = nodes.count
        sub = [Double](repeating: 0, count: n)
        for i in 0..<n { sub[i] = g.load[Int(nodes[i])] }
        for i in stride(from: order.count - 1, through: 1, by: -1) {
            let v = Int(order[i])
            sub[Int(parent[v])] += sub[v]
        }
    }
}

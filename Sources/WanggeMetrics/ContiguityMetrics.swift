/// Contiguity of districts in the neighbour graph.
public enum ContiguityMetrics {
    /// The number of connected pieces of each district's households in the neighbour graph
    /// (0 for an empty district; a contiguous district has 1). Two households are connected
    /// when an edge joins their nodes or they share a node.
    public static func componentCounts(assignment: [Int32], districtCount k: Int,
                                       graph: NeighbourAdjacency) -> [Int] {
        let n = assignment.count
        var uf = UnionFind(count: n)
        if let nodeOf = graph.householdNode {
            // Per node, one representative household per district present on it: the first in flat
            // arrays (most nodes hold one district), any further ones aside.
            let nodes = graph.nodeCount
            var firstDistrict = [Int32](repeating: -1, count: nodes), firstHousehold = firstDistrict
            var more: [Int: [(district: Int32, household: Int32)]] = [:]
            for i in 0..<n {
                let v = Int(nodeOf[i]), d = assignment[i]
                if firstDistrict[v] < 0 { firstDistrict[v] = d; firstHousehold[v] = Int32(i) }
                else if firstDistrict[v] == d { uf.union(Int(firstHousehold[v]), i) }
                else if let r = more[v]?.first(where: { $0.district == d }) { uf.union(Int(r.household), i) }
                else { more[v, default: []].append((d, Int32(i))) }
            }
            func join(_ u: Int, _ v: Int) {
                if more[u] == nil && more[v] == nil {
                    if firstDistrict[u] == firstDistrict[v] { uf.union(Int(firstHousehold[u]), Int(firstHousehold[v])) }
                    return
                }
                let a = [(firstDistrict[u], firstHousehold[u])] + (more[u] ?? []).map { ($0.district, $0.household) }
                let b = [(firstDistrict[v], firstHousehold[v])] + (more[v] ?? []).map { ($0.district, $0.household) }
                for x in a { for y in b where x.0 == y.0 { uf.union(Int(x.1), Int(y.1)) } }
            }
            for u in 0..<nodes where firstDistrict[u] >= 0 {
                for e in graph.offsets[u]..<graph.offsets[u + 1] {
                    let v = Int(graph.neighbours[e])
                    guard v > u, firstDistrict[v] >= 0 else { continue }
                    join(u, v)
                }
            }
        } else {
            precondition(graph.nodeCount == n, "graph nodes (\(graph.nodeCount)) must be households (\(n))")
            for u in 0..<n {
                for e in graph.offsets[u]..<graph.offsets[u + 1] {
                    let v = Int(graph.neighbours[e])
                    if v > u && assignment[u] == assignment[v] { uf.union(u, v) }
                }
            }
        }
        var counts = [Int](repeating: 0, count: k)
        for i in 0..<n where uf.find(i) == i { counts[Int(assignment[i])] += 1 }
        return counts
    }

    /// Edges of the neighbour graph whose ends lie in different districts, and all edges.
    /// With merged nodes, an edge is cut unless both of its nodes hold households of one and the
    /// same district only.
    public static func cutEdges(assignment: [Int32], graph: NeighbourAdjacency) -> (cut: Int, total: Int) {
        // Node district: the district of all its households, or -1 when they are mixed (or none).
        var nodeDistrict: [Int32]
        if let nodeOf = graph.householdNode {
            nodeDistrict = [Int32](repeating: -2, count: graph.nodeCount)
            for i in 0..<assignment.count {
                let v = Int(nodeOf[i])
                if nodeDistrict[v] == -2 { nodeDistrict[v] = assignment[i] }
                else if nodeDistrict[v] != assignment[i] { nodeDistrict[v] = -1 }
            }
        } else {
            nodeDistrict = assignment
        }
        var cut = 0, total = 0
        for u in 0..<graph.nodeCount {
            for e in graph.offsets[u]..<graph.offsets[u + 1] {
                let v = Int(graph.neighbours[e])
                guard v > u else { continue }
                total += 1
                if nodeDistrict[u] < 0 || nodeDistrict[u] != nodeDistrict[v] { cut += 1 }
            }
        }
        return (cut, total)
    }
}

/// Union-find with path halving and union by size.
struct UnionFind {
    private var parent: [Int32]
    private var size: [Int32]
    init(count: Int) {
        parent = (0..<count).map { Int32($0) }
        size = [Int32](repeating: 1, count: count)
    }
    mutating func find(_ x: Int) -> Int {
        var x = x
        while Int(parent[x]) != x {
            parent[x] = parent[Int(parent[x])]
            x = Int(parent[x])
        }
        return x
    }
    mutating func union(_ a: Int, _ b: Int) {
        var ra = find(a), rb = find(b)
        guard ra != rb else { return }
        if size[ra] < size[rb] { swap(&ra, &rb) }
        parent[rb] = Int32(ra); size[ra] += size[rb]
    }
}

import WanggeModel

/// The neighbour graph as the metrics read it: compressed sparse rows over graph nodes, each
/// undirected edge stored in both directions (`u`'s neighbours are
/// `neighbours[offsets[u]..<offsets[u+1]]`).
///
/// Nodes are households unless `householdNode` is given: then household `i` sits on node
/// `householdNode[i]` (the graph merged coincident points, e.g. an apartment block), and all
/// households on one node count as adjacent to each other.
public struct NeighbourAdjacency: Sendable, Equatable {
    public var offsets: [Int]
    public var neighbours: [Int32]
    /// Node per household, or nil when node `i` is household `i`.
    public var householdNode: [Int32]?

    public init(offsets: [Int], neighbours: [Int32], householdNode: [Int32]? = nil) {
        self.offsets = offsets; self.neighbours = neighbours; self.householdNode = householdNode
    }

    /// Builds the CSR from undirected edges `(a[e], b[e])` over `nodeCount` nodes (self loops
    /// and duplicates dropped), for tests and for callers holding an edge list.
    public init(nodeCount: Int, edges: [(Int32, Int32)], householdNode: [Int32]? = nil) {
        var degree = [Int](repeating: 0, count: nodeCount + 1)
        var seen = Set<Int64>()
        var kept: [(Int32, Int32)] = []
        for (a, b) in edges where a != b {
            let key = Int64(min(a, b)) << 32 | Int64(max(a, b))
            if seen.insert(key).inserted { kept.append((a, b)); degree[Int(a) + 1] += 1; degree[Int(b) + 1] += 1 }
        }
        for i in 0..<nodeCount { degree[i + 1] += degree[i] }
        var fill = degree
        var nb = [Int32](repeating: 0, count: degree[nodeCount])
        for (a, b) in kept {
            nb[fill[Int(a)]] = b; fill[Int(a)] += 1
            nb[fill[Int(b)]] = a; fill[Int(b)] += 1
        }
        self.init(offsets: degree, neighbours: nb, householdNode: householdNode)
    }

    public var nodeCount: Int { max(offsets.count - 1, 0) }
    /// Undirected edges (each stored twice).
    public var edgeCount: Int { neighbours.count / 2 }
}

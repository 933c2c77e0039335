import WanggeModel

/// What the ensemble sampler (module WanggeEnsemble) reuses from the partitioner, at `package`
/// access: the contracted graph the partitioner works on (work groups as single nodes, unless
/// groups may be split), the coarse-atom criterion of merge-split, and the exact enumeration of
/// the connected, in-band splits of a union of two districts.
package struct ContractedGraph: Sendable {
    /// Node (atom) of each site, and the sites of each node as CSR.
    package var nodeOfSite: [Int32]
    package var memberOffsets: [Int32]
    package var members: [Int32]
    /// Contiguity CSR over nodes; `edgeWeight` counts the site edges each node edge stands for.
    package var offsets: [Int32]
    package var adj: [Int32]
    package var edgeWeight: [Int32]
    package var load: [Double]
    /// Nest unit of each node (-1 = none).
    package var nest: [Int32]
    /// Nodes whose sites are not connected in the site graph (work groups in pieces).
    package var brokenNodes: [Int32]

    package var count: Int { load.count }

    /// The partitioner's atoms of `p` (same contraction, same node numbering).
    package static func build(_ p: PartitionProblem) -> ContractedGraph {
        let atoms = Atoms.build(p, relationCost: 1, glueWeight: 0)
        let g = atoms.graph
        return ContractedGraph(nodeOfSite: atoms.atomOfSite, memberOffsets: atoms.memberOffsets, members: atoms.members,
                               offsets: g.offsets, adj: g.adj, edgeWeight: g.edgeWeight.map { Int32($0.rounded()) },
                               load: g.load, nest: atoms.nestOfAtom, brokenNodes: atoms.brokenAtoms)
    }

    /// Whether merge-split's criterion calls these nodes coarse against the band [lower, upper]:
    /// on average at least half as heavy as the band is wide.
    package func nodesAreCoarse(lower: Double, upper: Double) -> Bool {
        Refiner.nodesAreCoarse(load, lower: lower, upper: upper)
    }
}

/// Exact enumeration of the splits of a union of at most 64 nodes into two connected parts
/// whose loads lie in [lower, upper], through merge-split's workspace.
package struct SplitEnumerator {
    var workspace = MergeSplitWorkspace()

    package init() {}

    /// Subsets visited per union before the enumeration gives up (merge-split's budget).
    package static var budget: Int { MergeSplitWorkspace.budget }

    /// Every unordered split of the union (bit i = node i; `adjacency[i]` its neighbours inside
    /// the union) as the part holding node 0; nil when the enumeration hit the budget.
    package mutating func splits(adjacency: [UInt64], load: [Double], lower: Double, upper: Double,
                                 into result: inout [UInt64]) -> Bool {
        let n = adjacency.count
        precondition(n >= 1 && n <= 64)
        workspace.count = n
        workspace.all = n == 64 ? ~0 : (1 << UInt64(n)) - 1
        workspace.adjacency = adjacency
        workspace.load = load
        result.removeAll(keepingCapacity: true)
        let all = workspace.all
        var total = 0.0
        for l in load { total += l }
        let eps = 1e-9 * upper
        guard total >= 2 * lower - eps, total <= 2 * upper + eps else { return true }
        var visited = 0
        let ws = workspace
        ws.connectedSubsets(of: all, upper: upper, visited: &visited) { s, l in
            guard s != all, l >= lower - eps, total - l >= lower - eps, total - l <= upper + eps else { return }
            if ws.connected(all & ~s) { result.append(s) }
        }
        return visited <= MergeSplitWorkspace.budget
    }
}

import WanggeGraph

extension NeighbourAdjacency {
    /// The metrics' view of WanggeGraph's neighbour graph: its sites are the nodes (coincident
    /// households merged onto one site) and `siteOfHousehold` maps households to them.
    public init(_ graph: NeighbourGraph) {
        self.init(offsets: graph.offsets.map { Int($0) }, neighbours: graph.neighbours,
                  householdNode: graph.siteOfHousehold)
    }
}

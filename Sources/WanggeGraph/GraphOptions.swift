/// Options of the neighbour-graph stage. Distances are metres (the graph works in a metric CRS).
public struct GraphOptions: Sendable, Equatable {
    /// Positions closer than this (metres) are merged into one site, transitively. Exact duplicates are
    /// always merged. Default 1e-6 m (a micrometre: only rounding noise of a projection).
    public var mergeDistance: Double
    /// Long-edge trimming on or off.
    public var trim: Bool
    /// An edge is trimmed when it is longer than `trimFactor` × the median incident edge length at BOTH
    /// of its ends, and longer than `trimFloor` (see `NeighbourGraph`). Default 3.
    public var trimFactor: Double
    /// Edges not longer than this (metres) are never trimmed. Default 100 m.
    public var trimFloor: Double

    public init(mergeDistance: Double = 1e-6, trim: Bool = true, trimFactor: Double = 3, trimFloor: Double = 100) {
        self.mergeDistance = mergeDistance; self.trim = trim; self.trimFactor = trimFactor; self.trimFloor = trimFloor
    }
}

/// Wall-clock seconds spent in each step of `NeighbourGraph.build`.
public struct GraphTimings: Sendable, Equatable {
    public var merge = 0.0
    public var delaunay = 0.0
    public var barriers = 0.0
    public var trim = 0.0
    public var csr = 0.0
    public var components = 0.0
    public init() {}
    public var total: Double { merge + delaunay + barriers + trim + csr + components }
}

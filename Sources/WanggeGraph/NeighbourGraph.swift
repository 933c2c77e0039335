import WanggeModel

/// The neighbour graph of households, over sites (distinct positions; an apartment block's households
/// share one site), in a metric CRS.
///
/// Built as: merge coincident positions into sites (`SiteMerge`, which also fixes the site order: along
/// a Hilbert curve); Delaunay-triangulate the sites;
/// remove every edge that crosses a barrier (`BarrierIndex` states the crossing rule); trim long edges
/// (`GraphOptions.trimFactor`/`trimFloor`: an edge longer than the floor and than factor × the median
/// incident Delaunay edge length at both of its ends), restoring trimmed edges shortest first wherever
/// needed so that trimming never splits a component left by the barriers. With all sites collinear the
/// triangulation is the path along the line. Adjacency is CSR, symmetric, sorted per site, without
/// self loops or duplicates.
public struct NeighbourGraph: Sendable {
    /// Site positions (metres): the position of each site's first household.
    public var x: [Double]
    public var y: [Double]
    /// Site of each household, and the households of each site (CSR, input order).
    public var siteOfHousehold: [Int32]
    public var siteHouseholdOffsets: [Int32]
    public var siteHouseholds: [Int32]
    /// Neighbours of site s: `neighbours[offsets[s] ..< offsets[s + 1]]`, increasing; `lengths` holds the
    /// Euclidean length (metres) of each of those edges.
    public var offsets: [Int32]
    public var neighbours: [Int32]
    public var lengths: [Double]
    /// The untrimmed Delaunay triangulation of the sites (see `Delaunay`), for Voronoi cells.
    public var triangles: [Int32]
    public var halfedges: [Int32]
    public var hull: [Int32]
    /// Undirected Delaunay edges (or path edges when collinear) before any removal.
    public var delaunayEdgeCount: Int
    /// Edges removed because they cross a barrier.
    public var barrierEdgeCount: Int
    /// Edges removed by trimming (after restoring those needed for connectivity).
    public var trimmedEdgeCount: Int
    /// Trim candidates put back to keep components connected.
    public var restoredEdgeCount: Int
    /// Connected component of each site, numbered in order of each component's lowest site.
    public var componentOfSite: [Int32]
    public var componentCount: Int
    /// Time spent per step (not part of the result's meaning; varies run to run).
    public var timings: GraphTimings

    public var siteCount: Int { x.count }
    public var householdCount: Int { siteOfHousehold.count }
    /// Undirected edges in the final graph.
    public var edgeCount: Int { neighbours.count / 2 }

    public func neighbours(of site: Int) -> ArraySlice<Int32> {
        neighbours[Int(offsets[site])..<Int(offsets[site + 1])]
    }

    public func households(of site: Int) -> ArraySlice<Int32> {
        siteHouseholds[Int(siteHouseholdOffsets[site])..<Int(siteHouseholdOffsets[site + 1])]
    }

    /// Builds the graph from household positions in metres (already projected) and barriers in the same
    /// CRS. Throws a data error naming the household when a coordinate is not finite.
    /// `barriers` may hold crossings (`BarrierIndex` states where they make an edge walkable).
    /// `region`: the rings of the region service areas are clipped to (the boundary); no edge may
    /// cross them (land outside the region: a bay, a neighbouring county), crossings or not. An edge whose
    /// two Voronoi cells meet only outside it is dropped like a trimmed edge (kept when it alone joins
    /// two parts of the graph), so districts connected in the graph have one-piece service areas.
    public static func build(x: [Double], y: [Double], barriers: Barriers = Barriers(),
                             region: Barriers = Barriers(),
                             options: GraphOptions = GraphOptions(),
                             cancellation: Cancellation = .never) throws -> NeighbourGraph {
        precondition(x.count == y.count, "x and y differ in length")
        for i in 0..<x.count where !x[i].isFinite || !y[i].isFinite {
            throw WanggeError.data("household \(i) has a non-finite projected coordinate",
                                   at: SourceLocation(feature: i, field: "geometry"))
        }
        let clock = ContinuousClock()
        var timings = GraphTimings()
        var mark = clock.now
        func lap() -> Double {
            let now = clock.now
            let d = now - mark
            mark = now
            return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }

        let sites = SiteMerge(x: x, y: y, epsilon: options.mergeDistance)
        timings.merge = lap()
        try cancellation.check()
        let delaunay = try Delaunay(x: sites.x, y: sites.y, cancellation: cancellation)
        timings.delaunay = lap()
        try cancellation.check()

        let full = SiteCSR(delaunay, x: sites.x, y: sites.y)
        timings.csr = lap()
        try cancellation.check()
        var crossing = barriers.isEmpty ? [Bool](repeating: false, count: full.neighbours.count)
            : barrierFlags(BarrierIndex(barriers), x: sites.x, y: sites.y, graph: full)
        if !region.isEmpty {
            // The region's rings bar walking too, and no crossing applies to them.
            let outside = barrierFlags(BarrierIndex(Barriers(lines: region.lines, polygons: region.polygons)),
                                       x: sites.x, y: sites.y, graph: full)
            for k in crossing.indices where outside[k] { crossing[k] = true }
        }
        timings.barriers = lap()
        try cancellation.check()

        let dualOutside = region.isEmpty ? nil
            : dualOutsideFlags(delaunay, x: sites.x, y: sites.y, graph: full, region: BarrierIndex(region))
        var trimmed = [Bool](repeating: false, count: full.neighbours.count)
        var restored = 0
        if options.trim || dualOutside != nil {
            (trimmed, restored) = trimFlags(full, removed: crossing, factor: options.trim ? options.trimFactor : .infinity,
                                            floor: options.trim ? options.trimFloor : .infinity, alsoTrim: dualOutside)
        }
        timings.trim = lap()
        try cancellation.check()

        let drop = (0..<full.neighbours.count).map { crossing[$0] || trimmed[$0] }
        let (offsets, neighbours, lengths) = full.filtered(dropping: drop)
        timings.csr += lap()
        let (componentOfSite, componentCount) = connectedComponents(offsets: offsets, neighbours: neighbours)
        timings.components = lap()

        return NeighbourGraph(
            x: sites.x, y: sites.y, siteOfHousehold: sites.siteOfHousehold,
            siteHouseholdOffsets: sites.siteHouseholdOffsets, siteHouseholds: sites.siteHouseholds,
            offsets: offsets, neighbours: neighbours, lengths: lengths,
            triangles: delaunay.triangles, halfedges: delaunay.halfedges, hull: delaunay.hull,
            delaunayEdgeCount: full.neighbours.count / 2, barrierEdgeCount: crossing.reduce(0) { $0 + ($1 ? 1 : 0) } / 2,
            trimmedEdgeCount: trimmed.reduce(0) { $0 + ($1 ? 1 : 0) } / 2, restoredEdgeCount: restored,
            componentOfSite: componentOfSite, componentCount: componentCount, timings: timings)
    }
}

/// Connected components by breadth-first search from each unvisited vertex in increasing order, so
/// component ids follow each component's lowest vertex.
public func connectedComponents(offsets: [Int32], neighbours: [Int32]) -> (componentOf: [Int32], count: Int) {
    let n = offsets.count - 1
    var comp = [Int32](repeating: -1, count: max(n, 0))
    var queue = [Int32](repeating: 0, count: max(n, 0))
    var count: Int32 = 0
    for s in 0..<max(n, 0) where comp[s] < 0 {
        comp[s] = count
        var head = 0, tail = 1
        queue[0] = Int32(s)
        while head < tail {
            let a = Int(queue[head]); head += 1
            for k in Int(offsets[a])..<Int(offsets[a + 1]) {
                let b = Int(neighbours[k])
                if comp[b] < 0 { comp[b] = count; queue[tail] = Int32(b); tail += 1 }
            }
        }
        count += 1
    }
    return (comp, Int(count))
}

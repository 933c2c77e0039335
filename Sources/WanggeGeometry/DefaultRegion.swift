import CGEOS
import WanggeModel

/// The clip region used when no boundary is given (DESIGN section 3).
public enum DefaultRegion {
    public struct Result: Sendable {
        public var region: MultiPolygon
        /// The buffer radius r used (metres).
        public var bufferRadius: Double
        /// Median distance from a site to its nearest other site.
        public var medianNearestNeighbour: Double
    }

    /// Rule: r = `radiusFactor` × the median nearest-neighbour distance between sites (at least
    /// `minimumRadius`); the region is the union of the sites' discs of radius r, closed by a
    /// buffer out by 2r and back in by 2r (filling gaps narrower than 4r), without holes.
    public static func build(sites: [Point2], radiusFactor: Double = 2, minimumRadius: Double = 1,
                             quadrantSegments: Int = 4) throws -> Result {
        guard !sites.isEmpty else { throw WanggeError.data("the default region needs at least one site") }
        let grid = SiteGrid(sites)
        var nn = grid.nearestNeighbourDistances().filter { $0 > 0 }
        nn.sort()
        let median = nn.isEmpty ? 0 : nn[nn.count / 2]
        let r = max(radiusFactor * median, minimumRadius)
        let context = GeometryContext()
        let points = try context.multiPoint(sites)
        let discs = try points.buffer(r, quadrantSegments: quadrantSegments)
        let closed = try discs.buffer(2 * r, quadrantSegments: quadrantSegments)
            .buffer(-2 * r, quadrantSegments: quadrantSegments)
        var region = try closed.toMultiPolygon()
        region.polygons = region.polygons.map { Polygon(rings: [$0.exterior]) }
        return Result(region: region, bufferRadius: r, medianNearestNeighbour: median)
    }
}

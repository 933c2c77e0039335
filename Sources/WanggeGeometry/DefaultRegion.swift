import CGEOS
import WanggeModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The clip region used when no boundary is given (DESIGN section 3): the households' buffered
/// points closed into one region.
///
/// Rule (metric CRS): let m be the median distance from a site to its nearest other site and
/// r = `radiusFactor` · m (at least `minimumRadius`). The region is the union of
/// - the Delaunay triangles of the sites whose three edges are all at most 3r (the settled area,
///   closing gaps narrower than that between households), grown by r, and
/// - a disc of radius r around every site (so every household is inside, isolated ones too),
/// with holes filled. Parts further apart than about 3r stay separate polygons.
/// Without triangles, GEOS's Delaunay triangulation is used.
public enum DefaultRegion {
    public struct Result: Sendable {
        public var region: MultiPolygon
        /// The buffer radius r (metres).
        public var bufferRadius: Double
        /// Median distance from a site to its nearest other site.
        public var medianNearestNeighbour: Double
        /// Sites outside every kept triangle (each got its own disc).
        public var isolatedSites: Int
    }

    public static func build(sites: [Point2], triangles: [Int32]? = nil, radiusFactor: Double = 2,
                             minimumRadius: Double = 1, quadrantSegments: Int = 8) throws -> Result {
        let context = GeometryContext()
        let (region, radius, median, isolated) = try build(sites: sites, triangles: triangles, radiusFactor: radiusFactor,
                                                           minimumRadius: minimumRadius,
                                                           quadrantSegments: quadrantSegments, context: context)
        return Result(region: try region.toMultiPolygon(), bufferRadius: radius, medianNearestNeighbour: median,
                      isolatedSites: isolated)
    }

    /// The same, as a GEOS geometry in `context` (to pass straight to `ServiceAreas.build`).
    public static func build(sites: [Point2], triangles: [Int32]?, radiusFactor: Double, minimumRadius: Double,
                             quadrantSegments: Int, context: GeometryContext)
    throws -> (region: Geometry, radius: Double, median: Double, isolated: Int) {
        guard !sites.isEmpty else { throw WanggeError.data("the default region needs at least one site") }
        let grid = SiteGrid(sites)
        var nn = grid.nearestNeighbourDistances().filter { $0 > 0 }
        nn.sort()
        let median = nn.isEmpty ? 0 : nn[nn.count / 2]
        let r = max(radiusFactor * median, minimumRadius)
        let maxEdge = 3 * r

        let triangleList = try triangles ?? geosDelaunay(sites: sites, grid: grid, context: context)
        var covered = [Bool](repeating: false, count: sites.count)
        var boundaryEdges: [(Int32, Int32)] = []
        if !triangleList.isEmpty {
            let tri = try Triangulation(sites: sites, triangles: triangleList)
            let triangleCount = tri.triangles.count / 3
            var kept = [Bool](repeating: false, count: triangleCount)
            func short(_ a: Int32, _ b: Int32) -> Bool {
                let p = sites[Int(a)], q = sites[Int(b)]
                return (p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y) <= maxEdge * maxEdge
            }
            for t in 0..<triangleCount {
                let a = tri.triangles[3 * t], b = tri.triangles[3 * t + 1], c = tri.triangles[3 * t + 2]
                if short(a, b) && short(b, c) && short(c, a) {
                    kept[t] = true
                    covered[Int(a)] = true; covered[Int(b)] = true; covered[Int(c)] = true
                }
            }
            for e in tri.triangles.indices where kept[e / 3] {
                let f = Int(tri.twin[e])
                if f < 0 || !kept[f / 3] { boundaryEdges.append((tri.triangles[e], tri.triangles[Triangulation.next(e)])) }
            }
        }
        var parts: [Geometry] = []
        if !boundaryEdges.isEmpty {
            let paths = chainNodedPaths(boundaryEdges)
            let lines = try context.multiLineString(paths.map { $0.map { sites[Int($0)] } })
            let core = try context.wrap(GEOSBuildArea_r(context.handle, lines.pointer), "BuildArea of the settled area")
            // Each settled patch grown on its own (cheap), overlaps resolved by one union below.
            let patches: [Geometry] = core.kind == .polygon ? [core] : try core.parts()
            for patch in patches { parts.append(try patch.buffer(r, quadrantSegments: quadrantSegments)) }
        }
        let isolated = sites.indices.filter { !covered[$0] }
        for s in isolated { parts.append(try disc(sites[s], radius: r, segments: 4 * quadrantSegments, context: context)) }
        let union = parts.count == 1 ? parts[0] : try context.collection(parts).unaryUnion()
        let filled = try fillHoles(union)
        return (filled, r, median, isolated.count)
    }

    /// A regular polygon of `segments` sides around `centre` (vertices on the circle).
    static func disc(_ centre: Point2, radius: Double, segments: Int, context: GeometryContext) throws -> Geometry {
        var ring: [Point2] = []
        for i in 0..<segments {
            let angle = 2 * Double.pi * Double(i) / Double(segments)
            ring.append(Point2(centre.x + radius * cos(angle), centre.y + radius * sin(angle)))
        }
        ring.append(ring[0])
        return try context.polygon(Polygon(rings: [ring]))
    }

    /// The polygons of `g` without their holes, as a valid (Multi)Polygon.
    static func fillHoles(_ g: Geometry) throws -> Geometry {
        let shells = try g.toMultiPolygon().polygons.map { Polygon(rings: [$0.exterior]) }
        let context = g.context
        let multi = try context.multiPolygon(MultiPolygon(shells))
        // Shells of a valid polygonal geometry can nest (an island in a filled lake): union them.
        return shells.count > 1 ? try multi.unaryUnion() : multi
    }

    /// GEOS's Delaunay triangles as site indexes (any valid triangulation serves this rule).
    static func geosDelaunay(sites: [Point2], grid: SiteGrid, context: GeometryContext) throws -> [Int32] {
        guard sites.count >= 3 else { return [] }
        let handle = context.handle
        let triangles = try context.multiPoint(sites).delaunayTriangulation()
        var result: [Int32] = []
        result.reserveCapacity(triangles.numGeometries * 3)
        var buffer = [Double](repeating: 0, count: 8)
        for t in 0..<triangles.numGeometries {
            guard let tri = GEOSGetGeometryN_r(handle, triangles.pointer, Int32(t)),
                  let shell = GEOSGetExteriorRing_r(handle, tri),
                  let seq = GEOSGeom_getCoordSeq_r(handle, shell),
                  buffer.withUnsafeMutableBufferPointer({ GEOSCoordSeq_copyToBuffer_r(handle, seq, $0.baseAddress, 0, 0) }) == 1
            else { throw context.failure("Delaunay triangle \(t)") }
            for v in 0..<3 {
                let p = Point2(buffer[2 * v], buffer[2 * v + 1])
                let s = grid.nearest(p)
                guard s >= 0, sites[s] == p else { throw WanggeError(.software, "Delaunay vertex \(p) is not a site") }
                result.append(Int32(s))
            }
        }
        return result
    }
}

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
/// with holes filled; when parts lie further apart than about 3r, the region is their convex hull.
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
        /// Seconds per step.
        public var timings: [(step: String, seconds: Double)]
    }

    public static func build(sites: [Point2], triangles: [Int32]? = nil, halfedges: [Int32]? = nil,
                             radiusFactor: Double = 2, minimumRadius: Double = 1,
                             quadrantSegments: Int = 8) throws -> Result {
        let context = GeometryContext()
        var timings: [(step: String, seconds: Double)] = []
        let (region, radius, median, isolated) = try build(sites: sites, triangles: triangles, halfedges: halfedges,
                                                           radiusFactor: radiusFactor, minimumRadius: minimumRadius,
                                                           quadrantSegments: quadrantSegments, context: context,
                                                           timings: &timings)
        return Result(region: try region.toMultiPolygon(), bufferRadius: radius, medianNearestNeighbour: median,
                      isolatedSites: isolated, timings: timings)
    }

    /// The same, as a GEOS geometry in `context` (to pass straight to `ServiceAreas.build`).
    public static func build(sites: [Point2], triangles: [Int32]?, halfedges: [Int32]? = nil, radiusFactor: Double,
                             minimumRadius: Double, quadrantSegments: Int, context: GeometryContext,
                             timings: inout [(step: String, seconds: Double)])
    throws -> (region: Geometry, radius: Double, median: Double, isolated: Int) {
        let clock = ContinuousClock()
        var mark = clock.now
        func lap(_ step: String) {
            let now = clock.now
            timings.append((step, ServiceAreas.seconds(now - mark)))
            mark = now
        }
        guard !sites.isEmpty else { throw WanggeError.data("the default region needs at least one site") }
        let grid = SiteGrid(sites)
        let triangleList = try triangles ?? geosDelaunay(sites: sites, grid: grid, context: context)
        let tri = triangleList.isEmpty ? nil
            : try Triangulation(sites: sites, triangles: triangleList, halfedges: halfedges)
        // A site's nearest neighbour is one of its Delaunay neighbours.
        var nn: [Double]
        if let tri {
            nn = [Double](repeating: .infinity, count: sites.count)
            for e in tri.triangles.indices {
                let a = Int(tri.triangles[e]), b = Int(tri.triangles[Triangulation.next(e)])
                let dx = sites[a].x - sites[b].x, dy = sites[a].y - sites[b].y
                let d = (dx * dx + dy * dy).squareRoot()
                if d < nn[a] { nn[a] = d }
                if d < nn[b] { nn[b] = d }
            }
            nn = nn.filter { $0.isFinite && $0 > 0 }
        } else {
            nn = grid.nearestNeighbourDistances().filter { $0 > 0 }
        }
        nn.sort()
        let median = nn.isEmpty ? 0 : nn[nn.count / 2]
        let r = max(radiusFactor * median, minimumRadius)
        let maxEdge = 3 * r
        lap("nearest neighbours")

        var covered = [Bool](repeating: false, count: sites.count)
        var boundaryEdges: [(Int32, Int32)] = []
        if let tri {
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
        lap("settled triangles")
        var parts: [Geometry] = []
        // Boundary edges have their settled triangle on the left: outer rings run counter-
        // clockwise, hole rings clockwise. Holes are filled in the end, so each connected ring
        // set with negative area (a hole) is dropped and each other one becomes a patch.
        for component in connectedComponents(boundaryEdges, count: sites.count) {
            var twiceArea = 0.0
            for (a, b) in component {
                let p = sites[Int(a)], q = sites[Int(b)]
                twiceArea += p.x * q.y - q.x * p.y
            }
            guard twiceArea > 0 else { continue }
            let paths = chainNodedPaths(component)
            let lines = try context.multiLineString(paths.map { $0.map { sites[Int($0)] } })
            let patch = try context.wrap(GEOSBuildArea_r(context.handle, lines.pointer), "BuildArea of a settled patch")
            let polygons: [Geometry] = patch.kind == .polygon ? [patch] : try patch.parts()
            for polygon in polygons {
                let shell = try context.polygon(Polygon(rings: [try polygon.toPolygon().exterior]))
                parts.append(try shell.buffer(r, quadrantSegments: quadrantSegments))
            }
        }
        lap("patches")
        let isolated = sites.indices.filter { !covered[$0] }
        for s in isolated { parts.append(try disc(sites[s], radius: r, segments: 4 * quadrantSegments, context: context)) }
        lap("discs")
        // Closed into one region: separate settlements are joined by their convex hull, so that
        // districts spanning them can have one-piece service areas. (GEOS's concave hull of
        // polygons hugs them better but is not deterministic run to run, and takes seconds on
        // large regions.)
        //
        // Parts whose boxes fall into separate groups (no box of one group meets a box of another,
        // directly or through others) are apart, so their union has several pieces and the region
        // is its convex hull — which is the convex hull of the parts themselves, since every corner
        // of the union's hull is a vertex of a part. Spread-out data (a rural prefecture: a hundred
        // thousand hamlets and farmsteads) then skips the union, which costs far more than the hull.
        let boxes = try parts.map { try $0.bounds()! }
        if overlappingGroups(boxes).count > 1 {
            let filled = try context.collection(parts).convexHull()
            lap("hull")
            return (filled, r, median, isolated.count)
        }
        var filled = try unionFillingHoles(parts, context: context)
        lap("union")
        if filled.kind == .multiPolygon, filled.numGeometries > 1 {
            filled = try filled.convexHull()
            lap("hull")
        }
        return (filled, r, median, isolated.count)
    }

    /// Groups of edges connected through shared vertices, in order of their first edge.
    static func connectedComponents(_ edges: [(Int32, Int32)], count: Int) -> [[(Int32, Int32)]] {
        guard !edges.isEmpty else { return [] }
        var parent = [Int32](repeating: -1, count: count)
        func find(_ x: Int32) -> Int32 {
            var x = x
            while parent[Int(x)] >= 0 && parent[Int(x)] != x {
                let p = parent[Int(x)]
                if parent[Int(p)] >= 0 { parent[Int(x)] = parent[Int(p)] }
                x = p
            }
            return x
        }
        for (a, b) in edges {
            if parent[Int(a)] < 0 { parent[Int(a)] = a }
            if parent[Int(b)] < 0 { parent[Int(b)] = b }
            let ra = find(a), rb = find(b)
            if ra != rb { if ra < rb { parent[Int(rb)] = ra } else { parent[Int(ra)] = rb } }
        }
        var slot = [Int32: Int]()
        var groups: [[(Int32, Int32)]] = []
        for edge in edges {
            let root = find(edge.0)
            if let g = slot[root] { groups[g].append(edge) } else { slot[root] = groups.count; groups.append([edge]) }
        }
        return groups
    }

    /// The union of polygons, holes filled: polygons are grouped by overlapping boxes (so that
    /// the many lone ones skip the overlay), each group unioned, holes dropped, and shells lying
    /// inside another shell removed.
    static func unionFillingHoles(_ parts: [Geometry], context: GeometryContext) throws -> Geometry {
        guard !parts.isEmpty else { throw WanggeError(.software, "default region: nothing to unite") }
        var shells: [Geometry] = []
        var pending = parts
        // Repeat: a union can grow a shell so that its box now meets another group's.
        while true {
            let boxes = try pending.map { try $0.bounds()! }
            let groups = overlappingGroups(boxes)
            var next: [Geometry] = []
            for group in groups {
                let merged = group.count == 1 ? pending[group[0]]
                    : try context.collection(group.map { pending[$0] }).unaryUnion()
                for polygon in try merged.toMultiPolygon().polygons where !polygon.rings.isEmpty {
                    next.append(try context.polygon(Polygon(rings: [polygon.exterior])))
                }
            }
            // Stop when no union merged anything (disjoint polygons with overlapping boxes).
            if groups.allSatisfy({ $0.count == 1 }) || next.count >= pending.count || next.count == 1 {
                shells = next
                break
            }
            pending = next
        }
        // A shell inside another one (an island in a filled lake) goes. Only the shell with the
        // largest box can hold all others; when it does, it is the region. Otherwise the shells
        // stay as they are: the caller closes them into their convex hull, which the shells lying
        // inside others do not change (and testing every pair would cost the square of their count).
        guard shells.count > 1 else { return shells[0] }
        let boxes = try shells.map { try $0.bounds()! }
        func boxArea(_ b: BoundingBox) -> Double { (b.maxX - b.minX) * (b.maxY - b.minY) }
        var largest = 0
        for i in shells.indices.dropFirst() where boxArea(boxes[i]) > boxArea(boxes[largest]) { largest = i }
        let outer = boxes[largest]
        var holdsAll = true
        for i in shells.indices where i != largest {
            let box = boxes[i]
            guard box.minX >= outer.minX && box.maxX <= outer.maxX && box.minY >= outer.minY && box.maxY <= outer.maxY,
                  try shells[largest].covers(shells[i]) else { holdsAll = false; break }
        }
        return holdsAll ? shells[largest] : try context.collection(shells, type: .multiPolygon)
    }

    /// Indexes grouped so that boxes overlapping (or touching) directly or through others share a group.
    static func overlappingGroups(_ boxes: [BoundingBox]) -> [[Int]] {
        var parent = Array(boxes.indices)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        let order = boxes.indices.sorted { boxes[$0].minX != boxes[$1].minX ? boxes[$0].minX < boxes[$1].minX : $0 < $1 }
        var active: [Int] = []
        for i in order {
            let b = boxes[i]
            active.removeAll { boxes[$0].maxX < b.minX }
            for j in active where boxes[j].minY <= b.maxY && b.minY <= boxes[j].maxY {
                let ri = find(i), rj = find(j)
                if ri != rj { parent[max(ri, rj)] = min(ri, rj) }
            }
            active.append(i)
        }
        var slot = [Int: Int]()
        var groups: [[Int]] = []
        for i in boxes.indices {
            let root = find(i)
            if let g = slot[root] { groups[g].append(i) } else { slot[root] = groups.count; groups.append([i]) }
        }
        return groups
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

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
                             quadrantSegments: Int = 8, cancellation: Cancellation = .never) throws -> Result {
        let context = GeometryContext()
        var timings: [(step: String, seconds: Double)] = []
        let (region, radius, median, isolated) = try build(sites: sites, triangles: triangles, halfedges: halfedges,
                                                           radiusFactor: radiusFactor, minimumRadius: minimumRadius,
                                                           quadrantSegments: quadrantSegments, context: context,
                                                           timings: &timings, cancellation: cancellation)
        try cancellation.check()
        return Result(region: try region.toMultiPolygon(), bufferRadius: radius, medianNearestNeighbour: median,
                      isolatedSites: isolated, timings: timings)
    }

    /// The same, as a GEOS geometry in `context` (to pass straight to `ServiceAreas.build`).
    public static func build(sites: [Point2], triangles: [Int32]?, halfedges: [Int32]? = nil, radiusFactor: Double,
                             minimumRadius: Double, quadrantSegments: Int, context: GeometryContext,
                             timings: inout [(step: String, seconds: Double)], cancellation: Cancellation = .never)
    throws -> (region: Geometry, radius: Double, median: Double, isolated: Int) {
        let clock = ContinuousClock()
        var mark = clock.now
        // Each step ends with a cancellation check; the patch and disc loops ask every 1,024 parts.
        func lap(_ step: String) throws {
            let now = clock.now
            timings.append((step, ServiceAreas.seconds(now - mark)))
            mark = now
            try cancellation.check()
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
        try lap("nearest neighbours")

        var covered = [Bool](repeating: false, count: sites.count)
        var outerRings: [[(Int32, Int32)]] = []
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
            try lap("settled triangles")
            outerRings = try settledOuterRings(tri, kept: kept, sites: sites, cancellation: cancellation)
            try lap("boundary rings")
        }
        // Each outer ring (with any hole it touches at a vertex, see `settledOuterRings`) becomes a
        // patch: GEOS builds its area, the exterior is buffered. Holes are filled in the end, so
        // hole rings never reach GEOS (BuildArea's cost grows with the rings it is given). The
        // patches are built on all cores, each task in its own GEOS context; they come back as
        // coordinates, in ring order, and so do the discs around the isolated sites.
        let isolated = sites.indices.filter { !covered[$0] }
        let unit = unitCircle(segments: 4 * quadrantSegments)
        // Spread-out data (see below): when the parts are certainly apart, the region is their
        // convex hull, and only the parts that can reach the hull's boundary are built.
        // Every vertex of a patch lies within r of its ring's sites, every vertex of a disc within r
        // of its site: boxes grown by a little more than r hold the parts' boxes, so when these
        // loose boxes fall into several groups, so do the parts' own boxes.
        let reach = 1.001 * r
        func loose(_ box: BoundingBox) -> BoundingBox {
            BoundingBox(minX: box.minX - reach, minY: box.minY - reach, maxX: box.maxX + reach, maxY: box.maxY + reach)
        }
        let looseBoxes = outerRings.map { ring in
            var box = BoundingBox(minX: .infinity, minY: .infinity, maxX: -.infinity, maxY: -.infinity)
            for (a, _) in ring {
                let p = sites[Int(a)]
                box.minX = min(box.minX, p.x); box.maxX = max(box.maxX, p.x)
                box.minY = min(box.minY, p.y); box.maxY = max(box.maxY, p.y)
            }
            return loose(box)
        } + isolated.map { loose(BoundingBox(minX: sites[$0].x, minY: sites[$0].y, maxX: sites[$0].x, maxY: sites[$0].y)) }
        if overlappingGroups(looseBoxes).count > 1 {
            // The sites lie in the region, so a part whose loose box lies strictly inside their
            // octagon lies strictly inside the hull: none of its vertices is on the hull's boundary.
            let octagon = HullOctagon([sites])
            func reaches(_ part: Int) -> Bool { octagon.map { !$0.strictlyContains(looseBoxes[part]) } ?? true }
            var parts = try patches(outerRings.indices.filter(reaches).map { outerRings[$0] }, sites: sites, radius: r,
                                    quadrantSegments: quadrantSegments, cancellation: cancellation)
            try lap("patches")
            for (i, s) in isolated.enumerated() where reaches(outerRings.count + i) {
                if i & 1023 == 1023 { try cancellation.check() }
                parts.append(MultiPolygon([Polygon(rings: [discRing(sites[s], radius: r, unit: unit)])]))
            }
            try lap("discs")
            let points = parts.map { $0.polygons.flatMap { $0.rings.joined() } }
            let boxes = try points.map { points -> BoundingBox in
                guard let box = BoundingBox(xs: points.map(\.x), ys: points.map(\.y)) else {
                    throw WanggeError(.software, "default region: an empty part")
                }
                return box
            }
            let filled = try context.multiPoint(HullCandidates.filter(points, boxes: boxes)).convexHull()
            try lap("hull")
            return (filled, r, median, isolated.count)
        }
        var parts = try patches(outerRings, sites: sites, radius: r, quadrantSegments: quadrantSegments,
                                cancellation: cancellation)
        try lap("patches")
        parts.reserveCapacity(parts.count + isolated.count)
        for (i, s) in isolated.enumerated() {
            if i & 1023 == 1023 { try cancellation.check() }
            parts.append(MultiPolygon([Polygon(rings: [discRing(sites[s], radius: r, unit: unit)])]))
        }
        try lap("discs")
        // Closed into one region: separate settlements are joined by their convex hull, so that
        // districts spanning them can have one-piece service areas. (GEOS's concave hull of
        // polygons hugs them better but is not deterministic run to run, and takes seconds on
        // large regions.)
        //
        // Parts whose boxes fall into separate groups (no box of one group meets a box of another,
        // directly or through others) are apart, so their union has several pieces and the region
        // is its convex hull — which is the convex hull of the parts themselves, since every corner
        // of the union's hull is a vertex of a part. Spread-out data (a rural prefecture: a hundred
        // thousand hamlets and farmsteads) then skips the union, which costs far more than the hull;
        // and GEOS gets only the vertices that can lie on the hull's boundary (`HullCandidates`).
        // (The loose boxes above mostly settle this before any part is built.)
        let boxes = try parts.map { part -> BoundingBox in
            let exteriors = part.polygons.map(\.exterior)
            guard let box = BoundingBox(xs: exteriors.flatMap { $0.map(\.x) }, ys: exteriors.flatMap { $0.map(\.y) }) else {
                throw WanggeError(.software, "default region: an empty part")
            }
            return box
        }
        if overlappingGroups(boxes).count > 1 {
            let candidates = HullCandidates.filter(parts.map { $0.polygons.flatMap { $0.rings.joined() } }, boxes: boxes)
            parts = []
            let filled = try context.multiPoint(candidates).convexHull()
            try lap("hull")
            return (filled, r, median, isolated.count)
        }
        let geometries = try parts.map { part in
            part.polygons.count == 1 ? try context.polygon(part.polygons[0]) : try context.multiPolygon(part)
        }
        parts = []
        var filled = try unionFillingHoles(geometries, context: context)
        try lap("union")
        if filled.kind == .multiPolygon, filled.numGeometries > 1 {
            filled = try filled.convexHull()
            try lap("hull")
        }
        return (filled, r, median, isolated.count)
    }

    /// The boundary of the settled triangles as closed rings of site pairs, keeping only those
    /// with positive area (outer rings; hole rings run clockwise and are dropped), in order of
    /// their first half-edge.
    ///
    /// A boundary half-edge belongs to a settled triangle whose twin is missing or unsettled, with
    /// the triangle on its left. Each continues at its end vertex with the boundary half-edge
    /// reached by turning around that vertex through settled triangles, so every boundary
    /// half-edge has one successor and the half-edges fall apart into closed rings in linear time.
    /// Where two wedges of settled triangles meet at one vertex the turn stays in the wedge it came
    /// from: an outer ring and a hole touching it there become one ring, whose area is still
    /// positive (outer minus hole), and `chainNodedPaths` later splits it at that vertex for GEOS.
    static func settledOuterRings(_ tri: Triangulation, kept: [Bool], sites: [Point2],
                                  cancellation: Cancellation) throws -> [[(Int32, Int32)]] {
        let n = tri.triangles.count
        @inline(__always) func isBoundary(_ e: Int) -> Bool {
            guard kept[e / 3] else { return false }
            let f = Int(tri.twin[e])
            return f < 0 || !kept[f / 3]
        }
        var visited = [Bool](repeating: false, count: n)
        var rings: [[(Int32, Int32)]] = []
        for start in 0..<n where !visited[start] && isBoundary(start) {
            if start & 0xFFFF == 0 { try cancellation.check() }
            var ring: [(Int32, Int32)] = []
            let origin = sites[Int(tri.triangles[start])]
            var twiceArea = 0.0
            var e = start
            repeat {
                visited[e] = true
                let a = tri.triangles[e], b = tri.triangles[Triangulation.next(e)]
                ring.append((a, b))
                let p = sites[Int(a)], q = sites[Int(b)]
                twiceArea += (p.x - origin.x) * (q.y - origin.y) - (q.x - origin.x) * (p.y - origin.y)
                // Turn around b through settled triangles to the next boundary half-edge.
                var f = Triangulation.next(e)
                var turns = 0
                while !isBoundary(f) {
                    f = Triangulation.next(Int(tri.twin[f]))
                    turns += 1
                    guard turns <= n else {
                        throw WanggeError(.software, "default region: the settled boundary does not close at site \(b)")
                    }
                }
                e = f
                guard ring.count <= n else {
                    throw WanggeError(.software, "default region: a settled boundary ring does not close")
                }
            } while e != start
            if twiceArea > 0 { rings.append(ring) }
        }
        return rings
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

    /// The buffered patches of the settled area, one per polygon GEOS builds from each outer ring
    /// (see `build`), in ring order, as coordinates. The rings are cut into runs built side by side
    /// on all cores, each run in its own GEOS context; the result does not depend on the cut.
    static func patches(_ rings: [[(Int32, Int32)]], sites: [Point2], radius r: Double, quadrantSegments: Int,
                        cancellation: Cancellation) throws -> [MultiPolygon] {
        let runs = chunkRanges(rings.count, parts: 16 * Parallelism.workers)
        let built = parallelMap(runs.count) { run -> Swift.Result<[MultiPolygon], any Error> in
            Swift.Result {
                let context = GeometryContext()
                var out: [MultiPolygon] = []
                for c in runs[run] {
                    let ring = rings[c]
                    if c & 63 == 63 || ring.count > 1_000 { try cancellation.check() }
                    let paths = chainNodedPaths(ring)
                    let lines = try context.multiLineString(paths.map { $0.map { sites[Int($0)] } })
                    let patch = try context.wrap(GEOSBuildArea_r(context.handle, lines.pointer), "BuildArea of a settled patch")
                    let polygons: [Geometry] = patch.kind == .polygon ? [patch] : try patch.parts()
                    for polygon in polygons {
                        let shell = try context.polygon(Polygon(rings: [try polygon.toPolygon().exterior]))
                        out.append(try shell.buffer(r, quadrantSegments: quadrantSegments).toMultiPolygon())
                    }
                }
                return out
            }
        }
        return try built.flatMap { try $0.get() }
    }

    /// Cosine and sine of the `segments` angles of `discRing`.
    static func unitCircle(segments: Int) -> [(cos: Double, sin: Double)] {
        (0..<segments).map { i in
            let angle = 2 * Double.pi * Double(i) / Double(segments)
            return (cos(angle), sin(angle))
        }
    }

    /// A regular polygon of `unit.count` sides around `centre` (vertices on the circle), closed.
    static func discRing(_ centre: Point2, radius: Double, unit: [(cos: Double, sin: Double)]) -> [Point2] {
        var ring: [Point2] = []
        ring.reserveCapacity(unit.count + 1)
        for (c, s) in unit { ring.append(Point2(centre.x + radius * c, centre.y + radius * s)) }
        ring.append(ring[0])
        return ring
    }

    /// The same with `segments` sides.
    static func discRing(_ centre: Point2, radius: Double, segments: Int) -> [Point2] {
        discRing(centre, radius: radius, unit: unitCircle(segments: segments))
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

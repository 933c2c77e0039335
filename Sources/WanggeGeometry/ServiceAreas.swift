import CGEOS
import WanggeModel

/// District service areas (DESIGN sections 3 and 5, issue 4): the Voronoi cells of the household
/// sites, dissolved per district, clipped to the boundary. The districts tile the clip region.
public enum ServiceAreas {
    /// What `build` returns: one area per district (metric CRS, the sites' CRS) and what it noticed.
    public struct Result: Sendable {
        /// Service area of district d at index d; empty for a district with no sites.
        public var districts: [MultiPolygon]
        /// How the cells were made: "triangulation dual" or "GEOS Voronoi".
        public var method: String
        /// Why the triangulation's dual was not used although triangles were given (nil otherwise).
        public var dualFailure: String?
        /// Districts whose area is more than one polygon (forced by the data: boundary cuts,
        /// islands, a district whose sites lie apart). Ascending.
        public var multipart: [Int]
        /// Parts of areas lying across a barrier line (away from crossings) moved to the nearest
        /// districts on their side, and parts left where they were because their side holds no household.
        public var barrierMovedParts = 0
        public var barrierStrandedParts = 0
        /// Districts whose coverage union was not clean, dissolved by unary union instead.
        public var dissolveFallbacks: [Int]
        /// Area of the clip region and sum of the district areas (equal up to rounding).
        public var clipArea: Double
        public var districtAreaSum: Double
        /// Seconds spent per step, in order (names vary with the method).
        public var timings: [(step: String, seconds: Double)]
    }

    /// Builds the service areas.
    /// - Parameters:
    ///   - sites: distinct site positions (coincident households merged upstream), metric CRS.
    ///   - siteDistrict: district of each site, in 0..<k.
    ///   - k: number of districts.
    ///   - clip: the region the districts must tile (boundary, or `DefaultRegion.build`), same CRS,
    ///     valid, covering every site.
    ///   - triangles: optional triangulation of the sites (3 site indexes per triangle, any
    ///     orientation), normally the graph stage's Delaunay triangles. With it the districts come
    ///     from its dual in linear time; without it (or when the dual's result fails the checks)
    ///     GEOS computes the Voronoi cells.
    ///   - halfedges: optional twin of each half-edge of `triangles` (-1 on the hull), as
    ///     WanggeGraph's `Delaunay.halfedges`; saves finding them (checked, ignored if inconsistent).
    /// - Throws: `WanggeError(.dataError)` for sites outside the clip region, an invalid clip
    ///   region, coincident sites in different districts or bad district indexes;
    ///   `.software` when GEOS fails.
    ///   - barriers: barriers in the same CRS. Polygon barriers are holes no district owns; no
    ///     district's area runs across a barrier line except within a crossing's radius (`BarrierCut`).
    public static func build(sites: [Point2], siteDistrict: [Int32], k: Int, clip: MultiPolygon,
                             triangles: [Int32]? = nil, halfedges: [Int32]? = nil,
                             barriers: Barriers = Barriers(), cancellation: Cancellation = .never) throws -> Result {
        let context = GeometryContext()
        let areas = try build(sites: sites, siteDistrict: siteDistrict, k: k, clip: context.multiPolygon(clip),
                              triangles: triangles, halfedges: halfedges, barriers: barriers, context: context,
                              cancellation: cancellation)
        return try converted(areas, cancellation: cancellation)
    }

    /// What the service areas need before the districts are known: the clip region without the
    /// polygon barriers, checked (valid, with an area, covering every site), and the triangulation
    /// with its twins, checked as Delaunay (or why it is not). Only Sendable values: `groundwork`
    /// builds it in a GEOS context of its own, so on any thread (the pipeline builds it while the
    /// partition runs), and `build(sites:siteDistrict:k:groundwork:…)` starts at the districts.
    public struct Groundwork: Sendable {
        /// The clip region minus the polygon barriers, as WKB.
        let clip: [UInt8]
        let clipArea: Double
        /// Nil without triangles (GEOS's Voronoi cells are used).
        let triangulation: Swift.Result<Triangulation, any Error>?
        /// Seconds per step.
        public let timings: [(step: String, seconds: Double)]
    }

    /// The groundwork for `build(sites:siteDistrict:k:groundwork:…)`: the same checks, in the same
    /// order, and the same errors as `build` (a triangulation that is not Delaunay is no error: the
    /// build then falls back to GEOS's Voronoi cells, as `build` does).
    public static func groundwork(sites: [Point2], clip: MultiPolygon, triangles: [Int32]? = nil,
                                  halfedges: [Int32]? = nil, barriers: Barriers = Barriers(),
                                  cancellation: Cancellation = .never) throws -> Groundwork {
        let context = GeometryContext()
        let steps = StepTimes()
        let lap = steps.lap
        let clip = try holed(context.multiPolygon(clip), barriers: barriers, context: context)
        let (clipArea, _) = try checkedClip(clip, sites: sites, lap: lap)
        try cancellation.check()
        var triangulation: Swift.Result<Triangulation, any Error>?
        if let triangles, !triangles.isEmpty, sites.count >= 3 {
            triangulation = Swift.Result {
                let t = try Triangulation(sites: sites, triangles: triangles, halfedges: halfedges)
                try t.checkDelaunay(sites: sites)
                return t
            }
            lap("twins and Delaunay check")
        }
        return Groundwork(clip: try clip.wkb(), clipArea: clipArea, triangulation: triangulation, timings: steps.list)
    }

    /// `build` on its groundwork (built for the same sites and barriers).
    public static func build(sites: [Point2], siteDistrict: [Int32], k: Int, groundwork: Groundwork,
                             barriers: Barriers = Barriers(), cancellation: Cancellation = .never) throws -> Result {
        let context = GeometryContext()
        let areas = try build(sites: sites, siteDistrict: siteDistrict, k: k, clip: context.geometry(wkb: groundwork.clip),
                              barriers: barriers, context: context, groundwork: groundwork, cancellation: cancellation)
        return try converted(areas, cancellation: cancellation)
    }

    private static func converted(_ areas: Geometries, cancellation: Cancellation) throws -> Result {
        var areas = areas
        let clock = ContinuousClock()
        let started = clock.now
        let districts = try areas.geometries.map {
            try cancellation.check()
            return try $0.toMultiPolygon()
        }
        areas.timings.append(("convert", seconds(clock.now - started)))
        return Result(districts: districts, method: areas.method, dualFailure: areas.dualFailure,
                      multipart: areas.multipart, barrierMovedParts: areas.barrierMovedParts,
                      barrierStrandedParts: areas.barrierStrandedParts,
                      dissolveFallbacks: areas.dissolveFallbacks,
                      clipArea: areas.clipArea, districtAreaSum: areas.districtAreaSum, timings: areas.timings)
    }

    /// The same as `build` but keeps GEOS geometries (one per district, in `context`) for further
    /// GEOS work (adjacency, colouring, measures) without converting back and forth.
    public struct Geometries {
        public var geometries: [Geometry]
        public var method: String
        public var dualFailure: String?
        public var multipart: [Int]
        public var dissolveFallbacks: [Int]
        public var clipArea: Double
        public var districtAreaSum: Double
        public var timings: [(step: String, seconds: Double)]
        public var barrierMovedParts = 0
        public var barrierStrandedParts = 0
    }

    public static func build(sites: [Point2], siteDistrict: [Int32], k: Int, clip: Geometry,
                             triangles: [Int32]? = nil, halfedges: [Int32]? = nil,
                             barriers: Barriers = Barriers(), context: GeometryContext,
                             groundwork: Groundwork? = nil, cancellation: Cancellation = .never) throws -> Geometries {
        // With groundwork, `clip` is its clip region (the holes already cut).
        let clip = groundwork == nil ? try holed(clip, barriers: barriers, context: context) : clip
        var result = try buildVoronoi(sites: sites, siteDistrict: siteDistrict, k: k, clip: clip,
                                      triangles: triangles, halfedges: halfedges, context: context,
                                      groundwork: groundwork, cancellation: cancellation)
        guard !barriers.lines.isEmpty else { return result }
        try cancellation.check()
        let clock = ContinuousClock()
        let started = clock.now
        let cut = try BarrierCut(clip: clip, barriers: barriers, context: context)
        let outcome = try cut.apply(&result.geometries, sites: sites, siteDistrict: siteDistrict)
        result.barrierMovedParts = outcome.movedParts
        result.barrierStrandedParts = outcome.strandedParts
        if !outcome.changed.isEmpty {
            var multipart: [Int] = []
            var areaSum = 0.0
            for (d, g) in result.geometries.enumerated() {
                if g.numPolygons > 1 { multipart.append(d) }
                areaSum += try g.area()
            }
            for d in outcome.changed where !(try result.geometries[d].isValid()) {
                throw WanggeError(.software, "service area of district \(d) is not valid after the barrier cut: "
                                  + (try result.geometries[d].validityReason()))
            }
            guard abs(areaSum - result.clipArea) <= 1e-9 * result.clipArea else {
                throw WanggeError(.software, "service areas cover \(areaSum) of \(result.clipArea) after the barrier cut")
            }
            result.multipart = multipart
            result.districtAreaSum = areaSum
        }
        result.timings.append(("barriers (\(outcome.faces) faces, \(outcome.movedParts) parts moved)",
                               seconds(clock.now - started)))
        return result
    }

    /// The clip region without the polygon barriers: lakes and rail yards are holes that no district owns.
    static func holed(_ clip: Geometry, barriers: Barriers, context: GeometryContext) throws -> Geometry {
        guard !barriers.polygons.isEmpty else { return clip }
        let holes = try context.multiPolygon(MultiPolygon(barriers.polygons)).unaryUnion()
        return try polygonal(clip.difference(holes))
    }

    /// The checks of the sites and the clip region (valid, with an area, covering every site):
    /// the clip area and the clip's index.
    static func checkedClip(_ clip: Geometry, sites: [Point2], lap: (String) -> Void) throws -> (Double, ClipIndex) {
        guard !sites.isEmpty else { throw WanggeError.data("service areas need at least one household site") }
        if let bad = sites.firstIndex(where: { !$0.x.isFinite || !$0.y.isFinite }) {
            throw WanggeError.data("site \(bad) has a non-finite coordinate")
        }
        guard try clip.isValid() else {
            throw WanggeError.data("the clip region is not a valid polygon: \(try clip.validityReason())")
        }
        let clipArea = try clip.area()
        guard clipArea > 0 else { throw WanggeError.data("the clip region has no area") }
        let clipIndex = try ClipIndex(region: clip)
        lap("clip index")
        let outside = try clipIndex.pointsOutside(sites)
        guard outside.isEmpty else {
            let shown = outside.prefix(10).map(String.init).joined(separator: ", ")
            throw WanggeError.data("\(outside.count) site(s) lie outside the clip region: \(shown)"
                                   + (outside.count > 10 ? ", …" : ""))
        }
        lap("check sites")
        return (clipArea, clipIndex)
    }

    static func buildVoronoi(sites: [Point2], siteDistrict: [Int32], k: Int, clip: Geometry,
                             triangles: [Int32]?, halfedges: [Int32]?,
                             context: GeometryContext, groundwork: Groundwork? = nil,
                             cancellation: Cancellation = .never) throws -> Geometries {
        let clock = ContinuousClock()
        let steps = StepTimes()
        let lap = steps.lap

        guard k >= 1 else { throw WanggeError.usage("service areas need k ≥ 1, got \(k)") }
        guard siteDistrict.count == sites.count else {
            throw WanggeError(.software, "service areas: \(sites.count) sites but \(siteDistrict.count) district indexes")
        }
        if let bad = siteDistrict.firstIndex(where: { $0 < 0 || Int($0) >= k }) {
            throw WanggeError(.software, "service areas: site \(bad) has district \(siteDistrict[bad]), not in 0..<\(k)")
        }
        let clipArea: Double
        let clipIndex: ClipIndex
        if let groundwork {
            (clipArea, clipIndex) = (groundwork.clipArea, try ClipIndex(region: clip))
            lap("clip index")
        } else {
            (clipArea, clipIndex) = try checkedClip(clip, sites: sites, lap: lap)
        }
        try cancellation.check()

        // Members per district, ascending site index (deterministic).
        var members = [[Int]](repeating: [], count: k)
        for (s, d) in siteDistrict.enumerated() { members[Int(d)].append(s) }

        var dualFailure: String?
        let dualInput = groundwork.map { $0.triangulation != nil } ?? ((triangles.map { !$0.isEmpty } ?? false) && sites.count >= 3)
        if dualInput {
            do {
                let result = try fromDual(sites: sites, siteDistrict: siteDistrict, k: k, clip: clip,
                                          clipArea: clipArea, clipIndex: clipIndex, triangles: triangles ?? [], halfedges: halfedges,
                                          triangulation: groundwork?.triangulation,
                                          members: members, context: context, cancellation: cancellation,
                                          lap: lap, timing: steps.add)
                return Geometries(geometries: result.geometries, method: "triangulation dual", dualFailure: nil,
                                  multipart: result.multipart, dissolveFallbacks: [], clipArea: clipArea,
                                  districtAreaSum: result.areaSum, timings: steps.list)
            } catch let error as WanggeError where error.status == .software {
                // The dual failed its checks (degenerate input): GEOS's Voronoi cells below.
                lap("dual (failed)")
                dualFailure = error.message
                context.clearMessages()
            }
        }

        let cells = try VoronoiCells(sites: sites, clip: clip, context: context, lap: lap)
        var geometries: [Geometry] = []
        var fallbacks: [Int] = []
        var dissolveSeconds = 0.0, clipSeconds = 0.0
        geometries.reserveCapacity(k)
        try cancellation.check()
        for d in 0..<k {
            try cancellation.check()
            let t0 = clock.now
            let cellIndexes = members[d].compactMap { cells.cellOfSite[$0] }
            guard !cellIndexes.isEmpty else {
                geometries.append(try context.wrap(GEOSGeom_createEmptyPolygon_r(context.handle), "empty polygon"))
                continue
            }
            let (dissolved, fellBack) = try cells.dissolve(cellIndexes)
            if fellBack { fallbacks.append(d) }
            let t1 = clock.now
            geometries.append(try clipIndex.clip(dissolved))
            let t2 = clock.now
            dissolveSeconds += seconds(t1 - t0)
            clipSeconds += seconds(t2 - t1)
        }
        steps.add("dissolve", dissolveSeconds)
        steps.add("clip", clipSeconds)
        steps.restart()

        var multipart: [Int] = []
        var areaSum = 0.0
        for (d, g) in geometries.enumerated() {
            if g.numPolygons > 1 { multipart.append(d) }
            areaSum += try g.area()
        }
        lap("measure")
        return Geometries(geometries: geometries, method: "GEOS Voronoi", dualFailure: dualFailure, multipart: multipart,
                          dissolveFallbacks: fallbacks, clipArea: clipArea, districtAreaSum: areaSum,
                          timings: steps.list)
    }

    /// Districts from the triangulation's dual, clipped and checked: every district valid and
    /// non-empty when it has sites, areas summing to the clip area. Throws `.software` otherwise.
    static func fromDual(sites: [Point2], siteDistrict: [Int32], k: Int, clip: Geometry, clipArea: Double, clipIndex: ClipIndex,
                         triangles: [Int32], halfedges: [Int32]?, triangulation checked: Swift.Result<Triangulation, any Error>? = nil,
                         members: [[Int]], context: GeometryContext,
                         cancellation: Cancellation = .never, lap: (String) -> Void, timing: (String, Double) -> Void) throws -> (geometries: [Geometry], multipart: [Int], areaSum: Double) {
        let triangulation: Triangulation
        if let checked {
            triangulation = try checked.get()
        } else {
            triangulation = try Triangulation(sites: sites, triangles: triangles, halfedges: halfedges)
            lap("twins")
            try cancellation.check()
            try triangulation.checkDelaunay(sites: sites)
            lap("Delaunay check")
        }
        try cancellation.check()
        let siteBox = BoundingBox(xs: sites.map(\.x), ys: sites.map(\.y))!
        let clipBox = try clip.bounds() ?? siteBox
        let extent = BoundingBox(minX: min(siteBox.minX, clipBox.minX), minY: min(siteBox.minY, clipBox.minY),
                                 maxX: max(siteBox.maxX, clipBox.maxX), maxY: max(siteBox.maxY, clipBox.maxY))
        let dual = try VoronoiDual(sites: sites, siteDistrict: siteDistrict, k: k,
                                   triangulation: triangulation, extent: extent)
        lap("dual")
        try cancellation.check()
        let clock = ContinuousClock()
        var buildSeconds = 0.0, validSeconds = 0.0, clipSeconds = 0.0
        var geometries: [Geometry] = []
        geometries.reserveCapacity(k)
        for d in 0..<k {
            try cancellation.check()
            if members[d].isEmpty {
                geometries.append(try context.wrap(GEOSGeom_createEmptyPolygon_r(context.handle), "empty polygon"))
                continue
            }
            let t0 = clock.now
            let region = k == 1 ? clip : try dual.region(of: d, context: context)
            let t1 = clock.now
            guard try region.isValid(), try region.area() > 0 else {
                throw WanggeError(.software, "dual region of district \(d) is not valid")
            }
            let t2 = clock.now
            geometries.append(try clipIndex.clip(region))
            let t3 = clock.now
            buildSeconds += seconds(t1 - t0); validSeconds += seconds(t2 - t1); clipSeconds += seconds(t3 - t2)
        }
        lap("regions and clip")
        try cancellation.check()
        timing("  of which build areas", buildSeconds)
        timing("  of which validity", validSeconds)
        timing("  of which clip", clipSeconds)
        var multipart: [Int] = []
        var areaSum = 0.0
        for (d, g) in geometries.enumerated() {
            if g.numPolygons > 1 { multipart.append(d) }
            let area = try g.area()
            if !members[d].isEmpty {
                guard area > 0, try g.isValid() else {
                    throw WanggeError(.software, "clipped dual region of district \(d) is empty or invalid")
                }
            }
            areaSum += area
        }
        guard abs(areaSum - clipArea) <= 1e-10 * clipArea else {
            throw WanggeError(.software, "dual regions cover \(areaSum) of \(clipArea)")
        }
        lap("measure")
        try cancellation.check()
        return (geometries, multipart, areaSum)
    }

    /// Keeps only the polygons of an overlay result (drops lines/points of collapse) as a
    /// Polygon or MultiPolygon.
    static func polygonal(_ g: Geometry) throws -> Geometry {
        switch g.kind {
        case .polygon, .multiPolygon: return g
        default:
            let parts = try g.parts().filter { $0.kind == .polygon || $0.kind == .multiPolygon }
            let polygons = try parts.flatMap { $0.kind == .polygon ? [$0] : try $0.parts() }
            if polygons.count == 1 { return polygons[0] }
            return try g.context.collection(polygons, type: .multiPolygon)
        }
    }

    /// Seconds per step of one build, for the stage's `timings`: `lap` ends a step (timed from the end
    /// of the previous one), `add` records a step timed elsewhere. Local to one call, never shared.
    final class StepTimes {
        private let clock = ContinuousClock()
        private var mark: ContinuousClock.Instant
        private(set) var list: [(step: String, seconds: Double)] = []
        init() { mark = clock.now }
        func lap(_ step: String) {
            let now = clock.now
            list.append((step, ServiceAreas.seconds(now - mark)))
            mark = now
        }
        func add(_ step: String, _ seconds: Double) { list.append((step, seconds)) }
        func restart() { mark = clock.now }
    }

    static func seconds(_ d: Duration) -> Double {
        let c = d.components
        return Double(c.seconds) + Double(c.attoseconds) * 1e-18
    }
}

import WanggeModel

/// WGS84 longitude/latitude ↔ the metric CRS of a run, over whole arrays. The pipeline's "project"
/// stage: households, boundary and barriers go in as WGS84 degrees and come out as metres (scaled by
/// `MetricCRS.metresPerUnit`, so a CRS in feet still yields metres); service areas come back the other way.
///
/// Not `Sendable` (it owns PROJ objects): make one per task from the `MetricCRS` value.
public final class Projector {
    public let crs: MetricCRS
    public let context: ProjectionContext
    let transformer: Transformer

    public init(crs: MetricCRS, context: ProjectionContext = ProjectionContext()) throws {
        self.crs = crs
        self.context = context
        transformer = try Transformer(from: "EPSG:4326", to: crs.definition, context: context)
    }

    /// A projector for these points: `crs` (the `--crs` text) when given, else their UTM zone.
    public convenience init(longitudes: [Double], latitudes: [Double], crs text: String? = nil,
                            context: ProjectionContext = ProjectionContext()) throws {
        let crs = try MetricCRS.choose(text, longitudes: longitudes, latitudes: latitudes, context: context)
        try self.init(crs: crs, context: context)
    }

    // MARK: Arrays

    /// WGS84 degrees → metres, in place.
    public func project(x: inout [Double], y: inout [Double]) throws {
        try transformer.forward(x: &x, y: &y)
        if crs.metresPerUnit != 1 { scale(&x, &y, by: crs.metresPerUnit) }
    }

    /// Metres → WGS84 degrees, in place.
    public func unproject(x: inout [Double], y: inout [Double]) throws {
        if crs.metresPerUnit != 1 { scale(&x, &y, by: 1 / crs.metresPerUnit) }
        try transformer.inverse(x: &x, y: &y)
    }

    /// WGS84 columns (e.g. `HouseholdTable.lon`/`.lat`) → metric columns.
    public func project(longitudes: [Double], latitudes: [Double]) throws -> (x: [Double], y: [Double]) {
        var x = longitudes, y = latitudes
        try project(x: &x, y: &y)
        return (x, y)
    }

    /// WGS84 columns → metric columns in `crs`, in consecutive slices side by side (one PROJ context
    /// per slice, as PROJ objects are never shared across threads). PROJ transforms each point on
    /// its own, so the result is the single-threaded one, value for value; when any slice fails, the
    /// whole is redone on one thread so the error names the point as it always does.
    public static func project(longitudes: [Double], latitudes: [Double], crs: MetricCRS,
                               workers: Int = Parallelism.workers) throws -> (x: [Double], y: [Double]) {
        let n = longitudes.count
        guard workers > 1, n >= 2 * minimumSlice else {
            return try Projector(crs: crs).project(longitudes: longitudes, latitudes: latitudes)
        }
        let slices = chunkRanges(n, parts: min(workers, n / minimumSlice))
        let parts = parallelMap(slices.count) { c -> (x: [Double], y: [Double])? in
            var x = Array(longitudes[slices[c]]), y = Array(latitudes[slices[c]])
            guard let projector = try? Projector(crs: crs), (try? projector.project(x: &x, y: &y)) != nil else { return nil }
            return (x, y)
        }
        guard parts.allSatisfy({ $0 != nil }) else {
            return try Projector(crs: crs).project(longitudes: longitudes, latitudes: latitudes)
        }
        var x: [Double] = [], y: [Double] = []
        x.reserveCapacity(n); y.reserveCapacity(n)
        for part in parts { x += part!.x; y += part!.y }
        return (x, y)
    }

    /// Points per slice below which projecting on several threads is not worth a PROJ context.
    static let minimumSlice = 50_000

    /// Metric columns → WGS84 longitude and latitude.
    public func unproject(x: [Double], y: [Double]) throws -> (longitudes: [Double], latitudes: [Double]) {
        var lon = x, lat = y
        try unproject(x: &lon, y: &lat)
        return (lon, lat)
    }

    // MARK: Geometry values

    public func project(_ points: [Point2]) throws -> [Point2] {
        scaled(try transformer.transform(points, .forward), by: crs.metresPerUnit)
    }

    public func unproject(_ points: [Point2]) throws -> [Point2] {
        try transformer.transform(scaled(points, by: 1 / crs.metresPerUnit), .inverse)
    }

    public func project(_ polygon: Polygon) throws -> Polygon {
        Polygon(rings: try projectRings(polygon.rings))
    }

    public func unproject(_ polygon: Polygon) throws -> Polygon {
        Polygon(rings: try unprojectRings(polygon.rings))
    }

    public func project(_ multi: MultiPolygon) throws -> MultiPolygon {
        MultiPolygon(try mapRings(multi) { try self.projectRings($0) })
    }

    public func unproject(_ multi: MultiPolygon) throws -> MultiPolygon {
        MultiPolygon(try mapRings(multi) { try self.unprojectRings($0) })
    }

    public func project(_ barriers: Barriers) throws -> Barriers {
        let crossings = barriers.crossings.isEmpty ? [] : try projectRings([barriers.crossings.map(\.position)])[0]
        return barriers.moved(lines: try projectRings(barriers.lines),
                              polygons: try project(MultiPolygon(barriers.polygons)).polygons, crossingPositions: crossings)
    }

    public func unproject(_ barriers: Barriers) throws -> Barriers {
        let crossings = barriers.crossings.isEmpty ? [] : try unprojectRings([barriers.crossings.map(\.position)])[0]
        return barriers.moved(lines: try unprojectRings(barriers.lines),
                              polygons: try unproject(MultiPolygon(barriers.polygons)).polygons, crossingPositions: crossings)
    }

    /// Many point lists (rings, lines) in one PROJ batch.
    public func projectRings(_ rings: [[Point2]]) throws -> [[Point2]] {
        try transformer.transformRings(rings, .forward).map { scaled($0, by: crs.metresPerUnit) }
    }

    public func unprojectRings(_ rings: [[Point2]]) throws -> [[Point2]] {
        try transformer.transformRings(rings.map { scaled($0, by: 1 / crs.metresPerUnit) }, .inverse)
    }

    // MARK: Helpers

    private func mapRings(_ multi: MultiPolygon, _ body: ([[Point2]]) throws -> [[Point2]]) rethrows -> [Polygon] {
        let flat = try body(multi.polygons.flatMap(\.rings))
        var out: [Polygon] = []
        var next = 0
        for polygon in multi.polygons {
            out.append(Polygon(rings: Array(flat[next..<next + polygon.rings.count])))
            next += polygon.rings.count
        }
        return out
    }

    private func scale(_ x: inout [Double], _ y: inout [Double], by f: Double) {
        for i in x.indices { x[i] *= f; y[i] *= f }
    }

    private func scaled(_ points: [Point2], by f: Double) -> [Point2] {
        f == 1 ? points : points.map { Point2($0.x * f, $0.y * f) }
    }
}

@available(*, unavailable)
extension Projector: Sendable {}

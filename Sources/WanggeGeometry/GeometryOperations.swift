import CGEOS
import WanggeModel

/// Measures, validity and constructive operations, named as shapely / georust geo name them.
/// Every GEOS failure throws a `WanggeError` (`.software`) carrying GEOS's message.
extension Geometry {
    // MARK: Measures

    public func area() throws -> Double {
        var value = 0.0
        guard GEOSArea_r(handle, pointer, &value) == 1 else { throw context.failure("area") }
        return value
    }

    /// Length of lines, or perimeter of polygons.
    public func length() throws -> Double {
        var value = 0.0
        guard GEOSLength_r(handle, pointer, &value) == 1 else { throw context.failure("length") }
        return value
    }

    public func distance(to other: Geometry) throws -> Double {
        var value = 0.0
        guard GEOSDistance_r(handle, pointer, other.pointer, &value) == 1 else { throw context.failure("distance") }
        return value
    }

    // MARK: Validity

    public func isValid() throws -> Bool {
        try context.predicate(GEOSisValid_r(handle, pointer), "isValid")
    }

    /// GEOS's explanation, "Valid Geometry" when valid (shapely `explain_validity`).
    public func validityReason() throws -> String {
        try context.takeString(GEOSisValidReason_r(handle, pointer), "isValidReason")
    }

    /// A valid version of this geometry (GEOS MakeValid, "linework" method of 3.11).
    public func makeValid() throws -> Geometry {
        try context.wrap(GEOSMakeValid_r(handle, pointer), "MakeValid")
    }

    // MARK: Predicates

    public func intersects(_ other: Geometry) throws -> Bool {
        try context.predicate(GEOSIntersects_r(handle, pointer, other.pointer), "intersects")
    }

    public func contains(_ other: Geometry) throws -> Bool {
        try context.predicate(GEOSContains_r(handle, pointer, other.pointer), "contains")
    }

    public func covers(_ other: Geometry) throws -> Bool {
        try context.predicate(GEOSCovers_r(handle, pointer, other.pointer), "covers")
    }

    public func equalsExact(_ other: Geometry, tolerance: Double = 0) throws -> Bool {
        try context.predicate(GEOSEqualsExact_r(handle, pointer, other.pointer, tolerance), "equalsExact")
    }

    // MARK: Overlay

    public func intersection(_ other: Geometry) throws -> Geometry {
        try context.wrap(GEOSIntersection_r(handle, pointer, other.pointer), "intersection")
    }

    public func union(_ other: Geometry) throws -> Geometry {
        try context.wrap(GEOSUnion_r(handle, pointer, other.pointer), "union")
    }

    public func difference(_ other: Geometry) throws -> Geometry {
        try context.wrap(GEOSDifference_r(handle, pointer, other.pointer), "difference")
    }

    public func symmetricDifference(_ other: Geometry) throws -> Geometry {
        try context.wrap(GEOSSymDifference_r(handle, pointer, other.pointer), "symmetric difference")
    }

    /// This geometry with its vertices moved onto the vertices and segments of `other` that lie
    /// within `tolerance` (shapely's `snap`), so that edges meant to be shared become identical.
    public func snapped(to other: Geometry, tolerance: Double) throws -> Geometry {
        try context.wrap(GEOSSnap_r(handle, pointer, other.pointer, tolerance), "snap(\(tolerance))")
    }

    /// Union of all parts of this (collection) geometry.
    public func unaryUnion() throws -> Geometry {
        try context.wrap(GEOSUnaryUnion_r(handle, pointer), "unary union")
    }

    /// Union of a clean polygonal coverage (parts share identically noded edges, no overlaps).
    /// GEOS does not check the precondition: validate the result (see `ServiceAreas`).
    public func coverageUnion() throws -> Geometry {
        try context.wrap(GEOSCoverageUnion_r(handle, pointer), "coverage union")
    }

    // MARK: Constructions

    /// Buffer with round joins; `quadrantSegments` segments per quarter circle.
    public func buffer(_ distance: Double, quadrantSegments: Int = 8) throws -> Geometry {
        try context.wrap(GEOSBuffer_r(handle, pointer, distance, Int32(quadrantSegments)), "buffer(\(distance))")
    }

    public func boundary() throws -> Geometry {
        try context.wrap(GEOSBoundary_r(handle, pointer), "boundary")
    }

    public func envelope() throws -> Geometry {
        try context.wrap(GEOSEnvelope_r(handle, pointer), "envelope")
    }

    public func convexHull() throws -> Geometry {
        try context.wrap(GEOSConvexHull_r(handle, pointer), "convex hull")
    }

    /// Concave hull of the vertices (`ratio` 0 = tightest, 1 = convex hull).
    public func concaveHull(ratio: Double, allowHoles: Bool = false) throws -> Geometry {
        try context.wrap(GEOSConcaveHull_r(handle, pointer, ratio, allowHoles ? 1 : 0), "concave hull")
    }

    /// The smallest circle containing the geometry.
    public func minimumBoundingCircle() throws -> (center: Point2, radius: Double) {
        var radius = 0.0
        var centerPointer: OpaquePointer?
        let circle = try context.wrap(GEOSMinimumBoundingCircle_r(handle, pointer, &radius, &centerPointer),
                                      "minimum bounding circle")
        _ = circle
        let center = try context.wrap(centerPointer, "minimum bounding circle centre")
        return (try center.pointCoordinates(), radius)
    }

    /// Centre and radius of the largest circle inside a polygonal geometry (the "pole of
    /// inaccessibility"), found to within `tolerance`.
    public func maximumInscribedCircle(tolerance: Double) throws -> (center: Point2, radius: Double) {
        let line = try context.wrap(GEOSMaximumInscribedCircle_r(handle, pointer, tolerance),
                                    "maximum inscribed circle")
        let points = try line.points()
        guard points.count == 2 else { throw WanggeError(.software, "maximum inscribed circle: no radius line") }
        let dx = points[1].x - points[0].x, dy = points[1].y - points[0].y
        return (points[0], (dx * dx + dy * dy).squareRoot())
    }

    public func pointOnSurface() throws -> Point2 {
        try context.wrap(GEOSPointOnSurface_r(handle, pointer), "point on surface").pointCoordinates()
    }

    public func centroid() throws -> Point2 {
        try context.wrap(GEOSGetCentroid_r(handle, pointer), "centroid").pointCoordinates()
    }

    /// Topology-preserving simplification.
    public func simplifyPreservingTopology(_ tolerance: Double) throws -> Geometry {
        try context.wrap(GEOSTopologyPreserveSimplify_r(handle, pointer, tolerance), "simplify")
    }

    /// Voronoi cells (or edges) of this geometry's vertices, within `envelope` (grown to cover
    /// the input). Cells do not come back in input order in GEOS 3.11.
    public func voronoiDiagram(envelope: Geometry? = nil, tolerance: Double = 0, onlyEdges: Bool = false) throws -> Geometry {
        try context.wrap(GEOSVoronoiDiagram_r(handle, pointer, envelope?.pointer, tolerance, onlyEdges ? 1 : 0),
                         "Voronoi diagram")
    }

    /// Delaunay triangles (a GeometryCollection of polygons) or edges (MultiLineString).
    public func delaunayTriangulation(tolerance: Double = 0, onlyEdges: Bool = false) throws -> Geometry {
        try context.wrap(GEOSDelaunayTriangulation_r(handle, pointer, tolerance, onlyEdges ? 1 : 0),
                         "Delaunay triangulation")
    }

    // MARK: Precision and normal form

    /// How `setPrecision` treats topology (GEOS flags).
    public enum PrecisionMode: Int32, Sendable {
        /// Snap-rounding overlay: the result is valid (collapsed parts removed).
        case validOutput = 0
        /// Rounds each coordinate on its own; the result may be invalid.
        case pointwise = 1
        /// Like `validOutput` but keeps collapsed parts as lower-dimension geometries.
        case keepCollapsed = 2
    }

    /// Coordinates rounded to a grid of `gridSize` (0 = floating precision).
    public func setPrecision(_ gridSize: Double, mode: PrecisionMode = .validOutput) throws -> Geometry {
        try context.wrap(GEOSGeom_setPrecision_r(handle, pointer, gridSize, mode.rawValue),
                         "setPrecision(\(gridSize))")
    }

    /// A normalised copy (GEOS normal form: exterior rings clockwise, parts sorted) — for comparing.
    public func normalized() throws -> Geometry {
        let copy = try clone()
        guard GEOSNormalize_r(handle, copy.pointer) == 0 else { throw context.failure("normalize") }
        return copy
    }
}

import CGEOS
import WanggeModel

/// Polygon measures the quality report and the wall map need (DESIGN sections 6 and 8), for a
/// district's area in a metric CRS.
public struct AreaMeasures: Sendable, Equatable {
    /// Area A (square metres in a metric CRS).
    public var area: Double
    /// Perimeter P (all rings, holes included).
    public var perimeter: Double
    /// Area of the convex hull.
    public var convexHullArea: Double
    /// Centre and radius of the minimum enclosing circle.
    public var boundingCircleCenter: Point2
    public var boundingCircleRadius: Double
    /// Number of polygons (1 for a whole district).
    public var polygonCount: Int

    /// Polsby-Popper 4πA/P² (1 for a disc).
    public var polsbyPopper: Double { perimeter > 0 ? 4 * Double.pi * area / (perimeter * perimeter) : 0 }
    /// Reock A / area of the minimum enclosing circle.
    public var reock: Double {
        boundingCircleRadius > 0 ? area / (Double.pi * boundingCircleRadius * boundingCircleRadius) : 0
    }
    /// A / A(convex hull).
    public var convexHullRatio: Double { convexHullArea > 0 ? area / convexHullArea : 0 }

    /// Measures `area`; an empty area gives zeros.
    public init(_ multiPolygon: MultiPolygon) throws {
        let context = GeometryContext()
        try self.init(context.multiPolygon(multiPolygon))
    }

    public init(_ geometry: Geometry) throws {
        polygonCount = geometry.numPolygons
        guard !geometry.isEmpty else {
            area = 0; perimeter = 0; convexHullArea = 0; boundingCircleCenter = Point2(0, 0); boundingCircleRadius = 0
            return
        }
        area = try geometry.area()
        perimeter = try geometry.length()
        convexHullArea = try geometry.convexHull().area()
        let circle = try geometry.minimumBoundingCircle()
        boundingCircleCenter = circle.center
        boundingCircleRadius = circle.radius
    }
}

extension MultiPolygon {
    /// A point well inside the area for a label: the centre of the largest inscribed circle of
    /// its largest polygon (to within `tolerance`, in the polygon's units).
    public func labelPoint(tolerance: Double) throws -> Point2? {
        let context = GeometryContext()
        var best: (area: Double, polygon: Geometry)?
        for polygon in polygons {
            let g = try context.polygon(polygon)
            let area = try g.area()
            if best == nil || area > best!.area { best = (area, g) }
        }
        guard let best else { return nil }
        return try best.polygon.maximumInscribedCircle(tolerance: tolerance).center
    }
}

/// Checking and repairing a boundary read from a file (DESIGN section 10: invalid or
/// self-intersecting boundary).
public enum RegionRepair {
    /// The region itself when valid; otherwise GEOS MakeValid's polygons and GEOS's reason why
    /// the input was invalid (for the warning). Throws a data error when nothing with area is left.
    public static func validated(_ region: MultiPolygon) throws -> (region: MultiPolygon, invalidReason: String?) {
        let context = GeometryContext()
        let g = try context.multiPolygon(region)
        if try g.isValid() { return (region, nil) }
        let reason = try g.validityReason()
        let fixed = try ServiceAreas.polygonal(g.makeValid())
        guard try fixed.area() > 0 else {
            throw WanggeError.data("the boundary is invalid (\(reason)) and MakeValid leaves no area")
        }
        return (try fixed.toMultiPolygon(), reason)
    }

    /// Indexes of the points not covered by `region` (outside it, not on its boundary).
    public static func pointsOutside(_ points: [Point2], region: MultiPolygon) throws -> [Int] {
        let context = GeometryContext()
        return try ClipIndex(region: context.multiPolygon(region)).pointsOutside(points)
    }
}

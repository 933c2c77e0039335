import WanggeGeometry
import WanggeModel

/// Area, perimeter, convex hull and minimum enclosing circle of one district's service area,
/// in the metric CRS (metres), and the compactness scores built from them.
public struct ShapeMeasures: Sendable, Equatable {
    /// A: exterior areas minus hole areas, m².
    public var area: Double
    /// P: the length of every ring (holes included), m.
    public var perimeter: Double
    /// Area of the convex hull of all the parts, m².
    public var hullArea: Double
    /// Area of the minimum enclosing circle of all the parts, m².
    public var circleArea: Double
    /// Number of polygons (1 for a single-piece service area, 0 when there is none).
    public var polygonCount: Int

    public init(area: Double, perimeter: Double, hullArea: Double, circleArea: Double, polygonCount: Int) {
        self.area = area; self.perimeter = perimeter; self.hullArea = hullArea
        self.circleArea = circleArea; self.polygonCount = polygonCount
    }

    /// Polsby-Popper 4πA/P² (1 for a disc, π/4 for a square); nil without a perimeter.
    public var polsbyPopper: Double? { perimeter > 0 ? 4 * Double.pi * area / (perimeter * perimeter) : nil }
    /// Reock A / (area of the minimum enclosing circle) (2/π for a square); nil when degenerate.
    public var reock: Double? { circleArea > 0 ? area / circleArea : nil }
    /// Convex-hull ratio A / A(hull) (1 for a convex shape); nil when degenerate.
    public var hullRatio: Double? { hullArea > 0 ? area / hullArea : nil }

    /// Measures `shape` (metric coordinates): area and perimeter by the shoelace formula and ring
    /// lengths, hull and circle from `geometry` (GEOS by default).
    public static func of(_ shape: MultiPolygon, geometry: any ShapeGeometry = GEOSShapeGeometry()) throws -> ShapeMeasures {
        var area = 0.0, perimeter = 0.0
        for polygon in shape.polygons {
            for (r, ring) in polygon.rings.enumerated() {
                let a = abs(PlanarShapeGeometry.signedArea(ring))
                area += r == 0 ? a : -a
                perimeter += PlanarShapeGeometry.length(ring)
            }
        }
        guard !shape.isEmpty else { return ShapeMeasures(area: 0, perimeter: 0, hullArea: 0, circleArea: 0, polygonCount: 0) }
        let (hull, circle) = try geometry.hullAndCircleArea(shape)
        return ShapeMeasures(area: area, perimeter: perimeter, hullArea: hull, circleArea: circle,
                             polygonCount: shape.polygons.count)
    }
}

/// Where the convex hull and minimum enclosing circle of a shape come from.
public protocol ShapeGeometry {
    /// (convex hull area, minimum enclosing circle area) of `shape`, m².
    func hullAndCircleArea(_ shape: MultiPolygon) throws -> (hull: Double, circle: Double)
}

/// Hull and minimum enclosing circle by GEOS (`GEOSConvexHull_r`, `GEOSMinimumBoundingCircle_r`)
/// through WanggeGeometry. Not Sendable: it owns a GEOS context; make one per task.
public final class GEOSShapeGeometry: ShapeGeometry {
    private let context = GeometryContext()
    public init() {}

    public func hullAndCircleArea(_ shape: MultiPolygon) throws -> (hull: Double, circle: Double) {
        let g = try context.multiPolygon(shape)
        let hull = try g.convexHull().area()
        let r = try g.minimumBoundingCircle().radius
        return (hull, Double.pi * r * r)
    }
}

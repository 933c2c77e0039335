import CGEOS
import WanggeModel

/// A prepared geometry for repeated predicates against one (usually polygonal) geometry.
/// Keeps the base geometry alive. Not Sendable.
public final class PreparedGeometry {
    let pointer: OpaquePointer
    public let base: Geometry

    public init(_ base: Geometry) throws {
        guard let prepared = GEOSPrepare_r(base.handle, base.pointer) else {
            throw base.context.failure("prepare")
        }
        pointer = prepared
        self.base = base
    }

    deinit { GEOSPreparedGeom_destroy_r(base.handle, pointer) }

    var context: GeometryContext { base.context }

    public func contains(_ other: Geometry) throws -> Bool {
        try context.predicate(GEOSPreparedContains_r(base.handle, pointer, other.pointer), "prepared contains")
    }

    public func covers(_ other: Geometry) throws -> Bool {
        try context.predicate(GEOSPreparedCovers_r(base.handle, pointer, other.pointer), "prepared covers")
    }

    public func intersects(_ other: Geometry) throws -> Bool {
        try context.predicate(GEOSPreparedIntersects_r(base.handle, pointer, other.pointer), "prepared intersects")
    }

    /// Whether the point (x, y) lies in the interior of the geometry.
    public func contains(x: Double, y: Double) throws -> Bool {
        try contains(context.point(Point2(x, y)))
    }

    /// Whether the point (x, y) lies in the geometry or on its boundary.
    public func covers(x: Double, y: Double) throws -> Bool {
        try covers(context.point(Point2(x, y)))
    }

    /// Whether the point (x, y) touches the geometry (interior or boundary).
    public func intersects(x: Double, y: Double) throws -> Bool {
        try intersects(context.point(Point2(x, y)))
    }
}

@available(*, unavailable)
extension PreparedGeometry: Sendable {}

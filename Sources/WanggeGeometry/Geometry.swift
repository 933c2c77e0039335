import CGEOS
import WanggeModel

/// One GEOS geometry, owned: freed when the last reference goes. Holds its context strongly, so
/// the context outlives every geometry made in it. Not Sendable (GEOS objects belong to one context).
public final class Geometry {
    let pointer: OpaquePointer
    public let context: GeometryContext

    init(owning pointer: OpaquePointer, context: GeometryContext) {
        self.pointer = pointer
        self.context = context
    }

    deinit { GEOSGeom_destroy_r(context.handle, pointer) }

    var handle: GEOSContextHandle_t { context.handle }

    /// GEOS type id of this geometry.
    public var kind: Kind {
        Kind(rawValue: GEOSGeomTypeId_r(handle, pointer)) ?? .unknown
    }

    /// GEOS geometry kinds (GEOSGeomTypes).
    public enum Kind: Int32, Sendable {
        case point = 0, lineString, linearRing, polygon, multiPoint, multiLineString, multiPolygon,
             geometryCollection
        case unknown = -1
    }

    /// A deep copy in the same context.
    public func clone() throws -> Geometry {
        try context.wrap(GEOSGeom_clone_r(handle, pointer), "clone")
    }

    /// Number of parts (1 for a non-collection).
    public var numGeometries: Int { Int(GEOSGetNumGeometries_r(handle, pointer)) }

    /// A copy of part `index` of a collection.
    public func geometry(at index: Int) throws -> Geometry {
        guard let part = GEOSGetGeometryN_r(handle, pointer, Int32(index)) else {
            throw context.failure("GetGeometryN(\(index))")
        }
        return try context.wrap(GEOSGeom_clone_r(handle, part), "clone of part \(index)")
    }

    /// Copies of all parts.
    public func parts() throws -> [Geometry] {
        try (0..<numGeometries).map { try geometry(at: $0) }
    }

    /// Number of polygons: 1 for a Polygon, the parts of a MultiPolygon, polygons within a collection.
    public var numPolygons: Int {
        switch kind {
        case .polygon: return isEmpty ? 0 : 1
        case .multiPolygon: return numGeometries
        case .geometryCollection:
            var count = 0
            for i in 0..<numGeometries {
                if let part = GEOSGetGeometryN_r(handle, pointer, Int32(i)),
                   Kind(rawValue: GEOSGeomTypeId_r(handle, part)) == .polygon,
                   GEOSisEmpty_r(handle, part) == 0 { count += 1 }
            }
            return count
        default: return 0
        }
    }

    public var isEmpty: Bool { GEOSisEmpty_r(handle, pointer) == 1 }

    /// The box around the geometry; nil when empty.
    public func bounds() throws -> BoundingBox? {
        if isEmpty { return nil }
        var minX = 0.0, minY = 0.0, maxX = 0.0, maxY = 0.0
        guard GEOSGeom_getXMin_r(handle, pointer, &minX) == 1, GEOSGeom_getYMin_r(handle, pointer, &minY) == 1,
              GEOSGeom_getXMax_r(handle, pointer, &maxX) == 1, GEOSGeom_getYMax_r(handle, pointer, &maxY) == 1
        else { throw context.failure("envelope") }
        return BoundingBox(minX: minX, minY: minY, maxX: maxX, maxY: maxY)
    }

    /// X and Y of a Point geometry.
    public func pointCoordinates() throws -> Point2 {
        var x = 0.0, y = 0.0
        guard kind == .point, !isEmpty, GEOSGeomGetX_r(handle, pointer, &x) == 1,
              GEOSGeomGetY_r(handle, pointer, &y) == 1 else {
            throw context.failure("point coordinates of a \(kind)")
        }
        return Point2(x, y)
    }
}

@available(*, unavailable)
extension Geometry: Sendable {}

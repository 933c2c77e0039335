import CGEOS
import WanggeModel

/// Reading GEOS geometries back into the model's plain values.
extension Geometry {
    /// Coordinates of a borrowed LineString/LinearRing/Point pointer.
    static func coordinates(of part: OpaquePointer, handle: GEOSContextHandle_t) -> [Point2]? {
        guard let seq = GEOSGeom_getCoordSeq_r(handle, part) else { return nil }
        var size: UInt32 = 0
        guard GEOSCoordSeq_getSize_r(handle, seq, &size) == 1 else { return nil }
        if size == 0 { return [] }
        var buffer = [Double](repeating: 0, count: Int(size) * 2)
        let ok = buffer.withUnsafeMutableBufferPointer {
            GEOSCoordSeq_copyToBuffer_r(handle, seq, $0.baseAddress, 0, 0)
        }
        guard ok == 1 else { return nil }
        return (0..<Int(size)).map { Point2(buffer[2 * $0], buffer[2 * $0 + 1]) }
    }

    /// The coordinates of this LineString, LinearRing or Point.
    public func points() throws -> [Point2] {
        guard let points = Geometry.coordinates(of: pointer, handle: handle) else {
            throw context.failure("coordinates of a \(kind)")
        }
        return points
    }

    static func polygonValue(_ part: OpaquePointer, handle: GEOSContextHandle_t) -> Polygon? {
        if GEOSisEmpty_r(handle, part) == 1 { return Polygon(rings: []) }
        guard let shell = GEOSGetExteriorRing_r(handle, part),
              let exterior = coordinates(of: shell, handle: handle) else { return nil }
        var rings = [exterior]
        let holeCount = GEOSGetNumInteriorRings_r(handle, part)
        guard holeCount >= 0 else { return nil }
        for i in 0..<holeCount {
            guard let hole = GEOSGetInteriorRingN_r(handle, part, i),
                  let coords = coordinates(of: hole, handle: handle) else { return nil }
            rings.append(coords)
        }
        return Polygon(rings: rings)
    }

    /// Collects the non-empty polygons of a borrowed geometry (recursing into collections).
    static func collectPolygons(_ g: OpaquePointer, handle: GEOSContextHandle_t, into result: inout [Polygon]) -> Bool {
        switch Kind(rawValue: GEOSGeomTypeId_r(handle, g)) {
        case .polygon:
            guard let polygon = polygonValue(g, handle: handle) else { return false }
            if !polygon.rings.isEmpty { result.append(polygon) }
            return true
        case .multiPolygon, .geometryCollection:
            let count = GEOSGetNumGeometries_r(handle, g)
            guard count >= 0 else { return false }
            for i in 0..<count {
                guard let part = GEOSGetGeometryN_r(handle, g, i),
                      collectPolygons(part, handle: handle, into: &result) else { return false }
            }
            return true
        default:
            return true // points and lines carry no area
        }
    }

    /// The polygons of this geometry (a Polygon, MultiPolygon or any collection; lines and points
    /// are dropped) as a model value, rings as GEOS holds them (call `normalized`/`oriented` first
    /// to fix orientation).
    public func toMultiPolygon() throws -> MultiPolygon {
        var polygons: [Polygon] = []
        guard Geometry.collectPolygons(pointer, handle: handle, into: &polygons) else {
            throw context.failure("reading polygons")
        }
        return MultiPolygon(polygons)
    }

    /// This geometry as one Polygon value; throws when it is not exactly one polygon.
    public func toPolygon() throws -> Polygon {
        let multi = try toMultiPolygon()
        guard multi.polygons.count == 1 else {
            throw WanggeError(.software, "expected one polygon, found \(multi.polygons.count)")
        }
        return multi.polygons[0]
    }

    /// The lines of a LineString/MultiLineString/collection as coordinate arrays.
    public func toLineStrings() throws -> [[Point2]] {
        var lines: [[Point2]] = []
        func visit(_ g: OpaquePointer) throws {
            switch Kind(rawValue: GEOSGeomTypeId_r(handle, g)) {
            case .lineString, .linearRing:
                guard let coords = Geometry.coordinates(of: g, handle: handle) else { throw context.failure("line") }
                if !coords.isEmpty { lines.append(coords) }
            case .multiLineString, .geometryCollection, .multiPolygon:
                for i in 0..<GEOSGetNumGeometries_r(handle, g) {
                    guard let part = GEOSGetGeometryN_r(handle, g, i) else { throw context.failure("part") }
                    try visit(part)
                }
            default: break
            }
        }
        try visit(pointer)
        return lines
    }
}

extension Polygon {
    /// Twice the signed area of a closed ring (positive when counter-clockwise).
    static func signedDoubleArea(_ ring: [Point2]) -> Double {
        guard ring.count >= 3 else { return 0 }
        var sum = 0.0
        let origin = ring[0]
        for i in 0..<(ring.count - 1) {
            let a = ring[i], b = ring[i + 1]
            sum += (a.x - origin.x) * (b.y - origin.y) - (b.x - origin.x) * (a.y - origin.y)
        }
        return sum
    }

    /// The same polygon with the exterior counter-clockwise and holes clockwise (RFC 7946).
    public func orientedRFC7946() -> Polygon {
        var rings = self.rings
        for i in rings.indices {
            let ccw = Polygon.signedDoubleArea(rings[i]) > 0
            if (i == 0) != ccw { rings[i].reverse() }
        }
        return Polygon(rings: rings)
    }
}

extension MultiPolygon {
    /// Every polygon oriented as RFC 7946 asks (exterior counter-clockwise, holes clockwise).
    public func orientedRFC7946() -> MultiPolygon {
        MultiPolygon(polygons.map { $0.orientedRFC7946() })
    }
}

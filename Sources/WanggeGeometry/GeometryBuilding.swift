import CGEOS
import WanggeModel

/// Building GEOS geometries from the model's plain values and from WKT/WKB.
extension GeometryContext {
    /// A GEOS coordinate sequence from points (owned by the caller until handed to a geometry).
    func coordinateSequence(_ points: [Point2], close: Bool = false) throws -> OpaquePointer {
        var buffer = [Double]()
        buffer.reserveCapacity(points.count * 2 + 2)
        for p in points { buffer.append(p.x); buffer.append(p.y) }
        if close, let first = points.first, let last = points.last, first != last {
            buffer.append(first.x); buffer.append(first.y)
        }
        let seq = buffer.withUnsafeBufferPointer {
            GEOSCoordSeq_copyFromBuffer_r(handle, $0.baseAddress, UInt32($0.count / 2), 0, 0)
        }
        guard let seq else { throw failure("coordinate sequence of \(points.count) points") }
        return seq
    }

    /// A linear ring, closed if the input is not.
    func ringPointer(_ ring: [Point2]) throws -> OpaquePointer {
        let seq = try coordinateSequence(ring, close: true)
        guard let ringPointer = GEOSGeom_createLinearRing_r(handle, seq) else {
            throw failure("linear ring of \(ring.count) points", status: .dataError)
        }
        return ringPointer
    }

    func polygonPointer(_ polygon: Polygon) throws -> OpaquePointer {
        guard let exteriorRing = polygon.rings.first else {
            guard let empty = GEOSGeom_createEmptyPolygon_r(handle) else { throw failure("empty polygon") }
            return empty
        }
        let shell = try ringPointer(exteriorRing)
        var holes: [OpaquePointer?] = []
        do {
            for hole in polygon.rings.dropFirst() { holes.append(try ringPointer(hole)) }
        } catch {
            GEOSGeom_destroy_r(handle, shell)
            for hole in holes { GEOSGeom_destroy_r(handle, hole) }
            throw error
        }
        let result = holes.withUnsafeMutableBufferPointer {
            GEOSGeom_createPolygon_r(handle, shell, $0.baseAddress, UInt32($0.count))
        }
        guard let result else { throw failure("polygon", status: .dataError) }
        return result
    }

    /// A Point.
    public func point(_ p: Point2) throws -> Geometry {
        try wrap(GEOSGeom_createPointFromXY_r(handle, p.x, p.y), "point")
    }

    /// A MultiPoint of the given points.
    public func multiPoint(_ points: [Point2]) throws -> Geometry {
        var parts: [OpaquePointer?] = []
        parts.reserveCapacity(points.count)
        for p in points {
            guard let part = GEOSGeom_createPointFromXY_r(handle, p.x, p.y) else {
                for part in parts { GEOSGeom_destroy_r(handle, part) }
                throw failure("point")
            }
            parts.append(part)
        }
        return try collectionTakingOwnership(parts, type: GEOS_MULTIPOINT)
    }

    /// A LineString.
    public func lineString(_ points: [Point2]) throws -> Geometry {
        let seq = try coordinateSequence(points)
        return try wrap(GEOSGeom_createLineString_r(handle, seq), "line string of \(points.count) points",
                        status: .dataError)
    }

    /// A MultiLineString.
    public func multiLineString(_ lines: [[Point2]]) throws -> Geometry {
        let parts = try lines.map { try lineString($0) }
        return try collection(parts, type: .multiLineString)
    }

    /// A LinearRing (closed if the input is not).
    public func linearRing(_ ring: [Point2]) throws -> Geometry {
        Geometry(owning: try ringPointer(ring), context: self)
    }

    /// A Polygon from rings (ring 0 exterior); an empty polygon when there are no rings.
    public func polygon(_ polygon: Polygon) throws -> Geometry {
        Geometry(owning: try polygonPointer(polygon), context: self)
    }

    /// A MultiPolygon (its parts are not checked for overlaps: see `isValid`).
    public func multiPolygon(_ multi: MultiPolygon) throws -> Geometry {
        var parts: [OpaquePointer?] = []
        do {
            for polygon in multi.polygons { parts.append(try polygonPointer(polygon)) }
        } catch {
            for part in parts { GEOSGeom_destroy_r(handle, part) }
            throw error
        }
        return try collectionTakingOwnership(parts, type: GEOS_MULTIPOLYGON)
    }

    /// A collection of copies of `geometries` (`type` one of the multi kinds or a GeometryCollection).
    public func collection(_ geometries: [Geometry], type: Geometry.Kind = .geometryCollection) throws -> Geometry {
        var parts: [OpaquePointer?] = []
        parts.reserveCapacity(geometries.count)
        for g in geometries {
            guard let copy = GEOSGeom_clone_r(handle, g.pointer) else {
                for part in parts { GEOSGeom_destroy_r(handle, part) }
                throw failure("clone")
            }
            parts.append(copy)
        }
        return try collectionTakingOwnership(parts, type: GEOSGeomTypes(rawValue: UInt32(type.rawValue)))
    }

    /// Builds a collection that takes ownership of `parts` (freed here on failure).
    func collectionTakingOwnership(_ parts: [OpaquePointer?], type: GEOSGeomTypes) throws -> Geometry {
        var parts = parts
        let result = parts.withUnsafeMutableBufferPointer {
            GEOSGeom_createCollection_r(handle, Int32(type.rawValue), $0.baseAddress, UInt32($0.count))
        }
        guard let result else {
            for part in parts { GEOSGeom_destroy_r(handle, part) }
            throw failure("collection of \(parts.count) parts")
        }
        return Geometry(owning: result, context: self)
    }

    /// Parses Well-Known Text; malformed text is a data error carrying GEOS's message.
    public func geometry(wkt: String) throws -> Geometry {
        guard let reader = GEOSWKTReader_create_r(handle) else { throw failure("WKT reader") }
        defer { GEOSWKTReader_destroy_r(handle, reader) }
        return try wrap(GEOSWKTReader_read_r(handle, reader, wkt), "WKT read", status: .dataError)
    }

    /// Parses Well-Known Binary (the Sendable way to move geometries between contexts).
    public func geometry(wkb: [UInt8]) throws -> Geometry {
        guard let reader = GEOSWKBReader_create_r(handle) else { throw failure("WKB reader") }
        defer { GEOSWKBReader_destroy_r(handle, reader) }
        let result = wkb.withUnsafeBufferPointer {
            GEOSWKBReader_read_r(handle, reader, $0.baseAddress, $0.count)
        }
        return try wrap(result, "WKB read", status: .dataError)
    }
}

extension Geometry {
    /// Well-Known Text, with `precision` decimals when given (trailing zeros trimmed).
    public func wkt(precision: Int? = nil) throws -> String {
        guard let writer = GEOSWKTWriter_create_r(handle) else { throw context.failure("WKT writer") }
        defer { GEOSWKTWriter_destroy_r(handle, writer) }
        if let precision {
            GEOSWKTWriter_setRoundingPrecision_r(handle, writer, Int32(precision))
            GEOSWKTWriter_setTrim_r(handle, writer, 1)
        }
        return try context.takeString(GEOSWKTWriter_write_r(handle, writer, pointer), "WKT write")
    }

    /// Well-Known Binary (little endian, 2D).
    public func wkb() throws -> [UInt8] {
        guard let writer = GEOSWKBWriter_create_r(handle) else { throw context.failure("WKB writer") }
        defer { GEOSWKBWriter_destroy_r(handle, writer) }
        GEOSWKBWriter_setByteOrder_r(handle, writer, Int32(GEOS_WKB_NDR.rawValue))
        var size = 0
        guard let bytes = GEOSWKBWriter_write_r(handle, writer, pointer, &size) else {
            throw context.failure("WKB write")
        }
        defer { GEOSFree_r(handle, bytes) }
        return Array(UnsafeBufferPointer(start: bytes, count: size))
    }
}

import WanggeModel

/// The CRS of input coordinates (`--input-crs`), converted to WGS84 on read (DESIGN section 3).
public enum InputCRS: Sendable, Hashable, CustomStringConvertible {
    /// Already WGS84 longitude/latitude: nothing to do.
    case wgs84
    /// GCJ-02, coordinates copied from Amap/高德, Tencent and other Chinese map apps.
    case gcj02
    /// BD-09, coordinates copied from Baidu Maps.
    case bd09
    /// Any other CRS PROJ knows ("EPSG:4490", "EPSG:2385", a PROJ string, WKT), as given.
    case proj(String)

    /// Parses `--input-crs`. "wgs84", "EPSG:4326", "OGC:CRS84" and "CRS:84" are WGS84; "gcj02"/"gcj-02"
    /// and "bd09"/"bd-09" (any case) the Chinese datums; anything else must be a CRS PROJ knows,
    /// else a usage error quoting PROJ.
    public init(parsing text: String, context: ProjectionContext = ProjectionContext()) throws {
        let trimmed = text.trimmingSpaces()
        switch trimmed.lowercased() {
        case "wgs84", "wgs-84", "epsg:4326", "ogc:crs84", "crs:84", "urn:ogc:def:crs:ogc:1.3:crs84":
            self = .wgs84
        case "gcj02", "gcj-02":
            self = .gcj02
        case "bd09", "bd-09":
            self = .bd09
        case "":
            throw WanggeError.usage("--input-crs: empty CRS name")
        default:
            do {
                _ = try Transformer(from: trimmed, to: "EPSG:4326", context: context)
            } catch is WanggeError {
                throw WanggeError.usage("--input-crs: unknown CRS '\(trimmed)': \(context.errorMessage())")
            }
            self = .proj(trimmed)
        }
    }

    public var description: String {
        switch self {
        case .wgs84: "EPSG:4326"
        case .gcj02: "gcj02"
        case .bd09: "bd09"
        case .proj(let text): text
        }
    }

    /// Converts the columns in place to WGS84 longitude/latitude. Input x is longitude (or easting),
    /// y latitude (or northing), whatever the CRS's official axis order. A point that cannot be
    /// converted is a data error naming its 0-based index.
    public func toWGS84(x: inout [Double], y: inout [Double], context: ProjectionContext = ProjectionContext()) throws {
        precondition(x.count == y.count, "x and y must have the same length")
        switch self {
        case .wgs84:
            return
        case .gcj02:
            for i in x.indices {
                let p = ChineseCoordinates.gcj02ToWGS84(longitude: x[i], latitude: y[i])
                x[i] = p.longitude; y[i] = p.latitude
            }
        case .bd09:
            for i in x.indices {
                let p = ChineseCoordinates.bd09ToWGS84(longitude: x[i], latitude: y[i])
                x[i] = p.longitude; y[i] = p.latitude
            }
        case .proj(let text):
            let transformer = try Transformer(from: text, to: "EPSG:4326", context: context)
            try transformer.forward(x: &x, y: &y)
        }
    }

    /// Converts points to WGS84 (see the array form).
    public func toWGS84(_ points: [Point2], context: ProjectionContext = ProjectionContext()) throws -> [Point2] {
        var x = points.map(\.x), y = points.map(\.y)
        try toWGS84(x: &x, y: &y, context: context)
        return zip(x, y).map { Point2($0, $1) }
    }

    /// Converts every vertex of a multipolygon to WGS84 in one batch (one PROJ operation for all rings).
    public func toWGS84(_ multi: MultiPolygon, context: ProjectionContext = ProjectionContext()) throws -> MultiPolygon {
        if self == .wgs84 { return multi }
        let rings = try toWGS84Rings(multi.polygons.flatMap(\.rings), context: context)
        var out: [Polygon] = []
        var next = 0
        for polygon in multi.polygons {
            out.append(Polygon(rings: Array(rings[next..<next + polygon.rings.count])))
            next += polygon.rings.count
        }
        return MultiPolygon(out)
    }

    /// Converts barrier lines and polygons to WGS84 in one batch.
    public func toWGS84(_ barriers: Barriers, context: ProjectionContext = ProjectionContext()) throws -> Barriers {
        if self == .wgs84 { return barriers }
        let lines = try toWGS84Rings(barriers.lines, context: context)
        let crossings = barriers.crossings.isEmpty ? []
            : try toWGS84Rings([barriers.crossings.map(\.position)], context: context)[0]
        return barriers.moved(lines: lines, polygons: try toWGS84(MultiPolygon(barriers.polygons), context: context).polygons,
                              crossingPositions: crossings)
    }

    /// Converts many point lists (rings, lines) in one batch, keeping their shapes.
    public func toWGS84Rings(_ rings: [[Point2]], context: ProjectionContext = ProjectionContext()) throws -> [[Point2]] {
        if self == .wgs84 { return rings }
        let flat = try toWGS84(rings.flatMap { $0 }, context: context)
        return reshape(flat, like: rings)
    }
}

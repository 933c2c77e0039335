import WanggeModel

/// Reads polygons and lines from GeoJSON: a FeatureCollection, a Feature or a bare geometry
/// (GeometryCollections are unpacked). Coordinates must be finite (and WGS84 degrees when
/// `checkRange` is on); rings need four positions and are closed if the file left them open.
public enum GeometryReader {
    /// A boundary: Polygon/MultiPolygon features merged into one MultiPolygon (validity is checked later).
    public static func readBoundary(path: String, checkRange: Bool = true, honourSourceCRS: Bool = true) throws -> MultiPolygon {
        try readBoundary(source(path, role: "boundary", honourSourceCRS), checkRange: checkRange)
    }

    /// The same from bytes already in memory (`path` names them in messages).
    public static func readBoundary(bytes: [UInt8], path: String, checkRange: Bool = true) throws -> MultiPolygon {
        try readBoundary(JSONSource(path: path, bytes: bytes), checkRange: checkRange)
    }

    static func readBoundary(_ source: JSONSource, checkRange: Bool) throws -> MultiPolygon {
        let path = source.path
        var polygons: [Polygon] = []
        try forEachGeometry(source, checkRange: checkRange) { g in
            switch g.value {
            case .polygons(let p): polygons += p
            case .lines:
                throw WanggeError.data("a boundary must be a Polygon or MultiPolygon, got a \(g.type)", at: g.location)
            }
        }
        guard !polygons.isEmpty else {
            throw WanggeError.data("no Polygon or MultiPolygon in the boundary file", at: SourceLocation(file: path))
        }
        return MultiPolygon(polygons)
    }

    /// Barriers: LineString/MultiLineString as lines, Polygon/MultiPolygon as areas, and crossings: Point
    /// features with `"kind": "crossing"` (optional `name`; optional `radius` in metres, a number > 0,
    /// default 60). An empty file is allowed. Whether each crossing lies on a barrier is checked once
    /// the barriers are in metres (`WalkingBarriers.checkCrossings`).
    public static func readBarriers(path: String, checkRange: Bool = true, honourSourceCRS: Bool = true) throws -> Barriers {
        try readBarriers(source(path, role: "barriers", honourSourceCRS), checkRange: checkRange)
    }

    public static func readBarriers(bytes: [UInt8], path: String, checkRange: Bool = true) throws -> Barriers {
        try readBarriers(JSONSource(path: path, bytes: bytes), checkRange: checkRange)
    }

    static func readBarriers(_ source: JSONSource, checkRange: Bool) throws -> Barriers {
        var barriers = Barriers()
        try forEachGeometry(source, checkRange: checkRange, crossing: { barriers.crossings.append($0) }) { g in
            switch g.value {
            case .polygons(let p):
                barriers.polygons += p
                barriers.polygonFeatures += [Int](repeating: g.location.feature ?? 0, count: p.count)
            case .lines(let l): barriers.lines += l
            }
        }
        return barriers
    }

    /// GeoJSON through the own parser; any other vector format through OGR (the layer named
    /// `role` when the source holds several), converted to WGS84 from its own CRS when `honourCRS`.
    static func source(_ path: String, role: String, _ honourCRS: Bool) throws -> JSONSource {
        InputRoute.of(path) == .ogr ? try OGRInput.geometrySource(path: path, role: role, honourCRS: honourCRS)
                                    : try JSONSource(path: path)
    }

    enum Value { case polygons([Polygon]), lines([[Point2]]) }
    struct Geometry { var type: String; var value: Value; var location: SourceLocation }

    /// Calls `body` with each line or polygon geometry; Point features with `"kind": "crossing"` go to
    /// `crossing` when given (and are an error otherwise, like any Point).
    static func forEachGeometry(_ source: JSONSource, checkRange: Bool, crossing: ((Crossing) -> Void)? = nil,
                                _ body: (Geometry) throws -> Void) throws {
        let tape = try source.parseDocument()
        let file = SourceLocation(file: source.path)
        guard tape.kind(0) == .object, let t = tape.member(0, "type"), tape.kind(t) == .string else {
            throw WanggeError.data("not GeoJSON: expected an object with a \"type\"", at: file)
        }
        switch tape.string(t) {
        case "FeatureCollection":
            guard let fs = tape.member(0, "features"), tape.kind(fs) == .array else {
                throw WanggeError.data("FeatureCollection without a \"features\" array", at: file)
            }
            for (i, f) in tape.elements(fs).enumerated() {
                try feature(tape, f, SourceLocation(file: source.path, feature: i), checkRange, crossing, body)
            }
        case "Feature":
            try feature(tape, 0, SourceLocation(file: source.path, feature: 0), checkRange, crossing, body)
        default:
            try geometry(tape, 0, file, checkRange, body)
        }
    }

    private static func feature(_ tape: JSONTape, _ f: Int, _ loc: SourceLocation, _ checkRange: Bool,
                                _ crossing: ((Crossing) -> Void)?, _ body: (Geometry) throws -> Void) throws {
        guard tape.kind(f) == .object, let t = tape.member(f, "type"), tape.stringEquals(t, Array("Feature".utf8)) else {
            throw WanggeError.data("not a GeoJSON Feature", at: loc)
        }
        guard let g = tape.member(f, "geometry"), tape.kind(g) != .null else {
            throw WanggeError.data("null or missing geometry", at: SourceLocation(file: loc.file, feature: loc.feature, field: "geometry"))
        }
        var at = loc
        at.field = "geometry"
        if let crossing, let c = try crossingFeature(tape, f, g, loc, checkRange) {
            crossing(c)
            return
        }
        try geometry(tape, g, at, checkRange, body)
    }

    /// The crossing a feature describes (`"kind": "crossing"`), nil for any other feature.
    private static func crossingFeature(_ tape: JSONTape, _ f: Int, _ g: Int, _ loc: SourceLocation,
                                        _ checkRange: Bool) throws -> Crossing? {
        guard let props = tape.member(f, "properties"), tape.kind(props) == .object,
              let kind = tape.member(props, "kind"), tape.kind(kind) == .string,
              tape.stringEquals(kind, Array("crossing".utf8)) else { return nil }
        func at(_ field: String) -> SourceLocation { SourceLocation(file: loc.file, feature: loc.feature, field: field) }
        guard tape.kind(g) == .object, let t = tape.member(g, "type"), tape.kind(t) == .string,
              tape.stringEquals(t, Array("Point".utf8)), let c = tape.member(g, "coordinates") else {
            throw WanggeError.data("a crossing (\"kind\": \"crossing\") must be a Point", at: at("geometry"))
        }
        let position = try CoordinateReader(tape: tape, location: at("geometry"), checkRange: checkRange).position(c)
        var radius = Crossing.defaultRadius
        if let r = tape.member(props, "radius"), tape.kind(r) != .null {
            guard tape.kind(r) == .number else {
                throw WanggeError.data("a crossing's radius must be a number of metres > 0, got \(tape.describeKind(r))", at: at("radius"))
            }
            radius = tape.double(r)
            guard radius.isFinite, radius > 0 else {
                throw WanggeError.data("a crossing's radius must be a number of metres > 0, got \(tape.literal(r))", at: at("radius"))
            }
        }
        var name: String?
        if let n = tape.member(props, "name"), tape.kind(n) != .null {
            guard tape.kind(n) == .string else {
                throw WanggeError.data("a crossing's name must be a string, got \(tape.describeKind(n))", at: at("name"))
            }
            name = tape.string(n)
        }
        return Crossing(position: position, radius: radius, name: name, feature: loc.feature)
    }

    private static func geometry(_ tape: JSONTape, _ g: Int, _ loc: SourceLocation, _ checkRange: Bool,
                                 _ body: (Geometry) throws -> Void) throws {
        guard tape.kind(g) == .object, let t = tape.member(g, "type"), tape.kind(t) == .string else {
            throw WanggeError.data("geometry must be an object with a \"type\"", at: loc)
        }
        let type = tape.string(t)
        if type == "GeometryCollection" {
            guard let gs = tape.member(g, "geometries"), tape.kind(gs) == .array else {
                throw WanggeError.data("GeometryCollection without \"geometries\"", at: loc)
            }
            for part in tape.elements(gs) { try geometry(tape, part, loc, checkRange, body) }
            return
        }
        guard let c = tape.member(g, "coordinates"), tape.kind(c) == .array else {
            throw WanggeError.data("\(type) without a \"coordinates\" array", at: loc)
        }
        let reader = CoordinateReader(tape: tape, location: loc, checkRange: checkRange)
        switch type {
        case "Polygon": try body(Geometry(type: type, value: .polygons([reader.polygon(c)]), location: loc))
        case "MultiPolygon":
            try body(Geometry(type: type, value: .polygons(tape.elements(c).map { try reader.polygon($0) }), location: loc))
        case "LineString": try body(Geometry(type: type, value: .lines([reader.line(c)]), location: loc))
        case "MultiLineString":
            try body(Geometry(type: type, value: .lines(tape.elements(c).map { try reader.line($0) }), location: loc))
        case "Point", "MultiPoint":
            throw WanggeError.data("a \(type) is not a line or an area", at: loc)
        default:
            throw WanggeError.data("unknown geometry type \(JSONEscapes.quoted(type))", at: loc)
        }
    }
}

/// Positions, lines and rings from coordinate arrays, with messages at the geometry's location.
struct CoordinateReader {
    let tape: JSONTape
    let location: SourceLocation
    let checkRange: Bool

    func position(_ p: Int) throws -> Point2 {
        guard tape.kind(p) == .array, tape.count(p) >= 2 else {
            throw WanggeError.data("a position must be an array [lon, lat]", at: location)
        }
        let xi = p + 1, yi = Int(tape.nodes[xi].after)
        guard tape.kind(xi) == .number, tape.kind(yi) == .number else {
            throw WanggeError.data("a position must hold numbers", at: location)
        }
        let x = tape.double(xi), y = tape.double(yi)
        guard x.isFinite, y.isFinite else { throw WanggeError.data("a coordinate is not finite", at: location) }
        if checkRange {
            guard x >= -180, x <= 180, y >= -90, y <= 90 else {
                throw WanggeError.data("position [\(x), \(y)] is outside WGS84 lon −180…180, lat −90…90", at: location)
            }
        }
        return Point2(x, y)
    }

    func line(_ l: Int) throws -> [Point2] {
        guard tape.kind(l) == .array else { throw WanggeError.data("a line must be an array of positions", at: location) }
        let pts = try tape.elements(l).map { try position($0) }
        guard pts.count >= 2 else { throw WanggeError.data("a line needs at least 2 positions, got \(pts.count)", at: location) }
        return pts
    }

    func ring(_ r: Int) throws -> [Point2] {
        var pts = try line(r)
        if pts.first != pts.last { pts.append(pts[0]) }
        guard pts.count >= 4 else { throw WanggeError.data("a ring needs at least 4 positions, got \(pts.count)", at: location) }
        return pts
    }

    func polygon(_ p: Int) throws -> Polygon {
        guard tape.kind(p) == .array, tape.count(p) >= 1 else {
            throw WanggeError.data("a polygon must be an array of rings", at: location)
        }
        return Polygon(rings: try tape.elements(p).map { try ring($0) })
    }
}

/// A planar or geographic position. In WGS84, x is longitude and y is latitude (degrees);
/// in a metric CRS both are metres.
public struct Point2: Sendable, Hashable {
    public var x: Double
    public var y: Double
    public init(_ x: Double, _ y: Double) { self.x = x; self.y = y }
    public init(x: Double, y: Double) { self.x = x; self.y = y }
}

/// A polygon as plain coordinates: `rings[0]` is the exterior ring, the others are holes.
/// Rings are closed (first point repeated last). Values only; GEOS objects live in WanggeGeometry.
public struct Polygon: Sendable, Equatable {
    public var rings: [[Point2]]
    public init(rings: [[Point2]]) { self.rings = rings }
    public var exterior: [Point2] { rings.first ?? [] }
    public var holes: ArraySlice<[Point2]> { rings.dropFirst() }
}

/// One or more polygons; a district's service area is normally a single one.
public struct MultiPolygon: Sendable, Equatable {
    public var polygons: [Polygon]
    public init(_ polygons: [Polygon] = []) { self.polygons = polygons }
    public var isEmpty: Bool { polygons.isEmpty }
}

/// Barriers: lines (rivers, railways) and polygons (lakes) that walking neighbours do not cross,
/// except at a crossing (a bridge, ford or ferry).
public struct Barriers: Sendable, Equatable {
    public var lines: [[Point2]]
    public var polygons: [Polygon]
    /// Where walking across is possible: a neighbour edge crossing a barrier within a crossing's
    /// radius of it is walkable, and a service area may span the barrier there.
    public var crossings: [Crossing]
    /// Feature index (in the barriers file) of each polygon, when read from a file; for messages.
    public var polygonFeatures: [Int]
    public init(lines: [[Point2]] = [], polygons: [Polygon] = [], crossings: [Crossing] = [],
                polygonFeatures: [Int] = []) {
        self.lines = lines; self.polygons = polygons; self.crossings = crossings; self.polygonFeatures = polygonFeatures
    }
    /// No line and no polygon (crossings alone bar nothing).
    public var isEmpty: Bool { lines.isEmpty && polygons.isEmpty }

    /// The same barriers with new lines, polygons and crossing positions (after a coordinate
    /// transform), crossing names, radii and feature indexes kept.
    public func moved(lines: [[Point2]], polygons: [Polygon], crossingPositions: [Point2]) -> Barriers {
        precondition(crossingPositions.count == crossings.count, "one position per crossing")
        var out = self
        out.lines = lines; out.polygons = polygons
        for i in out.crossings.indices { out.crossings[i].position = crossingPositions[i] }
        return out
    }
}

/// A place where a barrier can be crossed on foot: a Point feature with `"kind": "crossing"` in the
/// barriers file. `radius` is in metres (default 60).
public struct Crossing: Sendable, Equatable {
    public static let defaultRadius = 60.0
    public var position: Point2
    public var radius: Double
    public var name: String?
    /// Feature index in the barriers file, for messages (nil when not read from a file).
    public var feature: Int?
    public init(position: Point2, radius: Double = Crossing.defaultRadius, name: String? = nil, feature: Int? = nil) {
        self.position = position; self.radius = radius; self.name = name; self.feature = feature
    }
}

/// An axis-aligned box.
public struct BoundingBox: Sendable, Equatable {
    public var minX: Double, minY: Double, maxX: Double, maxY: Double
    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX; self.minY = minY; self.maxX = maxX; self.maxY = maxY
    }
    /// The box around `xs`/`ys`; nil when empty.
    public init?(xs: [Double], ys: [Double]) {
        guard let minX = xs.min(), let maxX = xs.max(), let minY = ys.min(), let maxY = ys.max() else { return nil }
        self.init(minX: minX, minY: minY, maxX: maxX, maxY: maxY)
    }
}

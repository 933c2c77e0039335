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

/// Barriers: lines (rivers, railways) and polygons (lakes) that walking neighbours do not cross.
public struct Barriers: Sendable, Equatable {
    public var lines: [[Point2]]
    public var polygons: [Polygon]
    public init(lines: [[Point2]] = [], polygons: [Polygon] = []) { self.lines = lines; self.polygons = polygons }
    public var isEmpty: Bool { lines.isEmpty && polygons.isEmpty }
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

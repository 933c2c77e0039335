import CGEOS
import WanggeModel

/// Rounding a coverage of district polygons (normally WGS84 for the plan file) to a grid without
/// opening gaps or overlaps.
public enum CoveragePrecision {
    public struct Result: Sendable {
        public var districts: [MultiPolygon]
        /// Districts that rounding made invalid (a part narrower than a grid cell folding over) and
        /// GEOS MakeValid repaired, keeping every vertex where it was.
        public var repaired: [Int]
        /// Sum of areas before and after (same units as the input, degrees² for WGS84).
        public var areaBefore: Double
        public var areaAfter: Double
    }

    /// Rounds every coordinate to `gridSize` (1e-7° = 7 decimals by default), pointwise: a vertex
    /// shared by neighbouring districts lands on the same grid point in both, so a coverage whose
    /// neighbours share their borders vertex for vertex (`CoverageNoding.node`) stays one: no gap,
    /// no overlap. Repeated vertices are dropped, rings collapsing below three vertices removed;
    /// a district that rounding makes invalid is repaired by GEOS MakeValid, which keeps the
    /// vertices and re-nodes the rings (it does not move them, so the neighbours still fit).
    /// Rings come back oriented as RFC 7946 asks, each starting at its lowest vertex (least x, then
    /// least y), so the same polygon is written the same whatever vertex GEOS started it at.
    public static func reduce(_ districts: [MultiPolygon], gridSize: Double = 1e-7) throws -> Result {
        let context = GeometryContext()
        var output: [MultiPolygon] = []
        var repaired: [Int] = []
        var before = 0.0, after = 0.0
        let round = rounding(gridSize)
        for (d, district) in districts.enumerated() {
            before += try context.multiPolygon(district).area()
            let pointwise = MultiPolygon(district.polygons.compactMap { polygon -> Polygon? in
                var rings: [[Point2]] = []
                for (r, ring) in polygon.rings.enumerated() {
                    var pts: [Point2] = []
                    pts.reserveCapacity(ring.count)
                    for p in ring {
                        let q = Point2(round(p.x), round(p.y))
                        if pts.last != q { pts.append(q) }
                    }
                    if pts.count > 1, pts.first == pts.last { pts.removeLast() }
                    guard pts.count >= 3 else {
                        if r == 0 { return nil } else { continue }
                    }
                    pts.append(pts[0])
                    rings.append(pts)
                }
                return Polygon(rings: rings)
            })
            var g = try context.multiPolygon(pointwise)
            if try !g.isValid() {
                context.clearMessages()
                g = try g.makeValid()
                repaired.append(d)
            }
            after += try g.area()
            let oriented = try g.toMultiPolygon().orientedRFC7946()
            output.append(MultiPolygon(oriented.polygons.map { Polygon(rings: $0.rings.map(startingAtLowest)) }))
        }
        return Result(districts: output, repaired: repaired, areaBefore: before, areaAfter: after)
    }

    /// A closed ring rotated to start (and end) at its lowest vertex: least x, then least y.
    static func startingAtLowest(_ ring: [Point2]) -> [Point2] {
        guard ring.count > 3, ring.first == ring.last else { return ring }
        let open = ring.dropLast()
        var low = open.startIndex
        for i in open.indices where open[i].x < open[low].x || (open[i].x == open[low].x && open[i].y < open[low].y) { low = i }
        guard low != open.startIndex else { return ring }
        var out = Array(open[low...]) + Array(open[..<low])
        out.append(out[0])
        return out
    }

    /// Rounding to the grid; for grids that are a power of ten (1e-7) the result is the double
    /// nearest the decimal, so 7-decimal text reads back to the same value.
    static func rounding(_ gridSize: Double) -> (Double) -> Double {
        let inverse = 1 / gridSize
        if inverse >= 1, inverse == inverse.rounded() { return { ($0 * inverse).rounded() / inverse } }
        return { ($0 / gridSize).rounded() * gridSize }
    }
}

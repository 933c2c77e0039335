import WanggeModel
import WanggeGeometry

/// Service areas unprojected to WGS84 that cross the antimeridian (Fiji, Chukotka, the Aleutians)
/// come back with longitudes jumping between +180 and −180, which is no valid polygon. RFC 7946
/// (section 3.1.9) asks for such geometries to be cut in two at 180°: this makes each ring's
/// longitudes continuous, clips the shape to [−180, 180] and to [180, 540] (shifted back by 360°),
/// and returns the parts as one MultiPolygon. Areas that do not cross are returned unchanged.
enum Antimeridian {
    static func crosses(_ m: MultiPolygon) -> Bool {
        for polygon in m.polygons {
            for ring in polygon.rings {
                for i in 1..<max(ring.count, 1) where abs(ring[i].x - ring[i - 1].x) > 180 { return true }
            }
        }
        return false
    }

    static func split(_ m: MultiPolygon) throws -> MultiPolygon {
        guard crosses(m) else { return m }
        // Continuous longitudes, then everything on the east side (lon ≥ 0 near 180°).
        func unwrap(_ ring: [Point2]) -> [Point2] {
            guard var previous = ring.first?.x else { return ring }
            var out: [Point2] = []
            out.reserveCapacity(ring.count)
            for p in ring {
                var x = p.x
                while x - previous > 180 { x -= 360 }
                while previous - x > 180 { x += 360 }
                out.append(Point2(x, p.y)); previous = x
            }
            return out
        }
        var shifted: [Polygon] = []
        for polygon in m.polygons {
            var rings = polygon.rings.map(unwrap)
            let minX = rings.flatMap { $0 }.map(\.x).min() ?? 0
            if minX < 0 { rings = rings.map { $0.map { Point2($0.x + 360, $0.y) } } }
            shifted.append(Polygon(rings: rings))
        }
        let context = GeometryContext()
        let shape = try context.multiPolygon(MultiPolygon(shifted)).makeValid()
        func box(_ x0: Double, _ x1: Double) throws -> Geometry {
            try context.polygon(Polygon(rings: [[Point2(x0, -90), Point2(x1, -90), Point2(x1, 90), Point2(x0, 90), Point2(x0, -90)]]))
        }
        let west = try shape.intersection(box(-180, 180)).toMultiPolygon()
        let east = try shape.intersection(box(180, 540)).toMultiPolygon()
        let eastBack = east.polygons.map { Polygon(rings: $0.rings.map { $0.map { Point2($0.x - 360, $0.y) } }) }
        return MultiPolygon(west.polygons + eastBack)
    }
}

import WanggeModel

/// Adds vertices along long edges so a line that is straight in one CRS stays close to straight
/// in another after projection.
enum Densify {
    /// Inserts points so that no segment is longer than `maxStep` (in the coordinates' units).
    static func ring(_ ring: [Point2], maxStep: Double) -> [Point2] {
        guard ring.count > 1 else { return ring }
        var out: [Point2] = [ring[0]]
        out.reserveCapacity(ring.count)
        for i in 1..<ring.count {
            let a = ring[i - 1], b = ring[i]
            let length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
            let steps = Int((length / maxStep).rounded(.up))
            if steps > 1 {
                for s in 1..<steps {
                    let t = Double(s) / Double(steps)
                    out.append(Point2(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t))
                }
            }
            out.append(b)
        }
        return out
    }

    static func multiPolygon(_ m: MultiPolygon, maxStep: Double) -> MultiPolygon {
        MultiPolygon(m.polygons.map { Polygon(rings: $0.rings.map { ring($0, maxStep: maxStep) }) })
    }
}

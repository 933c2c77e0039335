import WanggeModel

/// Transforms of the shared geometry values. Every vertex of a value goes through PROJ in one batch.
extension Transformer {
    public func transform(_ polygon: Polygon, _ direction: TransformDirection = .forward) throws -> Polygon {
        Polygon(rings: try transformRings(polygon.rings, direction))
    }

    public func transform(_ multi: MultiPolygon, _ direction: TransformDirection = .forward) throws -> MultiPolygon {
        let rings = multi.polygons.map(\.rings)
        let flat = try transformRings(rings.flatMap { $0 }, direction)
        var out: [Polygon] = []
        out.reserveCapacity(rings.count)
        var next = 0
        for polygonRings in rings {
            out.append(Polygon(rings: Array(flat[next..<next + polygonRings.count])))
            next += polygonRings.count
        }
        return MultiPolygon(out)
    }

    public func transform(_ barriers: Barriers, _ direction: TransformDirection = .forward) throws -> Barriers {
        let lines = try transformRings(barriers.lines, direction)
        let polygons = try transform(MultiPolygon(barriers.polygons), direction).polygons
        let crossings = barriers.crossings.isEmpty ? [] : try transformRings([barriers.crossings.map(\.position)], direction)[0]
        return barriers.moved(lines: lines, polygons: polygons, crossingPositions: crossings)
    }

    /// Transforms a list of point lists (rings or lines) in one batch, keeping their shapes.
    public func transformRings(_ rings: [[Point2]], _ direction: TransformDirection = .forward) throws -> [[Point2]] {
        let flat = try transform(rings.flatMap { $0 }, direction)
        return reshape(flat, like: rings)
    }
}

/// Cuts `flat` (all points of `rings`, transformed in one batch) back into lists of the rings' lengths.
func reshape(_ flat: [Point2], like rings: [[Point2]]) -> [[Point2]] {
    var out: [[Point2]] = []
    out.reserveCapacity(rings.count)
    var next = 0
    for ring in rings {
        out.append(Array(flat[next..<next + ring.count]))
        next += ring.count
    }
    return out
}

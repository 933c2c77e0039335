import WanggeModel
import WanggeGeometry

/// The region the service areas tile, in the metric CRS.
package enum ClipRegion {
    /// The projected boundary, grown by a few millimetres around any site that projection left just
    /// outside it. Households were checked against the boundary in WGS84 (Inputs.load), where a
    /// point on or right next to an edge can round to the other side of the same edge once projected.
    /// A site more than `slack` metres outside is a real error.
    package static func covering(_ clip: MultiPolygon, sites: [Point2], slack: Double = 1.0) throws -> (MultiPolygon, [Int]) {
        let context = GeometryContext()
        var region = try context.multiPolygon(clip)
        let prepared = try PreparedGeometry(region)
        var outside: [Int] = []
        for (i, s) in sites.enumerated() where !(try prepared.covers(x: s.x, y: s.y)) { outside.append(i) }
        if outside.isEmpty { return (clip, []) }
        var patches: [Geometry] = []
        for i in outside {
            let point = try context.point(sites[i])
            let d = try region.distance(to: point)
            guard d <= slack else {
                throw WanggeError.data("household site at (\(sites[i].x), \(sites[i].y)) lies \(Int(d.rounded())) m outside the projected boundary")
            }
            patches.append(try point.buffer(d + 0.01, quadrantSegments: 2))
        }
        region = try context.collection(patches + [region], type: .geometryCollection).unaryUnion()
        return (try region.toMultiPolygon(), outside)
    }
}

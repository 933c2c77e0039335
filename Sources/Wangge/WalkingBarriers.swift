import WanggeModel
import WanggeGraph

/// What neighbour edges may not cross: the barriers (except at their crossings), and the boundary's
/// rings (two households are not walking neighbours across land outside the service region — a bay,
/// a neighbouring county), which `NeighbourGraph.build` takes as its `region`. Partition and report use
/// the same rule, so they see the same neighbour graph.
package enum WalkingBarriers {
    /// The rings of the region service areas are clipped to (none without a boundary).
    package static func region(_ boundary: MultiPolygon?) -> Barriers {
        Barriers(lines: boundary?.polygons.flatMap(\.rings) ?? [])
    }

    /// A WGS84 boundary projected for distance work: densified first, so its edges stay on the
    /// file's lon/lat lines (within millimetres) after projection and back.
    package static func densified(_ boundary: MultiPolygon) -> MultiPolygon {
        Densify.multiPolygon(boundary, maxStep: 2e-4)
    }

    /// Checks that every crossing lies within its radius of a barrier line or polygon ring (metres):
    /// a crossing away from every barrier is a data error naming the file and the feature.
    package static func checkCrossings(_ barriersMetric: Barriers, file: String) throws {
        guard !barriersMetric.crossings.isEmpty else { return }
        let index = BarrierIndex(Barriers(lines: barriersMetric.lines, polygons: barriersMetric.polygons))
        for c in barriersMetric.crossings {
            let d = index.distance(to: c.position)
            guard d <= c.radius else {
                let what = c.name.map { "crossing '\($0)'" } ?? "crossing"
                let distance = d.isFinite ? "\(Int(d.rounded())) m from the nearest barrier" : "in a file without barrier lines or polygons"
                throw WanggeError.data("\(what) is \(distance), farther than its radius of \(formatMetres(c.radius)): "
                                       + "a crossing must lie on a barrier (within its radius)",
                                       at: SourceLocation(file: file, feature: c.feature, field: "geometry"))
            }
        }
    }

    static func formatMetres(_ r: Double) -> String {
        r == r.rounded() && abs(r) < 1e15 ? "\(Int(r)) m" : "\(r) m"
    }
}

import WanggeModel

/// What neighbour edges may not cross: the barriers, and the boundary's rings (two households are
/// not walking neighbours across land outside the service region — a bay, a neighbouring county).
/// Partition and report use the same rule, so they see the same neighbour graph.
public enum WalkingBarriers {
    public static func combined(_ barriers: Barriers, boundary: MultiPolygon?) -> Barriers {
        var out = barriers
        for polygon in boundary?.polygons ?? [] { out.lines.append(contentsOf: polygon.rings) }
        return out
    }

    /// The rings of the region service areas are clipped to (none without a boundary).
    public static func region(_ boundary: MultiPolygon?) -> Barriers {
        Barriers(lines: boundary?.polygons.flatMap(\.rings) ?? [])
    }

    /// A WGS84 boundary projected for distance work: densified first, so its edges stay on the
    /// file's lon/lat lines (within millimetres) after projection and back.
    public static func densified(_ boundary: MultiPolygon) -> MultiPolygon {
        Densify.multiPolygon(boundary, maxStep: 2e-4)
    }
}

import WanggeModel

/// Measures how far a set of district polygons is from an exact coverage, with GEOS: validity,
/// overlaps (pairwise intersection areas, only for pairs whose bounding boxes meet) and the
/// union's area, parts and holes. What the tests and the coverage check script assert on.
public struct CoverageCheck: Sendable {
    /// Districts whose geometry GEOS finds invalid, with GEOS's reason.
    public var invalid: [(district: Int, reason: String)]
    /// Pairs of districts whose intersection has positive area, with that area.
    public var overlaps: [(a: Int, b: Int, area: Double)]
    /// Pairs whose boxes met and were intersected with GEOS.
    public var pairsTested: Int
    public var districtAreaSum: Double
    public var unionArea: Double
    public var unionPolygons: Int
    /// Interior rings of the union (a gap inside the coverage is one).
    public var unionHoles: Int
    /// Area of the symmetric difference between the union and `region` (0 when none given).
    public var differenceFromRegion: Double
    public var regionArea: Double

    public var overlapArea: Double { overlaps.reduce(0) { $0 + $1.area } }

    public static func measure(_ districts: [MultiPolygon], region: MultiPolygon? = nil) throws -> CoverageCheck {
        let context = GeometryContext()
        let geometries = try districts.map { try context.multiPolygon($0) }
        var invalid: [(Int, String)] = []
        var areaSum = 0.0
        for (d, g) in geometries.enumerated() {
            if try !g.isValid() { invalid.append((d, try g.validityReason())) }
            areaSum += try g.area()
        }
        // Bounding boxes, swept in order of their west edge.
        struct Box { var minX, minY, maxX, maxY: Double }
        let boxes: [Box?] = districts.map { m in
            var b = Box(minX: .infinity, minY: .infinity, maxX: -.infinity, maxY: -.infinity)
            for polygon in m.polygons { for p in polygon.rings.first ?? [] {
                b.minX = min(b.minX, p.x); b.minY = min(b.minY, p.y); b.maxX = max(b.maxX, p.x); b.maxY = max(b.maxY, p.y)
            } }
            return b.minX.isFinite ? b : nil
        }
        let order = boxes.indices.filter { boxes[$0] != nil }.sorted { boxes[$0]!.minX < boxes[$1]!.minX }
        var overlaps: [(Int, Int, Double)] = []
        var tested = 0
        for (n, i) in order.enumerated() {
            let a = boxes[i]!
            for j in order[(n + 1)...] {
                let b = boxes[j]!
                if b.minX > a.maxX { break }
                guard b.minY <= a.maxY, a.minY <= b.maxY else { continue }
                tested += 1
                let area = try geometries[i].intersection(geometries[j]).area()
                if area > 0 { overlaps.append((min(i, j), max(i, j), area)) }
            }
        }
        overlaps.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        let union = try context.collection(geometries).unaryUnion()
        let unionShape = try union.toMultiPolygon()
        var difference = 0.0, regionArea = 0.0
        if let region {
            let r = try context.multiPolygon(region)
            regionArea = try r.area()
            difference = try union.symmetricDifference(r).area()
        }
        return CoverageCheck(invalid: invalid, overlaps: overlaps, pairsTested: tested, districtAreaSum: areaSum,
                             unionArea: try union.area(), unionPolygons: unionShape.polygons.count,
                             unionHoles: unionShape.polygons.reduce(0) { $0 + max(0, $1.rings.count - 1) },
                             differenceFromRegion: difference, regionArea: regionArea)
    }
}

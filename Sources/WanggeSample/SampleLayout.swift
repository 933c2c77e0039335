import WanggeModel
#if canImport(Glibc)
import Glibc
#endif

/// Decides whether a WGS84 point (longitude, latitude) lies inside the sample's boundary.
/// The generator never tests containment itself: `wangge sample` passes GEOS's prepared `contains`
/// (see `SampleGenerator.geosContainment`).
public typealias Containment = (_ longitude: Double, _ latitude: Double) -> Bool

/// The spatial skeleton of a sample, in the local metric frame: river, village centres, work-group
/// (hamlet) centres with their villages and sizes, and the distances that scale with density.
struct SampleLayout: Sendable {
    var frame: LocalFrame
    var ring: [Point2]
    var area: Double
    var minX: Double, minY: Double, maxX: Double, maxY: Double
    var river: [Point2]
    var villageCentres: [Point2] = []
    var groupCentres: [Point2] = []
    var groupVillage: [Int] = []
    var groupSizes: [Int] = []
    /// Hamlet radius per √household, minimum spacing of houses, river clearance of houses.
    var radiusPerRoot: Double
    var houseSpacing: Double
    var riverClearance: Double
    var groupSpacing: Double
    var city: Bool
    /// City mode: the work-group centres in a grid (index = group), so each group's houses can be kept
    /// in its own cell (see `SampleLayout.isInCell`). Nil in village mode.
    var groupGrid: PointGrid?

    init(boundary: Polygon, households: Int, city: Bool) {
        let exterior = boundary.exterior
        let lons = exterior.map(\.x), lats = exterior.map(\.y)
        let origin = Point2((lons.min()! + lons.max()!) / 2, (lats.min()! + lats.max()!) / 2)
        let frame = LocalFrame(origin: origin)
        let ring = exterior.map { frame.toLocal($0) }
        self.frame = frame
        self.ring = ring
        area = abs(ringArea(ring))
        minX = ring.map(\.x).min()!; maxX = ring.map(\.x).max()!
        minY = ring.map(\.y).min()!; maxY = ring.map(\.y).max()!
        river = []
        self.city = city
        let perHousehold = (abs(ringArea(ring)) / Double(households)).squareRoot() // ~227 m for the original case
        radiusPerRoot = min(16, 0.6 * perHousehold)
        houseSpacing = min(10, 0.3 * perHousehold)
        riverClearance = min(25, perHousehold)
        groupSpacing = 0
    }

    /// Distance from a point to the boundary ring.
    func boundaryDistance(_ p: Point2) -> Double { polylineDistance(p, ring) }

    func randomPointInBox(_ rng: inout SampleRandom) -> Point2 {
        Point2(rng.uniform(minX, maxX), rng.uniform(minY, maxY))
    }
}

extension SampleGenerator {
    // MARK: River

    /// A meandering river from south of the district to north of it (a tributary of the Huai, which
    /// runs along the district's northern edge), passing through the interior.
    func makeRiver(_ layout: inout SampleLayout, _ rng: inout SampleRandom) {
        let width = layout.maxX - layout.minX, height = layout.maxY - layout.minY
        // Centroid of the ring, to aim the river through the middle.
        var cx = 0.0, a2 = 0.0
        for i in 1..<layout.ring.count {
            let p = layout.ring[i - 1], q = layout.ring[i]
            let c = p.x * q.y - q.x * p.y
            cx += (p.x + q.x) * c; a2 += c
        }
        cx /= 3 * a2
        var best: [Point2] = []
        var bestInside = -1
        for _ in 0..<40 {
            let xc = cx + rng.uniform(-0.1, 0.1) * width
            let a1 = rng.uniform(0.03, 0.06) * width, f1 = rng.uniform(0.8, 1.5), p1 = rng.uniform(0, 2 * .pi)
            let a2 = rng.uniform(0.01, 0.025) * width, f2 = rng.uniform(2.5, 4.0), p2 = rng.uniform(0, 2 * .pi)
            let n = 64
            var line: [Point2] = []
            var inside = 0
            for i in 0..<n {
                let t = Double(i) / Double(n - 1)
                let y = layout.minY - 0.04 * height + t * 1.08 * height
                let x = xc + a1 * sin(2 * .pi * f1 * t + p1) + a2 * sin(2 * .pi * f2 * t + p2)
                let local = Point2(x, y)
                let deg = layout.frame.toDegrees(local)
                line.append(layout.frame.toLocal(deg))
                if contains(deg.x, deg.y) { inside += 1 }
            }
            if inside > bestInside { best = line; bestInside = inside }
            if inside >= n / 2 { break }
        }
        layout.river = best
    }

    // MARK: Villages and hamlets

    /// Dart throwing: village centres spread over the district, away from the river.
    func placeVillages(_ layout: inout SampleLayout, count: Int, _ rng: inout SampleRandom) {
        var spacing = 0.6 * (layout.area / Double(count)).squareRoot()
        let clearance = 4 * layout.riverClearance + 2 * layout.radiusPerRoot * 4
        var grid = PointGrid(minX: layout.minX, minY: layout.minY, maxX: layout.maxX, maxY: layout.maxY,
                             cell: max(spacing, 1))
        var failures = 0
        while grid.points.count < count {
            let p = layout.randomPointInBox(&rng)
            if failures > 2000 { spacing *= 0.9; failures = 0 }
            guard !grid.hasPoint(near: p, within: spacing),
                  polylineDistance(p, layout.river) >= clearance,
                  isInside(p, layout) else { failures += 1; continue }
            grid.insert(layout.frame.toLocal(layout.frame.toDegrees(p)))
            failures = 0
        }
        layout.villageCentres = grid.points
    }

    /// Dart throwing for hamlet (work-group) centres, denser near village centres; each village's
    /// centre is its first hamlet. Each hamlet belongs to the nearest village centre.
    func placeGroups(_ layout: inout SampleLayout, count: Int, meanSize: Double, _ rng: inout SampleRandom) {
        var spacing = 0.5 * (layout.area / Double(count)).squareRoot()
        let villages = layout.villageCentres
        let sigma = (layout.city ? 0.4 : 0.55) * (layout.area / Double(villages.count)).squareRoot()
        let clearance = layout.riverClearance + 1.5 * layout.radiusPerRoot * meanSize.squareRoot()
        var villageGrid = PointGrid(minX: layout.minX, minY: layout.minY, maxX: layout.maxX, maxY: layout.maxY,
                                    cell: max(0.5 * (layout.area / Double(villages.count)).squareRoot(), 1))
        for v in villages { villageGrid.insert(v) }
        var grid = PointGrid(minX: layout.minX, minY: layout.minY, maxX: layout.maxX, maxY: layout.maxY,
                             cell: max(spacing, 0.5))
        var village: [Int] = []
        for (i, v) in villages.enumerated() where grid.points.count < count {
            grid.insert(v); village.append(i)
        }
        var failures = 0
        while grid.points.count < count {
            if failures > 5000 { spacing *= 0.9; failures = 0 }
            let p = layout.randomPointInBox(&rng)
            let u = rng.uniform()
            guard !grid.hasPoint(near: p, within: spacing) else { failures += 1; continue }
            guard let nearest = villageGrid.nearest(to: p) else { break }
            let d = distance(p, villages[nearest])
            guard u < exp(-0.5 * (d / sigma) * (d / sigma)),
                  polylineDistance(p, layout.river) >= clearance,
                  isInside(p, layout) else { failures += 1; continue }
            grid.insert(layout.frame.toLocal(layout.frame.toDegrees(p)))
            village.append(nearest)
            failures = 0
        }
        // Order hamlets by village (then placement), so each village's groups are numbered 1, 2, ….
        let order = (0..<grid.points.count).sorted { (village[$0], $0) < (village[$1], $1) }
        layout.groupCentres = order.map { grid.points[$0] }
        layout.groupVillage = order.map { village[$0] }
        layout.groupSpacing = spacing
        if layout.city {
            var centres = PointGrid(minX: layout.minX, minY: layout.minY, maxX: layout.maxX, maxY: layout.maxY,
                                    cell: max(spacing, 0.5))
            for c in layout.groupCentres { centres.insert(c) }
            layout.groupGrid = centres
        }
    }

    /// Work-group sizes: weights uniform in [0.45, 1.55] apportioned to the household count, at
    /// least 1 and at most the cap (half a district), so sizes run ~4–15 around the mean 9.3.
    func groupSizes(total: Int, groups: Int, cap: Int, _ rng: inout SampleRandom) -> [Int] {
        let weights = (0..<groups).map { _ in 0.45 + 1.1 * rng.uniform() }
        let sum = weights.reduce(0, +)
        let raw = weights.map { Double(total) * $0 / sum }
        var sizes = raw.map { min(max(Int($0), 1), cap) }
        let byRemainder = (0..<groups).sorted { (raw[$0] - raw[$0].rounded(.down), -$0) > (raw[$1] - raw[$1].rounded(.down), -$1) }
        var current = sizes.reduce(0, +)
        while current < total {
            for g in byRemainder where current < total && sizes[g] < cap { sizes[g] += 1; current += 1 }
        }
        while current > total {
            let bySize = (0..<groups).sorted { (sizes[$0], -$0) > (sizes[$1], -$1) }
            for g in bySize where current > total && sizes[g] > 1 { sizes[g] -= 1; current -= 1 }
        }
        return sizes
    }

    /// Whether a local point is inside the boundary, tested on its 7-decimal WGS84 coordinates.
    func isInside(_ p: Point2, _ layout: SampleLayout) -> Bool {
        let d = layout.frame.toDegrees(p)
        return contains(d.x, d.y)
    }
}

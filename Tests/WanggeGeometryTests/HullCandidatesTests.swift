import Testing
import PropertyBased
import WanggeModel
@testable import WanggeGeometry
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `HullCandidates` keeps the points that can lie on the convex hull's boundary: GEOS's hull of the
/// kept points must be GEOS's hull of all points, coordinate for coordinate.
@Suite("Hull candidates")
struct HullCandidatesTests {
    /// Parts: discs and jagged rings scattered over a square, as the default region's parts are.
    static func scatteredParts(_ count: Int, seed: UInt64, grid: Bool) -> [[Point2]] {
        var rng = TestRandom(seed: seed)
        var parts: [[Point2]] = []
        for i in 0..<count {
            let c = Point2(Double.random(in: 0..<10_000, using: &rng), Double.random(in: 0..<10_000, using: &rng))
            if grid {
                // Integer points (many collinear, some repeated across parts): the hull's degenerate cases.
                let n = Int.random(in: 1...12, using: &rng)
                parts.append((0..<n).map { _ in
                    Point2((c.x / 500).rounded() + Double(Int.random(in: -3...3, using: &rng)),
                           (c.y / 500).rounded() + Double(Int.random(in: -3...3, using: &rng)))
                })
            } else if i % 2 == 0 {
                parts.append(DefaultRegion.discRing(c, radius: Double.random(in: 5...80, using: &rng), segments: 32))
            } else {
                let n = Int.random(in: 3...20, using: &rng)
                var ring = (0..<n).map { k -> Point2 in
                    let angle = 2 * Double.pi * Double(k) / Double(n)
                    let radius = Double.random(in: 10...200, using: &rng)
                    return Point2(c.x + radius * cos(angle), c.y + radius * sin(angle))
                }
                ring.append(ring[0])
                parts.append(ring)
            }
        }
        return parts
    }

    static func boxes(_ parts: [[Point2]]) -> [BoundingBox] {
        parts.map { BoundingBox(xs: $0.map(\.x), ys: $0.map(\.y))! }
    }

    @Test func geosHullOfTheCandidatesIsTheHullOfAllPoints() async throws {
        await propertyCheck(count: 30, input: Gen.int(in: 1...400), Gen.int(in: 0...1_000_000), Gen.bool) { count, seed, grid in
            let parts = Self.scatteredParts(count, seed: UInt64(seed), grid: grid)
            let kept = HullCandidates.filter(parts, boxes: Self.boxes(parts))
            let all = parts.flatMap { $0 }
            let context = GeometryContext()
            let expected = try context.multiPoint(all).convexHull()
            let hull = try context.multiPoint(kept).convexHull()
            #expect(hull.kind == expected.kind)
            #expect(try hull.wkb() == expected.wkb(), "\(kept.count) of \(all.count) points kept")
            // Every kept point is one of the input points, in input order.
            var next = 0
            for p in kept {
                while next < all.count && all[next] != p { next += 1 }
                #expect(next < all.count, "kept point \(p) is not an input point in order")
                next += 1
            }
        }
    }

    @Test func theHullOfPolygonsAsDefaultRegionTookItIsUnchanged() throws {
        let parts = Self.scatteredParts(2_000, seed: 7, grid: false)
        let kept = HullCandidates.filter(parts, boxes: Self.boxes(parts))
        let context = GeometryContext()
        let polygons = try parts.map { try context.polygon(Polygon(rings: [$0])) }
        let expected = try context.collection(polygons).convexHull()
        #expect(try context.multiPoint(kept).convexHull().wkb() == expected.wkb())
        // Scattered parts: only those near the edge of the square are looked at.
        let total = parts.reduce(0) { $0 + $1.count }
        #expect(kept.count * 10 < total, "\(kept.count) of \(total) points kept")
    }

    @Test func degenerateSetsKeepEveryPoint() {
        let line = [(0..<10).map { Point2(Double($0), 2 * Double($0)) }]
        #expect(HullCandidates.filter(line, boxes: Self.boxes(line)) == line[0])
        let one = [[Point2(3, 4), Point2(3, 4)]]
        #expect(HullCandidates.filter(one, boxes: Self.boxes(one)) == one[0])
        #expect(HullCandidates.filter([], boxes: []).isEmpty)
    }
}

import Testing
import WanggeModel
@testable import WanggeMetrics

/// Hull and enclosing circle from GEOS (the default) and from the plain-Swift implementation:
/// both must give the hand-derived figures.
enum Engine: String, CaseIterable, Sendable {
    case geos, planar
    func make() -> any ShapeGeometry { self == .geos ? GEOSShapeGeometry() : PlanarShapeGeometry() }
}

@Suite struct ShapeTests {
    let eps = 1e-9

    @Test(arguments: Engine.allCases) func unitSquare(engine: Engine) throws {
        // A = 1, P = 4: PP = 4π/16 = π/4. Hull = the square: ratio 1. The enclosing circle has
        // radius √2/2 (half the diagonal), area π/2: Reock = 1/(π/2) = 2/π.
        let m = try ShapeMeasures.of(MultiPolygon([Polygon(rings: [Fixture.square(0, 0)])]), geometry: engine.make())
        #expect(abs(m.area - 1) < eps && abs(m.perimeter - 4) < eps)
        #expect(abs(try #require(m.polsbyPopper) - Double.pi / 4) < eps)
        #expect(abs(try #require(m.hullRatio) - 1) < eps)
        #expect(abs(try #require(m.reock) - 2 / Double.pi) < eps)
        #expect(m.polygonCount == 1)
    }

    @Test(arguments: Engine.allCases) func squareAtUTMCoordinatesKeepsPrecision(engine: Engine) throws {
        // The same square 1 km wide at easting 500 km, northing 3 000 km: scores do not change.
        let ring = Fixture.square(500_000, 3_000_000, 1000)
        let m = try ShapeMeasures.of(MultiPolygon([Polygon(rings: [ring])]), geometry: engine.make())
        #expect(abs(m.area - 1e6) < 1e-6)
        #expect(abs(try #require(m.polsbyPopper) - Double.pi / 4) < eps)
        #expect(abs(try #require(m.reock) - 2 / Double.pi) < 1e-7)
    }

    @Test(arguments: Engine.allCases) func squareRingWithHole(engine: Engine) throws {
        // 3×3 square with a 1×1 hole in the middle (hole clockwise): A = 9 − 1 = 8,
        // P = 12 + 4 = 16 (holes count), PP = 4π·8/256 = π/8. Hull = the 3×3 square: 8/9.
        // Enclosing circle radius 3/√2, area 4.5π: Reock = 8/(4.5π) = 16/(9π).
        let hole = Array(Fixture.square(1, 1).reversed())
        let m = try ShapeMeasures.of(MultiPolygon([Polygon(rings: [Fixture.square(0, 0, 3), hole])]), geometry: engine.make())
        #expect(abs(m.area - 8) < eps && abs(m.perimeter - 16) < eps)
        #expect(abs(try #require(m.polsbyPopper) - Double.pi / 8) < eps)
        #expect(abs(try #require(m.hullRatio) - 8.0 / 9) < eps)
        #expect(abs(try #require(m.reock) - 16 / (9 * Double.pi)) < eps)
    }

    @Test(arguments: Engine.allCases) func lShapeOfThreeSquares(engine: Engine) throws {
        // Squares [0,2]×[0,1] and [0,1]×[1,2]: A = 3, P = 8, PP = 12π/64 = 3π/16.
        // Hull (0,0),(2,0),(2,1),(1,2),(0,2): the 2×2 box minus the triangle (2,1),(2,2),(1,2)
        // of area 1/2 = 3.5, so the hull ratio is 3/3.5 = 6/7 (3/4 would be the box ratio).
        // Enclosing circle: the diameter (2,0)–(0,2) of length 2√2, centre (1,1) radius √2
        // (every vertex within √2 of (1,1)), area 2π: Reock = 3/(2π).
        let ring = [Point2(0, 0), Point2(2, 0), Point2(2, 1), Point2(1, 1), Point2(1, 2), Point2(0, 2), Point2(0, 0)]
        let m = try ShapeMeasures.of(MultiPolygon([Polygon(rings: [ring])]), geometry: engine.make())
        #expect(abs(m.area - 3) < eps && abs(m.perimeter - 8) < eps)
        #expect(abs(try #require(m.polsbyPopper) - 3 * Double.pi / 16) < eps)
        #expect(abs(try #require(m.hullRatio) - 6.0 / 7) < eps)
        #expect(abs(try #require(m.reock) - 3 / (2 * Double.pi)) < eps)
    }

    @Test(arguments: Engine.allCases) func twoPartsAndEmpty(engine: Engine) throws {
        // Two unit squares 2 apart: A = 2, P = 8, PP = 8π/64 = π/8; hull [0,3]×[0,1] = 3 → 2/3.
        let m = try ShapeMeasures.of(MultiPolygon([Polygon(rings: [Fixture.square(0, 0)]),
                                                   Polygon(rings: [Fixture.square(2, 0)])]), geometry: engine.make())
        #expect(m.polygonCount == 2)
        #expect(abs(try #require(m.polsbyPopper) - Double.pi / 8) < eps)
        #expect(abs(try #require(m.hullRatio) - 2.0 / 3) < eps)
        let e = try ShapeMeasures.of(MultiPolygon(), geometry: engine.make())
        #expect(e.polygonCount == 0 && e.polsbyPopper == nil && e.reock == nil && e.hullRatio == nil)
    }

    @Test func enclosingCircleContainsEveryPointAndTouchesTwo() {
        var rng = Fixture.Rng(7)
        for _ in 0..<50 {
            let n = rng.int(1...60)
            let pts = (0..<n).map { _ in Point2(rng.double(-100...100), rng.double(-50...50)) }
            let c = PlanarShapeGeometry.minimumEnclosingCircle(pts)
            let d = pts.map { (($0.x - c.center.x) * ($0.x - c.center.x) + ($0.y - c.center.y) * ($0.y - c.center.y)).squareRoot() }
            #expect(d.allSatisfy { $0 <= c.radius * (1 + 1e-9) + 1e-9 })
            // Minimal: at least two points (one for n = 1) lie on the circle.
            #expect(d.filter { abs($0 - c.radius) <= 1e-7 * max(c.radius, 1) }.count >= min(n, 2))
        }
    }
}

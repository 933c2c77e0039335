import Testing
import WanggeModel
@testable import WanggeGeometry

@Suite("Area measures and boundary repair")
struct AreaMeasureTests {
    @Test func squareMeasures() throws {
        let m = try AreaMeasures(box(0, 0, 10, 10))
        #expect(m.area == 100)
        #expect(m.perimeter == 40)
        #expect(m.convexHullArea == 100)
        #expect(abs(m.boundingCircleRadius - 50.0.squareRoot()) < 1e-9)
        #expect(abs(m.polsbyPopper - Double.pi / 4) < 1e-12)
        #expect(abs(m.reock - 100 / (Double.pi * 50)) < 1e-9)
        #expect(m.convexHullRatio == 1)
        #expect(m.polygonCount == 1)
    }

    @Test func lShapeHullRatioAndLabelPointInside() throws {
        let l = MultiPolygon([Polygon(rings: [[Point2(0, 0), Point2(10, 0), Point2(10, 2), Point2(2, 2),
                                               Point2(2, 10), Point2(0, 10), Point2(0, 0)]])])
        let m = try AreaMeasures(l)
        #expect(m.area == 36)
        #expect(m.convexHullArea == 68)
        let label = try #require(try l.labelPoint(tolerance: 0.01))
        let prepared = try PreparedGeometry(GeometryContext().multiPolygon(l))
        #expect(try prepared.contains(x: label.x, y: label.y))
        #expect(try AreaMeasures(MultiPolygon()).area == 0)
    }

    @Test func bowtieBoundaryIsRepairedWithReason() throws {
        let bowtie = MultiPolygon([Polygon(rings: [[Point2(0, 0), Point2(4, 4), Point2(4, 0), Point2(0, 4), Point2(0, 0)]])])
        let (fixed, reason) = try RegionRepair.validated(bowtie)
        #expect(reason?.contains("Self-intersection") == true)
        #expect(fixed.polygons.count == 2)
        #expect(abs(try AreaMeasures(fixed).area - 8) < 1e-12)
        let (same, none) = try RegionRepair.validated(box(0, 0, 1, 1))
        #expect(none == nil && same == box(0, 0, 1, 1))
        #expect(try RegionRepair.pointsOutside([Point2(0.5, 0.5), Point2(2, 2), Point2(1, 0.5)], region: box(0, 0, 1, 1)) == [1])
    }
}

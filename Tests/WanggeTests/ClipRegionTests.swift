import Testing
@testable import Wangge
import WanggeModel
import WanggeIO
import WanggeProjection
import WanggeGraph
import WanggePartition
import WanggeGeometry
import WanggeMetrics
import WanggeRender
import WanggeSample
import WanggeLink
import WanggeEnsemble

@Suite struct ClipRegionTests {
    let square = MultiPolygon([Polygon(rings: [[Point2(0, 0), Point2(100, 0), Point2(100, 100), Point2(0, 100), Point2(0, 0)]])])

    @Test func sitesInsideLeaveTheRegionAlone() throws {
        let (region, grown) = try ClipRegion.covering(square, sites: [Point2(10, 10), Point2(100, 50)])
        #expect(grown.isEmpty)
        #expect(region == square)
    }

    @Test func aSiteMillimetresOutsideIsCoveredByATinyPatch() throws {
        let sites = [Point2(50, 50), Point2(100.002, 40)]
        let (region, grown) = try ClipRegion.covering(square, sites: sites)
        #expect(grown == [1])
        let g = try GeometryContext().multiPolygon(region)
        let p = try PreparedGeometry(g)
        #expect(try p.covers(x: 100.002, y: 40))
        #expect(abs(try g.area() - 10_000) < 0.01)
        #expect(try g.isValid())
    }

    @Test func aSiteFarOutsideIsAnError() throws {
        #expect(throws: WanggeError.self) { try ClipRegion.covering(square, sites: [Point2(120, 50)]) }
    }
}

@Suite struct ParallelMapTests {
    @Test func parallelMapEqualsTheSequentialMapInOrder() {
        let n = 10_000
        let squares = parallelMap(n) { i in i * i + (i % 7) }
        #expect(squares == (0..<n).map { $0 * $0 + ($0 % 7) })
        #expect(parallelMap(0) { $0 }.isEmpty)
        #expect(parallelMap(1) { $0 + 41 } == [41])
    }
}

import Testing
import Foundation
import Wangge
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

/// A second real geometry (299 West Yorkshire MSOAs, five districts: Fixtures/README.md), checked
/// with the same rules as London.
@Suite struct LeedsTests {
    static let leeds = Result { try MSOAFixture("leeds-msoa.csv") }
    static let plain21 = Result { try leeds.get().run(k: 21, nest: false) }
    static let nested21 = Result { try leeds.get().run(k: 21, nest: true) }

    @Test func fixtureIsWestYorkshire() throws {
        let f = try Self.leeds.get()
        #expect(f.ids.count == 299 && Set(f.ids).count == 299)
        #expect(f.total == 2_320_214)
        #expect(Set(f.borough) == ["Bradford", "Calderdale", "Kirklees", "Leeds", "Wakefield"])
    }

    @Test func k21BalancedWithinFivePercentAndContiguous() throws {
        let f = try Self.leeds.get()
        let (_, result) = try Self.plain21.get()
        let loads = LondonTests.loads(result.plan, f, k: 21)
        let target = f.total / 21
        #expect(loads.allSatisfy { abs($0 / target - 1) <= 0.05 + 1e-12 })
        #expect(result.report.plan.noncontiguous == [])
        #expect(LondonTests.pieces(result, k: 21).allSatisfy { $0 == 1 })
    }

    @Test func k21NestedInFiveDistrictsNeverCrossesThem() throws {
        let f = try Self.leeds.get()
        let (_, result) = try Self.nested21.get()
        #expect(LondonTests.mergedDiagnostic(result) == nil)
        #expect(LondonTests.crossing(result.plan, f, k: 21) == [])
        #expect(result.report.plan.noncontiguous == [])
        #expect(LondonTests.pieces(result, k: 21).allSatisfy { $0 == 1 })
        LondonTests.balanceMetOrReported(result, f, k: 21)
    }
}

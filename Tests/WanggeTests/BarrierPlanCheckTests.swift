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

/// A measurement on a plan written by the release CLI (too slow to partition here in a debug build):
///
///     wangge sample --households 100000 --seed 1 -o /tmp/h1e5
///     wangge partition /tmp/h1e5/households.geojson -k 21 --relations /tmp/h1e5/relations.csv \
///       --barriers /tmp/h1e5/river.geojson --boundary sample-geo/bagongshan-boundary.geojson -o /tmp/h1e5/plan.geojson
///     WANGGE_BARRIER_PLAN=/tmp/h1e5/plan.geojson WANGGE_BARRIER_FILE=/tmp/h1e5/river.geojson \
///       swift test --filter planAreasStopAtBarriers
///
/// checks the same rules as the sample test (`noServiceAreaCrossesTheRiverAwayFromABridge`) and prints
/// the figures.
@Suite struct BarrierPlanCheckTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["WANGGE_BARRIER_PLAN"] != nil))
    func planAreasStopAtBarriers() throws {
        let env = ProcessInfo.processInfo.environment
        let planPath = env["WANGGE_BARRIER_PLAN"]!, barriersPath = env["WANGGE_BARRIER_FILE"]!
        let plan = try PlanReader.read(path: planPath)
        let (areas, barriers) = try metricAreasAndBarriers(plan: planPath, barriers: barriersPath)
        let projector = try Projector(crs: MetricCRS.named(plan.metadata.crs))
        let (x, y) = try projector.project(longitudes: plan.households.lon, latitudes: plan.households.lat)
        var noBridges = barriers
        noBridges.crossings = []
        let banks = try NeighbourGraph.build(x: x, y: y, barriers: noBridges)
        let k = plan.districts.count
        var banksOf = [Set<Int32>](repeating: [], count: k)
        for h in 0..<plan.households.count {
            banksOf[Int(plan.assignment[h])].insert(banks.componentOfSite[Int(banks.siteOfHousehold[h])])
        }
        let inside = try barrierLengthInside(areas, barriers: barriers)
        let oneBankCrossing = inside.indices.filter { banksOf[$0].count == 1 && inside[$0] > 0 }
        let multipart = areas.indices.filter { areas[$0].polygons.count > 1 }
        let context = GeometryContext()
        let geometries = try areas.map { try context.multiPolygon($0) }
        let invalid = try geometries.indices.filter { !(try geometries[$0].isValid()) }
        let sum = try geometries.reduce(0.0) { $0 + (try $1.area()) }
        let union = try context.collection(geometries).unaryUnion().area()
        print("barrier check: area sum / union \(sum / union);  \(k) areas, \(barriers.crossings.count) crossings; one-bank areas across the barrier: "
              + "\(oneBankCrossing.count); areas on both banks: \(banksOf.filter { $0.count > 1 }.count) "
              + "(straddling \(inside.reduce(0, +)) m); multipart: \(multipart.count); invalid: \(invalid.count)")
        #expect(oneBankCrossing.isEmpty)
        #expect(invalid.isEmpty)
        #expect(abs(sum - union) <= 1e-6 * union)
        #expect(multipart.isEmpty)
    }
}

import Testing
import WanggeModel
@testable import WanggeGeometry

@Suite("One context per task")
struct ConcurrencyTests {
    @Test func parallelTasksWithTheirOwnContextsAgreeWithSequentialRuns() async throws {
        // Only Sendable values (points, indexes, MultiPolygons, WKB bytes) cross task boundaries;
        // each task's GEOS work happens in the context it creates.
        let inputs: [(sites: [Point2], district: [Int32])] = (0..<4).map { i in
            let sites = randomSites(300, side: 1000, seed: UInt64(100 + i))
            return (sites, nearestCentreDistricts(sites, k: 6, seed: UInt64(100 + i)))
        }
        let sequential = try inputs.map {
            try ServiceAreas.build(sites: $0.sites, siteDistrict: $0.district, k: 6, clip: box(0, 0, 1000, 1000)).districts
        }
        let parallel = try await withThrowingTaskGroup(of: (Int, [MultiPolygon], [UInt8]).self) { group in
            for (i, input) in inputs.enumerated() {
                group.addTask {
                    let areas = try ServiceAreas.build(sites: input.sites, siteDistrict: input.district, k: 6,
                                                       clip: box(0, 0, 1000, 1000)).districts
                    let context = GeometryContext()
                    let wkb = try context.multiPolygon(areas[0]).wkb()
                    return (i, areas, wkb)
                }
            }
            var results = [[MultiPolygon]](repeating: [], count: inputs.count)
            for try await (i, areas, wkb) in group {
                results[i] = areas
                // WKB made in one task's context reads back in another's.
                let back = try GeometryContext().geometry(wkb: wkb)
                #expect(try back.toMultiPolygon() == areas[0])
            }
            return results
        }
        #expect(parallel == sequential)
    }
}

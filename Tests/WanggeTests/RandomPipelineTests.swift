import Testing
import PropertyBased
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

/// The pipeline's invariants on random household sets (no boundary: the default region).
@Suite struct RandomPipelineTests {
    /// Clustered random households around a lon/lat, with unit loads.
    static func households(count n: Int, clusters: Int, seed: UInt64) -> String {
        var rng = TestRandom(seed: seed)
        let centres = (0..<clusters).map { _ in (113.0 + rng.unit() * 0.2, 23.0 + rng.unit() * 0.2) }
        let points = (0..<n).map { i -> (id: String, lon: Double, lat: Double, props: String) in
            let c = centres[i % clusters]
            return ("h\(i)", c.0 + (rng.unit() - 0.5) * 0.03, c.1 + (rng.unit() - 0.5) * 0.03,
                    "\"members\":\(1 + Int(rng.next() % 6))")
        }
        return householdsGeoJSON(points)
    }

    @Test func invariantsHoldOnRandomInputs() async throws {
        await propertyCheck(count: 12, input: Gen.int(in: 60...400), Gen.int(in: 1...9), Gen.int(in: 1...5000)) { n, k, seed in
            let dir = TempDir()
            let path = dir.file("h.geojson", Self.households(count: n, clusters: 1 + seed % 5, seed: UInt64(seed)))
            do {
                let inputs = try Inputs.load(InputOptions(householdsPath: path))
                var options = PartitionOptions()
                options.k = k
                options.seed = UInt64(seed)
                let result = try PartitionPipeline.run(inputs, options: options, nest: false)
                let plan = result.plan
                // Every household exactly once, k non-empty districts.
                #expect(plan.assignment.count == n)
                var counts = [Int](repeating: 0, count: k)
                for d in plan.assignment { counts[Int(d)] += 1 }
                #expect(counts.allSatisfy { $0 > 0 })
                // Balance within 5% is reachable with ≥ 60 unit households per district … report otherwise.
                if n / k >= 40 {
                    #expect(result.report.plan.maxAbsDeviation <= 0.05 + 1e-12
                            || result.warnings.contains { $0.contains("balance") })
                }
                // Contiguity: a non-contiguous district is always reported.
                for id in result.report.plan.noncontiguous ?? [] {
                    #expect(result.warnings.contains { $0.contains(id) })
                }
                // Service areas: valid, and each household inside its own district.
                let context = GeometryContext()
                let areas = try result.areasMetric.map { try PreparedGeometry(context.multiPolygon($0)) }
                for a in areas { #expect(try a.base.isValid()) }
                for h in 0..<n {
                    #expect(try areas[Int(plan.assignment[h])].covers(x: inputs.x[h], y: inputs.y[h]))
                }
                // As written (WGS84, 7 decimals) the service areas are an exact coverage.
                let region = try ExactCoverage.defaultRegion(result, inputs)
                try ExactCoverage.expectExact(result, inputs: inputs, regionMetric: region.metric, given: region.wgs84)
                // Determinism.
                let again = try PartitionPipeline.run(inputs, options: options, nest: false)
                #expect(PlanWriter.encode(again.plan) == PlanWriter.encode(plan))
            } catch {
                Issue.record("n=\(n) k=\(k) seed=\(seed): \(error)")
            }
        }
    }
}

import Testing
import Foundation
import WanggeModel
import Wangge
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

/// The order in which rules give way (DESIGN section 4) and the per-part feasibility figures
/// (issue 12): a part of the neighbour graph that barriers cut off keeps whole districts of its own.
@Suite struct BarrierPartsTests {
    /// 30 households north of a river and 10 south of it, no crossing; village names per bank.
    static func twoBanks(_ dir: TempDir) -> InputOptions {
        var rng = TestRandom(seed: 12)
        var points: [(id: String, lon: Double, lat: Double, props: String)] = []
        for i in 0..<40 {
            let north = i < 30
            let lon = 113.0 + Double(rng.next() % 3000) * 1e-6
            let lat = north ? 23.0008 + Double(rng.next() % 2200) * 1e-6 : 22.9970 + Double(rng.next() % 2200) * 1e-6
            points.append(("h\(i)", lon, lat, "\"village\":\"\(north ? "Beicun" : "Nancun")\""))
        }
        var o = InputOptions(householdsPath: dir.file("households.geojson", householdsGeoJSON(points)))
        o.barriersPath = dir.file("river.geojson", """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"river"},
            "geometry":{"type":"LineString","coordinates":[[112.99,23.0],[113.01,23.0]]}}]}
            """)
        return o
    }

    static func k2() -> PartitionOptions { var o = PartitionOptions(); o.k = 2; return o }

    static func loads(_ plan: Plan) -> [Int] {
        plan.assignment.reduce(into: [Int](repeating: 0, count: plan.districts.count)) { $0[Int($1)] += 1 }
    }

    /// Both districts on one bank each (30/10), not 19/21 with one astride the river; the
    /// warning names both parts with their figures.
    @Test func partitionKeepsEachBankWholeAndSaysWhy() throws {
        let dir = TempDir()
        let inputs = try Inputs.load(Self.twoBanks(dir))
        let result = try PartitionPipeline.run(inputs, options: Self.k2(), nest: false)
        #expect(Self.loads(result.plan).sorted() == [10, 30])
        #expect(result.partition.contiguous == [true, true])
        // Each district holds one bank.
        for d in 0..<2 {
            let banks = Set(result.plan.households.lat.indices.filter { result.plan.assignment[$0] == Int32(d) }
                .map { result.plan.households.lat[$0] > 23.0 })
            #expect(banks.count == 1)
        }
        let warning = try #require(result.warnings.first { $0.contains("balance gives way to the barriers") })
        #expect(warning.contains("2 of 2 parts cannot be balanced"))
        #expect(warning.contains("\"Beicun\" (part 1 of 2") && warning.contains("30 households in 1 district"))
        #expect(warning.contains("\"Nancun\" (part 2 of 2") && warning.contains("10 households in 1 district"))
        let summary = PartitionSummary.text(result, crs: "", output: "plan.geojson")
        #expect(summary.contains("band 19.0–21.0; given 1 district → 30.0 each (+50.0%)"))
        #expect(summary.contains("given 1 district → 10.0 each (−50.0%)"))
        #expect(summary.contains("no whole number of districts fits the band"))
        // The crossing hint: the closest pair across the river, on opposite banks.
        let north = try #require(result.parts.first { $0.name.contains("Beicun") }?.crossing)
        #expect(north.fixes && north.fromLat > 23.0 && north.toLat < 23.0 && north.distance > 0)
    }

    /// Redraw follows the same order: a previous plan drawn without the river (astride it) is
    /// redrawn with the river into one district per bank.
    @Test func redrawKeepsEachBankWholeToo() throws {
        let dir = TempDir()
        var options = Self.twoBanks(dir)
        let withRiver = try Inputs.load(options)
        options.barriersPath = nil
        let previous = try PartitionPipeline.run(try Inputs.load(options), options: Self.k2(), nest: false).plan
        #expect(Self.loads(previous).allSatisfy { $0 >= 19 && $0 <= 21 })
        let (result, _) = try RedrawPipeline.run(withRiver, previous: previous, previousPath: "p", freeze: [],
                                                 options: Self.k2(), nest: false)
        #expect(Self.loads(result.plan).sorted() == [10, 30])
        #expect(result.partition.contiguous == [true, true])
        #expect(result.warnings.contains { $0.contains("2 of 2 parts cannot be balanced") })
    }

    /// The evolved sample with the river as it was before crossings: the south bank (513
    /// households) fits 8 districts by its mean load but is not balanced; the run names the
    /// part, its figures, the worst deviation reached and where a crossing would join it.
    @Test func evolvedSampleWithoutCrossingsNamesTheSouthBank() throws {
        var options = Sample.options(households: "households-evolved.geojson", relations: false)
        options.barriersPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/river-no-crossings.geojson").path
        let inputs = try Inputs.load(options)
        let result = try PartitionPipeline.run(inputs, options: PartitionOptions(), nest: false)
        #expect(result.parts.count == 2)
        let south = try #require(result.parts.first { $0.households == 513 })
        #expect(south.given == 8 && south.fitting == 8...8)
        let summary = PartitionSummary.text(result, crs: "", output: "plan.geojson")
        let line = try #require(summary.split(separator: "\n").first { $0.contains("513 households") })
        #expect(line.contains("band 63.1–69.7; given 8 districts → 64.1 each (−3.4%)"))
        #expect(line.contains("worst deviation reached"))
        #expect(line.contains("a crossing would fix it between"))
        if result.partition.worstDeviation > 0.05 {
            #expect(result.warnings.contains { $0.contains("513 households in 8 districts") })
        }
    }

    /// Last year's relations name households who have left: redraw counts them in a warning;
    /// partition still refuses them; an id in neither file is an error for redraw too.
    @Test func redrawTakesLastYearsRelations() throws {
        var options = Sample.options(relations: true)
        let previous = try PartitionPipeline.run(try Inputs.load(options), options: PartitionOptions(), nest: false).plan
        options.householdsPath = Sample.path("households-evolved.geojson")
        #expect(throws: WanggeError.self) { _ = try Inputs.load(options) }
        options.keepUnknownRelationIds = true
        let inputs = try Inputs.load(options)
        let unknown = try #require(inputs.unknownRelations)
        #expect(unknown.pairs > 0 && inputs.relations.count > 0)
        let (result, _) = try RedrawPipeline.run(inputs, previous: previous, previousPath: "previous.geojson", freeze: [],
                                                 options: PartitionOptions(), nest: false)
        let leavers = Set(unknown.ids.map(\.id)).count
        #expect(result.warnings.contains {
            $0.contains("\(unknown.pairs) relation pair") && $0.contains("name \(leavers) household") && $0.contains("who have left")
        })
        // An id that was never anyone's is still refused, naming file and line.
        let dir = TempDir()
        let text = try String(contentsOfFile: Sample.path("relations.csv"), encoding: .utf8) + "H0001,NOBODY\n"
        options.relationsPath = dir.file("relations.csv", text)
        let withStranger = try Inputs.load(options)
        do {
            _ = try RedrawPipeline.run(withStranger, previous: previous, previousPath: "previous.geojson", freeze: [],
                                       options: PartitionOptions(), nest: false)
            Issue.record("no error")
        } catch let e as WanggeError {
            #expect(e.status == .dataError)
            #expect(e.message.contains("\"NOBODY\""))
            #expect(e.location.line == text.split(separator: "\n").count)
        }
    }
}

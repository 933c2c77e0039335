import Testing
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

/// Redraw on the sample (DESIGN section 7, issue 6).
@Suite struct RedrawPipelineTests {
    static let base: Result<PipelineResult, any Error> = Result {
        let inputs = try Inputs.load(Sample.options(relations: false))
        return try PartitionPipeline.run(inputs, options: PartitionOptions(), nest: false)
    }

    @Test func unchangedInputMovesNobody() throws {
        let previous = try Self.base.get().plan
        let inputs = try Inputs.load(Sample.options(relations: false))
        let (result, summary) = try RedrawPipeline.run(inputs, previous: previous, previousPath: "p", freeze: [],
                                                       options: PartitionOptions(), nest: false)
        // Unchanged, balanced input moves nobody. Since the sample's river has crossings (issue 12)
        // a fresh partition of the sample ends at 5.6%, outside the band, so the redraw has to
        // restore balance and moves households: recorded as a known issue while that lasts.
        let balanced = try Self.base.get().partition.worstDeviation <= 0.05 + 1e-9
        withKnownIssue("the sample's fresh plan is outside the band since the river got crossings") {
            #expect(summary.moved == 0)
            #expect(summary.coreRetention == 1)
            #expect(result.plan.assignment == previous.assignment)
        } when: { !balanced }
    }

    @Test func evolvedSampleKeepsMostHouseholdsAndLosesNone() throws {
        let previous = try Self.base.get().plan
        let inputs = try Inputs.load(Sample.options(households: "households-evolved.geojson", relations: false))
        let (result, summary) = try RedrawPipeline.run(inputs, previous: previous, previousPath: "p", freeze: [],
                                                       options: PartitionOptions(), nest: false)
        #expect(result.plan.assignment.count == inputs.households.count)
        #expect(result.plan.districts.map(\.id) == previous.districts.map(\.id))
        #expect(summary.added > 0 && summary.removed > 0)
        #expect(summary.inBoth + summary.removed == previous.households.count)
        // Moved households are only those whose district changed, counted against the previous plan.
        let before = previous.households.indexById()
        var changed = 0
        for i in 0..<inputs.households.count {
            if let j = before[inputs.households.ids[i]], previous.assignment[Int(j)] != result.plan.assignment[i] { changed += 1 }
        }
        #expect(changed == summary.moved)
        #expect(result.report.plan.groupsSplit == 0)
    }

    @Test func frozenDistrictsKeepExactlyTheirHouseholds() throws {
        let previous = try Self.base.get().plan
        let inputs = try Inputs.load(Sample.options(households: "households-evolved.geojson", relations: false))
        let (result, _) = try RedrawPipeline.run(inputs, previous: previous, previousPath: "p", freeze: ["D03", "D07"],
                                                 options: PartitionOptions(), nest: false)
        let present = Set(inputs.households.ids)
        for id in ["D03", "D07"] {
            let d0 = Int32(previous.districts.firstIndex { $0.id == id }!)
            let d1 = Int32(result.plan.districts.firstIndex { $0.id == id }!)
            let old = Set(previous.households.ids.indices.filter { previous.assignment[$0] == d0 }
                .map { previous.households.ids[$0] }.filter { present.contains($0) })
            let new = Set(result.plan.households.ids.indices.filter { result.plan.assignment[$0] == d1 }
                .map { result.plan.households.ids[$0] })
            // Frozen: no previous member leaves; newcomers may only join where their area says.
            #expect(old.isSubset(of: new))
            #expect(new.subtracting(old).allSatisfy { !previous.households.ids.contains($0) })
        }
    }

    /// The issue 6 reproduction: the previous plan drawn with relations, the evolved households
    /// redrawn without (as `wangge redraw` is run in the issue).
    static let reproBase: Result<PipelineResult, any Error> = Result {
        try PartitionPipeline.run(try Inputs.load(Sample.options()), options: PartitionOptions(), nest: false)
    }

    /// Share of the households present in both plans that carry the same district id in both.
    static func retention(_ new: Plan, against old: Plan) -> (kept: Int, both: Int) {
        let before = old.households.indexById()
        var kept = 0, both = 0
        for i in 0..<new.households.count {
            guard let j = before[new.households.ids[i]] else { continue }
            both += 1
            if new.districts[Int(new.assignment[i])].id == old.districts[Int(old.assignment[Int(j)])].id { kept += 1 }
        }
        return (kept, both)
    }

    @Test func evolvedSampleIssue6Bar() throws {
        let previous = try Self.reproBase.get().plan
        let inputs = try Inputs.load(Sample.options(households: "households-evolved.geojson", relations: false))
        let (result, summary) = try RedrawPipeline.run(inputs, previous: previous, previousPath: "p", freeze: [],
                                                       options: PartitionOptions(), nest: false)
        let ids = result.plan.districts.map(\.id)
        let target = summary.loadsAfter.reduce(0, +) / Double(ids.count)
        for d in ids.indices {
            let before = summary.loadsBefore[d], after = summary.loadsAfter[d]
            print("redraw \(ids[d]): \(Int(before)) → \(Int(after)) (\(((after - target) / target * 1000).rounded() / 10)%)")
        }
        let kept = Self.retention(result.plan, against: previous)
        print("redraw: retention \(kept.kept)/\(kept.both), worst deviation \(result.partition.worstDeviation)")
        // Nothing lost or duplicated; hard rules kept.
        #expect(result.plan.assignment.count == inputs.households.count)
        #expect(Set(result.plan.households.ids).count == inputs.households.count)
        #expect(result.partition.contiguous.allSatisfy { $0 })
        #expect(result.report.plan.groupsSplit == 0)
        #expect(Double(kept.kept) / Double(kept.both) == summary.coreRetention)
        // The apartment block's district is back in the band (it was 108 against 66.4).
        let upper = 1.05 * target, lower = 0.95 * target
        let blockDistrict = summary.loadsBefore.indices.max { summary.loadsBefore[$0] < summary.loadsBefore[$1] }!
        #expect(summary.loadsBefore[blockDistrict] > upper)
        #expect(summary.loadsAfter[blockDistrict] <= upper && summary.loadsAfter[blockDistrict] >= lower)
        // Far better retention than drawing the plan afresh.
        let fresh = try PartitionPipeline.run(inputs, options: PartitionOptions(), nest: false)
        let freshKept = Self.retention(fresh.plan, against: previous)
        print("fresh partition: retention \(freshKept.kept)/\(freshKept.both), worst deviation \(fresh.partition.worstDeviation)")
        #expect(kept.kept > freshKept.kept)
        // Even with the fresh plan's districts renamed to match the old ones as well as possible.
        let freshMatched = StabilityMetrics.figures(plan: fresh.plan, previous: previous).matchedRetention
        #expect(summary.coreRetention > freshMatched)
        // Balance comes first: the redraw ends no further from the band than the fresh plan (with
        // the crossings both reach it: 3.9%), and that costs some retention.
        #expect(result.partition.worstDeviation <= fresh.partition.worstDeviation + 1e-9)
        #expect(result.partition.worstDeviation <= 0.05 + 1e-9)
        // Issue 6's bar: every district within ±5% and core retention ≥ 90%. With the river's
        // crossings (issue 12) the band is reachable and the redraw reaches it (3.9% from the CLI,
        // relations in both runs). The band flow (RedrawBandFlow.swift) raised retention from
        // 71.7% to 85.0% on the CLI run (194 moved where the whole-group bound of
        // Benchmarks/feasibility/redraw_bound.py is 48): ≥ 80% holds here, 90% is still missing.
        // With contiguity that bound is at least 135 on the CLI run (redraw_bound.py --graph; Benchmarks/
        // README.md): no plan keeping the hard rules keeps more than 89.6% there, so the 90% bar
        // cannot be met on that previous plan.
        // Without crossings (Fixtures/river-no-crossings.geojson) the south bank cannot be
        // balanced at all (BarrierPartsTests).
        #expect(summary.coreRetention >= 0.80)
        withKnownIssue("issue 6/12 bar: core retention ≥ 90% not reached on the evolved sample (85%)") {
            #expect(summary.coreRetention >= 0.90)
        }
    }

    @Test func moreDistrictsContinueTheIdsAndKeepTheRules() throws {
        let previous = try Self.base.get().plan
        let inputs = try Inputs.load(Sample.options(relations: false))
        var options = PartitionOptions()
        options.k = 23
        let (result, summary) = try RedrawPipeline.run(inputs, previous: previous, previousPath: "p", freeze: ["D05"],
                                                       options: options, nest: false)
        let ids = result.plan.districts.map(\.id)
        #expect(ids == previous.districts.map(\.id) + ["D22", "D23"])
        #expect(summary.addedDistricts == ["D22", "D23"])
        let counts = result.plan.assignment.reduce(into: [Int](repeating: 0, count: 23)) { $0[Int($1)] += 1 }
        #expect(counts.allSatisfy { $0 > 0 })
        #expect(counts.reduce(0, +) == inputs.households.count)
        #expect(result.partition.contiguous.allSatisfy { $0 })
        #expect(result.report.plan.groupsSplit == 0)
        // The frozen district keeps exactly its households.
        let d5 = Int32(ids.firstIndex(of: "D05")!)
        let old5 = Set(previous.households.ids.indices.filter { previous.assignment[$0] == d5 }.map { previous.households.ids[$0] })
        let new5 = Set(result.plan.households.ids.indices.filter { result.plan.assignment[$0] == d5 }.map { result.plan.households.ids[$0] })
        #expect(old5 == new5)
        // More households keep their district than under a fresh 23-district plan, even with the
        // fresh plan's ids matched to the old ones as well as possible.
        var fresh23 = PartitionOptions()
        fresh23.k = 23
        let fresh = try PartitionPipeline.run(inputs, options: fresh23, nest: false)
        #expect(summary.coreRetention > StabilityMetrics.figures(plan: fresh.plan, previous: previous).matchedRetention)
        #expect(result.plan.metadata.extra.contains("\"districts_added\":[\"D22\",\"D23\"]"))
    }

    @Test func fewerDistrictsRemoveTheLightestAndRehomeTheirHouseholds() throws {
        let previous = try Self.base.get().plan
        let inputs = try Inputs.load(Sample.options(relations: false))
        var options = PartitionOptions()
        options.k = 20
        let (result, summary) = try RedrawPipeline.run(inputs, previous: previous, previousPath: "p", freeze: [],
                                                       options: options, nest: false)
        #expect(result.plan.districts.count == 20)
        #expect(summary.removedDistricts.count == 1)
        let removed = try #require(summary.removedDistricts.first)
        let oldLoads = previous.districtLoads()
        // The lightest previous district goes; every other id is kept.
        #expect(removed.load == oldLoads.min())
        #expect(result.plan.districts.map(\.id) == previous.districts.map(\.id).filter { $0 != removed.id })
        #expect(result.plan.assignment.count == inputs.households.count)
        #expect(result.partition.contiguous.allSatisfy { $0 })
        #expect(result.report.plan.groupsSplit == 0)
        #expect(result.warnings.contains { $0.contains("removed \(removed.id)") })
        // Every household of the removed district moved; nobody else had to move for that alone.
        #expect(summary.moved >= Int(removed.load))
    }

    @Test func removingMoreDistrictsThanAreOpenIsAUsageError() throws {
        let previous = try Self.base.get().plan
        let inputs = try Inputs.load(Sample.options(relations: false))
        var options = PartitionOptions()
        options.k = 1
        let all = previous.districts.map(\.id).filter { $0 != "D01" }
        let error = #expect(throws: WanggeError.self) {
            try RedrawPipeline.run(inputs, previous: previous, previousPath: "p", freeze: all, options: options, nest: false)
        }
        #expect(error?.status == .usage)
    }

    @Test func redrawIsDeterministic() throws {
        let previous = try Self.base.get().plan
        let inputs = try Inputs.load(Sample.options(households: "households-evolved.geojson", relations: false))
        let a = try RedrawPipeline.run(inputs, previous: previous, previousPath: "p", freeze: [], options: PartitionOptions(), nest: false)
        let b = try RedrawPipeline.run(inputs, previous: previous, previousPath: "p", freeze: [], options: PartitionOptions(), nest: false)
        #expect(a.0.plan.assignment == b.0.plan.assignment)
    }

    @Test func unknownFrozenDistrictIsAUsageError() throws {
        let previous = try Self.base.get().plan
        let inputs = try Inputs.load(Sample.options(relations: false))
        let error = #expect(throws: WanggeError.self) {
            try RedrawPipeline.run(inputs, previous: previous, previousPath: "p", freeze: ["D99"],
                                   options: PartitionOptions(), nest: false)
        }
        #expect(error?.status == .usage)
    }
}

import Testing
import Wangge

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
        #expect(summary.moved == 0)
        #expect(summary.coreRetention == 1)
        #expect(result.plan.assignment == previous.assignment)
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

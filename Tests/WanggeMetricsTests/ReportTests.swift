import Foundation
import Testing
import WanggeModel
@testable import WanggeMetrics

/// Two districts side by side: D01 = unit square [0,1]², D02 = [1,2]×[0,1], four households in
/// each at the quarter points; D02's last household sits in D01's square region but is assigned
/// to D02 and is only linked to D01 in the graph (so D02 is not contiguous).
struct SmallPlan {
    var plan: Plan
    var x: [Double], y: [Double]
    var areas: [MultiPolygon]
    var graph: NeighbourAdjacency
    var relations: RelationTable

    init(assignment: [Int32] = [0, 0, 0, 0, 1, 1, 1, 1]) {
        let ids = (1...8).map { "h\($0)" }
        plan = Fixture.plan(ids: ids, assignment: assignment, districtIds: ["D01", "D02"],
                            groups: ["g1", "g1", "g1", "g2", "g2", "g3", "g3", "g3"],
                            villages: ["甲村", "甲村", "甲村", "甲村", "乙村", "乙村", "乙村", "乙村"],
                            members: [1, 2, 3, 4, 1, 1, 1, 1], names: ["东片", "西片区"])
        x = [0.25, 0.75, 0.25, 0.75, 1.25, 1.75, 1.25, 1.75]
        y = [0.25, 0.25, 0.75, 0.75, 0.25, 0.25, 0.75, 0.75]
        areas = [MultiPolygon([Polygon(rings: [Fixture.square(0, 0)])]),
                 MultiPolygon([Polygon(rings: [Fixture.square(1, 0)])])]
        // Grid 4-neighbours over the 4×2 lattice of points.
        graph = NeighbourAdjacency(nodeCount: 8, edges: [(0, 1), (2, 3), (0, 2), (1, 3), (1, 4), (3, 6),
                                                         (4, 5), (6, 7), (4, 6), (5, 7)])
        relations = RelationTable(a: [0, 3], b: [1, 4], weight: [1, 3])
    }

    func report(previous: Plan? = nil) throws -> PlanReport {
        try PlanReport.compute(plan: plan, x: x, y: y, areas: areas, graph: graph, relations: relations, previous: previous)
    }
}

@Suite struct ReportTests {
    @Test func planFigures() throws {
        let r = try SmallPlan().report()
        let p = r.plan
        #expect(p.households == 8 && p.members == 14 && p.districts == 2 && p.target == 4)
        #expect(p.maxAbsDeviation == 0 && p.withinTolerance == 2)
        #expect(p.noncontiguous == [] && p.multipart == [])
        #expect(abs(try #require(p.polsbyPopperMean) - Double.pi / 4) < 1e-12)
        // Each district: 4 points at d² = 0.125 from the centre → 0.5; plan 1.0.
        #expect(abs(p.dispersion - 1) < 1e-12)
        // g2 = households 3 (D01) and 4 (D02) is split; villages are not.
        #expect(p.groups == 3 && p.groupsSplit == 1 && p.villages == 2 && p.villagesSplit == 0)
        #expect(p.villageSplitScore == 1)
        // Relation (3,4) of weight 3 is cut out of 4.
        #expect(p.relationCutFraction == 0.75)
        // Cut edges: (1,4) and (3,6) of 10.
        #expect(p.cutEdges == 2 && p.graphEdges == 10 && p.cutEdgeFraction == 0.2)
        #expect(r.districts.map(\.name) == ["东片", "西片区"])
        #expect(r.districts.allSatisfy { $0.components == 1 })
    }

    @Test func noncontiguousDistrictAndMoves() throws {
        // Household 3 (in D01's corner, linked only to 1, 2 and 6) moves to D02: D01 has 3 households
        // (still connected), D02 has 5: 3 is joined to 6, which is in D02 → still contiguous. Move
        // household 1 instead: its neighbours 0, 3 are D01 and 4 is D02 → contiguous via 4.
        // Move household 0: its neighbours 1 and 2 are D01 → D02 = {0} ∪ {4..7} is in 2 pieces.
        let s = SmallPlan(assignment: [1, 0, 0, 0, 1, 1, 1, 1])
        let r = try s.report(previous: SmallPlan().plan)
        #expect(r.plan.noncontiguous == ["D02"])
        #expect(r.districts[1].components == 2)
        // Loads 3 and 5 around T = 4: ±25%, range 50%.
        #expect(r.plan.maxAbsDeviation == 0.25 && r.plan.deviationRange == 0.5)
        let st = r.stability!
        #expect(st.moved == 1 && st.coreRetention == 7.0 / 8)
    }

    @Test func jsonSchema() throws {
        let r = try SmallPlan().report(previous: SmallPlan().plan)
        let text = r.render(format: .json)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(root.keys) == ["schema", "plan", "districts", "stability"])
        #expect(root["schema"] as? String == "wangge-report/1")
        let plan = try #require(root["plan"] as? [String: Any])
        let ints = ["households", "members", "districts", "within_tolerance", "groups", "groups_split", "villages",
                    "villages_split", "relations", "graph_edges", "cut_edges"]
        let numbers = ["total_load", "target_load", "tolerance", "max_abs_deviation", "deviation_range", "load_cv",
                       "polsby_popper_mean", "polsby_popper_min", "reock_mean", "reock_min", "hull_ratio_mean",
                       "hull_ratio_min", "dispersion_m2", "mean_service_distance_m", "max_service_distance_m",
                       "village_split_score", "relation_weight", "relation_weight_cut", "relation_cut_fraction",
                       "cut_edge_fraction"]
        let lists = ["noncontiguous_districts", "multipart_districts"]
        #expect(Set(plan.keys) == Set(ints + numbers + lists + ["balance"]))
        for k in ints { #expect(isInt(plan[k]), "plan.\(k)") }
        for k in numbers { #expect(plan[k] is NSNumber, "plan.\(k)") }
        for k in lists { #expect(plan[k] is [String], "plan.\(k)") }
        #expect(plan["balance"] as? String == "households")

        let districts = try #require(root["districts"] as? [[String: Any]])
        #expect(districts.count == 2)
        let dInts = ["households", "members", "components", "polygons"]
        let dNumbers = ["load", "deviation", "area_km2", "perimeter_km", "polsby_popper", "reock", "hull_ratio",
                        "dispersion_m2", "mean_service_distance_m", "max_service_distance_m"]
        for d in districts {
            #expect(Set(d.keys) == Set(dInts + dNumbers + ["district", "name", "service_point"]))
            for k in dInts { #expect(isInt(d[k]), "district.\(k)") }
            for k in dNumbers { #expect(d[k] is NSNumber, "district.\(k)") }
            #expect(d["district"] is String && d["name"] is String && d["service_point"] is String)
        }
        #expect(districts[1]["name"] as? String == "西片区")

        let st = try #require(root["stability"] as? [String: Any])
        #expect(Set(st.keys) == ["households_in_both", "retained", "core_retention", "core_retention_load", "moved",
                                 "moved_load", "added", "removed", "matched_retention", "matching"])
        for k in ["households_in_both", "retained", "moved", "added", "removed"] { #expect(isInt(st[k]), "stability.\(k)") }
        let matching = try #require(st["matching"] as? [[String: Any]])
        #expect(matching.count == 2 && matching[0]["previous"] as? String == "D01" && isInt(matching[0]["shared"]))

        // Without optional inputs the figures that need them are null.
        let bare = try PlanReport.compute(plan: SmallPlan().plan, x: SmallPlan().x, y: SmallPlan().y)
        let bareRoot = try #require(try JSONSerialization.jsonObject(with: Data(bare.render(format: .json).utf8)) as? [String: Any])
        let bp = try #require(bareRoot["plan"] as? [String: Any])
        for k in ["graph_edges", "cut_edges", "cut_edge_fraction", "relation_cut_fraction", "polsby_popper_mean",
                  "noncontiguous_districts", "multipart_districts"] {
            #expect(bp[k] is NSNull, "plan.\(k) is null")
        }
        #expect(bareRoot["stability"] is NSNull)
        // Key order in the text follows the schema.
        let order = ["\"schema\"", "\"plan\"", "\"households\"", "\"cut_edge_fraction\"", "\"districts\": [", "\"stability\""]
        let positions = order.map { text.range(of: $0)!.lowerBound }
        #expect(positions == positions.sorted())
    }

    private func isInt(_ v: Any?) -> Bool {
        guard let n = v as? NSNumber else { return false }
        return n.doubleValue == n.doubleValue.rounded()
    }

    @Test func tableAlignsCJKNames() throws {
        let text = try SmallPlan().report().render(format: .table, title: "plan.geojson")
        #expect(TextWidth.columns("西片区") == 6 && TextWidth.columns("D01") == 3)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex { $0.hasPrefix("District ") && $0.contains("HH") })
        let tableLines = Array(lines[start..<(start + 4)])   // header, rule, 2 districts
        // "District" is 8 columns wide, the name column 6 ("西片区"): "东片" (4 columns) gets 2 spaces.
        #expect(tableLines[2].hasPrefix("D01       东片    ") && tableLines[3].hasPrefix("D02       西片区  "))
        // The last column is right-aligned, so every line has the header's display width.
        let widths = tableLines.map(TextWidth.columns)
        #expect(Set(widths).count == 1, "\(widths)\n\(tableLines.joined(separator: "\n"))")
        #expect(text.contains("Work groups split") && text.contains("1/3"))
    }

    @Test func csvHasOneRowPerDistrict() throws {
        let text = try SmallPlan().report().render(format: .csv)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0] == PlanReport.csvColumns.joined(separator: ","))
        // 1 m² = 1e-06 km², 4 m = 0.004 km (the fixture is in metres).
        #expect(lines[1].hasPrefix("D01,东片,4,10,4,0,1,1,1e-06,0.004,"))
        #expect(lines.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == PlanReport.csvColumns.count })
    }

    @Test func compareMarksTheBetterPlan() throws {
        let a = try SmallPlan().report()
        let b = try SmallPlan(assignment: [1, 0, 0, 0, 1, 1, 1, 1]).report()
        let c = PlanComparison(a, b, titleA: "a.geojson", titleB: "b.geojson")
        let dev = try #require(c.rows.first { $0.key == "max_abs_deviation" })
        #expect(dev.winner == "a" && dev.a == "0.0%" && dev.b == "25.0%")
        let pp = try #require(c.rows.first { $0.key == "polsby_popper_mean" })
        #expect(pp.winner == "tie")
        #expect(c.rows.first { $0.key == "households" }?.winner == "")
        // Swapped sides swap the winner.
        let swapped = PlanComparison(b, a)
        #expect(swapped.rows.first { $0.key == "max_abs_deviation" }?.winner == "b")
        let text = c.render(format: .table)
        let devLine = try #require(text.split(separator: "\n").first { $0.hasPrefix("Max |deviation|") })
        #expect(devLine.contains("◀") && !devLine.contains("▶"))
        #expect(c.wins.a > 0 && c.wins.b == 0)
    }

    /// The figures without service areas, then the shape figures attached (what the partition
    /// pipeline does, the first beside the service areas), are the report `compute` gives with the
    /// areas; before attaching, no shape figure is there.
    @Test func shapesAttachedLaterGiveTheSameReport() throws {
        for assignment: [Int32] in [[0, 0, 0, 0, 1, 1, 1, 1], [1, 0, 0, 0, 1, 1, 1, 1]] {
            let s = SmallPlan(assignment: assignment)
            var split = try PlanReport.withoutShapes(plan: s.plan, x: s.x, y: s.y, graph: s.graph, relations: s.relations,
                                                     previous: nil, cancellation: .never)
            #expect(split.plan.multipart == nil && split.plan.polsbyPopperMean == nil && split.districts.allSatisfy { $0.shape == nil })
            split.attach(shapes: try PlanReport.shapes(of: s.areas))
            #expect(split == (try s.report()))
            #expect(try split.render(format: .json) == s.report().render(format: .json))
        }
    }

    /// The metrics check for cancellation while measuring shapes and between districts: a cancelled
    /// check throws `CancellationError`; one that never fires gives the same report.
    @Test func computeStopsWhenCancelled() throws {
        let s = SmallPlan()
        #expect(throws: CancellationError.self) {
            try PlanReport.compute(plan: s.plan, x: s.x, y: s.y, areas: s.areas, graph: s.graph, cancellation: .afterChecks(1))
        }
        let checked = try PlanReport.compute(plan: s.plan, x: s.x, y: s.y, areas: s.areas, graph: s.graph,
                                             relations: s.relations, cancellation: .afterChecks(Int.max))
        #expect(try s.report().render(format: .json) == checked.render(format: .json))
    }
}

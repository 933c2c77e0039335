import WanggeModel
import WanggeIO
import WanggeGraph
import WanggePartition
import WanggeGeometry
import WanggeMetrics
import Foundation

/// What a redraw adds to a pipeline run: the previous plan's figures against the new one.
public struct RedrawSummary: Sendable {
    /// Households present in both inputs, and how many of them kept their district.
    public var inBoth: Int
    public var retained: Int
    public var coreRetention: Double
    public var moved: Int
    public var movedLoad: Double
    public var added: Int
    public var removed: Int
    /// Previous district ids that lost all their households.
    public var emptied: [String]
    /// Load per district of the new plan before (households still present, previous districts;
    /// 0 for added districts) and after.
    public var loadsBefore: [Double]
    public var loadsAfter: [Double]
    /// With a different --districts: previous districts removed (with the load they still had)
    /// and the ids of districts added.
    public var removedDistricts: [(id: String, load: Double)] = []
    public var addedDistricts: [String] = []
}

/// Re-draws a previous plan after population changes (DESIGN section 7): households present in
/// both inputs keep their district unless a move is needed; new households join the district whose
/// previous service area contains them (the nearest one when outside all); balance is restored
/// moving as little load as possible; `freeze` districts keep exactly their households. A different
/// `options.k` removes the lightest open districts or carves new ones out of the heaviest.
public enum RedrawPipeline {
    public static func run(_ inputs: Inputs, previous: Plan, previousPath: String, freeze: [String],
                           options: PartitionOptions, nest: Bool,
                           stopwatch: Stopwatch = Stopwatch(), control: RunControl = .none) throws -> (PipelineResult, RedrawSummary) {
        let oldIds = previous.districts.map(\.id)
        let indexOfId = Dictionary(oldIds.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { a, _ in a })
        var frozenOld = Set<Int32>()
        for f in freeze {
            guard let d = indexOfId[f] else {
                throw WanggeError.usage("--freeze \(f): no such district in \(previousPath) (it has \(oldIds.first ?? "")…\(oldIds.last ?? ""))")
            }
            frozenOld.insert(d)
        }
        let households = inputs.households
        let leftWarning = try relationsOfLeavers(inputs, previous: previous, previousPath: previousPath)
        // Previous district per current household: by id, else by the previous service areas.
        let before = households.indices(in: previous.households)
        var oldHome = [Int32](repeating: -1, count: households.count)
        var newcomers: [Int] = []
        for i in 0..<households.count {
            let j = before[i]
            if j >= 0 { oldHome[i] = previous.assignment[Int(j)] } else { newcomers.append(i) }
        }
        if !newcomers.isEmpty {
            let areas = try DistrictLookup(previous)
            for i in newcomers { oldHome[i] = try areas.district(lon: households.lon[i], lat: households.lat[i]) }
        }
        let loads = households.loads
        var presentLoad = [Double](repeating: 0, count: oldIds.count)
        for i in 0..<households.count where oldHome[i] >= 0 { presentLoad[Int(oldHome[i])] += loads[i] }

        // A different --districts: the lightest open districts are removed (their households join
        // their neighbours), or new districts with ids continuing the sequence are carved out of
        // the heaviest ones.
        var removed: [Int] = []
        if options.k < oldIds.count {
            let open = oldIds.indices.filter { !frozenOld.contains(Int32($0)) }
            let drop = oldIds.count - options.k
            guard drop <= open.count else {
                throw WanggeError.usage("--districts \(options.k): cannot remove \(drop) districts when only \(open.count) are not frozen")
            }
            removed = open.sorted { (presentLoad[$0], $0) < (presentLoad[$1], $1) }.prefix(drop).sorted()
        }
        let removedSet = Set(removed)
        let kept = oldIds.indices.filter { !removedSet.contains($0) }
        let added = max(0, options.k - oldIds.count)
        let ids = kept.map { oldIds[$0] } + District.continuingIds(after: oldIds, count: added)
        var newIndex = [Int32](repeating: -1, count: oldIds.count)
        for (n, o) in kept.enumerated() { newIndex[o] = Int32(n) }
        let home = oldHome.map { $0 >= 0 ? newIndex[Int($0)] : -1 }
        let frozen = Set(frozenOld.map { newIndex[Int($0)] })
        let result = try PartitionPipeline.run(inputs, options: options, nest: nest, stopwatch: stopwatch, ids: ids,
                                               previous: previous, control: control) { problem, graph in
            // A site's previous district: the plurality (by load) of its households' (ties: lower id).
            let loads = households.loads
            var sitePrevious = [Int32](repeating: -1, count: graph.siteCount)
            var tally: [(district: Int32, load: Double)] = []
            for site in 0..<graph.siteCount {
                tally.removeAll(keepingCapacity: true)
                for h in graph.households(of: site) where home[Int(h)] >= 0 {
                    let d = home[Int(h)], w = max(loads[Int(h)], 1e-9)
                    if let k = tally.firstIndex(where: { $0.district == d }) { tally[k].load += w } else { tally.append((d, w)) }
                }
                sitePrevious[site] = tally.max { $0.load != $1.load ? $0.load < $1.load : $0.district > $1.district }?.district ?? -1
            }
            // Newcomers count for nothing in retention: only households in both inputs are continuing.
            var siteContinuing = [Double](repeating: 0, count: graph.siteCount)
            for i in 0..<households.count where before[i] >= 0 && home[i] >= 0 {
                siteContinuing[Int(graph.siteOfHousehold[i])] += loads[i]
            }
            return try Partitioner.redraw(problem, previous: sitePrevious, continuing: siteContinuing, freeze: frozen,
                                          addDistricts: added).partition
        }
        let stability = result.report.stability ?? StabilityMetrics.figures(plan: result.plan, previous: previous)
        var loadsBefore = [Double](repeating: 0, count: ids.count)
        for i in 0..<households.count where home[i] >= 0 { loadsBefore[Int(home[i])] += loads[i] }
        let loadsAfter = result.plan.districtLoads()
        let stillThere = Set(oldHome.filter { $0 >= 0 })
        let emptied = kept.filter { !stillThere.contains(Int32($0)) }.map { oldIds[$0] }
        let summary = RedrawSummary(inBoth: stability.inBoth, retained: stability.retained,
                                    coreRetention: stability.coreRetention, moved: stability.moved,
                                    movedLoad: stability.movedLoad, added: stability.added, removed: stability.removed,
                                    emptied: emptied, loadsBefore: loadsBefore, loadsAfter: loadsAfter,
                                    removedDistricts: removed.map { (oldIds[$0], presentLoad[$0]) },
                                    addedDistricts: Array(ids.suffix(added)))
        var out = result
        out.plan.metadata.extra = metadataMember(summary, ids: ids, previousPath: previousPath, freeze: freeze)
        if let leftWarning { out.warnings.append(leftWarning) }
        for d in emptied { out.warnings.append("district \(d) lost all its households") }
        if !removed.isEmpty {
            out.warnings.append("--districts \(options.k): removed \(removed.map { oldIds[$0] }.joined(separator: ", ")) (the lightest); their households joined neighbouring districts")
        }
        return (out, summary)
    }

    /// Relation pairs set aside by the reader (`InputOptions.keepUnknownRelationIds`): ids of
    /// households who have left (in the previous plan, not in the new households) are last
    /// year's relations and only counted in a warning; any other unknown id is still an error.
    static func relationsOfLeavers(_ inputs: Inputs, previous: Plan, previousPath: String) throws -> String? {
        guard let unknown = inputs.unknownRelations, unknown.pairs > 0 else { return nil }
        let known = Set(previous.households.ids)
        let strangers = unknown.ids.filter { !known.contains($0.id) }
        if let first = strangers.first {
            let source = inputs.households.sourceName.isEmpty ? "the households" : inputs.households.sourceName
            throw WanggeError.data(RelationReader.unknownMessage(strangers, notIn: "\(source) nor \(previousPath)"),
                                   at: SourceLocation(file: unknown.path, line: first.line, field: first.field))
        }
        let leavers = Set(unknown.ids.map(\.id)).count
        return "\(unknown.path): \(unknown.pairs) relation pair\(unknown.pairs == 1 ? "" : "s") name \(leavers) household\(leavers == 1 ? "" : "s") "
            + "who have left (in \(previousPath), not in the new households); those pairs are ignored"
    }

    /// The `redraw` member written into the plan's `wangge` object.
    static func metadataMember(_ s: RedrawSummary, ids: [String], previousPath: String, freeze: [String]) -> String {
        func num(_ v: Double) -> String {
            v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String((v * 1e6).rounded() / 1e6)
        }
        let str = jsonQuoted
        let loads = ids.indices.map { "\(str(ids[$0])):[\(num(s.loadsBefore[$0])),\(num(s.loadsAfter[$0]))]" }
        return "\"redraw\":{\"previous\":\(str(previousPath)),\"core_retention\":\(num(s.coreRetention)),"
            + "\"households_in_both\":\(s.inBoth),\"households_moved\":\(s.moved),\"load_moved\":\(num(s.movedLoad)),"
            + "\"households_added\":\(s.added),\"households_removed\":\(s.removed),"
            + "\"frozen\":[\(freeze.map(str).joined(separator: ","))],"
            + "\"emptied\":[\(s.emptied.map(str).joined(separator: ","))],"
            + "\"districts_removed\":{\(s.removedDistricts.map { "\(str($0.id)):\(num($0.load))" }.joined(separator: ","))},"
            + "\"districts_added\":[\(s.addedDistricts.map(str).joined(separator: ","))],"
            + "\"loads_before_after\":{\(loads.joined(separator: ","))}}"
    }
}

/// Which previous district a point falls in, by the previous plan's service areas (WGS84); the
/// nearest area when it is outside all of them, or the district of the nearest previous household
/// when the plan has no areas.
struct DistrictLookup {
    private let context = GeometryContext()
    private var prepared: [(Int32, PreparedGeometry, Geometry)] = []
    /// Bounding box of each prepared area (lon/lat), to skip most areas without asking GEOS.
    private var boxes: [(minX: Double, minY: Double, maxX: Double, maxY: Double)] = []
    /// A uniform grid over all boxes: the areas (in order) whose box meets each cell.
    private var cells: [[Int32]] = []
    private var grid = (minX: 0.0, minY: 0.0, cellX: 1.0, cellY: 1.0, columns: 1, rows: 1)
    private let previous: Plan

    init(_ previous: Plan) throws {
        self.previous = previous
        for (d, district) in previous.districts.enumerated() where !district.area.isEmpty {
            let g = try context.multiPolygon(district.area)
            prepared.append((Int32(d), try PreparedGeometry(g), g))
            var box = (minX: Double.infinity, minY: Double.infinity, maxX: -Double.infinity, maxY: -Double.infinity)
            for polygon in district.area.polygons {
                for p in polygon.exterior {
                    box.minX = min(box.minX, p.x); box.maxX = max(box.maxX, p.x)
                    box.minY = min(box.minY, p.y); box.maxY = max(box.maxY, p.y)
                }
            }
            boxes.append(box)
        }
        guard !boxes.isEmpty else { return }
        let minX = boxes.map(\.minX).min()!, maxX = boxes.map(\.maxX).max()!
        let minY = boxes.map(\.minY).min()!, maxY = boxes.map(\.maxY).max()!
        let side = max(1, Int(Double(boxes.count).squareRoot().rounded(.up)))
        grid = (minX, minY, max((maxX - minX) / Double(side), 1e-12), max((maxY - minY) / Double(side), 1e-12), side, side)
        cells = [[Int32]](repeating: [], count: side * side)
        for (i, b) in boxes.enumerated() {
            let (c0, r0) = cell(b.minX, b.minY), (c1, r1) = cell(b.maxX, b.maxY)
            for r in r0...r1 { for c in c0...c1 { cells[r * side + c].append(Int32(i)) } }
        }
    }

    private func cell(_ x: Double, _ y: Double) -> (Int, Int) {
        let c = Int(((x - grid.minX) / grid.cellX).rounded(.down)), r = Int(((y - grid.minY) / grid.cellY).rounded(.down))
        return (min(max(c, 0), grid.columns - 1), min(max(r, 0), grid.rows - 1))
    }

    func district(lon: Double, lat: Double) throws -> Int32 {
        if !cells.isEmpty {
            let (c, r) = cell(lon, lat)
            for i32 in cells[r * grid.columns + c] {
                let i = Int(i32), b = boxes[i]
                guard lon >= b.minX, lon <= b.maxX, lat >= b.minY, lat <= b.maxY else { continue }
                if try prepared[i].1.covers(x: lon, y: lat) { return prepared[i].0 }
            }
        }
        if !prepared.isEmpty {
            let point = try context.point(Point2(lon, lat))
            var best: Int32 = -1, bestDistance = Double.infinity
            for (d, _, g) in prepared {
                let dist = try g.distance(to: point)
                if dist < bestDistance { best = d; bestDistance = dist }
            }
            return best
        }
        var best: Int32 = -1, bestDistance = Double.infinity
        let h = previous.households
        for j in 0..<h.count {
            let dx = (h.lon[j] - lon) * cos(lat * .pi / 180), dy = h.lat[j] - lat
            let dist = dx * dx + dy * dy
            if dist < bestDistance { best = previous.assignment[j]; bestDistance = dist }
        }
        return best
    }
}

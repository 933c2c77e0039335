import WanggeModel
import WanggeGraph
import WanggePartition
import WanggeGeometry
import WanggeMetrics
import WanggeProjection

/// What one partition run produced: the plan (WGS84, ready to write), the figures, and what
/// each stage saw, for summaries and benchmarks.
public struct PipelineResult: Sendable {
    public var plan: Plan
    public var report: PlanReport
    public var partition: PartitionResult
    public var graph: NeighbourGraph
    /// Service areas in the metric CRS (district order), empty when not built.
    public var areasMetric: [MultiPolygon]
    /// Districts whose service area is more than one polygon.
    public var multipart: [String]
    public var stopwatch: Stopwatch
    public var warnings: [String]
    /// Feasibility figures per barrier-separated part of the neighbour graph (empty when the
    /// graph is connected).
    public var parts: [PartFigures] = []
}

/// The main job: graph → partition → service areas → metrics, on inputs already read and projected.
public enum PartitionPipeline {
    /// Partitions afresh.
    public static func run(_ inputs: Inputs, options: PartitionOptions, nest: Bool,
                           stopwatch: Stopwatch = Stopwatch(), control: RunControl = .none) throws -> PipelineResult {
        try run(inputs, options: options, nest: nest, stopwatch: stopwatch, control: control) { problem, graph in
            let bridged = try Partitioner.partition(problem)
            return try bankByBank(inputs, options: options, nest: nest, graph: graph, problem: problem, against: bridged)
        }
    }

    /// Crossings join the banks of a barrier into one graph, and the multilevel search over the joined
    /// graph can miss a balanced plan that keeps each bank to itself (every such plan is valid on the
    /// joined graph too). When the joined search ends outside the band, the banks are partitioned as
    /// separate parts (the graph without the crossings) and that plan is kept when it is better
    /// balanced without more pieces on the joined graph.
    static func bankByBank(_ inputs: Inputs, options: PartitionOptions, nest: Bool, graph: NeighbourGraph,
                           problem: PartitionProblem, against bridged: PartitionResult) throws -> PartitionResult {
        let barriers = inputs.barriersMetric
        guard !barriers.crossings.isEmpty, bridged.worstDeviation > options.tolerance + 1e-9 else { return bridged }
        let strict = try NeighbourGraph.build(x: inputs.x, y: inputs.y,
                                              barriers: Barriers(lines: barriers.lines, polygons: barriers.polygons,
                                                                 polygonFeatures: barriers.polygonFeatures),
                                              region: WalkingBarriers.region(inputs.boundaryMetric),
                                              cancellation: problem.cancellation)
        guard strict.siteCount == graph.siteCount, strict.siteOfHousehold == graph.siteOfHousehold else { return bridged }
        var strictProblem = SiteProblem.make(households: inputs.households, relations: inputs.relations, graph: strict,
                                             options: options, nest: nest)
        strictProblem.cancellation = problem.cancellation
        try problem.cancellation.check()
        guard let banks = try? Partitioner.partition(strictProblem) else {
            try problem.cancellation.check()
            return bridged
        }
        let rescored = Partitioner.rescore(problem, banks)
        let pieces = { (r: PartitionResult) in r.contiguous.filter { !$0 }.count }
        if rescored.worstDeviation < bridged.worstDeviation - 1e-12 && pieces(rescored) <= pieces(bridged) {
            return rescored
        }
        return bridged
    }

    /// The pipeline with the partition step given by `solve` (a fresh partition, or a redraw of a
    /// previous plan); everything before and after it is shared.
    public static func run(_ inputs: Inputs, options: PartitionOptions, nest: Bool, stopwatch: Stopwatch = Stopwatch(),
                           ids: [String]? = nil, previous: Plan? = nil, control: RunControl = .none,
                           solve: (PartitionProblem, NeighbourGraph) throws -> PartitionResult) throws -> PipelineResult {
        var watch = stopwatch
        let households = inputs.households
        guard options.k >= 1, options.k <= households.count else {
            throw WanggeError.usage("-k \(options.k): the number of districts must be between 1 and the number of households (\(households.count))")
        }
        guard options.tolerance >= 0, options.tolerance < 1 else {
            throw WanggeError.usage("--tolerance \(options.tolerance): must be ≥ 0 and < 1")
        }
        try control.enter(.graph)
        let graph = try inputs.neighbourGraph(cancellation: control.cancellation)
        watch.lap("graph")
        guard options.k <= graph.siteCount else {
            throw WanggeError.usage("-k \(options.k): the households stand at only \(graph.siteCount) distinct location(s); "
                                    + "households at one coordinate share one service area and stay in one district")
        }

        try control.enter(.partition)
        var problem = SiteProblem.make(households: households, relations: inputs.relations, graph: graph,
                                       options: options, nest: nest)
        problem.cancellation = control.cancellation
        let sites = (0..<graph.siteCount).map { Point2(graph.x[$0], graph.y[$0]) }
        // What the service areas need before the districts are known (the clip region — the default
        // region or the boundary covering the sites — checked, and the triangulation's twins checked
        // as Delaunay) needs only the sites and the triangulation: it is built on a second core while
        // the partitioner (one thread at this size) runs. When the run fails before it is used, its
        // build is told to stop (and waited for), so no work of a failed run outlives it.
        let failed = CancellationFlag()
        let groundwork = options.serviceAreas
            ? BackgroundJob { [graph, boundary = inputs.boundaryMetric, barriers = inputs.barriersMetric,
                               cancellation = control.cancellation] in
                Result {
                    let cancellation = Cancellation { failed.isSet || cancellation.isCancelled }
                    let clip = try boundary.map { try ClipRegion.covering($0, sites: sites).0 }
                        ?? DefaultRegion.build(sites: sites, triangles: graph.triangles, halfedges: graph.halfedges,
                                               cancellation: cancellation).region
                    return try ServiceAreas.groundwork(sites: sites, clip: clip,
                                                       triangles: graph.triangles.isEmpty ? nil : graph.triangles,
                                                       halfedges: graph.triangles.isEmpty ? nil : graph.halfedges,
                                                       barriers: barriers, cancellation: cancellation)
                }
            }
            : nil
        defer { failed.set(); _ = groundwork?.value }
        let result = try solve(problem, graph)
        try control.cancellation.check()
        watch.lap("partition")
        // District per household, ids D01…
        let assignment = graph.siteOfHousehold.map { result.district[Int($0)] }
        let ids = ids ?? District.defaultIds(count: options.k)
        var warnings = inputs.warnings + describe(result.diagnostics, ids: ids)
        let parts = PartFeasibility.figures(households: households, graph: graph, k: options.k, tolerance: options.tolerance,
                                            splitGroups: options.splitGroups, district: assignment)
        let stuck = parts.filter { $0.needsAttention(tolerance: options.tolerance) }
        if !stuck.isEmpty {
            warnings.append(PartFeasibility.warning(stuck, of: parts.count))
        }

        // The figures that need no service area (service points, balance, contiguity, cohesion,
        // dispersion …) need only the districts: with service areas they are computed on one thread
        // beside the service areas (one thread for most of that stage, which keeps the other core),
        // and the shape figures are added to them afterwards; without, here on all cores. When the
        // run fails before they are used, they are told to stop (and waited for).
        let labels = Dictionary(inputs.labels.map { ($0.district, $0) }, uniquingKeysWith: { a, _ in a })
        let metadata = PlanMetadata(districts: options.k, balance: inputs.balance,
                                    tolerance: options.tolerance, seed: options.seed, crs: inputs.crs.definition)
        let figuresFailed = CancellationFlag()
        let figures = BackgroundJob(inBackground: options.serviceAreas) { [graph, cancellation = control.cancellation] in
            Result {
                try PartitionPipeline.figures(inputs, metadata: metadata, ids: ids, labels: labels, assignment: assignment,
                                              graph: graph, previous: previous, allCores: !options.serviceAreas,
                                              cancellation: Cancellation { figuresFailed.isSet || cancellation.isCancelled })
            }
        }
        defer { figuresFailed.set(); _ = figures.value }

        var areasMetric: [MultiPolygon] = []
        var colors = [Int](repeating: 0, count: options.k)
        var multipart: [String] = []
        // The metrics do not read the WGS84 areas: the areas are unprojected on a second core as soon
        // as they are built, while the shape figures are computed, and put into the plan afterwards
        // (so "metrics" comes before "unproject" in the stage times, which then holds only the wait
        // for it).
        let sideJobsFailed = CancellationFlag()
        var unprojected: BackgroundJob<Result<[MultiPolygon], any Error>>? = nil
        defer { sideJobsFailed.set(); _ = unprojected?.value }
        // The colours (adjacency from shared edges, DSatur) likewise, beside the shape figures.
        var coloring: BackgroundJob<Result<[Int], any Error>>? = nil
        defer { sideJobsFailed.set(); _ = coloring?.value }
        if options.serviceAreas {
            try control.enter(.serviceAreas)
            let prepared = try groundwork!.value.get()
            try control.cancellation.check()
            let areas = try ServiceAreas.build(sites: sites, siteDistrict: result.district, k: options.k,
                                               groundwork: prepared, barriers: inputs.barriersMetric,
                                               cancellation: control.cancellation)
            areasMetric = areas.districts
            multipart = areas.multipart.map { ids[$0] }
            unprojected = BackgroundJob { [areasMetric, crs = inputs.crs, cancellation = control.cancellation] in
                Result {
                    try CoverageOutput.wgs84(areasMetric, projector: try Projector(crs: crs),
                                             cancellation: Cancellation { sideJobsFailed.isSet || cancellation.isCancelled })
                }
            }
            coloring = BackgroundJob { [areasMetric, cancellation = control.cancellation] in
                Result {
                    try DistrictColoring.colors(areasMetric,
                                                cancellation: Cancellation { sideJobsFailed.isSet || cancellation.isCancelled })
                }
            }
            watch.lap("service areas")
        }
        try control.enter(.metrics)
        let cancellation = control.cancellation
        let geometry = GeometryContext()
        var areaKm2: [Double] = []
        areaKm2.reserveCapacity(areasMetric.count)
        for (d, area) in areasMetric.enumerated() {
            if d & 255 == 255 { try cancellation.check() }
            areaKm2.append(try geometry.multiPolygon(area).area() / 1e6)
        }
        let shapes = options.serviceAreas ? try PlanReport.shapes(of: areasMetric, cancellation: cancellation) : nil
        if let coloring { colors = try coloring.value.get() }
        var (plan, report) = try figures.value.get()
        if let shapes { report.attach(shapes: shapes) }
        for d in 0..<options.k {
            plan.districts[d].color = colors[d]
            plan.districts[d].areaKm2 = d < areaKm2.count ? areaKm2[d] : 0
        }
        watch.lap("metrics")
        if let unprojected {
            let areas = try unprojected.value.get()
            for d in 0..<options.k { plan.districts[d].area = areas[d] }
            watch.lap("unproject")
        }
        try control.cancellation.check()
        if !multipart.isEmpty {
            warnings.append("service areas of \(PartitionSummary.shortList(multipart)) are more than one polygon (forced by the data)")
        }
        return PipelineResult(plan: plan, report: report, partition: result, graph: graph, areasMetric: areasMetric,
                              multipart: multipart, stopwatch: watch, warnings: warnings, parts: parts)
    }

    /// The plan without service areas (colour 0, no area) and every figure of its report that needs
    /// no service area: the districts' service points (medoid households, on all cores when
    /// `allCores`), then `PlanReport.withoutShapes`.
    static func figures(_ inputs: Inputs, metadata: PlanMetadata, ids: [String], labels: [String: DistrictLabel],
                        assignment: [Int32], graph: NeighbourGraph, previous: Plan?, allCores: Bool,
                        cancellation: Cancellation) throws -> (Plan, PlanReport) {
        let k = metadata.districts
        let members = DistrictMembers(assignment: assignment, districtCount: k)
        let loads = inputs.households.loads
        let (hx, hy) = (inputs.x, inputs.y)
        let medoid = { @Sendable (d: Int) -> Int in
            // A cancelled run skips the rest (the check below then throws).
            cancellation.isCancelled ? -1 : Medoid.medoid(members.members(of: d), x: hx, y: hy, weights: loads) ?? -1
        }
        let medoids = allCores ? parallelMap(k, medoid) : (0..<k).map(medoid)
        try cancellation.check()
        let districts = (0..<k).map { d in
            District(id: ids[d], area: MultiPolygon(), color: 0, servicePoint: Int32(medoids[d]), areaKm2: 0,
                     label: labels[ids[d]])
        }
        let plan = Plan(metadata: metadata, districts: districts, households: inputs.households, assignment: assignment)
        let adjacency = NeighbourAdjacency(offsets: graph.offsets.map(Int.init), neighbours: graph.neighbours,
                                           householdNode: graph.siteOfHousehold)
        let report = try PlanReport.withoutShapes(plan: plan, x: inputs.x, y: inputs.y, graph: adjacency,
                                                  relations: inputs.relations, previous: previous,
                                                  cancellation: cancellation)
        return (plan, report)
    }

    /// Diagnostics in the user's terms (district ids, not indexes), one line per kind when a kind
    /// repeats (a city can have hundreds).
    static func describe(_ diagnostics: [PartitionDiagnostic], ids: [String]) -> [String] {
        var lines: [String] = []
        var pieces: [String] = [], crossing: [String] = [], groups: [String] = []
        for d in diagnostics {
            switch d {
            case let .nonContiguousDistrict(district, n): pieces.append("\(ids[Int(district)]) (\(n) pieces)")
            case let .districtCrossesNestUnits(district): crossing.append(ids[Int(district)])
            case let .nonContiguousGroup(group, name): groups.append(name ?? "#\(group)")
            default: lines.append(d.description)
            }
        }
        if !pieces.isEmpty {
            lines.append("\(pieces.count) district(s) not contiguous in the neighbour graph: \(PartitionSummary.shortList(pieces))")
        }
        if !crossing.isEmpty {
            lines.append("\(crossing.count) district(s) cross nest units: \(PartitionSummary.shortList(crossing))")
        }
        if !groups.isEmpty {
            lines.append("\(groups.count) work group(s) are not connected in the neighbour graph, so a district keeping "
                         + "them whole may not be contiguous: \(PartitionSummary.shortList(groups))")
        }
        return lines
    }
}

extension Inputs {
    /// The households' neighbour graph (barriers with their crossings; the boundary's rings as the
    /// region): the graph partition, redraw and validate see.
    public func neighbourGraph(cancellation: Cancellation = .never) throws -> NeighbourGraph {
        try NeighbourGraph.build(x: x, y: y, barriers: barriersMetric, region: WalkingBarriers.region(boundaryMetric),
                                 cancellation: cancellation)
    }
}

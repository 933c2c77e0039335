import WanggeModel
import WanggeIO
import WanggeProjection
import WanggeGraph
import WanggeMetrics
import WanggeRender
import WanggeEnsemble

// The library API: values in, values out, async and cancellable. A grid-management server holds its
// households in a database; it builds a `PlanInput` from rows and calls `partition`, `redraw`,
// `report`, `link`, … — no file needed. The CLI is built on the same pipeline (`Inputs.load` and
// `PartitionPipeline.run` read and write files).

/// One household as a value: a point (WGS84 longitude/latitude) with its people and memberships.
public struct Household: Sendable, Equatable {
    /// Unique, non-empty id (what relations, redraws and links match by).
    public var id: String
    public var longitude: Double
    public var latitude: Double
    /// People in the household (≥ 1); the load with `balance: "members"`.
    public var members: Int
    /// Work group (作业组) kept whole in one district; nil for none.
    public var group: String?
    /// Village (or any nesting unit) for `PartitionOptions.nest`; nil for none.
    public var village: String?
    /// The balance weight when `PlanInput.balance` names a weight (not "households"/"members").
    public var weight: Double?

    public init(id: String, longitude: Double, latitude: Double, members: Int = 1, group: String? = nil,
                village: String? = nil, weight: Double? = nil) {
        self.id = id; self.longitude = longitude; self.latitude = latitude; self.members = members
        self.group = group; self.village = village; self.weight = weight
    }
}

/// Two related households (kin, carers): kept in one district when the plan can afford it.
public struct Relation: Sendable, Equatable {
    public var a: String
    public var b: String
    /// > 0; larger keeps the pair together harder.
    public var weight: Double
    public init(_ a: String, _ b: String, weight: Double = 1) { self.a = a; self.b = b; self.weight = weight }
}

/// Everything a plan is drawn from, as values (WGS84). Checked by the same rules as the CLI's files:
/// a bad value is a `WanggeError` whose location names "households", "relations", "boundary" or
/// "barriers", the value's 0-based index (`feature`) and the field.
public struct PlanInput: Sendable {
    public var households: [Household]
    public var relations: [Relation]
    /// The service region; service areas tile it exactly. nil: a region around the households.
    public var boundary: MultiPolygon?
    /// Rivers, railways, walls (lines, polygons) and the crossings over them.
    public var barriers: Barriers
    /// District names, leaders and phones by district id ("D01" …).
    public var labels: [DistrictLabel]
    /// What a district's load counts: "households", "members" or a weight's name (each household then
    /// needs `weight`).
    public var balance: String
    /// Drop households outside `boundary` (with a warning) instead of failing.
    public var clipOutside: Bool
    /// The metric CRS for distances ("EPSG:32650", a PROJ string); nil picks the UTM zone.
    public var metricCRS: String?

    public init(households: [Household], relations: [Relation] = [], boundary: MultiPolygon? = nil,
                barriers: Barriers = Barriers(), labels: [DistrictLabel] = [], balance: String = "households",
                clipOutside: Bool = false, metricCRS: String? = nil) {
        self.households = households; self.relations = relations; self.boundary = boundary
        self.barriers = barriers; self.labels = labels; self.balance = balance
        self.clipOutside = clipOutside; self.metricCRS = metricCRS
    }
}

extension Inputs {
    /// Checks and projects values (stages `.read`, `.project`): the library's counterpart of `load`.
    public init(_ input: PlanInput, control: RunControl = .none) throws {
        try control.enter(.read)
        var rows = HouseholdRows(source: "households", balance: input.balance)
        rows.reserve(input.households.count)
        for (i, h) in input.households.enumerated() {
            if i & 4095 == 0 { try control.cancellation.check() }
            try rows.append(id: h.id, lon: h.longitude, lat: h.latitude, members: h.members, group: h.group,
                            village: h.village, weight: h.weight, at: i)
        }
        let households = try rows.finish()
        self = try Inputs.checked(households: households, householdsFile: "households",
                                  boundary: input.boundary, boundaryFile: "boundary",
                                  barriers: input.barriers, barriersFile: input.barriers.isEmpty && input.barriers.crossings.isEmpty ? nil : "barriers",
                                  clipOutside: input.clipOutside, balance: input.balance, metricCRS: input.metricCRS,
                                  control: control,
                                  relations: { households in
                                      (try RelationReader.table(pairs: input.relations.map { ($0.a, $0.b, $0.weight) },
                                                                households: households, cancellation: control.cancellation), nil)
                                  },
                                  labels: { input.labels })
    }
}

/// A plan and what was measured on it.
public struct PlanOutcome: Sendable {
    /// The plan: districts (ids, service-area polygons in WGS84, service points, labels) and the
    /// district of every household. Write it with `writePlan`, `writeCSV`, `writePoster`.
    public var plan: Plan
    /// The quality figures of DESIGN section 6 (balance, contiguity, compactness, relations, …).
    public var report: PlanReport
    /// Notes for the user: boundary repaired, districts forced into pieces, …
    public var warnings: [String]
    /// For a redraw: households kept, moved, added, removed against the previous plan.
    public var redraw: RedrawSummary?
}

/// Partitions `input` into `options.k` balanced, contiguous, compact districts (DESIGN section 4).
///
/// Progress reports `.read`, `.project`, `.graph`, `.partition`, `.serviceAreas`, `.metrics` in that
/// order. Cancelling the calling task stops the work at the next check (between stages, between
/// partition trials and refinement rounds) and throws `CancellationError`. Same input and seed give
/// the same plan.
/// - Throws: `WanggeError` (bad values, with their location; impossible requests), `CancellationError`.
public func partition(_ input: PlanInput, options: PartitionOptions = PartitionOptions(),
                      progress: ProgressHandler? = nil) async throws -> PlanOutcome {
    try await runCancellable(progress: progress) { control in
        let inputs = try Inputs(input, control: control)
        let result = try PartitionPipeline.run(inputs, options: options, nest: options.nest, control: control)
        return PlanOutcome(plan: result.plan, report: result.report, warnings: result.warnings, redraw: nil)
    }
}

/// Re-draws `previous` for the households of `input` (DESIGN section 7): households present in both
/// keep their district unless balance needs a move, newcomers join the district whose service area
/// holds them, `freeze` districts keep exactly their households; `options.k` other than the previous
/// count removes or adds districts. Progress and cancellation as for `partition`.
public func redraw(_ input: PlanInput, previous: Plan, freeze: [String] = [],
                   options: PartitionOptions = PartitionOptions(),
                   progress: ProgressHandler? = nil) async throws -> PlanOutcome {
    try await runCancellable(progress: progress) { control in
        let inputs = try Inputs(input, control: control)
        let (result, summary) = try RedrawPipeline.run(inputs, previous: previous, previousPath: "the previous plan",
                                                       freeze: freeze, options: options, nest: options.nest,
                                                       control: control)
        return PlanOutcome(plan: result.plan, report: result.report, warnings: result.warnings, redraw: summary)
    }
}

/// The quality figures of any plan (one drawn by hand, edited, or read back), scored against the
/// relations, boundary and barriers of `input` (its households are not needed: the plan carries
/// them). `previous` adds the stability figures. Service areas missing from the plan are derived.
public func report(_ plan: Plan, input: PlanInput? = nil, previous: Plan? = nil,
                   progress: ProgressHandler? = nil) async throws -> PlanReport {
    try await runCancellable(progress: progress) { control in
        try control.enter(.project)
        let hh = plan.households
        guard !hh.isEmpty else { throw WanggeError.data("the plan has no households") }
        let relations = try input.map {
            try RelationReader.table(pairs: $0.relations.map { ($0.a, $0.b, $0.weight) }, households: hh)
        }
        let projector = try Projector(longitudes: hh.lon, latitudes: hh.lat,
                                      crs: input?.metricCRS ?? (plan.metadata.crs.isEmpty ? nil : plan.metadata.crs))
        let (x, y) = try projector.project(longitudes: hh.lon, latitudes: hh.lat)
        let barriers = try projector.project(input?.barriers ?? Barriers())
        try WalkingBarriers.checkCrossings(barriers, file: "barriers")
        let boundary = try input?.boundary.map { try projector.project(WalkingBarriers.densified($0)) }
        try control.enter(.graph)
        let graph = try NeighbourGraph.build(x: x, y: y, barriers: barriers, region: WalkingBarriers.region(boundary),
                                             cancellation: control.cancellation)
        let loads = plan.districtLoads()
        let areas: [MultiPolygon]
        if plan.districts.indices.contains(where: { plan.districts[$0].area.isEmpty && loads[$0] > 0 })
            || plan.districts.allSatisfy({ $0.area.isEmpty }) {
            try control.enter(.serviceAreas)
            let sites = (0..<graph.siteCount).map { Point2(graph.x[$0], graph.y[$0]) }
            let clip = try boundary.map { try ClipRegion.covering($0, sites: sites).0 }
            areas = try DerivedServiceAreas.build(graph: graph, assignment: plan.assignment,
                                                  districtCount: plan.districts.count, clip: clip).areas
        } else {
            areas = try plan.districts.map { try projector.project($0.area) }
        }
        try control.enter(.metrics)
        return try PlanReport.compute(plan: plan, x: x, y: y, areas: areas, graph: NeighbourAdjacency(graph),
                                      relations: relations, previous: previous, cancellation: control.cancellation)
    }
}

/// Two plans' figures side by side (`wangge compare`); `render(format:)` prints it.
public func compare(_ a: PlanReport, _ b: PlanReport, titles: (String, String) = ("A", "B")) -> PlanComparison {
    PlanComparison(a, b, titleA: titles.0, titleB: titles.1)
}

/// Links cadres to the plan's districts and work groups (四联, DESIGN section 12): one leader per
/// district, contacts per group within the quotas, nearest first. The outcome's plan carries the
/// links (`leader_phone`, `team`, households' `contact`).
public func link(_ plan: Plan, cadres: [Cadre], options: LinkOptions = LinkOptions()) async throws -> LinkOutcome {
    try await runCancellable(progress: nil) { control in
        try control.cancellation.check()
        let outcome = try LinkPipeline.run(plan: plan, cadres: cadres, options: options, cadresPath: "cadres")
        try control.cancellation.check()
        return outcome
    }
}

/// Samples plans around a start plan with Markov chains (`wangge ensemble`): the start is `start`
/// (matched by household id) or a fresh partition of `input` with `options`. Cancelling stops every
/// chain within a few steps. Progress reports `.read` … `.partition`.
public func ensemble(_ input: PlanInput, options: PartitionOptions = PartitionOptions(),
                     chains ensembleOptions: EnsembleOptions, start: Plan? = nil,
                     progress: ProgressHandler? = nil) async throws -> EnsembleResult {
    try await runCancellable(progress: progress) { control in
        let inputs = try Inputs(input, control: control)
        let setup = try EnsemblePipeline.prepare(inputs, options: options, nest: options.nest, start: start,
                                                 startPath: "the start plan", control: control)
        var o = ensembleOptions
        o.cancellation = control.cancellation
        return try Ensemble.run(setup.graph, start: setup.start, options: o)
    }
}

/// Writes `plan` in the format `path`'s extension names: `.geojson` (RFC 7946, byte-identical for the
/// same plan), `.gpkg` (layers `districts`, `households` and, with `barriers`, `barriers`), `.shp`,
/// `.fgb`. Written to a temporary name and renamed: a failure leaves no partial file.
public func writePlan(_ plan: Plan, to path: String, barriers: Barriers? = nil,
                      progress: ProgressHandler? = nil) async throws {
    try await runCancellable(progress: progress) { control in
        try control.enter(.write)
        try PlanOutput.write(plan, to: path, barriers: barriers)
    }
}

/// The plan as RFC 7946 GeoJSON bytes (what `writePlan` writes to a `.geojson`), for a server's response.
public func geoJSON(_ plan: Plan) -> [UInt8] { PlanWriter.encode(plan) }

/// Reads a plan back from GeoJSON bytes (a stored plan, a hand-edited one); `source` names it in errors.
public func plan(fromGeoJSON bytes: [UInt8], source: String = "plan") throws -> Plan {
    try PlanReader.read(bytes: bytes, path: source)
}

/// Writes the `id,district[,name]` CSV (`excel`: with a byte-order mark for Excel).
public func writeCSV(_ plan: Plan, to path: String, excel: Bool = false) async throws {
    try await runCancellable(progress: nil) { _ in try PlanWriter.writeCSV(plan, to: path, excel: excel) }
}

/// Draws the wall map (DESIGN section 8) as PDF, PNG or SVG by `path`'s extension.
public func writePoster(_ plan: Plan, to path: String, options: PosterOptions = PosterOptions()) async throws {
    try await runCancellable(progress: nil) { _ in _ = try Poster.write(plan, to: path, options: options) }
}

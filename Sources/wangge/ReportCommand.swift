import ArgumentParser
import Wangge
import WanggeModel
import WanggePartition
import WanggeGeometry
import WanggeRender
import WanggeSample
import WanggeLink
import WanggeEnsemble
import WanggeGraph
import WanggeIO
import WanggeMetrics
import WanggeProjection

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Score a plan: balance, contiguity, compactness, cohesion and stability.",
        discussion: """
        Reads a plan written by 'wangge partition' or 'wangge redraw', or any GeoJSON of household Points \
        with a 'district' property. Distances and areas are measured in the metric CRS: --crs, else the \
        plan's own (metric_crs in its "wangge" member), else the UTM zone of the households' centroid. When \
        the file has no district polygons they are built as the partition builds them: Voronoi cells of the \
        household sites dissolved per district, clipped to --boundary or to the default region (the \
        households' buffered points closed into a hull). The neighbour graph for contiguity is the trimmed \
        Delaunay graph of the projected households (minus edges crossing --barriers).

        Formats: 'table' (default; plan summary, then one row per district), 'json' (schema \
        'wangge-report/1', described in the README), 'csv' (one row per district).

        Exit status: 0 done, 64 bad options, 65 bad plan or input data, 66 an input cannot be opened, 73 the \
        output cannot be written (nothing is left behind).

        Examples (run from the directory holding sample-geo/):
          wangge report plan.geojson --relations sample-geo/relations.csv
          wangge report plan-2.geojson --previous plan.geojson \\
            --format json -o report.json
        """)

    @Argument(help: "The plan GeoJSON.")
    var plan: String

    @Option(help: "A previous plan, for core retention, households moved and the district matching.")
    var previous: String?

    @OptionGroup var scoring: ScoringArguments

    @Option(help: "An ensemble CSV from 'wangge ensemble': place each of the plan's figures among its plans (percentiles). Give the same --barriers/--boundary/--relations as the ensemble run.")
    var ensemble: String?

    @Option(help: "With --ensemble: draw one histogram per figure with the plan marked, as DIR/FIGURE.png and DIR/FIGURE.svg.")
    var plot: String?

    @Option(name: .shortAndLong, help: "Write the report to this file (atomically) instead of stdout.")
    var output: String?

    func run() throws {
        Diagnostics.quiet = scoring.quiet
        try reportingErrors {
            let fmt = try scoring.reportFormat()
            guard plot == nil || ensemble != nil else { throw WanggeError.usage("--plot needs --ensemble") }
            let sample = try ensemble.map { try EnsembleSample.read(path: $0) }
            let report = try scoring.scorer.score(planPath: plan, previousPath: previous, ensemble: sample)
            var text = report.render(format: fmt, title: plan)
            if let links = try LinkReportText.links(ofPlanAt: plan) { text = LinkReportText.append(links, to: text, format: fmt) }
            try emit(text, to: output)
            if let dir = plot, let sample, let placements = report.ensemble {
                try SampleWriter.makeDirectory(dir)
                for p in placements {
                    let names = Self.figureNames[p.figure] ?? (p.figure, p.figure, p.figure)
                    for ext in ["png", "svg"] {
                        try EnsembleHistogram.draw(values: sample.values[p.figure] ?? [], mark: p.value, percentile: p.percentile,
                                                   titleChinese: names.0, titleEnglish: names.1 + " — \(sample.rows) ensemble plans",
                                                   axisLabel: names.2, to: "\(dir)/\(p.figure).\(ext)")
                    }
                }
                Diagnostics.progress("wrote \(placements.count) histograms to \(dir)")
            }
        }
    }
}

extension ReportCommand {
    /// Chinese title, English title and axis label of each ensemble figure's histogram.
    static let figureNames: [String: (String, String, String)] = [
        "max_deviation": ("最大负荷偏差", "Max load deviation", "max |load − T| / T"),
        "relation_cut": ("亲属关系切断比例", "Relation weight cut", "fraction of relation weight cut"),
        "dispersion": ("离散度", "Dispersion", "Σ load·d² to district centroid (m²)"),
        "polsby_popper": ("紧凑度（周长面积比代理）", "Polsby-Popper (isoperimetric proxy)", "mean 6√3·π·sites / cut edges²"),
        "cut_edges": ("切断邻接边数", "Cut neighbour edges", "edges between districts"),
        "groups_split": ("被拆分的工作组", "Work groups split", "groups in more than one district"),
        "villages_split": ("被拆分的村", "Villages split", "villages in more than one district"),
    ]
}

/// Options shared by `report` and `compare`: what scoring a plan needs besides the plan.
struct ScoringArguments: ParsableArguments {
    @Option(help: "Relations CSV a,b[,weight] of household ids, for the relation weight cut.")
    var relations: String?

    @Option(help: "Output format: table, json or csv.")
    var format = "table"

    @Option(help: "Metric CRS, e.g. EPSG:32650 (default: the plan's, else the UTM zone of the data).")
    var crs: String?

    @Option(help: "Boundary GeoJSON: clips service areas built for plans without district polygons; neighbours do not connect across it.")
    var boundary: String?

    @Option(help: "Barriers GeoJSON: neighbour edges crossing them do not count for contiguity.")
    var barriers: String?

    @Option(help: "Property holding the work group.")
    var groupField = "group"

    @Option(help: "Property holding the village (nesting unit).")
    var nestField = "village"

    @Flag(name: .shortAndLong, help: "No progress messages.")
    var quiet = false

    func reportFormat() throws -> ReportFormat {
        guard let f = ReportFormat(rawValue: format) else {
            throw WanggeError.usage("--format must be table, json or csv, not '\(format)'")
        }
        return f
    }

    var scorer: PlanScorer {
        PlanScorer(relationsPath: relations, crs: crs, boundaryPath: boundary, barriersPath: barriers,
                   groupField: groupField, villageField: nestField)
    }
}

/// Writes `text` to `path` atomically, or to stdout.
func emit(_ text: String, to path: String?) throws {
    if let path {
        try OutputFile.write(path: path) { try $0.append(text) }
    } else {
        print(text, terminator: "")
    }
}

/// Reads a plan and everything its report needs (relations, previous plan), projects it to the
/// metric CRS, builds missing service areas and the neighbour graph, and computes the report.
/// Shared by `report` and `compare`.
struct PlanScorer {
    var relationsPath: String?
    var crs: String?
    var boundaryPath: String?
    var barriersPath: String?
    var groupField = "group"
    var villageField = "village"

    func score(planPath: String, previousPath: String?, ensemble: EnsembleSample? = nil) throws -> PlanReport {
        let options = PlanReadOptions(groupField: groupField, villageField: villageField)
        Diagnostics.progress("reading \(planPath)")
        let plan = try PlanReader.read(path: planPath, options: options)
        guard !plan.households.isEmpty else {
            throw WanggeError.data("the plan has no households", at: SourceLocation(file: planPath))
        }
        let previous = try previousPath.map { path in
            Diagnostics.progress("reading \(path)")
            return try PlanReader.read(path: path, options: options)
        }
        let relations = try relationsPath.map { try RelationReader.read(path: $0, households: plan.households) }

        let hh = plan.households
        let crsText = crs ?? (plan.metadata.crs.isEmpty ? nil : plan.metadata.crs)
        let projector = try Projector(longitudes: hh.lon, latitudes: hh.lat, crs: crsText)
        Diagnostics.progress("projecting to \(projector.crs.name)")
        let (x, y) = try projector.project(longitudes: hh.lon, latitudes: hh.lat)

        let barriers = try barriersPath.map { path in
            let b = try projector.project(GeometryReader.readBarriers(path: path))
            try WalkingBarriers.checkCrossings(b, file: path)
            return b
        } ?? Barriers()
        let boundary = try boundaryPath.map { try projector.project(WalkingBarriers.densified(GeometryReader.readBoundary(path: $0))) }
        Diagnostics.progress("building the neighbour graph")
        let graph = try NeighbourGraph.build(x: x, y: y, barriers: barriers,
                                             region: WalkingBarriers.region(boundary))

        var areas: [MultiPolygon]
        let loads = plan.districtLoads()
        let missing = plan.districts.indices.contains { plan.districts[$0].area.isEmpty && loads[$0] > 0 }
        if missing || plan.districts.allSatisfy({ $0.area.isEmpty }) {
            let sites = (0..<graph.siteCount).map { Point2(graph.x[$0], graph.y[$0]) }
            let clip = try boundary.map { try ClipRegion.covering($0, sites: sites).0 }
            Diagnostics.progress("building service areas (Voronoi of the household sites, dissolved per district)")
            let built = try DerivedServiceAreas.build(graph: graph, assignment: plan.assignment,
                                                      districtCount: plan.districts.count, clip: clip)
            if built.mixedSites > 0 {
                Diagnostics.warning("\(built.mixedSites) coordinate(s) hold households of different districts; "
                                    + "each goes to its majority district in the service areas")
            }
            areas = built.areas
        } else {
            areas = try plan.districts.map { try projector.project($0.area) }
        }
        Diagnostics.progress("scoring \(plan.districts.count) districts")
        let adjacency = NeighbourAdjacency(graph)
        var report = try PlanReport.compute(plan: plan, x: x, y: y, areas: areas, graph: adjacency,
                                            relations: relations, previous: previous)
        if let ensemble {
            report.place(among: ensemble, polsbyPopperProxy: ContiguityMetrics.isoperimetricProxy(
                assignment: plan.assignment, districtCount: plan.districts.count, graph: adjacency))
        }
        return report
    }
}

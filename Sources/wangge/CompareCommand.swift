import ArgumentParser
import Wangge
import WanggeMetrics

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two plans' quality figures side by side, the better value marked.",
        discussion: """
        Scores both plans as 'wangge report' does and prints one row per plan-level figure: A's value, a
        marker (◀ A better, ▶ B better, = equal), B's value and which direction is better (lower deviation,
        higher Polsby-Popper, …). Rows without a direction (counts, targets) are not marked.

        Example:
          wangge compare plan-metis.geojson plan-wangge.geojson --relations sample-geo/relations.csv
        """)

    @Argument(help: "Plan A (GeoJSON).")
    var planA: String

    @Argument(help: "Plan B (GeoJSON).")
    var planB: String

    @Option(help: "Relations CSV a,b[,weight] of household ids (applied to both plans).")
    var relations: String?

    @Option(help: "Output format: table, json or csv.")
    var format = "table"

    @Option(help: "Metric CRS, e.g. EPSG:32650 (default: each plan's, else the UTM zone of the data).")
    var crs: String?

    @Option(help: "Boundary GeoJSON to clip service areas built for plans without district polygons.")
    var boundary: String?

    @Option(help: "Barriers GeoJSON: neighbour edges crossing them do not count for contiguity.")
    var barriers: String?

    @Option(help: "Property holding the work group.")
    var groupField = "group"

    @Option(help: "Property holding the village (nesting unit).")
    var nestField = "village"

    @Option(name: .shortAndLong, help: "Write the comparison to this file (atomically) instead of stdout.")
    var output: String?

    @Flag(name: .shortAndLong, help: "No progress messages.")
    var quiet = false

    func run() throws {
        Diagnostics.quiet = quiet
        try reportingErrors {
            guard let fmt = ReportFormat(rawValue: format) else {
                throw WanggeError.usage("--format must be table, json or csv, not '\(format)'")
            }
            let scorer = PlanScorer(relationsPath: relations, crs: crs, boundaryPath: boundary, barriersPath: barriers,
                                    groupField: groupField, villageField: nestField)
            let a = try scorer.score(planPath: planA, previousPath: nil)
            let b = try scorer.score(planPath: planB, previousPath: nil)
            try emit(PlanComparison(a, b, titleA: planA, titleB: planB).render(format: fmt), to: output)
        }
    }
}

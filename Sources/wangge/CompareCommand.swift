import ArgumentParser
import Wangge
import WanggeModel
import WanggeIO
import WanggeProjection
import WanggeGraph
import WanggePartition
import WanggeGeometry
import WanggeRender
import WanggeSample
import WanggeLink
import WanggeEnsemble
import WanggeMetrics

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two plans' quality figures side by side, the better value marked.",
        discussion: """
        Scores both plans as 'wangge report' does and prints one row per plan-level figure: A's value, a \
        marker (◀ A better, ▶ B better, = equal), B's value and which direction is better (lower deviation, \
        higher Polsby-Popper, …). Rows without a direction (counts, targets) are not marked.

        Exit status: 0 done, 64 bad options, 65 bad plan or input data, 66 an input cannot be opened, 73 the \
        output cannot be written (nothing is left behind).

        Examples (run from the directory holding sample-geo/):
          wangge compare plan.geojson plan-2.geojson
          wangge compare plan.geojson plan-2.geojson --format csv -o compare.csv
        """)

    @Argument(help: "Plan A (GeoJSON).")
    var planA: String

    @Argument(help: "Plan B (GeoJSON).")
    var planB: String

    @OptionGroup var scoring: ScoringArguments

    @Option(name: .shortAndLong, help: "Write the comparison to this file (atomically) instead of stdout.")
    var output: String?

    func run() throws {
        Diagnostics.quiet = scoring.quiet
        try reportingErrors {
            let fmt = try scoring.reportFormat()
            let scorer = scoring.scorer
            let a = try scorer.score(planPath: planA, previousPath: nil)
            let b = try scorer.score(planPath: planB, previousPath: nil)
            var text = PlanComparison(a, b, titleA: planA, titleB: planB).render(format: fmt)
            if fmt == .table { text += LinkReportText.compare(try LinkReportText.links(ofPlanAt: planA), try LinkReportText.links(ofPlanAt: planB)) }
            try emit(text, to: output)
        }
    }
}

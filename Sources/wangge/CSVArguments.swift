import ArgumentParser
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

/// `--csv FILE` and `--csv-bom` (alias `--excel`), shared by `partition` and `redraw`.
struct CSVArguments: ParsableArguments {
    @Option(help: ArgumentHelp("Also write id,district rows to this CSV file (plus name when labels are given).",
                               valueName: "file"))
    var csv: String?

    @Flag(name: [.customLong("csv-bom"), .customLong("excel")],
          help: "Write the --csv file with a UTF-8 byte order mark and CRLF line ends, so Excel on Windows opens Chinese text right.")
    var bom = false

    func validate() throws {
        if bom && csv == nil { throw ValidationError("--csv-bom (--excel) needs --csv FILE") }
    }

    /// Writes the CSV file when one was asked for.
    func write(_ plan: Plan) throws {
        if let csv { try PlanWriter.writeCSV(plan, to: csv, excel: bom) }
    }
}

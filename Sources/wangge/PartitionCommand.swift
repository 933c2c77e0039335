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

struct PartitionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partition",
        abstract: "Cut households into k balanced, contiguous, compact districts and write the plan.",
        discussion: """
        Reads the households, builds the neighbour graph (trimmed Delaunay, barrier-crossing edges removed), \
        partitions it into k districts within the balance tolerance, keeping work groups whole and related \
        households together, builds each district's service area and writes an RFC 7946 plan file: one \
        feature per district (polygon and figures) and one per household (its district). The service areas \
        tile the boundary exactly: neighbours share their borders vertex for vertex, with no gaps and no \
        overlaps. A summary (loads, worst deviation, splits, time per stage) goes to stdout.

        --csv also writes id,district rows (plus the district's name when labels are given); add --csv-bom \
        (or --excel) for a UTF-8 byte order mark and CRLF line ends, so Excel on Windows shows Chinese text \
        right.

        Exit status: 0 done, 64 bad options, 65 bad input data, 66 an input cannot be opened, 73 an output \
        cannot be written (nothing is left behind).

        Examples (run from the directory holding sample-geo/):
          wangge partition sample-geo/households.geojson -k 21 \\
            --relations sample-geo/relations.csv \\
            --boundary sample-geo/bagongshan-boundary.geojson \\
            --barriers sample-geo/river.geojson \\
            --labels sample-geo/labels.csv \\
            -o plan.geojson --csv plan.csv --excel
        """)

    @OptionGroup var input: InputArguments
    @OptionGroup var partition: PartitionArguments

    @Option(name: .shortAndLong, help: "The plan to write, by extension: .geojson (default), .gpkg (GeoPackage layers), .shp (NAME_districts.shp and NAME_households.shp), .fgb.")
    var output: String

    @OptionGroup var csv: CSVArguments

    @Option(help: "Also write DIR/districts.geojson and DIR/households.geojson (one layer each).")
    var layers: String?

    @Option(help: .hidden)
    var exportGraph: String?

    func run() throws {
        Diagnostics.quiet = input.quiet
        try reportingErrors {
            var inputOptions = input.inputOptions
            inputOptions.labelsPath = partition.labels
            var watch = Stopwatch()
            Diagnostics.progress("reading \(input.households)")
            let inputs = try Inputs.load(inputOptions)
            watch.lap("read + project")
            Diagnostics.progress("partitioning \(inputs.households.count) households into \(partition.partitionOptions.k) districts")
            var result = try PartitionPipeline.run(inputs, options: partition.partitionOptions,
                                                   nest: input.nestField != nil, stopwatch: watch)
            let writeOptions = PlanWriteOptions(groupField: input.groupField, villageField: input.nestField ?? "village")
            try PlanOutput.write(result.plan, to: output, options: writeOptions,
                                 barriers: inputs.barriers.isEmpty ? nil : inputs.barriers)
            if let layers { try PlanOutput.writeLayers(result.plan, directory: layers, options: writeOptions) }
            try csv.write(result.plan)
            if let exportGraph { try GraphExport.writeMETIS(result, inputs: inputs, to: exportGraph) }
            result.stopwatch.lap("write")
            for w in result.warnings { Diagnostics.warning(w) }
            print(PartitionSummary.text(result, crs: inputs.crs.description,
                                        output: PlanOutput.files(for: output).joined(separator: ", ")), terminator: "")
        }
    }
}

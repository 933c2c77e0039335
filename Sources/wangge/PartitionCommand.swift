import ArgumentParser
import Wangge

struct PartitionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partition",
        abstract: "Cut households into k balanced, contiguous, compact districts and write the plan.",
        discussion: """
        Reads the households, builds the neighbour graph (trimmed Delaunay, barrier-crossing edges removed),
        partitions it into k districts within the balance tolerance, keeping work groups whole and related
        households together, builds each district's service area (GEOS) and writes an RFC 7946 plan file:
        one feature per district (polygon and figures) and one per household (its district).
        A summary (loads, worst deviation, splits, time per stage) goes to stdout.

        Example:
          wangge partition sample-geo/households.geojson -o out/plan.geojson -k 21 \\
            --relations sample-geo/relations.csv --boundary sample-geo/bagongshan-boundary.geojson \\
            --barriers sample-geo/river.geojson --labels sample-geo/labels.csv --csv out/plan.csv
        """)

    @OptionGroup var input: InputArguments
    @OptionGroup var partition: PartitionArguments

    @Option(name: .shortAndLong, help: "The plan to write, by extension: .geojson (default), .gpkg (GeoPackage layers), .shp (NAME_districts.shp and NAME_households.shp), .fgb.")
    var output: String

    @Option(help: "Also write DIR/districts.geojson and DIR/households.geojson (one layer each).")
    var layers: String?

    @Option(help: "Also write id,district rows to this CSV file.")
    var csv: String?

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
            if let csv { try PlanWriter.writeCSV(result.plan, to: csv) }
            if let exportGraph { try GraphExport.writeMETIS(result, inputs: inputs, to: exportGraph) }
            result.stopwatch.lap("write")
            for w in result.warnings { Diagnostics.warning(w) }
            print(PartitionSummary.text(result, crs: inputs.crs.description,
                                        output: PlanOutput.files(for: output).joined(separator: ", ")), terminator: "")
        }
    }
}

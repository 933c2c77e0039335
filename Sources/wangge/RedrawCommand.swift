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
import Foundation

struct RedrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redraw",
        abstract: "Re-balance a previous plan after population changes, moving as few households as possible.",
        discussion: """
        Households present in both the new households file and the previous plan (matched by id) keep their \
        district unless a move is needed to restore balance; new households join the district whose previous \
        service area contains them (the nearest area when outside all); households that left simply vanish. \
        Balance is then restored within --tolerance by moving as little load as possible, keeping work \
        groups whole and districts contiguous; when local moves cannot reach the band, a fresh partition of \
        the open districts (matched to the previous ids) is used if it is better balanced.

        District ids are kept; --freeze keeps named districts exactly. -k/--districts other than the \
        previous count removes the lightest districts (their households join neighbouring districts) or adds \
        districts, with ids continuing the sequence (D22, D23…), carved out of the heaviest ones. Core \
        retention, households moved and the per-district loads before and after are printed and written into \
        the plan's "wangge" member.

        Exit status: 0 done, 64 bad options, 65 bad input data or previous plan, 66 an input cannot be \
        opened, 73 an output cannot be written (nothing is left behind).

        Examples (run from the directory holding sample-geo/):
          wangge redraw sample-geo/households-evolved.geojson \\
            --previous plan.geojson -o plan-2.geojson \\
            --boundary sample-geo/bagongshan-boundary.geojson \\
            --barriers sample-geo/river.geojson \\
            --freeze D03,D07
        """)

    @OptionGroup var input: InputArguments
    @OptionGroup var partition: PartitionArguments

    @Option(help: "The previous plan (a plan file written by 'wangge partition' or 'wangge redraw').")
    var previous: String

    @Option(help: "Districts to keep exactly as they are, comma-separated (e.g. D03,D07).")
    var freeze: String?

    @Option(name: .shortAndLong, help: "The plan to write, by extension: .geojson (default), .gpkg (GeoPackage layers), .shp (NAME_districts.shp and NAME_households.shp), .fgb.")
    var output: String

    @OptionGroup var csv: CSVArguments

    @Option(help: "Also write DIR/districts.geojson and DIR/households.geojson (one layer each).")
    var layers: String?

    func run() throws {
        Diagnostics.quiet = input.quiet
        try reportingErrors {
            var watch = Stopwatch()
            Diagnostics.progress("reading \(previous)")
            Diagnostics.progress("reading \(input.households)")
            var inputOptions = input.inputOptions
            inputOptions.labelsPath = partition.labels
            inputOptions.keepUnknownRelationIds = true
            // The previous plan and the new households are read side by side (errors as if in
            // that order): at 10^6 households each takes about as long as a fresh partition's read.
            let planOptions = PlanReadOptions(groupField: input.groupField, villageField: input.nestField ?? "village")
            let (previousPlan, loaded) = try concurrently({ [previous] in try PlanReader.read(path: previous, options: planOptions) },
                                                          { [inputOptions] in try Inputs.load(inputOptions) })
            var inputs = loaded
            if inputs.labels.isEmpty {
                inputs.labels = previousPlan.districts.compactMap(\.label)
            }
            watch.lap("read + project")
            var options = partition.partitionOptions
            options.k = partition.districts ?? previousPlan.districts.count
            let freezeIds = (freeze ?? "").split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            var (result, summary) = try RedrawPipeline.run(inputs, previous: previousPlan, previousPath: previous,
                                                           freeze: freezeIds, options: options,
                                                           nest: input.nestField != nil, stopwatch: watch)
            let writeOptions = PlanWriteOptions(groupField: input.groupField, villageField: input.nestField ?? "village")
            try PlanOutput.write(result.plan, to: output, options: writeOptions,
                                 barriers: inputs.barriers.isEmpty ? nil : inputs.barriers)
            if let layers { try PlanOutput.writeLayers(result.plan, directory: layers, options: writeOptions) }
            try csv.write(result.plan)
            result.stopwatch.lap("write")
            for w in result.warnings { Diagnostics.warning(w) }
            print(PartitionSummary.text(result, crs: inputs.crs.description,
                                        output: PlanOutput.files(for: output).joined(separator: ", ")), terminator: "")
            print(RedrawText.text(summary, ids: result.plan.districts.map(\.id)), terminator: "")
        }
    }
}

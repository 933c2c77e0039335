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


struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the inputs and print a summary (households, members, groups, villages, relations, extent, CRS).",
        discussion: """
        Reads the households (GeoJSON FeatureCollection of Points, or CSV with a header) and the optional \
        relations, boundary and barriers exactly as 'wangge partition' would (same conversions and checks: \
        households outside the boundary, swapped lon/lat, an invalid boundary), and reports the first \
        problem with the file, the feature index (0-based) or line (1-based) and the field. Nothing is \
        written.

        Exit status: 0 when the inputs are usable, 64 bad options, 65 bad data, 66 an input cannot be \
        opened.

        Examples (run from the directory holding sample-geo/):
          wangge validate sample-geo/households.geojson \\
            --relations sample-geo/relations.csv \\
            --boundary sample-geo/bagongshan-boundary.geojson \\
            --barriers sample-geo/river.geojson
          wangge validate sample-geo/households.geojson --balance members
        """)

    @OptionGroup var input: InputArguments

    @Option(name: [.customShort("k"), .customLong("districts")],
            help: "Districts the feasibility figures per barrier-separated part are for (default 21, or fewer when there are fewer households).")
    var districts: Int?

    @Option(help: "Balance tolerance for the feasibility figures (fraction of the target; default 0.05).")
    var tolerance = 0.05

    @Flag(help: "Work groups may be split (the feasibility figures then ignore them).")
    var splitGroups = false

    func run() throws {
        Diagnostics.quiet = input.quiet
        try reportingErrors {
            Diagnostics.progress("reading \(input.households)")
            let options = input.inputOptions
            let inputs = try Inputs.load(options)
            for w in inputs.warnings { Diagnostics.warning(w) }
            let summary = InputSummary(households: inputs.households, balance: options.balance,
                                       relations: options.relationsPath == nil ? nil : inputs.relations,
                                       relationsFile: options.relationsPath, boundary: inputs.boundary,
                                       boundaryFile: options.boundaryPath,
                                       barriers: options.barriersPath == nil ? nil : inputs.barriers,
                                       barriersFile: options.barriersPath,
                                       crs: "\(inputs.crs.definition) (\(inputs.crs.name))")
            print(summary.text, terminator: "")
            let districts = self.districts ?? min(21, inputs.households.count)
            guard districts >= 1, districts <= inputs.households.count else {
                throw WanggeError.usage("-k \(districts): the number of districts must be between 1 and the number of households (\(inputs.households.count))")
            }
            guard tolerance >= 0, tolerance < 1 else { throw WanggeError.usage("--tolerance \(tolerance): must be ≥ 0 and < 1") }
            // Barrier-separated parts of the neighbour graph, with the figures for k districts.
            if options.barriersPath != nil || options.boundaryPath != nil {
                let graph = try inputs.neighbourGraph()
                let parts = PartFeasibility.figures(households: inputs.households, graph: graph, k: districts,
                                                    tolerance: tolerance, splitGroups: splitGroups)
                if parts.isEmpty {
                    print("parts:        1 (the barriers leave the neighbour graph connected)")
                } else {
                    let open = parts.filter(\.balanceable).count
                    print("parts:        \(parts.count) separated by barriers; with \(districts) districts ±\(tolerance * 100)%, "
                          + "\(open)/\(parts.count) can be balanced")
                    for line in PartFeasibility.lines(parts, k: districts, tolerance: tolerance,
                                                      total: inputs.households.loads.reduce(0, +), balance: options.balance) {
                        print("  " + line)
                    }
                }
            }
        }
    }
}

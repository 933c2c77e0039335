import ArgumentParser
import Wangge

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
        }
    }
}

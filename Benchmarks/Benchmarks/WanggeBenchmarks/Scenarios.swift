import Foundation
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

/// One benchmark input (DESIGN section 11): the bundled sample or a synthetic town of `households`
/// households, partitioned into `k` districts.
struct Scenario: Sendable {
    var name: String
    var k: Int
    var directory: String
    /// Synthetic: generate into `directory` when missing (households, seed, districts for the group cap).
    var synthetic: (households: Int, seed: UInt64, districts: Int)?
    /// Iterations and time budget: the large ones run once or twice.
    var maxIterations: Int
    var warmup: Int
    /// Widen the boundary by this many metres after projecting (0: as read). The 10^6 town has sites
    /// within centimetres of the boundary that pass the WGS84 boundary check but fall outside the
    /// projected clip region, and the service-area stage then refuses them (exit 65).
    var boundaryBuffer: Double = 0
    /// The sample layout (`wangge sample --layout`): the city inside the Bagongshan boundary, or a rural
    /// prefecture, clipped to its square (`ruralBoundary`) or to the default region around the households.
    var layout: SampleLayoutKind = .bagongshan
    var ruralBoundary = false

    var inputOptions: InputOptions {
        var o = InputOptions(householdsPath: directory + "/households.geojson")
        o.relationsPath = directory + "/relations.csv"
        o.barriersPath = directory + "/river.geojson"
        switch layout {
        case .bagongshan:
            // Synthetic towns are generated inside the same Bagongshan boundary as the sample.
            o.boundaryPath = Paths.sample + "/bagongshan-boundary.geojson"
        case .rural:
            o.boundaryPath = ruralBoundary ? directory + "/boundary.geojson" : nil
        }
        return o
    }

    var partitionOptions: PartitionOptions {
        var o = PartitionOptions()
        o.k = k
        return o
    }

    /// Synthetic data sets: one per size, generated with the group cap of the largest k used on it
    /// (`wangge sample --districts K` caps work groups at households/(2K), so every k fits).
    static func synthetic(_ n: Int, districts: Int) -> (households: Int, seed: UInt64, districts: Int) {
        (n, 1, districts)
    }

    static let all: [Scenario] = [
        // The bundled sample; generated (seed 1, as `wangge sample --seed 1`) when sample-geo/ lacks it.
        Scenario(name: "sample-1312-k21", k: 21, directory: Paths.sampleData, synthetic: (1312, 1, 21),
                 maxIterations: 20, warmup: 1),
        Scenario(name: "synthetic-1e4-k21", k: 21, directory: Paths.data + "/h10000",
                 synthetic: synthetic(10_000, districts: 21), maxIterations: 5, warmup: 1),
        Scenario(name: "synthetic-1e5-k21", k: 21, directory: Paths.data + "/h100000",
                 synthetic: synthetic(100_000, districts: 300), maxIterations: 3, warmup: 0),
        Scenario(name: "synthetic-1e5-k300", k: 300, directory: Paths.data + "/h100000",
                 synthetic: synthetic(100_000, districts: 300), maxIterations: 3, warmup: 0),
        Scenario(name: "synthetic-1e6-k21", k: 21, directory: Paths.data + "/h1000000",
                 synthetic: synthetic(1_000_000, districts: 3000), maxIterations: 1, warmup: 0),
        Scenario(name: "synthetic-1e6-k3000", k: 3000, directory: Paths.data + "/h1000000",
                 synthetic: synthetic(1_000_000, districts: 3000), maxIterations: 1, warmup: 0),
        // The rural prefecture (`wangge sample --layout rural`), without and with its square as boundary.
        Scenario(name: "rural-1e5-k300", k: 300, directory: Paths.data + "/rural100000",
                 synthetic: synthetic(100_000, districts: 300), maxIterations: 3, warmup: 0, layout: .rural),
        Scenario(name: "rural-1e5-k300-boundary", k: 300, directory: Paths.data + "/rural100000",
                 synthetic: synthetic(100_000, districts: 300), maxIterations: 3, warmup: 0, layout: .rural,
                 ruralBoundary: true),
        Scenario(name: "rural-1e6-k21", k: 21, directory: Paths.data + "/rural1000000",
                 synthetic: synthetic(1_000_000, districts: 3000), maxIterations: 1, warmup: 0, layout: .rural),
        Scenario(name: "rural-1e6-k3000", k: 3000, directory: Paths.data + "/rural1000000",
                 synthetic: synthetic(1_000_000, districts: 3000), maxIterations: 1, warmup: 0, layout: .rural),
        Scenario(name: "rural-1e6-k3000-boundary", k: 3000, directory: Paths.data + "/rural1000000",
                 synthetic: synthetic(1_000_000, districts: 3000), maxIterations: 1, warmup: 0, layout: .rural,
                 ruralBoundary: true),
    ]

    /// Writes the synthetic files with the library's sample generator (the same files as
    /// `wangge sample [--layout rural] --households N --seed S --districts K -o DIR`) when they are missing.
    func prepare() throws {
        guard let s = synthetic,
              !FileManager.default.fileExists(atPath: directory + "/households.geojson") else { return }
        let options = SampleOptions(households: s.households, districts: s.districts, seed: s.seed, layout: layout)
        let generator = try SampleGenerator(options: options,
                                            contains: SampleGenerator.geosContainment(options.boundary))
        try SampleWriter.write(generator.generate(), to: directory)
    }
}

/// Where things are, from this file's location (Benchmarks/Benchmarks/WanggeBenchmarks/…).
enum Paths {
    static let benchmarks: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()
    static let sample = benchmarks + "/../sample-geo"
    static let data = benchmarks + "/data"
    static let sampleData: String = FileManager.default.fileExists(atPath: sample + "/households.geojson")
        ? sample : data + "/sample"
    static let out = benchmarks + "/out"
}

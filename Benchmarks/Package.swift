// swift-tools-version: 6.1
// Wangge benchmarks (DESIGN section 11), kept out of the library's own build: this package depends on
// the root package by path and on ordo-one/benchmark. Run from this directory:
//   swift package --disable-sandbox benchmark
import PackageDescription

let package = Package(
    name: "WanggeBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "Wangge", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Time, peak memory and quality per scenario (sample, synthetic 10^4 … 10^6) and stage.
        .executableTarget(
            name: "WanggeBenchmarks",
            dependencies: [
                .product(name: "Wangge", package: "Wangge"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/WanggeBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // How long a cancelled library `partition` takes to stop (issue 18): Benchmarks/cancel_latency.sh.
        .executableTarget(
            name: "CancelLatency",
            dependencies: [.product(name: "Wangge", package: "Wangge")],
            path: "Benchmarks/CancelLatency"
        ),
    ],
    swiftLanguageModes: [.v6]
)

// swift-tools-version: 6.1
// Wangge (网格): balanced service districts over household locations.
// Data flows one way: read → validate → project → graph → partition → service areas → metrics → write.
import PackageDescription
import Foundation

let package = Package(
    name: "Wangge",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Wangge", targets: ["Wangge"]),
        // The readers and writers on their own (the Fuzz/ package's targets use them).
        .library(name: "WanggeIO", targets: ["WanggeIO"]),
        // The report's figures (the Fuzz/ package's ensemble CSV target reads through it).
        .library(name: "WanggeMetrics", targets: ["WanggeMetrics"]),
        .executable(name: "wangge", targets: ["wangge"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
    ],
    targets: [
        // C libraries from Debian's packages, found through pkg-config.
        .systemLibrary(name: "CGEOS", pkgConfig: "geos", providers: [.apt(["libgeos-dev"])]),
        .systemLibrary(name: "CPROJ", pkgConfig: "proj", providers: [.apt(["libproj-dev"])]),
        .systemLibrary(name: "CGDAL", pkgConfig: "gdal", providers: [.apt(["libgdal-dev"])]),
        .systemLibrary(name: "CCairo", pkgConfig: "pangocairo",
                       providers: [.apt(["libcairo2-dev", "libpango1.0-dev"])]),

        // Pipeline stages. Each imports only what it needs; C stays at the edges.
        .target(name: "WanggeModel"),
        // Own streaming GeoJSON/CSV readers and writers; every other vector format through GDAL/OGR
        // (only the files under WanggeIO/OGR import CGDAL).
        .target(name: "WanggeIO", dependencies: ["WanggeModel", "CGDAL"]),
        .target(name: "WanggeProjection", dependencies: ["WanggeModel", "CPROJ"]),
        .target(name: "WanggeGraph", dependencies: ["WanggeModel"]),
        // Only swift-collections' heap (the largest-remainder allocation): its one module, not the
        // whole Collections umbrella (a dozen modules to compile for nothing).
        .target(name: "WanggePartition", dependencies: [
            "WanggeModel", .product(name: "HeapModule", package: "swift-collections"),
        ]),
        .target(name: "WanggeEnsemble", dependencies: ["WanggeModel", "WanggePartition"]),
        .target(name: "WanggeGeometry", dependencies: ["WanggeModel", "CGEOS"]),
        .target(name: "WanggeMetrics", dependencies: ["WanggeModel", "WanggeIO", "WanggeGeometry", "WanggeGraph", "WanggeEnsemble"]),
        .target(name: "WanggeRender", dependencies: ["WanggeModel", "WanggeGeometry", "CCairo"]),
        .target(name: "WanggeSample", dependencies: ["WanggeModel", "WanggeGeometry", "WanggeProjection"]),
        .target(name: "WanggeLink", dependencies: ["WanggeModel"]),
        .target(name: "Wangge", dependencies: [
            "WanggeModel", "WanggeIO", "WanggeProjection", "WanggeGraph", "WanggePartition",
            "WanggeGeometry", "WanggeMetrics", "WanggeRender", "WanggeSample", "WanggeLink", "WanggeEnsemble",
        ]),
        // The CLI: the umbrella's API plus the stage modules it drives directly.
        .executableTarget(name: "wangge", dependencies: [
            "Wangge", "WanggeModel", "WanggeIO", "WanggeProjection", "WanggeGraph", "WanggePartition",
            "WanggeGeometry", "WanggeMetrics", "WanggeRender", "WanggeSample", "WanggeLink", "WanggeEnsemble",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "WanggeModelTests", dependencies: ["WanggeModel"]),
        .testTarget(name: "WanggeIOTests", dependencies: [
            "WanggeIO", .product(name: "PropertyBased", package: "swift-property-based"),
        ], resources: [.copy("Fixtures")]),
        .testTarget(name: "WanggeProjectionTests", dependencies: ["WanggeProjection"]),
        .testTarget(name: "WanggeGraphTests", dependencies: [
            "WanggeGraph", .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "WanggePartitionTests", dependencies: [
            "WanggePartition", "WanggeGraph",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "WanggeGeometryTests", dependencies: [
            "WanggeGeometry", "WanggeGraph", .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "WanggeLinkTests", dependencies: [
            "WanggeLink", .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "WanggeEnsembleTests", dependencies: [
            "WanggeEnsemble", "WanggePartition", "WanggeGraph", "WanggeModel", "WanggeMetrics",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "WanggeMetricsTests", dependencies: ["WanggeMetrics"]),
        .testTarget(name: "WanggeRenderTests", dependencies: ["WanggeRender"]),
        .testTarget(name: "WanggeSampleTests", dependencies: ["WanggeSample", "WanggeGeometry", "WanggeGraph", "WanggeProjection"]),
        .testTarget(name: "WanggeTests", dependencies: [
            "Wangge", "WanggeModel", "WanggeIO", "WanggeProjection", "WanggeGraph", "WanggePartition",
            "WanggeGeometry", "WanggeMetrics", "WanggeRender", "WanggeSample", "WanggeLink", "WanggeEnsemble", .product(name: "PropertyBased", package: "swift-property-based"),
        ], exclude: ["Fixtures"]),
        // A client of the library: imports only `Wangge` (no @testable, no stage module); holds the
        // README's "Use as a library" example verbatim.
        .testTarget(name: "WanggeClientTests", dependencies: ["Wangge"]),
        .testTarget(name: "CLITests", dependencies: ["WanggeModel"], exclude: ["ReportFixtures"]),
    ],
    swiftLanguageModes: [.v6]
)

// `make docs` (WANGGE_DOCS=1) adds swift-docc-plugin for `swift package generate-documentation`; normal
// builds and `make test` do not resolve or build it.
if ProcessInfo.processInfo.environment["WANGGE_DOCS"] != nil {
    package.dependencies.append(.package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"))
}

// `make test` (WANGGE_OPTIMISE=1) compiles this package's library and CLI targets with -O in the debug
// configuration: the tests, most of which partition real inputs, run several times faster, while the
// test targets and the dependencies stay at -Onone (cheap to compile). @testable imports keep working
// (-enable-testing) and preconditions and overflow checks stay on. Normal builds are unchanged.
if ProcessInfo.processInfo.environment["WANGGE_OPTIMISE"] != nil {
    for target in package.targets where target.type == .regular || target.type == .executable {
        target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(["-O"])]
    }
}

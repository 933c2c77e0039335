// swift-tools-version: 6.1
// Fuzz targets for Wangge's readers (issue 16; DESIGN section 10), kept out of the library's own
// build: this package depends on the root package by path. libFuzzer + AddressSanitizer:
//   swift build --package-path Fuzz --scratch-path .build-fuzz -c debug \
//     -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
// or simply `make fuzz` (FUZZ_SECONDS per target, default 60). See Fuzz/README.md.
//
// Adding a target: a name below and Sources/<Name>/<Name>.swift with one `LLVMFuzzerTestOneInput`;
// seeds in Corpus/<Name>/. `make fuzz` finds it by its directory.
import PackageDescription

let readers = [
    "FuzzJSON",             // the strict JSON scanner: whole document and streamed FeatureCollection
    "FuzzHouseholdsGeoJSON",
    "FuzzHouseholdsCSV",
    "FuzzRelations",
    "FuzzLabels",
    "FuzzCadres",
    "FuzzPlan",             // a previous plan, hand-edited
    "FuzzGeometry",         // boundary and barrier files
    "FuzzQuotas",           // cadre quotas (wangge link --quotas)
    "FuzzPreviousLinks",    // previous household → cadre links (wangge link --previous-links)
]

let package = Package(
    name: "WanggeFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "Wangge", path: "..")],
    targets: [
        .target(name: "Support", dependencies: [.product(name: "WanggeIO", package: "Wangge")]),
        // GDAL's in-memory files for the OGR target (the root's CGDAL is not a product).
        .systemLibrary(name: "CGDALVSI", pkgConfig: "gdal"),
        // KML/GML/GPX through OGR into the household, boundary and barrier readers.
        .executableTarget(name: "FuzzOGRText", dependencies: ["Support", "CGDALVSI"]),
        // The ensemble CSV of `wangge report --ensemble`.
        .executableTarget(name: "FuzzEnsemble", dependencies: ["Support", .product(name: "WanggeMetrics", package: "Wangge")]),
    ] + readers.map {
        .executableTarget(name: $0, dependencies: ["Support", .product(name: "WanggeIO", package: "Wangge")])
    },
    swiftLanguageModes: [.v6]
)

import Foundation
import Wangge

/// Paths of the bundled sample (sample-geo/ at the package root).
enum Sample {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static func path(_ name: String) -> String { root.appendingPathComponent("sample-geo/\(name)").path }

    static func options(households: String = "households.geojson", relations: Bool = true) -> InputOptions {
        var o = InputOptions(householdsPath: path(households))
        if relations { o.relationsPath = path("relations.csv") }
        o.boundaryPath = path("bagongshan-boundary.geojson")
        o.barriersPath = path("river.geojson")
        o.labelsPath = path("labels.csv")
        return o
    }
}

/// A scratch directory removed at the end of a test.
final class TempDir {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "wangge-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    func file(_ name: String, _ text: String) -> String {
        let p = path + "/" + name
        precondition(FileManager.default.createFile(atPath: p, contents: Data(text.utf8)), "cannot write \(p)")
        return p
    }
}

/// Households as a GeoJSON FeatureCollection text.
func householdsGeoJSON(_ points: [(id: String, lon: Double, lat: Double, props: String)]) -> String {
    let features = points.map { p in
        "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[\(p.lon),\(p.lat)]},"
            + "\"properties\":{\"id\":\"\(p.id)\"\(p.props.isEmpty ? "" : "," + p.props)}}"
    }
    return "{\"type\":\"FeatureCollection\",\"features\":[\(features.joined(separator: ",\n"))]}"
}

/// The project's seeded generator, for test inputs.
typealias TestRandom = SplitMix64

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

/// Per service area (metric CRS), the length in metres of barrier line, away from every crossing's
/// disc, that the area straddles: the line is walked in `step` metre steps, and a step counts for an
/// area when the points `offset` metres to its left and to its right both lie in that area (a river
/// that is the border between two areas has different areas on its two sides; a line through an
/// area's interior has the same one). Points within a crossing's radius are skipped, and so are
/// points outside every area (beyond the region).
func barrierLengthInside(_ areas: [MultiPolygon], barriers: Barriers, step: Double = 2, offset: Double = 0.25) throws -> [Double] {
    let context = GeometryContext()
    let prepared = try areas.map { try PreparedGeometry(context.multiPolygon($0)) }
    let boxes = try areas.map { try context.multiPolygon($0).bounds() }
    func owner(_ x: Double, _ y: Double) throws -> Int? {
        for (d, p) in prepared.enumerated() {
            guard let b = boxes[d], x >= b.minX, x <= b.maxX, y >= b.minY, y <= b.maxY else { continue }
            if try p.covers(x: x, y: y) { return d }
        }
        return nil
    }
    var inside = [Double](repeating: 0, count: areas.count)
    for line in barriers.lines {
        for (a, b) in zip(line, line.dropFirst()) {
            let dx = b.x - a.x, dy = b.y - a.y, length = (dx * dx + dy * dy).squareRoot()
            guard length > 0 else { continue }
            let nx = -dy / length * offset, ny = dx / length * offset
            var t = step / 2
            while t < length {
                let x = a.x + dx * t / length, y = a.y + dy * t / length
                t += step
                if barriers.crossings.contains(where: { ($0.position.x - x) * ($0.position.x - x) + ($0.position.y - y) * ($0.position.y - y) <= $0.radius * $0.radius }) { continue }
                if let left = try owner(x + nx, y + ny), let right = try owner(x - nx, y - ny), left == right {
                    inside[left] += step
                }
            }
        }
    }
    return inside
}

/// A plan file's service areas and a barriers file, both in the plan's metric CRS.
func metricAreasAndBarriers(plan path: String, barriers barriersPath: String) throws -> ([MultiPolygon], Barriers) {
    let plan = try PlanReader.read(path: path)
    let projector = try Projector(crs: MetricCRS.named(plan.metadata.crs))
    let areas = try plan.districts.map { try projector.project($0.area) }
    let barriers = try projector.project(GeometryReader.readBarriers(path: barriersPath))
    return (areas, barriers)
}

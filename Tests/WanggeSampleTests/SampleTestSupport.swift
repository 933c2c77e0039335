import Foundation
import WanggeGeometry
import WanggeModel
@testable import WanggeSample

/// GEOS checks, independent of the generator's own shortcuts.
final class BoundaryCheck {
    let context = GeometryContext()
    let polygon: Geometry
    let prepared: PreparedGeometry

    init(_ boundary: Polygon = BagongshanBoundary.polygon) throws {
        polygon = try context.polygon(boundary)
        prepared = try PreparedGeometry(polygon)
    }

    func contains(_ lon: Double, _ lat: Double) throws -> Bool { try prepared.contains(x: lon, y: lat) }
}

/// The default sample, generated once per test process.
enum Fixture {
    static let base: SyntheticSample = try! generator().generate()
    static let evolved: EvolvedSample = try! generator().evolve(base)

    static func generator(_ options: SampleOptions = SampleOptions()) throws -> SampleGenerator {
        try SampleGenerator(options: options, contains: SampleGenerator.geosContainment(BagongshanBoundary.polygon))
    }
}

/// Metres between two WGS84 points (equirectangular; fine over a district).
func metres(_ a: Point2, _ b: Point2) -> Double {
    let k = cos((a.y + b.y) / 2 * .pi / 180)
    return hypot((a.x - b.x) * k, a.y - b.y) * 111_195
}

func metresToPolyline(_ p: Point2, _ line: [Point2]) -> Double {
    var best = Double.infinity
    let k = cos(p.y * .pi / 180)
    func local(_ q: Point2) -> (Double, Double) { ((q.x - p.x) * k * 111_195, (q.y - p.y) * 111_195) }
    for i in 1..<line.count {
        let (ax, ay) = local(line[i - 1]), (bx, by) = local(line[i])
        let dx = bx - ax, dy = by - ay
        let t = max(0, min(1, -(ax * dx + ay * dy) / max(dx * dx + dy * dy, 1e-12)))
        best = min(best, hypot(ax + t * dx, ay + t * dy))
    }
    return best
}

func temporaryDirectory(_ name: String) -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wangge-sample-tests-\(getpid())-\(name)").path
    try? FileManager.default.removeItem(atPath: dir)
    return dir
}

func readCSV(_ path: String) throws -> [[String]] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    return text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
}

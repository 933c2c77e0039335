import Foundation
import Testing

/// Bad crossings and households inside polygon barriers are data errors (exit 65) naming the
/// barriers file and the feature, and leave no output.
@Suite struct CrossingCLITests {
    let dir = Scratch()

    private func point(_ lon: Double, _ lat: Double, _ props: String) -> String {
        "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[\(lon),\(lat)]},\"properties\":{\(props)}}"
    }

    private func collection(_ features: [String]) -> String {
        "{\"type\":\"FeatureCollection\",\"features\":[\n" + features.joined(separator: ",\n") + "\n]}\n"
    }

    private var households: String {
        collection((0..<8).map { i in
            point(116.80 + (i < 4 ? -0.004 : 0.004), 32.60 + 0.001 * Double(i % 4), "\"id\":\(i + 1)")
        })
    }

    private let river = #"{"type":"Feature","geometry":{"type":"LineString","coordinates":[[116.8,32.59],[116.8,32.62]]},"properties":{"kind":"river"}}"#

    private func run(_ barriers: [String]) throws -> (CLI.Result, String, String) {
        let h = dir.file("households.geojson", households)
        let b = dir.file("barriers.geojson", collection(barriers))
        let out = dir.path + "/plan.geojson"
        let result = try CLI.run(["partition", h, "-k", "2", "--barriers", b, "-o", out, "-q"])
        return (result, b, out)
    }

    @Test func aCrossingOnTheRiverIsAccepted() throws {
        let (result, _, out) = try run([river, point(116.8, 32.601, #""kind":"crossing","name":"东桥""#)])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: out))
    }

    @Test func aCrossingAwayFromEveryBarrierExits65() throws {
        // 0.01° of longitude ≈ 940 m east of the river.
        let (result, b, out) = try run([river, point(116.81, 32.60, #""kind":"crossing","name":"远桥""#)])
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(b): feature 1: field 'geometry': crossing '远桥' is 9"), "\(result.stderr)")
        #expect(result.stderr.contains("farther than its radius of 60 m"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func aBadRadiusExits65() throws {
        for radius in ["0", "-20", "\"wide\""] {
            let (result, b, out) = try run([river, point(116.8, 32.60, "\"kind\":\"crossing\",\"radius\":\(radius)")])
            #expect(result.status == 65)
            #expect(result.stderr.contains("\(b): feature 1: field 'radius': a crossing's radius must be a number of metres > 0"),
                    "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out))
        }
    }

    @Test func aHouseholdInsideAPolygonBarrierExits65() throws {
        let lake = #"{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[116.8035,32.5995],[116.8045,32.5995],[116.8045,32.6005],[116.8035,32.6005],[116.8035,32.5995]]]},"properties":{"kind":"lake"}}"#
        let (result, b, out) = try run([river, lake])
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(b): feature 1: field 'geometry': 1 household(s) stand inside this polygon barrier"),
                "\(result.stderr)")
        #expect(result.stderr.contains("5 ("))
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}

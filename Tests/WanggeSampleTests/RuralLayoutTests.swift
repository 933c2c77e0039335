import Foundation
import Testing
import WanggeModel
@testable import WanggeSample

/// `wangge sample --layout rural`: a prefecture-sized square of villages of hamlets, never a city.
@Suite struct RuralLayoutTests {
    static let options = SampleOptions(households: 6_000, districts: 30, seed: 2, layout: .rural)
    static let sample: SyntheticSample = try! SampleGenerator(
        options: options, contains: SampleGenerator.geosContainment(options.boundary)).generate()

    @Test func theSquareScalesWithTheHouseholdsAndHoldsThemAll() throws {
        let ring = Self.options.boundary.exterior
        #expect(ring.count == 5 && ring.first == ring.last)
        // 140 km a side at 10^6 households: √(6000 / 10^6) × 140 km ≈ 10.84 km at 6000.
        let side = metres(ring[0], ring[1]), expected = 140_000 * (0.006).squareRoot()
        #expect(abs(side - expected) < 0.01 * expected, "side \(side) m")
        #expect(abs(metres(ring[1], ring[2]) - expected) < 0.01 * expected)
        let check = try BoundaryCheck(Self.options.boundary)
        let t = Self.sample.households
        #expect(t.count == 6_000)
        #expect(try (0..<t.count).allSatisfy { try check.contains(t.lon[$0], t.lat[$0]) })
    }

    @Test func villagesOfAboutTwelveHamletsAndLoneFarmsteads() throws {
        #expect(!Self.options.isCity)
        #expect(!SampleOptions(households: 1_000_000, layout: .rural).isCity, "never a city, whatever the count")
        #expect(SampleOptions(households: 1_000_000).isCity)
        let t = Self.sample.households
        let groups = Self.options.groupCount
        #expect(t.groupNames.count == groups)
        #expect(t.villageNames.count == Int((Double(groups) / 12).rounded()))
        // Houses cluster around their hamlet; a few farmsteads stand well apart (> 100 m) from it.
        var sumLon = [Double](repeating: 0, count: groups), sumLat = sumLon, count = sumLon
        for i in 0..<t.count { let g = Int(t.group[i]); sumLon[g] += t.lon[i]; sumLat[g] += t.lat[i]; count[g] += 1 }
        var far = 0, near = 0
        for i in 0..<t.count {
            let g = Int(t.group[i])
            let d = metres(Point2(t.lon[i], t.lat[i]), Point2(sumLon[g] / count[g], sumLat[g] / count[g]))
            if d > 100 { far += 1 } else if d < 60 { near += 1 }
        }
        #expect(far > 0 && far < t.count / 10, "\(far) far houses")
        #expect(near > t.count * 3 / 4, "\(near) houses within 60 m of their hamlet's centre")
        // The river crosses the square and no house stands within 20 m of it.
        let river = Self.sample.river
        #expect(river.count > 10)
        #expect((0..<t.count).allSatisfy { metresToPolyline(Point2(t.lon[$0], t.lat[$0]), river) >= 20 })
    }

    @Test func theSameSeedWritesTheSameFilesWithTheSquare() throws {
        var written: [[String: Data]] = []
        for run in 0..<2 {
            let dir = temporaryDirectory("rural-\(run)")
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let generator = try SampleGenerator(options: Self.options,
                                                contains: SampleGenerator.geosContainment(Self.options.boundary))
            let paths = try SampleWriter.write(generator.generate(), to: dir)
            #expect(paths.last?.hasSuffix("/boundary.geojson") == true)
            var files: [String: Data] = [:]
            for p in paths { files[(p as NSString).lastPathComponent] = try Data(contentsOf: URL(fileURLWithPath: p)) }
            written.append(files)
        }
        #expect(written[0] == written[1])
        let boundary = try JSONSerialization.jsonObject(with: written[0]["boundary.geojson"]!) as! [String: Any]
        let feature = (boundary["features"] as! [[String: Any]])[0]
        let geometry = feature["geometry"] as! [String: Any]
        #expect(geometry["type"] as? String == "Polygon")
        #expect(((geometry["coordinates"] as! [[[Double]]])[0]).count == 5)
    }
}

import Foundation
import Testing
import WanggeModel
@testable import WanggeSample

@Suite struct SampleFilesTests {
    static let names = ["households.geojson", "relations.csv", "river.geojson", "cadres.csv", "labels.csv",
                        "households-evolved.geojson"]

    func write(seed: UInt64, to name: String) throws -> String {
        let generator = try Fixture.generator(SampleOptions(seed: seed))
        let sample = generator.generate()
        let dir = temporaryDirectory(name)
        try SampleWriter.write(sample, evolved: generator.evolve(sample), to: dir)
        return dir
    }

    @Test func sameSeedSameBytesOtherSeedOtherBytes() throws {
        let a = try write(seed: 5, to: "a"), b = try write(seed: 5, to: "b"), c = try write(seed: 6, to: "c")
        defer { for d in [a, b, c] { try? FileManager.default.removeItem(atPath: d) } }
        for name in Self.names {
            let da = try Data(contentsOf: URL(fileURLWithPath: "\(a)/\(name)"))
            let db = try Data(contentsOf: URL(fileURLWithPath: "\(b)/\(name)"))
            #expect(da == db, "\(name) differs between two runs with the same seed")
        }
        for name in ["households.geojson", "relations.csv", "river.geojson", "cadres.csv"] {
            let da = try Data(contentsOf: URL(fileURLWithPath: "\(a)/\(name)"))
            let dc = try Data(contentsOf: URL(fileURLWithPath: "\(c)/\(name)"))
            #expect(da != dc, "\(name) is the same for seeds 5 and 6")
        }
        // No temporary files are left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: a).sorted() == Self.names.sorted())
    }

    @Test func filesHaveTheDocumentedShape() throws {
        let dir = try write(seed: 1, to: "shape")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/households.geojson"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["type"] as? String == "FeatureCollection" && json["crs"] == nil)
        let features = try #require(json["features"] as? [[String: Any]])
        #expect(features.count == 1312)
        let properties = try #require(features[0]["properties"] as? [String: Any])
        #expect(Set(properties.keys) == ["id", "members", "group", "village"])
        let text = String(decoding: data, as: UTF8.self)
        let line = text.split(separator: "\n")[1]
        #expect(line.contains(#/"coordinates":\[116\.\d{7},32\.\d{7}\]/#))

        let relations = try readCSV("\(dir)/relations.csv")
        #expect(relations[0] == ["a", "b", "weight"])
        let ids = Set(Fixture.base.households.ids)
        #expect(relations.dropFirst().allSatisfy { ids.contains($0[0]) && ids.contains($0[1]) && Double($0[2])! > 0 })

        let cadres = try readCSV("\(dir)/cadres.csv")
        #expect(cadres[0] == ["id", "name", "role", "lon", "lat", "village", "phone"] && cadres.count == 156)
        #expect(Set(cadres.dropFirst().map { $0[2] }) == Set(CadreRole.allCases.map(\.rawValue)))
        let labels = try readCSV("\(dir)/labels.csv")
        #expect(labels[0] == ["district", "name", "leader", "phone"] && labels.count == 22)

        let river = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(dir)/river.geojson"))) as? [String: Any]
        let geometry = ((river?["features"] as? [[String: Any]])?[0]["geometry"]) as? [String: Any]
        #expect(geometry?["type"] as? String == "LineString")
    }

    @Test func unwritableOutputIsCannotCreateAndLeavesNothing() throws {
        let dir = temporaryDirectory("blocked")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A directory where the file should go makes the final rename fail.
        try FileManager.default.createDirectory(atPath: "\(dir)/households.geojson/x", withIntermediateDirectories: true)
        let error = #expect(throws: WanggeError.self) { try SampleWriter.write(Fixture.base, to: dir) }
        #expect(error?.status == .cannotCreate && error?.location.file == "\(dir)/households.geojson")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["households.geojson"])
        // An output "directory" that is a file.
        let file = "\(dir)/plain"
        #expect(FileManager.default.createFile(atPath: file, contents: Data("x".utf8)))
        let e2 = #expect(throws: WanggeError.self) { try SampleWriter.write(Fixture.base, to: "\(file)/sub") }
        #expect(e2?.status == .cannotCreate)
    }
}

@Suite struct CommittedSampleTests {
    /// `sample-geo/` in this repository, as its README says it was made: `wangge sample --seed 1 --evolve`.
    @Test func committedSampleIsReproducibleFromItsSeed() throws {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let generator = try Fixture.generator(SampleOptions(seed: 1))
        let sample = generator.generate()
        let dir = temporaryDirectory("committed")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try SampleWriter.write(sample, evolved: generator.evolve(sample), to: dir)
        for name in SampleFilesTests.names {
            let fresh = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/\(name)"))
            let committed = try Data(contentsOf: repo.appendingPathComponent("sample-geo/\(name)"))
            #expect(fresh == committed, "sample-geo/\(name) is not what `wangge sample --seed 1 --evolve` writes")
        }
    }
}

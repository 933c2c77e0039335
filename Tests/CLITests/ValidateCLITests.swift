import Foundation
import Testing

@Suite struct ValidateCLITests {
    let dir = Scratch()

    private func households(_ features: [String]) -> String {
        "{\"type\":\"FeatureCollection\",\"features\":[\n" + features.joined(separator: ",\n") + "\n]}\n"
    }

    private func point(_ lon: Double, _ lat: Double, _ props: String) -> String {
        "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[\(lon),\(lat)]},\"properties\":{\(props)}}"
    }

    private var goodHouseholds: String {
        households([
            point(116.85, 32.64, #""id":1,"members":3,"group":"G1","village":"东村""#),
            point(116.86, 32.65, #""id":2,"members":2,"group":"G1","village":"东村""#),
            point(116.87, 32.66, #""id":"h3","group":"G2","village":"西村","note":"x""#),
        ])
    }

    @Test func validatePrintsASummary() throws {
        let h = dir.file("households.geojson", goodHouseholds)
        let r = dir.file("relations.csv", "a,b,weight\n1,2,2\n2,h3,1\n")
        let b = dir.file("boundary.geojson", #"{"type":"Polygon","coordinates":[[[116.8,32.6],[116.9,32.6],[116.9,32.7],[116.8,32.7],[116.8,32.6]]]}"#)
        let result = try CLI.run(["validate", h, "--relations", r, "--boundary", b, "-q"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("households:") && $0.contains(" 3 ") && $0.contains(h) })
        #expect(lines.contains { $0.hasPrefix("members:") && $0.hasSuffix(" 6") })
        #expect(lines.contains { $0.hasPrefix("groups:") && $0.hasSuffix(" 2") })
        #expect(lines.contains { $0.hasPrefix("villages:") && $0.hasSuffix(" 2") })
        #expect(lines.contains { $0.hasPrefix("relations:") && $0.contains(" 2, total weight 3") })
        #expect(lines.contains { $0.hasPrefix("bounding box:") && $0.contains("lon 116.85 … 116.87, lat 32.64 … 32.66") })
        #expect(lines.contains { $0.hasPrefix("boundary:") && $0.contains("1 polygon") })
        #expect(result.stderr.isEmpty)
    }

    @Test func validateReadsCSVWithCustomColumns() throws {
        let h = dir.file("h.csv", "id,x,y,team\na,116.85,32.64,t1\nb,116.86,32.65,t2\n")
        let result = try CLI.run(["validate", h, "--lon-field", "x", "--lat-field", "y", "--group-field", "team", "-q"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("households:") && result.stdout.contains("groups:       2"))
    }

    @Test func missingInputExits66() throws {
        let missing = dir.path + "/absent.geojson"
        let result = try CLI.run(["validate", missing])
        #expect(result.status == 66)
        #expect(result.stderr.contains("wangge: error: \(missing): cannot open input"))
        #expect(result.stdout.isEmpty)
    }

    @Test func malformedJSONExits65WithPositionAndLeavesNothing() throws {
        let h = dir.file("bad.geojson", "{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\" \"geometry\":null}]}")
        let before = dir.listing
        let result = try CLI.run(["validate", h], in: dir.path)
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(h): line 2: malformed JSON at line 2, column 19"), "\(result.stderr)")
        #expect(dir.listing == before)
    }

    @Test func duplicateIdExits65NamingBothFeatures() throws {
        let h = dir.file("dup.geojson", households([point(1, 2, #""id":1"#), point(1, 2, #""id":2"#), point(1, 2, #""id":1"#)]))
        let result = try CLI.run(["validate", h])
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(h): feature 2: field 'id': duplicate id \"1\": also used by feature 0"), "\(result.stderr)")
    }

    @Test func unknownRelationIdsExit65WithLines() throws {
        let h = dir.file("households.geojson", goodHouseholds)
        let r = dir.file("rel.csv", "1,2\n1,ghost\nspecter,2\n")
        let result = try CLI.run(["validate", h, "--relations", r])
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(r): line 2: field 'b': 2 unknown household ids"), "\(result.stderr)")
        #expect(result.stderr.contains("\"ghost\" (line 2), \"specter\" (line 3)"))
    }

    @Test func helpHasAnExampleAndBadOptionsExit64() throws {
        let help = try CLI.run(["validate", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Examples") && help.stdout.contains("wangge validate "))
        let bad = try CLI.run(["validate"])
        #expect(bad.status == 64)
    }
}

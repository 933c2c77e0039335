import Foundation
import Testing
@testable import WanggeIO
import WanggeModel

@Suite struct HouseholdReaderTests {
    @Test func readsGeoJSONHouseholdsWithTheirProperties() throws {
        let path = Fixture.path("households.geojson")
        let t = try HouseholdReader.read(path: path)
        #expect(t.count == 5)
        #expect(t.sourceName == path)
        #expect(t.ids == ["1", "h-2", "123456789012345678901234567890", "top-4", "5"])
        #expect(t.idIsNumber == [true, false, true, false, true])
        #expect(t.lon[0] == 116.8501234 && t.lat[0] == 32.6401234)
        #expect(t.lon[4] == -0.5 && t.lat[4] == -1e-7)
        #expect(t.members == [3, 2, 1, 5, 1])
        #expect(t.groupNames == ["G01", "G02", "7"])
        #expect(t.group == [0, 0, 1, 2, -1])
        #expect(t.villageNames == ["东村", "西村"])
        #expect(t.village == [0, 0, 1, -1, -1])
        #expect(t.sourceIndex == [0, 1, 2, 3, 4])
        #expect(t.weight == nil)
        // Other properties pass through in order, as canonical JSON, unicode unescaped.
        #expect(t.extra[0] == #""head":"张三","year":1987,"tags":["a",{"b":null}]"#)
        #expect(t.extra[1] == #""note":"say \"hi\"\né😀""#)
        #expect(t.extra[2] == #""area":1.50"#)
        #expect(t.extra[3] == #""empty":{}"#)
        #expect(t.extra[4] == "")
    }

    @Test func readsCSVWithQuotingAndKeepsOtherColumnsAsStrings() throws {
        let t = try HouseholdReader.read(path: Fixture.path("households.csv"))
        #expect(t.ids == ["1", "h-2", "0042", "99999999999999999999"])
        // Leading zeros and ids beyond double precision stay strings.
        #expect(t.idIsNumber == [true, false, false, false])
        #expect(t.members == [3, 2, 1, 4])
        #expect(t.groupNames == ["G01", "G02"])
        #expect(t.group == [0, 0, 1, -1])
        #expect(t.village == [0, 0, 1, -1])
        #expect(t.sourceIndex == [2, 3, 5, 6]) // 1-based lines; record 2 spans lines 3–4
        #expect(t.extra[0] == #""head":"张三","remark":"plain""#)
        #expect(t.extra[1] == #""head":"Li, Si","remark":"say \"hi\"\non two lines""#)
        #expect(t.extra[2] == #""head":"王五","remark":"""#)
        #expect(t.extra[3] == #""head":"","remark":"1.50""#)
    }

    @Test func csvWithBOMAndCRLFAndCustomFields() throws {
        let dir = TempDir()
        let text = "\u{FEFF}code,x,y,members,team,zone,size\r\n\"a\",10.5,20.25,2,t1,z1,3.5\r\n\r\nb,11,21,1,t2,z1,0\r\n"
        let p = dir.file("h.txt", text)
        let options = HouseholdReadOptions(groupField: "team", villageField: "zone", lonField: "x", latField: "y", balance: "size")
        // No id column: an error naming the header line and field.
        let e = expectError { _ = try HouseholdReader.read(path: p, options: options) }
        #expect(e?.location == WanggeModel.SourceLocation(file: p, line: 1, field: "id"))
        let p2 = dir.file("h2.txt", text.replacingOccurrences(of: "code,", with: "id,"))
        let t = try HouseholdReader.read(path: p2, options: options)
        #expect(t.ids == ["a", "b"])
        #expect(t.lon == [10.5, 11] && t.lat == [20.25, 21])
        #expect(t.groupNames == ["t1", "t2"] && t.villageNames == ["z1"])
        #expect(t.weight == [3.5, 0])
        #expect(t.sourceIndex == [2, 4])
        #expect(t.extra == [#""size":"3.5""#, #""size":"0""#])
    }

    @Test func balanceByMembersAndByAProperty() throws {
        let path = Fixture.path("households.geojson")
        let byMembers = try HouseholdReader.read(path: path, options: HouseholdReadOptions(balance: "members"))
        #expect(byMembers.weight == [3, 2, 1, 5, 1])
        let dir = TempDir()
        let p = dir.file("w.geojson", collection([point(1, 2, #""id":1,"area":2.5"#), point(1, 3, #""id":2,"area":0"#)]))
        let t = try HouseholdReader.read(path: p, options: HouseholdReadOptions(balance: "area"))
        #expect(t.weight == [2.5, 0])
        #expect(t.extra == [#""area":2.5"#, #""area":0"#])
    }

    @Test func formatIsSniffedWithoutAKnownExtension() throws {
        let dir = TempDir()
        let j = dir.file("data", collection([point(1, 2, #""id":"x""#)]))
        #expect(try HouseholdReader.read(path: j).ids == ["x"])
        let c = dir.file("data2", "id,lon,lat\ny,1,2\n")
        #expect(try HouseholdReader.read(path: c).ids == ["y"])
        #expect(HouseholdReader.detectFormat(path: "a/b.GeoJSON", bytes: []) == .geojson)
        #expect(HouseholdReader.detectFormat(path: "a.b/c.csv", bytes: Array("{".utf8)) == .csv)
    }

    @Test func laterStagesCanNameAHouseholdsSource() throws {
        let json = try HouseholdReader.read(path: Fixture.path("households.geojson"))
        #expect(HouseholdReader.location(ofHousehold: 3, in: json, field: "geometry")
                == WanggeModel.SourceLocation(file: json.sourceName, feature: 3, field: "geometry"))
        let csv = try HouseholdReader.read(path: Fixture.path("households.csv"))
        #expect(HouseholdReader.location(ofHousehold: 2, in: csv) == WanggeModel.SourceLocation(file: csv.sourceName, line: 5))
        let dir = TempDir()
        let sniffed = try HouseholdReader.read(path: dir.file("noext", "id,lon,lat\na,1,2\nb,1,3\n"))
        #expect(HouseholdReader.location(ofHousehold: 1, in: sniffed).line == 3)
    }

    @Test func projectedCoordinatesPassWhenRangeCheckIsOff() throws {
        let dir = TempDir()
        let p = dir.file("utm.geojson", collection([point(500000, 3600000, #""id":1"#)]))
        let e = expectError { _ = try HouseholdReader.read(path: p) }
        #expect(e?.message.contains("--input-crs") == true)
        let t = try HouseholdReader.read(path: p, options: HouseholdReadOptions(checkCoordinateRange: false))
        #expect(t.lon == [500000] && t.lat == [3600000])
    }

    @Test func streamsManyFeaturesInOrder() throws {
        let dir = TempDir()
        let n = 5000
        let features = (0..<n).map { i in point(100 + Double(i) * 1e-4, 30, "\"id\":\(i),\"members\":\(1 + i % 4),\"group\":\"g\(i / 10)\"") }
        let t = try HouseholdReader.read(path: dir.file("many.geojson", collection(features)))
        #expect(t.count == n)
        #expect(t.ids == (0..<n).map(String.init))
        #expect(t.groupNames.count == n / 10)
        #expect(t.totalMembers == (0..<n).reduce(0) { $0 + 1 + $1 % 4 })
    }
}

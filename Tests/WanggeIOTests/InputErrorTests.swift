import Foundation
import Testing
@testable import WanggeIO
import WanggeModel

/// DESIGN section 10: every bad input gets a message naming the file, the feature index or line,
/// and the field, and the right exit status.
@Suite struct InputErrorTests {
    let dir = TempDir()

    private func readJSON(_ text: String, name: String = "households.geojson", options: HouseholdReadOptions = HouseholdReadOptions()) -> (WanggeError?, String) {
        let p = dir.file(name, text)
        return (expectError { _ = try HouseholdReader.read(path: p, options: options) }, p)
    }

    private func readCSV(_ text: String, name: String = "households.csv") -> (WanggeError?, String) {
        let p = dir.file(name, text)
        return (expectError { _ = try HouseholdReader.read(path: p) }, p)
    }

    private func expectAt(_ e: WanggeError?, file: String, feature: Int? = nil, line: Int? = nil, field: String? = nil,
                          _ words: String, status: WanggeModel.ExitStatus = .dataError,
                          sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        guard let e else { return }
        #expect(e.status == status, sourceLocation: sourceLocation)
        #expect(e.location == WanggeModel.SourceLocation(file: file, feature: feature, line: line, field: field),
                "\(e)", sourceLocation: sourceLocation)
        #expect(e.message.contains(words), "\(e)", sourceLocation: sourceLocation)
        // The user-visible text starts with the place.
        #expect(e.description.hasPrefix(file), sourceLocation: sourceLocation)
        if let feature { #expect(e.description.contains("feature \(feature)"), sourceLocation: sourceLocation) }
        if let line { #expect(e.description.contains("line \(line)"), sourceLocation: sourceLocation) }
        if let field { #expect(e.description.contains("field '\(field)'"), sourceLocation: sourceLocation) }
    }

    @Test func missingFileIsNoInput() {
        let p = dir.path + "/nope.geojson"
        let e = expectError { _ = try HouseholdReader.read(path: p) }
        expectAt(e, file: p, "cannot open", status: .noInput)
        let d = expectError { _ = try HouseholdReader.read(path: dir.path) }
        expectAt(d, file: dir.path, "cannot open", status: .noInput)
    }

    @Test func malformedJSONNamesLineAndColumn() {
        let (e, p) = readJSON("{\"type\":\"FeatureCollection\",\"features\":[\n" + point(1, 2, #""id":1"#) + ",\n"
                              + #"{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"id":2,}}"# + "\n]}")
        expectAt(e, file: p, line: 3, "malformed JSON at line 3, column 88")
    }

    @Test func malformedCSVNamesTheLine() {
        let (q, p1) = readCSV("id,lon,lat\n1,1,2\n\"2,1,2\n3,1,2\n", name: "unterminated.csv")
        expectAt(q, file: p1, line: 3, "unterminated quoted field")
        let (m, p2) = readCSV("id,lon,lat\n1,1,2\n2,1\"x,2\n", name: "quote.csv")
        expectAt(m, file: p2, line: 3, "malformed CSV at line 3, column 4")
        let (c, p3) = readCSV("id,lon,lat\n1,1,2\n2,1,2,9\n", name: "count.csv")
        expectAt(c, file: p3, line: 3, "expected 3 fields as in the header, got 4")
        let (d, p5) = readCSV("id,lon,lat,note,note\n1,1,2,a,b\n", name: "twice.csv")
        expectAt(d, file: p5, line: 1, field: "note", "the header names column 'note' twice")
        let (a, p4) = readCSV("id,lon,lat\n\"1\"x,1,2\n", name: "after.csv")
        expectAt(a, file: p4, line: 2, "after a closing quote")
    }

    @Test func notAFeatureCollection() {
        let (f, p1) = readJSON(point(1, 2, #""id":1"#), name: "feature.geojson")
        expectAt(f, file: p1, "not a GeoJSON FeatureCollection: \"type\" is \"Feature\"")
        let (a, p2) = readJSON("[1,2]", name: "array.geojson")
        expectAt(a, file: p2, "the top level is an array")
        let (n, p3) = readJSON(#"{"type":"FeatureCollection"}"#, name: "nofeatures.geojson")
        expectAt(n, file: p3, "no \"features\" array")
        let (o, p4) = readJSON(#"{"type":"FeatureCollection","features":{}}"#, name: "object.geojson")
        expectAt(o, file: p4, "\"features\" is an object")
    }

    @Test func nonPointAndNullGeometry() {
        let line = #"{"type":"Feature","geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]},"properties":{"id":2}}"#
        let (e, p) = readJSON(collection([point(1, 2, #""id":1"#), line]))
        expectAt(e, file: p, feature: 1, field: "geometry", "geometry is a LineString; households must be Points")
        let null = #"{"type":"Feature","geometry":null,"properties":{"id":2}}"#
        let (n, p2) = readJSON(collection([point(1, 2, #""id":1"#), null]), name: "null.geojson")
        expectAt(n, file: p2, feature: 1, field: "geometry", "null geometry")
        let notFeature = #"{"type":"Point","coordinates":[1,2]}"#
        let (f, p3) = readJSON(collection([notFeature]), name: "bare.geojson")
        expectAt(f, file: p3, feature: 0, field: "type", "not a GeoJSON Feature")
    }

    @Test func missingEmptyAndDuplicateIds() {
        let (m, p1) = readJSON(collection([point(1, 2, #""id":1"#), point(1, 2, #""members":2"#)]), name: "missing.geojson")
        expectAt(m, file: p1, feature: 1, field: "id", "missing id")
        let (e, p2) = readJSON(collection([point(1, 2, #""id":"  ""#)]), name: "empty.geojson")
        expectAt(e, file: p2, feature: 0, field: "id", "empty id")
        let (d, p3) = readJSON(collection([point(1, 2, #""id":7"#), point(1, 2, #""id":8"#), point(1, 2, #""id":"7""#)]), name: "dup.geojson")
        expectAt(d, file: p3, feature: 2, field: "id", "duplicate id \"7\": also used by feature 0")
        let (f, p4) = readJSON(collection([point(1, 2, #""id":1.5"#)]), name: "float.geojson")
        expectAt(f, file: p4, feature: 0, field: "id", "string or an integer")
        let (c, p5) = readCSV("id,lon,lat\na,1,2\nb,1,2\na,1,2\n", name: "dup.csv")
        expectAt(c, file: p5, line: 4, field: "id", "duplicate id \"a\": also used by line 2")
        let (ce, p6) = readCSV("id,lon,lat\na,1,2\n,1,2\n", name: "empty.csv")
        expectAt(ce, file: p6, line: 3, field: "id", "empty id")
    }

    @Test func nonFiniteAndOutOfRangeCoordinates() {
        let (inf, p1) = readJSON(collection([point(1, 2, #""id":1"#),
            #"{"type":"Feature","geometry":{"type":"Point","coordinates":[1e999,2]},"properties":{"id":2}}"#]), name: "inf.geojson")
        expectAt(inf, file: p1, feature: 1, field: "geometry", "longitude is ∞, not a finite number")
        let (nan, p2) = readCSV("id,lon,lat\n1,116.8,NaN\n", name: "nan.csv")
        expectAt(nan, file: p2, line: 2, field: "lat", "latitude is NaN")
        let (text, p3) = readCSV("id,lon,lat\n1,east,32\n", name: "text.csv")
        expectAt(text, file: p3, line: 2, field: "lon", "longitude must be a number")
        let (swap, p4) = readJSON(collection([point(32.6, 116.8, #""id":1"#)]), name: "swapped.geojson")
        expectAt(swap, file: p4, feature: 0, field: "geometry", "latitude 116.8 is outside −90…90 (are longitude and latitude swapped?)")
        let (lon, p5) = readCSV("id,lon,lat\n1,-181,0\n", name: "lon.csv")
        expectAt(lon, file: p5, line: 2, field: "lon", "longitude -181.0 is outside −180…180")
    }

    @Test func membersMustBeWholeNumbersAtLeastOne() {
        for (value, words) in [("0", "≥ 1"), ("-2", "≥ 1"), ("2.5", "whole number"), ("\"three\"", "a string"), ("true", "true")] {
            let (e, p) = readJSON(collection([point(1, 2, "\"id\":1,\"members\":\(value)")]), name: "m\(words.count).geojson")
            expectAt(e, file: p, feature: 0, field: "members", words)
        }
        let (c, p) = readCSV("id,lon,lat,members\n1,1,2,3\n2,1,2,three\n", name: "members.csv")
        expectAt(c, file: p, line: 3, field: "members", "members must be an integer ≥ 1, got \"three\"")
    }

    @Test func badBalanceField() {
        let o = HouseholdReadOptions(balance: "area")
        let (m, p1) = readJSON(collection([point(1, 2, #""id":1,"area":2"#), point(1, 2, #""id":2"#)]), name: "nobal.geojson", options: o)
        expectAt(m, file: p1, feature: 1, field: "area", "balance field 'area' must be a number")
        let (n, p2) = readJSON(collection([point(1, 2, #""id":1,"area":-2"#)]), name: "negbal.geojson", options: o)
        expectAt(n, file: p2, feature: 0, field: "area", "finite number ≥ 0")
    }

    @Test func emptyInput() {
        let (e, p1) = readJSON(#"{"type":"FeatureCollection","features":[]}"#, name: "nofeat.geojson")
        expectAt(e, file: p1, "no households")
        let (h, p2) = readCSV("id,lon,lat\n", name: "header.csv")
        expectAt(h, file: p2, "no households")
        let (z, p3) = readCSV("", name: "zero.csv")
        expectAt(z, file: p3, "no households")
        let (j, p4) = readJSON("", name: "zero.geojson")
        expectAt(j, file: p4, "empty file")
    }

    @Test func previousPlanThatIsNotAWanggePlan() {
        let plain = dir.file("plain.geojson", collection([point(1, 2, #""id":1"#)]))
        let e = expectError { _ = try PlanReader.read(path: plain) }
        expectAt(e, file: plain, "not a Wangge plan")
        let feature = dir.file("feature.geojson", point(1, 2, #""id":1"#))
        let f = expectError { _ = try PlanReader.read(path: feature) }
        expectAt(f, file: feature, "not a Wangge plan")
        let badMeta = dir.file("meta.geojson", #"{"type":"FeatureCollection","wangge":[1],"features":[]}"#)
        let m = expectError { _ = try PlanReader.read(path: badMeta) }
        expectAt(m, file: badMeta, field: "wangge", "not a Wangge plan")
        let kind = dir.file("kind.geojson", collection([point(1, 2, #""kind":"shop","id":1,"district":"D01""#)]))
        let k = expectError { _ = try PlanReader.read(path: kind) }
        expectAt(k, file: kind, feature: 0, field: "kind", "unknown feature kind \"shop\"")
    }
}

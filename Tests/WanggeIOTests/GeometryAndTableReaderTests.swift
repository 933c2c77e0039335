import Testing
@testable import WanggeIO
import WanggeModel

@Suite struct GeometryAndTableReaderTests {
    let dir = TempDir()

    @Test func boundaryPolygonsAndMultiPolygonsMerge() throws {
        let b = try GeometryReader.readBoundary(path: Fixture.path("boundary.geojson"))
        #expect(b.polygons.count == 2)
        #expect(b.polygons[0].rings.count == 2)
        #expect(b.polygons[0].exterior.first == Point2(116.8, 32.6))
        #expect(b.polygons[1].exterior.count == 4)
    }

    @Test func boundaryAsBareGeometryOrFeatureAndUnclosedRings() throws {
        let bare = dir.file("bare.geojson", #"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1]]]}"#)
        let b = try GeometryReader.readBoundary(path: bare)
        #expect(b.polygons[0].exterior == [Point2(0, 0), Point2(1, 0), Point2(1, 1), Point2(0, 0)])
        let feature = dir.file("f.geojson", #"{"type":"Feature","properties":null,"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[2,2],[3,2],[3,3],[2,2]]]]}}"#)
        #expect(try GeometryReader.readBoundary(path: feature).polygons.count == 2)
    }

    @Test func boundaryErrorsNameTheFeature() {
        let line = dir.file("line.geojson", #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}}]}"#)
        let e = expectError { _ = try GeometryReader.readBoundary(path: line) }
        #expect(e?.location == WanggeModel.SourceLocation(file: line, feature: 1, field: "geometry"))
        #expect(e?.message.contains("Polygon or MultiPolygon") == true)
        let tiny = dir.file("tiny.geojson", #"{"type":"Polygon","coordinates":[[[0,0],[1,0]]]}"#)
        #expect(expectError { _ = try GeometryReader.readBoundary(path: tiny) }?.message.contains("at least 4") == true)
        let far = dir.file("far.geojson", #"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,100],[0,0]]]}"#)
        #expect(expectError { _ = try GeometryReader.readBoundary(path: far) }?.message.contains("outside WGS84") == true)
        #expect((try? GeometryReader.readBoundary(path: far, checkRange: false)) != nil)
    }

    @Test func barriersSortLinesAndAreas() throws {
        let b = try GeometryReader.readBarriers(path: Fixture.path("barriers.geojson"))
        #expect(b.lines.count == 3)
        #expect(b.lines[0].count == 3)
        #expect(b.polygons.count == 1)
        let empty = dir.file("none.geojson", #"{"type":"FeatureCollection","features":[]}"#)
        #expect(try GeometryReader.readBarriers(path: empty).isEmpty)
        let point = dir.file("pt.geojson", #"{"type":"Point","coordinates":[0,0]}"#)
        #expect(expectError { _ = try GeometryReader.readBarriers(path: point) }?.message.contains("not a line or an area") == true)
    }

    @Test func barriersReadCrossings() throws {
        func file(_ features: [String]) -> String {
            dir.file("crossings.geojson", #"{"type":"FeatureCollection","features":["# + features.joined(separator: ",") + "]}")
        }
        let river = #"{"type":"Feature","geometry":{"type":"LineString","coordinates":[[116.8,32.6],[116.8,32.7]]},"properties":{"kind":"river"}}"#
        func crossing(_ props: String, _ geometry: String = #"{"type":"Point","coordinates":[116.8,32.65]}"#) -> String {
            #"{"type":"Feature","geometry":"# + geometry + #","properties":{"kind":"crossing""# + props + "}}"
        }
        let good = file([river, crossing(#","name":"东桥","radius":80"#), crossing("")])
        let b = try GeometryReader.readBarriers(path: good)
        #expect(b.lines.count == 1)
        #expect(b.crossings == [Crossing(position: Point2(116.8, 32.65), radius: 80, name: "东桥", feature: 1),
                                Crossing(position: Point2(116.8, 32.65), radius: 60, name: nil, feature: 2)])
        for (props, shown) in [(#","radius":0"#, "got 0"), (#","radius":-5"#, "got -5"), (#","radius":"60""#, "got a string")] {
            let path = file([river, crossing(props)])
            let e = expectError { _ = try GeometryReader.readBarriers(path: path) }
            #expect(e?.status == .dataError)
            #expect(e?.location == WanggeModel.SourceLocation(file: path, feature: 1, field: "radius"))
            #expect(e?.message.contains("radius must be a number of metres > 0, \(shown)") == true, "\(String(describing: e))")
        }
        let line = file([river, crossing("", #"{"type":"LineString","coordinates":[[116.8,32.6],[116.9,32.7]]}"#)])
        let e = expectError { _ = try GeometryReader.readBarriers(path: line) }
        #expect(e?.location == WanggeModel.SourceLocation(file: line, feature: 1, field: "geometry"))
        #expect(e?.message.contains("must be a Point") == true)
    }

    @Test func labelsWithHeaderQuotingAndExtras() throws {
        let labels = try LabelReader.read(path: Fixture.path("labels.csv"))
        #expect(labels.count == 2)
        #expect(labels[0] == DistrictLabel(district: "D01", name: "东片", leader: "张三", phone: "13800000001", extra: [("office", "村委会")]))
        #expect(labels[1].name == "西片, 北")
        let noHeader = dir.file("l.csv", "D03,South,Wang,123\nD03,Again,X,1\n")
        let e = expectError { _ = try LabelReader.read(path: noHeader) }
        #expect(e?.location == WanggeModel.SourceLocation(file: noHeader, line: 2, field: "district"))
        #expect(e?.message.contains("labelled twice (also line 1)") == true)
    }

    @Test func cadresWithRoles() throws {
        let cadres = try CadreReader.read(path: Fixture.path("cadres.csv"))
        #expect(cadres.map(\.role) == [.townLeader, .townCadre, .villageCadre, .partyMember])
        #expect(cadres[0] == Cadre(id: "C1", name: "王镇长", role: .townLeader, lon: 116.85, lat: 32.64, village: "东村", phone: "13900000001"))
        #expect(cadres[3].village == "" && cadres[3].phone == "")
        let bad = dir.file("c.csv", "id,name,role,lon,lat\nC1,A,chief,1,2\n")
        let e = expectError { _ = try CadreReader.read(path: bad) }
        #expect(e?.location == WanggeModel.SourceLocation(file: bad, line: 2, field: "role"))
        let far = dir.file("c2.csv", "C1,A,党员,1,200\n")
        #expect(expectError { _ = try CadreReader.read(path: far) }?.location.field == "lat")
    }
}

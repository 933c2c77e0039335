import Foundation
import Testing
@testable import WanggeIO
import WanggeModel

@Suite struct PlanFileTests {
    let dir = TempDir()

    /// A counter-clockwise square, precision-reduced to 7 decimals as the pipeline hands areas over.
    private func square(_ x: Double, _ y: Double, _ s: Double) -> [Point2] {
        func r(_ v: Double) -> Double { (v * 1e7).rounded() / 1e7 }
        return [Point2(r(x), r(y)), Point2(r(x + s), r(y)), Point2(r(x + s), r(y + s)), Point2(r(x), r(y + s)), Point2(r(x), r(y))]
    }

    private func samplePlan() throws -> Plan {
        let households = try HouseholdReader.read(path: Fixture.path("households.geojson"))
        let outer = square(116.84, 32.63, 0.02)
        let hole = Array(square(116.845, 32.635, 0.001).reversed()) // clockwise
        let d1 = District(id: "D01", area: MultiPolygon([Polygon(rings: [outer, hole])]), color: 1, servicePoint: 0,
                          areaKm2: 1.25, label: DistrictLabel(district: "D01", name: "东片", leader: "张三", phone: "138"),
                          extra: #""owner":"qgis","n":[1,2.50]"#)
        let d2 = District(id: "D02", area: MultiPolygon([Polygon(rings: [square(116.86, 32.63, 0.01)]),
                                                          Polygon(rings: [square(-1, -1, 0.5)])]), color: 2)
        let d3 = District(id: "D03")
        let meta = PlanMetadata(districts: 3, balance: "households", tolerance: 0.05, seed: UInt64.max, crs: "EPSG:32650",
                                extra: #""moved":12,"note":"redraw""#)
        return Plan(metadata: meta, districts: [d1, d2, d3], households: households, assignment: [0, 0, 1, 1, 0])
    }

    @Test func roundTripWriteReadEqual() throws {
        let plan = try samplePlan()
        let path = dir.path + "/plan.geojson"
        try PlanWriter.write(plan, to: path)
        var back = try PlanReader.read(path: path)
        #expect(back.households.sourceIndex == [3, 4, 5, 6, 7]) // after the three district features
        back.households.sourceIndex = plan.households.sourceIndex
        back.households.sourceName = plan.households.sourceName
        #expect(back.metadata == plan.metadata)
        #expect(back.districts == plan.districts)
        #expect(back.households == plan.households)
        #expect(back.assignment == plan.assignment)
        #expect(back == plan)
        // Writing what was read gives the same bytes.
        #expect(PlanWriter.encode(back) == PlanWriter.encode(plan))
        #expect(dir.listing == ["plan.geojson"])
    }

    @Test func planFileIsStrictJSONWithTheContractProperties() throws {
        let plan = try samplePlan()
        let bytes = PlanWriter.encode(plan)
        _ = try JSONSource(path: "p", bytes: bytes).parseDocument()
        let json = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(json["type"] as? String == "FeatureCollection")
        let meta = try #require(json["wangge"] as? [String: Any])
        #expect(meta["version"] as? String == wanggeVersion)
        #expect(meta["districts"] as? Int == 3 && meta["metric_crs"] as? String == "EPSG:32650" && meta["moved"] as? Int == 12)
        // RFC 7946 files are WGS84 and carry no "crs" member; the metric CRS is named for what it is.
        #expect(json["crs"] == nil && meta["crs"] == nil)
        let features = try #require(json["features"] as? [[String: Any]])
        #expect(features.count == 3 + 5)
        let props = features.map { $0["properties"] as! [String: Any] }
        #expect(props.prefix(3).allSatisfy { $0["kind"] as? String == "district" })
        #expect(props.dropFirst(3).allSatisfy { $0["kind"] as? String == "household" })
        // Deviation is the signed fraction of the target total/k = 5/3.
        let target = 5.0 / 3.0
        for (j, count) in [3, 2, 0].enumerated() {
            #expect(props[j]["households"] as? Int == count)
            #expect(abs((props[j]["deviation"] as! Double) - (Double(count) - target) / target) < 1e-6)
        }
        #expect(props[0]["members"] as? Int == 3 + 2 + 1)
        #expect(props[0]["service_point"] as? [Double] == [116.8501234, 32.6401234])
        #expect(props[1]["service_point"] is NSNull)
        // Fields a GIS keeps: numbers for the service point, the colour index and its hex fill.
        #expect(props[0]["service_lon"] as? Double == 116.8501234 && props[0]["service_lat"] as? Double == 32.6401234)
        #expect(props[1]["service_lon"] is NSNull && props[1]["service_lat"] is NSNull)
        #expect(props[0]["color_index"] as? Int == 1 && props[0]["fill"] as? String == "#EE8866")
        #expect(props[1]["color_index"] as? Int == 2 && props[1]["fill"] as? String == "#EEDD88")
        #expect(props.prefix(3).allSatisfy { $0["color"] == nil })
        #expect(props[0]["name"] as? String == "东片" && props[1]["name"] == nil)
        #expect((features[0]["geometry"] as? [String: Any])?["type"] as? String == "Polygon")
        #expect((features[1]["geometry"] as? [String: Any])?["type"] as? String == "MultiPolygon")
        #expect(features[2]["geometry"] is NSNull)
        // Households: id as a number when it was one, district, own properties.
        #expect(props[3]["id"] as? Int == 1 && props[3]["district"] as? String == "D01" && props[3]["head"] as? String == "张三")
        #expect(props[4]["id"] as? String == "h-2")
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains(#""id":123456789012345678901234567890,"#))
        #expect(!text.contains("e-") && !text.contains("E-"))
    }

    /// Twice the signed area (shoelace), computed here independently of the writer.
    private func orientation(_ ring: [[Double]]) -> Double {
        var s = 0.0
        for j in 0..<(ring.count - 1) { s += ring[j][0] * ring[j + 1][1] - ring[j + 1][0] * ring[j][1] }
        return s
    }

    @Test func writerEnforcesRingOrientationAndSevenDecimals() throws {
        var plan = try samplePlan()
        let cwOuter = Array(square(116.8400000049, 32.63, 0.02).reversed())
        let ccwHole = square(116.845, 32.635, 0.001)
        plan.districts[0].area = MultiPolygon([Polygon(rings: [cwOuter, ccwHole])])
        plan.households.lon[0] = 116.85012345678
        let bytes = PlanWriter.encode(plan)
        let json = try JSONSerialization.jsonObject(with: Data(bytes)) as! [String: Any]
        let features = json["features"] as! [[String: Any]]
        let rings = (features[0]["geometry"] as! [String: Any])["coordinates"] as! [[[Double]]]
        #expect(orientation(rings[0]) > 0)
        #expect(orientation(rings[1]) < 0)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("[116.8501235,32.6401234]"))
        #expect(text.contains("[116.84,32.63]"))
    }

    @Test func plainPointsWithDistrictPropertyAreAPlanWithoutPolygons() throws {
        let p = dir.file("assigned.geojson", collection([point(1, 2, #""id":1,"district":"D02""#),
                                                         point(1, 3, #""id":2,"district":"D01","x":1"#),
                                                         point(1, 4, #""id":3,"district":"D02""#)]))
        let plan = try PlanReader.read(path: p)
        #expect(plan.districts.map(\.id) == ["D01", "D02"])
        #expect(plan.districts.allSatisfy { $0.area.isEmpty })
        #expect(plan.assignment == [1, 0, 1])
        #expect(plan.households.extra == ["", #""x":1"#, ""])
        #expect(plan.metadata.districts == 2)
        let missing = dir.file("missing.geojson", collection([point(1, 2, #""id":1,"district":"D02""#), point(1, 3, #""id":2"#)]))
        let e = expectError { _ = try PlanReader.read(path: missing) }
        #expect(e?.location == WanggeModel.SourceLocation(file: missing, feature: 1, field: "district"))
    }

    @Test func handEditedPlanKeepsUnknownDistrictPropertiesAndBalance() throws {
        var plan = try samplePlan()
        plan.metadata.balance = "members"
        plan.households.weight = plan.households.members.map(Double.init)
        var text = String(decoding: PlanWriter.encode(plan), as: UTF8.self)
        // QGIS drops foreign members and may add fields.
        let start = text.range(of: "\"wangge\":")!.lowerBound
        let end = text.range(of: "\"features\"")!.lowerBound
        text.removeSubrange(start..<end)
        text = text.replacingOccurrences(of: "\"kind\":\"district\",", with: "\"kind\":\"district\",\"fid\":7,")
        // A service point moved by hand (a GIS edits the numbers) snaps to the nearest household of its district.
        text = text.replacingOccurrences(of: #""service_lon":116.8501234,"service_lat":32.6401234"#,
                                         with: #""service_lon":116.8511,"service_lat":32.6411"#)
        let p = dir.file("edited.geojson", text)
        let back = try PlanReader.read(path: p, options: PlanReadOptions(balance: "members"))
        #expect(back.districts[0].extra == #""fid":7,"owner":"qgis","n":[1,2.50]"#)
        #expect(back.households.weight == plan.households.weight)
        #expect(back.metadata == PlanMetadata(districts: 3, balance: "members"))
        #expect(back.assignment == plan.assignment)
        #expect(back.districts[0].servicePoint == 1)
    }

    @Test func plansWrittenBeforeTheRenamesStillLoad() throws {
        // Older plans: "crs" in the wangge member, "color" and only the service_point list on districts.
        var text = String(decoding: PlanWriter.encode(try samplePlan()), as: UTF8.self)
        text = text.replacingOccurrences(of: #""metric_crs":"#, with: #""crs":"#)
            .replacingOccurrences(of: #""color_index":"#, with: #""color":"#)
            .replacingOccurrences(of: ##""fill":"#EE8866","##, with: "")
            .replacingOccurrences(of: #""service_lon":116.8501234,"service_lat":32.6401234,"#, with: "")
            .replacingOccurrences(of: #""service_lon":null,"service_lat":null,"#, with: "")
        #expect(!text.contains("metric_crs") && !text.contains("service_lon") && !text.contains("color_index"))
        let old = try PlanReader.read(bytes: Array(text.utf8), path: "old.geojson")
        #expect(old.metadata.crs == "EPSG:32650")
        #expect(old.districts.map(\.color) == [1, 2, 0])
        #expect(old.districts[0].servicePoint == 0)
        // Written again, it uses the new names only.
        let again = String(decoding: PlanWriter.encode(old), as: UTF8.self)
        #expect(again.contains(#""metric_crs":"EPSG:32650""#) && !again.contains(#""crs":"#))
        #expect(again.contains(##""color_index":1,"fill":"#EE8866","service_lon":116.8501234,"service_lat":32.6401234,"##))
        // A bad colour index names the field.
        let bad = text.replacingOccurrences(of: #""color":1"#, with: #""color_index":"blue""#)
        let e = expectError { _ = try PlanReader.read(bytes: Array(bad.utf8), path: "bad.geojson") }
        #expect(e?.location == WanggeModel.SourceLocation(file: "bad.geojson", feature: 0, field: "color_index"))
    }

    @Test func propertiesTheWriterOwnsAreNotWrittenTwice() throws {
        let p = dir.file("prev.geojson", collection([
            point(1, 2, #""id":1,"district":"OLD","kind":"x","keep":{"district":"nested"},"s":"\"district\":""#),
            point(1, 3, #""id":2,"note":"n""#)]))
        let households = try HouseholdReader.read(path: p)
        #expect(households.extra[0].contains("OLD")) // read untouched
        let plan = Plan(metadata: PlanMetadata(districts: 1, extra: #""seed":5,"x":1"#),
                        districts: [District(id: "D01", label: DistrictLabel(district: "D01", name: "A"),
                                             extra: #""name":"dup","color":9,"y":2"#)],
                        households: households, assignment: [0, 0])
        let text = String(decoding: PlanWriter.encode(plan), as: UTF8.self)
        let lines = text.split(separator: "\n").map(String.init)
        func count(_ needle: String, in line: String) -> Int { line.components(separatedBy: needle).count - 1 }
        let districtLine = try #require(lines.first { $0.contains(#""kind":"district""#) })
        #expect(count(#""name":"#, in: districtLine) == 1 && count(#""color_index":"#, in: districtLine) == 1)
        #expect(count(#""color":"#, in: districtLine) == 0) // the old name is not carried along
        #expect(districtLine.contains(#""y":2"#))
        let h0 = try #require(lines.first { $0.contains(#""id":1,"#) })
        #expect(count(#""district":"#, in: h0) == 2) // its own, and the nested one inside "keep"
        #expect(count(#""kind":"#, in: h0) == 1 && !h0.contains("OLD"))
        #expect(h0.contains(#""keep":{"district":"nested"}"#) && h0.contains(#""s":"\"district\":""#))
        let header = try #require(lines.first { $0.hasPrefix("\"wangge\"") })
        #expect(count(#""seed":"#, in: header) == 1 && header.contains(#""x":1"#))
        // Still a readable plan.
        let back = try PlanReader.read(bytes: Array(text.utf8), path: "p.geojson")
        #expect(back.assignment == [0, 0])
    }

    @Test func csvRowsOfIdAndDistrict() throws {
        var plan = try samplePlan()
        plan.households.ids[1] = "h,2"
        let p = dir.path + "/plan.csv"
        try PlanWriter.writeCSV(plan, to: p)
        let text = try String(contentsOfFile: p, encoding: .utf8)
        // D01 has a label (东片), so the rows carry the district's name; D02 has none.
        #expect(text == "id,district,name\n1,D01,东片\n\"h,2\",D01,东片\n123456789012345678901234567890,D02,\ntop-4,D02,\n5,D01,东片\n")
        // Without labels: id,district only.
        plan.districts[0].label = nil
        try PlanWriter.writeCSV(plan, to: p)
        #expect(try String(contentsOfFile: p, encoding: .utf8) == "id,district\n1,D01\n\"h,2\",D01\n123456789012345678901234567890,D02\ntop-4,D02\n5,D01\n")
    }

    @Test func excelCSVHasAByteOrderMarkAndCRLF() throws {
        var plan = try samplePlan()
        plan.districts[1].label = DistrictLabel(district: "D02", name: "西片, 二组", leader: "", phone: "")
        let p = dir.path + "/excel.csv"
        try PlanWriter.writeCSV(plan, to: p, excel: true)
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: p)))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines == ["id,district,name", "1,D01,东片", "h-2,D01,东片", "123456789012345678901234567890,D02,\"西片, 二组\"",
                          "top-4,D02,\"西片, 二组\"", "5,D01,东片", ""])
        // Every line feed belongs to a CRLF.
        let lf = bytes.indices.filter { bytes[$0] == 0x0A }
        #expect(lf.count == 6 && lf.allSatisfy { bytes[$0 - 1] == 0x0D })
    }

    @Test func failedWritesLeaveNothingAndExit73() throws {
        let plan = try samplePlan()
        let nowhere = dir.path + "/no/such/dir/plan.geojson"
        let e = expectError { try PlanWriter.write(plan, to: nowhere) }
        #expect(e?.status == .cannotCreate)
        #expect(e?.location.file == nowhere)
        // The destination is a directory: the rename fails after writing; the temporary file is removed.
        try FileManager.default.createDirectory(atPath: dir.path + "/taken", withIntermediateDirectories: false)
        let r = expectError { try PlanWriter.write(plan, to: dir.path + "/taken") }
        #expect(r?.status == .cannotCreate)
        #expect(r?.description.hasPrefix(dir.path + "/taken: cannot write output") == true)
        #expect(dir.listing == ["taken"])
        // An error thrown while producing the content also removes the temporary file.
        struct Boom: Error {}
        #expect(throws: Boom.self) { try OutputFile.write(path: dir.path + "/x.txt") { f in try f.append("partial"); throw Boom() } }
        #expect(dir.listing == ["taken"])
    }
}

import Testing
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

/// Checks the pipeline makes before partitioning (DESIGN sections 3 and 10).
@Suite struct InputCheckTests {
    static let square = """
    {"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon",
    "coordinates":[[[116.0,32.0],[116.1,32.0],[116.1,32.1],[116.0,32.1],[116.0,32.0]]]}}]}
    """

    func points(_ coords: [(Double, Double)]) -> String {
        householdsGeoJSON(coords.enumerated().map { ("h\($0.offset)", $0.element.0, $0.element.1, "") })
    }

    @Test func householdsOutsideTheBoundaryAreListed() throws {
        let dir = TempDir()
        var o = InputOptions(householdsPath: dir.file("h.geojson", points([(116.05, 32.05), (116.5, 32.05), (116.06, 32.04)])))
        o.boundaryPath = dir.file("b.geojson", Self.square)
        let error = #expect(throws: WanggeError.self) { try Inputs.load(o) }
        #expect(error?.status == .dataError)
        #expect(error?.description.contains("h1") == true)
        #expect(error?.description.contains("feature 1") == true)
        #expect(error?.description.contains("--clip-outside") == true)
    }

    @Test func clipOutsideDropsAndReports() throws {
        let dir = TempDir()
        var o = InputOptions(householdsPath: dir.file("h.geojson", points([(116.05, 32.05), (116.5, 32.05), (116.06, 32.04)])))
        o.boundaryPath = dir.file("b.geojson", Self.square)
        o.clipOutside = true
        let inputs = try Inputs.load(o)
        #expect(inputs.households.ids == ["h0", "h2"])
        #expect(inputs.warnings.contains { $0.contains("h1") && $0.contains("dropped") })
    }

    @Test func clipOutsideOnALargeTableDropsExactlyTheOutsideOnes() throws {
        // Enough households for the check to run in slices side by side: every 997th stands east of
        // the square, one on its edge (covered, kept); the kept ones keep their order.
        let n = 120_000
        let coords = (0..<n).map { i -> (String, Double, Double, String) in
            let lat = 32.001 + Double(i % 997) * 0.00009
            if i % 997 == 500 { return ("h\(i)", 116.2, lat, "") }
            if i == 7 { return ("h\(i)", 116.1, 32.05, "") }
            return ("h\(i)", 116.001 + Double(i / 997) * 0.0008, lat, "")
        }
        let dir = TempDir()
        var o = InputOptions(householdsPath: dir.file("h.geojson", householdsGeoJSON(coords)))
        o.boundaryPath = dir.file("b.geojson", Self.square)
        o.clipOutside = true
        let inputs = try Inputs.load(o)
        let expected = coords.map(\.0).enumerated().filter { $0.offset % 997 != 500 }.map(\.element)
        #expect(inputs.households.count == expected.count && expected.count == n - (0..<n).filter { $0 % 997 == 500 }.count)
        #expect(inputs.households.ids == expected)
        #expect(inputs.warnings.contains { $0.contains("h500") && $0.contains("dropped") })
    }

    @Test func swappedLonLatIsRecognised() throws {
        let dir = TempDir()
        // Coordinates written lat,lon: (32.05, 116.05) is a valid WGS84 point, far outside the square.
        var o = InputOptions(householdsPath: dir.file("h.geojson", points([(32.05, 116.05), (32.02, 116.07)].map { ($0.0, $0.1 - 100) })))
        // Make the swapped points really inside: boundary around lon 16.x after the shift above.
        o.boundaryPath = dir.file("b.geojson", """
        {"type":"Polygon","coordinates":[[[16.0,32.0],[16.1,32.0],[16.1,32.1],[16.0,32.1],[16.0,32.0]]]}
        """)
        let error = #expect(throws: WanggeError.self) { try Inputs.load(o) }
        #expect(error?.description.contains("swapped") == true)
    }

    @Test func invalidBoundaryIsRepairedWithAWarning() throws {
        let dir = TempDir()
        var o = InputOptions(householdsPath: dir.file("h.geojson", points([(116.02, 32.02), (116.08, 32.08)])))
        // A bow-tie: self-intersecting at (116.05, 32.05).
        o.boundaryPath = dir.file("b.geojson", """
        {"type":"Polygon","coordinates":[[[116.0,32.0],[116.1,32.1],[116.1,32.0],[116.0,32.1],[116.0,32.0]]]}
        """)
        let inputs = try Inputs.load(o)
        #expect(inputs.warnings.contains { $0.contains("MakeValid") && $0.contains("b.geojson") })
        #expect(try GeometryContext().multiPolygon(inputs.boundary!).isValid())
    }

    @Test func gcj02InputIsConvertedToWGS84() throws {
        let dir = TempDir()
        let wgs = [(116.80, 32.65), (116.81, 32.66)]
        let gcj = wgs.map { ChineseCoordinates.wgs84ToGCJ02(longitude: $0.0, latitude: $0.1) }
        var o = InputOptions(householdsPath: dir.file("h.geojson", points(gcj.map { ($0.longitude, $0.latitude) })))
        o.inputCRS = "gcj02"
        let inputs = try Inputs.load(o)
        for i in 0..<2 {
            #expect(abs(inputs.households.lon[i] - wgs[i].0) < 1e-7)
            #expect(abs(inputs.households.lat[i] - wgs[i].1) < 1e-7)
        }
        #expect(inputs.crs.definition == "EPSG:32650")
    }

    @Test func kOutOfRangeIsAUsageError() throws {
        let dir = TempDir()
        let inputs = try Inputs.load(InputOptions(householdsPath: dir.file("h.geojson", points([(116.02, 32.02), (116.08, 32.08)]))))
        for k in [0, 3] {
            var options = PartitionOptions()
            options.k = k
            let error = #expect(throws: WanggeError.self) { try PartitionPipeline.run(inputs, options: options, nest: false) }
            #expect(error?.status == .usage)
        }
    }

    @Test func moreDistrictsThanDistinctLocationsIsAUsageError() throws {
        let dir = TempDir()
        let inputs = try Inputs.load(InputOptions(householdsPath: dir.file("h.geojson", points([(116.02, 32.02), (116.02, 32.02), (116.02, 32.02)]))))
        var options = PartitionOptions()
        options.k = 2
        let error = #expect(throws: WanggeError.self) { try PartitionPipeline.run(inputs, options: options, nest: false) }
        #expect(error?.status == .usage)
        #expect(error?.description.contains("1 distinct location") == true)
    }

    @Test func districtsAcrossTheAntimeridianAreCutInTwo() throws {
        // Households on both sides of 180° (Fiji): written polygons must be valid WGS84 with the
        // parts cut at ±180, and every household inside its own district.
        let dir = TempDir()
        var rng = SplitMix64(seed: 5)
        let pts = (0..<150).map { i -> (Double, Double) in
            var lon = 179.9 + rng.unit() * 0.2
            if lon > 180 { lon -= 360 }
            return (lon, -17 + rng.unit() * 0.2)
        }
        let inputs = try Inputs.load(InputOptions(householdsPath: dir.file("h.geojson", points(pts))))
        var options = PartitionOptions()
        options.k = 4
        let result = try PartitionPipeline.run(inputs, options: options, nest: false)
        let context = GeometryContext()
        var cut = 0
        for (d, district) in result.plan.districts.enumerated() {
            let g = try context.multiPolygon(district.area)
            #expect(try g.isValid())
            let xs = district.area.polygons.flatMap { $0.rings.flatMap { $0.map(\.x) } }
            #expect(xs.allSatisfy { $0 >= -180 && $0 <= 180 })
            if district.area.polygons.count > 1 { cut += 1 }
            let prepared = try PreparedGeometry(g)
            for h in 0..<pts.count where result.plan.assignment[h] == Int32(d) {
                #expect(try prepared.covers(x: pts[h].0, y: pts[h].1), "household \(h) outside its district")
            }
        }
        #expect(cut >= 1)
    }

    @Test func aWorkGroupHeavierThanADistrictIsNamed() throws {
        let dir = TempDir()
        var pts: [(id: String, lon: Double, lat: Double, props: String)] = []
        for i in 0..<40 { pts.append(("h\(i)", 116.0 + Double(i % 7) * 0.01, 32.0 + Double(i / 7) * 0.01, i < 25 ? "\"group\":\"大组\"" : "\"group\":\"g\(i)\"")) }
        let inputs = try Inputs.load(InputOptions(householdsPath: dir.file("h.geojson", householdsGeoJSON(pts))))
        var options = PartitionOptions()
        options.k = 2
        let error = #expect(throws: WanggeError.self) { try PartitionPipeline.run(inputs, options: options, nest: false) }
        #expect(error?.status == .dataError)
        #expect(error?.description.contains("大组") == true)
    }
}

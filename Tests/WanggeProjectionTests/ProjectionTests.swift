import Foundation
import Testing
import WanggeModel
@testable import WanggeProjection

@Suite struct MetricCRSTests {
    @Test(arguments: [
        (116.8, 32.6, "EPSG:32650"),     // Huainan
        (-0.1276, 51.5072, "EPSG:32630"), // London
        (151.2093, -33.8688, "EPSG:32756"), // Sydney
        (-74.006, 40.7128, "EPSG:32618"), // New York
        (5.32, 60.39, "EPSG:32632"),     // Bergen: the Norway exception (would be 31)
        (15.6, 78.2, "EPSG:32633"),      // Longyearbyen: Svalbard zones
        (180.0, 10.0, "EPSG:32601"),     // 180° wraps to −180°, zone 1
        (-180.0, -10.0, "EPSG:32701"),
        (179.99, 10.0, "EPSG:32660"),
        (10.0, 85.0, "EPSG:32661"),      // UPS North
        (10.0, -85.0, "EPSG:32761"),     // UPS South
        (10.0, 0.0, "EPSG:32632"),       // the equator counts as north
    ])
    func utmZoneOfAPosition(lon: Double, lat: Double, expected: String) {
        #expect(MetricCRS.utm(longitude: lon, latitude: lat).definition == expected)
    }

    @Test func centroidUsesTheCircularMeanAcrossTheAntimeridian() throws {
        // Fiji-like data on both sides of 180°: the arithmetic mean (0°) would pick zone 31.
        let crs = try MetricCRS.automatic(longitudes: [179.8, 179.9, -179.9, -179.7], latitudes: [-17, -17.1, -17.2, -17])
        #expect(crs.definition == "EPSG:32760" || crs.definition == "EPSG:32701")
        let c = try #require(MetricCRS.centroid(longitudes: [179.8, -179.8], latitudes: [1, 3]))
        #expect(abs(abs(c.x) - 180) < 1e-9 && abs(c.y - 2) < 1e-12)
    }

    @Test func automaticSkipsNonFiniteAndRefusesEmpty() throws {
        let crs = try MetricCRS.automatic(longitudes: [.nan, 116.8], latitudes: [0, 32.6])
        #expect(crs.definition == "EPSG:32650" && crs.isAutomatic)
        let error = #expect(throws: WanggeError.self) { try MetricCRS.automatic(longitudes: [], latitudes: []) }
        #expect(error?.status == .dataError)
    }

    @Test func namedProjectedCRSIsAccepted() throws {
        let utm = try MetricCRS.named("epsg:32650")
        #expect(utm.definition == "EPSG:32650" && utm.metresPerUnit == 1 && !utm.isAutomatic)
        #expect(utm.name.contains("UTM zone 50N"))
        let feet = try MetricCRS.named("EPSG:2249") // NAD83 / Massachusetts Mainland (ftUS)
        #expect(abs(feet.metresPerUnit - 1200.0 / 3937.0) < 1e-12)
    }

    @Test func geographicCRSIsRefusedForDistances() {
        for name in ["EPSG:4326", "EPSG:4490"] {
            let error = #expect(throws: WanggeError.self) { try MetricCRS.named(name) }
            #expect(error?.status == .usage)
            #expect(error?.message.contains("geographic") == true)
        }
    }

    @Test func unknownCRSIsAUsageErrorQuotingPROJ() {
        let error = #expect(throws: WanggeError.self) { try MetricCRS.named("EPSG:999999") }
        #expect(error?.status == .usage)
        #expect(error?.message.contains("EPSG:999999") == true)
        #expect(error?.message.contains("PROJ gave no reason") == false)
        let e2 = #expect(throws: WanggeError.self) { try Transformer(from: "not a crs", to: "EPSG:4326") }
        #expect(e2?.status == .usage)
        let e3 = #expect(throws: WanggeError.self) { try InputCRS(parsing: "EPSG:123456789") }
        #expect(e3?.status == .usage && e3?.message.contains("--input-crs") == true)
    }
}

@Suite struct ProjectorTests {
    /// A deterministic grid over zone 50 and its neighbourhood.
    let lons = stride(from: 112.0, through: 122.0, by: 0.37).flatMap { lon in stride(from: 20.0, through: 45.0, by: 1.3).map { _ in lon } }
    let lats = stride(from: 112.0, through: 122.0, by: 0.37).flatMap { _ in stride(from: 20.0, through: 45.0, by: 1.3).map { $0 } }

    @Test func utm50RoundTripIsBelowANanodegree() throws {
        let projector = try Projector(crs: MetricCRS.utm(longitude: 117, latitude: 30))
        var x = lons, y = lats
        try projector.project(x: &x, y: &y)
        #expect(x.allSatisfy { $0 > -100_000 && $0 < 1_100_000 }, "eastings \(x.min()!)...\(x.max()!)") // metres
        try projector.unproject(x: &x, y: &y)
        let worst = zip(zip(x, y), zip(lons, lats)).map { max(abs($0.0 - $1.0), abs($0.1 - $1.1)) }.max() ?? 1
        #expect(worst < 1e-9, "worst \(worst)°")
    }

    @Test func centralMeridianMapsToTheFalseEasting() throws {
        // Zone 50's central meridian is 117° E: on it the easting is 500 000 m; the equator is northing 0.
        let p = try Projector(crs: MetricCRS.utm(longitude: 117, latitude: 1)).project([Point2(117, 0), Point2(117, 1)])
        #expect(abs(p[0].x - 500_000) < 1e-6 && abs(p[0].y) < 1e-6)
        // One degree of latitude at the equator is about 110.57 km (times the UTM scale 0.9996).
        #expect(abs(p[1].y - 110_574 * 0.9996) < 50)
    }

    @Test func projectorPicksTheZoneOfTheData() throws {
        let projector = try Projector(longitudes: [116.77, 116.88], latitudes: [32.6, 32.71])
        #expect(projector.crs.definition == "EPSG:32650")
        let explicit = try Projector(longitudes: [116.77], latitudes: [32.6], crs: "EPSG:32651")
        #expect(explicit.crs.definition == "EPSG:32651")
    }

    @Test func feetCRSStillYieldsMetres() throws {
        let a = Point2(-71.06, 42.36), b = Point2(-71.05, 42.37)
        let ft = try Projector(crs: MetricCRS.named("EPSG:2249")).project([a, b])
        let utm = try Projector(crs: MetricCRS.utm(longitude: -71, latitude: 42)).project([a, b])
        let d1 = hypot(ft[1].x - ft[0].x, ft[1].y - ft[0].y), d2 = hypot(utm[1].x - utm[0].x, utm[1].y - utm[0].y)
        #expect(abs(d1 - d2) / d2 < 0.002, "\(d1) m vs \(d2) m")
        let back = try Projector(crs: MetricCRS.named("EPSG:2249")).unproject(ft)
        #expect(abs(back[1].x - b.x) < 1e-9 && abs(back[1].y - b.y) < 1e-9)
    }

    @Test func geometryValuesKeepTheirShape() throws {
        let projector = try Projector(crs: MetricCRS.utm(longitude: 116.8, latitude: 32.6))
        let outer = [Point2(116.77, 32.60), Point2(116.88, 32.60), Point2(116.88, 32.71), Point2(116.77, 32.60)]
        let hole = [Point2(116.80, 32.62), Point2(116.82, 32.62), Point2(116.82, 32.64), Point2(116.80, 32.62)]
        let multi = MultiPolygon([Polygon(rings: [outer, hole]), Polygon(rings: [outer])])
        let projected = try projector.project(multi)
        #expect(projected.polygons.map { $0.rings.map(\.count) } == [[4, 4], [4]])
        #expect(projected.polygons[0].rings[0][0] == projected.polygons[1].rings[0][0])
        let back = try projector.unproject(projected)
        for (p, q) in zip(back.polygons.flatMap { $0.rings.flatMap { $0 } }, multi.polygons.flatMap { $0.rings.flatMap { $0 } }) {
            #expect(abs(p.x - q.x) < 1e-9 && abs(p.y - q.y) < 1e-9)
        }
        let barriers = Barriers(lines: [[Point2(116.8, 32.6), Point2(116.81, 32.7)], []], polygons: [Polygon(rings: [hole])])
        let pb = try projector.project(barriers)
        #expect(pb.lines.map(\.count) == [2, 0] && pb.polygons.count == 1)
        let pp = try projector.project(Polygon(rings: [hole]))
        #expect(pp == pb.polygons[0])
    }

    @Test func untransformablePointIsADataErrorWithItsIndex() throws {
        let projector = try Projector(crs: MetricCRS.utm(longitude: 117, latitude: 30))
        var x = [117.0, 117.0, 118.0], y = [30.0, 95.0, 31.0]
        let error = #expect(throws: WanggeError.self) { try projector.project(x: &x, y: &y) }
        #expect(error?.status == .dataError && error?.location.feature == 1)
    }

    @Test func anyPROJInputCRSConvertsToWGS84() throws {
        #expect(try InputCRS(parsing: " EPSG:4326 ") == .wgs84)
        #expect(try InputCRS(parsing: "gcj-02") == .gcj02)
        let utm = try InputCRS(parsing: "EPSG:32650")
        #expect(utm == .proj("EPSG:32650"))
        // 500 000 E on the equator of zone 50 is 117° E, 0°.
        var x = [500_000.0], y = [0.0]
        try utm.toWGS84(x: &x, y: &y)
        #expect(abs(x[0] - 117) < 1e-9 && abs(y[0]) < 1e-9)
        // CGCS2000 (EPSG:4490) is within a metre of WGS84, and keeps lon/lat order.
        let cgcs = try InputCRS(parsing: "EPSG:4490").toWGS84([Point2(116.8, 32.6)])
        #expect(abs(cgcs[0].x - 116.8) < 1e-5 && abs(cgcs[0].y - 32.6) < 1e-5)
    }
}

import Foundation
import Testing
import WanggeModel
@testable import WanggeProjection

/// Vertex pairs of the Bagongshan boundary: GCJ-02 as published by Aliyun DataV (GeoMapData_CN
/// county/340405.json, vertices 0, 50, 100, 150) and the same vertices in the WGS84 conversion made
/// independently for the project's reference material (an iterative inversion with < 1 m error,
/// rounded to 1e-6°; its ring runs the other way, vertices 217, 167, 117, 67). Only these numbers
/// are copied, not the files (they carry no licence).
private let bagongshanPairs: [(gcj: (Double, Double), wgs: (Double, Double))] = [
    ((116.861582, 32.672812), (116.856401, 32.674989)),
    ((116.784372, 32.642011), (116.779079, 32.644073)),
    ((116.825744, 32.625077), (116.820508, 32.627209)),
    ((116.855676, 32.613993), (116.850492, 32.616184)),
]

/// A deterministic spread of positions across mainland China.
private let chinaGrid: [(Double, Double)] = stride(from: 75.5, through: 134.5, by: 3.7).flatMap { lon in
    stride(from: 18.3, through: 53.3, by: 2.9).map { lat in (lon, lat) }
}

@Suite struct ChineseCoordinatesTests {
    @Test func gcj02ToWGS84MatchesTheReferenceConversion() {
        for pair in bagongshanPairs {
            let w = ChineseCoordinates.gcj02ToWGS84(longitude: pair.gcj.0, latitude: pair.gcj.1)
            // The reference is rounded to 1e-6° (over all 219 vertices it agrees to within 5e-7°).
            #expect(abs(w.longitude - pair.wgs.0) < 1e-6, "lon \(w.longitude) vs \(pair.wgs.0)")
            #expect(abs(w.latitude - pair.wgs.1) < 1e-6, "lat \(w.latitude) vs \(pair.wgs.1)")
        }
    }

    @Test func forwardOffsetAtBagongshanHasTheMeasuredSize() {
        // SOURCE.md of the sample data: the GCJ-02 offset there is about +0.00523° lon, −0.00213° lat.
        let g = ChineseCoordinates.wgs84ToGCJ02(longitude: 116.82, latitude: 32.65)
        #expect(abs((g.longitude - 116.82) - 0.00523) < 0.0001)
        #expect(abs((g.latitude - 32.65) + 0.00213) < 0.0001)
    }

    @Test func gcj02RoundTripsBelowANanodegree() {
        var worst = 0.0
        for (lon, lat) in chinaGrid {
            let g = ChineseCoordinates.wgs84ToGCJ02(longitude: lon, latitude: lat)
            #expect(g.longitude != lon || g.latitude != lat, "no offset applied inside China at \(lon), \(lat)")
            let back = ChineseCoordinates.gcj02ToWGS84(longitude: g.longitude, latitude: g.latitude)
            worst = max(worst, abs(back.longitude - lon), abs(back.latitude - lat))
        }
        #expect(worst < 1e-9, "worst round-trip error \(worst)°")
    }

    @Test func bd09RoundTripsBelowANanodegree() {
        var worst = 0.0
        for (lon, lat) in chinaGrid {
            let b = ChineseCoordinates.wgs84ToBD09(longitude: lon, latitude: lat)
            let back = ChineseCoordinates.bd09ToWGS84(longitude: b.longitude, latitude: b.latitude)
            worst = max(worst, abs(back.longitude - lon), abs(back.latitude - lat))
            let g = ChineseCoordinates.bd09ToGCJ02(longitude: b.longitude, latitude: b.latitude)
            let b2 = ChineseCoordinates.gcj02ToBD09(longitude: g.longitude, latitude: g.latitude)
            worst = max(worst, abs(b2.longitude - b.longitude), abs(b2.latitude - b.latitude))
        }
        #expect(worst < 1e-9, "worst round-trip error \(worst)°")
    }

    @Test func bd09IsGCJ02ShiftedByBaidusConstants() {
        // The Baidu perturbation is dominated by its +0.0065° / +0.006° shift.
        let g = ChineseCoordinates.wgs84ToGCJ02(longitude: 116.82, latitude: 32.65)
        let b = ChineseCoordinates.gcj02ToBD09(longitude: g.longitude, latitude: g.latitude)
        #expect(abs(b.longitude - g.longitude - 0.0065) < 0.001)
        #expect(abs(b.latitude - g.latitude - 0.006) < 0.001)
    }

    @Test func outsideChinaGCJ02IsTheIdentity() {
        for (lon, lat) in [(-0.1276, 51.5072), (151.2093, -33.8688), (139.8, 35.7), (60.0, 30.0), (100.0, 0.5)] {
            #expect(ChineseCoordinates.isOutsideChina(longitude: lon, latitude: lat))
            let g = ChineseCoordinates.wgs84ToGCJ02(longitude: lon, latitude: lat)
            #expect(g.longitude == lon && g.latitude == lat)
            let w = ChineseCoordinates.gcj02ToWGS84(longitude: lon, latitude: lat)
            #expect(w.longitude == lon && w.latitude == lat)
        }
        #expect(!ChineseCoordinates.isOutsideChina(longitude: 116.8, latitude: 32.6))
    }

    @Test func inputCRSConvertsColumns() throws {
        var x = bagongshanPairs.map(\.gcj.0), y = bagongshanPairs.map(\.gcj.1)
        try InputCRS(parsing: "GCJ02").toWGS84(x: &x, y: &y)
        for (i, pair) in bagongshanPairs.enumerated() {
            #expect(abs(x[i] - pair.wgs.0) < 1e-6 && abs(y[i] - pair.wgs.1) < 1e-6)
        }
        // bd09 input goes back to the same WGS84 point.
        let b = ChineseCoordinates.wgs84ToBD09(longitude: 116.8, latitude: 32.6)
        let p = try InputCRS(parsing: "bd-09").toWGS84([Point2(b.longitude, b.latitude)])
        #expect(abs(p[0].x - 116.8) < 1e-9 && abs(p[0].y - 32.6) < 1e-9)
    }

    @Test func inputCRSConvertsGeometryValuesInOneBatch() throws {
        let ring = bagongshanPairs.map { Point2($0.gcj.0, $0.gcj.1) } + [Point2(bagongshanPairs[0].gcj.0, bagongshanPairs[0].gcj.1)]
        let multi = MultiPolygon([Polygon(rings: [ring, ring]), Polygon(rings: [ring])])
        let converted = try InputCRS.gcj02.toWGS84(multi)
        #expect(converted.polygons.map { $0.rings.map(\.count) } == [[5, 5], [5]])
        for (i, pair) in bagongshanPairs.enumerated() {
            let p = converted.polygons[1].rings[0][i]
            #expect(abs(p.x - pair.wgs.0) < 1e-6 && abs(p.y - pair.wgs.1) < 1e-6)
        }
        let barriers = try InputCRS.gcj02.toWGS84(Barriers(lines: [ring, []], polygons: [Polygon(rings: [ring])]))
        #expect(barriers.lines.map(\.count) == [5, 0] && barriers.polygons[0] == converted.polygons[1])
        // Any PROJ CRS too: zone 50 metres → degrees.
        let utm = try InputCRS(parsing: "EPSG:32650").toWGS84(MultiPolygon([Polygon(rings: [[Point2(500_000, 0)]])]))
        #expect(abs(utm.polygons[0].rings[0][0].x - 117) < 1e-9)
        #expect(try InputCRS.wgs84.toWGS84(multi) == multi)
    }
}

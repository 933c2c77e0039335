import Foundation
import Testing
import WanggeModel
@testable import WanggeRender

struct ScaleAndProjectionTests {
    @Test func localProjectionMatchesPublishedDegreeLengths() {
        // WGS84 lengths at 40°N: one degree of latitude ≈ 111 035 m, of longitude ≈ 85 394 m.
        let p = LocalProjection(lon0: 116, lat0: 40)
        let north = p.project(lon: 116, lat: 40.5).y - p.project(lon: 116, lat: 39.5).y
        let east = p.project(lon: 116.5, lat: 40).x - p.project(lon: 115.5, lat: 40).x
        #expect(abs(north - 111_035) < 40)
        #expect(abs(east - 85_394) < 40)
        let back = p.unproject(p.project(lon: 116.3, lat: 40.2))
        #expect(abs(back.x - 116.3) < 1e-12 && abs(back.y - 40.2) < 1e-12)
    }

    @Test func roundLengthsAreOneTwoOrFiveTimesAPowerOfTen() {
        var x = 0.37
        while x < 3e6 {
            let r = ScaleBar.roundLength(notExceeding: x)
            let exponent = floor(log10(r))
            let lead = (r / pow(10, exponent)).rounded()
            #expect([1.0, 2.0, 5.0].contains(lead), "\(r) for \(x)")
            #expect(r <= x * (1 + 1e-12) && r > x / 2.5 - 1e-9, "\(r) for \(x)")
            x *= 1.173
        }
        #expect(ScaleBar.format(metres: 500) == "500 m")
        #expect(ScaleBar.format(metres: 2000) == "2 km")
    }

    @Test func scaleBarMeasuresTheGround() throws {
        let plan = Fixtures.grid(columns: 4, rows: 3)
        for paper in [PaperSize.a1, .a4] {
            let layout = try PosterLayout(plan: plan, options: PosterOptions(paper: paper))
            let bar = layout.scaleBar
            // Two points `bar.metres` apart east–west at the map's centre latitude are `bar.length` apart on paper.
            let lat = layout.projection.lat0
            let degrees = bar.metres / layout.projection.metresPerDegreeX
            let a = layout.pagePoint(lon: 113.51, lat: lat), b = layout.pagePoint(lon: 113.51 + degrees, lat: lat)
            #expect(abs((b.x - a.x) - bar.length) < 1e-6 * bar.length)
            // The printed ratio agrees: length in metres on paper × denominator = ground metres.
            #expect(abs(bar.length * 0.0254 / 72 * layout.scaleDenominator - bar.metres) < 1e-6 * bar.metres)
            #expect(bar.length > 0 && bar.length <= layout.legend.frame.width)
            // A 0.01° cell is ~1017 m east–west at 24°N (111 320·cos 24° ≈ 101 700 m per degree).
            let cell = layout.pagePoint(lon: 113.51, lat: 24.005).x - layout.pagePoint(lon: 113.50, lat: 24.005).x
            #expect(abs(cell / layout.pointsPerMetre - 1017.4) < 3)
        }
    }

    @Test func neighboursAreFoundFromSharedEdges() {
        let plan = Fixtures.grid(columns: 3, rows: 3)
        let colouring = DistrictColouring(plan: plan)
        #expect(!colouring.recoloured)
        #expect(colouring.neighbours[4] == [1, 3, 5, 7]) // centre: edges only, not corners
        #expect(colouring.neighbours[0] == [1, 3])
        let bad = DistrictColouring(plan: Fixtures.grid(columns: 5, rows: 5, colour: { c, _ in c % 2 }))
        #expect(bad.recoloured)
        for (d, ns) in bad.neighbours.enumerated() { for n in ns { #expect(bad.indices[d] != bad.indices[n]) } }
        #expect(Set(bad.indices).count <= Palette.fills.count)
    }

    @Test func paletteIsLightEnoughForBlackText() {
        #expect(Palette.fills.count >= 6)
        #expect(Set(Palette.fills).count == Palette.fills.count)
        for c in Palette.fills {
            let luminance = 0.2126 * c.red + 0.7152 * c.green + 0.0722 * c.blue
            #expect(luminance > 0.45, "\(c) is too dark for labels")
        }
    }
}

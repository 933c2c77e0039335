import Foundation
import Testing
import WanggeModel
@testable import WanggeRender

/// Rendered PNGs read back from disk: what a committee member would see.
@Suite(.serialized) struct PosterPixelTests {
    /// Pixels around (not on) the label: points just outside its box but inside its empty circle.
    func fillSamples(_ label: PlacedLabel, _ image: RasterImage, dpi: Double) -> [(red: UInt8, green: UInt8, blue: UInt8)] {
        let k = dpi / 72
        let a = label.anchor
        let offsets = [Point2(label.box.width / 2 + 4, 0), Point2(-label.box.width / 2 - 4, 0),
                       Point2(0, label.box.height / 2 + 4), Point2(0, -label.box.height / 2 - 4)]
        return offsets.filter { ($0.x * $0.x + $0.y * $0.y).squareRoot() < label.clearance - 2 }.map { o in
            image.rgb(x: Int(((a.x + o.x) * k).rounded()), y: Int(((a.y + o.y) * k).rounded()))
        }
    }

    @Test func labelPointsShowTheirDistrictsFillAndNeighboursDiffer() throws {
        let plan = Fixtures.grid()
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/wall.png"
        let options = PosterOptions(paper: .a3, dpi: 100)
        let layout = try Poster.write(plan, to: path, options: options)
        let image = try RasterImage(pngAt: path)
        #expect(image.width == layout.pixelSize.width && image.height == layout.pixelSize.height)
        #expect(layout.labels.count == 9)
        var seen: [Int: (UInt8, UInt8, UInt8)] = [:]
        for label in layout.labels {
            let fill = layout.fills[label.district].bytes
            let samples = fillSamples(label, image, dpi: options.dpi)
            #expect(samples.count >= 2, "label of \(label.number) has too little room around it")
            for s in samples {
                #expect(s == fill, "around the label of \(label.number): \(s) is not its fill \(fill)")
            }
            seen[label.district] = (fill.red, fill.green, fill.blue)
        }
        for (a, b) in Fixtures.gridNeighbours(columns: 3, rows: 3) {
            #expect(seen[a]! != seen[b]!, "neighbours \(a) and \(b) share a colour")
        }
    }

    @Test func barriersAreDrawnInWaterBlueAcrossTheMap() throws {
        let plan = Fixtures.grid()   // 3×3 cells of 0.01° from (113.5, 24.0)
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A river along the meridian 113.505°, through the middle of the first column of cells.
        let river = Barriers(lines: [[Point2(113.505, 23.99), Point2(113.505, 24.04)]])
        let options = PosterOptions(paper: .a3, dpi: 100, barriers: river)
        let path = dir + "/wall.png"
        let layout = try Poster.write(plan, to: path, options: options)
        let image = try RasterImage(pngAt: path)
        let k = options.dpi / 72
        let water = Palette.water.bytes
        // The line is anti-aliased: some pixel of the three across it is water blue (within 32 per channel).
        func waterNear(_ image: RasterImage, _ p: Point2) -> Bool {
            (-1...1).contains { dx in
                let c = image.rgb(x: Int((p.x * k).rounded()) + dx, y: Int((p.y * k).rounded()))
                return abs(Int(c.red) - Int(water.red)) < 32 && abs(Int(c.green) - Int(water.green)) < 32
                    && abs(Int(c.blue) - Int(water.blue)) < 32
            }
        }
        for lat in [24.004, 24.012, 24.026] {
            #expect(waterNear(image, layout.pagePoint(lon: 113.505, lat: lat)), "no river at \(lat)")
        }
        // Without barriers the same place shows no water.
        let plain = dir + "/plain.png"
        let plainLayout = try Poster.write(plan, to: plain, options: PosterOptions(paper: .a3, dpi: 100))
        #expect(!waterNear(try RasterImage(pngAt: plain), plainLayout.pagePoint(lon: 113.505, lat: 24.012)))
    }

    @Test func badPlanColoursAreReplacedSoNeighboursStillDiffer() throws {
        let plan = Fixtures.grid(columns: 4, rows: 3, colour: { _, _ in 0 })
        let (layout, image) = try Poster.raster(plan, options: PosterOptions(paper: .a4, dpi: 90))
        #expect(layout.recoloured)
        var colours: [Int: (UInt8, UInt8, UInt8)] = [:]
        for label in layout.labels {
            let samples = fillSamples(label, image, dpi: 90)
            #expect(!samples.isEmpty)
            let first = try #require(samples.first)
            #expect(samples.allSatisfy { $0 == first })
            colours[label.district] = first
        }
        for (a, b) in Fixtures.gridNeighbours(columns: 4, rows: 3) {
            #expect(colours[a]! != colours[b]!, "neighbours \(a) and \(b) share a colour")
        }
    }

    @Test func householdDotsAreDrawnWhereHouseholdsAre() throws {
        let plan = Fixtures.grid()
        let (layout, image) = try Poster.raster(plan, options: PosterOptions(paper: .a3, dpi: 100))
        let k = 100.0 / 72
        for i in 0..<plan.households.count {
            let p = layout.pagePoint(lon: plan.households.lon[i], lat: plan.households.lat[i])
            let c = image.rgb(x: Int((p.x * k).rounded()), y: Int((p.y * k).rounded()))
            let fill = layout.fills[Int(plan.assignment[i])].bytes
            // A dark dot over the light fill: clearly darker than the fill.
            #expect(Int(c.red) + Int(c.green) + Int(c.blue) < Int(fill.red) + Int(fill.green) + Int(fill.blue) - 150)
        }
    }

    @Test func sameInputGivesIdenticalFiles() throws {
        let plan = Fixtures.grid()
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for ext in ["pdf", "png"] {
            let options = PosterOptions(paper: .a4, dpi: 72, dataDate: "2026-11-28")
            try Poster.write(plan, to: "\(dir)/a.\(ext)", options: options)
            try Poster.write(plan, to: "\(dir)/b.\(ext)", options: options)
            let a = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/a.\(ext)"))
            let b = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/b.\(ext)"))
            #expect(a == b, "\(ext) differs between two runs")
        }
    }
}

/// A plan of household points only (no service areas yet): dots take their district's fill.
struct PointsOnlyPlanTests {
    @Test func householdsOfDistrictsWithoutAreasShowTheirFill() throws {
        var plan = Fixtures.grid(columns: 3, rows: 2)
        for d in plan.districts.indices { plan.districts[d].area = MultiPolygon() }
        let dpi = 300.0
        let (layout, image) = try Poster.raster(plan, options: PosterOptions(paper: .a4, dpi: dpi))
        #expect(layout.labels.count == 6)
        let k = dpi / 72
        for i in 0..<plan.households.count {
            let p = layout.pagePoint(lon: plan.households.lon[i], lat: plan.households.lat[i])
            // Just beside the dark centre dot, inside the coloured ring.
            let ring = image.rgb(x: Int(((p.x + 1.5 * layout.dotRadius) * k).rounded()), y: Int((p.y * k).rounded()))
            let fill = layout.fills[Int(plan.assignment[i])].bytes
            let near = abs(Int(ring.red) - Int(fill.red)) + abs(Int(ring.green) - Int(fill.green)) + abs(Int(ring.blue) - Int(fill.blue))
            // Labels may cover a few dots; the fixture keeps households off the district centres.
            #expect(near < 60, "household \(i): \(ring) is not near \(fill)")
        }
    }
}

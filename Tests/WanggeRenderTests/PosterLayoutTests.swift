import Foundation
import Testing
import WanggeModel
@testable import WanggeRender

struct PosterLayoutTests {
    @Test func legendListsEveryDistrictWithItsCounts() throws {
        let plan = Fixtures.grid(columns: 4, rows: 3)
        let layout = try PosterLayout(plan: plan, options: PosterOptions(paper: .a2))
        #expect(layout.legendRows.map(\.id) == plan.districts.map(\.id))
        #expect(layout.legend.omittedRows == 0)
        #expect(layout.legend.blocks * layout.legend.rowsPerBlock >= plan.districts.count)
        for (d, row) in layout.legendRows.enumerated() {
            // The fixture gives district d exactly d+1 households, members cycling 1…4.
            #expect(row.households == d + 1)
            #expect(row.members == (0...d).reduce(0) { $0 + 1 + $1 % 4 })
            #expect(row.name == plan.districts[d].label?.name)
            #expect(row.leader == plan.districts[d].label?.leader)
            #expect(row.phone == plan.districts[d].label?.phone)
        }
        #expect(layout.legend.headers == ["片区", "名称", "户数", "人数", "负责人", "电话"])
        #expect(layout.legend.frame.x >= layout.mapFrame.maxX || layout.legend.frame.y >= layout.mapFrame.maxY)
    }

    @Test func legendWithoutLabelsDropsEmptyColumns() throws {
        let layout = try PosterLayout(plan: Fixtures.grid(labels: false), options: PosterOptions(paper: .a4))
        #expect(layout.legend.headers == ["片区", "户数", "人数"])
    }

    @Test func manyDistrictsFlowIntoSeveralLegendBlocks() throws {
        let plan = Fixtures.grid(columns: 20, rows: 15, cell: 0.002)
        let layout = try PosterLayout(plan: plan, options: PosterOptions(paper: .a1))
        #expect(layout.legendRows.count == 300)
        #expect(layout.legend.blocks > 1)
        #expect(layout.legend.blocks * layout.legend.rowsPerBlock + layout.legend.omittedRows >= 300)
    }

    @Test func labelsSitInsideTheirDistrictsAndDoNotOverlap() throws {
        let plan = Fixtures.grid(columns: 6, rows: 4)
        let layout = try PosterLayout(plan: plan, options: PosterOptions(paper: .a3))
        #expect(layout.labels.count == plan.districts.count)
        for label in layout.labels {
            let ring = plan.districts[label.district].area.polygons[0].rings[0]
            let xs = ring.map(\.x), ys = ring.map(\.y)
            #expect(label.lonLat.x > xs.min()! && label.lonLat.x < xs.max()! && label.lonLat.y > ys.min()! && label.lonLat.y < ys.max()!)
            #expect(!label.collides)
            #expect(layout.mapFrame.contains(label.box))
        }
        for (i, a) in layout.labels.enumerated() {
            for b in layout.labels[(i + 1)...] { #expect(!a.box.intersects(b.box), "\(a.number) overlaps \(b.number)") }
        }
    }

    @Test func crowdedLabelsAvoidEachOtherOrSayTheyCollide() throws {
        // 24×24 tiny districts on A4: labels are bigger than the districts.
        let plan = Fixtures.grid(columns: 24, rows: 24, cell: 0.0004)
        let layout = try PosterLayout(plan: plan, options: PosterOptions(paper: .a4))
        let free = layout.labels.filter { !$0.collides }
        #expect(!free.isEmpty)
        for (i, a) in free.enumerated() {
            for b in free[(i + 1)...] { #expect(!a.box.intersects(b.box), "\(a.number) overlaps \(b.number)") }
        }
    }

    @Test func labelFontGrowsWithTheDistrict() throws {
        // The same page filled by 12×12 small or 2×2 large districts: larger districts, larger labels.
        let small = try PosterLayout(plan: Fixtures.grid(columns: 12, rows: 12, cell: 0.0005, labels: false),
                                     options: PosterOptions(paper: .a4))
        let large = try PosterLayout(plan: Fixtures.grid(columns: 2, rows: 2, cell: 0.003, labels: false),
                                     options: PosterOptions(paper: .a4))
        #expect(large.labels.map(\.fontSize).min()! > small.labels.map(\.fontSize).max()!)
    }

    @Test func orientationFollowsTheMapUnlessForced() throws {
        let wide = Fixtures.grid(columns: 6, rows: 1)
        let tall = Fixtures.grid(columns: 1, rows: 6)
        #expect(try PosterLayout(plan: wide, options: PosterOptions(paper: .a3)).landscape)
        #expect(try !PosterLayout(plan: tall, options: PosterOptions(paper: .a3)).landscape)
        #expect(try !PosterLayout(plan: wide, options: PosterOptions(paper: .a3, orientation: .portrait)).landscape)
        #expect(try PosterLayout(plan: tall, options: PosterOptions(paper: .a3, orientation: .landscape)).landscape)
        let forced = try PosterLayout(plan: tall, options: PosterOptions(paper: .a3, orientation: .landscape))
        #expect(forced.pageWidth > forced.pageHeight)
    }

    @Test func mapFillsItsFrameAndStaysInside() throws {
        let plan = Fixtures.grid(columns: 5, rows: 2)
        let layout = try PosterLayout(plan: plan, options: PosterOptions(paper: .a1))
        let corners = [Point2(113.5, 24.0), Point2(113.55, 24.02)]
        let p = corners.map { layout.pagePoint(lon: $0.x, lat: $0.y) }
        let frame = layout.mapFrame
        for q in p { #expect(q.x >= frame.x && q.x <= frame.maxX && q.y >= frame.y && q.y <= frame.maxY) }
        // One dimension (nearly) fills the frame.
        let fillX = (p[1].x - p[0].x) / frame.width, fillY = (p[0].y - p[1].y) / frame.height
        #expect(max(fillX, fillY) > 0.95)
        // North is up: the northern corner is higher on the page.
        #expect(p[1].y < p[0].y)
    }
}

/// A town of irregular GEOS-built service areas, as a partition would produce.
struct SyntheticTownTests {
    @Test func labelsOfIrregularDistrictsSitWellInsideAndApart() throws {
        let plan = try SyntheticTown.plan(households: 1312, districts: 21)
        let layout = try PosterLayout(plan: plan, options: PosterOptions(paper: .a1))
        #expect(layout.labels.count == 21)
        #expect(layout.legendRows.count == 21 && layout.legend.omittedRows == 0)
        let projection = layout.projection
        for label in layout.labels {
            let area = plan.districts[label.district].area
            let shape = PlanarShape(rings: area.polygons.flatMap { $0.rings.map { $0.map(projection.project) } })
            let p = projection.project(label.lonLat)
            // Inside its own district, with the clearance it claims (within the search tolerance).
            #expect(shape.contains(p), "label of \(label.number) outside its district")
            #expect(abs(shape.signedDistance(p) * layout.pointsPerMetre - label.clearance) < 0.02 * label.clearance + 1)
            #expect(!label.collides)
        }
        for (i, a) in layout.labels.enumerated() {
            for b in layout.labels[(i + 1)...] { #expect(!a.box.intersects(b.box), "\(a.number) overlaps \(b.number)") }
        }
        // The plan's colouring came from its neighbours, so the map keeps it.
        #expect(!layout.recoloured)
    }
}

import Testing
import PropertyBased
import WanggeModel
import WanggeGraph
@testable import WanggeGeometry

@Suite("Service areas")
struct ServiceAreaTests {
    /// A 20 × 20 grid: every four neighbouring sites are cocircular, the degenerate case for
    /// Voronoi vertices. Districts are 4 × 5 blocks of the grid.
    func gridCase() -> (sites: [Point2], district: [Int32], clip: MultiPolygon) {
        var sites: [Point2] = [], district: [Int32] = []
        for i in 0..<20 {
            for j in 0..<20 {
                sites.append(Point2(Double(i) * 10 + 5, Double(j) * 10 + 5))
                district.append(Int32((i / 5) * 4 + j / 5))
            }
        }
        return (sites, district, box(0, 0, 200, 200))
    }

    @Test(arguments: [false, true])
    func gridTilesTheSquare(useTriangles: Bool) throws {
        let (sites, district, clip) = gridCase()
        let result = try ServiceAreas.build(sites: sites, siteDistrict: district, k: 16, clip: clip,
                                            triangles: useTriangles ? delaunayTriangles(sites) : nil)
        #expect(result.method == (useTriangles ? "triangulation dual" : "GEOS Voronoi"))
        try expectTiling(result.districts, sites: sites, siteDistrict: district, clip: clip)
        #expect(result.multipart.isEmpty)
        // Each block is exactly its 50 × 50 square (grid Voronoi cells are the unit squares).
        let context = GeometryContext()
        for d in 0..<16 {
            let g = try context.multiPolygon(result.districts[d])
            #expect(abs(try g.area() - 2500) < 1e-6)
            #expect(result.districts[d].polygons.count == 1)
        }
    }

    @Test func concaveClipSplitsADistrictAndReportsIt() throws {
        // A U-shaped boundary: the district spanning both arms is cut in two by the notch.
        let clip = MultiPolygon([Polygon(rings: [[
            Point2(0, 0), Point2(30, 0), Point2(30, 30), Point2(20, 30), Point2(20, 10), Point2(10, 10),
            Point2(10, 30), Point2(0, 30), Point2(0, 0),
        ]])])
        let sites = [Point2(5, 25), Point2(25, 25), Point2(15, 5), Point2(5, 5), Point2(25, 5)]
        let district: [Int32] = [0, 0, 1, 1, 1]
        for triangles in [nil, delaunayTriangles(sites)] {
            let result = try ServiceAreas.build(sites: sites, siteDistrict: district, k: 2, clip: clip,
                                                triangles: triangles)
            try expectTiling(result.districts, sites: sites, siteDistrict: district, clip: clip)
            #expect(result.multipart == [0])
            #expect(result.districts[0].polygons.count == 2)
            #expect(result.districts[1].polygons.count == 1)
        }
    }

    @Test func singleSiteAndSingleDistrictTakeTheWholeRegion() throws {
        let clip = box(-10, -10, 10, 10)
        let one = try ServiceAreas.build(sites: [Point2(1, 2)], siteDistrict: [0], k: 1, clip: clip)
        try expectTiling(one.districts, sites: [Point2(1, 2)], siteDistrict: [0], clip: clip)
        let sites = randomSites(30, side: 10, seed: 3)
        let all = try ServiceAreas.build(sites: sites, siteDistrict: [Int32](repeating: 0, count: 30), k: 1,
                                         clip: box(-1, -1, 11, 11), triangles: delaunayTriangles(sites))
        #expect(abs(all.districtAreaSum - 144) < 1e-9)
    }

    @Test func twoSitesSplitTheRegion() throws {
        let sites = [Point2(2, 5), Point2(8, 5)]
        let result = try ServiceAreas.build(sites: sites, siteDistrict: [0, 1], k: 2, clip: box(0, 0, 10, 10),
                                            triangles: delaunayTriangles(sites))
        try expectTiling(result.districts, sites: sites, siteDistrict: [0, 1], clip: box(0, 0, 10, 10))
        let context = GeometryContext()
        #expect(abs(try context.multiPolygon(result.districts[0]).area() - 50) < 1e-9)
    }

    @Test func repeatedBuildsAreIdentical() throws {
        let sites = randomSites(500, side: 1000, seed: 77)
        let district = nearestCentreDistricts(sites, k: 9, seed: 77)
        let triangles = delaunayTriangles(sites)
        let first = try ServiceAreas.build(sites: sites, siteDistrict: district, k: 9, clip: box(0, 0, 1000, 1000), triangles: triangles)
        let second = try ServiceAreas.build(sites: sites, siteDistrict: district, k: 9, clip: box(0, 0, 1000, 1000), triangles: triangles)
        #expect(first.districts == second.districts)
        let geos1 = try ServiceAreas.build(sites: sites, siteDistrict: district, k: 9, clip: box(0, 0, 1000, 1000))
        let geos2 = try ServiceAreas.build(sites: sites, siteDistrict: district, k: 9, clip: box(0, 0, 1000, 1000))
        #expect(geos1.districts == geos2.districts)
    }

    @Test func collinearSitesStillTile() throws {
        let sites = (0..<8).map { Point2(Double($0) * 3 + 1, 5) }
        let district: [Int32] = [0, 0, 0, 1, 1, 2, 2, 2]
        let clip = box(0, 0, 25, 10)
        let result = try ServiceAreas.build(sites: sites, siteDistrict: district, k: 3, clip: clip,
                                            triangles: delaunayTriangles(sites))
        try expectTiling(result.districts, sites: sites, siteDistrict: district, clip: clip)
    }

    @Test func aDistrictWithoutSitesIsEmpty() throws {
        let sites = randomSites(40, side: 100, seed: 9)
        let district = sites.map { Int32($0.x < 50 ? 0 : 2) }
        let clip = box(0, 0, 100, 100)
        let result = try ServiceAreas.build(sites: sites, siteDistrict: district, k: 3, clip: clip,
                                            triangles: delaunayTriangles(sites))
        #expect(result.districts[1].isEmpty)
        try expectTiling(result.districts, sites: sites, siteDistrict: district, clip: clip)
    }

    @Test func badInputsAreTypedErrors() throws {
        let sites = [Point2(1, 1), Point2(5, 5), Point2(50, 50)]
        do {
            _ = try ServiceAreas.build(sites: sites, siteDistrict: [0, 1, 1], k: 2, clip: box(0, 0, 10, 10))
            Issue.record("a site outside the clip region was accepted")
        } catch let error as WanggeError {
            #expect(error.status == .dataError)
            #expect(error.message.contains("outside the clip region: 2"))
        }
        let bowtie = MultiPolygon([Polygon(rings: [[Point2(0, 0), Point2(60, 60), Point2(60, 0), Point2(0, 60), Point2(0, 0)]])])
        do {
            _ = try ServiceAreas.build(sites: sites, siteDistrict: [0, 1, 1], k: 2, clip: bowtie)
            Issue.record("an invalid clip region was accepted")
        } catch let error as WanggeError {
            #expect(error.status == .dataError)
            #expect(error.message.contains("Self-intersection"))
        }
        #expect(throws: WanggeError.self) {
            _ = try ServiceAreas.build(sites: sites, siteDistrict: [0, 1, 2], k: 2, clip: box(0, 0, 60, 60))
        }
    }

    @Test func clipIndexPiecesGiveTheSameIntersection() throws {
        let context = GeometryContext()
        let sites = randomSites(60, side: 1000, seed: 21)
        let region = try context.multiPoint(sites).buffer(80, quadrantSegments: 8).unaryUnion()
        let index = try ClipIndex(region: region, maxVertices: 20)
        #expect(index.pieces.count > region.numPolygons, "large parts were cut into pieces")
        for (i, district) in [box(100, 100, 600, 500), box(-50, -50, 300, 1200), box(0, 0, 1000, 1000)].enumerated() {
            let g = try context.multiPolygon(district)
            let clipped = try index.clip(g)
            let direct = try g.intersection(region)
            #expect(try clipped.isValid())
            #expect(try clipped.symmetricDifference(direct).area() < 1e-9 * (try direct.area()), "case \(i)")
        }
        // Point tests through the pieces agree with one prepared test against the whole region.
        let probes = randomSites(2000, side: 1200, seed: 22).map { Point2($0.x - 100, $0.y - 100) } + sites
        let whole = try PreparedGeometry(region)
        let expected = try probes.indices.filter { try !whole.covers(x: probes[$0].x, y: probes[$0].y) }
        #expect(try index.pointsOutside(probes) == expected)
        #expect(expected.count > 100 && expected.count < 1900)
    }

    @Test func inconsistentTwinsAreIgnored() throws {
        let sites = randomSites(50, side: 100, seed: 4)
        let delaunay = Delaunay(x: sites.map(\.x), y: sites.map(\.y))
        var twins = delaunay.halfedges
        twins.swapAt(0, 1)
        #expect(!Triangulation.consistent(triangles: delaunay.triangles, halfedges: twins))
        #expect(Triangulation.consistent(triangles: delaunay.triangles, halfedges: delaunay.halfedges))
        let district = nearestCentreDistricts(sites, k: 3, seed: 4)
        let result = try ServiceAreas.build(sites: sites, siteDistrict: district, k: 3, clip: box(0, 0, 100, 100),
                                            triangles: delaunay.triangles, halfedges: twins)
        try expectTiling(result.districts, sites: sites, siteDistrict: district, clip: box(0, 0, 100, 100))
    }

    @Test func nonDelaunayTrianglesFallBackToGEOS() throws {
        // Four sites of a convex quadrilateral, triangulated across the wrong diagonal.
        let sites = [Point2(0, 0), Point2(10, -1), Point2(20, 0), Point2(10, 1)]
        let wrong: [Int32] = [0, 1, 2, 0, 2, 3] // the long diagonal 0–2; Delaunay takes 1–3
        let district: [Int32] = [0, 1, 0, 1]
        let clip = box(-5, -5, 25, 5)
        let result = try ServiceAreas.build(sites: sites, siteDistrict: district, k: 2, clip: clip, triangles: wrong)
        #expect(result.method == "GEOS Voronoi")
        #expect(result.dualFailure?.contains("not Delaunay") == true)
        try expectTiling(result.districts, sites: sites, siteDistrict: district, clip: clip)
    }

    @Test func randomSitesTileTheBox() async throws {
        await propertyCheck(count: 25, input: Gen.int(in: 3...300), Gen.int(in: 1...8), Gen.int(in: 0...1_000_000)) { n, k, seed in
            let sites = randomSites(n, side: 1000, seed: UInt64(seed))
            let district = nearestCentreDistricts(sites, k: min(k, n), seed: UInt64(seed))
            let clip = box(-1, -1, 1001, 1001)
            let delaunay = Delaunay(x: sites.map(\.x), y: sites.map(\.y))
            let dual = try ServiceAreas.build(sites: sites, siteDistrict: district, k: min(k, n), clip: clip,
                                              triangles: delaunay.triangles)
            #expect(dual.method == "triangulation dual")
            let withTwins = try ServiceAreas.build(sites: sites, siteDistrict: district, k: min(k, n), clip: clip,
                                                   triangles: delaunay.triangles, halfedges: delaunay.halfedges)
            #expect(withTwins.districts == dual.districts)
            try expectTiling(dual.districts, sites: sites, siteDistrict: district, clip: clip)
            let geos = try ServiceAreas.build(sites: sites, siteDistrict: district, k: min(k, n), clip: clip)
            try expectTiling(geos.districts, sites: sites, siteDistrict: district, clip: clip)
            // Both constructions describe the same districts.
            let context = GeometryContext()
            for d in 0..<min(k, n) {
                let a = try context.multiPolygon(dual.districts[d]), b = try context.multiPolygon(geos.districts[d])
                #expect(try a.symmetricDifference(b).area() <= 1e-9 * 1002 * 1002)
            }
        }
    }

    @Test func utmSizedCoordinatesTile() async throws {
        // Real inputs are UTM metres: x near 5e5, y near 2.5e6 (southern China).
        await propertyCheck(count: 10, input: Gen.int(in: 3...300), Gen.int(in: 1...8), Gen.int(in: 0...1_000_000)) { n, k, seed in
            let sites = randomSites(n, side: 3000, seed: UInt64(seed)).map { Point2($0.x + 512_345.678, $0.y + 2_501_234.567) }
            let district = nearestCentreDistricts(sites, k: min(k, n), seed: UInt64(seed))
            let clip = box(512_340, 2_501_230, 515_350, 2_504_240)
            let result = try ServiceAreas.build(sites: sites, siteDistrict: district, k: min(k, n), clip: clip,
                                                triangles: delaunayTriangles(sites))
            #expect(result.method == "triangulation dual" || n < 3)
            try expectTiling(result.districts, sites: sites, siteDistrict: district, clip: clip)
        }
    }

    @Test func randomSitesInAHoledIrregularRegion() async throws {
        // Clip region: the union of the sites' 40 m discs minus nothing else — several parts and
        // holes, so districts are cut by the boundary.
        await propertyCheck(count: 15, input: Gen.int(in: 5...150), Gen.int(in: 2...6), Gen.int(in: 0...1_000_000)) { n, k, seed in
            let sites = randomSites(n, side: 1000, seed: UInt64(seed))
            let district = nearestCentreDistricts(sites, k: k, seed: UInt64(seed))
            let context = GeometryContext()
            let clip = try context.multiPoint(sites).buffer(40, quadrantSegments: 4).toMultiPolygon()
            let result = try ServiceAreas.build(sites: sites, siteDistrict: district, k: k, clip: clip,
                                                triangles: delaunayTriangles(sites))
            try expectTiling(result.districts, sites: sites, siteDistrict: district, clip: clip)
            for d in 0..<k {
                #expect(result.multipart.contains(d) == (result.districts[d].polygons.count > 1))
            }
        }
    }
}

import Testing
import PropertyBased
import WanggeModel
@testable import WanggeGeometry

@Suite("Colouring and precision")
struct ColoringAndPrecisionTests {
    @Test func checkerboardCornersDoNotCountAsNeighbours() throws {
        // Four unit squares meeting at (1, 1): 0–3 and 1–2 touch only at that point.
        let squares = [box(0, 0, 1, 1), box(1, 0, 2, 1), box(0, 1, 1, 2), box(1, 1, 2, 2)]
        let pairs = try DistrictColoring.adjacency(squares)
        #expect(pairs.map { [$0.0, $0.1] } == [[0, 1], [0, 2], [1, 3], [2, 3]])
        let overlayPairs = try DistrictColoring.adjacencyByOverlay(squares)
        #expect(overlayPairs.map { [$0.0, $0.1] } == [[0, 1], [0, 2], [1, 3], [2, 3]])
        #expect(pairs.allSatisfy { abs($0.2 - 1) < 1e-12 })
        let colors = DistrictColoring.colorDistricts(count: 4, adjacency: pairs)
        #expect(Set(colors).count == 2)
        for (i, j, _) in pairs { #expect(colors[i] != colors[j]) }
    }

    @Test func dsaturColoursAWheelWithFourColours() {
        // A hub adjacent to a ring of five: needs 4 colours (odd wheel); DSatur finds 4.
        var adjacency: [(Int, Int, Double)] = (1...5).map { (0, $0, 1.0) }
        adjacency += (1...5).map { ($0, $0 % 5 + 1, 1.0) }.map { (min($0.0, $0.1), max($0.0, $0.1), $0.2) }
        let colors = DistrictColoring.colorDistricts(count: 6, adjacency: adjacency)
        for (i, j, _) in adjacency { #expect(colors[i] != colors[j]) }
        #expect(Set(colors).count == 4)
        #expect(DistrictColoring.colorDistricts(count: 6, adjacency: adjacency) == colors, "deterministic")
    }

    @Test func serviceAreaColoursDifferAcrossSharedEdges() async throws {
        await propertyCheck(count: 10, input: Gen.int(in: 50...400), Gen.int(in: 2...40), Gen.int(in: 0...1_000_000)) { n, k, seed in
            let sites = randomSites(n, side: 1000, seed: UInt64(seed))
            let district = nearestCentreDistricts(sites, k: k, seed: UInt64(seed))
            let result = try ServiceAreas.build(sites: sites, siteDistrict: district, k: k, clip: box(0, 0, 1000, 1000),
                                                triangles: delaunayTriangles(sites))
            let pairs = try DistrictColoring.adjacency(result.districts)
            let overlayPairs = try DistrictColoring.adjacencyByOverlay(result.districts)
            #expect(pairs.map { [$0.0, $0.1] } == overlayPairs.map { [$0.0, $0.1] })
            for (a, b) in zip(pairs, overlayPairs) { #expect(abs(a.2 - b.2) <= 1e-9 * b.2) }
            let colors = DistrictColoring.colorDistricts(count: k, adjacency: pairs)
            #expect(colors.allSatisfy { $0 >= 0 && $0 < 6 })
            // Independent check: grow district i by 1 mm; a shared edge of length L overlaps j by
            // about L mm², a shared corner by at most a few µm².
            let context = GeometryContext()
            let g = try result.districts.map { try context.multiPolygon($0) }
            var neighbourPairs = 0
            for i in 0..<k where !result.districts[i].isEmpty {
                let grown = try g[i].buffer(1e-3, quadrantSegments: 2)
                for j in (i + 1)..<k where !result.districts[j].isEmpty {
                    if try grown.intersection(g[j]).area() > 1e-4 {
                        neighbourPairs += 1
                        #expect(colors[i] != colors[j], "districts \(i) and \(j) share an edge")
                        #expect(pairs.contains { $0.0 == i && $0.1 == j })
                    }
                }
            }
            let nonEmpty = result.districts.filter { !$0.isEmpty }.count
            #expect(neighbourPairs >= nonEmpty - 1, "a tiling of a square is connected")
        }
    }

    @Test func roundingTheCoverageKeepsItValidAndGapFree() throws {
        // Districts in a small metric square mapped onto degrees near 114°E 22.6°N (≈ 1 km).
        let sites = randomSites(300, side: 1000, seed: 5)
        let district = nearestCentreDistricts(sites, k: 7, seed: 5)
        let result = try ServiceAreas.build(sites: sites, siteDistrict: district, k: 7, clip: box(0, 0, 1000, 1000),
                                            triangles: delaunayTriangles(sites))
        func toDegrees(_ p: Point2) -> Point2 { Point2(114 + p.x * 9.7e-6, 22.6 + p.y * 9.0e-6) }
        let degrees = result.districts.map { m in
            MultiPolygon(m.polygons.map { Polygon(rings: $0.rings.map { $0.map(toDegrees) }) })
        }
        let clip = MultiPolygon([Polygon(rings: [[Point2(0, 0), Point2(1000, 0), Point2(1000, 1000), Point2(0, 1000), Point2(0, 0)].map(toDegrees)])])
        let rounded = try CoveragePrecision.reduce(degrees, gridSize: 1e-7)
        for m in rounded.districts {
            for polygon in m.polygons {
                for ring in polygon.rings {
                    for p in ring {
                        #expect(abs(p.x * 1e7 - (p.x * 1e7).rounded()) < 1e-4)
                        #expect(abs(p.y * 1e7 - (p.y * 1e7).rounded()) < 1e-4)
                    }
                }
                #expect(Polygon.signedDoubleArea(polygon.rings[0]) > 0, "exterior counter-clockwise")
            }
        }
        let districtSites = sites.map(toDegrees)
        try expectTiling(rounded.districts, sites: districtSites, siteDistrict: district, clip: clip, tolerance: 1e-6)
        #expect(abs(rounded.areaAfter - rounded.areaBefore) <= 1e-6 * rounded.areaBefore)
        // Rounded neighbours still share exact vertices: the fast adjacency agrees with GEOS's.
        let fast = try DistrictColoring.adjacency(rounded.districts).map { [$0.0, $0.1] }
        #expect(fast == (try DistrictColoring.adjacencyByOverlay(rounded.districts)).map { [$0.0, $0.1] })
        #expect(fast.count >= 6)
    }

    /// Service areas check for cancellation per district: cancelled at the fifth check (inside the
    /// per-district loop, k = 12) the build throws `CancellationError`; never cancelled, the same areas.
    @Test func serviceAreasStopWhenCancelledBetweenDistricts() throws {
        let sites = randomSites(600, side: 1000, seed: 3)
        let district = nearestCentreDistricts(sites, k: 12, seed: 3)
        let triangles = delaunayTriangles(sites)
        #expect(throws: CancellationError.self) {
            try ServiceAreas.build(sites: sites, siteDistrict: district, k: 12, clip: box(0, 0, 1000, 1000),
                                   triangles: triangles, cancellation: .afterChecks(5))
        }
        let plain = try ServiceAreas.build(sites: sites, siteDistrict: district, k: 12, clip: box(0, 0, 1000, 1000),
                                           triangles: triangles)
        let checked = try ServiceAreas.build(sites: sites, siteDistrict: district, k: 12, clip: box(0, 0, 1000, 1000),
                                             triangles: triangles, cancellation: .afterChecks(Int.max))
        #expect(plain.districts == checked.districts)
    }

    /// The steps after the areas (default region, colouring, coverage noding) stop when cancelled and
    /// give the same result when asked but never cancelled.
    @Test func regionColouringAndNodingStopWhenCancelled() throws {
        let sites = randomSites(600, side: 1000, seed: 5)
        let triangles = delaunayTriangles(sites)
        #expect(throws: CancellationError.self) {
            try DefaultRegion.build(sites: sites, triangles: triangles, cancellation: .afterChecks(2))
        }
        let region = try DefaultRegion.build(sites: sites, triangles: triangles).region
        #expect(try DefaultRegion.build(sites: sites, triangles: triangles, cancellation: .afterChecks(Int.max)).region == region)

        let district = nearestCentreDistricts(sites, k: 12, seed: 5)
        let areas = try ServiceAreas.build(sites: sites, siteDistrict: district, k: 12, clip: region,
                                           triangles: triangles).districts
        #expect(throws: CancellationError.self) { try DistrictColoring.colors(areas, cancellation: .afterChecks(4)) }
        #expect(try DistrictColoring.colors(areas, cancellation: .afterChecks(Int.max)) == (try DistrictColoring.colors(areas)))
        #expect(throws: CancellationError.self) {
            try CoverageNoding.node(areas, tolerance: 1e-5, cancellation: .afterChecks(20))
        }
        #expect(try CoverageNoding.node(areas, tolerance: 1e-5, cancellation: .afterChecks(Int.max)).districts
                == (try CoverageNoding.node(areas, tolerance: 1e-5)).districts)
    }
}

import Testing
import PropertyBased
import WanggeModel
@testable import WanggeGeometry

/// Issue 13, item 4: noding a coverage so that rounding keeps it exact.
@Suite struct CoverageNodingTests {
    /// A non-linear map from a metric square onto degrees near 116.8°E 32.6°N (like an
    /// unprojection: straight metric edges become slightly curved, so a vertex lying on a
    /// neighbour's edge no longer does once mapped, unless the edge holds it too).
    static func toDegrees(_ p: Point2) -> Point2 {
        let x = p.x / 1000, y = p.y / 1000
        return Point2(116.8 + x * 0.0107 * (1 + 0.0004 * y) + 0.00001 * y * y, 32.6 + y * 0.009 + 0.00001 * x * x)
    }

    static func mapped(_ m: MultiPolygon) -> MultiPolygon {
        MultiPolygon(m.polygons.map { Polygon(rings: $0.rings.map { $0.map(toDegrees) }) })
    }

    /// Three squares: A on the left spans the whole height, B and C stack on the right, so A's
    /// right edge has no vertex where B meets C (a T-junction).
    static let tJunction: [MultiPolygon] = [box(0, 0, 1000, 2000), box(1000, 0, 2000, 1000.37), box(1000, 1000.37, 2000, 2000)]

    @Test func roundingATJunctionOpensAGapUnlessNodedFirst() throws {
        // Unnoded: mapped and rounded, A's straight edge and B/C's bent one part (B and C bulge
        // into A by about a metre).
        let raw = try CoveragePrecision.reduce(Self.tJunction.map(Self.mapped)).districts
        let rawCheck = try CoverageCheck.measure(raw)
        #expect(rawCheck.overlaps.map { [$0.a, $0.b] } == [[0, 1], [0, 2]])
        // Noded: A gains the junction vertex and the three stay an exact coverage.
        let noded = try CoverageNoding.node(Self.tJunction, tolerance: 1e-5)
        #expect(noded.inserted == 1 && noded.snapped == 0) // into A's right edge, nowhere else
        #expect(noded.districts[0].polygons[0].rings[0].count == 6)
        let rounded = try CoveragePrecision.reduce(noded.districts.map(Self.mapped)).districts
        let check = try CoverageCheck.measure(rounded)
        #expect(check.invalid.isEmpty && check.overlaps.isEmpty && check.unionHoles == 0 && check.unionPolygons == 1)
        #expect(abs(check.districtAreaSum - check.unionArea) <= 1e-12 * check.unionArea)
    }

    /// A vertex only one ring uses and that lies on the line between its neighbours (where the clip
    /// index's grid cut a boundary edge) is dropped; the same on a common border (both rings use
    /// it), a real corner, or one of a district passed before `dropFrom` is kept. A sliver ring that
    /// snapping collapses does not make its vertex count as shared.
    @Test func straightVerticesUsedOnceAreDropped() throws {
        // A's bottom edge holds (500, 1e-9): on the line, used once. A/B border holds (1000, 400) in both.
        let a = MultiPolygon([Polygon(rings: [[Point2(0, 0), Point2(500, 1e-9), Point2(1000, 0), Point2(1000, 400),
                                               Point2(1000, 1000), Point2(0, 1000), Point2(0, 0)]])])
        let b = MultiPolygon([Polygon(rings: [[Point2(1000, 0), Point2(2000, 0), Point2(2000, 1000), Point2(1000, 1000),
                                               Point2(1000, 400), Point2(1000, 0)]])])
        let noded = try CoverageNoding.node([a, b], tolerance: 1e-5)
        #expect(noded.dropped == 1)
        #expect(!noded.districts[0].polygons[0].rings[0].contains(Point2(500, 1e-9)))
        #expect(noded.districts[0].polygons[0].rings[0].contains(Point2(1000, 400)))
        #expect(noded.districts[1].polygons[0].rings[0].contains(Point2(1000, 400)))
        // 1 mm off the line is a corner, not an artefact.
        var bent = a
        bent.polygons[0].rings[0][1] = Point2(500, 0.001)
        #expect(try CoverageNoding.node([bent, b], tolerance: 1e-5).dropped == 0)
        // Passed first and protected: kept.
        #expect(try CoverageNoding.node([a, b], tolerance: 1e-5, dropFrom: 1).districts[0].polygons[0].rings[0].contains(Point2(500, 1e-9)))
        // A sliver polygon of A at (500, 0) collapsing under snapping: the vertex is still used once.
        var sliver = a
        sliver.polygons.append(Polygon(rings: [[Point2(500, 1e-9), Point2(500, -2e-6), Point2(500.000003, -1e-6), Point2(500, 1e-9)]]))
        let withSliver = try CoverageNoding.node([sliver, b], tolerance: 1e-5)
        #expect(withSliver.districts[0].polygons.count == 1)
        #expect(!withSliver.districts[0].polygons[0].rings[0].contains(Point2(500, 1e-9)))
    }

    @Test func nearlyCoincidentCornersSnapToOne() throws {
        // B's corner is 3 µm from A's: one vertex afterwards, in both.
        let a = box(0, 0, 1, 1), b = MultiPolygon([Polygon(rings: [[Point2(1, 0), Point2(2, 0), Point2(2, 1), Point2(1.000003, 1), Point2(1, 0)]])])
        let noded = try CoverageNoding.node([a, b], tolerance: 1e-5)
        #expect(noded.snapped == 1)
        #expect(noded.districts[1].polygons[0].rings[0].contains(Point2(1, 1)))
    }

    /// Random coverages (Voronoi districts of random sites, some sites nearly coincident) stay
    /// exact after noding, a non-linear map to degrees and rounding to 7 decimals.
    @Test func randomCoveragesStayExactAfterRounding() async throws {
        await propertyCheck(count: 12, input: Gen.int(in: 20...400), Gen.int(in: 2...12), Gen.int(in: 1...10_000)) { n, k, seed in
            var sites = randomSites(n, side: 2000, seed: UInt64(seed))
            // A few sites 5–25 cm from another (neighbouring households), so borders run close to
            // them and short edges appear. (Closer than about 2 cm, a household in another district
            // than its neighbour can end up across the border once both are rounded to 7 decimals.)
            for i in stride(from: 0, to: sites.count - 1, by: 7) {
                let dx = 0.05 * Double(1 + (i + seed) % 5)
                sites[i + 1] = Point2(sites[i].x + (sites[i].x < 1000 ? dx : -dx), sites[i].y + (sites[i].y < 1000 ? 0.03 : -0.03))
            }
            let district = nearestCentreDistricts(sites, k: min(k, n), seed: UInt64(seed))
            do {
                let clip = box(0, 0, 2000, 2000)
                let areas = try ServiceAreas.build(sites: sites, siteDistrict: district, k: min(k, n), clip: clip,
                                                   triangles: delaunayTriangles(sites)).districts
                let noded = try CoverageNoding.node(areas, tolerance: 1e-5).districts
                let mapped = noded.map(Self.mapped)
                let rounded = try CoveragePrecision.reduce(mapped).districts
                // The region: the mapped coverage before rounding.
                let context = GeometryContext()
                let union = try context.collection(mapped.map { try context.multiPolygon($0) }).unaryUnion()
                let check = try CoverageCheck.measure(rounded, region: try union.toMultiPolygon())
                #expect(check.invalid.isEmpty, "n=\(n) k=\(k) seed=\(seed): \(check.invalid)")
                #expect(check.overlaps.isEmpty, "n=\(n) k=\(k) seed=\(seed): \(check.overlaps)")
                #expect(check.unionHoles == 0 && check.unionPolygons == 1, "n=\(n) k=\(k) seed=\(seed)")
                #expect(abs(check.districtAreaSum - check.unionArea) <= 1e-12 * check.unionArea)
                // The region's corners are not on the grid: the outline moves by at most half a
                // grid cell's diagonal.
                let perimeter = try union.length()
                #expect(check.differenceFromRegion <= perimeter * 0.5 * 2.0.squareRoot() * 1e-7)
                // (Sites inside their own district after rounding are checked on whole plans in
                // ExactCoverageTests and RandomPipelineTests; here input (27, 2, 1) left one site
                // outside — not yet explained, see the issue 13 report.)
            } catch {
                Issue.record("n=\(n) k=\(k) seed=\(seed): \(error)")
            }
        }
    }
}

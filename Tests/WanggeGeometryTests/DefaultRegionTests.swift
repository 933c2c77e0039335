import Testing
import PropertyBased
import WanggeModel
@testable import WanggeGeometry

@Suite("Default region")
struct DefaultRegionTests {
    @Test func coversEverySiteIncludingIsolatedOnesAndIsValid() async throws {
        await propertyCheck(count: 20, input: Gen.int(in: 10...200), Gen.int(in: 0...1_000_000), Gen.bool) { n, seed, useTriangles in
            // A dense cluster plus a few far-away sites.
            var sites = randomSites(n, side: 500, seed: UInt64(seed))
            sites += [Point2(5000, 5000), Point2(-3000, 200)]
            let triangles: [Int32]? = useTriangles ? delaunayTriangles(sites) : nil
            let result = try DefaultRegion.build(sites: sites, triangles: triangles)
            let context = GeometryContext()
            let region = try context.multiPolygon(result.region)
            #expect(try region.isValid())
            #expect(result.region.polygons.allSatisfy { $0.rings.count == 1 }, "holes are filled")
            let prepared = try PreparedGeometry(region)
            for p in sites { #expect(try prepared.contains(x: p.x, y: p.y)) }
            // The far sites get their own discs, and the hull of the parts closes them into one region.
            #expect(result.isolatedSites >= 2)
            #expect(result.region.polygons.count == 1)
            #expect(result.bufferRadius >= 1)
        }
    }

    /// The settled boundary as rings, on a 3 × 3 grid of unit cells (two triangles each) with
    /// chosen cells settled: hole rings are dropped, cells meeting at one corner stay two rings,
    /// and a hole touching the outer ring at a corner joins it as one ring of the settled area.
    @Test func settledOuterRingsDropHolesAndSplitAtPinches() throws {
        var sites: [Point2] = []
        for j in 0..<4 { for i in 0..<4 { sites.append(Point2(Double(i), Double(j))) } }
        var triangles: [Int32] = []
        var cellOfTriangle: [Int] = []
        for j in 0..<3 { for i in 0..<3 {
            let a = Int32(4 * j + i), b = a + 1, c = a + 5, d = a + 4
            triangles += [a, b, c, a, c, d]   // counter-clockwise
            cellOfTriangle += [3 * j + i, 3 * j + i]
        } }
        let tri = try Triangulation(sites: sites, triangles: triangles)
        func rings(_ cells: Set<Int>) throws -> [Double] {
            let kept = cellOfTriangle.map { cells.contains($0) }
            return try DefaultRegion.settledOuterRings(tri, kept: kept, sites: sites, cancellation: .never).map { ring in
                ring.reduce(0.0) { sum, e in
                    let p = sites[Int(e.0)], q = sites[Int(e.1)]
                    return sum + (p.x * q.y - q.x * p.y) / 2
                }
            }
        }
        #expect(try rings(Set(0..<9)) == [9])
        #expect(try rings(Set(0..<9).subtracting([4])) == [9], "the hole's ring is dropped (the outer ring holds 9 cells)")
        #expect(try rings([0, 4]) == [1, 1], "cells meeting at a corner are two rings")
        #expect(try rings(Set(0..<9).subtracting([4, 8])) == [7], "a hole touching the outer ring joins it")
        #expect(try rings([]) == [])
        #expect(throws: CancellationError.self) {
            try DefaultRegion.settledOuterRings(tri, kept: cellOfTriangle.map { _ in true }, sites: sites,
                                                cancellation: .afterChecks(1))
        }
    }

    @Test func aGridGivesOneRegionSlightlyLargerThanItsHull() throws {
        var sites: [Point2] = []
        for i in 0..<30 { for j in 0..<30 { sites.append(Point2(Double(i) * 10, Double(j) * 10)) } }
        let result = try DefaultRegion.build(sites: sites, triangles: delaunayTriangles(sites))
        #expect(result.medianNearestNeighbour == 10)
        #expect(result.bufferRadius == 20)
        #expect(result.isolatedSites == 0)
        #expect(result.region.polygons.count == 1)
        let area = try GeometryContext().multiPolygon(result.region).area()
        // The 290 × 290 hull grown by r = 20: 290² + 4·290·20 + π·20² (buffer arcs as polygons).
        let expected = 290.0 * 290 + 4 * 290 * 20 + Double.pi * 400
        #expect(abs(area - expected) < 0.01 * expected)
    }

    @Test func districtsTileTheDefaultRegion() throws {
        let sites = randomSites(400, side: 1000, seed: 11)
        let district = nearestCentreDistricts(sites, k: 5, seed: 11)
        let triangles = delaunayTriangles(sites)
        let region = try DefaultRegion.build(sites: sites, triangles: triangles).region
        let result = try ServiceAreas.build(sites: sites, siteDistrict: district, k: 5, clip: region, triangles: triangles)
        try expectTiling(result.districts, sites: sites, siteDistrict: district, clip: region)
    }
}

/// Spread-out data (a rural prefecture: hamlets kilometres apart) skips the union of the parts and
/// takes their convex hull directly; the region is still the tight convex hull of the buffered sites.
@Suite("Default region of spread-out data")
struct SpreadOutDefaultRegionTests {
    @Test func hamletsFarApartGiveTheTightConvexHullOfTheirBuffers() async throws {
        await propertyCheck(count: 8, input: Gen.int(in: 5...40), Gen.int(in: 0...1_000_000)) { hamlets, seed in
            var sites: [Point2] = []
            let centres = randomSites(hamlets, side: 20_000, seed: UInt64(seed))
            for (h, c) in centres.enumerated() {
                for p in randomSites(6 + h % 5, side: 40, seed: UInt64(seed + h)) { sites.append(Point2(c.x + p.x, c.y + p.y)) }
            }
            let result = try DefaultRegion.build(sites: sites, triangles: delaunayTriangles(sites))
            #expect(result.region.polygons.count == 1 && result.region.polygons[0].rings.count == 1)
            let context = GeometryContext()
            let region = try context.multiPolygon(result.region)
            #expect(try region.isValid())
            let area = try region.area(), hullArea = try region.convexHull().area()
            #expect(abs(area - hullArea) <= 1e-9 * hullArea, "convex")
            let prepared = try PreparedGeometry(region)
            for p in sites { #expect(try prepared.contains(x: p.x, y: p.y)) }
            // Tight: every corner lies on a buffer around a site, r from the nearest one.
            let r = result.bufferRadius
            for v in result.region.polygons[0].exterior {
                let nearest = sites.map { (($0.x - v.x) * ($0.x - v.x) + ($0.y - v.y) * ($0.y - v.y)).squareRoot() }.min()!
                #expect(abs(nearest - r) <= 1e-6 * max(r, 1) || nearest < r, "corner \(v) is \(nearest) m from a site, r = \(r)")
            }
            // Deterministic.
            #expect(try DefaultRegion.build(sites: sites, triangles: delaunayTriangles(sites)).region == result.region)
        }
    }

    /// The region builds only the parts that can reach the hull's boundary and hands GEOS only their
    /// candidate vertices: it must be, coordinate for coordinate, GEOS's convex hull of every part
    /// (every settled patch buffered, every isolated site's disc) as the rule states it.
    @Test func theHullOfThePartsThatReachItIsTheHullOfAllParts() async throws {
        await propertyCheck(count: 6, input: Gen.int(in: 20...120), Gen.int(in: 0...1_000_000)) { hamlets, seed in
            var sites = randomSites(3 * hamlets, side: 30_000, seed: UInt64(seed))   // lone farmsteads
            for (h, c) in randomSites(hamlets, side: 30_000, seed: UInt64(seed + 1)).enumerated() {
                for p in randomSites(8 + h % 7, side: 60, seed: UInt64(seed + 2 + h)) { sites.append(Point2(c.x + p.x, c.y + p.y)) }
            }
            let triangles = delaunayTriangles(sites)
            let result = try DefaultRegion.build(sites: sites, triangles: triangles)
            // Every part, as the rule defines them.
            let r = result.bufferRadius
            let tri = try Triangulation(sites: sites, triangles: triangles)
            var covered = [Bool](repeating: false, count: sites.count)
            let kept = (0..<(triangles.count / 3)).map { t -> Bool in
                let v = (0..<3).map { sites[Int(triangles[3 * t + $0])] }
                let short = (0..<3).allSatisfy { e in
                    let p = v[e], q = v[(e + 1) % 3]
                    return (p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y) <= 9 * r * r
                }
                if short { for e in 0..<3 { covered[Int(triangles[3 * t + e])] = true } }
                return short
            }
            let rings = try DefaultRegion.settledOuterRings(tri, kept: kept, sites: sites, cancellation: .never)
            let context = GeometryContext()
            var parts = try DefaultRegion.patches(rings, sites: sites, radius: r, quadrantSegments: 8, cancellation: .never)
                .map { try context.multiPolygon($0) }
            for s in sites.indices where !covered[s] {
                parts.append(try context.polygon(Polygon(rings: [DefaultRegion.discRing(sites[s], radius: r, segments: 32)])))
            }
            #expect(parts.count > 2 * hamlets)
            let expected = try context.collection(parts).convexHull().toMultiPolygon()
            #expect(result.region == expected)
        }
    }
}

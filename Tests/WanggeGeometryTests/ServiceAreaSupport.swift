import Testing
import WanggeModel
import WanggeGraph
@testable import WanggeGeometry

/// The project's seeded generator, for test inputs.
typealias TestRandom = SplitMix64

/// Distinct random sites in [0, side)², in generation order.
func randomSites(_ n: Int, side: Double, seed: UInt64) -> [Point2] {
    var rng = TestRandom(seed: seed)
    var seen = Set<Point2>()
    var sites: [Point2] = []
    while sites.count < n {
        let p = Point2(Double.random(in: 0..<side, using: &rng), Double.random(in: 0..<side, using: &rng))
        if seen.insert(p).inserted { sites.append(p) }
    }
    return sites
}

/// Each site's district: the nearest of k seeded centres (lowest index on ties), as a partition
/// of compact districts would give.
func nearestCentreDistricts(_ sites: [Point2], k: Int, seed: UInt64) -> [Int32] {
    var rng = TestRandom(seed: seed ^ 0xABCDEF)
    let centres = (0..<k).map { _ in sites[Int.random(in: 0..<sites.count, using: &rng)] }
    return sites.map { p in
        var best = 0, bestD = Double.infinity
        for (c, q) in centres.enumerated() {
            let d = (p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y)
            if d < bestD { bestD = d; best = c }
        }
        return Int32(best)
    }
}

func box(_ minX: Double, _ minY: Double, _ maxX: Double, _ maxY: Double) -> MultiPolygon {
    MultiPolygon([Polygon(rings: [[Point2(minX, minY), Point2(maxX, minY), Point2(maxX, maxY),
                                   Point2(minX, maxY), Point2(minX, minY)]])])
}

func delaunayTriangles(_ sites: [Point2]) -> [Int32] {
    Delaunay(x: sites.map(\.x), y: sites.map(\.y)).triangles
}

/// Asserts the tiling contract of DESIGN section 5 on metric district areas: every district
/// valid; the district areas and their union both equal the clip area; pairwise overlaps have no
/// area; every site lies in its own district's area (interior or boundary).
func expectTiling(_ districts: [MultiPolygon], sites: [Point2], siteDistrict: [Int32], clip: MultiPolygon,
                  tolerance: Double = 1e-9, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let context = GeometryContext()
    let clipGeometry = try context.multiPolygon(clip)
    let clipArea = try clipGeometry.area()
    let geometries = try districts.map { try context.multiPolygon($0) }
    for (d, g) in geometries.enumerated() {
        let reason = try g.validityReason()
        #expect(reason == "Valid Geometry", "district \(d): \(reason)", sourceLocation: sourceLocation)
    }
    let areaSum = try geometries.reduce(0.0) { $0 + (try $1.area()) }
    #expect(abs(areaSum - clipArea) <= tolerance * clipArea, "area sum \(areaSum) vs clip \(clipArea)",
            sourceLocation: sourceLocation)
    let union = try context.collection(geometries).unaryUnion()
    #expect(abs(try union.area() - clipArea) <= tolerance * clipArea, sourceLocation: sourceLocation)
    #expect(try union.symmetricDifference(clipGeometry).area() <= tolerance * clipArea,
            sourceLocation: sourceLocation)
    for i in geometries.indices {
        for j in geometries.indices where j > i {
            let overlap = try geometries[i].intersection(geometries[j]).area()
            #expect(overlap <= tolerance * clipArea, "districts \(i) and \(j) overlap by \(overlap)",
                    sourceLocation: sourceLocation)
        }
    }
    let prepared = try geometries.map { try PreparedGeometry($0) }
    var misplaced: [Int] = []
    for (s, p) in sites.enumerated() where try !prepared[Int(siteDistrict[s])].covers(x: p.x, y: p.y) {
        misplaced.append(s)
    }
    #expect(misplaced.isEmpty, "sites outside their district: \(misplaced.prefix(10))", sourceLocation: sourceLocation)
}

import Foundation
import Testing
import PropertyBased
import WanggeModel
@testable import WanggeGeometry

/// The candidate filter of the barrier cut: a part that ran across a river goes to the nearest
/// sites of its own bank, and only the sites that can be nearest somewhere in the part's box are
/// given to GEOS's Voronoi diagram.
@Suite("Barrier cut")
struct BarrierCutTests {
    /// Every point of the box has its nearest candidate among the sites kept (checked by brute force
    /// on points spread over the box, its corners and its edges), for boxes inside, beside and far
    /// from the cloud.
    @Test func theNearestCandidateOfEveryPointInTheBoxIsKept() async {
        await propertyCheck(count: 40, input: Gen.int(in: 3...600), Gen.int(in: 0...1_000_000)) { n, seed in
            var rng = TestRandom(seed: UInt64(seed))
            let sites = randomSites(n, side: 1000, seed: UInt64(seed))
            let distance = Double.random(in: 0...3000, using: &rng)
            let angle = Double.random(in: 0..<(2 * Double.pi), using: &rng)
            let (w, h) = (Double.random(in: 1...800, using: &rng), Double.random(in: 1...800, using: &rng))
            let cx = 500 + distance * cos(angle), cy = 500 + distance * sin(angle)
            let box = BoundingBox(minX: cx - w / 2, minY: cy - h / 2, maxX: cx + w / 2, maxY: cy + h / 2)
            let candidates = Array(sites.indices).shuffled(using: &rng)
            let kept = BarrierCut.undominated(candidates, box: box, points: sites)
            #expect(kept == kept.sorted())
            #expect(Set(kept).count == kept.count && Set(kept).isSubset(of: Set(candidates)))
            let keptSet = Set(kept)
            var queries = (0..<300).map { _ in
                Point2(Double.random(in: box.minX...box.maxX, using: &rng), Double.random(in: box.minY...box.maxY, using: &rng))
            }
            for i in 0...10 {
                let t = Double(i) / 10
                queries += [Point2(box.minX + t * w, box.minY), Point2(box.minX + t * w, box.maxY),
                            Point2(box.minX, box.minY + t * h), Point2(box.maxX, box.minY + t * h)]
            }
            for q in queries {
                let squared = sites.map { ($0.x - q.x) * ($0.x - q.x) + ($0.y - q.y) * ($0.y - q.y) }
                let nearest = squared.min()!
                // Every site at the least distance (ties included) must be kept.
                for s in sites.indices where squared[s] == nearest {
                    #expect(keptSet.contains(s), "site \(s) is nearest to \(q) but was left out (\(kept.count) of \(n) kept)")
                }
            }
        }
    }

    /// A part far from a dense bank: nearly every candidate stands behind the nearest row of sites,
    /// and the filter keeps only a small share (the Voronoi diagram of a dense city's bank took
    /// 0.2–0.3 s per part before it).
    @Test func aFarBoxKeepsOnlyTheFrontRow() {
        let sites = randomSites(20_000, side: 1000, seed: 17)
        let box = BoundingBox(minX: 2600, minY: 400, maxX: 2800, maxY: 500)
        let kept = BarrierCut.undominated(Array(sites.indices), box: box, points: sites)
        #expect(kept.count >= 1)
        #expect(kept.count * 20 < sites.count, "\(kept.count) of \(sites.count) kept")
        // The site nearest to the box's centre is among them.
        let c = Point2(2700, 450)
        let nearest = sites.indices.min { a, b in
            let da = (sites[a].x - c.x) * (sites[a].x - c.x) + (sites[a].y - c.y) * (sites[a].y - c.y)
            let db = (sites[b].x - c.x) * (sites[b].x - c.x) + (sites[b].y - c.y) * (sites[b].y - c.y)
            return da < db
        }!
        #expect(kept.contains(nearest))
    }

    /// A stray piece whose edges lie a nanometre off its neighbours' (pieces cut by different
    /// overlays) shares no border exactly and touches nothing; it still goes to the district that
    /// surrounds most of it, snapped onto it, so no area is left in two pieces by rounding.
    @Test func aStrayWithinRoundingOfItsNeighboursJoinsTheOneAroundMostOfIt() throws {
        let context = GeometryContext()
        let sites = [Point2(10, 50), Point2(90, 50)]
        let grid = SiteGrid(sites)
        let cut = try BarrierCut(clip: context.polygon(Polygon(rings: [[Point2(0, 0), Point2(100, 0), Point2(100, 100),
                                                                       Point2(0, 100), Point2(0, 0)]])),
                                 barriers: Barriers(), context: context)
        let e = 1e-9
        // The triangle's tip points west into district 0 (two sides against it) or east into
        // district 1 (two sides against district 1); it belongs to district 0 and holds no site.
        for tipWest in [true, false] {
            let tip = tipWest ? 45.0 : 55.0
            let inward = tipWest ? e : -e
            let notch = [Point2(50, 40), Point2(tip, 50), Point2(50, 60)]
            let west = tipWest
                ? [Point2(0, 0), Point2(50, 0), notch[0], notch[1], notch[2], Point2(50, 100), Point2(0, 100), Point2(0, 0)]
                : [Point2(0, 0), Point2(50, 0), Point2(50, 100), Point2(0, 100), Point2(0, 0)]
            let east = tipWest
                ? [Point2(50, 0), Point2(100, 0), Point2(100, 100), Point2(50, 100), Point2(50, 0)]
                : [Point2(50, 0), Point2(100, 0), Point2(100, 100), Point2(50, 100), notch[2], notch[1], notch[0], Point2(50, 0)]
            // The stray, every vertex a nanometre inside it: it touches neither neighbour.
            let stray = [Point2(50 + inward, 40 + e), Point2(tip + (tipWest ? e : -e), 50), Point2(50 + inward, 60 - e),
                         Point2(50 + inward, 40 + e)]
            var areas = [try context.collection([context.polygon(Polygon(rings: [west])),
                                                 context.polygon(Polygon(rings: [stray]))], type: .multiPolygon),
                         try context.polygon(Polygon(rings: [east]))]
            let receivers = try cut.mergeStrayPieces(&areas, changed: [0], grid: grid, siteDistrict: [0, 1])
            let owner = tipWest ? 0 : 1
            #expect(receivers == (tipWest ? [] : [1]))
            #expect(areas[owner].numPolygons == 1, "tip \(tip): the stray joined district \(owner) as one polygon")
            #expect(areas[1 - owner].numPolygons == 1)
            // Each side ends as its half of the square (the stray's slivers are below 1e-6 m²).
            let (a0, a1) = (try areas[0].area(), try areas[1].area())
            #expect(abs(a0 - 5000) < 1e-3 && abs(a1 - 5000) < 1e-3)
        }
    }
}

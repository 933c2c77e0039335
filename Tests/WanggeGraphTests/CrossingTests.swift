import Testing
import WanggeModel
@testable import WanggeGraph

/// Crossings (bridges) make barrier-crossing edges walkable within their radius, and only there.
@Suite struct CrossingTests {
    /// Two hamlets facing each other across a river along x = 0 (houses 40–100 m from it, y within
    /// ±30 m), and a third pair of hamlets 1 km upstream.
    func facingHamlets() -> (x: [Double], y: [Double]) {
        var x: [Double] = [], y: [Double] = []
        for (cy, side) in [(0.0, -1.0), (0.0, 1.0), (1000.0, -1.0), (1000.0, 1.0)] {
            for i in 0..<6 {
                x.append(side * (40 + 12 * Double(i))); y.append(cy + Double((i * 7) % 5 - 2) * 15)
            }
        }
        return (x, y)
    }

    let river = [Point2(0, -2000), Point2(0, 3000)]

    func components(crossings: [Crossing]) throws -> NeighbourGraph {
        let (x, y) = facingHamlets()
        return try NeighbourGraph.build(x: x, y: y, barriers: Barriers(lines: [river], crossings: crossings),
                                        options: GraphOptions(trim: false))
    }

    @Test func hamletsAreJoinedAtACrossingAndApartWithoutIt() throws {
        let without = try components(crossings: [])
        #expect(without.componentCount == 2)
        let west = without.componentOfSite[0]
        for s in 0..<without.siteCount { #expect((without.x[s] < 0) == (without.componentOfSite[s] == west)) }

        let with = try components(crossings: [Crossing(position: Point2(0, 0), name: "东桥")])
        #expect(with.componentCount == 1)
        // Only edges meeting the river within 60 m of the bridge cross it.
        for s in 0..<with.siteCount {
            for t in with.neighbours(of: s) where (with.x[s] < 0) != (with.x[Int(t)] < 0) {
                let (ax, ay, bx, by) = (with.x[s], with.y[s], with.x[Int(t)], with.y[Int(t)])
                let yAtRiver = ay + (by - ay) * (0 - ax) / (bx - ax)
                #expect(abs(yAtRiver) <= 60)
            }
        }
        #expect(with.barrierEdgeCount < without.barrierEdgeCount)
    }

    @Test func theRadiusIsHonoured() throws {
        // The bridge 150 m upstream of the hamlets: with the default 60 m radius no edge between
        // them meets the river near it; with a 200 m radius they are joined.
        let far = try components(crossings: [Crossing(position: Point2(0, 150))])
        #expect(far.componentCount == 2)
        let wide = try components(crossings: [Crossing(position: Point2(0, 150), radius: 200)])
        #expect(wide.componentCount == 1)
    }

    @Test func noCrossingAppliesToTheRegionRings() throws {
        // A boundary ring along the river: the crossing bridges the river but not the region's ring.
        let (x, y) = facingHamlets()
        let ring = [Point2(0, -2000), Point2(0, 3000), Point2(-5000, 3000), Point2(-5000, -2000), Point2(0, -2000)]
        let g = try NeighbourGraph.build(x: x, y: y, barriers: Barriers(lines: [river], crossings: [Crossing(position: Point2(0, 0))]),
                                         region: Barriers(lines: [ring]), options: GraphOptions(trim: false))
        #expect(g.componentCount == 2)
    }

    @Test func distanceToBarriers() {
        let index = BarrierIndex(Barriers(lines: [river]))
        #expect(abs(index.distance(to: Point2(30, 5)) - 30) < 1e-9)
        #expect(BarrierIndex(Barriers()).distance(to: Point2(0, 0)) == .infinity)
    }
}

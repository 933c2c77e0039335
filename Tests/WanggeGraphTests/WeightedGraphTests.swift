import Testing
import WanggeModel
@testable import WanggeGraph

@Suite struct WeightedGraphTests {
    @Test func pairsAreSymmetrisedSummedAndLoopFree() {
        let w = WeightedGraph(vertexCount: 4, a: [0, 1, 2, 3, 0, 2], b: [1, 0, 2, 0, 3, 1], weight: [1, 2, 5, 1, 0.5, 4])
        #expect(w.offsets == [0, 2, 4, 5, 6])
        #expect(Array(w.neighbours(of: 0)) == [1, 3] && Array(w.weights(of: 0)) == [3, 1.5])
        #expect(Array(w.neighbours(of: 1)) == [0, 2] && Array(w.weights(of: 1)) == [3, 4])
        #expect(Array(w.neighbours(of: 2)) == [1] && Array(w.weights(of: 2)) == [4])
        #expect(Array(w.neighbours(of: 3)) == [0] && Array(w.weights(of: 3)) == [1.5])
    }

    @Test func relationsMapToSites() throws {
        // Households 0 and 2 share a site; a relation between them vanishes, others add up by site.
        let g = try NeighbourGraph.build(x: [0, 100, 0, 50], y: [0, 0, 0, 80])
        let rel = RelationTable(a: [0, 2, 1, 3], b: [2, 1, 0, 1], weight: [9, 1, 2, 4])
        let w = g.siteAffinity(rel)
        #expect(w.vertexCount == 3)
        let (s0, s1, s3) = (Int(g.siteOfHousehold[0]), Int(g.siteOfHousehold[1]), Int(g.siteOfHousehold[3]))
        #expect(Array(w.neighbours(of: s0)) == [Int32(s1)] && Array(w.weights(of: s0)) == [3])
        #expect(Set(w.neighbours(of: s1)) == [Int32(s0), Int32(s3)])
        for (t, wt) in zip(w.neighbours(of: s1), w.weights(of: s1)) { #expect(wt == (Int(t) == s0 ? 3 : 4)) }
        let total = w.weights.reduce(0, +) / 2
        #expect(total == rel.totalWeight - 9)
    }
}

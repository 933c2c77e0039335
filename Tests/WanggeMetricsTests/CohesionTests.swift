import Testing
import WanggeModel
@testable import WanggeMetrics

@Suite struct CohesionTests {
    @Test func splitGroup() {
        // Group 0 = households 0,1,2 in districts 0,0,1 → split; group 1 = 3,4 both in district 1;
        // household 5 has no group.
        let unit: [Int32] = [0, 0, 0, 1, 1, -1]
        let a: [Int32] = [0, 0, 1, 1, 1, 0]
        let shares = CohesionMetrics.unitShares(unit: unit, unitCount: 2, assignment: a,
                                                weights: [Double](repeating: 1, count: 6), districtCount: 2)
        #expect(CohesionMetrics.splitUnits(shares) == [0])
        #expect(shares[0].map(\.district) == [0, 1] && shares[0].map(\.weight) == [2, 1])
    }

    @Test func draScoreUnitSplitInHalf() throws {
        // One village, 4 households, 2 in each district: f = 0.5, 0.5, w = 1:
        // S = √0.5 + √0.5 = √2 = 1.4142135623730951.
        let shares = CohesionMetrics.unitShares(unit: [0, 0, 0, 0], unitCount: 1, assignment: [0, 1, 0, 1],
                                                weights: [1, 1, 1, 1], districtCount: 2)
        #expect(abs(try #require(CohesionMetrics.splitScore(shares)) - 2.0.squareRoot()) < 1e-12)
    }

    @Test func draScoreMixed() throws {
        // Village A: households 0,1 in districts 0,1 (split 50/50); village B: 2,3 both in district 0;
        // household 4 has no village and does not count. wA = wB = 2/4 = 0.5:
        // S = 0.5·(√0.5+√0.5) + 0.5·√1 = (√2 + 1)/2 = 1.2071067811865475.
        let shares = CohesionMetrics.unitShares(unit: [0, 0, 1, 1, -1], unitCount: 2, assignment: [0, 1, 0, 0, 1],
                                                weights: [1, 1, 1, 1, 1], districtCount: 2)
        #expect(abs(try #require(CohesionMetrics.splitScore(shares)) - (2.0.squareRoot() + 1) / 2) < 1e-12)
        // No split: exactly 1. No units: nil.
        let whole = CohesionMetrics.unitShares(unit: [0, 0, 1], unitCount: 2, assignment: [1, 1, 0],
                                               weights: [1, 2, 3], districtCount: 2)
        #expect(CohesionMetrics.splitScore(whole) == 1)
        #expect(CohesionMetrics.splitScore([]) == nil)
    }

    @Test func relationCutFraction() {
        // Districts [0,0,1,1,1]; relations (0,1) w2 inside, (0,2) w1 cut, (3,4) w1 inside: 1/4.
        let r = RelationTable(a: [0, 0, 3], b: [1, 2, 4], weight: [2, 1, 1])
        let c = CohesionMetrics.relationCut(r, assignment: [0, 0, 1, 1, 1])
        #expect(c.cut == 1 && c.total == 4)
    }
}

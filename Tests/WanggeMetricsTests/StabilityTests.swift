import Testing
import WanggeModel
@testable import WanggeMetrics

@Suite struct StabilityTests {
    let ids = (1...10).map { "h\($0)" }

    @Test func oneOfTenMoved() {
        // Previous: h1–h5 in D01, h6–h10 in D02. Now h10 is in D01: 9 of 10 keep their district.
        let prev = Fixture.plan(ids: ids, assignment: [0, 0, 0, 0, 0, 1, 1, 1, 1, 1], districtIds: ["D01", "D02"])
        let cur = Fixture.plan(ids: ids, assignment: [0, 0, 0, 0, 0, 1, 1, 1, 1, 0], districtIds: ["D01", "D02"],
                               weights: [1, 1, 1, 1, 1, 1, 1, 1, 1, 3])
        let s = StabilityMetrics.figures(plan: cur, previous: prev)
        #expect(s.inBoth == 10 && s.retained == 9 && s.moved == 1)
        #expect(s.coreRetention == 0.9)
        // By load: h10 weighs 3 of a total 12 → retained 9/12 = 0.75, moved load 3.
        #expect(s.coreRetentionByLoad == 0.75 && s.movedLoad == 3)
        #expect(s.matching == [DistrictMatch(previous: "D01", current: "D01", shared: 5),
                               DistrictMatch(previous: "D02", current: "D02", shared: 4)])
        #expect(s.matchedRetention == 0.9)
    }

    @Test func addedRemovedAndPermutedIds() {
        // Previous D01 = h1–h3, D02 = h4–h6, D03 = h7–h9 (h10 not there yet).
        // Current: same sets but D01 and D03 swapped names, h9 gone, h10 new (in D02 = h4–h6,h10).
        let prev = Fixture.plan(ids: Array(ids.prefix(9)), assignment: [0, 0, 0, 1, 1, 1, 2, 2, 2],
                                districtIds: ["D01", "D02", "D03"])
        let curIds = Array(ids.prefix(8)) + ["h10"]
        let cur = Fixture.plan(ids: curIds, assignment: [2, 2, 2, 1, 1, 1, 0, 0, 1],
                               districtIds: ["D01", "D02", "D03"])
        let s = StabilityMetrics.figures(plan: cur, previous: prev)
        // In both: h1–h8 = 8; by id only D02's h4–h6 keep "D02": 3/8.
        #expect(s.inBoth == 8 && s.retained == 3 && s.added == 1 && s.removed == 1)
        #expect(s.coreRetention == 3.0 / 8)
        // The matching undoes the renaming: D01→D03 (3 shared), D02→D02 (3), D03→D01 (h7,h8 = 2): 8/8.
        #expect(s.matching.map(\.current) == ["D03", "D02", "D01"])
        #expect(s.matching.map(\.shared) == [3, 3, 2])
        #expect(s.matchedRetention == 1)
        #expect(s.renamedCount == 2)
    }

    @Test func hungarianBeatsGreedy() {
        // Weights [[5,4],[4,0]]: greedy takes (0,0)=5 then nothing (total 5); best is (0,1)+(1,0) = 8.
        let e = [AssignmentMatching.Edge(left: 0, right: 0, weight: 5), .init(left: 0, right: 1, weight: 4),
                 .init(left: 1, right: 0, weight: 4)]
        #expect(AssignmentMatching.maximumWeight(leftCount: 2, rightCount: 2, edges: e) == [1, 0])
        // Rectangular: 3 previous, 1 current — only the heaviest is matched.
        let r = [AssignmentMatching.Edge(left: 0, right: 0, weight: 1), .init(left: 1, right: 0, weight: 7),
                 .init(left: 2, right: 0, weight: 3)]
        #expect(AssignmentMatching.maximumWeight(leftCount: 3, rightCount: 1, edges: r) == [-1, 0, -1])
    }

    @Test func matchingIsOptimalAgainstBruteForce() {
        var rng = Fixture.Rng(2026)
        for _ in 0..<400 {
            let nL = rng.int(1...5), nR = rng.int(1...5)
            var w = [[Double]](repeating: [Double](repeating: 0, count: nR), count: nL)
            var edges: [AssignmentMatching.Edge] = []
            for u in 0..<nL { for v in 0..<nR where rng.int(0...2) > 0 {
                w[u][v] = Double(rng.int(1...9))
                edges.append(.init(left: Int32(u), right: Int32(v), weight: w[u][v]))
            } }
            let mate = AssignmentMatching.maximumWeight(leftCount: nL, rightCount: nR, edges: edges)
            // A valid matching: each right vertex used at most once, only on existing edges.
            let used = mate.filter { $0 >= 0 }
            #expect(Set(used).count == used.count)
            var got = 0.0
            for u in 0..<nL where mate[u] >= 0 { #expect(w[u][Int(mate[u])] > 0); got += w[u][Int(mate[u])] }
            #expect(got == bruteForce(w, 0, Set()))
        }
    }

    private func bruteForce(_ w: [[Double]], _ u: Int, _ used: Set<Int>) -> Double {
        guard u < w.count else { return 0 }
        var best = bruteForce(w, u + 1, used)
        for v in 0..<w[u].count where !used.contains(v) && w[u][v] > 0 {
            best = max(best, w[u][v] + bruteForce(w, u + 1, used.union([v])))
        }
        return best
    }
}

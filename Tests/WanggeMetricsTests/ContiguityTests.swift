import Testing
@testable import WanggeMetrics

@Suite struct ContiguityTests {
    @Test func pathGraph() {
        // Path 0-1-2-3-4, districts [0,0,1,0,1]: district 0 = {0,1} + {3} → 2 pieces;
        // district 1 = {2}, {4} → 2 pieces. Edges (1,2), (2,3), (3,4) cross: 3 of 4 cut.
        let g = NeighbourAdjacency(nodeCount: 5, edges: [(0, 1), (1, 2), (2, 3), (3, 4)])
        let a: [Int32] = [0, 0, 1, 0, 1]
        #expect(ContiguityMetrics.componentCounts(assignment: a, districtCount: 3, graph: g) == [2, 2, 0])
        let cut = ContiguityMetrics.cutEdges(assignment: a, graph: g)
        #expect(cut.cut == 3 && cut.total == 4)
        // All in one district: 1 piece, nothing cut.
        let one = [Int32](repeating: 0, count: 5)
        #expect(ContiguityMetrics.componentCounts(assignment: one, districtCount: 1, graph: g) == [1])
        #expect(ContiguityMetrics.cutEdges(assignment: one, graph: g).cut == 0)
    }

    @Test func mergedNodes() {
        // Households 0,1 share node 0 (an apartment block), 2 is on node 1, 3 on node 2; one edge 0-1.
        // Districts [0,1,1,0]: district 0 = household 0 (node 0) and 3 (isolated node 2) → 2 pieces;
        // district 1 = households 1 (node 0) and 2 (node 1), joined by the edge → 1 piece.
        // The edge 0-1 is cut because node 0 holds both districts.
        let g = NeighbourAdjacency(nodeCount: 3, edges: [(0, 1)], householdNode: [0, 0, 1, 2])
        let a: [Int32] = [0, 1, 1, 0]
        #expect(ContiguityMetrics.componentCounts(assignment: a, districtCount: 2, graph: g) == [2, 1])
        let cut = ContiguityMetrics.cutEdges(assignment: a, graph: g)
        #expect(cut.cut == 1 && cut.total == 1)
        // Households on one node in one district are one piece even without edges.
        let g2 = NeighbourAdjacency(nodeCount: 1, edges: [], householdNode: [0, 0, 0])
        #expect(ContiguityMetrics.componentCounts(assignment: [0, 0, 0], districtCount: 1, graph: g2) == [1])
    }

    /// Against a plain search over households (same node or adjacent nodes, same district) on
    /// random graphs where nodes hold several households of several districts.
    @Test func componentCountsMatchASearchOverHouseholds() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<200 {
            let nodes = 1 + next(12), n = 1 + next(20), k = 1 + next(4)
            var edges: [(Int, Int)] = []
            for _ in 0..<next(2 * nodes) { let a = next(nodes), b = next(nodes); if a != b { edges.append((a, b)) } }
            let nodeOf = (0..<n).map { _ in Int32(next(nodes)) }
            let district = (0..<n).map { _ in Int32(next(k)) }
            let g = NeighbourAdjacency(nodeCount: nodes, edges: edges.map { (Int32($0.0), Int32($0.1)) }, householdNode: nodeOf)
            var adjacent = Set<[Int]>()
            for (a, b) in edges { adjacent.insert([a, b]); adjacent.insert([b, a]) }
            var expected = [Int](repeating: 0, count: k)
            var seen = [Bool](repeating: false, count: n)
            for start in 0..<n where !seen[start] {
                expected[Int(district[start])] += 1
                var stack = [start]; seen[start] = true
                while let h = stack.popLast() {
                    for o in 0..<n where !seen[o] && district[o] == district[h]
                        && (nodeOf[o] == nodeOf[h] || adjacent.contains([Int(nodeOf[o]), Int(nodeOf[h])])) {
                        seen[o] = true; stack.append(o)
                    }
                }
            }
            #expect(ContiguityMetrics.componentCounts(assignment: district, districtCount: k, graph: g) == expected)
        }
    }
}

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
}

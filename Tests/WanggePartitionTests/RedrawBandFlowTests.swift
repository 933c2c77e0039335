import Testing
import WanggeModel
@testable import WanggePartition

/// The redraw's band flow (issue 12): a min-cost flow on the district graph that brings each
/// district to the nearest band edge, realised by whole atoms on the shared borders.
@Suite struct RedrawBandFlowTests {
    /// A chain of districts, one node each (node i is district i), neighbours i−1 and i+1.
    static func chain(_ loads: [Double]) -> DistrictGraph {
        let n = loads.count
        var a: [Int32] = [], b: [Int32] = []
        for i in 0..<(n - 1) { a.append(Int32(i)); b.append(Int32(i + 1)) }
        let csr = symmetricCSR(count: n, a: a, b: b, w: a.map { _ in 1 })
        let g = LevelGraph(offsets: csr.offsets, adj: csr.adj, edgeWeight: csr.w.map(Float.init), load: loads,
                           cx: loads.indices.map(Double.init), cy: loads.map { _ in 0 }, mass: loads,
                           relOffsets: [Int32](repeating: 0, count: n + 1), relAdj: [], relW: [])
        return DistrictGraph(g, part: (0..<n).map(Int32.init), k: n, closed: [])
    }

    @Test func flowBringsDistrictsToTheNearestBandEdgeAlongTheChain() {
        // 80 must give 11 (down to 69), 50 must take 13 (up to 63); the middle passes load on.
        let loads: [Double] = [80, 66, 50]
        let flow = BandFlow.solve(graph: Self.chain(loads), loads: loads, closed: [], lower: 63, upper: 69, cheap: [:])
        var end = loads
        for arc in flow.arcs { end[Int(arc.from)] -= arc.load; end[Int(arc.to)] += arc.load }
        #expect(abs(end[0] - 69) < 1e-9 && abs(end[2] - 63) < 1e-9, "\(end)")
        #expect(end[1] >= 63 - 1e-9 && end[1] <= 69 + 1e-9)
        // The least load × borders: 11 across the first border, 13 across the second.
        let cost = flow.arcs.reduce(0) { $0 + $1.load }
        #expect(abs(cost - 24) < 1e-9, "\(flow.arcs)")
        // Sources first.
        #expect(flow.arcs.map(\.from) == [0, 1])
    }

    @Test func flowUsesRoomNearbyBeforeGoingFar() {
        // District 0 gives 5; its neighbour has room for 3, the far one for 10: 3 go next door,
        // 2 travel two borders.
        let loads: [Double] = [74, 66, 59]
        let flow = BandFlow.solve(graph: Self.chain(loads), loads: loads, closed: [], lower: 59, upper: 69, cheap: [:])
        let onFirst = flow.arcs.first { $0.from == 0 && $0.to == 1 }?.load ?? 0
        let onSecond = flow.arcs.first { $0.from == 1 && $0.to == 2 }?.load ?? 0
        #expect(abs(onFirst - 5) < 1e-9 && abs(onSecond - 2) < 1e-9, "\(flow.arcs)")
    }

    @Test func closedAndBlockedBordersCarryNothing() {
        let loads: [Double] = [80, 66, 50]
        let closed = [false, true, false]
        #expect(BandFlow.solve(graph: Self.chain(loads), loads: loads, closed: closed, lower: 63, upper: 69, cheap: [:]).arcs.isEmpty)
        let blocked: Set<Int64> = [Int64(0) << 32 | 1]
        let flow = BandFlow.solve(graph: Self.chain(loads), loads: loads, closed: [], lower: 63, upper: 69, cheap: [:], blocked: blocked)
        #expect(!flow.arcs.contains { $0.from == 0 })
    }

    /// Work groups piled into one district: the band flow brings the plan back towards the band
    /// with whole groups, keeps every district connected and leaves the closed district alone.
    @Test func bandFlowRestoresBalanceAfterAPileUp() {
        var balanced = 0
        for seed: UInt64 in 1...4 {
            guard let (piled, retention) = RedrawMergeSplitTests.pileUp(seed: seed) else { continue }
            let outcome = RedrawMergeSplitTests.checkRestored(piled, retention: retention, seed: seed,
                                                              by: { $0.balanceByBandFlow(retention: retention) })
            if outcome.balanced { balanced += 1 }
            var r = outcome.refiner
            let g = r.g, k = r.k
            // Sending atoms home afterwards never leaves the band nor moves more.
            if r.inBand {
                let mid = r.redrawFigures(retention: retention)
                r.returnHomeByFlows(retention: retention)
                let end = r.redrawFigures(retention: retention)
                #expect(r.inBand && end.moved <= mid.moved + 1e-9)
                #expect(Contiguity.piecesPerDistrict(offsets: g.offsets, adj: g.adj, part: r.part, k: k).allSatisfy { $0 == 1 })
            }
        }
        #expect(balanced >= 2, "\(balanced) of 4 piled-up plans back in the band")
    }
}

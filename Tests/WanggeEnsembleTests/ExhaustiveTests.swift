import Testing
import WanggeModel
import WanggePartition
import WanggeEnsemble
import WanggeMetrics

/// A 3×4 grid of unit-load sites cut into k = 3 districts of exactly 4: small enough to list
/// every valid plan, so the merge-split chain's distribution and the report's percentiles can be
/// checked against the exact ones.
@Suite struct ExhaustiveTests {
    static let cols = 4, rows = 3

    static func grid() -> PartitionProblem {
        var x: [Double] = [], y: [Double] = [], offsets: [Int32] = [0], nb: [Int32] = []
        for r in 0..<rows {
            for c in 0..<cols {
                x.append(Double(c) * 100); y.append(Double(r) * 100)
                var n: [Int32] = []
                if r > 0 { n.append(Int32((r - 1) * cols + c)) }
                if c > 0 { n.append(Int32(r * cols + c - 1)) }
                if c + 1 < cols { n.append(Int32(r * cols + c + 1)) }
                if r + 1 < rows { n.append(Int32((r + 1) * cols + c)) }
                nb += n; offsets.append(Int32(nb.count))
            }
        }
        // Two relations, so relation_cut takes several values.
        return PartitionProblem(x: x, y: y, load: [Double](repeating: 1, count: 12), offsets: offsets, neighbours: nb,
                                relationA: [0, 5], relationB: [1, 10], relationWeight: [1, 2], k: 3, tolerance: 0,
                                seed: 1, splitGroups: true)
    }

    /// Every labelled plan: three connected districts of four sites each.
    static func allPlans(_ p: PartitionProblem) -> [[Int32]] {
        var plans: [[Int32]] = []
        var part = [Int32](repeating: -1, count: 12)
        func connected(_ d: Int32) -> Bool { sitePieces4(p, part, d) }
        func assign(_ i: Int, _ counts: [Int]) {
            if i == 12 {
                if (0..<3).allSatisfy({ connected(Int32($0)) }) { plans.append(part) }
                return
            }
            for d in 0..<3 where counts[d] < 4 {
                part[i] = Int32(d); var c = counts; c[d] += 1
                assign(i + 1, c)
            }
            part[i] = -1
        }
        assign(0, [0, 0, 0])
        return plans
    }

    static func sitePieces4(_ p: PartitionProblem, _ part: [Int32], _ d: Int32) -> Bool {
        let members = (0..<12).filter { part[$0] == d }
        guard let first = members.first else { return false }
        var seen: Set<Int> = [first], stack = [first]
        while let u = stack.popLast() {
            for e in Int(p.offsets[u])..<Int(p.offsets[u + 1]) {
                let v = Int(p.neighbours[e]); if part[v] == d && !seen.contains(v) { seen.insert(v); stack.append(v) }
            }
        }
        return seen.count == members.count
    }

    @Test func mergeSplitChainSamplesTheUniformDistributionAndPercentilesMatchTheExactOnes() throws {
        let p = Self.grid()
        let plans = Self.allPlans(p)
        #expect(plans.count > 30)
        let g = EnsembleGraph(problem: p)
        #expect(g.coarse)
        // Plans are per site; the chain's nodes are the partitioner's (renumbered along a Hilbert curve).
        let exact = plans.map { EnsembleFigures.of(g, part: g.nodeDistricts(ofSites: $0).part!) }
        // Exact distribution of cut edges over all valid plans.
        var exactCut: [Int: Double] = [:]
        for f in exact { exactCut[f.cutEdges, default: 0] += 1 / Double(plans.count) }

        var o = EnsembleOptions(steps: 20_000)
        o.chains = 2; o.burnIn = 500; o.seed = 7; o.thin = 1; o.saveEvery = 1
        let stripes: [Int32] = (0..<12).map { Int32($0 / 4) }
        let result = try Ensemble.run(g, start: g.nodeDistricts(ofSites: stripes).part!, options: o)
        #expect(result.method == .mergeSplit)
        let rows = result.rows
        var chainCut: [Int: Double] = [:]
        for r in rows { chainCut[r.figures.cutEdges, default: 0] += 1 / Double(rows.count) }
        var tv = 0.0
        for key in Set(exactCut.keys).union(chainCut.keys) { tv += abs((exactCut[key] ?? 0) - (chainCut[key] ?? 0)) / 2 }
        #expect(tv < 0.05, "total variation \(tv): exact \(exactCut) chain \(chainCut)")
        // Every valid plan visited, and nothing else.
        let visited = Set(result.chains.flatMap { $0.plans.map { g.siteDistricts(ofNodes: $0.part) } })
        #expect(visited == Set(plans))

        // Percentiles through the CSV, as `report --ensemble` reads it, against the exact ones.
        var text = EnsembleText.header
        EnsembleText.appendRows(rows, to: &text)
        let sample = try EnsembleSample.parse(text)
        #expect(sample.rows == rows.count)
        let plan = [Int32]([0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 2, 2]) // two squares over a stripe
        let f = EnsembleFigures.of(g, part: g.nodeDistricts(ofSites: plan).part!)
        for (name, value, lower) in [("cut_edges", Double(f.cutEdges), true), ("dispersion", f.dispersion, true),
                                     ("relation_cut", f.relationCut!, true), ("polsby_popper", f.polsbyPopper, false)] {
            let col = EnsembleFigures.columns.firstIndex(of: name)!
            let exactValues = exact.map { $0.values[col]! }
            let truth = EnsemblePlacement.place(name, value: value, among: exactValues, lowerIsBetter: lower)!
            let fromChain = EnsemblePlacement.place(name, value: value, among: sample.values[name]!, lowerIsBetter: lower)!
            #expect(abs(truth.percentile - fromChain.percentile) < 5, "\(name): exact \(truth.percentile) chain \(fromChain.percentile)")
            #expect(abs(truth.beats - fromChain.beats) < 0.05, "\(name)")
            // The percentile's definition, counted directly.
            let below = exactValues.filter { $0 < value - 1e-9 * max(abs(value), 1) }.count
            let equal = exactValues.filter { abs($0 - value) <= 1e-9 * max(abs(value), 1e-300) }.count
            #expect(abs(truth.percentile - 100 * (Double(below) + 0.5 * Double(equal)) / Double(exactValues.count)) < 1e-9)
        }
    }
}

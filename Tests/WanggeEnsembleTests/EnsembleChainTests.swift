import Testing
import PropertyBased
import WanggeModel
import WanggePartition
import WanggeEnsemble

@Suite struct EnsembleChainTests {
    /// Every sampled plan keeps every hard rule, and the incrementally updated figures equal a
    /// full recomputation, for both proposals, on random inputs with a river, groups and nesting.
    @Test func everySampledPlanKeepsTheHardRules() async throws {
        await propertyCheck(count: 24, input: Gen.int(in: 0...1_000_000), Gen.int(in: 0...3)) { seed, variant in
            let coarse = variant % 2 == 0, nest = variant >= 2
            let input = randomInput(sites: coarse ? 90 : 160, k: nest ? 4 : 3 + seed % 3, seed: UInt64(seed),
                                    groupSize: coarse ? 3 : nil, nest: nest, tolerance: coarse ? 0.15 : 0.1)
            let p = input.problem
            guard let start = try? Partitioner.partition(p), start.worstDeviation <= p.tolerance + 1e-9,
                  start.diagnostics.isEmpty else { return }
            let g = EnsembleGraph(problem: p, siteGroups: nil, siteVillages: nil)
            let part = g.nodeDistricts(ofSites: start.district).part!
            var o = EnsembleOptions(steps: 150)
            o.chains = 2; o.burnIn = 0; o.saveEvery = 1; o.seed = UInt64(seed)
            let result = try! Ensemble.run(g, start: part, options: o)
            #expect(result.method == (g.coarse ? .mergeSplit : .recom))
            var moved = 0
            for chain in result.chains {
                #expect(chain.plans.count == 150 && chain.rows.count == 150)
                for (row, plan) in zip(chain.rows, chain.plans) {
                    if plan.part != part { moved += 1 }
                    let site = g.siteDistricts(ofNodes: plan.part)
                    // Groups whole.
                    if let group = input.group {
                        var of: [Int32: Int32] = [:]
                        for s in 0..<p.siteCount { if let d = of[group[s]] { #expect(d == site[s]) } else { of[group[s]] = site[s] } }
                    }
                    // Connected in the graph without the river's edges (barriers), so never astride the river
                    // except through the crossing.
                    #expect(sitePieces(p, site).allSatisfy { $0 == 1 })
                    // Band.
                    var loads = [Double](repeating: 0, count: p.k)
                    for s in 0..<p.siteCount { loads[Int(site[s])] += p.load[s] }
                    let target = loads.reduce(0, +) / Double(p.k)
                    #expect(loads.allSatisfy { abs($0 - target) <= p.tolerance * target + 1e-9 })
                    // Nesting.
                    if let nest = input.nest {
                        var of: [Int32: Int32] = [:]
                        for s in 0..<p.siteCount { if let u = of[site[s]] { #expect(u == nest[s]) } else { of[site[s]] = nest[s] } }
                    }
                    // Incremental figures = full recomputation.
                    let full = EnsembleFigures.of(g, part: plan.part)
                    for (a, b) in zip(row.figures.values, full.values) { #expect(close(a, b), "step \(row.step): \(row.figures) vs \(full)") }
                }
            }
            #expect(moved > 0, "the chains never left the start plan")
            // Same seed, same rows.
            let again = try! Ensemble.run(g, start: part, options: o)
            #expect(again.rows == result.rows)
        }
    }
}

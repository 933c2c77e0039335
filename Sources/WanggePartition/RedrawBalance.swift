import Foundation
import WanggeModel
/// The redraw's balance stage (DESIGN section 7): repair contiguity, then move load between
/// districts until every open district is in the band, moving as little as it can:
/// - fine atoms (on average no heavier than half the band is wide): a flow plan over
///   the district graph (`RedrawFlowPlan`) realised by boundary moves;
/// - then, for what is left or when atoms are coarse: ejection chains of atom sets
///   (`ejectionChain`), then single-atom chains with swaps (`balanceByPaths`), then a tabu search
///   of moves and swaps around the districts still outside the band (`balanceByTabu`);
/// - moves that balance does not need are taken back (`returnHome`);
/// - last, plain balance rounds, kept only if they lower the worst deviation.
extension Refiner {
    mutating func rebalanceForRedraw(retention: RetentionCost, tolerance: Double) {
        _ = repairPieces(retention: retention)
        trace("start", retention)
        if inBand { return }
        var atomLoad = 0.0, atomCount = 0
        for v in 0..<g.count where g.load[v] > 0 { atomLoad += g.load[v]; atomCount += 1 }
        let meanAtom = atomLoad / Double(max(atomCount, 1))
        // Coarse atoms on small plans: a planned candidate (flows realised by exact re-splits),
        // kept at the end if it beats the stages below.
        var candidates: [(figures: RedrawFigures, part: [Int32])] = []
        if meanAtom > tolerance * target && g.count <= 5_000 {
            let start = part
            // The band flow realised by whole atoms (issue 12), closed by the stages below if needed;
            // flows capped by the load on each border or not.
            for capped in [true, false] {
                balanceByBandFlow(retention: retention, capped: capped)
                trace("band flow only \(capped)", retention)
                if !inBand {
                    // What the flows leave: the cheapest ejection chains, then the other stages.
                    balanceByChains(retention: retention, maxChains: 4 * k + 200)
                    trace("band flow + chains \(capped)", retention)
                }
                if !inBand { balanceStages(retention: retention, tolerance: tolerance, meanAtom: meanAtom) }
                improveRedrawByMergeSplit(retention: retention)
                returnHome(retention: retention)
                returnHomeInPairs(retention: retention)
                returnHomeByFlows(retention: retention)
                trace("band flow \(capped)", retention)
                candidates.append((redrawFigures(retention: retention), part))
                reset(to: start)
            }
            balanceByPlannedResplits(retention: retention)
            improveRedrawByMergeSplit(retention: retention)
            returnHome(retention: retention)
            trace("planned re-splits", retention)
            candidates.append((redrawFigures(retention: retention), part))
            if !inBand {
                // What the planned re-splits left, closed by the stages below.
                balanceStages(retention: retention, tolerance: tolerance, meanAtom: meanAtom)
                candidates.append((redrawFigures(retention: retention), part))
            }
            reset(to: start)
        }
        balanceStages(retention: retention, tolerance: tolerance, meanAtom: meanAtom)
        trace("stages", retention)
        for c in candidates where c.figures.better(than: redrawFigures(retention: retention)) {
            reset(to: c.part)
        }
    }

    /// The balance stages for out-of-band districts: flow plans (fine atoms), chains, tabu, then
    /// moves taken back and plain balance rounds.
    mutating func balanceStages(retention: RetentionCost, tolerance: Double, meanAtom: Double) {
        if meanAtom <= tolerance * target {
            // Atoms up to the half-band wide (households, or work groups against urban districts of
            // hundreds): out-of-band districts are brought just inside the band (two mean atoms, at
            // most a third of the half-band), so that atoms a little larger than planned still land
            // inside. Coarser atoms go to the chains.
            let margin = min(tolerance * target / 3, 2 * meanAtom)
            let lowAim = lower + margin, highAim = upper - margin
            let slack = margin / 2
            for _ in 0..<6 {
                let dg = DistrictGraph(g, part: part, k: k, closed: closed)
                let plan = RedrawFlowPlan.plan(graph: dg, loads: loads, closed: closed, lower: lower, upper: upper,
                                               lowAim: lowAim, highAim: highAim)
                if plan.flows.isEmpty { break }
                let moved = realise(plan, retention: retention, slack: slack)
                if moved == 0 || inBand { break }
            }
        }
        if !inBand {
            // A few deterministic variants of the chain stage (which district goes first, how many
            // atoms a step may pass); the best is kept by `RedrawFigures.better` (in the band first;
            // then worst deviation, load outside the band, load moved from its previous district).
            let start = part
            // Small problems try all four in turn (stopping at a perfect one); large ones the two
            // cheaper (pairs of atoms per step) side by side on the cores.
            let variants = g.count <= 5_000 || k <= 50 ? [(false, 3), (true, 3), (false, 2), (true, 2)] : [(true, 2), (false, 2)]
            var results: [(figures: RedrawFigures, part: [Int32])] = []
            if variants.count == 2 {
                let base = self
                results = parallelMap(variants.count) { i in var r = base; return r.chainVariant(variants[i], retention: retention) }
            } else {
                for variant in variants {
                    reset(to: start)
                    let result = chainVariant(variant, retention: retention)
                    results.append(result)
                    if result.figures.outside <= 1e-9 && result.figures.moved == 0 { break }
                }
            }
            var best = results[0]
            for result in results.dropFirst() where result.figures.better(than: best.figures) {
                best = result
            }
            reset(to: best.part)
        }
        if !inBand {
            // Tight packings the chains cannot close: moves may pass through out-of-band states.
            balanceByTabu(retention: retention, maxIterations: 20_000)
            balanceByTabu(retention: retention, maxIterations: 20_000, keepExcess: true)
        }
        returnHome(retention: retention)
        if !inBand {
            let saved = part, worst = worstDeviation()
            balance(maxRounds: 400)
            if !inBand { balanceByPaths(maxPaths: 4 * k + 200) }
            if worstDeviation() >= worst - 1e-12 { reset(to: saved) }
        }
    }

    /// WANGGE_REDRAW_TRACE=1: each candidate's figures on stderr (development aid).
    var traceOn: Bool { getenv("WANGGE_REDRAW_TRACE") != nil }
    func traceLine(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }
    func trace(_ name: String, _ retention: RetentionCost) {
        guard getenv("WANGGE_REDRAW_TRACE") != nil else { return }
        let f = redrawFigures(retention: retention)
        FileHandle.standardError.write(Data("redraw candidate \(name): worst \(f.worst), outside \(f.outside), moved \(f.moved)\n".utf8))
    }

    /// max |load − T| / T over open districts.
    func worstDeviation() -> Double {
        var w = 0.0
        for d in 0..<k where !isClosed(d) { w = max(w, abs(loads[d] - target) / target) }
        return w
    }

    /// Replaces the partition, keeping the district sums right.
    mutating func reset(to newPart: [Int32]) {
        for v in 0..<g.count where part[v] != newPart[v] { move(v, to: Int(newPart[v])) }
    }

    /// One variant of the chain stage from the current partition: (load outside the band, load
    /// moved from its previous district, the partition).
    mutating func chainVariant(_ variant: (leastFirst: Bool, maxSubset: Int), retention: RetentionCost)
        -> (figures: RedrawFigures, part: [Int32]) {
        balanceByChains(retention: retention, maxChains: 4 * k + 200, leastFirst: variant.leastFirst, maxSubset: variant.maxSubset)
        if !inBand { balanceByPaths(maxPaths: 4 * k + 200) }
        return (redrawFigures(retention: retention), part)
    }
}

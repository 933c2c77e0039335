import Foundation
import WanggeModel
/// The multilevel scheme for one connected unit: coarsen, partition the coarsest graph,
/// then project back level by level, balancing and refining at each.
struct Multilevel {
    var lower: Double
    var upper: Double
    /// Converts relation cost into the coarsening rating's boost.
    var relationBoost: Double
    var edgeCost: Double
    var seed: UInt64
    /// Stops trials, coarsening and refinement early when set; the caller throws.
    var cancellation: Cancellation = .never
    var coarsenSeconds = 0.0, initialSeconds = 0.0, refineSeconds = 0.0

    /// Several seeded attempts on small graphs (cheap there, and coarse granularity makes balance
    /// a matter of luck); the best by band violation, then cost, wins.
    /// `splitPieces` counts extra pieces at site level (districts a broken group leaves in pieces).
    mutating func solve(_ g0: LevelGraph, k: Int, splitPieces: (([Int32]) -> Int)? = nil) -> [Int32] {
        if k <= 1 { return [Int32](repeating: 0, count: g0.count) }
        let trials = g0.count <= 500 ? 64 : g0.count <= 2_000 ? 32 : (g0.count <= 5_000 ? 24 : (g0.count <= 50_000 ? 3 : 1))
        // Small graphs: enough starts of both kinds before settling for the first good one.
        let minTrials = g0.count <= 500 ? 64 : g0.count <= 2_000 ? 32 : (g0.count <= 5_000 ? 16 : 4)
        var best: [Int32] = [], bestScore = (Double.infinity, Double.infinity, Double.infinity)
        var finished: [((Double, Double, Double), [Int32])] = []
        // Trials are independent (each draws from its own seeded stream), so they run in batches
        // on all cores and are then judged in trial order, exactly as one after the other would be:
        // the result does not depend on the number of cores.
        let batch = trials == 1 ? 1 : max(2, ProcessInfo.processInfo.activeProcessorCount)
        var t = 0
        trialLoop: while t < trials && !cancellation.isCancelled {
            let count = min(batch, trials - t)
            let first = t, solver = self, kMeansFirst = trials == 1
            let runs = parallelMap(count) { i -> ([Int32], Multilevel) in
                var m = solver
                m.coarsenSeconds = 0; m.initialSeconds = 0; m.refineSeconds = 0
                return (m.attempt(g0, k: k, trial: first + i, kMeansFirst: kMeansFirst), m)
            }
            // A cancelled attempt stops where it is, with the part of a coarser level: never judged.
            if cancellation.isCancelled { break trialLoop }
            for (part, m) in runs {
                coarsenSeconds += m.coarsenSeconds; initialSeconds += m.initialSeconds; refineSeconds += m.refineSeconds
                let e = evaluate(g0, part: part, k: k)
                let score = (e.0, Double(splitPieces?(part) ?? 0), e.1)
                if g0.count <= Self.polishLimit { finished.append((score, part)) }
                if score < bestScore { bestScore = score; best = part }
                if score.0 == 0 && score.1 == 0 && t >= minTrials - 1 { break trialLoop }
                t += 1
            }
        }
        // Small graphs: the best few distinct trials are polished by merge-split re-splits (too
        // costly for every trial), and the best polished one wins.
        if !finished.isEmpty && !cancellation.isCancelled {
            let clock = ContinuousClock(), t0 = clock.now
            var elite: [[Int32]] = []
            // By score, then trial order (a stable sort).
            let order = finished.indices.sorted { finished[$0].0 < finished[$1].0 || (finished[$0].0 == finished[$1].0 && $0 < $1) }
            for i in order where elite.count < Self.polished && !elite.contains(finished[i].1) {
                elite.append(finished[i].1)
            }
            let solver = self, starts = elite
            let polished = parallelMap(starts.count) { i in solver.polish(g0, part: starts[i], k: k) }
            for part in polished {
                let e = evaluate(g0, part: part, k: k)
                let score = (e.0, Double(splitPieces?(part) ?? 0), e.1)
                if score < bestScore { bestScore = score; best = part }
            }
            refineSeconds += seconds(clock.now - t0)
        }
        return best
    }

    /// Graphs up to this many nodes get their best trials polished, this many of them.
    static let polishLimit = 5_000
    static let polished = 8

    /// Merge-split re-splits (then single moves) on a finished in-band trial.
    func polish(_ g: LevelGraph, part: [Int32], k: Int) -> [Int32] {
        let target = g.load.reduce(0, +) / Double(k)
        var r = Refiner(graph: g, part: part, k: k, target: target, lower: lower, upper: upper,
                        relationCost: 1, edgeCost: edgeCost)
        r.cancellation = cancellation
        guard r.inBand, !cancellation.isCancelled else { return part }
        r.improveByMergeSplit()
        r.improve(maxRounds: 4)
        return r.part
    }

    /// (total load outside the band, cost).
    func evaluate(_ g: LevelGraph, part: [Int32], k: Int) -> (Double, Double) {
        var loads = [Double](repeating: 0, count: k), m = loads, sx = loads, sy = loads
        for v in 0..<g.count {
            let d = Int(part[v]); loads[d] += g.load[v]; m[d] += g.mass[v]; sx[d] += g.mass[v] * g.cx[v]; sy[d] += g.mass[v] * g.cy[v]
        }
        var excess = 0.0
        for d in 0..<k { excess += max(0, loads[d] - upper) + max(0, lower - loads[d]) }
        var cost = 0.0
        for v in 0..<g.count {
            let d = Int(part[v]); let dx = g.cx[v] - sx[d] / m[d], dy = g.cy[v] - sy[d] / m[d]
            cost += g.mass[v] * (dx * dx + dy * dy)
            for j in g.neighbourRange(v) where part[Int(g.adj[j])] != part[v] { cost += 0.5 * edgeCost * Double(g.edgeWeight[j]) }
            for j in g.relationRange(v) where part[Int(g.relAdj[j])] != part[v] { cost += 0.5 * g.relW[j] }
        }
        return (excess > 1e-9 ? excess : 0, cost)
    }

    mutating func attempt(_ g0: LevelGraph, k: Int, trial: Int, kMeansFirst: Bool = false) -> [Int32] {
        let clock = ContinuousClock()
        var t = clock.now
        let total = g0.load.reduce(0, +)
        let unitTarget = total / Double(k)
        // Offset by the golden-ratio increment: the stream this module has always drawn for a seed.
        var rng = SplitMix64(seed: (seed &+ UInt64(trial) &* 0x1000_0000_01B3) &+ 0x9E37_79B9_7F4A_7C15)
        var levels = [g0]
        var maps: [[Int32]] = []
        let goal = max(20 * k, 2000)
        let cap = max(unitTarget * 0.25, 1e-300)
        while levels[levels.count - 1].count > goal && !cancellation.isCancelled {
            let fine = levels[levels.count - 1]
            let (coarse, map) = Coarsener.coarsen(fine, cap: cap, relationBoost: relationBoost, rng: &rng)
            if coarse.count > fine.count * 95 / 100 || coarse.count < k { break }
            levels.append(coarse); maps.append(map)
        }
        coarsenSeconds += seconds(clock.now - t); t = clock.now

        let coarsest = levels[levels.count - 1]
        // Odd trials start from balanced k-means (when its n·k work is affordable), even ones
        // from inertial bisection.
        var part: [Int32]
        if trial % 2 == 1 || kMeansFirst, coarsest.count * k <= 4_000_000,
           let start = BalancedKMeans.partition(coarsest, parts: k, lower: lower, upper: upper, rng: &rng) {
            part = start
        } else {
            part = InitialPartition.bisect(coarsest, parts: k, jitter: trial == 0 ? 0 : 0.6, rng: &rng)
        }
        Contiguity.repair(coarsest, part: &part, k: k)
        initialSeconds += seconds(clock.now - t); t = clock.now

        var level = levels.count - 1
        while true {
            var r = Refiner(graph: levels[level], part: part, k: k, target: unitTarget,
                            lower: lower, upper: upper, relationCost: 1, edgeCost: edgeCost)
            r.cancellation = cancellation
            if cancellation.isCancelled { return part }
            r.balance(maxRounds: 200)
            if !r.inBand { r.balanceByPaths(maxPaths: r.g.count <= 100_000 ? 4 * k + 20 : 40) }
            r.improve(maxRounds: level == 0 ? 8 : 5)
            if level == 0 && r.inBand && r.g.count <= 200_000 {
                r.improveBySwaps(maxRounds: 4)
                r.improve(maxRounds: 4)
            }
            if !r.inBand {
                r.balance(maxRounds: 200)
                if !r.inBand { r.balanceByPaths(maxPaths: r.g.count <= 100_000 ? 4 * k + 20 : 40) }
            }
            part = r.part
            if level == 0 { break }
            let map = maps[level - 1]
            part = map.map { part[Int($0)] }
            level -= 1
        }
        refineSeconds += seconds(clock.now - t)
        return part
    }
}

func seconds(_ d: Duration) -> Double {
    let c = d.components
    return Double(c.seconds) + Double(c.attoseconds) * 1e-18
}

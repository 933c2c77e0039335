/// The multilevel scheme for one connected unit: coarsen, partition the coarsest graph,
/// then project back level by level, balancing and refining at each.
struct Multilevel {
    var lower: Double
    var upper: Double
    var relationCost: Double
    var edgeCost: Double
    var seed: UInt64
    var coarsenSeconds = 0.0, initialSeconds = 0.0, refineSeconds = 0.0

    mutating func solve(_ g0: LevelGraph, k: Int) -> [Int32] {
        if k <= 1 { return [Int32](repeating: 0, count: g0.count) }
        let clock = ContinuousClock()
        var t = clock.now
        let total = g0.load.reduce(0, +)
        let unitTarget = total / Double(k)
        var rng = SplitMix64(seed: seed)
        var levels = [g0]
        var maps: [[Int32]] = []
        let goal = max(20 * k, 2000)
        let cap = max(unitTarget * 0.25, 1e-300)
        while levels[levels.count - 1].count > goal {
            let fine = levels[levels.count - 1]
            let (coarse, map) = Coarsener.coarsen(fine, cap: cap, relationBoost: relationCost > 0 ? 1 : 0, rng: &rng)
            if coarse.count > fine.count * 95 / 100 || coarse.count < k { break }
            levels.append(coarse); maps.append(map)
        }
        coarsenSeconds += seconds(clock.now - t); t = clock.now

        let coarsest = levels[levels.count - 1]
        var part = InitialPartition.bisect(coarsest, parts: k)
        Contiguity.repair(coarsest, part: &part, k: k)
        initialSeconds += seconds(clock.now - t); t = clock.now

        var level = levels.count - 1
        while true {
            var r = Refiner(graph: levels[level], part: part, k: k, target: unitTarget,
                            lower: lower, upper: upper, relationCost: relationCost, edgeCost: edgeCost)
            r.balance(maxRounds: 200)
            if !r.inBand { r.balanceByPaths(maxPaths: r.g.count <= 100_000 ? 4 * k + 20 : 40) }
            r.improve(maxRounds: level == 0 ? 8 : 5)
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

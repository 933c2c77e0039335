import WanggeModel

/// How a plan keeps units (work groups, villages) and related households together.
public enum CohesionMetrics {
    /// For each unit (0..<unitCount; households with unit −1 belong to none), the districts
    /// holding its households and the weight each holds, districts in order of first appearance.
    public static func unitShares(unit: [Int32], unitCount: Int, assignment: [Int32], weights: [Double],
                                  districtCount k: Int) -> [[(district: Int32, weight: Double)]] {
        // Households by unit (counting sort keeps input order, so sums are deterministic).
        var start = [Int](repeating: 0, count: unitCount + 1)
        for u in unit where u >= 0 { start[Int(u) + 1] += 1 }
        for j in 0..<unitCount { start[j + 1] += start[j] }
        var fill = start
        var order = [Int32](repeating: 0, count: start[unitCount])
        for i in 0..<unit.count where unit[i] >= 0 {
            let j = Int(unit[i]); order[fill[j]] = Int32(i); fill[j] += 1
        }
        var slot = [Int](repeating: -1, count: k)   // district -> position in the current unit's list
        var out: [[(district: Int32, weight: Double)]] = []
        out.reserveCapacity(unitCount)
        for j in 0..<unitCount {
            var list: [(district: Int32, weight: Double)] = []
            for e in start[j]..<start[j + 1] {
                let i = Int(order[e]), d = Int(assignment[i])
                if slot[d] < 0 { slot[d] = list.count; list.append((Int32(d), 0)) }
                list[slot[d]].weight += weights[i]
            }
            for item in list { slot[Int(item.district)] = -1 }
            out.append(list)
        }
        return out
    }

    /// Units whose households lie in more than one district (indices, ascending).
    public static func splitUnits(_ shares: [[(district: Int32, weight: Double)]]) -> [Int] {
        shares.indices.filter { shares[$0].count > 1 }
    }

    /// The DRA-style split score  S = Σⱼ wⱼ Σᵢ √fᵢⱼ  over units j that have households, where
    /// fᵢⱼ = (weight of unit j in district i) / (weight of unit j) and wⱼ = (weight of unit j) /
    /// (total weight of all households that have a unit). S = 1 when no unit is split; a unit cut
    /// evenly in two contributes wⱼ·√2, in n equal parts wⱼ·√n. Units of zero weight are
    /// skipped; nil when no household has a unit.
    public static func splitScore(_ shares: [[(district: Int32, weight: Double)]]) -> Double? {
        let unitWeights = shares.map { $0.reduce(0) { $0 + $1.weight } }
        let total = unitWeights.reduce(0, +)
        guard total > 0 else { return nil }
        var s = 0.0
        for (j, list) in shares.enumerated() where unitWeights[j] > 0 {
            var inner = 0.0
            for item in list { inner += (item.weight / unitWeights[j]).squareRoot() }
            s += unitWeights[j] / total * inner
        }
        return s
    }

    /// Weight of relations whose two households are in different districts, and the total.
    public static func relationCut(_ relations: RelationTable, assignment: [Int32]) -> (cut: Double, total: Double) {
        var cut = 0.0, total = 0.0
        for e in 0..<relations.a.count {
            total += relations.weight[e]
            if assignment[Int(relations.a[e])] != assignment[Int(relations.b[e])] { cut += relations.weight[e] }
        }
        return (cut, total)
    }
}

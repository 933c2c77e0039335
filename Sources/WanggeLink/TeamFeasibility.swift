import WanggeModel

/// Exact feasibility of one district's team, and an exact search for team sizes (how many cadres
/// of each role serve in each district) under which every district's team is feasible.
///
/// A district with H households and G work-group parts, served by a team, is feasible exactly when
/// - households: Σ min ≤ H ≤ Σ max over the team (every household may go to any team member, so
///   the household transportation is complete bipartite and these sums decide it);
/// - work groups: the parts can be given to the group-level cadres within their group quotas with
///   each village cadre's parts in one village. Cadres without the village rule take any parts
///   (Σ min = lo, Σ max = hi); b village cadres split over the villages (n_v in village v, at most
///   ⌊P_v / min⌋ there) take between b·min and Σ_v min(P_v, n_v·max) parts, every count in between
///   reachable; so the district is feasible iff that range meets [G − hi, G − lo] for some split.
///   The largest Σ_v min(P_v, n_v·max) over splits is reached by giving the village cadres one at a
///   time to the village with the largest gain (the gains are non-increasing in n_v: concave,
///   separable, with box limits — the greedy is exact), so one greedy split decides it.
public enum TeamFeasibility {
    /// The per-village counts of village cadres that make the group linking feasible, or nil.
    /// `partsPerVillage`: the district's parts per village (any order); `freeLo`/`freeHi`: Σ min
    /// and Σ max groups of the other group-level cadres (hi capped at the part count).
    public static func villageSplit(partsPerVillage pv: [Int], freeLo: Int, freeHi: Int, villageCadres b: Int,
                                    minGroups minV: Int, maxGroups maxV: Int) -> [Int]? {
        let G = pv.reduce(0, +)
        let maxV = min(maxV, G), freeHi = min(freeHi, G)
        var n = [Int](repeating: 0, count: pv.count)
        var taken = 0
        for _ in 0..<b {
            var best = -1, bestGain = -1
            for v in pv.indices {
                if minV > 0 && (n[v] + 1) * minV > pv[v] { continue }
                let gain = min(pv[v], (n[v] + 1) * maxV) - min(pv[v], n[v] * maxV)
                if gain > bestGain { bestGain = gain; best = v }
            }
            guard best >= 0 else { return nil }
            n[best] += 1; taken += bestGain
        }
        let lo = max(b * minV, G - freeHi), hi = min(taken, G - freeLo)
        return lo <= hi ? n : nil
    }

    /// Whether households `H` and parts `pv` fit a team given as (quota, is a village cadre, count).
    public static func feasible(households H: Int, partsPerVillage pv: [Int], team: [(CadreQuota, Bool, Int)]) -> Bool {
        householdGap(households: H, team: team) == 0 && groupSplit(partsPerVillage: pv, team: team) != nil
    }

    /// How far the team's household quotas miss H (0 when Σ min ≤ H ≤ Σ max).
    public static func householdGap(households H: Int, team: [(CadreQuota, Bool, Int)]) -> Int {
        var lo = 0, hi = 0
        for (q, _, n) in team where n > 0 {
            lo += n * q.minHouseholds
            hi = hi == Int.max ? hi : (q.maxHouseholds.map { hi + n * $0 } ?? Int.max)
        }
        return max(0, lo - H) + max(0, H - hi)
    }

    /// The village cadres' split over villages that makes the groups feasible, or nil.
    public static func groupSplit(partsPerVillage pv: [Int], team: [(CadreQuota, Bool, Int)]) -> [Int]? {
        let G = pv.reduce(0, +)
        var lo = 0, hi = 0, b = 0, minV = 0, maxV = 0
        for (q, isVillageCadre, n) in team where n > 0 {
            if !q.linksGroups {
                if q.minGroups > 0 { return nil }
            } else if isVillageCadre {
                b += n; minV = q.minGroups; maxV = q.maxGroups ?? G
            } else {
                lo += n * q.minGroups; hi = min(G, hi + n * (q.maxGroups ?? G))
            }
        }
        return villageSplit(partsPerVillage: pv, freeLo: lo, freeHi: hi, villageCadres: b, minGroups: minV, maxGroups: maxV)
    }

    /// Team sizes `counts[d * R + r]` (R roles) with Σ_d counts = `available[r]` and every district
    /// feasible, closest (L1) to `preferred` first: a depth-first search over districts whose
    /// candidates are each district's feasible size vectors, with the per-role remainders checked
    /// against what the remaining districts can take and failed (district, used) states memoised —
    /// exhaustive, so nil means no team sizes exist, unless `budget` states were spent (then
    /// `exhausted` is true).
    public static func seats(districts K: Int, roles R: Int, available N: [Int], preferred: [Int],
                             candidates: (Int) -> [[Int]], budget: Int = 2_000_000) -> (counts: [Int]?, exhausted: Bool) {
        var cands = [[[Int]]]()
        for d in 0..<K {
            let pref = Array(preferred[(d * R)..<(d * R + R)])
            let list = candidates(d).filter { v in (0..<R).allSatisfy { v[$0] <= N[$0] } }
            guard !list.isEmpty else { return (nil, false) }
            cands.append(list.sorted { a, b in
                let da = zip(a, pref).reduce(0) { $0 + abs($1.0 - $1.1) }, db = zip(b, pref).reduce(0) { $0 + abs($1.0 - $1.1) }
                return da != db ? da < db : a.lexicographicallyPrecedes(b)
            })
        }
        // What districts d… can take at most / must take at least, per role.
        var sufMax = [Int](repeating: 0, count: (K + 1) * R), sufMin = [Int](repeating: 0, count: (K + 1) * R)
        for d in stride(from: K - 1, through: 0, by: -1) {
            for r in 0..<R {
                sufMax[d * R + r] = sufMax[(d + 1) * R + r] + cands[d].map { $0[r] }.max()!
                sufMin[d * R + r] = sufMin[(d + 1) * R + r] + cands[d].map { $0[r] }.min()!
            }
        }
        // Failed (district, used) states, as one number d + K·(used₀ + (N₀+1)·(used₁ + …)) when that
        // fits an Int (used_r ≤ N_r always), else as arrays.
        var failed = Set<[Int]>(), failedCode = Set<Int>()
        var radix = [Int](repeating: 0, count: R)
        var codable = true
        var scale = K
        for r in 0..<R {
            radix[r] = scale
            let (next, overflow) = scale.multipliedReportingOverflow(by: N[r] + 1)
            if overflow { codable = false; break }
            scale = next
        }
        var chosen = [Int](repeating: 0, count: K)
        var used = [Int](repeating: 0, count: R)
        var spent = 0
        func search(_ d: Int) -> Bool {
            if d == K { return used == N }
            for r in 0..<R {
                let rest = N[r] - used[r]
                if rest > sufMax[d * R + r] || rest < sufMin[d * R + r] { return false }
            }
            var code = d
            if codable { for r in 0..<R { code += used[r] * radix[r] } }
            if codable ? failedCode.contains(code) : failed.contains([d] + used) { return false }
            spent += 1
            if spent > budget { return false }
            for (i, v) in cands[d].enumerated() {
                guard (0..<R).allSatisfy({ used[$0] + v[$0] <= N[$0] }) else { continue }
                for r in 0..<R { used[r] += v[r] }
                chosen[d] = i
                if search(d + 1) { return true }
                for r in 0..<R { used[r] -= v[r] }
                if spent > budget { return false }
            }
            if codable { failedCode.insert(code) } else { failed.insert([d] + used) }
            return false
        }
        guard search(0) else { return (nil, spent > budget) }
        return ((0..<K).flatMap { cands[$0][chosen[$0]] }, false)
    }
}

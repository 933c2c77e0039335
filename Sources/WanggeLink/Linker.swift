import WanggeModel

/// Four-links (四联) cadre linking in four exact stages (README "wangge link"):
/// 1. leaders — a named leader keeps its district; the other districts get the remaining town
///    leaders by an exact assignment (Hungarian) minimising Σ leader-to-household distance;
/// 2. teams — every other cadre joins one district: per role, a min-cost transportation problem
///    (cadres → districts) whose seat counts per (district, role) make every district's team
///    feasible (`TeamFeasibility`: exact conditions; a repair by moves and swaps, then when it
///    fails an exhaustive search over team sizes, so a feasible linking is always found when one
///    exists); a cadre's cost for a district is the sum of its k cheapest links there (k = its
///    role's expected load). With at most 4096 team formations they are all enumerated and scored
///    by the exact district flows (optimal); otherwise a local search of moves and swaps scored by
///    those flows improves them, and the Lagrangian bound (below) reports the gap;
/// 3. work groups — per district, a min-cost transportation of group parts to group-level cadres
///    within their group quotas, with each village cadre's groups in one village (its village is
///    enumerated exactly when the choices are few, else improved one cadre at a time);
/// 4. households — per district, a min-cost transportation of households to the team within the
///    household quotas: exact, and its dual prices give a lower bound for the whole problem.
public enum Linker {
    public static func solve(_ p: LinkProblem) throws -> LinkResult {
        var s = State(p)
        s.chooseLeaders()
        s.formTeams()
        if s.exhaustiveTeams() { s.issues = [] } else { s.improveTeams() }
        s.linkGroups()
        s.linkHouseholds()
        s.lowerBound()
        s.previousFigures()
        if !s.issues.isEmpty && !p.allowPartial {
            throw WanggeError.data("the quotas cannot be met:\n  " + s.issues.joined(separator: "\n  ")
                                   + "\n(--allow-partial links what it can and lists the households left without a contact)")
        }
        return s.result
    }

    /// A value and what it belongs to, ordered by value, then index (as a tuple would be).
    struct Ranked: Comparable {
        var value: Double
        var index: Int
        static func < (a: Ranked, b: Ranked) -> Bool { a.value != b.value ? a.value < b.value : a.index < b.index }
    }

    struct State {
        let p: LinkProblem
        let H: Int, C: Int, K: Int
        var members: [[Int32]]
        var parts: [GroupPart] = []
        var partsOf: [[Int]]
        /// Per district: its parts per village (villages in ascending order) and those villages.
        var villageParts: [[Int]] = []
        var villagesOf: [[Int32]] = []
        var leader: [Int32]
        var leaderVillage: [Int32]
        var team: [Int32]
        var contact: [Int32]
        var groupCadre: [Int32] = []
        var groupVillage: [Int32]
        var lambda: [Int64?]
        var issues: [String] = []
        var householdObjective = 0.0, householdDistance = 0.0, householdPenalised = 0.0
        var householdLowerBound: Double?
        var groupDistance = 0.0
        var groupLowerBound: Double? = 0
        var previousFeasible = 0, previousKept = 0, previousChanged = 0

        init(_ p: LinkProblem) {
            self.p = p
            H = p.householdCount; C = p.cadreCount; K = p.districtCount
            members = [[Int32]](repeating: [], count: K)
            for h in 0..<H {
                let d = Int(p.district[h])
                if d >= 0 && d < K { members[d].append(Int32(h)) }
            }
            partsOf = [[Int]](repeating: [], count: K)
            leader = [Int32](repeating: -1, count: K)
            leaderVillage = [Int32](repeating: -1, count: K)
            team = [Int32](repeating: -1, count: C)
            contact = [Int32](repeating: -1, count: H)
            groupVillage = [Int32](repeating: -1, count: C)
            lambda = [Int64?](repeating: nil, count: C)
            buildParts()
        }

        var result: LinkResult {
            LinkResult(leader: leader, leaderVillage: leaderVillage, team: team, contact: contact, groupParts: parts,
                       groupCadre: groupCadre, groupVillage: groupVillage, householdObjective: householdObjective,
                       householdDistance: householdDistance, householdLowerBound: householdLowerBound,
                       householdPenalised: householdPenalised, groupDistance: groupDistance,
                       groupLowerBound: groupLowerBound, issues: issues, previousFeasible: previousFeasible,
                       previousKept: previousKept, previousChanged: previousChanged)
        }

        // MARK: geometry and costs

        func dist(_ c: Int, _ h: Int) -> Double {
            let dx = p.cadreX[c] - p.x[h], dy = p.cadreY[c] - p.y[h]
            return (dx * dx + dy * dy).squareRoot()
        }

        /// The village a cadre prefers when serving district d (-1: none).
        func preferred(_ c: Int, in d: Int) -> Int32 {
            if d >= 0 && d < K && leader[d] == Int32(c) { return leaderVillage[d] }
            switch p.role[c] {
            case .villageCadre, .partyMember: return p.cadreVillage[c]
            default: return -1
            }
        }

        /// Distance plus the village penalty, in decimetres.
        func penalised(_ c: Int, _ h: Int, preferring v: Int32) -> Int64 {
            var m = dist(c, h)
            if v >= 0 && p.village[h] != v { m += p.villagePenalty }
            return Int64((m * 10).rounded())
        }

        var bonusDM: Int64 { Int64((p.keepBonus * 10).rounded()) }

        mutating func buildParts() {
            var index: [Int: Int] = [:]
            var sx: [Double] = [], sy: [Double] = [], votes: [[Int32: Int]] = []
            for h in 0..<H {
                let g = Int(p.group[h]), d = Int(p.district[h])
                guard g >= 0, d >= 0, d < K else { continue }
                let key = g * K + d
                let i: Int
                if let j = index[key] { i = j } else {
                    i = parts.count; index[key] = i
                    parts.append(GroupPart(group: Int32(g), district: Int32(d), village: -1, households: 0, x: 0, y: 0))
                    sx.append(0); sy.append(0); votes.append([:])
                }
                parts[i].households += 1; sx[i] += p.x[h]; sy[i] += p.y[h]; votes[i][p.village[h], default: 0] += 1
            }
            // Deterministic order: by district, then group index.
            let order = parts.indices.sorted { (parts[$0].district, parts[$0].group) < (parts[$1].district, parts[$1].group) }
            parts = order.map { i in
                var part = parts[i]
                part.x = sx[i] / Double(part.households); part.y = sy[i] / Double(part.households)
                part.village = votes[i].max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? -1
                return part
            }
            for (i, part) in parts.enumerated() { partsOf[Int(part.district)].append(i) }
            for d in 0..<K {
                var n: [Int32: Int] = [:]
                for i in partsOf[d] { n[parts[i].village, default: 0] += 1 }
                let vs = n.keys.sorted()
                villagesOf.append(vs); villageParts.append(vs.map { n[$0]! })
            }
            groupCadre = [Int32](repeating: -1, count: parts.count)
        }

        func districtName(_ d: Int) -> String { p.districtIds[d] }

        /// A team as (quota, is a village cadre, 1) rows for `TeamFeasibility`.
        func spec(_ cadres: [Int]) -> [(CadreQuota, Bool, Int)] { cadres.map { (p.quota($0), p.role[$0] == .villageCadre, 1) } }

        /// Whether district d's work groups can be linked to these cadres (the one-village rule included).
        func groupsFeasible(_ d: Int, _ cadres: [Int]) -> Bool {
            TeamFeasibility.groupSplit(partsPerVillage: villageParts[d], team: spec(cadres)) != nil
        }

        /// The optimal cost (decimetres) of district d's household transportation to these cadres,
        /// nil when its quotas cannot be met.
        func districtFlowCost(_ d: Int, _ bins: [Int]) -> Int64? {
            let items = members[d]
            guard !items.isEmpty else { return bins.allSatisfy { p.quota($0).minHouseholds == 0 } ? 0 : nil }
            guard !bins.isEmpty else { return nil }
            var cost = [Int64](repeating: 0, count: bins.count * items.count)
            for (b, c) in bins.enumerated() {
                let v = preferred(c, in: d)
                for (i, h) in items.enumerated() {
                    cost[b * items.count + i] = penalised(c, Int(h), preferring: v) - (p.previousContact[Int(h)] == Int32(c) ? bonusDM : 0)
                }
            }
            let sol = Transportation(bins: bins.count, items: items.count, cost: cost,
                                     lower: bins.map { p.quota($0).minHouseholds },
                                     upper: bins.map { p.quota($0).maxHouseholds ?? items.count }).solve()
            return sol.unplaced == 0 && sol.shortfall == 0 ? sol.cost : nil
        }

        // MARK: 1. leaders

        mutating func chooseLeaders() {
            var used = Set<Int32>()
            for d in 0..<K {
                let c = p.fixedLeader[d]
                if c >= 0, Int(c) < C, p.role[Int(c)] == .townLeader, !used.contains(c) {
                    leader[d] = c; used.insert(c)
                }
            }
            let free = (0..<K).filter { leader[$0] < 0 }
            let candidates = (0..<C).filter { p.role[$0] == .townLeader && !used.contains(Int32($0)) }
            if candidates.count < free.count {
                issues.append("\(free.count - candidates.count) district(s) without a town leader: \(candidates.count) town leader(s) left for "
                              + "\(free.count) district(s) (\(free.map(districtName).joined(separator: ", ")))")
            }
            if !free.isEmpty && !candidates.isEmpty {
                // Σ distance from the leader's home to the district's households.
                func cost(_ d: Int, _ c: Int) -> Double { members[d].reduce(0) { $0 + dist(c, Int($1)) } }
                if candidates.count >= free.count {
                    var m = [Double](repeating: 0, count: free.count * candidates.count)
                    for (r, d) in free.enumerated() { for (j, c) in candidates.enumerated() { m[r * candidates.count + j] = cost(d, c) } }
                    let cols = Assignment.solve(rows: free.count, columns: candidates.count, cost: m)
                    for (r, d) in free.enumerated() { leader[d] = Int32(candidates[cols[r]]) }
                } else {
                    var m = [Double](repeating: 0, count: free.count * candidates.count)
                    for (r, c) in candidates.enumerated() { for (j, d) in free.enumerated() { m[r * free.count + j] = cost(d, c) } }
                    let cols = Assignment.solve(rows: candidates.count, columns: free.count, cost: m)
                    for (r, c) in candidates.enumerated() { leader[free[cols[r]]] = Int32(c) }
                }
            }
            for d in 0..<K {
                guard leader[d] >= 0 else { continue }
                team[Int(leader[d])] = Int32(d)
                leaderVillage[d] = linkedVillage(of: Int(leader[d]), in: d)
            }
        }

        /// The village a leader links: its own when the district holds it, else the district's largest.
        func linkedVillage(of c: Int, in d: Int) -> Int32 {
            var count: [Int32: Int] = [:]
            for h in members[d] { count[p.village[Int(h)], default: 0] += 1 }
            let own = p.cadreVillage[c]
            if own >= 0, count[own] != nil { return own }
            return count.filter { $0.key >= 0 }.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? -1
        }

        // MARK: 2. teams

        mutating func formTeams() {
            let roles = CadreRole.allCases
            let pool = (0..<C).filter { team[$0] < 0 }
            guard !pool.isEmpty, K > 0 else { return }
            let R = roles.count
            let q = roles.map { r in p.quotas[r] ?? CadreQuota.defaults(r) }
            let roleIndex = Dictionary(uniqueKeysWithValues: roles.enumerated().map { ($1, $0) })
            let N = roles.map { r in pool.reduce(0) { $0 + (p.role[$1] == r ? 1 : 0) } }
            let Hd = members.map(\.count), Gd = partsOf.map(\.count)
            let Htot = max(1, Hd.reduce(0, +)), Gtot = Gd.reduce(0, +)
            // Seats per (district, role) for the first solve: around the district's share.
            var up = [Int](repeating: 0, count: K * R)
            for d in 0..<K {
                for r in 0..<R where N[r] > 0 {
                    let share = q[r].linksGroups && Gtot > 0 ? Double(Gd[d]) / Double(Gtot) : Double(Hd[d]) / Double(Htot)
                    up[d * R + r] = Int((Double(N[r]) * share).rounded(.up)) + 1
                }
            }
            // Cost estimate of cadre c in district d: its k cheapest links there (k = its role's
            // expected load), less the keep bonus for previous households there.
            let expected = roles.indices.map { r -> Int in
                let avg = Int((Double(Htot) / Double(max(1, C))).rounded())
                return max(1, min(q[r].maxHouseholds ?? Int.max, max(q[r].minHouseholds, avg)))
            }
            let centres = (0..<K).map { d -> (Double, Double) in
                let n = Double(max(1, members[d].count))
                return (members[d].reduce(0) { $0 + p.x[Int($1)] } / n, members[d].reduce(0) { $0 + p.y[Int($1)] } / n)
            }
            var villageDistricts: [Int32: Set<Int>] = [:]
            for h in 0..<H where p.village[h] >= 0 && p.district[h] >= 0 { villageDistricts[p.village[h], default: []].insert(Int(p.district[h])) }
            var previousIn: [Int: [Int: Int]] = [:]
            if bonusDM != 0 {
                for h in 0..<H where p.previousContact[h] >= 0 && p.district[h] >= 0 {
                    previousIn[Int(p.previousContact[h]), default: [:]][Int(p.district[h]), default: 0] += 1
                }
            }
            // Candidate districts of a cadre at widening level l: the 12·2^l districts with the
            // nearest household centres, the 12 nearest holding its village, those holding its
            // previous households (every district when K ≤ 24 or 12·2^l ≥ K). Solves start at
            // level 0 and widen one level at a time only while the transportation cannot meet
            // its seats.
            let baseNear = 12
            // Plain arrays, so that the estimate does not copy the state on every call.
            let px = p.x, py = p.y, pv = p.village, pcx = p.cadreX, pcy = p.cadreY, penalty = p.villagePenalty
            let cadreVillage = p.cadreVillage
            var nearOrder = [[Int32]](repeating: [], count: C)
            func byDistance(_ c: Int) -> [Int32] {
                if nearOrder[c].isEmpty {
                    let cx = pcx[c], cy = pcy[c]
                    let d2 = centres.map { ($0.0 - cx) * ($0.0 - cx) + ($0.1 - cy) * ($0.1 - cy) }
                    nearOrder[c] = (0..<K).sorted { (d2[$0], $0) < (d2[$1], $1) }.map(Int32.init)
                }
                return nearOrder[c]
            }
            func coversAll(_ level: Int) -> Bool { K <= 24 || baseNear << level >= K }
            func candidates(_ c: Int, level: Int) -> [Int] {
                if coversAll(level) { return Array(0..<K) }
                var set = Set(byDistance(c).prefix(baseNear << level).map(Int.init))
                let v = cadreVillage[c]
                if v >= 0, let ds = villageDistricts[v] {
                    let rank = byDistance(c)
                    var position = [Int](repeating: 0, count: K)
                    for (i, d) in rank.enumerated() { position[Int(d)] = i }
                    set.formUnion(ds.sorted { position[$0] < position[$1] }.prefix(baseNear))
                }
                if let prev = previousIn[c] { set.formUnion(prev.keys) }
                return set.sorted()
            }
            var estimates = [Int64](repeating: Int64.min, count: C * K)
            let memberList = members
            let ownVillage = (0..<C).map { c -> Int32 in
                switch p.role[c] { case .villageCadre, .partyMember: return p.cadreVillage[c]; default: return -1 }
            }
            let roleOf = (0..<C).map { roleIndex[p.role[$0]]! }
            let bonus = bonusDM
            func estimate(_ c: Int, _ d: Int) -> Int64 {
                let known = estimates[c * K + d]
                if known != Int64.min { return known }
                let k = expected[roleOf[c]]
                let v = ownVillage[c]
                var best: [Int64] = []
                best.reserveCapacity(k + 1)
                let cx = pcx[c], cy = pcy[c]
                for h32 in memberList[d] {
                    let h = Int(h32)
                    let dx = cx - px[h], dy = cy - py[h]
                    var m = (dx * dx + dy * dy).squareRoot()
                    if v >= 0 && pv[h] != v { m += penalty }
                    let x = Int64((m * 10).rounded())
                    if best.count < k { best.append(x); if best.count == k { best.sort() } }
                    else if x < best[k - 1] {
                        var j = k - 1
                        while j > 0 && best[j - 1] > x { best[j] = best[j - 1]; j -= 1 }
                        best[j] = x
                    }
                }
                var e = best.reduce(0, +)
                if best.count < k { e += Int64(k - best.count) * 1_000_000 }
                if let n = previousIn[c]?[d] { e -= Int64(min(n, k)) * bonus }
                estimates[c * K + d] = e
                return e
            }
            var cand: [Int: [[Int]]] = [:]
            let cadresOf = (0..<R).map { r in pool.filter { p.role[$0] == roles[r] } }
            // Per role, the exact transportation of its cadres to their candidate districts within
            // the seats, widened level by level while it cannot place every cadre (`full`: nor
            // meet every district's lower bound).
            // A solve that cannot meet every district's seats first retries at the same level with
            // the districts left short open to every cadre of the role (a few more columns, where
            // widening every cadre's candidates one level would cost a whole wider solve), and
            // widens only when that opens no new district.
            func transport(_ r: Int, lower: [Int], upper: [Int], full: Bool) -> Transportation.Solution {
                let cadres = cadresOf[r]
                var level = 0
                var open: [Int] = []
                while true {
                    if cand[level] == nil {
                        var lists = [[Int]](repeating: [], count: C)
                        for c in pool { lists[c] = candidates(c, level: level) }
                        cand[level] = lists
                    }
                    let lists = cand[level]!
                    var cost = [Int64](repeating: Transportation.forbidden, count: K * cadres.count)
                    for (i, c) in cadres.enumerated() {
                        for d in lists[c] { cost[d * cadres.count + i] = estimate(c, d) }
                        for d in open { cost[d * cadres.count + i] = estimate(c, d) }
                    }
                    let sol = Transportation(bins: K, items: cadres.count, cost: cost, lower: lower, upper: upper).solve()
                    if coversAll(level) || (sol.unplaced == 0 && (!full || sol.shortfall == 0)) { return sol }
                    let short = (0..<K).filter { sol.load[$0] < lower[$0] && !open.contains($0) }
                    if !short.isEmpty { open = (open + short).sorted(); continue }
                    level += 1
                }
            }
            for r in 0..<R where N[r] > 0 {
                let cadres = cadresOf[r]
                var sol = transport(r, lower: [Int](repeating: 0, count: K), upper: (0..<K).map { up[$0 * R + r] }, full: false)
                if sol.unplaced > 0 { sol = transport(r, lower: [Int](repeating: 0, count: K), upper: [Int](repeating: cadres.count, count: K), full: false) }
                for (i, c) in cadres.enumerated() where sol.owner[i] >= 0 { team[c] = sol.owner[i] }
            }
            // Repair: move or swap cadres until every district's team can meet its quotas
            // (Σ minima ≤ what the district has ≤ Σ maxima, for households and for groups).
            var count = [Int](repeating: 0, count: K * R)
            for c in pool where team[c] >= 0 { count[Int(team[c]) * R + roleIndex[p.role[c]]!] += 1 }
            let lq = (0..<K).map { d in leader[d] >= 0 ? p.quota(Int(leader[d])) : CadreQuota(minHouseholds: 0, maxHouseholds: 0, minGroups: 0, maxGroups: 0) }
            func sums(_ d: Int) -> (minH: Int, maxH: Int?, minG: Int, maxG: Int?) {
                var minH = lq[d].minHouseholds, minG = lq[d].minGroups
                var maxH: Int? = lq[d].maxHouseholds, maxG: Int? = lq[d].maxGroups
                for r in 0..<R where count[d * R + r] > 0 {
                    let n = count[d * R + r]
                    minH += n * q[r].minHouseholds; minG += n * q[r].minGroups
                    maxH = maxH.flatMap { a in q[r].maxHouseholds.map { a + n * $0 } }
                    maxG = maxG.flatMap { a in q[r].maxGroups.map { a + n * $0 } }
                }
                return (minH, maxH, minG, maxG)
            }
            let vparts = villageParts, leaders = leader
            func spec(_ d: Int, _ n: (Int) -> Int) -> [(CadreQuota, Bool, Int)] {
                [(lq[d], false, leaders[d] >= 0 ? 1 : 0)] + (0..<R).map { (q[$0], roles[$0] == .villageCadre, n($0)) }
            }
            func violation(_ d: Int) -> Int {
                let s = sums(d)
                let aggregate = max(0, s.minH - Hd[d]) + max(0, s.minG - Gd[d]) + max(0, Hd[d] - (s.maxH ?? Int.max))
                    + max(0, Gd[d] - (s.maxG ?? Int.max))
                if aggregate > 0 { return aggregate }
                // Exact: the one-village rule of village cadres too.
                return TeamFeasibility.groupSplit(partsPerVillage: vparts[d], team: spec(d) { count[d * R + $0] }) == nil ? 1 : 0
            }
            var bad = Set((0..<K).filter { violation($0) > 0 })
            var rounds = 0
            /// District x's violation with one cadre of role `minus` out and one of role `plus` in (-1: none).
            func violationWith(_ x: Int, minus: Int, plus: Int) -> Int {
                if minus >= 0 { count[x * R + minus] -= 1 }
                if plus >= 0 { count[x * R + plus] += 1 }
                let v = violation(x)
                if minus >= 0 { count[x * R + minus] += 1 }
                if plus >= 0 { count[x * R + plus] -= 1 }
                return v
            }
            while !bad.isEmpty && rounds < 20 * K + 100 {
                rounds += 1
                // Best single move (a cadre of a bad district out, or any cadre into a bad district)
                // or swap of two cadres of different roles: the most violation removed, then the
                // least change of the cost estimates, then the first in the order cadre, district.
                // A move's gain depends only on the two districts and the roles, so it is computed
                // once per (district, roles) and looked up for each cadre.
                var best: (gain: Int, delta: Int64, apply: [(Int, Int32)])?
                func offer(_ gain: Int, _ delta: @autoclosure () -> Int64, _ moves: @autoclosure () -> [(Int, Int32)]) {
                    guard gain > 0, best == nil || gain >= best!.gain else { return }
                    let dl = delta()
                    if best == nil || gain > best!.gain || dl < best!.delta { best = (gain, dl, moves()) }
                }
                let badSorted = bad.sorted()
                for d in badSorted {
                    let inside = pool.filter { team[$0] == Int32(d) }
                    let outside = pool.filter { team[$0] >= 0 && team[$0] != Int32(d) }
                    let before = violation(d)
                    var here = [Int](repeating: Int.min, count: 2 * R + R * R)
                    var there = [Int](repeating: Int.min, count: K)
                    var outGain = [Int](repeating: Int.min, count: K * R), inGain = outGain
                    var swapGain = [Int](repeating: Int.min, count: K * R * R)
                    func now(_ x: Int) -> Int {
                        if there[x] == Int.min { there[x] = violation(x) }
                        return there[x]
                    }
                    func moveOut(_ x: Int, _ r: Int) -> Int {
                        if outGain[x * R + r] == Int.min {
                            if here[r] == Int.min { here[r] = violationWith(d, minus: r, plus: -1) }
                            outGain[x * R + r] = before + now(x) - here[r] - violationWith(x, minus: -1, plus: r)
                        }
                        return outGain[x * R + r]
                    }
                    func moveIn(_ x: Int, _ r: Int) -> Int {
                        if inGain[x * R + r] == Int.min {
                            if here[R + r] == Int.min { here[R + r] = violationWith(d, minus: -1, plus: r) }
                            inGain[x * R + r] = before + now(x) - here[R + r] - violationWith(x, minus: r, plus: -1)
                        }
                        return inGain[x * R + r]
                    }
                    func swapGainOf(_ x: Int, _ r1: Int, _ r2: Int) -> Int {
                        let key = (x * R + r1) * R + r2
                        if swapGain[key] == Int.min {
                            let h = 2 * R + r1 * R + r2
                            if here[h] == Int.min { here[h] = violationWith(d, minus: r1, plus: r2) }
                            swapGain[key] = before + now(x) - here[h] - violationWith(x, minus: r2, plus: r1)
                        }
                        return swapGain[key]
                    }
                    for c in inside {
                        for d2 in 0..<K where d2 != d {
                            offer(moveOut(d2, roleOf[c]), estimate(c, d2) - estimate(c, d), [(c, Int32(d2))])
                        }
                    }
                    for c in outside {
                        let d2 = Int(team[c])
                        offer(moveIn(d2, roleOf[c]), estimate(c, d) - estimate(c, d2), [(c, Int32(d))])
                    }
                    for c1 in inside {
                        for c2 in outside where roleOf[c2] != roleOf[c1] {
                            let d2 = Int(team[c2])
                            offer(swapGainOf(d2, roleOf[c1], roleOf[c2]),
                                  estimate(c1, d2) - estimate(c1, d) + estimate(c2, d) - estimate(c2, d2), [(c1, Int32(d2)), (c2, Int32(d))])
                        }
                    }
                    if best != nil { break }
                }
                guard let move = best else { break }
                var touched = Set<Int>()
                for (c, to) in move.apply {
                    let r = roleIndex[p.role[c]]!
                    touched.insert(Int(team[c])); touched.insert(Int(to))
                    count[Int(team[c]) * R + r] -= 1; count[Int(to) * R + r] += 1
                    team[c] = to
                }
                for d in touched { if violation(d) > 0 { bad.insert(d) } else { bad.remove(d) } }
            }
            // When the repair leaves a district infeasible: the exact search for team sizes.
            if !bad.isEmpty {
                var ok = true
                let cands = (0..<K).map { d -> [[Int]] in
                    guard ok else { return [] }
                    let ub = (0..<R).map { r -> Int in
                        if q[r].minHouseholds > 0 { return min(N[r], Hd[d] / q[r].minHouseholds) }
                        if q[r].linksGroups && q[r].minGroups > 0 { return min(N[r], Gd[d] / q[r].minGroups) }
                        return N[r]
                    }
                    guard ub.reduce(1, { $0 * ($1 + 1) }) <= 100_000 else { ok = false; return [] }
                    var out: [[Int]] = []
                    var v = [Int](repeating: 0, count: R)
                    while true {
                        let team = spec(d) { v[$0] }
                        if TeamFeasibility.householdGap(households: Hd[d], team: team) == 0,
                           TeamFeasibility.groupSplit(partsPerVillage: vparts[d], team: team) != nil { out.append(v) }
                        var r = 0
                        while r < R { v[r] += 1; if v[r] <= ub[r] { break }; v[r] = 0; r += 1 }
                        if r == R { break }
                    }
                    return out
                }
                if ok, let seats = TeamFeasibility.seats(districts: K, roles: R, available: N, preferred: count, candidates: { cands[$0] }).counts {
                    count = seats
                    bad = []
                }
            }
            // Final: per role, the exact transportation with the repaired seat counts.
            for r in 0..<R where N[r] > 0 {
                let cadres = pool.filter { p.role[$0] == roles[r] }
                let seats = (0..<K).map { count[$0 * R + r] }
                let sol = transport(r, lower: seats, upper: seats, full: true)
                if sol.unplaced == 0 && sol.shortfall == 0 {
                    for (i, c) in cadres.enumerated() { team[c] = sol.owner[i] }
                }
            }
            for d in 0..<K where violation(d) > 0 {
                let s = sums(d)
                if s.minH > Hd[d] { issues.append("district \(districtName(d)): \(Hd[d]) households, but its team's minimum quotas need \(s.minH) (short by \(s.minH - Hd[d]))") }
                if s.minG > Gd[d] { issues.append("district \(districtName(d)): \(Gd[d]) work groups, but its team's minimum quotas need \(s.minG) (short by \(s.minG - Gd[d]))") }
                if let m = s.maxH, m < Hd[d] { issues.append("district \(districtName(d)): \(Hd[d]) households, but its team can link at most \(m) (short by \(Hd[d] - m))") }
                if let m = s.maxG, m < Gd[d] { issues.append("district \(districtName(d)): \(Gd[d]) work groups, but its team can link at most \(m) (short by \(Gd[d] - m))") }
                if s.minH <= Hd[d] && s.minG <= Gd[d] && (s.maxH ?? Int.max) >= Hd[d] && (s.maxG ?? Int.max) >= Gd[d] {
                    issues.append("district \(districtName(d)): its \(Gd[d]) work groups (in \(villageParts[d].count) village(s)) cannot be split among its "
                                  + "team with each village cadre's groups in one village (short by 1 group-level cadre or more)")
                }
            }
            for c in pool where team[c] < 0 {
                issues.append("cadre \(p.cadreNames[c]) (\(p.role[c].rawValue)): no district has room for it")
            }
        }

        /// Exact on small instances: every team formation — each cadre that is not a named leader
        /// in one district's team, each district without a named leader led by one of its town
        /// leaders — scored by the exact district flows (the least Σ household cost among the
        /// formations whose every district is feasible). Runs when there are at most 4096
        /// formations; returns whether it ran and found a feasible one (then it is the optimum).
        mutating func exhaustiveTeams() -> Bool {
            guard K > 0 else { return false }
            let fixedDistrict = (0..<K).map { d in leader[d] >= 0 && p.fixedLeader[d] == leader[d] }
            let named = Set((0..<K).filter { fixedDistrict[$0] }.map { Int(leader[$0]) })
            let pool = (0..<C).filter { !named.contains($0) }
            var combos = 1
            for _ in pool { combos *= K; if combos > p.exhaustiveLimit { return false } }
            var memo: [[Int]: (Int64, Int32)?] = [:]
            // The best cost of district d with these members (its named leader first when it has one) and its leader.
            func districtBest(_ d: Int, _ members: [Int]) -> (Int64, Int32)? {
                let key = [d] + members
                if let m = memo[key] { return m }
                var best: (Int64, Int32)?
                let candidates = fixedDistrict[d] ? [Int(leader[d])] : members.filter { p.role[$0] == .townLeader }
                let saved = (leader[d], leaderVillage[d])
                for l in candidates {
                    leader[d] = Int32(l); leaderVillage[d] = linkedVillage(of: l, in: d)
                    guard groupsFeasible(d, members), let cost = districtFlowCost(d, members) else { continue }
                    if best == nil || cost < best!.0 { best = (cost, Int32(l)) }
                }
                (leader[d], leaderVillage[d]) = saved
                memo[key] = .some(best)
                return best
            }
            var choice = [Int](repeating: 0, count: pool.count)
            var bestTotal: Int64?
            var bestTeam: [Int32] = [], bestLeader: [Int32] = []
            while true {
                var members = [[Int]](repeating: [], count: K)
                for d in 0..<K where fixedDistrict[d] { members[d].append(Int(leader[d])) }
                for (i, c) in pool.enumerated() { members[choice[i]].append(c) }
                var total: Int64 = 0, leaders = [Int32](repeating: -1, count: K), ok = true
                for d in 0..<K {
                    guard let (cost, l) = districtBest(d, members[d]) else { ok = false; break }
                    total += cost; leaders[d] = l
                }
                if ok, bestTotal == nil || total < bestTotal! {
                    bestTotal = total; bestLeader = leaders
                    bestTeam = [Int32](repeating: -1, count: C)
                    for d in 0..<K { for c in members[d] { bestTeam[c] = Int32(d) } }
                }
                var i = 0
                while i < choice.count { choice[i] += 1; if choice[i] < K { break }; choice[i] = 0; i += 1 }
                if i == choice.count { break }
            }
            guard bestTotal != nil else { return false }
            team = bestTeam; leader = bestLeader
            for d in 0..<K { leaderVillage[d] = linkedVillage(of: Int(leader[d]), in: d) }
            return true
        }

        /// Local search on the teams with the exact household objective: move one cadre to another
        /// district, or swap two cadres of the same role between districts, when both districts'
        /// household flows stay complete, their group quotas stay coverable, and the sum of the two
        /// flows' optimal costs falls. Up to 4 passes and 2000 flow solves; skipped above 3000 cadres.
        mutating func improveTeams() {
            guard issues.isEmpty, C <= 3000, K > 1 else { return }
            let isLeader = Set(leader.filter { $0 >= 0 }.map(Int.init))
            let pool = (0..<C).filter { team[$0] >= 0 && !isLeader.contains($0) }
            var teamOf = [[Int]](repeating: [], count: K)
            for c in 0..<C where team[c] >= 0 { teamOf[Int(team[c])].append(c) }
            // A deterministic budget of district flow solves bounds the search's time.
            var budget = 2000
            func flowCost(_ d: Int, _ bins: [Int]) -> Int64? {
                budget -= 1
                return districtFlowCost(d, bins)
            }
            func groupsOK(_ d: Int, _ bins: [Int]) -> Bool { groupsFeasible(d, bins) }
            var current = (0..<K).map { flowCost($0, teamOf[$0]) ?? Int64.max / 4 }
            let centres = (0..<K).map { d -> (Double, Double) in
                let n = Double(max(1, members[d].count))
                return (members[d].reduce(0) { $0 + p.x[Int($1)] } / n, members[d].reduce(0) { $0 + p.y[Int($1)] } / n)
            }
            func near(_ c: Int) -> Set<Int> {
                if K <= 24 { return Set(0..<K) }
                func d2(_ d: Int) -> Double { let dx = centres[d].0 - p.cadreX[c], dy = centres[d].1 - p.cadreY[c]; return dx * dx + dy * dy }
                return Set((0..<K).sorted { (d2($0), $0) < (d2($1), $1) }.prefix(6))
            }
            let nearby = Dictionary(uniqueKeysWithValues: pool.map { ($0, near($0)) })
            for _ in 0..<4 {
                var improved = false
                // Leaders not named by labels: swap two districts' leaders when that is cheaper.
                for d1 in 0..<K where leader[d1] >= 0 && p.fixedLeader[d1] != leader[d1] {
                    for d2 in (d1 + 1)..<K where leader[d2] >= 0 && p.fixedLeader[d2] != leader[d2] {
                        let (l1, l2) = (Int(leader[d1]), Int(leader[d2]))
                        guard nearby[l1] == nil || K <= 24 || near(l1).contains(d2) else { continue }
                        let (v1, v2) = (leaderVillage[d1], leaderVillage[d2])
                        leader[d1] = Int32(l2); leader[d2] = Int32(l1); team[l1] = Int32(d2); team[l2] = Int32(d1)
                        leaderVillage[d1] = linkedVillage(of: l2, in: d1); leaderVillage[d2] = linkedVillage(of: l1, in: d2)
                        let t1 = (teamOf[d1].filter { $0 != l1 } + [l2]).sorted(), t2 = (teamOf[d2].filter { $0 != l2 } + [l1]).sorted()
                        if let n1 = flowCost(d1, t1), let n2 = flowCost(d2, t2), n1 + n2 < current[d1] + current[d2] {
                            teamOf[d1] = t1; teamOf[d2] = t2; current[d1] = n1; current[d2] = n2; improved = true
                        } else {
                            leader[d1] = Int32(l1); leader[d2] = Int32(l2); team[l1] = Int32(d1); team[l2] = Int32(d2)
                            leaderVillage[d1] = v1; leaderVillage[d2] = v2
                        }
                    }
                }
                for c in pool where budget > 0 {
                    let d1 = Int(team[c])
                    var done = false
                    for d2 in nearby[c]!.sorted() where d2 != d1 {
                        let t1 = teamOf[d1].filter { $0 != c }, t2 = (teamOf[d2] + [c]).sorted()
                        guard groupsOK(d1, t1), groupsOK(d2, t2), let n1 = flowCost(d1, t1), let n2 = flowCost(d2, t2),
                              n1 + n2 < current[d1] + current[d2] else { continue }
                        teamOf[d1] = t1; teamOf[d2] = t2; team[c] = Int32(d2)
                        current[d1] = n1; current[d2] = n2; improved = true; done = true
                        break
                    }
                    if done { continue }
                    for c2 in pool where c2 != c && p.role[c2] == p.role[c] && team[c2] != team[c] && nearby[c]!.contains(Int(team[c2])) {
                        let d2 = Int(team[c2])
                        let t1 = (teamOf[d1].filter { $0 != c } + [c2]).sorted(), t2 = (teamOf[d2].filter { $0 != c2 } + [c]).sorted()
                        guard let n1 = flowCost(d1, t1), let n2 = flowCost(d2, t2), n1 + n2 < current[d1] + current[d2] else { continue }
                        teamOf[d1] = t1; teamOf[d2] = t2; team[c] = Int32(d2); team[c2] = Int32(d1)
                        current[d1] = n1; current[d2] = n2; improved = true
                        break
                    }
                }
                if !improved || budget <= 0 { break }
            }
        }

        // MARK: 3. work groups

        mutating func linkGroups() {
            var relaxedTotal = 0.0
            for d in 0..<K where !partsOf[d].isEmpty {
                let items = partsOf[d]
                let bins = (0..<C).filter { team[$0] == Int32(d) && p.quota($0).linksGroups }
                guard !bins.isEmpty else {
                    issues.append("district \(districtName(d)): \(items.count) work group(s) but no group-level cadre in its team (short by \(items.count))")
                    continue
                }
                let lower = bins.map { p.quota($0).minGroups }
                let upper = bins.map { p.quota($0).maxGroups ?? items.count }
                func gdist(_ c: Int, _ i: Int) -> Double {
                    let dx = p.cadreX[c] - parts[i].x, dy = p.cadreY[c] - parts[i].y
                    return (dx * dx + dy * dy).squareRoot()
                }
                let villages = Array(Set(items.map { parts[$0].village })).sorted()
                // Village choices of the village cadres: own village first, then by distance.
                let vc = bins.indices.filter { p.role[bins[$0]] == .villageCadre }
                var choices: [[Int32]] = []
                for b in vc {
                    let c = bins[b]
                    func near(_ v: Int32) -> Double { items.filter { parts[$0].village == v }.map { gdist(c, $0) }.min() ?? .infinity }
                    let ordered = villages.sorted { a, b2 in
                        let oa = a == p.cadreVillage[c] ? 0 : 1, ob = b2 == p.cadreVillage[c] ? 0 : 1
                        return (oa, near(a), a) < (ob, near(b2), b2)
                    }
                    choices.append(Array(ordered.prefix(3)))
                }
                func problem(_ pick: [Int32]?) -> Transportation {
                    var cost = [Int64](repeating: 0, count: bins.count * items.count)
                    for (b, c) in bins.enumerated() {
                        let vIndex = vc.firstIndex(of: b)
                        for (i, part) in items.enumerated() {
                            var m = gdist(c, part)
                            if let pick, let vi = vIndex {
                                let v = pick[vi]
                                if parts[part].village != v { cost[b * items.count + i] = Transportation.forbidden; continue }
                                if v != p.cadreVillage[c] { m += p.villagePenalty }
                            }
                            cost[b * items.count + i] = Int64((m * 10).rounded())
                        }
                    }
                    return Transportation(bins: bins.count, items: items.count, cost: cost, lower: lower, upper: upper)
                }
                func score(_ s: Transportation.Solution) -> (Int, Int64) { (s.unplaced + s.shortfall, s.cost) }
                var pick = choices.map { $0[0] }
                var best = problem(pick).solve()
                // A village for each village cadre from the exact split (TeamFeasibility): when the
                // team can link every group, this pick can; each cadre its own village where the
                // split has room, the others the nearest village with room.
                if best.unplaced + best.shortfall > 0, !vc.isEmpty,
                   var room = TeamFeasibility.groupSplit(partsPerVillage: villageParts[d], team: spec(bins)) {
                    var split = [Int32](repeating: -2, count: vc.count)
                    for (k, b) in vc.enumerated() {
                        if let j = villagesOf[d].firstIndex(of: p.cadreVillage[bins[b]]), room[j] > 0 { split[k] = villagesOf[d][j]; room[j] -= 1 }
                    }
                    for (k, b) in vc.enumerated() where split[k] == -2 {
                        let c = bins[b]
                        let j = villagesOf[d].indices.filter { room[$0] > 0 }.min { a, b2 in
                            func near(_ v: Int32) -> Double { items.filter { parts[$0].village == v }.map { gdist(c, $0) }.min() ?? .infinity }
                            return (near(villagesOf[d][a]), a) < (near(villagesOf[d][b2]), b2)
                        }!
                        split[k] = villagesOf[d][j]; room[j] -= 1
                    }
                    let sol = problem(split).solve()
                    if score(sol) < score(best) { best = sol; pick = split }
                }
                let combos = choices.reduce(1) { $0 * max(1, $1.count) }
                if combos <= 729 {
                    var idx = [Int](repeating: 0, count: choices.count)
                    outer: while true {
                        var k = 0
                        while k < idx.count {
                            idx[k] += 1
                            if idx[k] < choices[k].count { break }
                            idx[k] = 0; k += 1
                        }
                        if k == idx.count { break outer }
                        let cand = (0..<choices.count).map { choices[$0][idx[$0]] }
                        let sol = problem(cand).solve()
                        if score(sol) < score(best) { best = sol; pick = cand }
                    }
                } else {
                    var improved = true
                    while improved {
                        improved = false
                        for k in choices.indices {
                            for v in choices[k] where v != pick[k] {
                                var cand = pick; cand[k] = v
                                let sol = problem(cand).solve()
                                if score(sol) < score(best) { best = sol; pick = cand; improved = true }
                            }
                        }
                    }
                }
                for (i, part) in items.enumerated() where best.owner[i] >= 0 {
                    let c = bins[Int(best.owner[i])]
                    groupCadre[part] = Int32(c)
                    groupDistance += gdist(c, part)
                }
                for (k, b) in vc.enumerated() where best.load[b] > 0 { groupVillage[bins[b]] = pick[k] }
                if best.unplaced > 0 || best.shortfall > 0 {
                    let under = bins.indices.filter { best.load[$0] < lower[$0] }
                        .map { "\(p.cadreNames[bins[$0]]) \(best.load[$0])/\(lower[$0])" }
                    issues.append("district \(districtName(d)): work groups — \(best.unplaced) without a cadre, "
                                  + "\(best.shortfall) below the minimum\(under.isEmpty ? "" : " (" + under.joined(separator: ", ") + ")")")
                    groupLowerBound = nil
                }
                // The bound: the same transportation without the one-village rule and its penalties.
                let relaxed = problem(nil).solve()
                relaxedTotal += Double(relaxed.cost) / 10
            }
            if groupLowerBound != nil { groupLowerBound = relaxedTotal }
        }

        // MARK: 4. households

        mutating func linkHouseholds() {
            var complete = true
            for d in 0..<K where !members[d].isEmpty {
                let items = members[d]
                let bins = (0..<C).filter { team[$0] == Int32(d) }
                guard !bins.isEmpty else {
                    issues.append("district \(districtName(d)): \(items.count) households but no cadre in its team (short by \(items.count))")
                    complete = false
                    continue
                }
                var cost = [Int64](repeating: 0, count: bins.count * items.count)
                for (b, c) in bins.enumerated() {
                    let v = preferred(c, in: d)
                    for (i, h) in items.enumerated() {
                        var x = penalised(c, Int(h), preferring: v)
                        if p.previousContact[Int(h)] == Int32(c) { x -= bonusDM }
                        cost[b * items.count + i] = x
                    }
                }
                let lower = bins.map { p.quota($0).minHouseholds }
                let upper = bins.map { p.quota($0).maxHouseholds ?? items.count }
                let t = Transportation(bins: bins.count, items: items.count, cost: cost, lower: lower, upper: upper)
                let sol = t.solve()
                for (i, h) in items.enumerated() where sol.owner[i] >= 0 {
                    let c = bins[Int(sol.owner[i])]
                    contact[Int(h)] = Int32(c)
                    let v = preferred(c, in: d)
                    let m = dist(c, Int(h))
                    householdDistance += m
                    let pen = m + (v >= 0 && p.village[Int(h)] != v ? p.villagePenalty : 0)
                    householdPenalised += pen
                    householdObjective += pen - (p.previousContact[Int(h)] == Int32(c) ? p.keepBonus : 0)
                }
                if sol.unplaced > 0 {
                    let room = upper.reduce(0, +)
                    issues.append("district \(districtName(d)): \(items.count) households but its team of \(bins.count) can link at most \(room) "
                                  + "(short by \(sol.unplaced))")
                    complete = false
                }
                if sol.shortfall > 0 {
                    let under = bins.indices.filter { sol.load[$0] < lower[$0] }
                        .map { "\(p.cadreNames[bins[$0]]) (\(p.role[bins[$0]].rawValue)) \(sol.load[$0])/\(lower[$0])" }
                    issues.append("district \(districtName(d)): \(items.count) households are too few for its team's minimum quotas "
                                  + "(\(lower.reduce(0, +)) needed, short by \(sol.shortfall): \(under.joined(separator: ", ")))")
                    complete = false
                }
                if let duals = sol.duals { for (b, c) in bins.enumerated() { lambda[c] = duals[b] } } else { complete = false }
            }
            if !complete { householdLowerBound = nil } else { householdLowerBound = 0 }
        }

        // MARK: lower bound

        /// A Lagrangian lower bound on Σ distance + penalties over every linking that keeps these
        /// responsible leaders and meets the household and work-group quotas, with any teams:
        /// relax "each household has exactly one contact" (prices μₕ) and "each work group has
        /// exactly one group-level cadre" (prices νₚ); then each cadre on its own picks a district
        /// (a leader: its own) and, there, the households (within its household quota) with least
        /// Σ (cost − μ) and the groups (within its group quota; a village cadre's in one village)
        /// with least Σ (−ν). L(μ, ν) = Σμ + Σν + Σ_c that least value is below the cost of every
        /// such linking. μ starts at the district flows' dual prices (and, second, at those capped by
        /// the nearest cadre without a household maximum), ν at 0, and both follow projected
        /// subgradient steps (Polyak, toward the linking found) within work budgets; the best value
        /// is kept, and the district-free bound (`districtFreeBound`) when neither start fits.
        mutating func lowerBound() {
            guard householdLowerBound != nil, C > 0, H > 0 else { householdLowerBound = nil; return }
            var leaderOf = [Int](repeating: -1, count: C)
            for d in 0..<K where leader[d] >= 0 { leaderOf[Int(leader[d])] = d }
            let prefer = (0..<C).map { c -> Int32 in
                if leaderOf[c] >= 0 { return leaderVillage[leaderOf[c]] }
                switch p.role[c] { case .villageCadre, .partyMember: return p.cadreVillage[c]; default: return -1 }
            }
            let minQ = (0..<C).map { p.quota($0).minHouseholds }
            let maxQ = (0..<C).map { p.quota($0).maxHouseholds ?? Int.max }
            let minG = (0..<C).map { p.quota($0).minGroups }
            let maxG = (0..<C).map { p.quota($0).linksGroups ? (p.quota($0).maxGroups ?? Int.max) : 0 }
            let P = parts.count
            // Bounding boxes of the districts, to skip districts too far to matter.
            var box = [(Double, Double, Double, Double)](repeating: (.infinity, .infinity, -.infinity, -.infinity), count: K)
            for h in 0..<H where p.district[h] >= 0 {
                let d = Int(p.district[h])
                box[d] = (min(box[d].0, p.x[h]), min(box[d].1, p.y[h]), max(box[d].2, p.x[h]), max(box[d].3, p.y[h]))
            }
            func cost(_ c: Int, _ h: Int) -> Double {
                dist(c, h) + (prefer[c] >= 0 && p.village[h] != prefer[c] ? p.villagePenalty : 0)
            }
            /// The t least values (any order), by one pass with a sorted buffer when t is small.
            func smallest<T: Comparable>(_ values: [T], _ t: Int) -> [T] {
                guard t > 0 else { return [] }
                guard t <= 32, values.count > t else { return Array(values.sorted().prefix(t)) }
                var buffer = Array(values.prefix(t))
                buffer.sort()
                for x in values.dropFirst(t) where x < buffer[t - 1] {
                    var j = t - 1
                    while j > 0 && buffer[j - 1] > x { buffer[j] = buffer[j - 1]; j -= 1 }
                    buffer[j] = x
                }
                return buffer
            }
            /// How many of the least values a cadre takes (its minimum k, then every further negative
            /// one up to its maximum m) and their sum, added in ascending order (as after a sort), or
            /// nil when there are fewer than k. A selection, not a sort: only the taken values are sorted.
            func take(_ values: [Double], min k: Int, max m: Int) -> (Double, Int)? {
                guard values.count >= k else { return nil }
                var negative = 0
                for v in values where v < 0 { negative += 1 }
                let t = max(k, min(m, negative))
                var least: [Double]
                if t == negative { least = values.filter { $0 < 0 } } else { least = smallest(values, t) }
                least.sort()
                var v = 0.0
                for x in least { v += x }
                return (v, t)
            }
            // Per district the village cadres' options (its parts per village, villages ascending).
            let villageOptions = (0..<K).map { d -> [[Int]] in
                var byVillage: [Int32: [Int]] = [:]
                for i in partsOf[d] { byVillage[parts[i].village, default: []].append(i) }
                return byVillage.keys.sorted().map { byVillage[$0]! }
            }
            /// A cadre's least group value in district d (and which parts), or nil when it cannot meet its group minimum there.
            func groupValue(_ c: Int, _ d: Int, _ nu: [Double]) -> (Double, [Int])? {
                guard maxG[c] > 0 else { return minG[c] == 0 ? (0, []) : nil }
                let options: [[Int]] = p.role[c] == .villageCadre ? villageOptions[d] : [partsOf[d]]
                var best: (Double, [Int])?
                for set in options {
                    let sorted = set.map { (-nu[$0], $0) }.sorted { $0 < $1 }
                    guard let (v, n) = take(sorted.map(\.0), min: minG[c], max: maxG[c]) else { continue }
                    if best == nil || v < best!.0 { best = (v, sorted.prefix(n).map(\.1)) }
                }
                if best == nil && minG[c] == 0 { return (0, []) }
                return best
            }
            // Per cadre, the districts by the gap from its home to their households' bounding box
            // (nearest first; a leader: its own district only) — fixed, so sorted once.
            let nonEmpty = (0..<K).filter { !members[$0].isEmpty }
            var orderStart = [Int](repeating: 0, count: C + 1)
            var orderGap: [Double] = [], orderDistrict: [Int32] = []
            orderGap.reserveCapacity(C * nonEmpty.count); orderDistrict.reserveCapacity(C * nonEmpty.count)
            for c in 0..<C {
                if leaderOf[c] >= 0 { orderGap.append(0); orderDistrict.append(Int32(leaderOf[c])) } else {
                    let list = nonEmpty.map { d -> (Double, Int) in
                        let dx = max(0, box[d].0 - p.cadreX[c], p.cadreX[c] - box[d].2)
                        let dy = max(0, box[d].1 - p.cadreY[c], p.cadreY[c] - box[d].3)
                        return ((dx * dx + dy * dy).squareRoot(), d)
                    }.sorted { $0 < $1 }
                    for (g, d) in list { orderGap.append(g); orderDistrict.append(Int32(d)) }
                }
                orderStart[c + 1] = orderGap.count
            }
            /// The least Σ (gap − μₕ) over t ∈ [k, min(m, count)] of the largest μ (sorted descending, with prefix sums):
            /// a lower bound on a cadre's household value in a district at that gap, as cost(c, h) ≥ gap.
            func gapBound(_ gap: Double, _ k: Int, _ m: Int, _ desc: ArraySlice<Double>, _ prefix: ArraySlice<Double>) -> Double {
                var lo = desc.startIndex, hi = desc.endIndex
                while lo < hi { let mid = (lo + hi) / 2; if desc[mid] > gap { lo = mid + 1 } else { hi = mid } }
                let above = lo - desc.startIndex
                let t = min(min(m, desc.count), max(k, above))
                return Double(t) * gap - prefix[prefix.startIndex + t]
            }
            let boundsHold = p.villagePenalty >= 0
            let skips = p.boundSkips
            var scratch: [Double] = []
            // The households in district order (members[d] from start[d]), so that a cadre's pass
            // over a district reads contiguous arrays; the values are the same as `cost(c, h) − μₕ`.
            var start = [Int](repeating: 0, count: K + 1)
            for d in 0..<K { start[d + 1] = start[d] + members[d].count }
            let flat = members.flatMap { $0 }
            let flatX = flat.map { p.x[Int($0)] }, flatY = flat.map { p.y[Int($0)] }, flatV = flat.map { p.village[Int($0)] }
            let penalty = p.villagePenalty
            // Per district: the mean of its households and each household's distance r from it. By the
            // triangle inequality cost(c, h) ≥ |c − h| ≥ D − rₕ (D: c to the mean), so a cadre's value
            // there is at least the least Σ (D − (rₕ + μₕ)) over what it may take (`gapBound` with
            // aₕ = rₕ + μₕ) — a second way to skip a district that cannot win, besides its box.
            var centreX = [Double](repeating: 0, count: K), centreY = [Double](repeating: 0, count: K)
            for d in 0..<K where !members[d].isEmpty {
                var sx = 0.0, sy = 0.0
                for i in start[d]..<start[d + 1] { sx += flatX[i]; sy += flatY[i] }
                centreX[d] = sx / Double(members[d].count); centreY[d] = sy / Double(members[d].count)
            }
            let radius = (0..<K).flatMap { d in
                (start[d]..<start[d + 1]).map { i -> Double in
                    let dx = flatX[i] - centreX[d], dy = flatY[i] - centreY[d]
                    return (dx * dx + dy * dy).squareRoot()
                }
            }
            // A cadre's group value depends on its role and the district only: one per (role, district) and ν.
            let roles = CadreRole.allCases
            let roleOf = (0..<C).map { c in roles.firstIndex(of: p.role[c])! }
            let R = roles.count
            /// L(μ, ν) and how many cadres pick each household and each group part.
            /// nil when some cadre has no district it can serve, or when the work (household values
            /// computed) would pass `work`'s budget.
            func evaluate(_ mu: [Double], _ nu: [Double], _ work: inout Int) -> (Double, [Int], [Int])? {
                var picks = [Int](repeating: 0, count: H), gpicks = [Int](repeating: 0, count: P)
                var total = mu.reduce(0, +) + nu.reduce(0, +)
                let muMax = mu.max() ?? 0, nuMax = max(0, nu.max() ?? 0)
                var districtMuMax = [Double](repeating: -.infinity, count: K)
                for h in 0..<H where p.district[h] >= 0 { districtMuMax[Int(p.district[h])] = max(districtMuMax[Int(p.district[h])], mu[h]) }
                // μ per district and overall, largest first, with prefix sums (for `gapBound`).
                var districtDesc = [Double](), districtPrefix = [Double](), descStart = [Int](repeating: 0, count: K + 1)
                for d in 0..<K {
                    let sorted = members[d].map { mu[Int($0)] }.sorted(by: >)
                    districtDesc.append(contentsOf: sorted)
                    descStart[d + 1] = districtDesc.count
                }
                var prefixStart = [Int](repeating: 0, count: K + 1)
                for d in 0..<K {
                    districtPrefix.append(0)
                    var sum = 0.0
                    for x in districtDesc[descStart[d]..<descStart[d + 1]] { sum += x; districtPrefix.append(sum) }
                    prefixStart[d + 1] = districtPrefix.count
                }
                let allDesc = districtDesc.sorted(by: >)
                var allPrefix = [0.0]
                allPrefix.reserveCapacity(allDesc.count + 1)
                for x in allDesc { allPrefix.append(allPrefix[allPrefix.count - 1] + x) }
                // μ in district order, and rₕ + μₕ per district, largest first, with prefix sums.
                let muFlat = flat.map { mu[Int($0)] }
                var aDesc = [Double](), aPrefix = [Double]()
                aDesc.reserveCapacity(flat.count); aPrefix.reserveCapacity(flat.count + K)
                for d in 0..<K {
                    let sorted = (start[d]..<start[d + 1]).map { radius[$0] + muFlat[$0] }.sorted(by: >)
                    aDesc.append(contentsOf: sorted)
                    aPrefix.append(0)
                    var sum = 0.0
                    for x in sorted { sum += x; aPrefix.append(sum) }
                }
                var groupKnown = [Bool](repeating: false, count: R * K)
                var groupCache = [(Double, [Int])?](repeating: nil, count: R * K)
                func groupOf(_ c: Int, _ d: Int) -> (Double, [Int])? {
                    let key = roleOf[c] * K + d
                    if !groupKnown[key] { groupCache[key] = groupValue(c, d, nu); groupKnown[key] = true }
                    return groupCache[key]
                }
                for c in 0..<C {
                    var best = Double.infinity, bestD = -1
                    let groupFloor = -Double(min(maxG[c], P)) * nuMax
                    let cx = p.cadreX[c], cy = p.cadreY[c], pref = prefer[c]
                    for o in orderStart[c]..<orderStart[c + 1] {
                        let gap = orderGap[o], d = Int(orderDistrict[o])
                        let k = minQ[c]
                        // Every household of d costs at least gap − max μ; skip districts that cannot win.
                        if skips, leaderOf[c] < 0, gap - muMax >= 0, Double(k) * (gap - muMax) + groupFloor >= best { break }
                        if skips, leaderOf[c] < 0, gap - districtMuMax[d] >= 0, Double(k) * (gap - districtMuMax[d]) + groupFloor >= best { continue }
                        if skips, leaderOf[c] < 0, boundsHold, best < .infinity {
                            let slack = 1e-6 * (1 + abs(best))
                            if gapBound(gap, k, maxQ[c], allDesc[...], allPrefix[...]) + groupFloor >= best + slack { break }
                            if members[d].count < k || gapBound(gap, k, maxQ[c], districtDesc[descStart[d]..<descStart[d + 1]],
                                                                 districtPrefix[prefixStart[d]..<prefixStart[d + 1]]) + groupFloor >= best + slack { continue }
                            let dx = cx - centreX[d], dy = cy - centreY[d]
                            if gapBound((dx * dx + dy * dy).squareRoot(), k, maxQ[c], aDesc[start[d]..<start[d + 1]],
                                        aPrefix[(start[d] + d)...(start[d + 1] + d)]) + groupFloor >= best + slack { continue }
                        }
                        scratch.removeAll(keepingCapacity: true)
                        work -= start[d + 1] - start[d]
                        if work < 0 { return nil }
                        for i in start[d]..<start[d + 1] {
                            let dx = cx - flatX[i], dy = cy - flatY[i]
                            scratch.append((dx * dx + dy * dy).squareRoot() + (pref >= 0 && flatV[i] != pref ? penalty : 0) - muFlat[i])
                        }
                        guard let (v, _) = take(scratch, min: k, max: maxQ[c]), let (g, _) = groupOf(c, d) else { continue }
                        if v + g < best { best = v + g; bestD = d }
                    }
                    guard bestD >= 0 else { return nil }
                    total += best
                    // Its picks: the t least by (value, household), as a sort would list them first.
                    let vals = members[bestD].map { Ranked(value: cost(c, Int($0)) - mu[Int($0)], index: Int($0)) }
                    guard let (_, t) = take(vals.map(\.value), min: minQ[c], max: maxQ[c]) else { continue }
                    let negative = vals.filter { $0.value < 0 }
                    for x in (t == negative.count ? negative : smallest(vals, t)) { picks[x.index] += 1 }
                    for i in groupOf(c, bestD)?.1 ?? [] { gpicks[i] += 1 }
                }
                return (total, picks, gpicks)
            }
            // The district-free dual bound: valid on its own, and its prices are where the steps
            // start when the district flows' prices cost too much to evaluate.
            // The district-free dual bound at π = 0 (Σ of each household's nearest eligible
            // cadre's cost): weak, but valid whatever the budgets below leave.
            let free = districtFreeBound([Double](repeating: 0, count: C), leaderOf: leaderOf, prefer: prefer, minQ: minQ, maxQ: maxQ)
            // The projected subgradient steps (Polyak, toward the linking found) from a start,
            // within a deterministic work budget (household values computed): the best value.
            func climb(from start: [Double], budget: Int) -> Double? {
                var work = budget
                var mu = start
                var nu = [Double](repeating: 0, count: P)
                guard var (bestValue, picks, gpicks) = evaluate(mu, nu, &work) else { return nil }
                var bestMu = mu, bestNu = nu
                // The picks at the best prices, kept so that going back to them needs no evaluation
                // (`evaluate` is deterministic: the same picks as evaluating there again).
                var bestPicks = picks, bestGpicks = gpicks
                let upper = householdPenalised
                var theta = 0.5
                var sinceBest = 0
                var used = budget - work
                for _ in 0..<30 {
                    // A step whose evaluation would likely not fit the budget left is not begun.
                    guard work >= used else { break }
                    var norm = 0.0
                    for h in 0..<H { let g = 1 - Double(picks[h]); norm += g * g }
                    for i in 0..<P { let g = 1 - Double(gpicks[i]); norm += g * g }
                    guard norm > 0 else { break }
                    let step = theta * max(upper - bestValue, 1) / norm
                    for h in 0..<H { mu[h] += step * (1 - Double(picks[h])) }
                    for i in 0..<P { nu[i] += step * (1 - Double(gpicks[i])) }
                    let before = work
                    guard let (v, pk, gk) = evaluate(mu, nu, &work) else { break }
                    used = before - work
                    picks = pk; gpicks = gk
                    if v > bestValue + 1e-9 { bestValue = v; bestMu = mu; bestNu = nu; bestPicks = pk; bestGpicks = gk; sinceBest = 0 } else {
                        sinceBest += 1
                        if sinceBest >= 3 {
                            theta /= 2; sinceBest = 0; mu = bestMu; nu = bestNu
                            picks = bestPicks; gpicks = bestGpicks
                        }
                    }
                    if theta < 1e-3 { break }
                }
                return bestValue
            }
            // Two starts, the best value kept. (1) Each household priced at its link's cost plus
            // its contact's dual — good on small towns (the sample's steps need about 10⁷ values),
            // but at 10⁵ households × 10⁴ cadres a cadre without a household maximum takes every
            // household cheaper than its price, in every district: L starts near −4.5·10⁸ m and
            // needs tens of evaluations of ~10⁸ values each. (2) The same prices capped at the
            // cost of the household's nearest cadre without a household maximum that may link
            // it (its district's leader, or any non-leader such cadre), which closes that hole:
            // such a cadre then takes only its minimum. Each start climbs within its own budget.
            let unbounded = (0..<C).map { maxQ[$0] == Int.max }
            let cap = districtFreeBound([Double](repeating: 0, count: C), leaderOf: leaderOf, prefer: prefer, minQ: minQ, maxQ: maxQ,
                                        among: unbounded).mu
            var mu0 = (0..<H).map { h -> Double in
                let c = Int(contact[h])
                guard c >= 0 else { return 0 }
                return cost(c, h) + (lambda[c].map { Double($0) / 10 } ?? 0)
            }
            let fromFlows = climb(from: mu0, budget: p.boundBudgets.fromFlows)
            for h in 0..<H { mu0[h] = min(mu0[h], cap[h]) }
            let fromCapped = climb(from: mu0, budget: p.boundBudgets.fromCapped)
            guard fromFlows != nil || fromCapped != nil else { householdLowerBound = free.value; return }
            let bestValue = max(free.value, fromFlows ?? -.infinity, fromCapped ?? -.infinity)
            householdLowerBound = bestValue
        }
        // MARK: previous links

        mutating func previousFigures() {
            guard p.previousContact.contains(where: { $0 >= 0 }) else { return }
            // A cadre's "home" district now: where most of its previous households lie.
            var count: [Int: [Int: Int]] = [:]
            for h in 0..<H where p.previousContact[h] >= 0 && p.district[h] >= 0 {
                count[Int(p.previousContact[h]), default: [:]][Int(p.district[h]), default: 0] += 1
            }
            var home: [Int: Int] = [:]
            for (c, m) in count { home[c] = m.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }!.key }
            for h in 0..<H where p.previousContact[h] >= 0 {
                let c = Int(p.previousContact[h])
                if contact[h] != Int32(c) { previousChanged += 1 }
                guard home[c] == Int(p.district[h]) else { continue }
                previousFeasible += 1
                if contact[h] == Int32(c) { previousKept += 1 }
            }
        }
    }
}

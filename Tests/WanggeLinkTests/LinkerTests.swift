import Testing
import PropertyBased
import WanggeModel
@testable import WanggeLink

/// The linker on hand-made and random instances: the known optimum, brute force, the rules
/// (one contact per household, one cadre per group, inside the district team, quotas) and
/// infeasible quotas reported with the district and the amount.
@Suite struct LinkerTests {
    typealias RNG = TransportationTests.RNG

    static func problem(households: [(Double, Double, Int, Int, Int)], cadres: [(Double, Double, CadreRole, Int)],
                        districts: Int, quotas: [CadreRole: CadreQuota] = CadreQuota.defaultTable,
                        penalty: Double = 0) -> LinkProblem {
        let groups = Set(households.map(\.3)).filter { $0 >= 0 }.count
        let villages = (households.map(\.4) + cadres.map(\.3)).max().map { $0 + 1 } ?? 0
        return LinkProblem(districtIds: (1...districts).map { "D\($0)" }, x: households.map(\.0), y: households.map(\.1),
                           district: households.map { Int32($0.2) }, group: households.map { Int32($0.3) },
                           village: households.map { Int32($0.4) }, groupNames: (0..<max(groups, 1)).map { "G\($0)" },
                           villageNames: (0..<max(villages, 1)).map { "V\($0)" }, cadreX: cadres.map(\.0), cadreY: cadres.map(\.1),
                           role: cadres.map(\.2), cadreVillage: cadres.map { Int32($0.3) },
                           cadreNames: cadres.indices.map { "C\($0)" }, quotas: quotas, villagePenalty: penalty)
    }

    /// One district, a leader at 0 and a party member at 100 who must take exactly 2 households:
    /// by hand the party member takes the two near it (10 + 5 m), the leader the rest (10 + 20 m).
    @Test func handCheckedOptimum() throws {
        var q = CadreQuota.defaultTable
        q[.townLeader] = CadreQuota(minHouseholds: 1, maxHouseholds: nil, minGroups: 0, maxGroups: 0)
        q[.partyMember] = CadreQuota(minHouseholds: 2, maxHouseholds: 2, minGroups: 0, maxGroups: 0)
        let p = Self.problem(households: [(10, 0, 0, -1, 0), (20, 0, 0, -1, 0), (90, 0, 0, -1, 0), (95, 0, 0, -1, 0)],
                             cadres: [(0, 0, .townLeader, 0), (100, 0, .partyMember, 0)], districts: 1, quotas: q)
        let r = try Linker.solve(p)
        #expect(r.contact == [0, 0, 1, 1])
        #expect(r.leader == [0])
        #expect(abs(r.householdDistance - 45) < 1e-9)
        #expect(r.householdLowerBound.map { $0 <= 45 + 1e-6 } == true)
    }

    /// Two districts, two leaders and two party members (1–3 households each): every leader
    /// choice, team and contact enumerated; the linker finds the least total distance.
    @Test func tinyInstancesMatchBruteForce() async {
        await propertyCheck(count: 40, input: Gen.int(in: 0...1_000_000)) { seed in
            var r = RNG(UInt64(seed))
            var q = CadreQuota.defaultTable
            q[.townLeader] = CadreQuota(minHouseholds: 1, maxHouseholds: nil, minGroups: 0, maxGroups: 0)
            q[.partyMember] = CadreQuota(minHouseholds: 1, maxHouseholds: 3, minGroups: 0, maxGroups: 0)
            let hh = (0..<8).map { i in (Double(r.int(1000)) + (i < 4 ? 0 : 1500), Double(r.int(1000)), i < 4 ? 0 : 1, -1, 0) }
            let cadres: [(Double, Double, CadreRole, Int)] = [(Double(r.int(2500)), Double(r.int(1000)), .townLeader, 0),
                                                              (Double(r.int(2500)), Double(r.int(1000)), .townLeader, 0),
                                                              (Double(r.int(2500)), Double(r.int(1000)), .partyMember, 0),
                                                              (Double(r.int(2500)), Double(r.int(1000)), .partyMember, 0)]
            let p = Self.problem(households: hh, cadres: cadres, districts: 2, quotas: q)
            guard let got = try? Linker.solve(p) else { Issue.record("seed \(seed): no linking"); return }
            func d(_ c: Int, _ h: Int) -> Double { ((cadres[c].0 - hh[h].0) * (cadres[c].0 - hh[h].0) + (cadres[c].1 - hh[h].1) * (cadres[c].1 - hh[h].1)).squareRoot() }
            var best = Double.infinity
            for leaderSwap in [false, true] {
                for pm in 0..<4 {
                    let team = [leaderSwap ? 1 : 0, leaderSwap ? 0 : 1, pm & 1, (pm >> 1) & 1]
                    for code in 0..<6561 {
                        var c = code, load = [0, 0, 0, 0], total = 0.0, ok = true
                        for h in 0..<8 {
                            let pick = c % 3; c /= 3
                            let members = (0..<4).filter { team[$0] == hh[h].2 }
                            guard pick < members.count else { ok = false; break }
                            load[members[pick]] += 1; total += d(members[pick], h)
                        }
                        guard ok, load[0] >= 1, load[1] >= 1, (2...3).allSatisfy({ load[$0] >= 1 && load[$0] <= 3 }) else { continue }
                        best = min(best, total)
                    }
                }
            }
            #expect(abs(got.householdDistance - best) < 0.01 * 8, "seed \(seed): linker \(got.householdDistance), brute force \(best) team \(got.team) contact \(got.contact)")
            if let lb = got.householdLowerBound { #expect(lb <= best + 0.01 * 8) }
            // Every start of the bound is valid on its own: only the capped prices' climb, and
            // neither climb (the district-free bound: Σ of the nearest eligible cadre's cost).
            for budgets in [(0, 1_000_000), (0, 0)] {
                var q = p
                q.boundBudgets = (budgets.0, budgets.1)
                let alone = try? Linker.solve(q)
                #expect(alone?.contact == got.contact)
                if let lb = alone?.householdLowerBound { #expect(lb <= best + 0.01 * 8, "seed \(seed) budgets \(budgets): bound \(lb) above the optimum \(best)") }
                else { Issue.record("seed \(seed) budgets \(budgets): no bound") }
            }
        }
    }

    /// The district-free bound at π = 0 is Σ of each household's nearest eligible cadre's cost
    /// (its own district's leader, or any cadre that is not a responsible leader): checked by a
    /// plain scan on random towns of 6–8 districts, where the ring search's skips matter.
    @Test func districtFreeBoundIsTheNearestEligibleCost() async {
        await propertyCheck(count: 6, input: Gen.int(in: 0...1_000_000)) { seed in
            var p = Self.town(UInt64(seed), districts: 6...8)
            p.boundBudgets = (0, 0)
            guard let r = try? Linker.solve(p), let lb = r.householdLowerBound else { Issue.record("seed \(seed): no bound"); return }
            let leaders = Set(r.leader.map(Int.init))
            var expected = 0.0
            for h in 0..<p.householdCount {
                var best = Double.infinity
                for c in 0..<p.cadreCount where !leaders.contains(c) || r.leader[Int(p.district[h])] == Int32(c) {
                    let prefer: Int32 = leaders.contains(c) ? r.leaderVillage[Int(p.district[h])]
                        : (p.role[c] == .villageCadre || p.role[c] == .partyMember ? p.cadreVillage[c] : -1)
                    let dx = p.cadreX[c] - p.x[h], dy = p.cadreY[c] - p.y[h]
                    best = min(best, (dx * dx + dy * dy).squareRoot() + (prefer >= 0 && p.village[h] != prefer ? p.villagePenalty : 0))
                }
                expected += best
            }
            #expect(abs(lb - expected) <= 1e-6 * expected, "seed \(seed): \(lb) against \(expected)")
            #expect(lb <= r.householdPenalised)
        }
    }

    /// Feasibility is exact: on tiny random instances with random quotas (work groups over two
    /// villages, village cadres' groups in one village), the linker — with the exhaustive
    /// enumeration of formations turned off, so the seat search decides — succeeds exactly when a
    /// brute force over every team formation and every group linking finds a feasible linking
    /// (households by the complete-bipartite count rule Σ min ≤ H ≤ Σ max), and what it returns
    /// keeps every rule.
    @Test func feasibilityMatchesBruteForce() async {
        await propertyCheck(count: 150, input: Gen.int(in: 0...1_000_000)) { seed in
            var r = RNG(UInt64(seed))
            let K = 2 + r.int(2)
            var hh: [(Double, Double, Int, Int, Int)] = []
            var group = 0
            for d in 0..<K {
                for _ in 0..<(1 + r.int(4)) {
                    let v = r.int(2)
                    for _ in 0..<(1 + r.int(4)) { hh.append((Double(d * 1000 + r.int(900)), Double(r.int(900)), d, group, v)) }
                    group += 1
                }
            }
            let roles: [CadreRole] = [.townCadre, .villageCadre, .partyMember]
            var cadres: [(Double, Double, CadreRole, Int)] = (0..<K).map { d in (Double(d * 1000 + 450), 450, .townLeader, 0) }
            for _ in 0..<(2 + r.int(4)) { cadres.append((Double(r.int(1000 * K)), Double(r.int(900)), roles[r.int(3)], r.int(2))) }
            var q = CadreQuota.defaultTable
            q[.townLeader] = CadreQuota(minHouseholds: 1 + r.int(2), maxHouseholds: 2 + r.int(6), minGroups: 0, maxGroups: 0)
            q[.townCadre] = CadreQuota(minHouseholds: 1 + r.int(2), maxHouseholds: 3 + r.int(4), minGroups: r.int(2), maxGroups: 1 + r.int(2))
            q[.villageCadre] = CadreQuota(minHouseholds: 1 + r.int(2), maxHouseholds: 2 + r.int(4), minGroups: 1, maxGroups: 1 + r.int(3))
            q[.partyMember] = CadreQuota(minHouseholds: 1 + r.int(3), maxHouseholds: 3 + r.int(3), minGroups: 0, maxGroups: 0)
            var p = Self.problem(households: hh, cadres: cadres, districts: K, quotas: q, penalty: 100)
            p.exhaustiveLimit = 0
            // Brute force: every team of the non-leaders; every district's households by the count
            // rule, its groups by enumerating every part → group-level cadre choice.
            let H = (0..<K).map { d in hh.filter { $0.2 == d }.count }
            let partsOf = (0..<K).map { d in Array(Set(hh.filter { $0.2 == d }.map(\.3))).sorted() }
            let villageOf = Dictionary(hh.map { ($0.3, $0.4) }, uniquingKeysWith: { a, _ in a })
            func districtOK(_ d: Int, _ team: [Int]) -> Bool {
                var lo = 0, hi = 0
                for c in team { let qc = q[cadres[c].2]!; lo += qc.minHouseholds; hi += qc.maxHouseholds! }
                guard lo <= H[d] && H[d] <= hi else { return false }
                let gl = team.filter { q[cadres[$0].2]!.linksGroups }
                let parts = partsOf[d]
                guard !gl.isEmpty || parts.isEmpty else { return gl.allSatisfy { q[cadres[$0].2]!.minGroups == 0 } && parts.isEmpty }
                var pick = [Int](repeating: 0, count: parts.count)
                while true {
                    var n = [Int](repeating: 0, count: gl.count), vs = [Set<Int>](repeating: [], count: gl.count)
                    for (i, g) in parts.enumerated() { n[pick[i]] += 1; vs[pick[i]].insert(villageOf[g]!) }
                    if gl.indices.allSatisfy({ i in
                        let qc = q[cadres[gl[i]].2]!
                        return n[i] >= qc.minGroups && n[i] <= qc.maxGroups! && (cadres[gl[i]].2 != .villageCadre || vs[i].count <= 1)
                    }) { return true }
                    var i = 0
                    while i < pick.count { pick[i] += 1; if pick[i] < gl.count { break }; pick[i] = 0; i += 1 }
                    if i == pick.count { return false }
                }
            }
            let others = Array(K..<cadres.count)
            var feasible = false
            var code = 0
            search: while true {
                var c = code, teams = (0..<K).map { [$0] }
                for o in others { teams[c % K].append(o); c /= K }
                if c > 0 { break search }
                if (0..<K).allSatisfy({ districtOK($0, teams[$0]) }) { feasible = true; break search }
                code += 1
            }
            let got = try? Linker.solve(p)
            #expect((got != nil) == feasible, "seed \(seed): linker \(got != nil ? "linked" : "failed"), brute force \(feasible ? "feasible" : "infeasible")")
            guard let got else { return }
            var load = [Int](repeating: 0, count: cadres.count), groups = [Int](repeating: 0, count: cadres.count)
            var villages = [Set<Int32>](repeating: [], count: cadres.count)
            for h in 0..<hh.count { let c = Int(got.contact[h]); #expect(c >= 0 && got.team[c] == Int32(hh[h].2)); if c >= 0 { load[c] += 1 } }
            for (i, part) in got.groupParts.enumerated() {
                let c = Int(got.groupCadre[i])
                #expect(c >= 0 && got.team[c] == part.district)
                if c >= 0 { groups[c] += 1; villages[c].insert(part.village) }
            }
            for c in cadres.indices {
                let qc = q[cadres[c].2]!
                #expect(load[c] >= qc.minHouseholds && load[c] <= qc.maxHouseholds! && groups[c] >= qc.minGroups && groups[c] <= qc.maxGroups!,
                        "seed \(seed): cadre \(c) \(cadres[c].2) \(load[c]) households, \(groups[c]) groups")
                if cadres[c].2 == .villageCadre { #expect(villages[c].count <= 1) }
            }
        }
    }

    /// A random town: `districts` districts (2–4 by default) of 6 work groups over 2 villages, 2 km
    /// apart, with `minPerGroup`–`minPerGroup + 3` households a group; one leader, two town cadres,
    /// one village cadre and one party member per district, default quotas. `partyAtWestEnd`: every
    /// party member lives in the first district's square and names no village.
    static func town(_ seed: UInt64, districts: ClosedRange<Int> = 2...4, minPerGroup: Int = 5,
                     partyAtWestEnd: Bool = false) -> LinkProblem {
        var r = RNG(seed)
        let k = districts.lowerBound + r.int(districts.count)
        var hh: [(Double, Double, Int, Int, Int)] = []
        var cadres: [(Double, Double, CadreRole, Int)] = []
        for d in 0..<k {
            let ox = Double(d) * 2000
            for g in 0..<6 {
                let v = 2 * d + g / 3
                let gx = ox + Double(r.int(1500)), gy = Double(r.int(1500))
                for _ in 0..<(minPerGroup + r.int(4)) { hh.append((gx + Double(r.int(80)), gy + Double(r.int(80)), d, d * 6 + g, v)) }
            }
            cadres.append((ox + 700, 700, .townLeader, -1))
            cadres.append((ox + Double(r.int(1500)), Double(r.int(1500)), .townCadre, -1))
            cadres.append((ox + Double(r.int(1500)), Double(r.int(1500)), .townCadre, -1))
            cadres.append((ox + Double(r.int(1500)), Double(r.int(1500)), .villageCadre, 2 * d + r.int(2)))
            if partyAtWestEnd {
                cadres.append((Double(r.int(1500)), Double(r.int(1500)), .partyMember, -1))
            } else {
                cadres.append((ox + Double(r.int(1500)), Double(r.int(1500)), .partyMember, 2 * d + r.int(2)))
            }
        }
        return problem(households: hh, cadres: cadres, districts: k, penalty: 300)
    }

    /// The rules every linking keeps: one contact per household from its own district's team, one
    /// group-level cadre per group part (a village cadre's in one village), every cadre in one team
    /// within its quotas, one town leader per district, the bound below what was found.
    static func expectRules(_ p: LinkProblem, _ r: LinkResult, _ label: String) {
        // Every household has exactly one contact, from its own district's team.
        #expect(r.contact.allSatisfy { $0 >= 0 })
        for h in 0..<p.householdCount { #expect(r.team[Int(r.contact[h])] == p.district[h], "\(label): household \(h) linked outside its district") }
        // Every group part has one group-level cadre of its district; village cadres' groups in one village.
        var groupsOf = [Int](repeating: 0, count: p.cadreCount)
        var villagesOf = [Set<Int32>](repeating: [], count: p.cadreCount)
        for (i, part) in r.groupParts.enumerated() {
            let c = Int(r.groupCadre[i])
            #expect(c >= 0 && r.team[c] == part.district && p.quota(c).linksGroups)
            guard c >= 0 else { continue }
            groupsOf[c] += 1; villagesOf[c].insert(part.village)
        }
        #expect(Set(r.groupParts.map(\.group)).count == r.groupParts.count)
        // Every cadre in one team, within quota; each district has one leader.
        var load = [Int](repeating: 0, count: p.cadreCount)
        for c in r.contact { load[Int(c)] += 1 }
        for c in 0..<p.cadreCount {
            let q = p.quota(c)
            #expect(r.team[c] >= 0)
            #expect(load[c] >= q.minHouseholds && load[c] <= (q.maxHouseholds ?? .max), "\(label): cadre \(c) \(p.role[c]) has \(load[c])")
            #expect(groupsOf[c] >= q.minGroups && groupsOf[c] <= (q.maxGroups ?? .max))
            if p.role[c] == .villageCadre { #expect(villagesOf[c].count == 1) }
        }
        #expect(Set(r.leader).count == p.districtCount && r.leader.allSatisfy { $0 >= 0 && p.role[Int($0)] == .townLeader })
        // The bound is below what was found.
        if let lb = r.householdLowerBound { #expect(lb <= r.householdPenalised + 0.1 * Double(p.householdCount)) }
    }

    @Test func rulesHoldOnRandomTowns() async {
        await propertyCheck(count: 20, input: Gen.int(in: 0...1_000_000)) { seed in
            let p = Self.town(UInt64(seed))
            let r: LinkResult
            do { r = try Linker.solve(p) } catch { Issue.record("seed \(seed): \(error)"); return }
            Self.expectRules(p, r, "seed \(seed)")
            // Same input, same output.
            let again = try? Linker.solve(p)
            #expect(again?.contact == r.contact && again?.groupCadre == r.groupCadre)
        }
    }

    /// The lower bound's skips leave it unchanged: skipping districts that provably cannot hold a
    /// cadre's least value (by the gap to the district's box, and by the triangle inequality
    /// |c − h| ≥ |c − centre| − rₕ) gives exactly the bound of evaluating every district, which
    /// `tinyInstancesMatchBruteForce` checks against the brute-force optimum. Towns of 6–8
    /// districts 2 km apart, so that most (cadre, district) pairs are skipped.
    @Test func boundSkipsLeaveTheBoundUnchanged() async {
        await propertyCheck(count: 6, input: Gen.int(in: 0...1_000_000)) { seed in
            var p = Self.town(UInt64(seed), districts: 6...8)
            guard let full = try? Linker.solve(p), let lb = full.householdLowerBound else { Issue.record("seed \(seed): no bound"); return }
            p.boundSkips = false
            let every = try? Linker.solve(p)
            #expect(every?.householdLowerBound == lb, "seed \(seed): \(String(describing: every?.householdLowerBound)) without skips, \(lb) with")
            #expect(every?.contact == full.contact)
            #expect(lb <= full.householdPenalised)
        }
    }

    /// More than 24 districts (26–28 in a row, 2 km apart), so teams are formed on candidate
    /// districts (the nearest first) — and every party member lives at the west end, so the
    /// cadre-to-district transportations must widen their candidates (12 nearest districts, then
    /// 24, …) to seat them.
    /// Every rule still holds and the linking is the same on a second run.
    @Test func rulesHoldWhenTeamsNeedFarDistricts() async {
        await propertyCheck(count: 1, input: Gen.int(in: 0...1_000_000)) { seed in
            let p = Self.town(UInt64(seed), districts: 26...28, minPerGroup: 6, partyAtWestEnd: true)
            let result: LinkResult
            do { result = try Linker.solve(p) } catch { Issue.record("seed \(seed): \(error)"); return }
            Self.expectRules(p, result, "seed \(seed)")
            #expect(result.householdLowerBound != nil)
            let again = try? Linker.solve(p)
            #expect(again?.contact == result.contact && again?.team == result.team && again?.groupCadre == result.groupCadre)
        }
    }

    /// --previous-links on a small redraw: one household of each district moves to the next
    /// district (quotas with room: village cadres and party members 5–15 households); relinked
    /// with the previous contacts, at least 90% of the links still feasible (the household stays
    /// in its cadre's district) are kept, and every rule still holds.
    @Test func previousLinksAreKeptAfterASmallRedraw() async {
        await propertyCheck(count: 4, input: Gen.int(in: 0...1_000_000)) { seed in
            var p = Self.town(UInt64(seed))
            p.quotas[.villageCadre] = CadreQuota(minHouseholds: 5, maxHouseholds: 15, minGroups: 1, maxGroups: 3)
            p.quotas[.partyMember] = CadreQuota(minHouseholds: 5, maxHouseholds: 15, minGroups: 0, maxGroups: 0)
            guard let first = try? Linker.solve(p) else { Issue.record("seed \(seed): no first linking"); return }
            for d in 0..<(p.districtCount - 1) {
                let moved = (0..<p.householdCount).filter { p.district[$0] == Int32(d) }.suffix(1)
                for h in moved { p.district[h] = Int32(d + 1) }
            }
            p.previousContact = first.contact
            let r: LinkResult
            do { r = try Linker.solve(p) } catch { Issue.record("seed \(seed): \(error)"); return }
            #expect(r.previousFeasible >= p.householdCount - p.districtCount)
            #expect(Double(r.previousKept) >= 0.9 * Double(r.previousFeasible),
                    "seed \(seed): kept \(r.previousKept) of \(r.previousFeasible)")
            for h in 0..<p.householdCount { #expect(r.contact[h] >= 0 && r.team[Int(r.contact[h])] == p.district[h]) }
        }
    }

    /// Party members who each need 30 households cannot fit: the message names the role or district and how many short.
    @Test func infeasibleQuotasNameTheDistrictAndAmount() throws {
        var p = Self.town(7)
        p.quotas[.partyMember] = CadreQuota(minHouseholds: 30, maxHouseholds: 30, minGroups: 0, maxGroups: 0)
        let error = #expect(throws: WanggeError.self) { try Linker.solve(p) }
        #expect(error?.status == .dataError)
        let text = error?.description ?? ""
        #expect(text.contains("short by") && (text.contains("district D") || text.contains("role party_member")), "\(text)")

        // One district with too few households for its own leader's minimum.
        var q = Self.town(7)
        q.quotas[.townLeader] = CadreQuota(minHouseholds: 200, maxHouseholds: nil, minGroups: 0, maxGroups: 0)
        let e2 = #expect(throws: WanggeError.self) { try Linker.solve(q) }
        let t2 = e2?.description ?? ""
        #expect(t2.contains("district D1:") && t2.contains("short by"), "\(t2)")

        // --allow-partial: the best partial linking, with the issues listed.
        q.allowPartial = true
        let partial = try Linker.solve(q)
        #expect(!partial.issues.isEmpty && partial.householdLowerBound == nil)
    }
}

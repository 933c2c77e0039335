// Independent checks of a partition's contract, computed here from the problem and the answer.
import WanggePartition

struct ContractReport {
    var assignedOnce: Bool
    var nonEmpty: Bool
    var worstDeviation: Double
    var nonContiguous: Int
    var groupsSplit: Int
    var districtsCrossingNest: Int
}

func check(_ p: PartitionProblem, _ r: PartitionResult) -> ContractReport {
    let n = p.siteCount, k = p.k
    let assigned = r.district.count == n && r.district.allSatisfy { $0 >= 0 && Int($0) < k }
    var loads = [Double](repeating: 0, count: k), sites = [Int](repeating: 0, count: k)
    if assigned { for i in 0..<n { loads[Int(r.district[i])] += p.load[i]; sites[Int(r.district[i])] += 1 } }
    let target = p.load.reduce(0, +) / Double(k)
    let worst = loads.map { abs($0 - target) / target }.max() ?? 0
    // Contiguity by a union-find over same-district edges.
    var parent = Array(0..<n)
    func find(_ a: Int) -> Int { var a = a; while parent[a] != a { parent[a] = parent[parent[a]]; a = parent[a] }; return a }
    for i in 0..<n {
        for e in Int(p.offsets[i])..<Int(p.offsets[i + 1]) {
            let j = Int(p.neighbours[e])
            if assigned && r.district[i] == r.district[j] { let a = find(i), b = find(j); if a != b { parent[max(a, b)] = min(a, b) } }
        }
    }
    var rootsPer = [Set<Int>](repeating: [], count: k)
    if assigned { for i in 0..<n { rootsPer[Int(r.district[i])].insert(find(i)) } }
    var split = 0
    if let g = p.group {
        var first: [Int32: Int32] = [:], splitSet = Set<Int32>()
        for i in 0..<n where g[i] >= 0 {
            if let d = first[g[i]] { if d != r.district[i] { splitSet.insert(g[i]) } } else { first[g[i]] = r.district[i] }
        }
        split = splitSet.count
    }
    var crossing = 0
    if let nest = p.nest, assigned {
        var unitOf = [Int32?](repeating: nil, count: k), cross = Set<Int>()
        for i in 0..<n {
            let d = Int(r.district[i])
            if let u = unitOf[d] { if u != nest[i] { cross.insert(d) } } else { unitOf[d] = nest[i] }
        }
        crossing = cross.count
    }
    return ContractReport(assignedOnce: assigned, nonEmpty: sites.allSatisfy { $0 > 0 }, worstDeviation: worst,
                          nonContiguous: rootsPer.filter { $0.count > 1 }.count, groupsSplit: split,
                          districtsCrossingNest: crossing)
}

import WanggeModel
import WanggeGraph
import WanggePartition

/// Turns households + neighbour graph into the partitioner's site problem: loads summed per
/// site, groups that share a site merged (an apartment block is one site, so its groups must go
/// together), relations moved onto sites.
enum SiteProblem {
    static func make(households: HouseholdTable, relations: RelationTable, graph: NeighbourGraph,
                     options: PartitionOptions, nest: Bool) -> PartitionProblem {
        let n = graph.siteCount
        let loads = households.loads
        var siteLoad = [Double](repeating: 0, count: n)
        for i in 0..<households.count { siteLoad[Int(graph.siteOfHousehold[i])] += loads[i] }

        var group: [Int32]? = nil
        if !households.groupNames.isEmpty {
            // Union groups that share a site.
            var parent = Array(Int32(0)..<Int32(households.groupNames.count))
            func find(_ a: Int32) -> Int32 {
                var a = a
                while parent[Int(a)] != a { parent[Int(a)] = parent[Int(parent[Int(a)])]; a = parent[Int(a)] }
                return a
            }
            var siteGroup = [Int32](repeating: -1, count: n)
            for i in 0..<households.count where households.group[i] >= 0 {
                let s = Int(graph.siteOfHousehold[i])
                let g = households.group[i]
                if siteGroup[s] < 0 { siteGroup[s] = g } else {
                    let a = find(siteGroup[s]), b = find(g)
                    if a != b { parent[Int(max(a, b))] = min(a, b) }
                }
            }
            group = siteGroup.map { $0 < 0 ? -1 : find($0) }
        }
        var nestOfSite: [Int32]? = nil
        if nest, !households.villageNames.isEmpty {
            var v = [Int32](repeating: -1, count: n)
            for i in 0..<households.count where v[Int(graph.siteOfHousehold[i])] < 0 {
                v[Int(graph.siteOfHousehold[i])] = households.village[i]
            }
            nestOfSite = v
        }
        var ra: [Int32] = [], rb: [Int32] = [], rw: [Double] = []
        ra.reserveCapacity(relations.count); rb.reserveCapacity(relations.count); rw.reserveCapacity(relations.count)
        for r in 0..<relations.count {
            let a = graph.siteOfHousehold[Int(relations.a[r])], b = graph.siteOfHousehold[Int(relations.b[r])]
            if a != b { ra.append(a); rb.append(b); rw.append(relations.weight[r]) }
        }
        return PartitionProblem(x: graph.x, y: graph.y, load: siteLoad, offsets: graph.offsets,
                                neighbours: graph.neighbours, relationA: ra, relationB: rb, relationWeight: rw,
                                group: group, groupNames: households.groupNames.isEmpty ? nil : households.groupNames,
                                nest: nestOfSite, k: options.k, tolerance: options.tolerance, seed: options.seed,
                                relationTradeOff: options.relationWeight, splitGroups: options.splitGroups)
    }
}

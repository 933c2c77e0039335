import WanggeModel
import WanggeIO

/// Writes the neighbour graph of a run for peers (METIS's `gpmetis`, pymetis) so they partition
/// exactly the graph Wangge did: `PATH` in METIS format (vertex weights = site loads rounded,
/// edge weights = 1 + 10 × relation weight between the two sites), and beside it
/// `PATH.sites.csv` (site,x,y,load,group,district — metric CRS, Wangge's district index),
/// `PATH.households.csv` (id,site) and `PATH.relations.csv` (site_a,site_b,weight).
package enum GraphExport {
    package static func writeMETIS(_ result: PipelineResult, inputs: Inputs, to path: String) throws {
        let g = result.graph
        let n = g.siteCount
        var siteLoad = [Double](repeating: 0, count: n)
        let loads = inputs.households.loads
        for i in 0..<loads.count { siteLoad[Int(g.siteOfHousehold[i])] += loads[i] }
        var relation: [Int64: Double] = [:]
        var relationRows: [(Int32, Int32, Double)] = []
        for r in 0..<inputs.relations.count {
            let a = g.siteOfHousehold[Int(inputs.relations.a[r])], b = g.siteOfHousehold[Int(inputs.relations.b[r])]
            if a == b { continue }
            relation[Int64(min(a, b)) << 32 | Int64(max(a, b)), default: 0] += inputs.relations.weight[r]
            relationRows.append((a, b, inputs.relations.weight[r]))
        }
        try OutputFile.write(path: path) { f in
            try f.append("\(n) \(g.edgeCount) 011\n")
            for s in 0..<n {
                var line = "\(max(Int(siteLoad[s].rounded()), 1))"
                for e in Int(g.offsets[s])..<Int(g.offsets[s + 1]) {
                    let t = g.neighbours[e]
                    let w = relation[Int64(min(Int32(s), t)) << 32 | Int64(max(Int32(s), t))] ?? 0
                    line += " \(t + 1) \(1 + Int((10 * w).rounded()))"
                }
                try f.append(line + "\n")
            }
        }
        let groupOfSite: [Int32] = {
            var v = [Int32](repeating: -1, count: n)
            for i in 0..<inputs.households.count where inputs.households.group[i] >= 0 {
                v[Int(g.siteOfHousehold[i])] = inputs.households.group[i]
            }
            return v
        }()
        try OutputFile.write(path: path + ".sites.csv") { f in
            try f.append("site,x,y,load,group,district\n")
            for s in 0..<n {
                try f.append("\(s),\(g.x[s]),\(g.y[s]),\(siteLoad[s]),\(groupOfSite[s]),\(result.partition.district[s])\n")
            }
        }
        try OutputFile.write(path: path + ".households.csv") { f in
            try f.append("id,site\n")
            for i in 0..<inputs.households.count {
                try f.append("\(inputs.households.ids[i]),\(g.siteOfHousehold[i])\n")
            }
        }
        try OutputFile.write(path: path + ".relations.csv") { f in
            try f.append("site_a,site_b,weight\n")
            for (a, b, w) in relationRows { try f.append("\(a),\(b),\(w)\n") }
        }
    }
}

// WanggeEnsemble: samples plans that keep every hard rule of `partition` (ReCom where atoms are
// fine, a Metropolis–Hastings merge-split chain where they are coarse) and measures how well the
// chains mixed (split-R̂, effective sample size). Pure Swift over the partitioner's contracted graph.
import WanggeModel
import WanggePartition

/// The graph the chains walk on, shared read-only by all chains: the partitioner's contracted graph
/// (a node is a work group, or a site when groups may be split), with the per-node sums every
/// figure needs so a step updates figures from the two changed districts' nodes only.
public struct EnsembleGraph: Sendable {
    public let k: Int
    public let target: Double, lower: Double, upper: Double
    /// Node-level contiguity CSR; `edgeWeight` = site edges behind each node edge.
    let offsets: [Int32], adj: [Int32], edgeWeight: [Int32]
    /// Source node of each adjacency entry (to draw a uniform edge).
    let edgeSource: [Int32]
    let load: [Double]
    /// Sites per node, and load-weighted sums of site coordinates (relative to `origin`).
    let sites: [Int32]
    let sx: [Double], sy: [Double], sq: [Double]
    /// Relations between different nodes (raw weights, both directions stored).
    let relOffsets: [Int32], relAdj: [Int32], relW: [Double]
    /// All relation weight of the input (pairs inside one site included), the denominator of the cut fraction.
    public let relationTotal: Double
    /// Work groups and villages each node touches, with multiplicity (CSR), for the split counts;
    /// nil when that figure is not recorded.
    let groupOffsets: [Int32]?, groupUnits: [Int32]?, groupCount: Int
    let villageOffsets: [Int32]?, villageUnits: [Int32]?, villageCount: Int
    let nest: [Int32]
    public let nodeOfSite: [Int32]
    /// Whether nodes are coarse against the band (merge-split's criterion): then the chain is merge-split.
    public let coarse: Bool

    public var nodeCount: Int { load.count }

    /// - Parameters:
    ///   - problem: the partition problem (same contraction and hard rules as `partition`).
    ///   - siteGroups / siteVillages: per site, the work groups / villages of its households (CSR:
    ///     offsets over sites, unit ids), or nil to leave that split count out.
    ///   - relationTotal: all relation weight (default: the problem's relations).
    public init(problem p: PartitionProblem, siteGroups: (offsets: [Int32], units: [Int32])? = nil,
                siteVillages: (offsets: [Int32], units: [Int32])? = nil, relationTotal: Double? = nil) {
        let c = ContractedGraph.build(p)
        let n = c.count
        k = p.k
        var total = 0.0
        for l in c.load { total += l }
        target = total / Double(p.k)
        lower = (1 - p.tolerance) * target; upper = (1 + p.tolerance) * target
        offsets = c.offsets; adj = c.adj; edgeWeight = c.edgeWeight; load = c.load; nest = c.nest
        nodeOfSite = c.nodeOfSite
        var src = [Int32](repeating: 0, count: c.adj.count)
        for v in 0..<n { for e in Int(c.offsets[v])..<Int(c.offsets[v + 1]) { src[e] = Int32(v) } }
        edgeSource = src
        // Coordinates relative to the mean site keep the sums well conditioned.
        var ox = 0.0, oy = 0.0
        for i in 0..<p.siteCount { ox += p.x[i]; oy += p.y[i] }
        ox /= Double(max(p.siteCount, 1)); oy /= Double(max(p.siteCount, 1))
        var sites = [Int32](repeating: 0, count: n), sx = [Double](repeating: 0, count: n), sy = sx, sq = sx
        for i in 0..<p.siteCount {
            let v = Int(c.nodeOfSite[i]), w = p.load[i], x = p.x[i] - ox, y = p.y[i] - oy
            sites[v] += 1; sx[v] += w * x; sy[v] += w * y; sq[v] += w * (x * x + y * y)
        }
        self.sites = sites; self.sx = sx; self.sy = sy; self.sq = sq
        var ra: [Int32] = [], rb: [Int32] = [], rw: [Double] = []
        var relSum = 0.0
        for r in 0..<p.relationA.count {
            relSum += p.relationWeight[r]
            let a = c.nodeOfSite[Int(p.relationA[r])], b = c.nodeOfSite[Int(p.relationB[r])]
            if a != b { ra.append(a); rb.append(b); rw.append(p.relationWeight[r]) }
        }
        self.relationTotal = relationTotal ?? relSum
        (relOffsets, relAdj, relW) = Self.csr(n, ra, rb, rw)
        func nodeUnits(_ s: (offsets: [Int32], units: [Int32])?) -> ([Int32]?, [Int32]?, Int) {
            guard let s else { return (nil, nil, 0) }
            var offs = [Int32](repeating: 0, count: n + 1), units: [Int32] = []
            var maxUnit: Int32 = -1
            for v in 0..<n {
                for j in Int(c.memberOffsets[v])..<Int(c.memberOffsets[v + 1]) {
                    let site = Int(c.members[j])
                    for u in Int(s.offsets[site])..<Int(s.offsets[site + 1]) where s.units[u] >= 0 {
                        units.append(s.units[u]); maxUnit = max(maxUnit, s.units[u])
                    }
                }
                offs[v + 1] = Int32(units.count)
            }
            return (offs, units, Int(maxUnit) + 1)
        }
        (groupOffsets, groupUnits, groupCount) = nodeUnits(siteGroups)
        (villageOffsets, villageUnits, villageCount) = nodeUnits(siteVillages)
        coarse = c.nodesAreCoarse(lower: lower, upper: upper)
    }

    static func csr(_ n: Int, _ a: [Int32], _ b: [Int32], _ w: [Double]) -> ([Int32], [Int32], [Double]) {
        var off = [Int32](repeating: 0, count: n + 1)
        for i in 0..<a.count { off[Int(a[i]) + 1] += 1; off[Int(b[i]) + 1] += 1 }
        for v in 0..<n { off[v + 1] += off[v] }
        var fill = Array(off[0..<n]), adj = [Int32](repeating: 0, count: Int(off[n])), ww = [Double](repeating: 0, count: Int(off[n]))
        for i in 0..<a.count {
            let u = Int(a[i]), v = Int(b[i])
            adj[Int(fill[u])] = b[i]; ww[Int(fill[u])] = w[i]; fill[u] += 1
            adj[Int(fill[v])] = a[i]; ww[Int(fill[v])] = w[i]; fill[v] += 1
        }
        return (off, adj, ww)
    }

    @inline(__always) func neighbourRange(_ v: Int) -> Range<Int> { Int(offsets[v])..<Int(offsets[v + 1]) }
    @inline(__always) func relationRange(_ v: Int) -> Range<Int> { Int(relOffsets[v])..<Int(relOffsets[v + 1]) }

    /// District per node from district per site; nil when a node's sites are in different districts
    /// (a work group split by the plan), with that node.
    public func nodeDistricts(ofSites district: [Int32]) -> (part: [Int32]?, splitNode: Int?) {
        var part = [Int32](repeating: -1, count: nodeCount)
        for (i, d) in district.enumerated() {
            let v = Int(nodeOfSite[i])
            if part[v] < 0 { part[v] = d } else if part[v] != d { return (nil, v) }
        }
        return (part, nil)
    }

    /// District per site from district per node.
    public func siteDistricts(ofNodes part: [Int32]) -> [Int32] { nodeOfSite.map { part[Int($0)] } }
}

extension EnsembleGraph {
    public func nodeLoad(_ v: Int) -> Double { load[v] }

    /// Districts of `part` no chain merges: not connected in the node graph, or across nest units.
    public func closedDistricts(_ part: [Int32]) -> [Int] {
        let s = ChainState(graph: self, part: part)
        return (0..<k).filter { !s.open[$0] }
    }

    /// Whether every district of `part` is connected in the node graph.
    public func piecesPerDistrict(_ part: [Int32]) -> [Int] { ChainState.pieceCounts(self, part: part) }
}

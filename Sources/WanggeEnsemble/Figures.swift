/// The figures recorded per step: the report's plan figures (DESIGN section 6) that can be
/// computed on the graph, so `report --ensemble` places a plan's own figures among them.
public struct EnsembleFigures: Sendable, Equatable {
    /// max |load − T| / T.
    public var maxDeviation: Double
    /// Relation weight cut / all relation weight (nil without relations).
    public var relationCut: Double?
    /// Σ load·d² to the district's load-weighted centroid (m² × load).
    public var dispersion: Double
    /// Isoperimetric proxy of Polsby-Popper, mean over districts (see `isoperimetricProxy`).
    public var polsbyPopper: Double
    /// Site-graph edges between different districts.
    public var cutEdges: Int
    /// Work groups / villages in more than one district (nil when not recorded).
    public var groupsSplit: Int?
    public var villagesSplit: Int?

    /// CSV column names, in row order (after chain, step, accepted).
    public static let columns = ["max_deviation", "relation_cut", "dispersion", "polsby_popper", "cut_edges",
                                 "groups_split", "villages_split"]

    /// Polsby-Popper 4πA/P² of a district made of `sites` hexagonal cells with `boundaryEdges`
    /// neighbour edges to other districts: each site a regular hexagon of side s (area 3√3/2·s²),
    /// each cut edge one shared side (length s), so 4πA/P² = 6√3·π·sites/boundaryEdges² (a single
    /// cell scores a hexagon's 0.907). The region's outer boundary is not counted: a cheap proxy
    /// for comparing plans of one place, not the report's polygon figure.
    @inline(__always) public static func isoperimetricProxy(sites: Int, boundaryEdges: Int) -> Double? {
        boundaryEdges > 0 ? 6 * 3.0.squareRoot() * Double.pi * Double(sites) / Double(boundaryEdges * boundaryEdges) : nil
    }

    /// Values in column order (nil = empty cell).
    public var values: [Double?] {
        [maxDeviation, relationCut, dispersion, polsbyPopper, Double(cutEdges), groupsSplit.map(Double.init),
         villagesSplit.map(Double.init)]
    }

    /// Figures of a whole plan computed from scratch (the incremental chain must agree with it).
    public static func of(_ g: EnsembleGraph, part: [Int32]) -> EnsembleFigures {
        let k = g.k
        var load = [Double](repeating: 0, count: k), m = load, x = load, y = load, q = load
        var sites = [Int](repeating: 0, count: k), boundary = sites
        var cut = 0, rel = 0.0
        for v in 0..<g.nodeCount {
            let d = Int(part[v])
            load[d] += g.load[v]; x[d] += g.sx[v]; y[d] += g.sy[v]; q[d] += g.sq[v]; m[d] += g.load[v]
            sites[d] += Int(g.sites[v])
            for e in g.neighbourRange(v) where part[Int(g.adj[e])] != part[v] {
                boundary[d] += Int(g.edgeWeight[e])
                if Int(g.adj[e]) > v { cut += Int(g.edgeWeight[e]) }
            }
            for e in g.relationRange(v) where Int(g.relAdj[e]) > v && part[Int(g.relAdj[e])] != part[v] { rel += g.relW[e] }
        }
        var disp = 0.0, worst = 0.0
        var pp = 0.0, ppCount = 0
        for d in 0..<k {
            disp += districtDispersion(m[d], x[d], y[d], q[d])
            worst = max(worst, abs(load[d] - g.target) / g.target)
            if let p = isoperimetricProxy(sites: sites[d], boundaryEdges: boundary[d]) { pp += p; ppCount += 1 }
        }
        func splits(_ off: [Int32]?, _ units: [Int32]?, _ count: Int) -> Int? {
            guard let off, let units else { return nil }
            var first = [Int32](repeating: -1, count: count), split = [Bool](repeating: false, count: count)
            for v in 0..<g.nodeCount {
                for j in Int(off[v])..<Int(off[v + 1]) {
                    let u = Int(units[j])
                    if first[u] < 0 { first[u] = part[v] } else if first[u] != part[v] { split[u] = true }
                }
            }
            return split.filter { $0 }.count
        }
        return EnsembleFigures(maxDeviation: worst, relationCut: g.relationTotal > 0 ? rel / g.relationTotal : nil,
                               dispersion: disp, polsbyPopper: ppCount > 0 ? pp / Double(ppCount) : 0, cutEdges: cut,
                               groupsSplit: splits(g.groupOffsets, g.groupUnits, g.groupCount),
                               villagesSplit: splits(g.villageOffsets, g.villageUnits, g.villageCount))
    }
}

@inline(__always) func districtDispersion(_ m: Double, _ x: Double, _ y: Double, _ q: Double) -> Double {
    m > 0 ? max(0, q - (x * x + y * y) / m) : 0
}

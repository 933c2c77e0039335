import WanggeModel
import WanggeGraph
import WanggePartition
import WanggeEnsemble

/// Everything `wangge ensemble` needs before the chains run: the graph of the plans (same graph,
/// contraction and hard rules as `partition`) and the start plan (a given plan, or a fresh partition).
public struct EnsembleSetup: Sendable {
    public var graph: EnsembleGraph
    /// District per node of `graph`.
    public var start: [Int32]
    /// Site per household (to write sampled plans per household).
    public var siteOfHousehold: [Int32]
    public var districtIds: [String]
    /// Notes for the user (start plan out of band, districts frozen …).
    public var warnings: [String]
}

public enum EnsemblePipeline {
    /// Builds the neighbour graph and the ensemble graph of `inputs`, and the start plan:
    /// `start` (matched by household id) or a fresh partition with `options`.
    public static func prepare(_ inputs: Inputs, options: PartitionOptions, nest: Bool, start: Plan?,
                               startPath: String? = nil, control: RunControl = .none) throws -> EnsembleSetup {
        let households = inputs.households
        guard options.k >= 2, options.k <= households.count else {
            throw WanggeError.usage("-k \(options.k): an ensemble needs between 2 and the number of households (\(households.count)) districts")
        }
        guard options.tolerance >= 0, options.tolerance < 1 else {
            throw WanggeError.usage("--tolerance \(options.tolerance): must be ≥ 0 and < 1")
        }
        try control.enter(.graph)
        let graph = try NeighbourGraph.build(x: inputs.x, y: inputs.y,
                                             barriers: inputs.barriersMetric,
                                             region: WalkingBarriers.region(inputs.boundaryMetric))
        try control.enter(.partition)
        var problem = SiteProblem.make(households: households, relations: inputs.relations, graph: graph,
                                       options: options, nest: nest)
        problem.cancellation = control.cancellation
        let n = graph.siteCount
        func siteUnits(_ unit: [Int32], present: Bool) -> (offsets: [Int32], units: [Int32])? {
            guard present else { return nil }
            var sets = [[Int32]](repeating: [], count: n)
            for i in 0..<households.count where unit[i] >= 0 {
                let s = Int(graph.siteOfHousehold[i])
                if !sets[s].contains(unit[i]) { sets[s].append(unit[i]) }
            }
            var offsets: [Int32] = [0], units: [Int32] = []
            for s in 0..<n { units += sets[s].sorted(); offsets.append(Int32(units.count)) }
            return (offsets, units)
        }
        let groups = siteUnits(households.group, present: !households.groupNames.isEmpty)
        let villages = siteUnits(households.village, present: !households.villageNames.isEmpty && !nest)
        let g = EnsembleGraph(problem: problem, siteGroups: groups, siteVillages: villages,
                              relationTotal: inputs.relations.weight.reduce(0, +))
        var warnings: [String] = []
        let siteDistrict: [Int32]
        let ids: [String]
        if let start {
            let where_ = SourceLocation(file: startPath)
            guard start.districts.count == options.k else {
                throw WanggeError.data("the start plan has \(start.districts.count) districts, not k = \(options.k)", at: where_)
            }
            ids = start.districts.map(\.id)
            var byId: [String: Int32] = [:]
            for i in 0..<start.households.count { byId[start.households.ids[i]] = start.assignment[i] }
            var sd = [Int32](repeating: -1, count: n)
            for i in 0..<households.count {
                guard let d = byId[households.ids[i]] else {
                    throw WanggeError.data("household \(households.ids[i]) of the input is not in the start plan", at: where_)
                }
                let s = Int(graph.siteOfHousehold[i])
                if sd[s] >= 0 && sd[s] != d {
                    throw WanggeError.data("households at one location (\(households.ids[i]) among them) are in different districts of the start plan; a location stays in one district", at: where_)
                }
                sd[s] = d
            }
            siteDistrict = sd
        } else {
            let result = try Partitioner.partition(problem)
            if result.worstDeviation > options.tolerance + 1e-9 {
                throw WanggeError.data("no plan within ±\(options.tolerance) to start from (the partition's worst deviation is \(result.worstDeviation)); raise the tolerance or give --start")
            }
            siteDistrict = result.district
            ids = District.defaultIds(count: options.k)
        }
        let (part, splitNode) = g.nodeDistricts(ofSites: siteDistrict)
        guard let part else {
            let site = graph.siteOfHousehold.firstIndex { g.nodeOfSite[Int($0)] == Int32(splitNode!) } ?? 0
            let gid = households.group[site]
            throw WanggeError.data("the start plan splits work group \(gid >= 0 ? households.groupNames[Int(gid)] : households.ids[site]); "
                                   + "keep groups whole or pass --split-groups", at: SourceLocation(file: startPath))
        }
        var loads = [Double](repeating: 0, count: options.k)
        for v in 0..<g.nodeCount { loads[Int(part[v])] += g.nodeLoad(v) }
        let outside = (0..<options.k).filter { loads[$0] < g.lower - 1e-9 * g.upper || loads[$0] > g.upper + 1e-9 * g.upper }
        if !outside.isEmpty {
            warnings.append("start plan: \(outside.count) district(s) outside the band (\(outside.prefix(8).map { ids[$0] }.joined(separator: ", "))); "
                            + "the chains leave the start's imbalance only where they merge those districts")
        }
        let frozen = g.closedDistricts(part)
        if !frozen.isEmpty {
            warnings.append("\(frozen.count) district(s) are not contiguous or cross nest units in the start plan and stay as they are: "
                            + frozen.prefix(8).map { ids[$0] }.joined(separator: ", "))
        }
        return EnsembleSetup(graph: g, start: part, siteOfHousehold: graph.siteOfHousehold, districtIds: ids, warnings: warnings)
    }
}

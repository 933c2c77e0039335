// WanggePartition: cuts sites into k balanced, contiguous, compact districts (DESIGN section 4).
// Pipeline inside this module: atoms (groups contracted) → units (nest units × graph components)
// → per unit: coarsen → initial partition → uncoarsen with balance + refinement → contiguity check.
import WanggeModel

/// One partition request, independent of the other modules. Index `i` in every per-site array is
/// the same site (a site is one or more coincident households the graph stage merged).
public struct PartitionProblem: Sendable {
    /// Site coordinates in metres (a metric CRS).
    public var x: [Double]
    public var y: [Double]
    /// Site load (households, people or any weight ≥ 0).
    public var load: [Double]
    /// Symmetric CSR contiguity graph over sites: neighbours of `i` are
    /// `neighbours[offsets[i]..<offsets[i+1]]`. May be disconnected.
    public var offsets: [Int32]
    public var neighbours: [Int32]
    /// Affinity (relation) pairs between sites with weights > 0; they add affinity, not contiguity.
    public var relationA: [Int32]
    public var relationB: [Int32]
    public var relationWeight: [Double]
    /// Work group per site (-1 = none). Sites of one group stay in one district unless `splitGroups`.
    public var group: [Int32]?
    /// Names of the groups, for messages (indexed by group id); optional.
    public var groupNames: [String]?
    /// Nest unit per site (-1 = none, treated as one unit of its own): districts never cross units.
    public var nest: [Int32]?
    public var k: Int
    /// Each district's load should be within ±tolerance of total/k.
    public var tolerance: Double
    public var seed: UInt64
    /// How much one unit of relation weight cut counts against dispersion: a cut relation of weight 1
    /// costs as much as `relationTradeOff` sites of mean load sitting one district radius
    /// (√(area/(πk))) away from their district's centre. 0 ignores relations.
    public var relationTradeOff: Double
    /// Allow groups to be split (then groups only add affinity).
    public var splitGroups: Bool
    /// Checked between trials and refinement rounds; when set, `Partitioner.partition` stops and
    /// throws `CancellationError`.
    public var cancellation: Cancellation = .never

    public init(x: [Double], y: [Double], load: [Double], offsets: [Int32], neighbours: [Int32],
                relationA: [Int32] = [], relationB: [Int32] = [], relationWeight: [Double] = [],
                group: [Int32]? = nil, groupNames: [String]? = nil, nest: [Int32]? = nil,
                k: Int, tolerance: Double = 0.05, seed: UInt64 = 0, relationTradeOff: Double = 1,
                splitGroups: Bool = false) {
        self.x = x; self.y = y; self.load = load; self.offsets = offsets; self.neighbours = neighbours
        self.relationA = relationA; self.relationB = relationB; self.relationWeight = relationWeight
        self.group = group; self.groupNames = groupNames; self.nest = nest; self.k = k
        self.tolerance = tolerance; self.seed = seed; self.relationTradeOff = relationTradeOff
        self.splitGroups = splitGroups
    }

    public var siteCount: Int { x.count }
}

/// Something the partitioner could not do as asked, reported instead of hidden.
public enum PartitionDiagnostic: Sendable, Equatable, CustomStringConvertible {
    /// The contiguity graph has several components; `bridged` of them were too light for a
    /// district of their own (or for their share) and were joined to a neighbouring component,
    /// so the district holding them is not contiguous.
    case disconnectedGraph(components: Int, bridged: Int)
    /// A district whose sites are not connected in the contiguity graph, with its piece count.
    case nonContiguousDistrict(district: Int32, pieces: Int)
    /// Balance within tolerance was not reached; the best worst |deviation| found.
    case balanceNotReached(worstDeviation: Double, tolerance: Double)
    /// k is smaller than the number of nest units with load: `merged` units had to share districts.
    case nestUnitsMerged(units: Int, merged: Int, k: Int)
    /// A district crosses nest units (only when `nestUnitsMerged`).
    case districtCrossesNestUnits(district: Int32)
    /// A group whose sites are not connected in the graph: its district cannot be contiguous
    /// through the group alone.
    case nonContiguousGroup(group: Int32, name: String?)
    /// A district with no sites (only in redraw, when all of a previous district's sites left).
    case emptyDistrict(district: Int32)
    /// Redraw: sites of one group were in different frozen districts; the group follows the first.
    case frozenGroupConflict(group: Int32)

    public var description: String {
        switch self {
        case let .disconnectedGraph(c, b):
            return "the neighbour graph has \(c) components; \(b) too small for a district of their own were joined to the nearest district"
        case let .nonContiguousDistrict(d, p):
            return "district \(d) is not contiguous (\(p) pieces), forced by the data"
        case let .balanceNotReached(dev, tol):
            return "balance within ±\(percent(tol)) not reachable; worst deviation \(percent(dev))"
        case let .nestUnitsMerged(u, m, k):
            return "\(u) nest units but k = \(k): \(m) units share districts with a neighbouring unit"
        case let .districtCrossesNestUnits(d):
            return "district \(d) crosses nest units"
        case let .emptyDistrict(d):
            return "district \(d) has no households left"
        case let .frozenGroupConflict(g):
            return "work group #\(g) has households in two frozen districts"
        case let .nonContiguousGroup(g, name):
            return "work group \(name ?? "#\(g)") is not connected in the neighbour graph"
        }
    }
}

func percent(_ v: Double) -> String {
    let p = (v * 1000).rounded() / 10
    return "\(p)%"
}

/// Wall time of one stage.
public struct StageTime: Sendable, Equatable {
    public var stage: String
    public var seconds: Double
}

/// The partition and its figures.
public struct PartitionResult: Sendable {
    /// District per site, 0..<k, numbered in reading order of the district centroids
    /// (rows north to south, west to east within a row), so ids are spatially stable.
    public var district: [Int32]
    public var k: Int
    /// Load per district and the target total/k.
    public var loads: [Double]
    public var target: Double
    /// max |load − T| / T.
    public var worstDeviation: Double
    /// Whether each district's sites are connected in the (given) contiguity graph.
    public var contiguous: [Bool]
    /// Relation weight with ends in different districts, and the total relation weight.
    public var relationCut: Double
    public var relationTotal: Double
    /// Σ load·d² to the district's load-weighted centroid (m² × load).
    public var dispersion: Double
    /// Contiguity edges (each undirected edge once) between different districts.
    public var cutEdges: Int
    /// Groups whose sites landed in more than one district.
    public var groupsSplit: Int
    public var stageTimes: [StageTime]
    public var diagnostics: [PartitionDiagnostic]
}

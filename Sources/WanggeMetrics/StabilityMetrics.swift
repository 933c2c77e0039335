import WanggeModel

/// How a plan relates to a previous one (households matched by id, districts by id string).
public struct StabilityFigures: Sendable, Equatable {
    /// Households whose id is in both plans.
    public var inBoth: Int
    /// Of those, households whose district id is the same in both.
    public var retained: Int
    /// retained / inBoth (1 when nothing is shared).
    public var coreRetention: Double
    /// The same by load (current plan's loads): retained load / load in both.
    public var coreRetentionByLoad: Double
    /// inBoth − retained.
    public var moved: Int
    /// Load of the moved households.
    public var movedLoad: Double
    /// Households only in the current plan / only in the previous one.
    public var added: Int
    public var removed: Int
    /// The best one-to-one matching of previous to current districts by shared households.
    public var matching: [DistrictMatch]
    /// Σ shared over the matching / inBoth: the retention had districts been renumbered best.
    public var matchedRetention: Double
}

/// A previous district paired with a current one.
public struct DistrictMatch: Sendable, Equatable {
    public var previous: String
    /// The current district id, or nil when nothing is shared with any unmatched current district.
    public var current: String?
    /// Households in both plans that are in `previous` before and in `current` now.
    public var shared: Int
    public init(previous: String, current: String?, shared: Int) {
        self.previous = previous; self.current = current; self.shared = shared
    }
}

public enum StabilityMetrics {
    /// Compares `plan` with `previous`.
    public static func figures(plan: Plan, previous: Plan) -> StabilityFigures {
        let prevIndex = plan.households.indices(in: previous.households)
        let loads = plan.households.loads
        let kPrev = previous.districts.count, kCur = plan.districts.count
        // Current district index -> previous district index with the same id.
        var prevDistrictById: [String: Int] = [:]
        for (j, d) in previous.districts.enumerated() { prevDistrictById[d.id] = j }
        let sameId = plan.districts.map { prevDistrictById[$0.id] ?? -1 }

        var inBoth = 0, retained = 0, loadBoth = 0.0, loadRetained = 0.0, loadMoved = 0.0
        var overlap: [Int: Int] = [:]   // prev * kCur + cur -> shared households
        for i in 0..<plan.households.count {
            let p = prevIndex[i]
            guard p >= 0 else { continue }
            let dp = Int(previous.assignment[Int(p)]), dc = Int(plan.assignment[i])
            inBoth += 1; loadBoth += loads[i]
            if sameId[dc] == dp { retained += 1; loadRetained += loads[i] } else { loadMoved += loads[i] }
            overlap[dp * kCur + dc, default: 0] += 1
        }
        let keys = overlap.keys.sorted()
        let edges = keys.map { key in
            AssignmentMatching.Edge(left: Int32(key / kCur), right: Int32(key % kCur), weight: Double(overlap[key]!))
        }
        let mate = AssignmentMatching.maximumWeight(leftCount: kPrev, rightCount: kCur, edges: edges)
        var matching: [DistrictMatch] = []
        var matchedShared = 0
        for j in 0..<kPrev {
            let c = Int(mate[j])
            let shared = c >= 0 ? overlap[j * kCur + c] ?? 0 : 0
            matchedShared += shared
            matching.append(DistrictMatch(previous: previous.districts[j].id,
                                          current: c >= 0 ? plan.districts[c].id : nil, shared: shared))
        }
        return StabilityFigures(
            inBoth: inBoth, retained: retained,
            coreRetention: inBoth > 0 ? Double(retained) / Double(inBoth) : 1,
            coreRetentionByLoad: loadBoth > 0 ? loadRetained / loadBoth : 1,
            moved: inBoth - retained, movedLoad: loadMoved,
            added: plan.households.count - inBoth, removed: previous.households.count - inBoth,
            matching: matching,
            matchedRetention: inBoth > 0 ? Double(matchedShared) / Double(inBoth) : 1)
    }
}

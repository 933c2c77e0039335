import WanggeModel

/// What `wangge link` solves, in the metric CRS: households of a plan (position, district, work
/// group, village) and cadres (home, role, own village), with the roles' quotas.
public struct LinkProblem: Sendable {
    public var districtIds: [String]
    /// Households: metric position, district index, work group and village (indices, -1 none).
    public var x: [Double]
    public var y: [Double]
    public var district: [Int32]
    public var group: [Int32]
    public var village: [Int32]
    public var groupNames: [String]
    public var villageNames: [String]
    /// Cadres: metric home, role, own village (index into `villageNames`, -1 when none there).
    public var cadreX: [Double]
    public var cadreY: [Double]
    public var role: [CadreRole]
    public var cadreVillage: [Int32]
    public var cadreNames: [String]
    public var quotas: [CadreRole: CadreQuota]
    /// Per district, a town leader fixed in advance (labels' `leader`, or the previous plan's), or -1.
    public var fixedLeader: [Int32]
    /// Metres added to a link between a cadre who prefers a village (village cadres and party
    /// members: their own; the responsible leader: the village it links) and a household of
    /// another village.
    public var villagePenalty: Double
    /// Per household, its previous contact (cadre index) or -1, and the metres a link keeping it saves.
    public var previousContact: [Int32]
    public var keepBonus: Double
    /// Produce the best partial linking instead of failing when quotas cannot be met.
    public var allowPartial: Bool
    /// Team formations up to this many are enumerated exactly (`Linker`); 0 turns that off.
    public var exhaustiveLimit = 4096
    /// Whether the bound skips districts that provably cannot hold a cadre's least value (tests
    /// turn it off to check that the skips leave the bound unchanged).
    var boundSkips = true
    /// The lower bound's work budgets (household values computed) for its climb from the flows'
    /// prices and from the capped prices (tests set them to 0 to check the other starts' bounds).
    var boundBudgets = (fromFlows: 10_000_000, fromCapped: 200_000_000)

    public init(districtIds: [String], x: [Double], y: [Double], district: [Int32], group: [Int32], village: [Int32],
                groupNames: [String], villageNames: [String], cadreX: [Double], cadreY: [Double], role: [CadreRole],
                cadreVillage: [Int32], cadreNames: [String], quotas: [CadreRole: CadreQuota] = CadreQuota.defaultTable,
                fixedLeader: [Int32]? = nil, villagePenalty: Double = 500, previousContact: [Int32]? = nil,
                keepBonus: Double = 5000, allowPartial: Bool = false) {
        self.districtIds = districtIds; self.x = x; self.y = y; self.district = district; self.group = group
        self.village = village; self.groupNames = groupNames; self.villageNames = villageNames
        self.cadreX = cadreX; self.cadreY = cadreY; self.role = role; self.cadreVillage = cadreVillage
        self.cadreNames = cadreNames; self.quotas = quotas
        self.fixedLeader = fixedLeader ?? [Int32](repeating: -1, count: districtIds.count)
        self.villagePenalty = villagePenalty
        self.previousContact = previousContact ?? [Int32](repeating: -1, count: x.count)
        self.keepBonus = keepBonus; self.allowPartial = allowPartial
    }

    public var householdCount: Int { x.count }
    public var cadreCount: Int { cadreX.count }
    public var districtCount: Int { districtIds.count }

    public func quota(_ c: Int) -> CadreQuota { quotas[role[c]] ?? CadreQuota.defaults(role[c]) }
}

/// One work group's part inside one district (a group split by the plan is linked per part).
public struct GroupPart: Sendable, Equatable {
    public var group: Int32
    public var district: Int32
    public var village: Int32
    public var households: Int
    /// Mean position of its households (metric).
    public var x: Double
    public var y: Double
}

/// The linking: leaders, teams, group and household links, and the figures that prove them.
public struct LinkResult: Sendable {
    /// Per district: its responsible town leader (cadre index, -1 none) and the village it links.
    public var leader: [Int32]
    public var leaderVillage: [Int32]
    /// Per cadre: its district (team), -1 when it has none.
    public var team: [Int32]
    /// Per household: its contact cadre, -1 when it has none.
    public var contact: [Int32]
    /// Work-group parts and their cadre (-1 none).
    public var groupParts: [GroupPart]
    public var groupCadre: [Int32]
    /// Per cadre: the village its groups lie in (village cadres), -1 otherwise.
    public var groupVillage: [Int32]
    /// Σ over household links of distance + village penalties − keep bonuses, in metres (what
    /// the flow minimised), and plain distance.
    public var householdObjective: Double
    public var householdDistance: Double
    /// A lower bound on Σ distance + penalties over every linking that meets the quotas (any
    /// team formation, any leader choice for districts without a named leader is not relaxed),
    /// from the flows' dual prices; nil when partial.
    public var householdLowerBound: Double?
    /// Same objective without keep bonuses (to compare with the bound).
    public var householdPenalised: Double
    /// Σ cadre-to-group-centre distances of the group links, and the bound without the one-village rule.
    public var groupDistance: Double
    public var groupLowerBound: Double?
    /// Infeasibilities found (district and amount); empty when every rule holds.
    public var issues: [String]
    /// Still-feasible previous links and how many were kept (with previous contacts).
    public var previousFeasible: Int
    public var previousKept: Int
    public var previousChanged: Int
}

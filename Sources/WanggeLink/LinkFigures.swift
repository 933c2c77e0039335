import WanggeModel

/// One cadre's duty and distances: a row of the links CSV and of the wall map's team panel.
public struct CadreDuty: Sendable, Equatable {
    public var cadre: Cadre
    public var district: String
    /// The village it links (a responsible leader's village; a village cadre's groups' village).
    public var linkedVillage: String
    public var isLeader: Bool
    public var groups: Int
    public var households: Int
    public var meanMetres: Double
    public var maxMetres: Double
    public var totalMetres: Double

    public init(cadre: Cadre, district: String, linkedVillage: String = "", isLeader: Bool = false, groups: Int = 0,
                households: Int = 0, meanMetres: Double = 0, maxMetres: Double = 0, totalMetres: Double = 0) {
        self.cadre = cadre; self.district = district; self.linkedVillage = linkedVillage; self.isLeader = isLeader
        self.groups = groups; self.households = households; self.meanMetres = meanMetres; self.maxMetres = maxMetres
        self.totalMetres = totalMetres
    }

    /// Whether its counts are within its role's quota (and a cadre without a team is not).
    public func withinQuota(_ q: CadreQuota) -> Bool {
        !district.isEmpty && households >= q.minHouseholds && households <= (q.maxHouseholds ?? Int.max)
            && groups >= q.minGroups && groups <= (q.maxGroups ?? Int.max)
    }
}

/// Figures per role: load and distance, and quota compliance.
public struct RoleFigures: Sendable, Equatable {
    public var role: CadreRole
    public var cadres: Int
    public var households: Int
    public var groups: Int
    public var minLoad: Int
    public var maxLoad: Int
    public var meanLoad: Double
    /// Mean home-to-household distance over the role's links, and the longest link.
    public var meanMetres: Double
    public var maxMetres: Double
    public var withinQuota: Int

    /// Aggregates duties by role (roles without cadres are left out), in `CadreRole.allCases` order.
    public static func compute(_ duties: [CadreDuty], quotas: [CadreRole: CadreQuota]) -> [RoleFigures] {
        CadreRole.allCases.compactMap { role in
            let rows = duties.filter { $0.cadre.role == role }
            guard !rows.isEmpty else { return nil }
            let hh = rows.reduce(0) { $0 + $1.households }
            let total = rows.reduce(0.0) { $0 + $1.totalMetres }
            let q = quotas[role] ?? CadreQuota.defaults(role)
            return RoleFigures(role: role, cadres: rows.count, households: hh, groups: rows.reduce(0) { $0 + $1.groups },
                               minLoad: rows.map(\.households).min() ?? 0, maxLoad: rows.map(\.households).max() ?? 0,
                               meanLoad: Double(hh) / Double(rows.count), meanMetres: hh > 0 ? total / Double(hh) : 0,
                               maxMetres: rows.map(\.maxMetres).max() ?? 0,
                               withinQuota: rows.filter { $0.withinQuota(q) }.count)
        }
    }
}

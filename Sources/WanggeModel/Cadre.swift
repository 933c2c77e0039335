/// A cadre's role in "four links" (四联) household linking (DESIGN sections 1 and 12).
public enum CadreRole: String, Sendable, Equatable, CaseIterable {
    case townLeader = "town_leader"       // 镇领导: one district as its responsible person, ≥ 3 households
    case townCadre = "town_cadre"         // 镇干部: 1–2 work groups, ≥ 5 households
    case villageCadre = "village_cadre"   // 村干部: 1–3 work groups, 10 households
    case partyMember = "party_member"     // 党员: 10 households

    /// Parses a role as written in a cadres file: the raw value, spaced or hyphenated English
    /// ("town leader", "Town-Cadre"), or the Chinese terms.
    public init?(parsing text: String) {
        let t = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "_" || $0 == "-" })
            .joined(separator: "_")
        switch t {
        case "town_leader", "镇领导", "镇党委领导", "镇领导干部", "领导": self = .townLeader
        case "town_cadre", "镇干部", "镇机关干部": self = .townCadre
        case "village_cadre", "村干部", "村两委干部", "村组干部": self = .villageCadre
        case "party_member", "党员", "村党员", "农村党员": self = .partyMember
        default: return nil
        }
    }
}

/// A cadre from a cadres CSV (`id,name,role,lon,lat[,village,phone]`); home position in WGS84.
public struct Cadre: Sendable, Equatable {
    public var id: String
    public var name: String
    public var role: CadreRole
    public var lon: Double
    public var lat: Double
    public var village: String
    public var phone: String

    public init(id: String, name: String, role: CadreRole, lon: Double, lat: Double,
                village: String = "", phone: String = "") {
        self.id = id; self.name = name; self.role = role; self.lon = lon; self.lat = lat
        self.village = village; self.phone = phone
    }
}

/// A role's "four links" quota: how many households and work groups one cadre of the role links.
/// `nil` maxima are unbounded.
public struct CadreQuota: Sendable, Equatable {
    public var minHouseholds: Int
    public var maxHouseholds: Int?
    public var minGroups: Int
    public var maxGroups: Int?

    public init(minHouseholds: Int = 0, maxHouseholds: Int? = nil, minGroups: Int = 0, maxGroups: Int? = 0) {
        self.minHouseholds = minHouseholds; self.maxHouseholds = maxHouseholds
        self.minGroups = minGroups; self.maxGroups = maxGroups
    }

    /// Whether a cadre of this role links work groups at all.
    public var linksGroups: Bool { maxGroups.map { $0 > 0 } ?? true }

    /// The defaults of DESIGN section 1: town leader ≥ 3 households (and its one village, no work
    /// groups); town cadre 1–2 work groups and ≥ 5 households; village cadre 1–3 work groups and
    /// exactly 10 households; party member exactly 10 households.
    public static func defaults(_ role: CadreRole) -> CadreQuota {
        switch role {
        case .townLeader: return CadreQuota(minHouseholds: 3, maxHouseholds: nil, minGroups: 0, maxGroups: 0)
        case .townCadre: return CadreQuota(minHouseholds: 5, maxHouseholds: nil, minGroups: 1, maxGroups: 2)
        case .villageCadre: return CadreQuota(minHouseholds: 10, maxHouseholds: 10, minGroups: 1, maxGroups: 3)
        case .partyMember: return CadreQuota(minHouseholds: 10, maxHouseholds: 10, minGroups: 0, maxGroups: 0)
        }
    }

    /// The default quota of every role, in `CadreRole.allCases` order.
    public static var defaultTable: [CadreRole: CadreQuota] {
        Dictionary(uniqueKeysWithValues: CadreRole.allCases.map { ($0, defaults($0)) })
    }
}

extension CadreRole {
    /// The Chinese term for wall maps.
    public var chineseName: String {
        switch self {
        case .townLeader: return "镇领导"
        case .townCadre: return "镇干部"
        case .villageCadre: return "村干部"
        case .partyMember: return "党员"
        }
    }
}

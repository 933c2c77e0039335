import Foundation
import WanggeIO
import WanggeLink
import WanggeModel
import WanggeProjection


/// `wangge link`: reads a plan and cadres, links them (WanggeLink), and writes the linked plan
/// and the links CSV.
public struct LinkOptions: Sendable {
    public var quotas: [CadreRole: CadreQuota] = CadreQuota.defaultTable
    public var labels: [DistrictLabel]?
    /// Previous contacts by household id (cadre ids).
    public var previousLinks: [String: String] = [:]
    public var villagePenalty: Double = 500
    public var keepBonus: Double = 5000
    public var allowPartial = false
    public init() {}
}

public struct LinkOutcome: Sendable {
    public var plan: Plan
    public var result: LinkResult
    public var duties: [CadreDuty]
    public var roles: [RoleFigures]
    public var cadres: [Cadre]
    public var quotas: [CadreRole: CadreQuota]
    public var crs: String
    /// Households left without a contact (ids).
    public var unlinked: [String]
}

public enum LinkPipeline {
    public static let householdKeys = ["contact", "contact_name", "contact_role", "group_contact"]
    public static let districtKeys = ["leader_id", "leader_phone", "leader_village", "team"]

    public static func run(plan input: Plan, cadres: [Cadre], options: LinkOptions, cadresPath: String = "") throws -> LinkOutcome {
        var plan = input
        let hh = plan.households
        guard !hh.isEmpty else { throw WanggeError.data("the plan has no households") }
        guard !cadres.isEmpty else { throw WanggeError.data("no cadres", at: SourceLocation(file: cadresPath)) }
        let projector = try Projector(longitudes: hh.lon, latitudes: hh.lat,
                                      crs: plan.metadata.crs.isEmpty ? nil : plan.metadata.crs)
        let (x, y) = try projector.project(longitudes: hh.lon, latitudes: hh.lat)
        let (cx, cy) = try projector.project(longitudes: cadres.map(\.lon), latitudes: cadres.map(\.lat))
        var villageIndex: [String: Int32] = [:]
        for (i, v) in hh.villageNames.enumerated() { villageIndex[v] = Int32(i) }
        var cadreIndex: [String: Int32] = [:]
        var byName: [String: Int32] = [:]
        for (i, c) in cadres.enumerated() {
            cadreIndex[c.id] = Int32(i)
            if c.role == .townLeader, byName[c.name] == nil { byName[c.name] = Int32(i) }
        }
        // Leaders named by the labels (or by the plan's own labels).
        var labelOf: [String: DistrictLabel] = [:]
        for d in plan.districts { if let l = d.label { labelOf[d.id] = l } }
        for l in options.labels ?? [] { labelOf[l.district] = l }
        let fixed = plan.districts.map { d -> Int32 in
            guard let name = labelOf[d.id]?.leader, !name.isEmpty else { return -1 }
            if let c = cadreIndex[name], cadres[Int(c)].role == .townLeader { return c }
            return byName[name] ?? -1
        }
        var previous = [Int32](repeating: -1, count: hh.count)
        if !options.previousLinks.isEmpty {
            for i in 0..<hh.count { if let c = options.previousLinks[hh.ids[i]], let j = cadreIndex[c] { previous[i] = j } }
        }
        let problem = LinkProblem(
            districtIds: plan.districts.map(\.id), x: x, y: y, district: plan.assignment, group: hh.group, village: hh.village,
            groupNames: hh.groupNames, villageNames: hh.villageNames, cadreX: cx, cadreY: cy, role: cadres.map(\.role),
            cadreVillage: cadres.map { villageIndex[$0.village] ?? -1 }, cadreNames: cadres.map { "\($0.name) \($0.id)" },
            quotas: options.quotas, fixedLeader: fixed, villagePenalty: options.villagePenalty, previousContact: previous,
            keepBonus: options.keepBonus, allowPartial: options.allowPartial)
        let result = try Linker.solve(problem)

        // Duties and distances.
        var duties = cadres.enumerated().map { i, c in
            CadreDuty(cadre: c, district: result.team[i] >= 0 ? plan.districts[Int(result.team[i])].id : "")
        }
        for d in plan.districts.indices where result.leader[d] >= 0 {
            let c = Int(result.leader[d])
            duties[c].isLeader = true
            let v = result.leaderVillage[d]
            duties[c].linkedVillage = v >= 0 ? hh.villageNames[Int(v)] : ""
        }
        for c in cadres.indices where result.groupVillage[c] >= 0 { duties[c].linkedVillage = hh.villageNames[Int(result.groupVillage[c])] }
        for g in result.groupCadre where g >= 0 { duties[Int(g)].groups += 1 }
        var unlinked: [String] = []
        for h in 0..<hh.count {
            let c = Int(result.contact[h])
            guard c >= 0 else { unlinked.append(hh.ids[h]); continue }
            let dx = cx[c] - x[h], dy = cy[c] - y[h]
            let m = (dx * dx + dy * dy).squareRoot()
            duties[c].households += 1; duties[c].totalMetres += m; duties[c].maxMetres = max(duties[c].maxMetres, m)
        }
        for c in duties.indices where duties[c].households > 0 { duties[c].meanMetres = duties[c].totalMetres / Double(duties[c].households) }

        // Households gain contact, contact_name, contact_role (and group_contact).
        var groupCadreOf: [Int: Int32] = [:]
        for (i, part) in result.groupParts.enumerated() { groupCadreOf[Int(part.group) * plan.districts.count + Int(part.district)] = result.groupCadre[i] }
        let strip = ExtraFilter(reserved: householdKeys)
        for h in 0..<hh.count {
            var body = strip.apply(plan.households.extra[h])
            let c = Int(result.contact[h])
            var add = c >= 0
                ? "\"contact\":\(jsonQuoted(cadres[c].id)),\"contact_name\":\(jsonQuoted(cadres[c].name)),\"contact_role\":\(jsonQuoted(cadres[c].role.rawValue))"
                : "\"contact\":null,\"contact_name\":null,\"contact_role\":null"
            let g = Int(hh.group[h]), d = Int(plan.assignment[h])
            if g >= 0, d >= 0, let gc = groupCadreOf[g * plan.districts.count + d] {
                add += ",\"group_contact\":" + (gc >= 0 ? jsonQuoted(cadres[Int(gc)].id) : "null")
            }
            body = body.isEmpty ? add : body + "," + add
            plan.households.extra[h] = body
        }
        // Districts gain leader, leader_phone, team.
        let dstrip = ExtraFilter(reserved: districtKeys)
        for d in plan.districts.indices {
            var label = plan.districts[d].label ?? DistrictLabel(district: plan.districts[d].id)
            var extra = dstrip.apply(plan.districts[d].extra)
            let members = cadres.indices.filter { result.team[$0] == Int32(d) }
            let l = Int(result.leader[d])
            var add = ""
            if l >= 0 {
                label.leader = cadres[l].name
                if label.phone.isEmpty { label.phone = cadres[l].phone }
                add = "\"leader_id\":\(jsonQuoted(cadres[l].id)),\"leader_phone\":\(jsonQuoted(cadres[l].phone)),"
                    + "\"leader_village\":\(jsonQuoted(duties[l].linkedVillage)),"
            } else {
                add = "\"leader_id\":null,\"leader_phone\":null,\"leader_village\":null,"
            }
            add += "\"team\":[" + members.map { jsonQuoted(cadres[$0].id) }.joined(separator: ",") + "]"
            extra = extra.isEmpty ? add : extra + "," + add
            plan.districts[d].label = label
            plan.districts[d].extra = extra
        }
        // The plan's wangge member carries the cadres and quotas, so that report and poster
        // can show the teams without the cadres file.
        let meta = ExtraFilter(reserved: ["links"]).apply(plan.metadata.extra)
        let links = linksMember(cadres: cadres, duties: duties, quotas: options.quotas, result: result, options: options)
        plan.metadata.extra = meta.isEmpty ? links : meta + "," + links
        return LinkOutcome(plan: plan, result: result, duties: duties, roles: RoleFigures.compute(duties, quotas: options.quotas),
                           cadres: cadres, quotas: options.quotas, crs: projector.crs.name, unlinked: unlinked)
    }

    static func num(_ v: Double, _ decimals: Int = 1) -> String { String(format: "%.\(decimals)f", v) }

    static func linksMember(cadres: [Cadre], duties: [CadreDuty], quotas: [CadreRole: CadreQuota], result: LinkResult,
                            options: LinkOptions) -> String {
        func opt(_ v: Int?) -> String { v.map(String.init) ?? "null" }
        let q = CadreRole.allCases.map { r -> String in
            let x = quotas[r] ?? CadreQuota.defaults(r)
            return "\(jsonQuoted(r.rawValue)):[\(x.minHouseholds),\(opt(x.maxHouseholds)),\(x.minGroups),\(opt(x.maxGroups))]"
        }.joined(separator: ",")
        let rows = duties.map { d -> String in
            let c = d.cadre
            return "{\"id\":\(jsonQuoted(c.id)),\"name\":\(jsonQuoted(c.name)),\"role\":\(jsonQuoted(c.role.rawValue)),"
                + "\"lon\":\(String(format: "%.7f", c.lon)),\"lat\":\(String(format: "%.7f", c.lat)),"
                + "\"village\":\(jsonQuoted(c.village)),\"phone\":\(jsonQuoted(c.phone)),\"district\":\(jsonQuoted(d.district)),"
                + "\"leader\":\(d.isLeader),\"linked_village\":\(jsonQuoted(d.linkedVillage)),\"groups\":\(d.groups),\"households\":\(d.households)}"
        }.joined(separator: ",")
        let lb = result.householdLowerBound.map { num($0) } ?? "null"
        return "\"links\":{\"village_penalty_m\":\(num(options.villagePenalty)),\"quotas\":{\(q)},"
            + "\"household_distance_m\":\(num(result.householdDistance)),\"household_objective_m\":\(num(result.householdPenalised)),"
            + "\"lower_bound_m\":\(lb),\"cadres\":[\(rows)]}"
    }

    /// The links CSV: one row per cadre.
    public static func writeCSV(_ duties: [CadreDuty], to path: String) throws {
        try OutputFile.write(path: path) { file in
            try file.append("id,name,role,phone,district,groups,households,mean_m,max_m,village\n")
            for d in duties {
                let c = d.cadre
                let row = [c.id, c.name, c.role.rawValue, c.phone, d.district, String(d.groups), String(d.households),
                           num(d.meanMetres), num(d.maxMetres), d.linkedVillage].map(CSVText.field).joined(separator: ",")
                try file.append(row + "\n")
            }
        }
    }

    /// Previous links: a linked plan (households' `contact`) or a CSV `id,contact`.
    public static func readPreviousLinks(path: String) throws -> [String: String] {
        let bytes = try InputFile.read(path)
        guard HouseholdReader.detectFormat(path: path, bytes: bytes) == .geojson else { return try LinkPairsReader.read(path: path) }
        let plan = try PlanReader.read(bytes: bytes, path: path)
        var out: [String: String] = [:]
        for i in 0..<plan.households.count {
            if let c = stringMember("contact", of: plan.households.extra[i]) { out[plan.households.ids[i]] = c }
        }
        guard !out.isEmpty else {
            throw WanggeError.data("the plan has no household with a \"contact\" (not a linked plan)", at: SourceLocation(file: path))
        }
        return out
    }

    static func stringMember(_ key: String, of body: String) -> String? {
        guard body.contains("\"\(key)\"") else { return nil }
        guard let o = try? JSONSerialization.jsonObject(with: Data(("{" + body + "}").utf8)) as? [String: Any] else { return nil }
        return o[key] as? String
    }
}

/// What a linked plan says about its cadres (the `links` member of its `wangge` object).
package struct PlanLinks: Sendable {
    package var duties: [CadreDuty]
    package var quotas: [CadreRole: CadreQuota]
    package var roles: [RoleFigures]
    package var lowerBound: Double?
    package var objective: Double?
    package var unlinkedHouseholds: Int

    /// Reads the links of a plan, recomputing loads and distances from the households' `contact`
    /// (so a hand-edited plan is scored as it is); nil when the plan has no links.
    package static func read(_ plan: Plan) throws -> PlanLinks? {
        guard plan.metadata.extra.contains("\"links\""),
              let top = try? JSONSerialization.jsonObject(with: Data(("{" + plan.metadata.extra + "}").utf8)) as? [String: Any],
              let links = top["links"] as? [String: Any], let rows = links["cadres"] as? [[String: Any]] else { return nil }
        var quotas = CadreQuota.defaultTable
        if let q = links["quotas"] as? [String: Any] {
            for (k, v) in q {
                guard let role = CadreRole(rawValue: k), let a = v as? [Any], a.count == 4 else { continue }
                quotas[role] = CadreQuota(minHouseholds: a[0] as? Int ?? 0, maxHouseholds: a[1] as? Int,
                                          minGroups: a[2] as? Int ?? 0, maxGroups: a[3] as? Int)
            }
        }
        var duties: [CadreDuty] = []
        var index: [String: Int] = [:]
        for r in rows {
            guard let id = r["id"] as? String, let role = CadreRole(rawValue: r["role"] as? String ?? "") else { continue }
            let c = Cadre(id: id, name: r["name"] as? String ?? "", role: role, lon: r["lon"] as? Double ?? 0,
                          lat: r["lat"] as? Double ?? 0, village: r["village"] as? String ?? "", phone: r["phone"] as? String ?? "")
            index[id] = duties.count
            duties.append(CadreDuty(cadre: c, district: r["district"] as? String ?? "", linkedVillage: r["linked_village"] as? String ?? "",
                                    isLeader: r["leader"] as? Bool ?? false, groups: r["groups"] as? Int ?? 0))
        }
        let hh = plan.households
        let projector = try Projector(longitudes: hh.lon, latitudes: hh.lat, crs: plan.metadata.crs.isEmpty ? nil : plan.metadata.crs)
        let (x, y) = try projector.project(longitudes: hh.lon, latitudes: hh.lat)
        let (cx, cy) = try projector.project(longitudes: duties.map(\.cadre.lon), latitudes: duties.map(\.cadre.lat))
        var unlinked = 0
        for h in 0..<hh.count {
            guard let id = LinkPipeline.stringMember("contact", of: hh.extra[h]), let c = index[id] else { unlinked += 1; continue }
            let dx = cx[c] - x[h], dy = cy[c] - y[h]
            let m = (dx * dx + dy * dy).squareRoot()
            duties[c].households += 1; duties[c].totalMetres += m; duties[c].maxMetres = max(duties[c].maxMetres, m)
        }
        for c in duties.indices where duties[c].households > 0 { duties[c].meanMetres = duties[c].totalMetres / Double(duties[c].households) }
        return PlanLinks(duties: duties, quotas: quotas, roles: RoleFigures.compute(duties, quotas: quotas),
                         lowerBound: links["lower_bound_m"] as? Double, objective: links["household_objective_m"] as? Double,
                         unlinkedHouseholds: unlinked)
    }
}

import ArgumentParser
import Foundation
import Wangge
import WanggeModel
import WanggeIO
import WanggeProjection
import WanggeGraph
import WanggePartition
import WanggeGeometry
import WanggeMetrics
import WanggeRender
import WanggeSample
import WanggeLink
import WanggeEnsemble

struct LinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "link",
        abstract: "Link cadres to districts, work groups and households (四联) under the four-links quotas.",
        discussion: """
        Every district gets one responsible town leader (the labels' leader when it names a town leader
        by name or id, else an exact assignment by least total distance), who also links one village (its
        own when the district holds it, else the district's largest); every cadre joins one district's team;
        every work group gets one group-level cadre (town or village cadre; a village cadre's groups lie in
        one village) and every household one contact, both from its district's team, within the quotas.
        The objective is the total straight-line home-to-household distance in the plan's metric CRS, plus
        --village-penalty metres for each link of a village cadre, party member or responsible leader to a
        household outside its (linked) village. Households and groups are linked by exact min-cost flow
        per district; the run prints the gap to a Lagrangian lower bound.

        Cadres: CSV id,name,role,lon,lat[,village,phone] or GeoJSON points with those properties; roles
        town_leader, town_cadre, village_cadre, party_member. Quotas (--quotas): CSV
        role,min_households,max_households,min_groups,max_groups, an empty field unbounded. Defaults:
        town_leader ≥3 households; town_cadre 1–2 groups, ≥5 households; village_cadre 1–3 groups, 10
        households; party_member 10 households.

        Exit status: 0 done, 64 bad options, 65 bad input or quotas that cannot be met (naming the district
        and the amount), 66 input cannot be opened, 73 output cannot be written (nothing is left behind).

        Example:
          wangge link out/plan.geojson --cadres sample-geo/cadres.csv -o out/plan-linked.geojson --csv out/links.csv
        """)

    @Argument(help: "Plan GeoJSON written by 'wangge partition' or 'wangge redraw'.")
    var plan: String

    @Option(help: "Cadres: CSV id,name,role,lon,lat[,village,phone] or GeoJSON points.")
    var cadres: String

    @Option(name: .shortAndLong, help: "The linked plan to write (GeoJSON).")
    var output: String

    @Option(help: "Also write one row per cadre to this CSV: id,name,role,phone,district,groups,households,mean_m,max_m,village.")
    var csv: String?

    @Option(help: "Quotas CSV: role,min_households,max_households,min_groups,max_groups (empty = unbounded).")
    var quotas: String?

    @Option(help: "District labels CSV (district,name,leader,phone): the leader names a district's responsible town leader.")
    var labels: String?

    @Option(name: .customLong("previous-links"), help: "A linked plan, or a CSV id,contact: links still feasible are kept.")
    var previousLinks: String?

    @Option(name: .customLong("village-penalty"), help: "Metres added to a link outside the cadre's (linked) village.")
    var villagePenalty: Double = 500

    @Option(name: .customLong("keep-bonus"), help: "Metres a link saves by keeping a previous link (with --previous-links).")
    var keepBonus: Double = 5000

    @Flag(name: .customLong("allow-partial"), help: "Link what the quotas allow and list the households left without a contact.")
    var allowPartial = false

    @Flag(name: .shortAndLong, help: "No progress messages.")
    var quiet = false

    func run() throws {
        Diagnostics.quiet = quiet
        try reportingErrors {
            guard villagePenalty >= 0, villagePenalty.isFinite else { throw WanggeError.usage("--village-penalty must be ≥ 0") }
            guard keepBonus >= 0, keepBonus.isFinite else { throw WanggeError.usage("--keep-bonus must be ≥ 0") }
            Diagnostics.progress("reading \(plan)")
            let planValue = try PlanReader.read(path: plan)
            let cadreList = try CadreReader.read(path: cadres)
            var options = LinkOptions()
            if let quotas { options.quotas = try QuotaReader.read(path: quotas) }
            if let labels { options.labels = try LabelReader.read(path: labels) }
            if let previousLinks { options.previousLinks = try LinkPipeline.readPreviousLinks(path: previousLinks) }
            options.villagePenalty = villagePenalty
            options.keepBonus = keepBonus
            options.allowPartial = allowPartial
            let clock = ContinuousClock()
            let start = clock.now
            let outcome = try LinkPipeline.run(plan: planValue, cadres: cadreList, options: options, cadresPath: cadres)
            let elapsed = clock.now - start
            try PlanWriter.write(outcome.plan, to: output)
            if let csv { try LinkPipeline.writeCSV(outcome.duties, to: csv) }
            for issue in outcome.result.issues { Diagnostics.warning(issue) }
            if !outcome.unlinked.isEmpty {
                let shown = outcome.unlinked.prefix(50).joined(separator: ", ")
                Diagnostics.warning("\(outcome.unlinked.count) household(s) without a contact: \(shown)\(outcome.unlinked.count > 50 ? ", …" : "")")
            }
            print(LinkText.summary(outcome, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18), terminator: "")
        }
    }
}

enum LinkText {
    static func summary(_ o: LinkOutcome, seconds: Double) -> String {
        let r = o.result
        let linkedHH = r.contact.filter { $0 >= 0 }.count
        let linkedG = r.groupCadre.filter { $0 >= 0 }.count
        let leaders = r.leader.filter { $0 >= 0 }.count
        var s = "link: \(o.cadres.count) cadres, \(o.plan.districts.count) districts (\(leaders) with a leader), "
            + "\(linkedHH)/\(r.contact.count) households and \(linkedG)/\(r.groupParts.count) work groups linked, "
            + "metric CRS \(o.crs), \(String(format: "%.3f", seconds)) s\n"
        s += "role            cadres  households  groups  load min/mean/max  mean m   max m  within quota\n"
        for f in o.roles {
            s += f.role.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)
                + String(format: "  %6d  %10d  %6d  %4d / %5.1f / %4d  %6.0f  %6.0f  %d/%d\n", f.cadres, f.households, f.groups,
                         f.minLoad, f.meanLoad, f.maxLoad, f.meanMetres, f.maxMetres, f.withinQuota, f.cadres)
        }
        let all = o.duties.reduce(0) { $0 + $1.households }
        s += String(format: "households: mean link %.0f m (total %.0f m); objective with village penalties %.0f m\n",
                    all > 0 ? r.householdDistance / Double(all) : 0, r.householdDistance, r.householdPenalised)
        if let lb = r.householdLowerBound {
            s += String(format: "lower bound %.0f m (Lagrangian, any team): gap %.2f%%\n", lb, lb > 0 ? (r.householdPenalised - lb) / lb * 100 : 0)
        } else {
            s += "lower bound: none (the linking is partial)\n"
        }
        if let g = r.groupLowerBound {
            s += String(format: "work groups: total cadre-to-group distance %.0f m; bound without the one-village rule %.0f m (gap %.2f%%)\n",
                        r.groupDistance, g, g > 0 ? (r.groupDistance - g) / g * 100 : 0)
        }
        if r.previousFeasible > 0 || r.previousChanged > 0 {
            s += String(format: "previous links: %d of %d still feasible kept (%.1f%%); %d household contacts changed\n",
                        r.previousKept, r.previousFeasible, r.previousFeasible > 0 ? Double(r.previousKept) / Double(r.previousFeasible) * 100 : 0,
                        r.previousChanged)
        }
        return s
    }
}

/// The link figures `report` and `compare` add for a linked plan.
enum LinkReportText {
    static func links(ofPlanAt path: String) throws -> PlanLinks? {
        try PlanLinks.read(PlanReader.read(path: path))
    }

    static func append(_ links: PlanLinks, to text: String, format: ReportFormat) -> String {
        switch format {
        case .json:
            guard let end = text.lastIndex(of: "}") else { return text }
            let roles = links.roles.map { f in
                "{\"role\":\"\(f.role.rawValue)\",\"cadres\":\(f.cadres),\"households\":\(f.households),\"groups\":\(f.groups),"
                    + "\"min_load\":\(f.minLoad),\"mean_load\":\(String(format: "%.3f", f.meanLoad)),\"max_load\":\(f.maxLoad),"
                    + "\"mean_m\":\(String(format: "%.1f", f.meanMetres)),\"max_m\":\(String(format: "%.1f", f.maxMetres)),"
                    + "\"within_quota\":\(f.withinQuota)}"
            }.joined(separator: ",")
            let lb = links.lowerBound.map { String(format: "%.1f", $0) } ?? "null"
            return String(text[..<end]) + ",\"links\":{\"roles\":[\(roles)],\"households_without_contact\":\(links.unlinkedHouseholds),"
                + "\"lower_bound_m\":\(lb)}" + String(text[text.index(after: end)...])
        case .csv:
            var s = text + "\nrole,cadres,households,groups,min_load,mean_load,max_load,mean_m,max_m,within_quota\n"
            for f in links.roles {
                s += "\(f.role.rawValue),\(f.cadres),\(f.households),\(f.groups),\(f.minLoad),\(String(format: "%.3f", f.meanLoad)),"
                    + "\(f.maxLoad),\(String(format: "%.1f", f.meanMetres)),\(String(format: "%.1f", f.maxMetres)),\(f.withinQuota)\n"
            }
            return s
        default:
            var s = text + "\nCadre links (四联)\n"
            s += "role            cadres  households  groups  load min/mean/max  mean m   max m  within quota\n"
            for f in links.roles {
                s += f.role.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)
                    + String(format: "  %6d  %10d  %6d  %4d / %5.1f / %4d  %6.0f  %6.0f  %d/%d\n", f.cadres, f.households, f.groups,
                             f.minLoad, f.meanLoad, f.maxLoad, f.meanMetres, f.maxMetres, f.withinQuota, f.cadres)
            }
            let within = links.roles.reduce(0) { $0 + $1.withinQuota }, all = links.roles.reduce(0) { $0 + $1.cadres }
            s += "quota compliance: \(within)/\(all) cadres within quota; \(links.unlinkedHouseholds) household(s) without a contact\n"
            return s
        }
    }

    static func compare(_ a: PlanLinks?, _ b: PlanLinks?) -> String {
        guard a != nil || b != nil else { return "" }
        var s = "\nCadre links (四联)            A                B\n"
        for role in CadreRole.allCases {
            let fa = a?.roles.first { $0.role == role }, fb = b?.roles.first { $0.role == role }
            guard fa != nil || fb != nil else { continue }
            func cell(_ f: RoleFigures?, _ v: (RoleFigures) -> String) -> String { (f.map(v) ?? "–").padding(toLength: 16, withPad: " ", startingAt: 0) }
            s += "\(role.rawValue) mean m".padding(toLength: 28, withPad: " ", startingAt: 0)
                + cell(fa) { String(format: "%.0f", $0.meanMetres) } + " " + cell(fb) { String(format: "%.0f", $0.meanMetres) } + "\n"
            s += "\(role.rawValue) max m".padding(toLength: 28, withPad: " ", startingAt: 0)
                + cell(fa) { String(format: "%.0f", $0.maxMetres) } + " " + cell(fb) { String(format: "%.0f", $0.maxMetres) } + "\n"
            s += "\(role.rawValue) load".padding(toLength: 28, withPad: " ", startingAt: 0)
                + cell(fa) { "\($0.minLoad)/\(String(format: "%.1f", $0.meanLoad))/\($0.maxLoad)" } + " "
                + cell(fb) { "\($0.minLoad)/\(String(format: "%.1f", $0.meanLoad))/\($0.maxLoad)" } + "\n"
            s += "\(role.rawValue) within quota".padding(toLength: 28, withPad: " ", startingAt: 0)
                + cell(fa) { "\($0.withinQuota)/\($0.cadres)" } + " " + cell(fb) { "\($0.withinQuota)/\($0.cadres)" } + "\n"
        }
        return s
    }
}

import WanggeModel
/// JSON output of `wangge report --format json`. Schema (version 1; keys always present, in this
/// order; "number|null" is null when the figure needs an input that was not given — service
/// areas, the neighbour graph, relations, a previous plan — or is undefined):
///
/// ```
/// {
///   "schema": "wangge-report/1",
///   "plan": {
///     "households": int, "members": int, "districts": int, "balance": string,
///     "total_load": number, "target_load": number, "tolerance": number,
///     "max_abs_deviation": number,          // max |(L−T)/T|
///     "deviation_range": number,            // (max L − min L)/T
///     "load_cv": number,                    // population std of L / mean L
///     "within_tolerance": int,              // districts with |deviation| ≤ tolerance
///     "noncontiguous_districts": [string]|null,   // ids, households not connected in the graph
///     "multipart_districts": [string]|null,       // ids, service area not exactly one polygon
///     "polsby_popper_mean": number|null, "polsby_popper_min": number|null,
///     "reock_mean": number|null, "reock_min": number|null,
///     "hull_ratio_mean": number|null, "hull_ratio_min": number|null,
///     "dispersion_m2": number,              // Σ over districts of Σ w·d² to the weighted centroid
///     "mean_service_distance_m": number, "max_service_distance_m": number,
///     "groups": int, "groups_split": int, "villages": int, "villages_split": int,
///     "village_split_score": number|null,   // Σⱼ wⱼ Σᵢ √fᵢⱼ, 1 = no village split
///     "relations": int, "relation_weight": number, "relation_weight_cut": number,
///     "relation_cut_fraction": number|null,
///     "graph_edges": int|null, "cut_edges": int|null, "cut_edge_fraction": number|null
///   },
///   "districts": [ {
///     "district": string, "name": string, "households": int, "members": int,
///     "load": number, "deviation": number,
///     "components": int|null,               // connected pieces in the neighbour graph
///     "polygons": int|null, "area_km2": number|null, "perimeter_km": number|null,
///     "polsby_popper": number|null, "reock": number|null, "hull_ratio": number|null,
///     "dispersion_m2": number,
///     "service_point": string|null,         // the medoid household's id
///     "mean_service_distance_m": number, "max_service_distance_m": number
///   } ],
///   "stability": null | {
///     "households_in_both": int, "retained": int, "core_retention": number,
///     "core_retention_load": number, "moved": int, "moved_load": number,
///     "added": int, "removed": int, "matched_retention": number,
///     "matching": [ { "previous": string, "current": string|null, "shared": int } ]
///   },
///   "ensemble": [ {                         // only with --ensemble
///     "figure": string, "plan": number|null, "percentile": number, "beats": number,
///     "ensemble_plans": int, "ensemble_min": number, "ensemble_median": number, "ensemble_max": number
///   } ]
/// }
/// ```
extension PlanReport {
    public static let jsonSchema = "wangge-report/1"

    func renderJSON() -> String {
        typealias F = NumberFormat
        let p = plan
        var w = JSONWriter()
        w.open("{")
        w.key("schema", w.string(Self.jsonSchema))
        w.openKey("plan", "{")
        w.key("households", String(p.households)); w.key("members", String(p.members))
        w.key("districts", String(p.districts)); w.key("balance", w.string(p.balance))
        w.key("total_load", F.json(p.totalLoad)); w.key("target_load", F.json(p.target))
        w.key("tolerance", F.json(p.tolerance))
        w.key("max_abs_deviation", F.json(p.maxAbsDeviation)); w.key("deviation_range", F.json(p.deviationRange))
        w.key("load_cv", F.json(p.loadCV)); w.key("within_tolerance", String(p.withinTolerance))
        w.key("noncontiguous_districts", w.strings(p.noncontiguous))
        w.key("multipart_districts", w.strings(p.multipart))
        w.key("polsby_popper_mean", F.json(p.polsbyPopperMean)); w.key("polsby_popper_min", F.json(p.polsbyPopperMin))
        w.key("reock_mean", F.json(p.reockMean)); w.key("reock_min", F.json(p.reockMin))
        w.key("hull_ratio_mean", F.json(p.hullRatioMean)); w.key("hull_ratio_min", F.json(p.hullRatioMin))
        w.key("dispersion_m2", F.json(p.dispersion))
        w.key("mean_service_distance_m", F.json(p.meanServiceDistance))
        w.key("max_service_distance_m", F.json(p.maxServiceDistance))
        w.key("groups", String(p.groups)); w.key("groups_split", String(p.groupsSplit))
        w.key("villages", String(p.villages)); w.key("villages_split", String(p.villagesSplit))
        w.key("village_split_score", F.json(p.villageSplitScore))
        w.key("relations", String(p.relations)); w.key("relation_weight", F.json(p.relationWeight))
        w.key("relation_weight_cut", F.json(p.relationWeightCut))
        w.key("relation_cut_fraction", F.json(p.relationCutFraction))
        w.key("graph_edges", p.graphEdges.map(String.init) ?? "null")
        w.key("cut_edges", p.cutEdges.map(String.init) ?? "null")
        w.key("cut_edge_fraction", F.json(p.cutEdgeFraction))
        w.close("}")
        w.openKey("districts", "[")
        for d in districts {
            w.open("{")
            w.key("district", w.string(d.id)); w.key("name", w.string(d.name))
            w.key("households", String(d.households)); w.key("members", String(d.members))
            w.key("load", F.json(d.load)); w.key("deviation", F.json(d.deviation))
            w.key("components", d.components.map(String.init) ?? "null")
            w.key("polygons", d.shape.map { String($0.polygonCount) } ?? "null")
            w.key("area_km2", F.json(d.shape.map { $0.area / 1e6 }))
            w.key("perimeter_km", F.json(d.shape.map { $0.perimeter / 1e3 }))
            w.key("polsby_popper", F.json(d.polsbyPopper)); w.key("reock", F.json(d.reock))
            w.key("hull_ratio", F.json(d.hullRatio)); w.key("dispersion_m2", F.json(d.dispersion))
            w.key("service_point", d.servicePointId.map { w.string($0) } ?? "null")
            w.key("mean_service_distance_m", F.json(d.meanServiceDistance))
            w.key("max_service_distance_m", F.json(d.maxServiceDistance))
            w.close("}")
        }
        w.close("]")
        if let s = stability {
            w.openKey("stability", "{")
            w.key("households_in_both", String(s.inBoth)); w.key("retained", String(s.retained))
            w.key("core_retention", F.json(s.coreRetention)); w.key("core_retention_load", F.json(s.coreRetentionByLoad))
            w.key("moved", String(s.moved)); w.key("moved_load", F.json(s.movedLoad))
            w.key("added", String(s.added)); w.key("removed", String(s.removed))
            w.key("matched_retention", F.json(s.matchedRetention))
            w.openKey("matching", "[")
            for m in s.matching {
                w.item("{\"previous\": \(w.string(m.previous)), \"current\": \(m.current.map { w.string($0) } ?? "null"), \"shared\": \(m.shared)}")
            }
            w.close("]")
            w.close("}")
        } else {
            w.key("stability", "null")
        }
        if let ensemble {
            w.openKey("ensemble", "[")
            for p in ensemble {
                w.item("{\"figure\": \(w.string(p.figure)), \"plan\": \(F.json(p.value)), \"percentile\": \(F.json(p.percentile)), \"beats\": \(F.json(p.beats)), \"ensemble_plans\": \(p.count), \"ensemble_min\": \(F.json(p.min)), \"ensemble_median\": \(F.json(p.median)), \"ensemble_max\": \(F.json(p.max))}")
            }
            w.close("]")
        }
        w.close("}")
        return w.out + "\n"
    }
}

/// A small pretty-printing JSON writer (two-space indent, keys in call order).
struct JSONWriter {
    var out = ""
    private var depth = 0
    private var first = [true]

    private mutating func separator() {
        if !first[first.count - 1] { out += "," }
        first[first.count - 1] = false
        if depth > 0 { out += "\n" + String(repeating: "  ", count: depth) }
    }
    mutating func open(_ bracket: String) { separator(); out += bracket; depth += 1; first.append(true) }
    mutating func openKey(_ k: String, _ bracket: String) {
        separator(); out += string(k) + ": " + bracket; depth += 1; first.append(true)
    }
    mutating func close(_ bracket: String) {
        depth -= 1
        let empty = first.removeLast()
        if !empty { out += "\n" + String(repeating: "  ", count: depth) }
        out += bracket
    }
    mutating func key(_ k: String, _ rawValue: String) { separator(); out += string(k) + ": " + rawValue }
    mutating func item(_ rawValue: String) { separator(); out += rawValue }

    func string(_ s: String) -> String { jsonQuoted(s) }
    func strings(_ list: [String]?) -> String {
        guard let list else { return "null" }
        return "[" + list.map(string).joined(separator: ", ") + "]"
    }
}

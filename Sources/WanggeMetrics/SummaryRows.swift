/// Which way a figure is better, for `wangge compare`.
public enum Better: String, Sendable, Equatable {
    case lower, higher
    /// Informational: no side is better.
    case neither
}

/// One plan-level figure as the table and `compare` show it.
public struct SummaryRow: Sendable, Equatable {
    /// Label for people.
    public var label: String
    /// The JSON key of the same figure (`plan.<key>` or `stability.<key>`).
    public var key: String
    /// The number compared (nil when not available).
    public var value: Double?
    /// The value as shown.
    public var text: String
    public var better: Better
}

extension PlanReport {
    /// The plan-level figures in display order: balance, contiguity, compactness, cohesion,
    /// stability (only with a previous plan).
    public var summaryRows: [SummaryRow] {
        let p = plan
        typealias F = NumberFormat
        func row(_ label: String, _ key: String, _ v: Double?, _ text: String, _ b: Better) -> SummaryRow {
            SummaryRow(label: label, key: key, value: v, text: text, better: b)
        }
        func count(_ ids: [String]?) -> Double? { ids.map { Double($0.count) } }
        func list(_ ids: [String]?) -> String {
            guard let ids else { return "–" }
            if ids.isEmpty { return "0" }
            let shown = ids.prefix(8).joined(separator: ",")
            return "\(ids.count) (\(shown)\(ids.count > 8 ? ",…" : ""))"
        }
        var rows: [SummaryRow] = [
            row("Households", "households", Double(p.households), String(p.households), .neither),
            row("People", "members", Double(p.members), String(p.members), .neither),
            row("Districts", "districts", Double(p.districts), String(p.districts), .neither),
            row("Balance by", "balance", nil, p.balance, .neither),
            row("Target load T", "target_load", p.target, F.fixed(p.target, 1), .neither),
            row("Max |deviation|", "max_abs_deviation", p.maxAbsDeviation, F.percent(p.maxAbsDeviation), .lower),
            row("Load range (max−min)/T", "deviation_range", p.deviationRange, F.percent(p.deviationRange), .lower),
            row("Load CV", "load_cv", p.loadCV, F.fixed(p.loadCV, 4), .lower),
            row("Within tolerance \(F.percent(p.tolerance, 0))", "within_tolerance", Double(p.withinTolerance),
                "\(p.withinTolerance)/\(p.districts)", .higher),
            row("Not contiguous (graph)", "noncontiguous_districts", count(p.noncontiguous), list(p.noncontiguous), .lower),
            row("Not one polygon", "multipart_districts", count(p.multipart), list(p.multipart), .lower),
            row("Polsby-Popper mean", "polsby_popper_mean", p.polsbyPopperMean, F.fixed(p.polsbyPopperMean, 3), .higher),
            row("Polsby-Popper min", "polsby_popper_min", p.polsbyPopperMin, F.fixed(p.polsbyPopperMin, 3), .higher),
            row("Reock mean", "reock_mean", p.reockMean, F.fixed(p.reockMean, 3), .higher),
            row("Reock min", "reock_min", p.reockMin, F.fixed(p.reockMin, 3), .higher),
            row("Hull ratio mean", "hull_ratio_mean", p.hullRatioMean, F.fixed(p.hullRatioMean, 3), .higher),
            row("Hull ratio min", "hull_ratio_min", p.hullRatioMin, F.fixed(p.hullRatioMin, 3), .higher),
            row("Dispersion Σw·d² (km²)", "dispersion_m2", p.dispersion, F.fixed(p.dispersion / 1e6, 3), .lower),
            row("Mean distance to service point (m)", "mean_service_distance_m", p.meanServiceDistance,
                F.fixed(p.meanServiceDistance, 1), .lower),
            row("Max distance to service point (m)", "max_service_distance_m", p.maxServiceDistance,
                F.fixed(p.maxServiceDistance, 1), .lower),
            row("Work groups split", "groups_split", Double(p.groupsSplit), "\(p.groupsSplit)/\(p.groups)", .lower),
            row("Villages split", "villages_split", Double(p.villagesSplit), "\(p.villagesSplit)/\(p.villages)", .lower),
            row("Village split score (1 = none)", "village_split_score", p.villageSplitScore,
                F.fixed(p.villageSplitScore, 4), .lower),
            row("Relation weight cut", "relation_cut_fraction", p.relationCutFraction,
                p.relationCutFraction == nil ? "–"
                    : "\(F.percent(p.relationCutFraction)) (\(F.csv(p.relationWeightCut))/\(F.csv(p.relationWeight)))",
                .lower),
            row("Cut neighbour edges", "cut_edge_fraction", p.cutEdgeFraction,
                p.cutEdges == nil ? "–" : "\(p.cutEdges!)/\(p.graphEdges!) (\(F.percent(p.cutEdgeFraction)))", .lower),
        ]
        if let s = stability {
            rows += [
                row("Households in both plans", "households_in_both", Double(s.inBoth), String(s.inBoth), .neither),
                row("Core retention", "core_retention", s.coreRetention, F.percent(s.coreRetention), .higher),
                row("Core retention by load", "core_retention_load", s.coreRetentionByLoad,
                    F.percent(s.coreRetentionByLoad), .higher),
                row("Households moved", "moved", Double(s.moved), String(s.moved), .lower),
                row("Added / removed", "added", nil, "\(s.added) / \(s.removed)", .neither),
                row("Retention under best id matching", "matched_retention", s.matchedRetention,
                    F.percent(s.matchedRetention), .higher),
                row("Districts renamed by matching", "renamed", Double(s.renamedCount), String(s.renamedCount), .neither),
            ]
        }
        return rows
    }
}

extension StabilityFigures {
    /// Matched pairs whose ids differ (or previous districts left unmatched).
    public var renamedCount: Int { matching.filter { $0.current != $0.previous }.count }
}

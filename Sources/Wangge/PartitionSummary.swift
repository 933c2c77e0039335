import WanggeModel
import WanggeMetrics
import Foundation

/// The one-screen summary `wangge partition` prints: loads, worst deviation, splits, contiguity,
/// time per stage. Every figure comes from the metrics module's report.
package enum PartitionSummary {
    package static func text(_ result: PipelineResult, crs: String, output: String) -> String {
        let r = result.report.plan
        func pct(_ v: Double) -> String { String(format: "%.1f%%", v * 100) }
        func signed(_ v: Double) -> String { (v >= 0 ? "+" : "") + pct(v) }
        func num(_ v: Double, _ d: Int = 1) -> String { String(format: "%.\(d)f", v) }
        var lines: [String] = []
        lines.append("wrote \(output): \(r.households) households (\(r.members) people) in \(r.districts) districts, CRS \(crs)")
        lines.append("balance      \(r.balance): target \(num(r.target)), worst deviation \(pct(r.maxAbsDeviation)), "
                     + "range \(pct(r.deviationRange)), \(r.withinTolerance)/\(r.districts) within ±\(pct(r.tolerance))")
        let noncontiguous = r.noncontiguous ?? []
        var contiguity = "contiguity   \(r.districts - noncontiguous.count)/\(r.districts) districts connected"
        if !noncontiguous.isEmpty { contiguity += " (not: \(shortList(noncontiguous)))" }
        if let multipart = r.multipart {
            contiguity += "; \(r.districts - multipart.count)/\(r.districts) service areas one polygon"
            if !multipart.isEmpty { contiguity += " (not: \(shortList(multipart)))" }
        }
        lines.append(contiguity)
        if !result.parts.isEmpty {
            let open = result.parts.filter(\.balanceable).count
            let inBand = result.parts.filter { !$0.needsAttention(tolerance: r.tolerance) }.count
            lines.append("parts        \(result.parts.count) separated by barriers; \(open)/\(result.parts.count) can be balanced "
                         + "(quick checks), \(inBand)/\(result.parts.count) are")
            lines += PartFeasibility.lines(result.parts, k: r.districts, tolerance: r.tolerance, total: r.totalLoad,
                                           balance: r.balance).map { "  " + $0 }
        }
        var cohesion = "cohesion     work groups split \(r.groupsSplit)/\(r.groups)"
        if r.villages > 0 { cohesion += ", villages split \(r.villagesSplit)/\(r.villages)" }
        if let f = r.relationCutFraction {
            cohesion += ", relation weight cut \(pct(f)) (\(num(r.relationWeightCut, 0)) of \(num(r.relationWeight, 0)))"
        }
        lines.append(cohesion)
        var compact = "compactness  dispersion \(num(r.dispersion / 1e6, 2)) km²·load, mean distance to service point \(num(r.meanServiceDistance, 0)) m"
        if let pp = r.polsbyPopperMean { compact += ", Polsby-Popper mean \(num(pp, 3))" }
        lines.append(compact)
        // Loads, several districts to a line.
        var row: [String] = []
        for d in result.report.districts {
            row.append("\(d.id) \(num(d.load, d.load == d.load.rounded() ? 0 : 1)) (\(signed(d.deviation)))")
            if row.count == 6 { lines.append("  " + row.joined(separator: "  ")); row = [] }
        }
        if !row.isEmpty { lines.append("  " + row.joined(separator: "  ")) }
        let stages = result.stopwatch.stages.map { "\($0.stage) \(num($0.seconds, 3)) s" }.joined(separator: ", ")
        lines.append("time         \(stages); total \(num(result.stopwatch.total, 3)) s")
        return lines.joined(separator: "\n") + "\n"
    }

    /// At most `limit` ids, then how many more ("D01, D02, … and 12 more").
    package static func shortList(_ ids: [String], limit: Int = 12) -> String {
        ids.count <= limit ? ids.joined(separator: ", ")
            : ids.prefix(limit).joined(separator: ", ") + " and \(ids.count - limit) more"
    }
}

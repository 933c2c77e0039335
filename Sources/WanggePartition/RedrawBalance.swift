import Foundation
/// The redraw's balance stage: repair contiguity, then plan and realise flows of load between
/// districts until every open district is in the band (or nothing more can be done), then
/// chains of single swaps (`balanceByPaths`) for what the atoms' granularity left.
extension Refiner {
    mutating func rebalanceForRedraw(retention: RetentionCost, tolerance: Double) {
        let trace = getenv("WANGGE_REDRAW_TRACE") != nil
        func show(_ what: String) {
            guard trace else { return }
            var line = what + ":"
            for d in 0..<k { line += " \(d):\(Int(loads[d].rounded()))" }
            FileHandle.standardError.write((line + "\n").data(using: .utf8)!)
        }
        show("start")
        let rep = repairPieces(retention: retention)
        show("repaired \(rep)")
        if inBand { return }
        // Out-of-band districts are brought a third of the way into the band from its middle,
        // so that atoms a little larger or smaller than planned still land inside.
        let lowAim = target * (1 - tolerance / 3), highAim = target * (1 + tolerance / 3)
        let slack = tolerance * target / 4
        for _ in 0..<(getenv("WANGGE_NOFLOW") != nil ? 0 : 6) {
            let dg = DistrictGraph(g, part: part, k: k, closed: closed)
            let plan = RedrawFlowPlan.plan(graph: dg, loads: loads, closed: closed, lower: lower, upper: upper,
                                           lowAim: lowAim, highAim: highAim)
            if plan.flows.isEmpty { break }
            if trace { FileHandle.standardError.write(("plan: \(plan.flows.map { "\($0.from)->\($0.to) \(Int($0.load.rounded()))" })\n").data(using: .utf8)!) }
            let moved = realise(plan, retention: retention, slack: slack)
            show("realised \(moved)")
            if moved == 0 || inBand { break }
        }
        show("flows")
        if !inBand { balanceByChains(retention: retention, maxChains: 4 * k + 200) }
        show("chains")
        if !inBand { balanceByPaths(maxPaths: 4 * k + 200) }
        show("paths")
        if !inBand {
            balance(maxRounds: 400)
            if !inBand { balanceByPaths(maxPaths: 4 * k + 200) }
        }
    }
}

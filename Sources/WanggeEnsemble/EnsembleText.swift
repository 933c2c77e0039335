import WanggeModel

/// The ensemble's files as text: the step CSV, the convergence summary (JSON) and the node graph
/// export for peers (GerryChain).
public enum EnsembleText {
    public static let header = (["chain", "step", "accepted"] + EnsembleFigures.columns).joined(separator: ",") + "\n"

    /// A value as the CSV and JSON write it: shortest round-trip decimal, integers without ".0".
    static func number(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }

    /// Appends one CSV row per recorded step.
    public static func appendRows(_ rows: [EnsembleRow], to out: inout String) {
        for r in rows {
            out += "\(r.chain),\(r.step),\(r.accepted ? 1 : 0)"
            for v in r.figures.values { out += "," + (v.map(number) ?? "") }
            out += "\n"
        }
    }

    /// The summary JSON (schema "wangge-ensemble-summary/1"): no timings, so the same seed gives
    /// the same bytes.
    public static func summaryJSON(_ result: EnsembleResult, options: EnsembleOptions,
                                   convergence: [ConvergenceFigures]) -> String {
        func opt(_ v: Double?) -> String { v.map(number) ?? "null" }
        var out = "{\n  \"schema\": \"wangge-ensemble-summary/1\",\n"
        out += "  \"method\": \(jsonQuoted(result.method.rawValue)),\n"
        out += "  \"target\": \(jsonQuoted(result.method == .mergeSplit ? "uniform over valid plans" : "ReCom (spanning-tree weighted, approximately)")),\n"
        out += "  \"chains\": \(options.chains), \"steps\": \(options.steps), \"burn_in\": \(options.effectiveBurnIn), \"thin\": \(options.thin), \"seed\": \(options.seed),\n"
        let acc = result.chains.map { Double($0.accepted) / Double(max($0.steps, 1)) }
        out += "  \"acceptance\": [\(acc.map(number).joined(separator: ", "))],\n"
        out += "  \"stuck_steps\": [\(result.chains.map { String($0.stuck) }.joined(separator: ", "))],\n"
        out += "  \"figures\": {\n"
        out += convergence.map { c in
            "    \(jsonQuoted(c.figure)): {\"r_hat\": \(opt(c.rHat)), \"ess\": \(opt(c.ess)), \"mean\": \(number(c.mean)), \"sd\": \(number(c.sd)), \"n\": \(c.count)}"
        }.joined(separator: ",\n")
        out += "\n  },\n"
        let notMixed = convergence.filter { ($0.rHat ?? 1) > Convergence.rHatLimit }.map(\.figure)
        out += "  \"not_mixed\": [\(notMixed.map(jsonQuoted).joined(separator: ", "))]\n}\n"
        return out
    }

    /// Convergence as an aligned text block for stderr.
    public static func summaryText(_ convergence: [ConvergenceFigures]) -> String {
        var out = "figure           R̂       ESS       mean           sd\n"
        for c in convergence {
            func pad(_ s: String, _ w: Int) -> String { s.count >= w ? s : s + String(repeating: " ", count: w - s.count) }
            let r = c.rHat.map { String(format4($0)) } ?? "–"
            let e = c.ess.map { String(Int($0.rounded())) } ?? "–"
            out += pad(c.figure, 17) + pad(r, 8) + pad(e, 10) + pad(formatG(c.mean), 15) + formatG(c.sd) + "\n"
        }
        return out
    }

    static func format4(_ v: Double) -> String {
        let r = (v * 10_000).rounded() / 10_000
        var s = "\(r)"
        while s.count < 6 { s += "0" }
        return s
    }

    static func formatG(_ v: Double) -> String {
        if v == 0 { return "0" }
        if abs(v) >= 1e6 || abs(v) < 1e-3 {
            var e = 0; var m = abs(v)
            while m >= 10 { m /= 10; e += 1 }
            while m < 1 { m *= 10; e -= 1 }
            return (v < 0 ? "-" : "") + "\((m * 1000).rounded() / 1000)e\(e)"
        }
        return "\((v * 10_000).rounded() / 10_000)"
    }

    /// The node graph as JSON for peers: nodes (load, x, y = load-weighted centroid, start
    /// district), undirected edges, relations between nodes, k, target and band.
    public static func graphJSON(_ g: EnsembleGraph, start: [Int32]) -> String {
        var out = "{\"k\": \(g.k), \"target\": \(number(g.target)), \"lower\": \(number(g.lower)), \"upper\": \(number(g.upper)), \"relation_total\": \(number(g.relationTotal)),\n\"nodes\": ["
        for v in 0..<g.nodeCount {
            let m = g.load[v]
            let x = m > 0 ? g.sx[v] / m : 0, y = m > 0 ? g.sy[v] / m : 0
            out += (v > 0 ? ",\n" : "\n") + "{\"load\": \(number(g.load[v])), \"x\": \(number(x)), \"y\": \(number(y)), \"sites\": \(g.sites[v]), \"district\": \(start[v])}"
        }
        out += "],\n\"edges\": ["
        var first = true
        for v in 0..<g.nodeCount {
            for e in g.neighbourRange(v) where Int(g.adj[e]) > v {
                out += (first ? "" : ", ") + "[\(v), \(g.adj[e]), \(g.edgeWeight[e])]"; first = false
            }
        }
        out += "],\n\"relations\": ["
        first = true
        for v in 0..<g.nodeCount {
            for e in g.relationRange(v) where Int(g.relAdj[e]) > v {
                out += (first ? "" : ", ") + "[\(v), \(g.relAdj[e]), \(number(g.relW[e]))]"; first = false
            }
        }
        out += "]}\n"
        return out
    }
}

import WanggeModel
import WanggeIO
import WanggeEnsemble

/// An ensemble CSV written by `wangge ensemble`: every figure column's values over the recorded steps.
public struct EnsembleSample: Sendable, Equatable {
    /// Values per figure column (empty cells skipped), in the file's row order.
    public var values: [String: [Double]]
    public var rows: Int

    public init(values: [String: [Double]], rows: Int) { self.values = values; self.rows = rows }

    /// Reads `path`; errors name the file, line and column (65) or the open failure (66).
    public static func read(path: String) throws -> EnsembleSample {
        try read(bytes: try InputFile.read(path), path: path)
    }

    /// Reads an ensemble CSV from bytes already in memory; `path` names them in messages.
    public static func read(bytes: [UInt8], path: String) throws -> EnsembleSample {
        try parse(String(decoding: bytes, as: UTF8.self), path: path)
    }

    public static func parse(_ text: String, path: String? = nil) throws -> EnsembleSample {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let head = lines.first else { throw WanggeError.data("empty ensemble file", at: SourceLocation(file: path)) }
        let columns = head.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard columns.starts(with: ["chain", "step", "accepted"]) else {
            throw WanggeError.data("not an ensemble CSV (the header must start with chain,step,accepted)", at: SourceLocation(file: path, line: 1))
        }
        var values: [String: [Double]] = [:]
        for c in columns.dropFirst(3) {
            // A repeated column would merge two columns' values into one figure.
            guard values.updateValue([], forKey: c) == nil else {
                throw WanggeError.data("column '\(c)' appears twice in the header", at: SourceLocation(file: path, line: 1, field: c))
            }
        }
        for (i, line) in lines.enumerated().dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            guard cells.count == columns.count else {
                throw WanggeError.data("\(cells.count) cells, the header has \(columns.count)", at: SourceLocation(file: path, line: i + 1))
            }
            for c in 3..<columns.count where !cells[c].isEmpty {
                guard let v = Double(cells[c]), v.isFinite else {
                    throw WanggeError.data("'\(cells[c])' is not a number", at: SourceLocation(file: path, line: i + 1, field: columns[c]))
                }
                values[columns[c]]!.append(v)
            }
        }
        return EnsembleSample(values: values, rows: lines.count - 1)
    }
}

/// Where one of a plan's figures falls among the ensemble's plans.
public struct EnsemblePlacement: Sendable, Equatable {
    public var figure: String
    public var value: Double
    /// 100 × (ensemble values below the plan's + half of those equal to it) / n.
    public var percentile: Double
    /// Share of ensemble plans the plan is strictly better than (lower is better except Polsby-Popper).
    public var beats: Double
    public var lowerIsBetter: Bool
    public var count: Int
    public var min: Double, median: Double, max: Double

    /// Places `value` among `values`; equal within 1e-9 relative counts as a tie.
    public static func place(_ figure: String, value: Double, among values: [Double], lowerIsBetter: Bool) -> EnsemblePlacement? {
        guard !values.isEmpty else { return nil }
        let tol = 1e-9 * Swift.max(abs(value), 1e-300)
        var below = 0, equal = 0
        for v in values { if abs(v - value) <= tol { equal += 1 } else if v < value { below += 1 } }
        let n = values.count, above = n - below - equal
        let sorted = values.sorted()
        let median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
        return EnsemblePlacement(figure: figure, value: value, percentile: 100 * (Double(below) + 0.5 * Double(equal)) / Double(n),
                                 beats: Double(lowerIsBetter ? above : below) / Double(n), lowerIsBetter: lowerIsBetter,
                                 count: n, min: sorted[0], median: median, max: sorted[n - 1])
    }
}

extension PlanReport {
    /// The plan's figures as the ensemble records them. `polsbyPopperProxy` is the plan's
    /// isoperimetric proxy (`ContiguityMetrics.isoperimetricProxy`); the others are the report's.
    public func ensembleFigures(polsbyPopperProxy: Double?) -> [(String, Double?, Bool)] {
        [("max_deviation", plan.maxAbsDeviation, true), ("relation_cut", plan.relationCutFraction, true),
         ("dispersion", plan.dispersion, true), ("polsby_popper", polsbyPopperProxy, false),
         ("cut_edges", plan.cutEdges.map(Double.init), true), ("groups_split", Double(plan.groupsSplit), true),
         ("villages_split", Double(plan.villagesSplit), true)]
    }

    /// Places every figure the ensemble recorded (figures it left empty are skipped).
    public mutating func place(among sample: EnsembleSample, polsbyPopperProxy: Double?) {
        ensemble = ensembleFigures(polsbyPopperProxy: polsbyPopperProxy).compactMap { name, value, lower in
            guard let value, let values = sample.values[name] else { return nil }
            return EnsemblePlacement.place(name, value: value, among: values, lowerIsBetter: lower)
        }
    }

    static let ensembleCSVColumns = ["figure", "plan", "percentile", "beats", "ensemble_plans", "ensemble_min",
                                     "ensemble_median", "ensemble_max"]

    func renderEnsembleTable() -> String {
        guard let ensemble else { return "" }
        typealias F = NumberFormat
        let out = "\nAmong the ensemble's plans (percentile: share below the plan; beats: share the plan is better than)\n"
        var t = TextTable(header: ["Figure", "Plan", "Percentile", "Beats", "Plans", "Min", "Median", "Max"],
                          rightAligned: [false, true, true, true, true, true, true, true])
        for p in ensemble {
            func v(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e6 ? F.fixed(x, 0) : (abs(x) >= 1e4 ? F.fixed(x, 0) : F.fixed(x, 4)) }
            t.rows.append([p.figure, v(p.value), F.fixed(p.percentile, 1), F.percent(p.beats, 1), String(p.count),
                           v(p.min), v(p.median), v(p.max)])
        }
        return out + t.render()
    }

    func renderEnsembleCSV() -> String {
        typealias F = NumberFormat
        var out = Self.ensembleCSVColumns.joined(separator: ",") + "\n"
        for p in ensemble ?? [] {
            out += [p.figure, F.csv(p.value), F.csv(p.percentile), F.csv(p.beats), String(p.count), F.csv(p.min),
                    F.csv(p.median), F.csv(p.max)].joined(separator: ",") + "\n"
        }
        return out
    }
}

extension ContiguityMetrics {
    /// The ensemble's Polsby-Popper proxy of a plan: per district 6√3·π·sites/cut_edges² (sites =
    /// graph nodes whose households are all in the district, cut edges = its edges to other
    /// districts' nodes), mean over districts with a cut edge; nil when none has one.
    public static func isoperimetricProxy(assignment: [Int32], districtCount k: Int, graph: NeighbourAdjacency) -> Double? {
        var nodeDistrict: [Int32]
        if let nodeOf = graph.householdNode {
            nodeDistrict = [Int32](repeating: -2, count: graph.nodeCount)
            for i in 0..<assignment.count {
                let v = Int(nodeOf[i])
                if nodeDistrict[v] == -2 { nodeDistrict[v] = assignment[i] } else if nodeDistrict[v] != assignment[i] { nodeDistrict[v] = -1 }
            }
        } else {
            nodeDistrict = assignment
        }
        var sites = [Int](repeating: 0, count: k), boundary = sites
        for u in 0..<graph.nodeCount where nodeDistrict[u] >= 0 {
            let d = Int(nodeDistrict[u])
            sites[d] += 1
            for e in graph.offsets[u]..<graph.offsets[u + 1] where nodeDistrict[Int(graph.neighbours[e])] != nodeDistrict[u] { boundary[d] += 1 }
        }
        var sum = 0.0, count = 0
        for d in 0..<k { if let p = EnsembleFigures.isoperimetricProxy(sites: sites[d], boundaryEdges: boundary[d]) { sum += p; count += 1 } }
        return count > 0 ? sum / Double(count) : nil
    }
}

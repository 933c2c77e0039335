/// `wangge compare A B`: the plan-level figures of two reports side by side, the better value
/// of each row marked by direction (◀ = A better, ▶ = B better, = when equal, blank when the row
/// has no direction or a side lacks the figure).
public struct PlanComparison: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var label: String
        public var key: String
        public var a: String
        public var b: String
        public var better: Better
        /// "a", "b", "tie" or "" (not comparable).
        public var winner: String
    }

    public var titleA: String
    public var titleB: String
    public var rows: [Row]

    public init(_ a: PlanReport, _ b: PlanReport, titleA: String = "A", titleB: String = "B") {
        self.titleA = titleA; self.titleB = titleB
        let rowsB = Dictionary(b.summaryRows.map { ($0.key, $0) }, uniquingKeysWith: { x, _ in x })
        rows = a.summaryRows.compactMap { ra in
            guard let rb = rowsB[ra.key] else { return nil }
            var winner = ""
            if let va = ra.value, let vb = rb.value, ra.better != .neither {
                // Figures equal to 10 significant digits count as a tie (float noise).
                let scale = max(abs(va), abs(vb), 1e-300)
                if abs(va - vb) <= 1e-10 * scale { winner = "tie" }
                else if (va < vb) == (ra.better == .lower) { winner = "a" }
                else { winner = "b" }
            }
            return Row(label: ra.label, key: ra.key, a: ra.text, b: rb.text, better: ra.better, winner: winner)
        }
    }

    /// How many rows each plan wins.
    public var wins: (a: Int, b: Int) {
        (rows.filter { $0.winner == "a" }.count, rows.filter { $0.winner == "b" }.count)
    }

    /// The side-by-side table, or JSON `{"a": title, "b": title, "rows": [{"key","label","a","b",
    /// "better","winner"}], "wins": {"a": int, "b": int}}`.
    public func render(format: ReportFormat) -> String {
        switch format {
        case .json:
            var w = JSONWriter()
            w.open("{")
            w.key("a", w.string(titleA)); w.key("b", w.string(titleB))
            w.openKey("rows", "[")
            for r in rows {
                w.item("{\"key\": \(w.string(r.key)), \"label\": \(w.string(r.label)), \"a\": \(w.string(r.a)), "
                    + "\"b\": \(w.string(r.b)), \"better\": \(w.string(r.better.rawValue)), \"winner\": \(w.string(r.winner))}")
            }
            w.close("]")
            w.key("wins", "{\"a\": \(wins.a), \"b\": \(wins.b)}")
            w.close("}")
            return w.out + "\n"
        case .csv:
            var out = "key,label,a,b,better,winner\n"
            func q(_ s: String) -> String {
                s.contains(where: { $0 == "," || $0 == "\"" }) ? "\"" + s.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\"" : s
            }
            for r in rows { out += [r.key, r.label, r.a, r.b, r.better.rawValue, r.winner].map(q).joined(separator: ",") + "\n" }
            return out
        case .table:
            var t = TextTable(header: ["Figure", "A", "", "B", "Better"], rightAligned: [false, true, false, true, false])
            for r in rows {
                let mark = r.winner == "a" ? "◀" : r.winner == "b" ? "▶" : r.winner == "tie" ? "=" : ""
                t.rows.append([r.label, r.a, mark, r.b, r.better == .neither ? "" : r.better.rawValue])
            }
            let w = wins
            return "A: \(titleA)\nB: \(titleB)\n\n" + t.render()
                + "\n◀ A better, ▶ B better, = equal.  A better on \(w.a) figures, B on \(w.b).\n"
        }
    }
}

/// Output formats of `wangge report`.
public enum ReportFormat: String, Sendable, CaseIterable {
    case table, json, csv
}

extension PlanReport {
    /// The report as text in `format` (ends with a newline). `title` heads the table (e.g. the file name).
    public func render(format: ReportFormat, title: String? = nil) -> String {
        switch format {
        case .table: return renderTable(title: title) + renderEnsembleTable()
        case .json: return renderJSON()
        case .csv: return ensemble == nil ? renderCSV() : renderEnsembleCSV()
        }
    }
}

/// An aligned text table with CJK-aware column widths.
struct TextTable {
    var header: [String]
    var rightAligned: [Bool]
    var rows: [[String]] = []

    func render(indent: String = "") -> String {
        var widths = header.map(TextWidth.columns)
        for r in rows { for (c, cell) in r.enumerated() { widths[c] = max(widths[c], TextWidth.columns(cell)) } }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (c, cell) in cells.enumerated() {
                let last = c == cells.count - 1
                parts.append(last && !rightAligned[c] ? cell : TextWidth.pad(cell, to: widths[c], right: rightAligned[c]))
            }
            var text = indent + parts.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text
        }
        var out = line(header) + "\n"
        out += indent + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        for r in rows { out += line(r) + "\n" }
        return out
    }
}

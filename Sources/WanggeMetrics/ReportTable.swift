extension PlanReport {
    /// The terminal table: the plan summary (label: value), then one row per district.
    func renderTable(title: String?) -> String {
        typealias F = NumberFormat
        var out = ""
        if let title { out += "Plan report: \(title)\n\n" }
        let summary = summaryRows
        let labelWidth = summary.map { TextWidth.columns($0.label) }.max() ?? 0
        for r in summary { out += TextWidth.pad(r.label, to: labelWidth, right: false) + "  " + r.text + "\n" }
        out += "\n"
        let named = districts.contains { !$0.name.isEmpty }
        var header = ["District"]
        if named { header.append("Name") }
        header += ["HH", "People", "Load", "Dev", "Pieces", "Parts", "km²", "PP", "Reock", "Hull",
                   "Disp km²", "Mean m", "Max m"]
        var table = TextTable(header: header, rightAligned: header.map { $0 != "District" && $0 != "Name" })
        for d in districts {
            var row = [d.id]
            if named { row.append(d.name) }
            row += [String(d.households), String(d.members), F.fixed(d.load, d.load == d.load.rounded() ? 0 : 1),
                    F.percent(d.deviation, 1, signed: true), F.integer(d.components), F.integer(d.shape?.polygonCount),
                    F.fixed(d.shape.map { $0.area / 1e6 }, 3), F.fixed(d.polsbyPopper, 3), F.fixed(d.reock, 3),
                    F.fixed(d.hullRatio, 3), F.fixed(d.dispersion / 1e6, 3),
                    F.fixed(d.meanServiceDistance, 0), F.fixed(d.maxServiceDistance, 0)]
            table.rows.append(row)
        }
        out += table.render()
        if let s = stability {
            out += "\nDistrict matching (previous → current, shared households)\n"
            var m = TextTable(header: ["Previous", "Current", "Shared"], rightAligned: [false, false, true])
            for pair in s.matching { m.rows.append([pair.previous, pair.current ?? "–", String(pair.shared)]) }
            out += m.render()
        }
        return out
    }
}

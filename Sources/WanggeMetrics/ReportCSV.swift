extension PlanReport {
    /// Column names of the CSV output: the district keys of the JSON output, same meaning.
    public static let csvColumns = [
        "district", "name", "households", "members", "load", "deviation", "components", "polygons",
        "area_km2", "perimeter_km", "polsby_popper", "reock", "hull_ratio", "dispersion_m2",
        "service_point", "mean_service_distance_m", "max_service_distance_m",
    ]

    /// One header row and one row per district (RFC 4180 quoting; empty cell = not available).
    /// Plan-level figures are in the table and JSON outputs.
    func renderCSV() -> String {
        typealias F = NumberFormat
        func quote(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + s.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\"" : s
        }
        var out = Self.csvColumns.joined(separator: ",") + "\n"
        for d in districts {
            let cells: [String] = [
                quote(d.id), quote(d.name), String(d.households), String(d.members), F.csv(d.load), F.csv(d.deviation),
                d.components.map(String.init) ?? "", d.shape.map { String($0.polygonCount) } ?? "",
                F.csv(d.shape.map { $0.area / 1e6 }), F.csv(d.shape.map { $0.perimeter / 1e3 }),
                F.csv(d.polsbyPopper), F.csv(d.reock), F.csv(d.hullRatio), F.csv(d.dispersion),
                quote(d.servicePointId ?? ""), F.csv(d.meanServiceDistance), F.csv(d.maxServiceDistance),
            ]
            out += cells.joined(separator: ",") + "\n"
        }
        return out
    }
}

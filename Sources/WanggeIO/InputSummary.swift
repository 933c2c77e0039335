import WanggeModel

/// What `wangge validate` prints: counts and extent of checked inputs.
public struct InputSummary: Sendable, Equatable {
    public var householdsFile: String
    public var households: Int
    public var members: Int
    public var groups: Int
    public var villages: Int
    /// The balance rule and the total load under it.
    public var balance: String
    public var totalLoad: Double
    public var boundingBox: BoundingBox?
    public var relationsFile: String?
    public var relations: Int?
    public var relationWeight: Double?
    public var boundaryFile: String?
    public var boundaryPolygons: Int?
    public var barriersFile: String?
    public var barrierLines: Int?
    public var barrierPolygons: Int?
    /// The metric CRS the pipeline would use (e.g. "EPSG:32650, UTM zone 50N"); filled in by the
    /// caller that chooses it (WanggeProjection), printed when set.
    public var crs: String?

    public init(households table: HouseholdTable, balance: String = "households", relations: RelationTable? = nil,
                relationsFile: String? = nil, boundary: MultiPolygon? = nil, boundaryFile: String? = nil,
                barriers: Barriers? = nil, barriersFile: String? = nil, crs: String? = nil) {
        householdsFile = table.sourceName
        households = table.count
        members = table.totalMembers
        groups = table.groupNames.count
        villages = table.villageNames.count
        self.balance = balance
        totalLoad = table.loads.reduce(0, +)
        boundingBox = BoundingBox(xs: table.lon, ys: table.lat)
        self.relationsFile = relationsFile
        self.relations = relations?.count
        relationWeight = relations?.totalWeight
        self.boundaryFile = boundaryFile
        boundaryPolygons = boundary?.polygons.count
        self.barriersFile = barriersFile
        barrierLines = barriers?.lines.count
        barrierPolygons = barriers?.polygons.count
        self.crs = crs
    }

    /// The summary as aligned lines.
    public var lines: [String] {
        func num(_ v: Double) -> String { NumberFormat.fixed(v, decimals: 6) }
        var rows: [(String, String)] = [
            ("households", "\(households)  (\(householdsFile))"),
            ("members", "\(members)"),
            ("groups", "\(groups)"),
            ("villages", "\(villages)"),
        ]
        if balance != "households" { rows.append(("balance", "\(balance): total load \(num(totalLoad))")) }
        if let b = boundingBox {
            rows.append(("bounding box", "lon \(NumberFormat.fixed(b.minX, decimals: 7)) … \(NumberFormat.fixed(b.maxX, decimals: 7)), "
                         + "lat \(NumberFormat.fixed(b.minY, decimals: 7)) … \(NumberFormat.fixed(b.maxY, decimals: 7))"))
        }
        if let r = relations {
            rows.append(("relations", "\(r), total weight \(num(relationWeight ?? 0))  (\(relationsFile ?? ""))"))
        }
        if let p = boundaryPolygons { rows.append(("boundary", "\(p) polygon\(p == 1 ? "" : "s")  (\(boundaryFile ?? ""))")) }
        if let l = barrierLines, let p = barrierPolygons {
            rows.append(("barriers", "\(l) line\(l == 1 ? "" : "s"), \(p) polygon\(p == 1 ? "" : "s")  (\(barriersFile ?? ""))"))
        }
        if let crs { rows.append(("crs", crs)) }
        let width = rows.map { $0.0.count }.max() ?? 0
        return rows.map { $0.0 + ":" + String(repeating: " ", count: width - $0.0.count + 1) + $0.1 }
    }

    public var text: String { lines.joined(separator: "\n") + "\n" }
}

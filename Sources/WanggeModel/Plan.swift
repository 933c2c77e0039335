/// The version written into every plan's `wangge` member.
public let wanggeVersion = "0.1.0"

/// One district of a plan.
public struct District: Sendable, Equatable {
    /// Stable id, e.g. "D01".
    public var id: String
    /// Service area in WGS84 (empty until service areas are built).
    public var area: MultiPolygon
    /// Colour index; neighbouring districts differ.
    public var color: Int
    /// The medoid household's index (its coordinates are the service point), or -1.
    public var servicePoint: Int32
    /// Area in km², measured in the metric CRS.
    public var areaKm2: Double
    public var label: DistrictLabel?
    /// Any other properties read from a plan file (hand edits in QGIS), as a JSON object body.
    public var extra: String

    public init(id: String, area: MultiPolygon = MultiPolygon(), color: Int = 0, servicePoint: Int32 = -1,
                areaKm2: Double = 0, label: DistrictLabel? = nil, extra: String = "") {
        self.id = id; self.area = area; self.color = color; self.servicePoint = servicePoint
        self.areaKm2 = areaKm2; self.label = label; self.extra = extra
    }

    /// Ids D01, D02, … wide enough for k (D0001 for k ≥ 1000).
    public static func defaultIds(count k: Int) -> [String] {
        let width = max(2, String(k).count)
        return (1...max(k, 1)).prefix(k).map { n in
            let s = String(n)
            return "D" + String(repeating: "0", count: width - s.count) + s
        }
    }

    /// `count` ids that continue the sequence of `existing`: the largest trailing number among
    /// ids of the most common prefix, plus one, plus two…, zero-padded like them ("D21" → "D22").
    /// Ids already taken are skipped.
    public static func continuingIds(after existing: [String], count: Int) -> [String] {
        func split(_ id: String) -> (prefix: Substring, digits: Substring)? {
            let digits = id.reversed().prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty else { return nil }
            return (id.dropLast(digits.count), id.suffix(digits.count))
        }
        var prefixCount: [Substring: Int] = [:]
        for id in existing { if let (p, _) = split(id) { prefixCount[p, default: 0] += 1 } }
        let prefix = prefixCount.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? "D"
        var largest = 0, width = 0
        for id in existing {
            guard let (p, d) = split(id), p == prefix, let n = Int(d) else { continue }
            largest = max(largest, n); width = max(width, d.count)
        }
        if width == 0 { width = 2 }
        let taken = Set(existing)
        var out: [String] = [], n = largest
        while out.count < count {
            n += 1
            let s = String(n)
            let id = String(prefix) + String(repeating: "0", count: max(0, width - s.count)) + s
            if !taken.contains(id) { out.append(id) }
        }
        return out
    }
}

/// The `wangge` foreign member of a plan file.
public struct PlanMetadata: Sendable, Equatable {
    public var version: String
    public var districts: Int
    /// "households", "members" or the name of a numeric property.
    public var balance: String
    public var tolerance: Double
    public var seed: UInt64
    /// The metric CRS distances were computed in, e.g. "EPSG:32650".
    public var crs: String
    /// Further members (redraw statistics…), as a JSON object body.
    public var extra: String

    public init(version: String = wanggeVersion, districts: Int, balance: String = "households",
                tolerance: Double = 0.05, seed: UInt64 = 0, crs: String = "", extra: String = "") {
        self.version = version; self.districts = districts; self.balance = balance
        self.tolerance = tolerance; self.seed = seed; self.crs = crs; self.extra = extra
    }
}

/// A partition of households into districts: what `partition` and `redraw` produce, what
/// `report`, `poster` and `link` read.
public struct Plan: Sendable, Equatable {
    public var metadata: PlanMetadata
    public var districts: [District]
    public var households: HouseholdTable
    /// District index (into `districts`) per household.
    public var assignment: [Int32]

    public init(metadata: PlanMetadata, districts: [District], households: HouseholdTable, assignment: [Int32]) {
        self.metadata = metadata; self.districts = districts; self.households = households; self.assignment = assignment
    }

    /// Load per district under the plan's balance rule.
    public func districtLoads() -> [Double] {
        var loads = [Double](repeating: 0, count: districts.count)
        let l = households.loads
        for i in 0..<assignment.count { loads[Int(assignment[i])] += l[i] }
        return loads
    }
}

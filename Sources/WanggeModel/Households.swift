/// All households of one input, stored column by column so that 10^6 of them stay compact
/// and every stage can walk plain arrays. Index `i` in every column is the same household, in
/// the order the input file listed them.
public struct HouseholdTable: Sendable, Equatable {
    /// Unique ids as written in the input (integers are kept as their decimal text).
    public var ids: [String]
    /// Whether each id was an integer in the input (so writers can emit it as a JSON number again).
    public var idIsNumber: [Bool]
    /// WGS84 longitude and latitude in degrees (already converted from `--input-crs`).
    public var lon: [Double]
    public var lat: [Double]
    /// People in the household, ≥ 1 (default 1).
    public var members: [Int32]
    /// Work group per household: an index into `groupNames`, or -1 when it has none.
    public var group: [Int32]
    public var groupNames: [String]
    /// Village (or any nesting unit) per household: an index into `villageNames`, or -1.
    public var village: [Int32]
    public var villageNames: [String]
    /// The household's other properties, untouched, as a JSON object body without braces
    /// (`"name":"x","age":3`), "" when there are none. Writers splice it back in.
    public var extra: [String]
    /// Optional balance weight per household (`--balance FIELD`); nil means count households.
    public var weight: [Double]?
    /// Where each household came from: its 0-based feature index (GeoJSON) or 1-based line (CSV).
    public var sourceIndex: [Int32]
    /// The file the table was read from, for messages.
    public var sourceName: String

    public init(sourceName: String = "") {
        ids = []; idIsNumber = []; lon = []; lat = []; members = []; group = []; groupNames = []
        village = []; villageNames = []; extra = []; weight = nil; sourceIndex = []; self.sourceName = sourceName
    }

    public var count: Int { ids.count }
    public var isEmpty: Bool { ids.isEmpty }

    /// The load each household puts on its district: `weight` when set, else 1.
    public var loads: [Double] {
        weight ?? [Double](repeating: 1, count: count)
    }

    /// Total people.
    public var totalMembers: Int { members.reduce(0) { $0 + Int($1) } }

    /// Appends one household. Group and village names are interned.
    public mutating func append(id: String, idIsNumber: Bool = false, lon: Double, lat: Double,
                                members: Int32 = 1, group: String? = nil, village: String? = nil,
                                extra: String = "", sourceIndex: Int32 = -1,
                                groupIndex: inout [String: Int32], villageIndex: inout [String: Int32]) {
        ids.append(id); self.idIsNumber.append(idIsNumber)
        self.lon.append(lon); self.lat.append(lat); self.members.append(members)
        self.group.append(Self.intern(group, &groupNames, &groupIndex))
        self.village.append(Self.intern(village, &villageNames, &villageIndex))
        self.extra.append(extra); self.sourceIndex.append(sourceIndex)
    }

    private static func intern(_ name: String?, _ names: inout [String], _ index: inout [String: Int32]) -> Int32 {
        guard let name, !name.isEmpty else { return -1 }
        if let i = index[name] { return i }
        let i = Int32(names.count)
        names.append(name); index[name] = i
        return i
    }

    /// A map from id to household index.
    public func indexById() -> [String: Int32] {
        var map = [String: Int32](minimumCapacity: count)
        for (i, id) in ids.enumerated() { map[id] = Int32(i) }
        return map
    }

    /// For each household, the index of the household with the same id in `previous`, or -1.
    /// Ids are unique in each table. An updated export of the same table mostly keeps the order
    /// (households removed here and there, newcomers appended), so both lists are walked side by
    /// side, looking `window` entries ahead; the ids skipped over are remembered, and a full map
    /// of `previous` is built only when an id is found in neither while entries remain ahead.
    /// Same answer as looking every id up in `indexById()`, without hashing a million ids.
    public func indices(in previous: HouseholdTable, window: Int = 16) -> [Int32] {
        let prev = previous.ids
        var out = [Int32](repeating: -1, count: count)
        var skipped: [String: Int32] = [:]
        var full: [String: Int32]?
        var j = 0
        for i in 0..<count {
            let id = ids[i]
            if let full { out[i] = full[id] ?? -1; continue }
            var found = -1
            for t in j..<min(prev.count, j + window) where prev[t] == id { found = t; break }
            if found >= 0 {
                for s in j..<found { skipped[prev[s]] = Int32(s) }
                out[i] = Int32(found); j = found + 1
            } else if let s = skipped.removeValue(forKey: id) {
                out[i] = s
            } else if j < prev.count {
                let map = previous.indexById()
                full = map
                out[i] = map[id] ?? -1
            }
        }
        return out
    }
}

/// Kinship (or any affinity) ties between households, by household index.
public struct RelationTable: Sendable, Equatable {
    public var a: [Int32]
    public var b: [Int32]
    public var weight: [Double]
    public init(a: [Int32] = [], b: [Int32] = [], weight: [Double] = []) { self.a = a; self.b = b; self.weight = weight }
    public var count: Int { a.count }
    public var totalWeight: Double { weight.reduce(0, +) }
}

/// A district's label for plans and wall maps (`--labels`).
public struct DistrictLabel: Sendable, Equatable {
    public var district: String
    public var name: String
    public var leader: String
    public var phone: String
    /// Other columns, in file order.
    public var extra: [(key: String, value: String)]
    public init(district: String, name: String = "", leader: String = "", phone: String = "",
                extra: [(key: String, value: String)] = []) {
        self.district = district; self.name = name; self.leader = leader; self.phone = phone; self.extra = extra
    }
    public static func == (l: DistrictLabel, r: DistrictLabel) -> Bool {
        l.district == r.district && l.name == r.name && l.leader == r.leader && l.phone == r.phone
            && l.extra.map(\.key) == r.extra.map(\.key) && l.extra.map(\.value) == r.extra.map(\.value)
    }
}

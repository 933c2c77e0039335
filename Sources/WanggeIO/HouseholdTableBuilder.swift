import WanggeModel

/// Checks and collects household rows from any reader: id rules (present, non-empty, unique),
/// coordinates (finite, in range), members (integer ≥ 1), balance weights; interns groups and villages.
struct HouseholdTableBuilder {
    let path: String
    let options: HouseholdReadOptions
    /// Whether locations are feature indexes (GeoJSON) or lines (CSV).
    let byLine: Bool
    private(set) var table: HouseholdTable
    private var groupIndex: [String: Int32] = [:]
    private var villageIndex: [String: Int32] = [:]
    private var seen: [String: Int32] = [:]
    /// Each id's row (what `HouseholdTable.indexById()` gives for the finished table).
    var idIndex: [String: Int32] { seen }
    private var weights: [Double] = []
    let weightField: String?

    init(path: String, options: HouseholdReadOptions, byLine: Bool) {
        self.path = path
        self.options = options
        self.byLine = byLine
        self.table = HouseholdTable(sourceName: path)
        switch options.balance {
        case "households", "": weightField = nil
        default: weightField = options.balance
        }
    }

    func location(_ index: Int, field: String? = nil) -> SourceLocation {
        byLine ? SourceLocation(file: path, line: index, field: field)
               : SourceLocation(file: path, feature: index, field: field)
    }

    func place(_ index: Int) -> String { byLine ? "line \(index)" : "feature \(index)" }

    mutating func reserve(_ n: Int) {
        table.ids.reserveCapacity(n); table.idIsNumber.reserveCapacity(n); table.lon.reserveCapacity(n)
        table.lat.reserveCapacity(n); table.members.reserveCapacity(n); table.group.reserveCapacity(n)
        table.village.reserveCapacity(n); table.extra.reserveCapacity(n); table.sourceIndex.reserveCapacity(n)
        seen.reserveCapacity(n)
    }

    /// Checks a coordinate pair for the household at `index`.
    func checkCoordinates(_ lon: Double, _ lat: Double, at index: Int, lonField: String, latField: String) throws {
        guard lon.isFinite else {
            throw WanggeError.data("longitude is \(Self.describe(lon)), not a finite number", at: location(index, field: lonField))
        }
        guard lat.isFinite else {
            throw WanggeError.data("latitude is \(Self.describe(lat)), not a finite number", at: location(index, field: latField))
        }
        guard options.checkCoordinateRange else { return }
        if lon < -180 || lon > 180 {
            throw WanggeError.data("longitude \(lon) is outside −180…180" + Self.projectedHint(lon, lat),
                                   at: location(index, field: lonField))
        }
        if lat < -90 || lat > 90 {
            let swapped = abs(lon) <= 90 ? " (are longitude and latitude swapped?)" : ""
            throw WanggeError.data("latitude \(lat) is outside −90…90" + swapped + Self.projectedHint(lon, lat),
                                   at: location(index, field: latField))
        }
    }

    private static func projectedHint(_ lon: Double, _ lat: Double) -> String {
        abs(lon) > 1000 || abs(lat) > 1000 ? " (projected coordinates? give their CRS with --input-crs)" : ""
    }

    static func describe(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v == .infinity { return "∞" }
        if v == -.infinity { return "−∞" }
        return "\(v)"
    }

    /// Ids longer than this are refused (a pasted column or a runaway cell, not an identifier).
    static let maxIdBytes = 4096

    /// `text` for a message: at most 40 characters, the rest counted.
    static func short(_ text: String) -> String {
        text.count <= 40 ? text : String(text.prefix(40)) + "… (\(text.utf8.count) bytes)"
    }

    /// Members from a number: an integral value ≥ 1 that fits Int32 (3.0 is fine, 2.5 is not).
    func members(_ v: Double, text: String, at index: Int) throws -> Int32 {
        let field = "members"
        if v.isInfinite, text.utf8.allSatisfy({ $0 &- 0x30 < 10 || $0 == UInt8(ascii: ".") || $0 | 0x20 == UInt8(ascii: "e") || $0 == UInt8(ascii: "+") }) {
            throw WanggeError.data("members \(Self.short(text)) is too large", at: location(index, field: field))
        }
        guard v.isFinite else { throw WanggeError.data("members must be an integer ≥ 1, got \(Self.short(text))", at: location(index, field: field)) }
        guard v == v.rounded() else {
            throw WanggeError.data("members must be a whole number ≥ 1, got \(Self.short(text))", at: location(index, field: field))
        }
        guard v >= 1 else { throw WanggeError.data("members must be ≥ 1, got \(Self.short(text))", at: location(index, field: field)) }
        guard v <= Double(Int32.max) else { throw WanggeError.data("members \(Self.short(text)) is too large", at: location(index, field: field)) }
        return Int32(v)
    }

    /// A balance weight: finite and ≥ 0.
    func weight(_ v: Double?, text: String, at index: Int) throws -> Double {
        guard let field = weightField else { return 1 }
        if field == "members" { return 1 } // filled from members
        guard let v else {
            throw WanggeError.data("balance field '\(field)' must be a number, got \(text)", at: location(index, field: field))
        }
        guard v.isFinite, v >= 0 else {
            throw WanggeError.data("balance field '\(field)' must be a finite number ≥ 0, got \(text)", at: location(index, field: field))
        }
        return v
    }

    /// Adds one checked household. `id` must already be trimmed; `index` is the feature index or line.
    mutating func append(id: String, idIsNumber: Bool, idField: String = "id", lon: Double, lat: Double,
                         members: Int32, group: String?, village: String?, weight: Double,
                         extra: String, at index: Int) throws {
        if id.isEmpty {
            throw WanggeError.data("empty id", at: location(index, field: idField))
        }
        if id.utf8.count > Self.maxIdBytes {
            throw WanggeError.data("id longer than \(Self.maxIdBytes) bytes (\(id.utf8.count) bytes, starting \(JSONEscapes.quoted(String(id.prefix(20))))…)",
                                   at: location(index, field: idField))
        }
        let row = Int32(table.count)
        if let first = seen.updateValue(row, forKey: id) {
            seen[id] = first
            let firstPlace = place(Int(table.sourceIndex[Int(first)]))
            throw WanggeError.data("duplicate id \(JSONEscapes.quoted(id)): also used by \(firstPlace)",
                                   at: location(index, field: idField))
        }
        appendRow(id: id, idIsNumber: idIsNumber, lon: lon, lat: lat, members: members, group: group,
                  village: village, weight: weight, extra: extra, at: index)
    }

    /// Whether `append` takes this id (non-empty, not too long), uniqueness aside.
    static func acceptable(id: String) -> Bool { !id.isEmpty && id.utf8.count <= maxIdBytes }

    /// `append` without the id checks and without recording the id (which `append` did).
    private mutating func appendRow(id: String, idIsNumber: Bool, lon: Double, lat: Double, members: Int32,
                            group: String?, village: String?, weight: Double, extra: String, at index: Int) {
        // Same columns and interning as `HouseholdTable.append`, with a one-entry cache in front of
        // the name dictionaries: neighbouring rows usually share their group and village.
        table.ids.append(id); table.idIsNumber.append(idIsNumber)
        table.lon.append(lon); table.lat.append(lat); table.members.append(members)
        table.group.append(Self.intern(group, &table.groupNames, &groupIndex, &lastGroup))
        table.village.append(Self.intern(village, &table.villageNames, &villageIndex, &lastVillage))
        table.extra.append(extra); table.sourceIndex.append(Int32(index))
        if weightField != nil { weights.append(weightField == "members" ? Double(members) : weight) }
    }

    /// Adds the rows of pieces decoded elsewhere (`HouseholdColumns`, in file order) to an empty
    /// builder, as `appendRow` adds them one by one; `ids` are the pieces' ids joined (the caller
    /// has them for the id index). Each piece's names are interned in the order the piece first uses
    /// them, which is the order of first use in the file.
    /// Only `finish` may follow (the id and name maps of `append(id:…)` are not filled).
    mutating func append(_ pieces: [HouseholdColumns], ids: [String]) {
        precondition(table.isEmpty && ids.count == pieces.reduce(0) { $0 + $1.count }, "pieces join an empty table")
        table.ids = ids
        // Names in canonical form throughout are the same Strings exactly when they have the same
        // bytes: they are joined by their bytes, without hashing them as Strings.
        let byBytes = pieces.allSatisfy { $0.group.canonical && $0.village.canonical }
        var groupBytes = ByteInterner(), villageBytes = ByteInterner()
        var first = 0
        for piece in pieces {
            let groups = byBytes ? Self.intern(piece.group, &table.groupNames, &groupBytes)
                : piece.group.names.map { Self.intern($0, &table.groupNames, &groupIndex) }
            let villages = byBytes ? Self.intern(piece.village, &table.villageNames, &villageBytes)
                : piece.village.names.map { Self.intern($0, &table.villageNames, &villageIndex) }
            table.idIsNumber += piece.idIsNumber
            table.lon += piece.lon; table.lat += piece.lat; table.members += piece.members
            table.group.append(contentsOf: piece.group.rows.lazy.map { $0 < 0 ? -1 : groups[Int($0)] })
            table.village.append(contentsOf: piece.village.rows.lazy.map { $0 < 0 ? -1 : villages[Int($0)] })
            table.extra += piece.extra
            table.sourceIndex.append(contentsOf: (first..<(first + piece.count)).lazy.map { Int32($0) })
            if weightField != nil {
                if weightField == "members" { weights.append(contentsOf: piece.members.lazy.map { Double($0) }) }
                else { weights += piece.weight }
            }
            first += piece.count
        }
        lastGroup = nil; lastVillage = nil
    }

    /// The table index of each of `column`'s names, matched by their bytes in `interned` (the
    /// table's names so far, in the same order) and added to `names` when new.
    private static func intern(_ column: InternedNames, _ names: inout [String], _ interned: inout ByteInterner) -> [Int32] {
        let entries = column.table
        return entries.bytes.withUnsafeBufferPointer { b in
            (0..<entries.count).map { e in
                let (i, isNew) = interned.intern(UnsafeBufferPointer(rebasing: b[entries.starts[e]..<entries.starts[e + 1]]))
                if isNew { names.append(column.names[e]) }
                return i
            }
        }
    }

    /// The index of a non-empty name, added to `names` when new.
    private static func intern(_ name: String, _ names: inout [String], _ index: inout [String: Int32]) -> Int32 {
        if let known = index[name] { return known }
        let i = Int32(names.count)
        names.append(name); index[name] = i
        return i
    }

    private var lastGroup: (name: String, index: Int32)?
    private var lastVillage: (name: String, index: Int32)?

    private static func intern(_ name: String?, _ names: inout [String], _ index: inout [String: Int32],
                               _ last: inout (name: String, index: Int32)?) -> Int32 {
        guard let name, !name.isEmpty else { return -1 }
        if let last, last.name == name { return last.index }
        let i: Int32
        if let known = index[name] { i = known } else {
            i = Int32(names.count)
            names.append(name); index[name] = i
        }
        last = (name, i)
        return i
    }

    /// The finished table; empty input is an error.
    func finish() throws -> HouseholdTable {
        guard !table.isEmpty else {
            throw WanggeError.data("no households: the input has no features or rows", at: SourceLocation(file: path))
        }
        var t = table
        if weightField != nil { t.weight = weights }
        return t
    }
}

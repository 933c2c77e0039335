import WanggeModel

/// Households and relations given as values (a server's database rows rather than a file), checked by
/// the same rules and with the same messages as the file readers. A bad value is a `WanggeError` whose
/// location names `source` (e.g. "households"), the 0-based index of the value as `feature`, and the field.
public struct HouseholdRows {
    private var builder: HouseholdTableBuilder

    /// - Parameters:
    ///   - source: the name errors give as the file.
    ///   - balance: "households", "members" or the name of the balance weight (then each row needs one).
    ///   - checkCoordinateRange: longitudes in [-180, 180] and latitudes in [-90, 90] (WGS84 input).
    public init(source: String = "households", balance: String = "households", checkCoordinateRange: Bool = true) {
        builder = HouseholdTableBuilder(path: source,
                                        options: HouseholdReadOptions(balance: balance,
                                                                      checkCoordinateRange: checkCoordinateRange),
                                        byLine: false)
    }

    public mutating func reserve(_ count: Int) { builder.reserve(count) }

    /// Checks and appends one household; `index` is its position among the values.
    public mutating func append(id: String, lon: Double, lat: Double, members: Int = 1, group: String? = nil,
                                village: String? = nil, weight: Double? = nil, at index: Int) throws {
        try builder.checkCoordinates(lon, lat, at: index, lonField: "lon", latField: "lat")
        let m = try builder.members(Double(members), text: String(members), at: index)
        let w = try builder.weight(weight, text: weight.map { "\($0)" } ?? "nothing", at: index)
        try builder.append(id: id, idIsNumber: false, lon: lon, lat: lat, members: m, group: group,
                           village: village, weight: w, extra: "", at: index)
    }

    /// The checked table; no households is an error.
    public func finish() throws -> HouseholdTable { try builder.finish() }
}

extension RelationReader {
    /// Relation pairs given as household ids: the file reader's rules (known ids, not related to
    /// itself, weight finite and > 0); errors name `source`, the pair's 0-based index and the field.
    /// `cancellation` is asked every 4,096 pairs.
    public static func table(pairs: [(a: String, b: String, weight: Double)], households: HouseholdTable,
                             source: String = "relations", cancellation: Cancellation = .never) throws -> RelationTable {
        // No pairs: no id index either (a million ids take a noticeable, uncancellable moment).
        guard !pairs.isEmpty else { return RelationTable() }
        let index = households.indexById()
        try cancellation.check()
        var table = RelationTable()
        table.a.reserveCapacity(pairs.count); table.b.reserveCapacity(pairs.count); table.weight.reserveCapacity(pairs.count)
        var unknown: [(id: String, line: Int, field: String)] = []
        var unknownCount = 0, firstUnknown: (index: Int, field: String)? = nil
        for (i, p) in pairs.enumerated() {
            if i & 4095 == 4095 { try cancellation.check() }
            guard p.weight.isFinite, p.weight > 0 else {
                throw WanggeError.data("weight must be a number > 0, got \(p.weight)",
                                       at: SourceLocation(file: source, feature: i, field: "weight"))
            }
            let ia = index[p.a], ib = index[p.b]
            for (id, found, field) in [(p.a, ia, "a"), (p.b, ib, "b")] where found == nil {
                unknownCount += 1
                if firstUnknown == nil { firstUnknown = (i, field) }
                if unknown.count < unknownListLimit { unknown.append((id, i, field)) }
            }
            guard let ia, let ib else { continue }
            if ia == ib {
                throw WanggeError.data("household \(JSONEscapes.quoted(p.a)) is related to itself",
                                       at: SourceLocation(file: source, feature: i, field: "b"))
            }
            table.a.append(ia); table.b.append(ib); table.weight.append(p.weight)
        }
        if let firstUnknown {
            let list = unknown.map { "\(JSONEscapes.quoted($0.id)) (pair \($0.line))" }.joined(separator: ", ")
            let more = unknownCount > unknown.count ? " and \(unknownCount - unknown.count) more" : ""
            throw WanggeError.data("\(unknownCount) unknown household id\(unknownCount == 1 ? "" : "s") (not in the households): \(list)\(more)",
                                   at: SourceLocation(file: source, feature: firstUnknown.index, field: firstUnknown.field))
        }
        return table
    }
}

import WanggeModel

/// Reads kinship/affinity relations: CSV `a,b[,weight]` of household ids, an optional header row.
public enum RelationReader {
    /// Unknown ids listed in a message, at most.
    public static let unknownListLimit = 10

    /// Reads `path` and resolves the ids against `households`. A first row whose first two fields
    /// are not both household ids and whose third field (if any) is not a number is a header.
    /// Errors (65): malformed CSV, fewer than two fields, weight ≤ 0 or not a number, a household
    /// paired with itself, unknown ids (listed with their lines, up to `unknownListLimit`).
    public static func read(path: String, households: HouseholdTable) throws -> RelationTable {
        try read(CSVReader(path: path), households: households, keepUnknown: false).table
    }

    public static func read(bytes: [UInt8], path: String, households: HouseholdTable) throws -> RelationTable {
        try read(CSVReader(path: path, bytes: bytes), households: households, keepUnknown: false).table
    }

    /// Like `read(path:households:)`, but pairs naming an id that is not among `households` are
    /// left out and returned instead of refused (`redraw`: last year's relations name households
    /// who have left). Every other error still throws.
    public static func readKeepingUnknown(path: String, households: HouseholdTable) throws
        -> (table: RelationTable, unknown: UnknownRelationIds) {
        try read(CSVReader(path: path), households: households, keepUnknown: true)
    }

    static func read(_ csv: CSVReader, households: HouseholdTable, keepUnknown: Bool) throws
        -> (table: RelationTable, unknown: UnknownRelationIds) {
        let index = households.indexById()
        var table = RelationTable()
        var first = true
        var unknown: [(id: String, line: Int, field: String)] = []
        var unknownCount = 0
        var kept = UnknownRelationIds(path: csv.path)
        let path = csv.path
        try csv.forEachRecord { fields, line in
            defer { first = false }
            guard fields.count >= 2 else {
                throw WanggeError.data("a relation needs two household ids a,b (and an optional weight), got \(fields.count) field",
                                       at: SourceLocation(file: path, line: line))
            }
            let a = String(fields[0].trimmingSpaces), b = String(fields[1].trimmingSpaces)
            let ia = index[a], ib = index[b]
            if first && (ia == nil || ib == nil) {
                let weightText = fields.count >= 3 ? fields[2].trimmingSpaces : ""
                if weightText.isEmpty || JSONNumber.parseLenient(weightText) == nil,
                   ia == nil, ib == nil {
                    return // header
                }
            }
            var weight = 1.0
            if fields.count >= 3 {
                let t = fields[2].trimmingSpaces
                if !t.isEmpty {
                    guard let w = JSONNumber.parseLenient(t), w.isFinite else {
                        throw WanggeError.data("weight must be a number > 0, got \(JSONEscapes.quoted(String(t)))",
                                               at: SourceLocation(file: path, line: line, field: "weight"))
                    }
                    guard w > 0 else {
                        throw WanggeError.data("weight must be > 0, got \(t)", at: SourceLocation(file: path, line: line, field: "weight"))
                    }
                    weight = w
                }
            }
            if keepUnknown && (ia == nil || ib == nil) {
                kept.pairs += 1
                for (id, i, field) in [(a, ia, "a"), (b, ib, "b")] where i == nil { kept.ids.append((id, line, field)) }
                return
            }
            for (id, i, field) in [(a, ia, "a"), (b, ib, "b")] where i == nil {
                unknownCount += 1
                if unknown.count < unknownListLimit { unknown.append((id, line, field)) }
            }
            guard let ia, let ib else { return }
            if ia == ib {
                throw WanggeError.data("household \(JSONEscapes.quoted(a)) is related to itself",
                                       at: SourceLocation(file: path, line: line, field: "b"))
            }
            table.a.append(ia); table.b.append(ib); table.weight.append(weight)
        }
        if let firstUnknown = unknown.first {
            throw WanggeError.data(unknownMessage(unknown, total: unknownCount,
                                                 notIn: households.sourceName.isEmpty ? "the households" : households.sourceName),
                                   at: SourceLocation(file: path, line: firstUnknown.line, field: firstUnknown.field))
        }
        return (table, kept)
    }

    /// The message for unknown ids (at most `unknownListLimit` listed, with their lines).
    /// `total` counts them all when `unknown` holds only the first few.
    public static func unknownMessage(_ unknown: [(id: String, line: Int, field: String)], total: Int? = nil,
                                      notIn source: String) -> String {
        let count = total ?? unknown.count
        let listed = unknown.prefix(unknownListLimit)
        let list = listed.map { "\(JSONEscapes.quoted($0.id)) (line \($0.line))" }.joined(separator: ", ")
        let more = count > listed.count ? " and \(count - listed.count) more" : ""
        return "\(count) unknown household id\(count == 1 ? "" : "s") (not in \(source)): \(list)\(more)"
    }
}

/// Relation pairs left out because they name ids that are not among the households.
public struct UnknownRelationIds: Sendable {
    public var path: String
    /// Pairs left out.
    public var pairs: Int = 0
    /// Each unknown id with the line and field (a or b) naming it, in file order.
    public var ids: [(id: String, line: Int, field: String)] = []
    public init(path: String) { self.path = path }
}

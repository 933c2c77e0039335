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
        try resolve(RelationRecords(csv), households: households, keepUnknown: keepUnknown)
    }

    /// Resolves records tokenised ahead (`RelationRecords(path:)`, which needs no households and
    /// may run while they are read) against `households`: the same table, and the same first
    /// error, as `read(path:households:)` / `readKeepingUnknown` on that file. `index`, when given,
    /// must be `households.indexById()` (the household reader's own, saving a second one).
    public static func resolve(_ records: RelationRecords, households: HouseholdTable,
                               index: IdIndex? = nil, keepUnknown: Bool) throws
        -> (table: RelationTable, unknown: UnknownRelationIds) {
        if let opening = records.opening { throw opening }
        let index = index ?? IdIndex(households.indexById())
        let n = records.a.count
        // The id lookups (read-only in the shared index) side by side; the checks below in file order.
        let parts = chunkRanges(n, parts: n >= 1 << 16 ? 2 * Parallelism.workers : 1)
        let found = parallelMap(parts.count) { c -> (a: [Int32], b: [Int32]) in
            var fa: [Int32] = [], fb: [Int32] = []
            fa.reserveCapacity(parts[c].count); fb.reserveCapacity(parts[c].count)
            for r in parts[c] { fa.append(index[records.a[r]] ?? -1); fb.append(index[records.b[r]] ?? -1) }
            return (fa, fb)
        }
        let foundA = found.flatMap(\.a), foundB = found.flatMap(\.b)
        var table = RelationTable()
        table.a.reserveCapacity(n); table.b.reserveCapacity(n); table.weight.reserveCapacity(n)
        var unknown: [(id: String, line: Int, field: String)] = []
        var unknownCount = 0
        var kept = UnknownRelationIds(path: records.path)
        let path = records.path
        for r in 0..<n {
            let line = records.line[r]
            let a = records.a[r], b = records.b[r]
            let ia = foundA[r] >= 0 ? foundA[r] : nil, ib = foundB[r] >= 0 ? foundB[r] : nil
            if r == 0 && (ia == nil || ib == nil) {
                if records.weightText[r].isEmpty || records.weight[r] == nil, ia == nil, ib == nil {
                    continue // header
                }
            }
            var weight = 1.0
            let t = records.weightText[r]
            if !t.isEmpty {
                guard let w = records.weight[r], w.isFinite else {
                    throw WanggeError.data("weight must be a number > 0, got \(JSONEscapes.quoted(t))",
                                           at: SourceLocation(file: path, line: line, field: "weight"))
                }
                guard w > 0 else {
                    throw WanggeError.data("weight must be > 0, got \(t)", at: SourceLocation(file: path, line: line, field: "weight"))
                }
                weight = w
            }
            if keepUnknown && (ia == nil || ib == nil) {
                kept.pairs += 1
                for (id, i, field) in [(a, ia, "a"), (b, ib, "b")] where i == nil { kept.ids.append((id, line, field)) }
                continue
            }
            if ia == nil || ib == nil {
                for (id, i, field) in [(a, ia, "a"), (b, ib, "b")] where i == nil {
                    unknownCount += 1
                    if unknown.count < unknownListLimit { unknown.append((id, line, field)) }
                }
            }
            guard let ia, let ib else { continue }
            if ia == ib {
                throw WanggeError.data("household \(JSONEscapes.quoted(a)) is related to itself",
                                       at: SourceLocation(file: path, line: line, field: "b"))
            }
            table.a.append(ia); table.b.append(ib); table.weight.append(weight)
        }
        if let failure = records.failure { throw failure }
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

/// A relations file tokenised without the households: each record's ids (trimmed), weight text
/// (trimmed, empty when absent) and number, and line, up to the first error of the file itself
/// (cannot be opened, malformed CSV, a record with fewer than two fields), which is kept to be
/// thrown where reading the file would have thrown it. `RelationReader.resolve` does the rest.
public struct RelationRecords: Sendable {
    public let path: String
    var a: [String] = []
    var b: [String] = []
    var weightText: [String] = []
    var weight: [Double?] = []
    var line: [Int] = []
    /// The file cannot be opened (thrown before anything else).
    var opening: WanggeError?
    /// The error after the last record kept.
    var failure: WanggeError?

    /// Reads and tokenises `path`; never throws (its errors are kept for `resolve`).
    public init(path: String) {
        do {
            self = RelationRecords(try CSVReader(path: path))
        } catch {
            self = RelationRecords(path: path, opening: (error as? WanggeError) ?? WanggeError.data("\(error)", at: SourceLocation(file: path)))
        }
    }

    private init(path: String, opening: WanggeError) {
        self.path = path
        self.opening = opening
    }

    init(_ csv: CSVReader) {
        path = csv.path
        let path = csv.path
        var a: [String] = [], b: [String] = [], weightText: [String] = [], weight: [Double?] = [], line: [Int] = []
        a.reserveCapacity(csv.bytes.count / 20); b.reserveCapacity(csv.bytes.count / 20)
        weightText.reserveCapacity(csv.bytes.count / 20); weight.reserveCapacity(csv.bytes.count / 20)
        line.reserveCapacity(csv.bytes.count / 20)
        do {
            try csv.forEachRecord { fields, at in
                guard fields.count >= 2 else {
                    throw WanggeError.data("a relation needs two household ids a,b (and an optional weight), got \(fields.count) field",
                                           at: SourceLocation(file: path, line: at))
                }
                a.append(String(fields[0].trimmingSpaces)); b.append(String(fields[1].trimmingSpaces))
                let t = fields.count >= 3 ? fields[2].trimmingSpaces : ""
                weightText.append(String(t))
                weight.append(t.isEmpty ? nil : JSONNumber.parseLenient(t))
                line.append(at)
            }
        } catch {
            failure = (error as? WanggeError) ?? WanggeError.data("\(error)", at: SourceLocation(file: path))
        }
        self.a = a; self.b = b; self.weightText = weightText; self.weight = weight; self.line = line
    }
}

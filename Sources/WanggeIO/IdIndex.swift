import WanggeModel

/// Household id → row, as `HouseholdTable.indexById()`: a dictionary of Strings, or, when every id
/// is ASCII (where two ids are equal as Strings exactly when their bytes are), a table over the ids'
/// bytes (`AsciiIdTable`), which hashes them without Swift's String hashing.
public struct IdIndex: Sendable {
    private let map: [String: Int32]?
    private let ascii: AsciiIdTable?

    public init(_ index: [String: Int32]) { map = index; ascii = nil }

    private init(ascii: AsciiIdTable) { map = nil; self.ascii = ascii }

    public subscript(id: String) -> Int32? {
        if let map { return map[id] }
        return ascii![id]
    }

    /// The rows of `ids`, or the first row whose id repeats an earlier one (the row where adding them
    /// one by one finds the duplicate). The ids are hashed in `parts` ranges side by side.
    static func build(_ ids: [String], parts: Int) -> (index: IdIndex?, firstDuplicate: Int?) {
        guard let hashes = AsciiIdTable.hashes(ids, parts: max(parts, 1)) else { return build(ids) }
        switch AsciiIdTable.build(ids, hashes: hashes) {
        case .success(let table): return (IdIndex(ascii: table), nil)
        case .failure(let duplicate): return (nil, duplicate.row)
        }
    }

    /// One dictionary, rows added in order.
    private static func build(_ ids: [String]) -> (index: IdIndex?, firstDuplicate: Int?) {
        var map = [String: Int32](minimumCapacity: ids.count)
        for row in ids.indices where map.updateValue(Int32(row), forKey: ids[row]) != nil { return (nil, row) }
        return (IdIndex(map), nil)
    }
}

/// Rows of ASCII ids by their bytes: `ByteHash` hashes, open addressing with linear probing.
///
/// A key that is not ASCII can still equal an ASCII id as a String (canonical equivalence: the
/// Kelvin sign U+212A is "K"); it is looked up by its ASCII equivalent (`asciiEquivalent`), if any.
struct AsciiIdTable: Sendable {
    struct Duplicate: Error { var row: Int }

    private let ids: [String]
    private let hashes: [UInt64]
    /// Row + 1 per slot, 0 when empty; a power of two long, at most half full.
    private let slots: [Int32]

    private init(ids: [String], hashes: [UInt64], slots: [Int32]) {
        self.ids = ids; self.hashes = hashes; self.slots = slots
    }

    /// Each id's hash, computed in `parts` ranges side by side; nil when an id is not ASCII.
    static func hashes(_ ids: [String], parts: Int) -> [UInt64]? {
        let ranges = chunkRanges(ids.count, parts: ids.count >= 1 << 14 ? parts : 1)
        let pieces = parallelMap(ranges.count) { r -> [UInt64]? in
            var out: [UInt64] = []
            out.reserveCapacity(ranges[r].count)
            for row in ranges[r] {
                guard let h = hash(ids[row]) else { return nil }
                out.append(h)
            }
            return out
        }
        var all: [UInt64] = []
        all.reserveCapacity(ids.count)
        for piece in pieces {
            guard let piece else { return nil }
            all += piece
        }
        return all
    }

    /// The table of `ids` (all ASCII, `hashes` theirs), or the first row repeating an earlier id.
    static func build(_ ids: [String], hashes: [UInt64]) -> Result<AsciiIdTable, Duplicate> {
        var size = 16
        while size < 2 * ids.count { size *= 2 }
        var slots = [Int32](repeating: 0, count: size)
        let mask = size - 1
        for row in ids.indices {
            let h = hashes[row]
            var i = ByteHash.slot(h, mask)
            while slots[i] != 0 {
                let other = Int(slots[i]) - 1
                if hashes[other] == h && ids[other] == ids[row] { return .failure(Duplicate(row: row)) }
                i = (i + 1) & mask
            }
            slots[i] = Int32(row + 1)
        }
        return .success(AsciiIdTable(ids: ids, hashes: hashes, slots: slots))
    }

    subscript(key: String) -> Int32? {
        if let h = Self.hash(key) { return find(key, h) }
        guard let equivalent = Self.asciiEquivalent(key), let h = Self.hash(equivalent) else { return nil }
        return find(equivalent, h)
    }

    private func find(_ key: String, _ h: UInt64) -> Int32? {
        let mask = slots.count - 1
        var i = ByteHash.slot(h, mask)
        while slots[i] != 0 {
            let row = Int(slots[i]) - 1
            if hashes[row] == h && ids[row] == key { return Int32(row) }
            i = (i + 1) & mask
        }
        return nil
    }

    /// The hash (`ByteHash`) of an ASCII string's bytes; nil when it is not ASCII.
    static func hash(_ s: String) -> UInt64? {
        var h = ByteHash.start
        for b in s.utf8 {
            if b >= 0x80 { return nil }
            h = ByteHash.step(h, b)
        }
        return h
    }

    /// The ASCII string equal to `key` as a String, if there is one. A text is equal to an ASCII
    /// text only when each of its scalars is ASCII or equal, alone, to one ASCII character (a
    /// singleton decomposition such as the Kelvin sign's): such a scalar's twin is found through the
    /// Strings' own hashes of the 128 one-character texts, and the whole is checked as Strings.
    static func asciiEquivalent(_ key: String) -> String? {
        var out = ""
        for scalar in key.unicodeScalars {
            if scalar.isASCII { out.unicodeScalars.append(scalar); continue }
            let alone = String(Character(scalar))
            guard let twin = asciiByHash[alone.hashValue]?.first(where: { String(Character(Unicode.Scalar($0))) == alone })
            else { return nil }
            out.unicodeScalars.append(Unicode.Scalar(twin))
        }
        return out == key ? out : nil
    }

    /// The 128 ASCII characters by the hash of their one-character String (this process's seed).
    private static let asciiByHash: [Int: [UInt8]] = Dictionary(
        grouping: (0..<128).map { UInt8($0) }, by: { String(Character(Unicode.Scalar($0))).hashValue })
}

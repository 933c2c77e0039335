/// Households decoded from one piece of a large GeoJSON file, column by column (what
/// `HouseholdTable` holds), with their groups and villages interned within the piece:
/// `HouseholdTableBuilder.append(_:ids:)` maps those to the table's names. Pieces are decoded
/// side by side, so this is where the per-row work of reading a file happens.
struct HouseholdColumns: Sendable {
    var ids: [String] = []
    var idIsNumber: [Bool] = []
    var lon: [Double] = []
    var lat: [Double] = []
    var members: [Int32] = []
    /// The balance weight of each row (the decoder's; `members` weights are taken from `members`).
    var weight: [Double] = []
    var extra: [String] = []
    var group = InternedNames()
    var village = InternedNames()
    /// Whether every id is one `HouseholdTableBuilder.append` takes (non-empty, not too long);
    /// uniqueness is checked over the whole file.
    var idsAcceptable = true

    init(capacity: Int) {
        ids.reserveCapacity(capacity); idIsNumber.reserveCapacity(capacity)
        lon.reserveCapacity(capacity); lat.reserveCapacity(capacity); members.reserveCapacity(capacity)
        weight.reserveCapacity(capacity); extra.reserveCapacity(capacity)
        group.rows.reserveCapacity(capacity); village.rows.reserveCapacity(capacity)
    }

    var count: Int { ids.count }

    /// Adds one decoded feature whose group and village are still value nodes of `tape`.
    mutating func append(_ f: HouseholdFeature, group groupNode: Int?, village villageNode: Int?, tape: JSONTape) {
        appendFields(f)
        group.append(tape, groupNode)
        village.append(tape, villageNode)
    }

    /// Adds one decoded feature's fields but its group and village (which the caller appends).
    mutating func appendFields(_ f: HouseholdFeature) {
        ids.append(f.id); idIsNumber.append(f.idIsNumber)
        if !HouseholdTableBuilder.acceptable(id: f.id) { idsAcceptable = false }
        lon.append(f.lon); lat.append(f.lat); members.append(f.members)
        weight.append(f.weight); extra.append(f.extra)
    }
}

/// A column of names (groups or villages) as indexes into `names`, in order of first use; -1 for
/// no name (missing, null or empty), as `HouseholdTable` keeps them. Names are interned by their
/// bytes (a string's text unescaped, a number's literal), so two names equal as Strings but not in
/// bytes (canonical equivalence) can get two entries here: `HouseholdTableBuilder.append(_:ids:)`
/// joins such entries as the table's own interning does. A name whose bytes repeat the previous
/// row's is matched on its bytes, without hashing.
struct InternedNames: Sendable {
    var rows: [Int32] = []
    private(set) var names: [String] = []
    /// The names' bytes, entry e being `names[e]`.
    private(set) var table = ByteInterner()
    /// Whether every name is in `ByteInterner.isCanonical` form (then bytes and Strings agree).
    private(set) var canonical = true
    private var scratch: [UInt8] = []
    /// The bytes of the last name interned unescaped, and its index (-1: none).
    private var lastBytes: [UInt8] = []
    private var last: Int32 = -1

    /// The name of row `row`, or nil.
    func name(_ row: Int) -> String? { rows[row] < 0 ? nil : names[Int(rows[row])] }

    mutating func append(_ tape: JSONTape, _ node: Int?) {
        guard let v = node else { rows.append(-1); return }
        let n = tape.nodes[v]
        let raw: Bool
        switch n.kind {
        case .string: raw = !n.flag
        case .number: raw = true
        default: rows.append(-1); return
        }
        if raw {
            tape.bytes.withUnsafeBufferPointer { appendRaw($0, n.start, n.end) }
        } else {
            scratch.removeAll(keepingCapacity: true)
            JSONEscapes.unescape(tape.bytes, n.start, n.end, into: &scratch)
            if scratch.isEmpty { rows.append(-1); return }
            let key = scratch
            rows.append(key.withUnsafeBufferPointer { intern($0) })
            last = -1
        }
    }

    /// Appends "no name".
    mutating func appendNone() { rows.append(-1) }

    /// Appends the name whose bytes are `bytes[start..<end]` as they stand (a string without
    /// escapes, or a number's literal); no name when empty.
    mutating func appendRaw(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) {
        let count = end - start
        if count == 0 { rows.append(-1); return }
        if last >= 0, count == lastBytes.count, sameBytes(bytes, start) {
            rows.append(last)
            return
        }
        let i = intern(UnsafeBufferPointer(rebasing: bytes[start..<end]))
        rows.append(i)
        last = i
        lastBytes.removeAll(keepingCapacity: true)
        lastBytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
    }

    private mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> Int32 {
        let (entry, isNew) = table.intern(key)
        if isNew {
            names.append(String(decoding: key, as: UTF8.self))
            if canonical && !ByteInterner.isCanonical(key) { canonical = false }
        }
        return entry
    }

    /// Whether `bytes` from `start` on begin with `lastBytes`.
    private func sameBytes(_ b: UnsafeBufferPointer<UInt8>, _ start: Int) -> Bool {
        lastBytes.withUnsafeBufferPointer { l in
            var j = 0
            while j < l.count {
                if b[start + j] != l[j] { return false }
                j += 1
            }
            return true
        }
    }
}

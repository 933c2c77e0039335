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
        ids.append(f.id); idIsNumber.append(f.idIsNumber)
        if !HouseholdTableBuilder.acceptable(id: f.id) { idsAcceptable = false }
        lon.append(f.lon); lat.append(f.lat); members.append(f.members)
        weight.append(f.weight); extra.append(f.extra)
        group.append(tape, groupNode)
        village.append(tape, villageNode)
    }
}

/// A column of names (groups or villages) as indexes into `names`, in order of first use; -1 for
/// no name (missing, null or empty), as `HouseholdTable` keeps them. Names are Strings compared as
/// Strings (canonical equivalence), as the table's own interning does; a plain string whose bytes
/// repeat the previous row's is matched on its bytes, without building a String.
struct InternedNames: Sendable {
    var rows: [Int32] = []
    private(set) var names: [String] = []
    private var index: [String: Int32] = [:]
    /// The bytes of the last unescaped string interned, and its index (-1: none).
    private var lastBytes: [UInt8] = []
    private var last: Int32 = -1

    /// The name of row `row`, or nil.
    func name(_ row: Int) -> String? { rows[row] < 0 ? nil : names[Int(rows[row])] }

    mutating func append(_ tape: JSONTape, _ node: Int?) {
        guard let v = node else { rows.append(-1); return }
        let n = tape.nodes[v]
        let plain = n.kind == .string && !n.flag
        if plain, last >= 0, n.end - n.start == lastBytes.count, sameBytes(tape.bytes, n.start) {
            rows.append(last)
            return
        }
        guard let name = HouseholdFeatureDecoder.name(tape, v), !name.isEmpty else { rows.append(-1); return }
        let i: Int32
        if let known = index[name] { i = known } else {
            i = Int32(names.count)
            names.append(name)
            index[name] = i
        }
        rows.append(i)
        if plain {
            last = i
            lastBytes.removeAll(keepingCapacity: true)
            lastBytes.append(contentsOf: tape.bytes[n.start..<n.end])
        } else {
            last = -1
        }
    }

    private func sameBytes(_ bytes: [UInt8], _ start: Int) -> Bool {
        bytes.withUnsafeBufferPointer { b in
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
}

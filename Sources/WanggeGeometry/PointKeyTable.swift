import WanggeModel

/// A hash table from `Point2Key` (a point's exact bits, or any two integers) to a non-negative
/// `Int32`: open addressing with linear probing, a power-of-two capacity kept at most half full,
/// and a multiplicative hash. The coverage noding and the colouring look up a million vertices
/// and grid cells several times each; `Dictionary`'s seeded SipHash made those lookups most of
/// their time. Lookups and inserts only (nothing is removed); the content does not depend on
/// insertion order, so neither does any result built from it.
struct PointKeyTable {
    private var xs: [Int64]
    private var ys: [Int64]
    /// -1 marks an empty slot.
    private var values: [Int32]
    private var shift: UInt64
    private(set) var count = 0

    init(expected: Int = 16) {
        var capacity = 16
        while capacity < 2 * expected { capacity <<= 1 }
        xs = [Int64](repeating: 0, count: capacity)
        ys = xs
        values = [Int32](repeating: -1, count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
    }

    @inline(__always)
    private func slot(_ key: Point2Key) -> Int {
        var h = UInt64(bitPattern: key.x) &* 0x9E37_79B9_7F4A_7C15
        h = (h ^ (h >> 32) ^ UInt64(bitPattern: key.y)) &* 0xC2B2_AE3D_27D4_EB4F
        return Int(truncatingIfNeeded: h >> shift)
    }

    /// The value stored for `key`, or nil.
    func value(for key: Point2Key) -> Int32? {
        let mask = values.count - 1
        var i = slot(key)
        while true {
            let v = values[i]
            if v < 0 { return nil }
            if xs[i] == key.x && ys[i] == key.y { return v }
            i = (i + 1) & mask
        }
    }

    /// Stores `value` (≥ 0) for `key`, replacing what was there.
    mutating func set(_ value: Int32, for key: Point2Key) {
        precondition(value >= 0, "PointKeyTable stores non-negative values")
        if 2 * (count + 1) > values.count { grow() }
        let mask = values.count - 1
        var i = slot(key)
        while values[i] >= 0 {
            if xs[i] == key.x && ys[i] == key.y { values[i] = value; return }
            i = (i + 1) & mask
        }
        xs[i] = key.x; ys[i] = key.y; values[i] = value
        count += 1
    }

    private mutating func grow() {
        let (oldX, oldY, oldV) = (xs, ys, values)
        let capacity = values.count * 2
        xs = [Int64](repeating: 0, count: capacity)
        ys = xs
        values = [Int32](repeating: -1, count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        count = 0
        for i in oldV.indices where oldV[i] >= 0 { set(oldV[i], for: Point2Key(x: oldX[i], y: oldY[i])) }
    }
}

extension MultiPolygon {
    /// Points of all its rings (closing points included): the size hint for a `PointKeyTable` of
    /// an area's vertices.
    var pointCount: Int { polygons.reduce(0) { $0 + $1.rings.reduce(0) { $0 + $1.count } } }
}

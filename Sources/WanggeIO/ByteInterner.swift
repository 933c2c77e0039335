/// Distinct byte strings numbered in order of first use: open addressing (`ByteHash`, linear
/// probing) over one buffer holding their bytes.
///
/// It knows byte equality only. Strings compare by canonical equivalence, so byte-different names
/// can be the same String: callers merge its entries as Strings afterwards, or give it only text in
/// which the two agree (`isCanonical`).
struct ByteInterner: Sendable {
    /// Entry e's bytes: `bytes[starts[e] ..< starts[e + 1]]`.
    private(set) var bytes: [UInt8] = []
    private(set) var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    /// Entry + 1 per slot, 0 when empty; a power of two long, at most half full.
    private var slots = [Int32](repeating: 0, count: 16)

    var count: Int { hashes.count }

    /// The entry of `key`, added when new (`isNew`).
    mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> (entry: Int32, isNew: Bool) {
        let h = Self.hash(key)
        let mask = slots.count - 1
        var i = ByteHash.slot(h, mask)
        while slots[i] != 0 {
            let e = Int(slots[i]) - 1
            if hashes[e] == h && equals(e, key) { return (Int32(e), false) }
            i = (i + 1) & mask
        }
        let e = Int32(count)
        bytes.append(contentsOf: key)
        starts.append(bytes.count)
        hashes.append(h)
        slots[i] = e + 1
        if 2 * count > slots.count { grow() }
        return (e, true)
    }

    private func equals(_ e: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let s = starts[e]
        guard starts[e + 1] - s == key.count else { return false }
        return bytes.withUnsafeBufferPointer { b in
            var j = 0
            while j < key.count {
                if b[s + j] != key[j] { return false }
                j += 1
            }
            return true
        }
    }

    private mutating func grow() {
        var wider = [Int32](repeating: 0, count: 2 * slots.count)
        let mask = wider.count - 1
        for (e, h) in hashes.enumerated() {
            var i = ByteHash.slot(h, mask)
            while wider[i] != 0 { i = (i + 1) & mask }
            wider[i] = Int32(e + 1)
        }
        slots = wider
    }

    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h = ByteHash.start
        for b in key { h = ByteHash.step(h, b) }
        return h
    }

    /// Whether two texts made only of such bytes are equal as Strings exactly when their bytes are:
    /// ASCII and the CJK unified ideographs of the Basic Multilingual Plane (U+3400–U+4DBF,
    /// U+4E00–U+9FFF), which are in normalization form C, never decompose and never compose with a
    /// neighbour, so a text of them is its own canonical form. `utf8` must be valid UTF-8.
    static func isCanonical<C: Collection>(_ utf8: C) -> Bool where C.Element == UInt8 {
        var it = utf8.makeIterator()
        while let b0 = it.next() {
            if b0 < 0x80 { continue }
            guard b0 & 0xF0 == 0xE0, let b1 = it.next(), let b2 = it.next() else { return false }
            let scalar = UInt32(b0 & 0x0F) << 12 | UInt32(b1 & 0x3F) << 6 | UInt32(b2 & 0x3F)
            guard (0x3400...0x4DBF).contains(scalar) || (0x4E00...0x9FFF).contains(scalar) else { return false }
        }
        return true
    }
}

/// FNV-1a from a start drawn at random once per process, so that a file cannot be made of keys that
/// all collide (as Swift's own hashing is seeded); tables built with it give the same answers
/// whatever the start, only their probe lengths change.
enum ByteHash {
    static let start: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64.random(in: 0...UInt64.max)

    @inline(__always)
    static func step(_ h: UInt64, _ byte: UInt8) -> UInt64 { (h ^ UInt64(byte)) &* 0x100_0000_01b3 }

    /// The first slot to probe for hash `h` in a table of `mask + 1` slots (a power of two).
    @inline(__always)
    static func slot(_ h: UInt64, _ mask: Int) -> Int { Int(truncatingIfNeeded: h ^ (h >> 32)) & mask }
}

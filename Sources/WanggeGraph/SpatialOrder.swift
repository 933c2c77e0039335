// Orders that keep nearby things near in memory: a Hilbert curve key, and stable LSD radix sorts.

import WanggeModel

/// The position of cell (x, y) along the Hilbert curve filling a 2^16 × 2^16 grid.
@inline(__always)
func hilbertKey(_ x: UInt32, _ y: UInt32) -> UInt32 {
    var x = x, y = y
    var d: UInt32 = 0
    var s: UInt32 = 1 << 15
    while s > 0 {
        let rx: UInt32 = (x & s) != 0 ? 1 : 0
        let ry: UInt32 = (y & s) != 0 ? 1 : 0
        d &+= s &* s &* ((3 &* rx) ^ ry)
        if ry == 0 {
            if rx == 1 { x = 0xFFFF &- x; y = 0xFFFF &- y }
            swap(&x, &y)
        }
        s >>= 1
    }
    return d
}

/// A 2^16 × 2^16 grid over a box, mapping positions to cells.
struct HilbertGrid {
    let minX: Double, minY: Double, cellW: Double, cellH: Double

    /// Cells are at least `minCell` wide and high.
    init(xs: [Double], ys: [Double], minCell: Double = 0) {
        var x0 = Double.infinity, y0 = Double.infinity, x1 = -Double.infinity, y1 = -Double.infinity
        for i in 0..<xs.count {
            x0 = min(x0, xs[i]); x1 = max(x1, xs[i]); y0 = min(y0, ys[i]); y1 = max(y1, ys[i])
        }
        if xs.isEmpty { x0 = 0; x1 = 1; y0 = 0; y1 = 1 }
        minX = x0; minY = y0
        cellW = max(max(x1 - x0, 1e-9) / 65536, minCell); cellH = max(max(y1 - y0, 1e-9) / 65536, minCell)
    }

    @inline(__always) func cellX(_ x: Double) -> Int { min(65535, max(0, Int(((x - minX) / cellW).rounded(.down)))) }
    @inline(__always) func cellY(_ y: Double) -> Int { min(65535, max(0, Int(((y - minY) / cellH).rounded(.down)))) }
    @inline(__always) func key(_ x: Double, _ y: Double) -> UInt32 {
        hilbertKey(UInt32(cellX(x)), UInt32(cellY(y)))
    }
}

/// Indices 0..<keys.count in increasing key order, equal keys in index order (stable LSD radix sort,
/// 16-bit digits; digits equal for all keys are skipped).
///
/// Keys move with their indexes, so every pass reads both sequentially; from `parallelFrom` items on,
/// each pass counts and scatters its ranges on all cores (range r writes after ranges 0..<r in every
/// bucket), which gives the same order as one pass.
func radixOrder<K: FixedWidthInteger & UnsignedInteger>(_ keys: [K], parallelFrom: Int = 1 << 16) -> [Int32] {
    let n = keys.count
    var order = (0..<Int32(n)).map { $0 }
    guard n > 1 else { return order }
    var key = keys
    var keyScratch = [K](repeating: 0, count: n)
    var scratch = [Int32](repeating: 0, count: n)
    let ranges = chunkRanges(n, parts: n >= parallelFrom ? max(Parallelism.workers, 1) : 1)
    var shift = 0
    while shift < K.bitWidth {
        let digitShift = shift
        // counts[r][b]: keys of range r in bucket b.
        var counts = key.withUnsafeBufferPointer { k in
            nonisolated(unsafe) let k = k
            return parallelMap(ranges.count) { r -> [Int] in
                var c = [Int](repeating: 0, count: 65536)
                c.withUnsafeMutableBufferPointer { c in
                    for i in ranges[r] { c[Int(truncatingIfNeeded: (k[i] >> digitShift) & 0xFFFF)] += 1 }
                }
                return c
            }
        }
        // One bucket holds everything: this digit orders nothing.
        if (0..<65536).contains(where: { b in counts.reduce(0) { $0 + $1[b] } == n }) { shift += 16; continue }
        // Start of range r's part of bucket b.
        var next = 0
        for b in 0..<65536 {
            for r in counts.indices {
                let c = counts[r][b]
                counts[r][b] = next
                next += c
            }
        }
        let starts = counts
        key.withUnsafeBufferPointer { k in
            order.withUnsafeBufferPointer { src in
                keyScratch.withUnsafeMutableBufferPointer { kd in
                    scratch.withUnsafeMutableBufferPointer { dst in
                        nonisolated(unsafe) let (k, src, kd, dst) = (k, src, kd, dst)
                        _ = parallelMap(ranges.count) { r in
                            var at = starts[r]
                            at.withUnsafeMutableBufferPointer { at in
                                for j in ranges[r] {
                                    let v = k[j]
                                    let b = Int(truncatingIfNeeded: (v >> digitShift) & 0xFFFF)
                                    let p = at[b]
                                    kd[p] = v
                                    dst[p] = src[j]
                                    at[b] = p + 1
                                }
                            }
                        }
                    }
                }
            }
        }
        swap(&order, &scratch)
        swap(&key, &keyScratch)
        shift += 16
    }
    return order
}

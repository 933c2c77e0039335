// Which Delaunay edges become neighbour edges: barrier removal, then long-edge trimming that never
// disconnects what the barriers left connected. Everything works on the Delaunay graph in CSR form
// (sites are in Hilbert order, so rows of nearby sites are near in memory).
import WanggeModel

/// A symmetric graph in CSR form with edge lengths and, for each entry s→t, the index of entry t→s.
struct SiteCSR {
    var offsets: [Int32]
    var neighbours: [Int32]
    var lengths: [Double]
    var reverse: [Int32]

    var vertexCount: Int { offsets.count - 1 }

    /// The Delaunay graph of a triangulation (without triangles: the path along `hull`).
    /// `parallelFrom`: half-edges from which they are listed in ranges side by side.
    init(_ d: Delaunay, x: [Double], y: [Double], parallelFrom: Int = 1 << 16) {
        let n = x.count
        var offsets = [Int32](repeating: 0, count: n + 1)
        var nb: [Int32]
        if d.triangles.isEmpty {
            let h = d.hull
            for k in 1..<max(h.count, 1) where k < h.count { offsets[Int(h[k - 1]) + 1] += 1; offsets[Int(h[k]) + 1] += 1 }
            for s in 0..<n { offsets[s + 1] += offsets[s] }
            var fill = Array(offsets.dropLast())
            nb = [Int32](repeating: 0, count: Int(offsets[n]))
            for k in 1..<max(h.count, 1) where k < h.count {
                let a = Int(h[k - 1]), b = Int(h[k])
                nb[Int(fill[a])] = Int32(b); fill[a] += 1
                nb[Int(fill[b])] = Int32(a); fill[b] += 1
            }
        } else {
            // Every half-edge gives its start → end entry; hull half-edges also the reverse entry.
            // Half-edges in ranges side by side: each range counts its entries per site, then writes
            // them after the earlier ranges' entries of that site. The rows are sorted below, so the
            // result is the one-range one whatever the ranges.
            let count = d.triangles.count
            let ranges = chunkRanges(count, parts: count >= parallelFrom ? Parallelism.workers : 1)
            let counts = parallelMap(ranges.count) { r -> [Int32] in
                var c = [Int32](repeating: 0, count: n)
                d.triangles.withUnsafeBufferPointer { tri in
                    d.halfedges.withUnsafeBufferPointer { he in
                        for e in ranges[r] {
                            c[Int(tri[e])] += 1
                            if he[e] == -1 { c[Int(tri[Delaunay.next(e)])] += 1 }
                        }
                    }
                }
                return c
            }
            // Where each range starts writing in each row (range r's row s at r · n + s).
            var starts = [Int32](repeating: 0, count: ranges.count * n)
            for s in 0..<n {
                var at = offsets[s]
                for r in ranges.indices { starts[r * n + s] = at; at += counts[r][s] }
                offsets[s + 1] = at
            }
            nb = [Int32](repeating: 0, count: Int(offsets[n]))
            let fills = starts
            nb.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let nb = buffer
                _ = parallelMap(ranges.count) { r in
                    var fill = Array(fills[(r * n)..<((r + 1) * n)])
                    d.triangles.withUnsafeBufferPointer { tri in
                        d.halfedges.withUnsafeBufferPointer { he in
                            for e in ranges[r] {
                                let a = Int(tri[e]), b = Int(tri[Delaunay.next(e)])
                                nb[Int(fill[a])] = Int32(b); fill[a] += 1
                                if he[e] == -1 { nb[Int(fill[b])] = Int32(a); fill[b] += 1 }
                            }
                        }
                    }
                }
            }
        }
        // Rows are sorted, then measured, on all cores (each row writes only its own entries).
        let rowOffsets = offsets
        nb.withUnsafeMutableBufferPointer { buf in
            nonisolated(unsafe) let rows = buf
            forEachChunk(n) { range in
                for s in range { sortRun(rows, Int(rowOffsets[s]), Int(rowOffsets[s + 1])) }
            }
        }
        var lengths = [Double](repeating: 0, count: nb.count)
        var reverse = [Int32](repeating: 0, count: nb.count)
        let sorted = nb
        lengths.withUnsafeMutableBufferPointer { lengthBuffer in
            reverse.withUnsafeMutableBufferPointer { reverseBuffer in
                nonisolated(unsafe) let (lengths, reverse) = (lengthBuffer, reverseBuffer)
                forEachChunk(n) { range in
                    for s in range {
                        for k in Int(rowOffsets[s])..<Int(rowOffsets[s + 1]) {
                            let t = Int(sorted[k])
                            let dx = x[s] - x[t], dy = y[s] - y[t]
                            lengths[k] = (dx * dx + dy * dy).squareRoot()
                            // Entry t→s by binary search in row t.
                            var lo = Int(rowOffsets[t]), hi = Int(rowOffsets[t + 1])
                            while lo < hi {
                                let mid = (lo + hi) / 2
                                if Int(sorted[mid]) < s { lo = mid + 1 } else { hi = mid }
                            }
                            reverse[k] = Int32(lo)
                        }
                    }
                }
            }
        }
        self.offsets = offsets; self.neighbours = nb; self.lengths = lengths; self.reverse = reverse
    }

    init(offsets: [Int32], neighbours: [Int32], lengths: [Double], reverse: [Int32]) {
        self.offsets = offsets; self.neighbours = neighbours; self.lengths = lengths; self.reverse = reverse
    }

    /// The entries not flagged in `drop` (flags must be symmetric).
    func filtered(dropping drop: [Bool]) -> (offsets: [Int32], neighbours: [Int32], lengths: [Double]) {
        let n = vertexCount
        var offsets = [Int32](repeating: 0, count: n + 1)
        // Kept entries per row (on all cores), their prefix sums, then each row copied to its place.
        let from = self.offsets
        offsets.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let counts = buffer
            forEachChunk(n) { range in
                for s in range {
                    var c: Int32 = 0
                    for k in Int(from[s])..<Int(from[s + 1]) where !drop[k] { c += 1 }
                    counts[s + 1] = c
                }
            }
        }
        for s in 0..<n { offsets[s + 1] += offsets[s] }
        let total = Int(offsets[n])
        var nb = [Int32](repeating: 0, count: total), len = [Double](repeating: 0, count: total)
        let (to, neighbours, lengths) = (offsets, self.neighbours, self.lengths)
        nb.withUnsafeMutableBufferPointer { nbBuffer in
            len.withUnsafeMutableBufferPointer { lenBuffer in
                nonisolated(unsafe) let (nb, len) = (nbBuffer, lenBuffer)
                forEachChunk(n) { range in
                    for s in range {
                        var j = Int(to[s])
                        for k in Int(from[s])..<Int(from[s + 1]) where !drop[k] {
                            nb[j] = neighbours[k]; len[j] = lengths[k]; j += 1
                        }
                    }
                }
            }
        }
        return (offsets, nb, len)
    }
}

/// Sorts `a[lo..<hi]`: insertion sort for the short runs of one site's neighbours, the standard
/// library's sort beyond 32.
@inline(__always)
func sortRun<T: Comparable>(_ a: UnsafeMutableBufferPointer<T>, _ lo: Int, _ hi: Int) {
    if hi - lo > 32 { a[lo..<hi].sort(); return }
    var i = lo + 1
    while i < hi {
        let key = a[i]
        var j = i - 1
        while j >= lo && a[j] > key { a[j + 1] = a[j]; j -= 1 }
        a[j + 1] = key
        i += 1
    }
}

/// Per vertex, the median length of its entries that `include` accepts (the element at index ⌊d/2⌋
/// of their sorted lengths, d = their number); `fallback[s]` (or 0) when none is accepted.
func medianLengths(_ g: SiteCSR, include: @Sendable (Int) -> Bool, fallback: [Double]? = nil) -> [Double] {
    var median = fallback ?? [Double](repeating: 0, count: g.vertexCount)
    median.withUnsafeMutableBufferPointer { buffer in
        nonisolated(unsafe) let median = buffer
        forEachChunk(g.vertexCount) { range in
            var scratch = [Double](repeating: 0, count: 64)
            for s in range {
                let lo = Int(g.offsets[s]), hi = Int(g.offsets[s + 1])
                if hi - lo > scratch.count { scratch = [Double](repeating: 0, count: hi - lo) }
                var d = 0
                for k in lo..<hi where include(k) { scratch[d] = g.lengths[k]; d += 1 }
                if d == 0 { continue }
                scratch.withUnsafeMutableBufferPointer { sortRun($0, 0, d) }
                median[s] = scratch[d / 2]
            }
        }
    }
    return median
}

/// Per entry, whether the edge crosses a barrier (symmetric).
func barrierFlags(_ index: BarrierIndex, x: [Double], y: [Double], graph g: SiteCSR) -> [Bool] {
    var crossing = [Bool](repeating: false, count: g.neighbours.count)
    guard index.segmentCount > 0 else { return crossing }
    // On all cores: each edge is tested once, by the range holding its lower site, which alone
    // writes its two entries.
    crossing.withUnsafeMutableBufferPointer { buffer in
        nonisolated(unsafe) let crossing = buffer
        forEachChunk(g.vertexCount) { range in
            var stamp = [Int32](repeating: -1, count: index.segmentCount)
            var query: Int32 = 0
            for s in range {
                for k in Int(g.offsets[s])..<Int(g.offsets[s + 1]) {
                    let t = Int(g.neighbours[k])
                    guard s < t else { continue }
                    query &+= 1
                    if index.crosses(x[s], y[s], x[t], y[t], stamp: &stamp, query: query) {
                        crossing[k] = true; crossing[Int(g.reverse[k])] = true
                    }
                }
            }
        }
    }
    return crossing
}

/// Trimming, in two steps.
/// 1. First scale: m₁(s) = median length of all Delaunay edges at s. Edge (a, b) "looks long from a"
///    when L > factor × m₁(a).
/// 2. Local scale: m(s) = median length of the edges at s that do not look long from their other end
///    (m₁(s) if none remain). This keeps the long edges across a gap out of the scale of the sites
///    facing the gap (whose edges are mostly those long ones), while a lone farm, whose every edge looks
///    long from the village, keeps its own scale.
/// An edge not removed by a barrier is trimmed when L > floor and L > factor × m(a) and
/// L > factor × m(b). Trimmed edges are then restored shortest first (ties by site pair), Kruskal style,
/// whenever they join two components of the graph of kept edges, so trimming never splits a component
/// of the barrier-filtered triangulation. Returns per-entry trimmed flags (symmetric) and the number of
/// edges restored.
/// Entries flagged in `alsoTrim` (cells meeting outside the region) are trimmed whatever their
/// length, and restored by the same rule.
func trimFlags(_ g: SiteCSR, removed: [Bool], factor: Double, floor: Double,
               alsoTrim: [Bool]? = nil) -> (trimmed: [Bool], restored: Int) {
    let m1 = medianLengths(g, include: { _ in true })
    let m = medianLengths(g, include: { k in !(g.lengths[k] > factor * m1[Int(g.neighbours[k])]) }, fallback: m1)
    var trimmed = [Bool](repeating: false, count: g.neighbours.count)
    // Which edges are trim candidates, on all cores (each edge decided by the range holding its
    // lower site); then, in entry order, the kept edges are joined and the candidates listed.
    trimmed.withUnsafeMutableBufferPointer { buffer in
        nonisolated(unsafe) let trimmed = buffer
        forEachChunk(g.vertexCount) { range in
            for s in range {
                for k in Int(g.offsets[s])..<Int(g.offsets[s + 1]) {
                    let t = Int(g.neighbours[k])
                    guard s < t, !removed[k] else { continue }
                    let len = g.lengths[k]
                    if (len > floor && len > factor * m[s] && len > factor * m[t]) || alsoTrim?[k] == true {
                        trimmed[k] = true; trimmed[Int(g.reverse[k])] = true
                    }
                }
            }
        }
    }
    var sets = UnionFind(count: g.vertexCount)
    var candidates: [Int32] = []
    for s in 0..<g.vertexCount {
        for k in Int(g.offsets[s])..<Int(g.offsets[s + 1]) {
            let t = Int(g.neighbours[k])
            guard s < t, !removed[k] else { continue }
            if trimmed[k] { candidates.append(Int32(k)) } else { sets.union(s, t) }
        }
    }
    // Entries are in (s, t) order already, so a stable sort by length gives (length, s, t) order.
    var byLength = candidates.map { (g.lengths[Int($0)], $0) }
    byLength.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
    var restored = 0
    for (_, c) in byLength {
        let k = Int(c)
        let t = Int(g.neighbours[k]), s = Int(g.neighbours[Int(g.reverse[k])])
        if sets.union(s, t) { trimmed[k] = false; trimmed[Int(g.reverse[k])] = false; restored += 1 }
    }
    return (trimmed, restored)
}

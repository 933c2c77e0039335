// Which Delaunay edges become neighbour edges: barrier removal, then long-edge trimming that never
// disconnects what the barriers left connected.

/// The undirected edges of a triangulation (each once, smaller site first), in half-edge order.
/// Without triangles (collinear or < 3 sites) the path along `hull` (the lexicographic order).
func delaunayEdges(_ d: Delaunay) -> (u: [Int32], v: [Int32]) {
    var u: [Int32] = [], v: [Int32] = []
    if d.triangles.isEmpty {
        for k in 1..<max(d.hull.count, 1) where k < d.hull.count {
            let a = d.hull[k - 1], b = d.hull[k]
            u.append(min(a, b)); v.append(max(a, b))
        }
        return (u, v)
    }
    let count = d.triangles.count
    u.reserveCapacity(count / 2 + d.hull.count); v.reserveCapacity(count / 2 + d.hull.count)
    d.triangles.withUnsafeBufferPointer { tri in
        d.halfedges.withUnsafeBufferPointer { he in
            for e in 0..<count {
                let twin = Int(he[e])
                if twin == -1 || e < twin {
                    let a = tri[e], b = tri[Delaunay.next(e)]
                    u.append(min(a, b)); v.append(max(a, b))
                }
            }
        }
    }
    return (u, v)
}

/// Per site, the median length of its incident edges (the element at index ⌊d/2⌋ of the sorted
/// lengths, d = their number), leaving out edge k from u[k]'s list when `skipAtU[k]` and from v[k]'s
/// when `skipAtV[k]` (nil: skip none). `fallback[s]` (or 0) for sites left without edges.
func medianIncidentLength(siteCount: Int, u: [Int32], v: [Int32], length: [Double],
                          skipAtU: [Bool]? = nil, skipAtV: [Bool]? = nil, fallback: [Double]? = nil) -> [Double] {
    var offsets = [Int32](repeating: 0, count: siteCount + 1)
    for k in 0..<u.count {
        if skipAtU?[k] != true { offsets[Int(u[k]) + 1] += 1 }
        if skipAtV?[k] != true { offsets[Int(v[k]) + 1] += 1 }
    }
    for s in 0..<siteCount { offsets[s + 1] += offsets[s] }
    var fill = Array(offsets.dropLast())
    var lens = [Double](repeating: 0, count: Int(offsets[siteCount]))
    for k in 0..<u.count {
        let a = Int(u[k]), b = Int(v[k])
        if skipAtU?[k] != true { lens[Int(fill[a])] = length[k]; fill[a] += 1 }
        if skipAtV?[k] != true { lens[Int(fill[b])] = length[k]; fill[b] += 1 }
    }
    var median = fallback ?? [Double](repeating: 0, count: siteCount)
    lens.withUnsafeMutableBufferPointer { buf in
        for s in 0..<siteCount {
            let lo = Int(offsets[s]), hi = Int(offsets[s + 1])
            if hi == lo { continue }
            insertionSort(buf, lo, hi)
            median[s] = buf[lo + (hi - lo) / 2]
        }
    }
    return median
}

@inline(__always)
func insertionSort(_ a: UnsafeMutableBufferPointer<Double>, _ lo: Int, _ hi: Int) {
    if hi - lo > 32 {
        var slice = Array(a[lo..<hi]); slice.sort()
        for k in 0..<slice.count { a[lo + k] = slice[k] }
        return
    }
    var i = lo + 1
    while i < hi {
        let key = a[i]
        var j = i - 1
        while j >= lo && a[j] > key { a[j + 1] = a[j]; j -= 1 }
        a[j + 1] = key
        i += 1
    }
}

/// Marks the edges that cross a barrier.
func barrierCrossings(_ index: BarrierIndex, x: [Double], y: [Double], u: [Int32], v: [Int32]) -> [Bool] {
    var crossing = [Bool](repeating: false, count: u.count)
    guard index.segmentCount > 0 else { return crossing }
    var stamp = [Int32](repeating: -1, count: index.segmentCount)
    for k in 0..<u.count {
        let a = Int(u[k]), b = Int(v[k])
        crossing[k] = index.crosses(x[a], y[a], x[b], y[b], stamp: &stamp, query: Int32(truncatingIfNeeded: k))
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
/// of the barrier-filtered triangulation. Returns the final trimmed flags and the number restored.
func trimLongEdges(siteCount: Int, u: [Int32], v: [Int32], length: [Double], removed: [Bool],
                   factor: Double, floor: Double) -> (trimmed: [Bool], restored: Int) {
    let m1 = medianIncidentLength(siteCount: siteCount, u: u, v: v, length: length)
    var longFromU = [Bool](repeating: false, count: u.count), longFromV = longFromU
    for k in 0..<u.count {
        longFromU[k] = length[k] > factor * m1[Int(u[k])]
        longFromV[k] = length[k] > factor * m1[Int(v[k])]
    }
    // At u, skip edges that look long from v, and vice versa.
    let m = medianIncidentLength(siteCount: siteCount, u: u, v: v, length: length,
                                 skipAtU: longFromV, skipAtV: longFromU, fallback: m1)
    var trimmed = [Bool](repeating: false, count: u.count)
    for k in 0..<u.count where !removed[k] {
        let len = length[k]
        trimmed[k] = len > floor && len > factor * m[Int(u[k])] && len > factor * m[Int(v[k])]
    }
    var candidates: [Int32] = []
    var sets = UnionFind(count: siteCount)
    for k in 0..<u.count where !removed[k] {
        if trimmed[k] { candidates.append(Int32(k)) } else { sets.union(Int(u[k]), Int(v[k])) }
    }
    candidates.sort { p, q in
        let (i, j) = (Int(p), Int(q))
        if length[i] != length[j] { return length[i] < length[j] }
        if u[i] != u[j] { return u[i] < u[j] }
        return v[i] < v[j]
    }
    var restored = 0
    for c in candidates {
        let k = Int(c)
        if sets.union(Int(u[k]), Int(v[k])) { trimmed[k] = false; restored += 1 }
    }
    return (trimmed, restored)
}

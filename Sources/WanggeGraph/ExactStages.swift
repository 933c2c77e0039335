// Allocation-free exact predicate stages for the common degenerate case where the coordinate
// differences are exact (integer or grid-like coordinates): the determinant is then evaluated exactly
// from the differences with fixed-size expansions on the stack (Shewchuk's Two-Two-Diff, Scale-Expansion
// and Fast-Expansion-Sum, with zero elimination). Otherwise the general expansion code in Expansion.swift
// is used.

@inline(__always)
private func fastTwoSum(_ a: Double, _ b: Double) -> (Double, Double) {
    let x = a + b
    return (x, b - (x - a))
}

@inline(__always)
private func twoDiffTail(_ a: Double, _ b: Double) -> Double {
    let x = a - b
    let bv = a - x
    let av = x + bv
    return (a - av) + (bv - b)
}

/// (a1 + a0) - (b1 + b0) as four non-overlapping components, smallest first.
@inline(__always)
private func twoTwoDiff(_ a1: Double, _ a0: Double, _ b1: Double, _ b0: Double) -> (Double, Double, Double, Double) {
    // Two-One-Diff(a1, a0, b0) → (j, r0, x0)
    let (i, x0) = twoSum(a0, -b0)
    let (j, r0) = twoSum(a1, i)
    // Two-One-Diff(j, r0, b1) → (x3, x2, x1)
    let (k, x1) = twoSum(r0, -b1)
    let (x3, x2) = twoSum(j, k)
    return (x0, x1, x2, x3)
}

/// h = e × b; returns h's length.
private func scaleExpansion(_ e: UnsafeMutablePointer<Double>, _ elen: Int, _ b: Double,
                            _ h: UnsafeMutablePointer<Double>) -> Int {
    var (q, hh) = twoProduct(e[0], b)
    var n = 0
    if hh != 0 { h[n] = hh; n += 1 }
    for i in 1..<max(elen, 1) where i < elen {
        let (p1, p0) = twoProduct(e[i], b)
        let (sum, t) = twoSum(q, p0)
        if t != 0 { h[n] = t; n += 1 }
        let (nq, t2) = fastTwoSum(p1, sum)
        q = nq
        if t2 != 0 { h[n] = t2; n += 1 }
    }
    if q != 0 || n == 0 { h[n] = q; n += 1 }
    return n
}

/// h = e + f; returns h's length.
private func sumExpansion(_ e: UnsafeMutablePointer<Double>, _ elen: Int, _ f: UnsafeMutablePointer<Double>,
                          _ flen: Int, _ h: UnsafeMutablePointer<Double>) -> Int {
    var ei = 0, fi = 0
    var enow = e[0], fnow = f[0]
    var q: Double
    if (fnow > enow) == (fnow > -enow) { q = enow; ei += 1; enow = ei < elen ? e[ei] : 0 }
    else { q = fnow; fi += 1; fnow = fi < flen ? f[fi] : 0 }
    var n = 0
    if ei < elen && fi < flen {
        var t: Double
        if (fnow > enow) == (fnow > -enow) { (q, t) = fastTwoSum(enow, q); ei += 1; enow = ei < elen ? e[ei] : 0 }
        else { (q, t) = fastTwoSum(fnow, q); fi += 1; fnow = fi < flen ? f[fi] : 0 }
        if t != 0 { h[n] = t; n += 1 }
        while ei < elen && fi < flen {
            if (fnow > enow) == (fnow > -enow) { (q, t) = twoSum(q, enow); ei += 1; enow = ei < elen ? e[ei] : 0 }
            else { (q, t) = twoSum(q, fnow); fi += 1; fnow = fi < flen ? f[fi] : 0 }
            if t != 0 { h[n] = t; n += 1 }
        }
    }
    while ei < elen {
        let t: Double
        (q, t) = twoSum(q, enow); ei += 1; enow = ei < elen ? e[ei] : 0
        if t != 0 { h[n] = t; n += 1 }
    }
    while fi < flen {
        let t: Double
        (q, t) = twoSum(q, fnow); fi += 1; fnow = fi < flen ? f[fi] : 0
        if t != 0 { h[n] = t; n += 1 }
    }
    if q != 0 || n == 0 { h[n] = q; n += 1 }
    return n
}

/// Exact sign of orient2d when a-c and b-c are exact; nil otherwise.
@inline(__always)
func orient2dExactDifferencesSign(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double,
                                  _ cx: Double, _ cy: Double) -> Int? {
    guard twoDiffTail(ax, cx) == 0, twoDiffTail(by, cy) == 0, twoDiffTail(ay, cy) == 0, twoDiffTail(bx, cx) == 0
    else { return nil }
    let (l1, l0) = twoProduct(ax - cx, by - cy)
    let (r1, r0) = twoProduct(ay - cy, bx - cx)
    let (x0, x1, x2, x3) = twoTwoDiff(l1, l0, r1, r0)
    let top = x3 != 0 ? x3 : x2 != 0 ? x2 : x1 != 0 ? x1 : x0
    return top > 0 ? 1 : top < 0 ? -1 : 0
}

/// Exact sign of incircle when the six differences to d are exact; nil otherwise.
func incircleExactDifferencesSign(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double,
                                  _ cx: Double, _ cy: Double, _ dx: Double, _ dy: Double) -> Int? {
    guard twoDiffTail(ax, dx) == 0, twoDiffTail(ay, dy) == 0, twoDiffTail(bx, dx) == 0,
          twoDiffTail(by, dy) == 0, twoDiffTail(cx, dx) == 0, twoDiffTail(cy, dy) == 0 else { return nil }
    let adx = ax - dx, ady = ay - dy, bdx = bx - dx, bdy = by - dy, cdx = cx - dx, cdy = cy - dy
    return withUnsafeTemporaryAllocation(of: Double.self, capacity: 320) { buffer -> Int in
        let base = buffer.baseAddress!
        let cross = base, t8 = base + 4, t16a = base + 12, t16b = base + 28
        let det0 = base + 44, det1 = base + 76, det2 = base + 108  // 32 each
        let ab = base + 140, fin = base + 204                       // 64, then up to 96
        /// (p·q − r·s) × (lx² + ly²) into `out`; returns its length.
        func lifted(_ p: Double, _ q: Double, _ r: Double, _ s: Double, _ lx: Double, _ ly: Double,
                    _ out: UnsafeMutablePointer<Double>) -> Int {
            let (l1, l0) = twoProduct(p, q)
            let (r1, r0) = twoProduct(r, s)
            let c = twoTwoDiff(l1, l0, r1, r0)
            cross[0] = c.0; cross[1] = c.1; cross[2] = c.2; cross[3] = c.3
            var n = scaleExpansion(cross, 4, lx, t8)
            let xx = scaleExpansion(t8, n, lx, t16a)
            n = scaleExpansion(cross, 4, ly, t8)
            let yy = scaleExpansion(t8, n, ly, t16b)
            return sumExpansion(t16a, xx, t16b, yy, out)
        }
        let n0 = lifted(bdx, cdy, cdx, bdy, adx, ady, det0)
        let n1 = lifted(cdx, ady, adx, cdy, bdx, bdy, det1)
        let n2 = lifted(adx, bdy, bdx, ady, cdx, cdy, det2)
        let abLen = sumExpansion(det0, n0, det1, n1, ab)
        let finLen = sumExpansion(ab, abLen, det2, n2, fin)
        let top = fin[finLen - 1]
        return top > 0 ? 1 : top < 0 ? -1 : 0
    }
}

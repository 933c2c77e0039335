import WanggeModel
// The sweep-hull Delaunay builder behind `Delaunay`. Works on raw buffers: this is the hot loop of the
// graph stage (10^6 points in about a second).

final class SweepHull {
    let n: Int
    let px: UnsafeMutablePointer<Double>
    let py: UnsafeMutablePointer<Double>
    let triangles: UnsafeMutablePointer<Int32>
    let halfedges: UnsafeMutablePointer<Int32>
    let capacity: Int
    var trianglesLen = 0
    let hullPrev: UnsafeMutablePointer<Int32>
    let hullNext: UnsafeMutablePointer<Int32>
    let hullTri: UnsafeMutablePointer<Int32>
    let hullHash: UnsafeMutablePointer<Int32>
    let hashSize: Int
    var hullStart = 0
    var cx = 0.0, cy = 0.0
    var sweeping = true
    var stack: UnsafeMutablePointer<Int32>
    var stackCapacity = 1024
    var lateInsertions = 0
    let seeds: (Int, Int, Int)

    /// Nil when all points are collinear (no triangle exists).
    init?(x: [Double], y: [Double]) {
        n = x.count
        // Seed: the point nearest the bounding-box centre, its nearest neighbour, and the point making
        // the smallest circumcircle with them.
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for i in 0..<n {
            minX = min(minX, x[i]); maxX = max(maxX, x[i]); minY = min(minY, y[i]); maxY = max(maxY, y[i])
        }
        let mx = (minX + maxX) / 2, my = (minY + maxY) / 2
        var i0 = 0, best = Double.infinity
        for i in 0..<n {
            let d = (x[i] - mx) * (x[i] - mx) + (y[i] - my) * (y[i] - my)
            if d < best { best = d; i0 = i }
        }
        var i1 = -1
        best = .infinity
        for i in 0..<n where i != i0 {
            let d = (x[i] - x[i0]) * (x[i] - x[i0]) + (y[i] - y[i0]) * (y[i] - y[i0])
            if d > 0 && (i1 < 0 || d < best) { best = d; i1 = i }
        }
        guard i1 >= 0 else { return nil }
        var i2 = -1
        best = .infinity
        for i in 0..<n where i != i0 && i != i1 {
            if orient2d(x[i0], y[i0], x[i1], y[i1], x[i], y[i]) == 0 { continue }
            let r = SweepHull.circumradius2(x[i0], y[i0], x[i1], y[i1], x[i], y[i])
            if i2 < 0 || r < best { best = r; i2 = i }
        }
        guard i2 >= 0 else { return nil }
        if orient2d(x[i0], y[i0], x[i1], y[i1], x[i2], y[i2]) < 0 { swap(&i1, &i2) }
        seeds = (i0, i1, i2)

        let bx = UnsafeMutablePointer<Double>.allocate(capacity: n)
        let by = UnsafeMutablePointer<Double>.allocate(capacity: n)
        let count = x.count
        x.withUnsafeBufferPointer { bx.initialize(from: $0.baseAddress!, count: count) }
        y.withUnsafeBufferPointer { by.initialize(from: $0.baseAddress!, count: count) }
        px = bx; py = by
        capacity = max(3 * (2 * n - 5), 3)
        triangles = .allocate(capacity: capacity)
        halfedges = .allocate(capacity: capacity)
        hullPrev = .allocate(capacity: n); hullNext = .allocate(capacity: n); hullTri = .allocate(capacity: n)
        hashSize = max(1, Int(Double(n).squareRoot().rounded(.up)))
        hullHash = .allocate(capacity: hashSize)
        hullHash.initialize(repeating: -1, count: hashSize)
        stack = .allocate(capacity: stackCapacity)
    }

    deinit {
        px.deallocate(); py.deallocate(); triangles.deallocate(); halfedges.deallocate()
        hullPrev.deallocate(); hullNext.deallocate(); hullTri.deallocate(); hullHash.deallocate()
        stack.deallocate()
    }

    static func circumradius2(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double,
                              _ cx: Double, _ cy: Double) -> Double {
        let dx = bx - ax, dy = by - ay, ex = cx - ax, ey = cy - ay
        let bl = dx * dx + dy * dy, cl = ex * ex + ey * ey
        let d = 0.5 / (dx * ey - dy * ex)
        let x = (ey * bl - dy * cl) * d, y = (dx * cl - ex * bl) * d
        let r = x * x + y * y
        return r.isNaN ? .infinity : r
    }

    @inline(__always) func orient(_ a: Int, _ b: Int, _ px: Double, _ py: Double) -> Double {
        orient2d(self.px[a], self.py[a], self.px[b], self.py[b], px, py)
    }

    @inline(__always) func hashKey(_ x: Double, _ y: Double) -> Int {
        let dx = x - cx, dy = y - cy
        let p = dx / (abs(dx) + abs(dy))
        let a = (dy > 0 ? 3 - p : 1 + p) / 4
        guard a.isFinite else { return 0 }
        return Int((a * Double(hashSize)).rounded(.down)) % hashSize
    }

    /// `forcedLate`: points to insert after the sweep instead of during it (tests of the fallback).
    /// Builds the triangulation; false when `cancellation` fired (asked every 65,536 points) and the
    /// sweep stopped part-way.
    @discardableResult
    func run(forcedLate: Set<Int32> = [], cancellation: Cancellation = .never) -> Bool {
        var (i0, i1, i2) = seeds
        // Sweep centre: the seed circumcentre (the seed centroid if that is not finite).
        do {
            let ax = px[i0], ay = py[i0]
            let dx = px[i1] - ax, dy = py[i1] - ay, ex = px[i2] - ax, ey = py[i2] - ay
            let bl = dx * dx + dy * dy, cl = ex * ex + ey * ey
            let d = 0.5 / (dx * ey - dy * ex)
            cx = ax + (ey * bl - dy * cl) * d
            cy = ay + (dx * cl - ex * bl) * d
            if !cx.isFinite || !cy.isFinite {
                cx = (px[i0] + px[i1] + px[i2]) / 3; cy = (py[i0] + py[i1] + py[i2]) / 3
            }
        }
        let order = sweepOrder()
        // The points are renumbered in sweep order for the sweep (point k is the k-th inserted) and
        // the triangles numbered back at the end: the hull and the triangles being flipped are then
        // points inserted shortly before, close together in memory, where the input's numbering
        // scatters them over the whole array (a 10⁶-point sweep missed the caches). The same steps
        // run in the same order, so the triangulation is the same.
        do {
            let sorted = UnsafeMutablePointer<Double>.allocate(capacity: n)
            defer { sorted.deallocate() }
            for k in 0..<n { sorted[k] = px[Int(order[k])] }
            px.update(from: sorted, count: n)
            for k in 0..<n { sorted[k] = py[Int(order[k])] }
            py.update(from: sorted, count: n)
        }
        var rank = [Int32](repeating: 0, count: n)
        for k in 0..<n { rank[Int(order[k])] = Int32(k) }
        (i0, i1, i2) = (Int(rank[i0]), Int(rank[i1]), Int(rank[i2]))
        let late = Set(forcedLate.map { rank[Int($0)] })
        defer {
            for e in 0..<trianglesLen { triangles[e] = order[Int(triangles[e])] }
        }

        hullStart = i0
        hullNext[i0] = Int32(i1); hullPrev[i2] = Int32(i1)
        hullNext[i1] = Int32(i2); hullPrev[i0] = Int32(i2)
        hullNext[i2] = Int32(i0); hullPrev[i1] = Int32(i0)
        hullTri[i0] = 0; hullTri[i1] = 1; hullTri[i2] = 2
        hullHash[hashKey(px[i0], py[i0])] = Int32(i0)
        hullHash[hashKey(px[i1], py[i1])] = Int32(i1)
        hullHash[hashKey(px[i2], py[i2])] = Int32(i2)
        _ = addTriangle(i0, i1, i2, -1, -1, -1)

        var deferred: [Int32] = []
        var xp = Double.nan, yp = Double.nan
        for i in 0..<n {
            if i & 0xFFFF == 0xFFFF, cancellation.isCancelled { return false }
            let x = px[i], y = py[i]
            if x == xp && y == yp { continue }  // exact duplicate of the previous point
            xp = x; yp = y
            if i == i0 || i == i1 || i == i2 { continue }
            if (!late.isEmpty && late.contains(Int32(i))) || !addToHull(i, x, y) { deferred.append(Int32(i)) }
        }
        sweeping = false
        for i in deferred { insertInside(Int(i)) }
        return true
    }

    /// Point indices sorted by (distance² from the sweep centre, index). Non-negative doubles order as
    /// their bit patterns, so a radix sort on those does it.
    func sweepOrder() -> [Int32] {
        var keys = [UInt64](repeating: 0, count: n)
        for i in 0..<n {
            let dx = px[i] - cx, dy = py[i] - cy
            keys[i] = (dx * dx + dy * dy).bitPattern
        }
        return radixOrder(keys)
    }

    /// Adds point i, outside the current hull, to the triangulation. False when no hull edge sees it
    /// (it lies inside or on the hull: a rounding effect of the sweep order); it is inserted later.
    func addToHull(_ i: Int, _ x: Double, _ y: Double) -> Bool {
        var start = 0
        let key = hashKey(x, y)
        for j in 0..<hashSize {
            start = Int(hullHash[(key + j) % hashSize])
            if start != -1 && start != Int(hullNext[start]) { break }
        }
        start = Int(hullPrev[start])
        var e = start
        while true {
            let q = Int(hullNext[e])
            if orient(e, q, x, y) < 0 { break }
            e = q
            if e == start { return false }
        }
        // First triangle on the visible edge e → next(e).
        var t = addTriangle(e, i, Int(hullNext[e]), -1, -1, Int(hullTri[e]))
        hullTri[i] = Int32(legalize(t + 2))
        hullTri[e] = Int32(t)
        // Walk forward through visible edges.
        var nn = Int(hullNext[e])
        while true {
            let q = Int(hullNext[nn])
            if !(orient(nn, q, x, y) < 0) { break }
            t = addTriangle(nn, i, q, Int(hullTri[i]), -1, Int(hullTri[nn]))
            hullTri[i] = Int32(legalize(t + 2))
            hullNext[nn] = Int32(nn)  // removed from the hull
            nn = q
        }
        // Walk backward.
        if e == start {
            while true {
                let q = Int(hullPrev[e])
                if !(orient(q, e, x, y) < 0) { break }
                t = addTriangle(q, i, e, -1, Int(hullTri[e]), Int(hullTri[q]))
                _ = legalize(t + 2)
                hullTri[q] = Int32(t)
                hullNext[e] = Int32(e)
                e = q
            }
        }
        hullStart = e
        hullPrev[i] = Int32(e); hullNext[e] = Int32(i)
        hullPrev[nn] = Int32(i); hullNext[i] = Int32(nn)
        hullHash[hashKey(x, y)] = Int32(i)
        hullHash[hashKey(px[e], py[e])] = Int32(e)
        return true
    }

    @inline(__always) func link(_ a: Int, _ b: Int) {
        halfedges[a] = Int32(b)
        if b != -1 { halfedges[b] = Int32(a) }
    }

    /// Appends triangle (i0, i1, i2) whose half-edges i0→i1, i1→i2, i2→i0 pair with a, b, c.
    @discardableResult
    func addTriangle(_ i0: Int, _ i1: Int, _ i2: Int, _ a: Int, _ b: Int, _ c: Int) -> Int {
        let t = trianglesLen
        setTriangle(t / 3, i0, i1, i2, a, b, c)
        trianglesLen += 3
        return t
    }

    /// Overwrites triangle t with vertices (i0, i1, i2) and the given opposite half-edges.
    @inline(__always)
    func setTriangle(_ t: Int, _ i0: Int, _ i1: Int, _ i2: Int, _ a: Int, _ b: Int, _ c: Int) {
        let e = 3 * t
        triangles[e] = Int32(i0); triangles[e + 1] = Int32(i1); triangles[e + 2] = Int32(i2)
        link(e, a); link(e + 1, b); link(e + 2, c)
    }

    /// Restores the Delaunay property around half-edge a by flipping (Lawson), iteratively.
    /// Returns the half-edge that ends up where a's triangle's previous edge was (for hull tracking).
    func legalize(_ start: Int) -> Int {
        var a = start
        var depth = 0
        var ar = 0
        while true {
            let b = Int(halfedges[a])
            let a0 = a - a % 3
            ar = a0 + (a + 2) % 3
            if b == -1 {
                if depth == 0 { break }
                depth -= 1; a = Int(stack[depth]); continue
            }
            let b0 = b - b % 3
            let al = a0 + (a + 1) % 3
            let bl = b0 + (b + 2) % 3
            let p0 = Int(triangles[ar]), pr = Int(triangles[a]), pl = Int(triangles[al]), p1 = Int(triangles[bl])
            let illegal = incircle(px[p0], py[p0], px[pr], py[pr], px[pl], py[pl], px[p1], py[p1]) > 0
            if illegal {
                triangles[a] = Int32(p1)
                triangles[b] = Int32(p0)
                let hbl = Int(halfedges[bl])
                if hbl == -1 && sweeping {
                    // The flipped edge was on the hull: fix the hull's reference to it.
                    var e = hullStart
                    repeat {
                        if Int(hullTri[e]) == bl { hullTri[e] = Int32(a); break }
                        e = Int(hullPrev[e])
                    } while e != hullStart
                }
                link(a, hbl)
                link(b, Int(halfedges[ar]))
                link(ar, bl)
                let br = b0 + (b + 1) % 3
                if depth == stackCapacity { growStack() }
                stack[depth] = Int32(br)
                depth += 1
            } else {
                if depth == 0 { break }
                depth -= 1; a = Int(stack[depth])
            }
        }
        return ar
    }

    func growStack() {
        let bigger = UnsafeMutablePointer<Int32>.allocate(capacity: stackCapacity * 2)
        bigger.update(from: stack, count: stackCapacity)
        stack.deallocate()
        stack = bigger
        stackCapacity *= 2
    }

    /// The hull, counter-clockwise, read from the half-edges (valid after late insertions).
    func hullFromHalfedges() -> [Int32] {
        var first = -1
        for e in 0..<trianglesLen where halfedges[e] == -1 { first = e; break }
        guard first >= 0 else { return [] }
        var hull: [Int32] = []
        var e = first
        repeat {
            hull.append(triangles[e])
            var f = Delaunay.next(e)
            while halfedges[f] != -1 { f = Delaunay.next(Int(halfedges[f])) }
            e = f
        } while e != first
        return hull
    }
}

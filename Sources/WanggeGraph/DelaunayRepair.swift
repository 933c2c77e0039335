// Late insertion of points the sweep could not place (they fell inside or on the hull because the
// sweep order is computed in floating point). Classic incremental insertion: locate the triangle,
// split it (or the edge the point lies on), then legalise the edges around the new vertex.

extension SweepHull {
    func insertInside(_ i: Int) {
        let x = px[i], y = py[i]
        guard let t = locate(x, y) else { return }
        let e0 = 3 * t
        var zeroEdge = -1
        var zeros = 0
        for k in 0..<3 {
            let a = Int(triangles[e0 + k]), b = Int(triangles[e0 + (k + 1) % 3])
            if px[a] == x && py[a] == y { return }  // duplicate of a vertex
            if orient(a, b, x, y) == 0 { zeros += 1; zeroEdge = e0 + k }
        }
        lateInsertions += 1
        if zeros == 0 { splitTriangle(t, i) } else { splitEdge(zeroEdge, i) }
    }

    /// The triangle containing (x, y) in its closure, by a visibility walk (brute force if the walk
    /// runs too long).
    func locate(_ x: Double, _ y: Double) -> Int? {
        let count = trianglesLen / 3
        var t = count - 1
        var steps = 0
        walk: while steps <= 4 * count + 16 {
            steps += 1
            for k in 0..<3 {
                let e = 3 * t + k
                let a = Int(triangles[e]), b = Int(triangles[Delaunay.next(e)])
                if orient(a, b, x, y) < 0 {
                    let twin = Int(halfedges[e])
                    if twin == -1 { break walk }
                    t = twin / 3
                    continue walk
                }
            }
            return t
        }
        for t in 0..<count {
            var inside = true
            for k in 0..<3 {
                let e = 3 * t + k
                if orient(Int(triangles[e]), Int(triangles[Delaunay.next(e)]), x, y) < 0 { inside = false; break }
            }
            if inside { return t }
        }
        return nil
    }

    func splitTriangle(_ t: Int, _ p: Int) {
        let e = 3 * t
        let a = Int(triangles[e]), b = Int(triangles[e + 1]), c = Int(triangles[e + 2])
        let ta = Int(halfedges[e]), tb = Int(halfedges[e + 1]), tc = Int(halfedges[e + 2])
        let t1 = trianglesLen / 3, t2 = t1 + 1
        trianglesLen += 6
        setTriangle(t, a, b, p, ta, -1, -1)
        setTriangle(t1, b, c, p, tb, -1, -1)
        setTriangle(t2, c, a, p, tc, -1, -1)
        link(3 * t + 1, 3 * t1 + 2)
        link(3 * t1 + 1, 3 * t2 + 2)
        link(3 * t2 + 1, 3 * t + 2)
        _ = legalize(3 * t)
        _ = legalize(3 * t1)
        _ = legalize(3 * t2)
    }

    /// Splits the edge `e` (a→b, p on its interior) and the triangle on its other side, if any.
    func splitEdge(_ e: Int, _ p: Int) {
        let t = e / 3
        let a = Int(triangles[e]), b = Int(triangles[Delaunay.next(e)]), c = Int(triangles[Delaunay.prev(e)])
        let tb = Int(halfedges[Delaunay.next(e)]), tc = Int(halfedges[Delaunay.prev(e)])
        let f = Int(halfedges[e])
        let t2 = trianglesLen / 3
        trianglesLen += 3
        setTriangle(t, a, p, c, -1, -1, tc)
        setTriangle(t2, p, b, c, -1, tb, -1)
        link(3 * t + 1, 3 * t2 + 2)
        if f != -1 {
            let u = f / 3
            let d = Int(triangles[Delaunay.prev(f)])
            let ua = Int(halfedges[Delaunay.next(f)]), ud = Int(halfedges[Delaunay.prev(f)])
            let u2 = trianglesLen / 3
            trianglesLen += 3
            setTriangle(u, b, p, d, -1, -1, ud)
            setTriangle(u2, p, a, d, -1, ua, -1)
            link(3 * u + 1, 3 * u2 + 2)
            link(3 * t, 3 * u2)
            link(3 * t2, 3 * u)
            _ = legalize(3 * u + 2)
            _ = legalize(3 * u2 + 1)
        }
        _ = legalize(3 * t + 2)
        _ = legalize(3 * t2 + 1)
    }
}

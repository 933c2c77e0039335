import CGEOS
import WanggeModel

/// Triangles over site indices (3 per triangle, counter-clockwise) with each half-edge's twin.
/// Half-edge e runs from `triangles[e]` to `triangles[next(e)]`; its triangle is e / 3.
struct Triangulation: Sendable {
    let triangles: [Int32]
    /// Opposite half-edge, or -1 on the convex hull.
    let twin: [Int32]

    @inline(__always) static func next(_ e: Int) -> Int { e % 3 == 2 ? e - 2 : e + 1 }

    /// Orients the triangles counter-clockwise and finds twins. Throws when an index is out of
    /// range or an edge is used twice in the same direction (not a triangulation).
    init(sites: [Point2], triangles input: [Int32], halfedges: [Int32]? = nil) throws {
        guard input.count % 3 == 0 else {
            throw WanggeError(.software, "triangles: \(input.count) indexes is not a multiple of 3")
        }
        var triangles = input
        let n = sites.count
        var flipped = false
        for t in 0..<(triangles.count / 3) {
            let a = Int(triangles[3 * t]), b = Int(triangles[3 * t + 1]), c = Int(triangles[3 * t + 2])
            guard a >= 0, b >= 0, c >= 0, a < n, b < n, c < n, a != b, b != c, a != c else {
                throw WanggeError(.software, "triangle \(t) has bad site indexes (\(a), \(b), \(c))")
            }
            let pa = sites[a], pb = sites[b], pc = sites[c]
            let cross = (pb.x - pa.x) * (pc.y - pa.y) - (pb.y - pa.y) * (pc.x - pa.x)
            if cross < 0 { triangles.swapAt(3 * t + 1, 3 * t + 2); flipped = true }
        }
        // The caller's twins (e.g. WanggeGraph's Delaunay `halfedges`), when consistent.
        if let halfedges, !flipped, halfedges.count == triangles.count,
           Triangulation.consistent(triangles: triangles, halfedges: halfedges) {
            self.triangles = triangles
            self.twin = halfedges
            return
        }
        // Outgoing half-edges per site (CSR), then each twin by a scan of the target's list.
        var start = [Int32](repeating: 0, count: n + 1)
        for v in triangles { start[Int(v) + 1] += 1 }
        for i in 0..<n { start[i + 1] += start[i] }
        var fill = start
        // Each slot keeps the half-edge and its target, so a twin search reads one short run.
        var outgoing = [Int32](repeating: 0, count: triangles.count)
        var target = [Int32](repeating: 0, count: triangles.count)
        for e in triangles.indices {
            let a = Int(triangles[e])
            outgoing[Int(fill[a])] = Int32(e)
            target[Int(fill[a])] = triangles[Triangulation.next(e)]
            fill[a] += 1
        }
        var twin = [Int32](repeating: -1, count: triangles.count)
        var duplicate = -1
        triangles.withUnsafeBufferPointer { tri in
            start.withUnsafeBufferPointer { start in
                outgoing.withUnsafeBufferPointer { outgoing in
                  target.withUnsafeBufferPointer { target in
                    twin.withUnsafeMutableBufferPointer { twin in
                        for e in 0..<tri.count {
                            let a = tri[e], b = Int(tri[Triangulation.next(e)])
                            var found: Int32 = -1
                            for slot in Int(start[b])..<Int(start[b + 1]) {
                                if target[slot] == a {
                                    if found >= 0 { duplicate = e }
                                    found = outgoing[slot]
                                }
                            }
                            twin[e] = found
                        }
                    }
                  }
                }
            }
        }
        if duplicate >= 0 {
            throw WanggeError(.software, "triangles: edge \(triangles[Triangulation.next(duplicate)])→\(triangles[duplicate]) appears twice; not a triangulation")
        }
        self.triangles = triangles
        self.twin = twin
    }

    /// Whether every twin points back and joins the same two sites the other way round.
    static func consistent(triangles: [Int32], halfedges: [Int32]) -> Bool {
        triangles.withUnsafeBufferPointer { tri in
            halfedges.withUnsafeBufferPointer { twin in
                for e in 0..<tri.count {
                    let f = Int(twin[e])
                    if f < 0 { continue }
                    if f >= tri.count || Int(twin[f]) != e || tri[f] != tri[next(e)] || tri[next(f)] != tri[e] {
                        return false
                    }
                }
                return true
            }
        }
    }

    /// The dual is a Voronoi diagram only for a Delaunay triangulation of a convex hull: checks
    /// that the hull turns left everywhere and that every interior edge is locally Delaunay (up
    /// to rounding). Throws `.software` otherwise (callers then fall back to GEOS's Voronoi).
    func checkDelaunay(sites: [Point2]) throws {
        var hullNext = [Int32](repeating: -1, count: sites.count)
        for e in triangles.indices where twin[e] < 0 {
            hullNext[Int(triangles[e])] = triangles[Triangulation.next(e)]
        }
        for e in triangles.indices where twin[e] < 0 {
            let a = sites[Int(triangles[e])], bIndex = Int(triangles[Triangulation.next(e)])
            let b = sites[bIndex]
            guard hullNext[bIndex] >= 0 else { throw WanggeError(.software, "triangulation hull is not a simple ring") }
            let c = sites[Int(hullNext[bIndex])]
            let ux = b.x - a.x, uy = b.y - a.y, vx = c.x - b.x, vy = c.y - b.y
            let cross = ux * vy - uy * vx
            let tolerance = 1e-12 * (ux * ux + uy * uy).squareRoot() * (vx * vx + vy * vy).squareRoot()
            if cross < -tolerance { throw WanggeError(.software, "triangulation hull is not convex at site \(bIndex)") }
        }
        for e in triangles.indices {
            let f = Int(twin[e])
            guard f > e else { continue }
            let t = e - e % 3
            let a = sites[Int(triangles[t])], b = sites[Int(triangles[t + 1])], c = sites[Int(triangles[t + 2])]
            let d = sites[Int(triangles[Triangulation.next(Triangulation.next(f))])]
            let adx = a.x - d.x, ady = a.y - d.y, bdx = b.x - d.x, bdy = b.y - d.y, cdx = c.x - d.x, cdy = c.y - d.y
            let al = adx * adx + ady * ady, bl = bdx * bdx + bdy * bdy, cl = cdx * cdx + cdy * cdy
            let det = adx * (bdy * cl - bl * cdy) - ady * (bdx * cl - bl * cdx) + al * (bdx * cdy - bdy * cdx)
            let scale = (abs(adx) + abs(ady)) * (abs(bdx) + abs(bdy)) * (abs(cdx) + abs(cdy))
                * (abs(adx) + abs(ady) + abs(bdx) + abs(bdy) + abs(cdx) + abs(cdy))
            if det > 1e-10 * scale {
                throw WanggeError(.software, "triangulation is not Delaunay at triangle \(e / 3)")
            }
        }
    }

}

/// Whether the two Voronoi cells of a Delaunay edge still meet once the cells are clipped to the
/// service region. The cells of sites a and b share the piece of the perpendicular bisector between
/// the circumcentres of the edge's two triangles (a ray from the one circumcentre on the hull). When
/// that piece crosses the segment ab (the edge's midpoint M lies on it), the cells meet at M, inside
/// the region because ab crosses none of its rings. Otherwise they meet, if at all, beyond the
/// circumcentre nearest M: the edge is flagged when the way from M to that circumcentre crosses a
/// ring of the region (a bay, a notch of the boundary) — the cells would touch outside the region
/// only, and a district joined by that edge would be cut in two by the clip.
/// Returns flags per entry of `g` (symmetric).
/// `minimumChunk`: half-edges per range below which the ranges are not split further.
func dualOutsideFlags(_ d: Delaunay, x: [Double], y: [Double], graph g: SiteCSR, region: BarrierIndex,
                      minimumChunk: Int = 1 << 15) -> [Bool] {
    var flags = [Bool](repeating: false, count: g.neighbours.count)
    guard region.segmentCount > 0, !d.triangles.isEmpty else { return flags }
    // Half-edges in ranges side by side (each with its own query stamps); an edge is decided by its
    // lower half-edge only, so no two ranges write the same flag.
    flags.withUnsafeMutableBufferPointer { buffer in
        nonisolated(unsafe) let flags = buffer
        forEachChunk(d.triangles.count, minimum: minimumChunk) { range in
            var stamp = [Int32](repeating: -1, count: region.segmentCount)
            var query: Int32 = 0
            @inline(__always) func circumcentre(_ t: Int) -> (Double, Double)? {
                let i = Int(d.triangles[3 * t]), j = Int(d.triangles[3 * t + 1]), k = Int(d.triangles[3 * t + 2])
                let bx = x[j] - x[i], by = y[j] - y[i], cx = x[k] - x[i], cy = y[k] - y[i]
                let det = 2 * (bx * cy - by * cx)
                guard det != 0 else { return nil }
                let b2 = bx * bx + by * by, c2 = cx * cx + cy * cy
                let ux = (cy * b2 - by * c2) / det, uy = (bx * c2 - cx * b2) / det
                guard ux.isFinite, uy.isFinite else { return nil }
                return (x[i] + ux, y[i] + uy)
            }
            for e in range {
                let twin = Int(d.halfedges[e])
                if twin >= 0 && twin < e { continue }
                let a = Int(d.triangles[e]), b = Int(d.triangles[e % 3 == 2 ? e - 2 : e + 1])
                let third = Int(d.triangles[e % 3 == 0 ? e + 2 : e - 1])
                let mx = (x[a] + x[b]) / 2, my = (y[a] + y[b]) / 2
                // Normal of ab pointing away from this triangle's third vertex.
                var nx = -(y[b] - y[a]), ny = x[b] - x[a]
                if (x[third] - mx) * nx + (y[third] - my) * ny > 0 { nx = -nx; ny = -ny }
                guard let c1 = circumcentre(e / 3) else { continue }
                let s1 = (c1.0 - mx) * nx + (c1.1 - my) * ny
                var foot = c1
                if twin >= 0 {
                    guard let c2 = circumcentre(twin / 3) else { continue }
                    let s2 = (c2.0 - mx) * nx + (c2.1 - my) * ny
                    if s1 <= 0 && s2 >= 0 { continue }        // M lies between the circumcentres
                    if abs(s2) < abs(s1) { foot = c2 }
                } else if s1 <= 0 {
                    continue                                  // the outward ray from c1 passes through M
                }
                query &+= 1
                guard region.crosses(mx, my, foot.0, foot.1, stamp: &stamp, query: query) else { continue }
                for k in Int(g.offsets[a])..<Int(g.offsets[a + 1]) where Int(g.neighbours[k]) == b {
                    flags[k] = true; flags[Int(g.reverse[k])] = true
                }
            }
        }
    }
    return flags
}

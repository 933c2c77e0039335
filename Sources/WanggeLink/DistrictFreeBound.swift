/// The district-free dual bound: a cheap lower bound on the household objective, and the household
/// prices it comes with (the start of the Lagrangian bound at scale).
///
/// Relax "a household is linked to a cadre of its own district's team" (keeping that a responsible
/// leader links only households of its own district) and "a cadre serves in one district": what is
/// left is one transportation problem, households → cadres within the household quotas. For any
/// cadre prices π (π_c ≤ 0 when c has no household maximum) the prices
/// μₕ = min over the cadres c that may link h of (cost(c, h) + π_c) are dual feasible, so by weak
/// duality Σₕ μₕ − Σ_c π_c·(π_c ≤ 0 ? min_c : max_c) is below the cost of every linking that meets
/// the quotas (the argument of `Transportation.lagrangian`). With π = 0 it is Σₕ the cost of h's
/// nearest cadre that may link it. The min over cadres is a ring search in a
/// grid of the cadres' homes: a cadre in a cell r rings away is at least (r − 1)·side away, so the
/// search stops once (r − 1)·side + min π reaches the best value found (and skips a cell whose box
/// is that far).
///
/// At these prices every cadre's values cost(c, h) − μₕ are ≥ −π_c, so it takes at most its maximum
/// of negative values: the Lagrangian with districts (`Linker.State.lowerBound`) at these μ is at
/// least this bound.
extension Linker.State {
    ///
    /// `among`: only these cadres (and the districts' leaders) — then `value` is no bound, and `mu`
    /// is each household's least cost(c, h) + π_c over them.
    func districtFreeBound(_ pi: [Double], leaderOf: [Int], prefer: [Int32], minQ: [Int], maxQ: [Int],
                           among: [Bool]? = nil) -> (value: Double, mu: [Double]) {
        precondition(pi.indices.allSatisfy { pi[$0] <= 0 || maxQ[$0] < Int.max })
        var value = 0.0
        for c in 0..<C { value -= pi[c] * Double(pi[c] <= 0 ? minQ[c] : maxQ[c]) }
        let free = (0..<C).filter { leaderOf[$0] < 0 && among?[$0] != false }
        let penalty = p.villagePenalty
        let hx = p.x, hy = p.y, hv = p.village, cx = p.cadreX, cy = p.cadreY
        func cost(_ c: Int, _ h: Int) -> Double {
            let dx = cx[c] - hx[h], dy = cy[c] - hy[h]
            return (dx * dx + dy * dy).squareRoot() + (prefer[c] >= 0 && hv[h] != prefer[c] ? penalty : 0)
        }
        // The grid of the free cadres' homes (about 4 a cell), cells in rows, cadres by cell.
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for c in free { minX = min(minX, cx[c]); minY = min(minY, cy[c]); maxX = max(maxX, cx[c]); maxY = max(maxY, cy[c]) }
        let span = free.isEmpty ? 1 : max(maxX - minX, maxY - minY, 1)
        let side = free.isEmpty ? 1 : max(span / 1024, ((max(maxX - minX, 1) * max(maxY - minY, 1)) / Double(free.count) * 4).squareRoot())
        let nx = free.isEmpty ? 1 : Int((maxX - minX) / side) + 1, ny = free.isEmpty ? 1 : Int((maxY - minY) / side) + 1
        var cellStart = [Int](repeating: 0, count: nx * ny + 1)
        func cellOf(_ c: Int) -> Int { min(ny - 1, Int((cy[c] - minY) / side)) * nx + min(nx - 1, Int((cx[c] - minX) / side)) }
        for c in free { cellStart[cellOf(c) + 1] += 1 }
        for i in 0..<(nx * ny) { cellStart[i + 1] += cellStart[i] }
        var fill = Array(cellStart[0..<(nx * ny)])
        var cellCadres = [Int](repeating: 0, count: free.count)
        for c in free { cellCadres[fill[cellOf(c)]] = c; fill[cellOf(c)] += 1 }
        let piMin = free.map { pi[$0] }.min() ?? 0
        var mu = [Double](repeating: 0, count: H)
        for h in 0..<H {
            var best = Double.infinity
            let d = Int(p.district[h])
            if d >= 0 && d < K && leader[d] >= 0 { let l = Int(leader[d]); best = cost(l, h) + pi[l] }
            if !free.isEmpty {
                // From the household's cell clamped into the grid; a household outside the grid's
                // box is at least its distance dOut from every cadre (and from its projection on
                // the box, which lies in the clamped cell, at least (r − 1)·side from ring r), and
                // each cell is skipped when the distance to its box already reaches the best.
                let ix = min(nx - 1, max(0, Int(((hx[h] - minX) / side).rounded(.down))))
                let iy = min(ny - 1, max(0, Int(((hy[h] - minY) / side).rounded(.down))))
                let ox = max(0, minX - hx[h], hx[h] - (minX + Double(nx) * side))
                let oy = max(0, minY - hy[h], hy[h] - (minY + Double(ny) * side))
                let dOut = (ox * ox + oy * oy).squareRoot()
                let rMax = max(ix, nx - 1 - ix, iy, ny - 1 - iy)
                var r = 0
                while r <= rMax {
                    if max(dOut, Double(r - 1) * side) + piMin >= best { break }
                    for y in (iy - r)...(iy + r) where y >= 0 && y < ny {
                        let edge = y == iy - r || y == iy + r
                        var x = ix - r
                        while x <= ix + r {
                            if x >= 0 && x < nx {
                                let x0 = minX + Double(x) * side, y0 = minY + Double(y) * side
                                let bx = max(0, x0 - hx[h], hx[h] - (x0 + side)), by = max(0, y0 - hy[h], hy[h] - (y0 + side))
                                if (bx * bx + by * by).squareRoot() + piMin < best {
                                    let cell = y * nx + x
                                    for k in cellStart[cell]..<cellStart[cell + 1] {
                                        let c = cellCadres[k]
                                        let v = cost(c, h) + pi[c]
                                        if v < best { best = v }
                                    }
                                }
                            }
                            x += edge || r == 0 ? 1 : 2 * r
                        }
                    }
                    r += 1
                }
            }
            // No cadre may link h: the linking is infeasible, and any price is dual feasible.
            mu[h] = best < .infinity ? best : 0
            value += mu[h]
        }
        return (value, mu)
    }
}

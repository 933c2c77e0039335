import WanggeModel

/// Barrier segments (line parts and polygon ring edges) in a uniform grid, for fast
/// "does this neighbour edge cross a barrier?" queries.
///
/// Crossing rule: edge pq crosses barrier segment rs when p and q lie strictly on opposite sides of
/// the line through rs, and r and s do not lie strictly on the same side of the line through pq
/// (exact orientation tests). So an edge that merely touches a barrier at one of its own endpoints
/// (a household standing on the river line), or runs along it, does not cross it; an edge through a
/// barrier vertex does. Polygon barriers act through their ring edges: an edge leaving or entering a
/// lake crosses it; an edge with both ends inside (and not crossing a ring) does not.
/// Crossings (bridges, fords): an edge whose intersection point with a barrier segment lies within a
/// crossing's radius of the crossing does not cross that segment (it is walkable there).
public struct BarrierIndex: Sendable {
    let sx0: [Double], sy0: [Double], sx1: [Double], sy1: [Double]
    /// Crossing positions and squared radii.
    let cx: [Double], cy: [Double], cr2: [Double]
    let minX: Double, minY: Double, cellW: Double, cellH: Double
    let cols: Int, rows: Int
    let cellOffsets: [Int32]
    let cellSegments: [Int32]

    public var segmentCount: Int { sx0.count }

    public init(_ barriers: Barriers) {
        var ax: [Double] = [], ay: [Double] = [], bx: [Double] = [], by: [Double] = []
        func addPath(_ pts: [Point2]) {
            guard pts.count >= 2 else { return }
            for k in 1..<pts.count where pts[k - 1] != pts[k] {
                ax.append(pts[k - 1].x); ay.append(pts[k - 1].y); bx.append(pts[k].x); by.append(pts[k].y)
            }
        }
        for line in barriers.lines { addPath(line) }
        for polygon in barriers.polygons {
            for ring in polygon.rings {
                guard let first = ring.first, let last = ring.last else { continue }
                addPath(first == last ? ring : ring + [first])
            }
        }
        sx0 = ax; sy0 = ay; sx1 = bx; sy1 = by
        cx = barriers.crossings.map(\.position.x); cy = barriers.crossings.map(\.position.y)
        cr2 = barriers.crossings.map { $0.radius * $0.radius }
        let m = ax.count
        guard m > 0 else {
            minX = 0; minY = 0; cellW = 1; cellH = 1; cols = 1; rows = 1
            cellOffsets = [0, 0]; cellSegments = []
            return
        }
        var x0 = Double.infinity, y0 = Double.infinity, x1 = -Double.infinity, y1 = -Double.infinity
        for i in 0..<m {
            x0 = min(x0, ax[i], bx[i]); x1 = max(x1, ax[i], bx[i])
            y0 = min(y0, ay[i], by[i]); y1 = max(y1, ay[i], by[i])
        }
        // About one segment per cell, at most 1024 × 1024 cells.
        let side = max(1, min(1024, Int(Double(m).squareRoot().rounded(.up))))
        let w = max(x1 - x0, 1e-9), h = max(y1 - y0, 1e-9)
        let grid = GridFrame(minX: x0, minY: y0, cellW: w / Double(side), cellH: h / Double(side),
                             cols: side, rows: side)
        minX = grid.minX; minY = grid.minY; cellW = grid.cellW; cellH = grid.cellH; cols = side; rows = side
        var counts = [Int32](repeating: 0, count: side * side + 1)
        for i in 0..<m {
            grid.forEachCell(ax[i], ay[i], bx[i], by[i]) { counts[$0 + 1] += 1 }
        }
        for c in 0..<(side * side) { counts[c + 1] += counts[c] }
        var fill = Array(counts.dropLast())
        var members = [Int32](repeating: 0, count: Int(counts[side * side]))
        for i in 0..<m {
            grid.forEachCell(ax[i], ay[i], bx[i], by[i]) { c in
                members[Int(fill[c])] = Int32(i); fill[c] += 1
            }
        }
        cellOffsets = counts; cellSegments = members
    }

    /// Whether the segment pq crosses any barrier segment (the rule above).
    public func crosses(_ p: Point2, _ q: Point2) -> Bool {
        if sx0.isEmpty { return false }
        var hit = false
        frame.forEachCell(p.x, p.y, q.x, q.y) { c in
            if hit { return }
            for k in Int(cellOffsets[c])..<Int(cellOffsets[c + 1]) {
                let s = Int(cellSegments[k])
                if segmentsCross(p.x, p.y, q.x, q.y, sx0[s], sy0[s], sx1[s], sy1[s]),
                   !atCrossing(p.x, p.y, q.x, q.y, s) { hit = true; return }
            }
        }
        return hit
    }

    /// Whether the edge pq, which crosses segment s, meets it within a crossing's radius.
    @inline(__always)
    func atCrossing(_ px: Double, _ py: Double, _ qx: Double, _ qy: Double, _ s: Int) -> Bool {
        if cx.isEmpty { return false }
        let (x, y) = meetingPoint(px, py, qx, qy, sx0[s], sy0[s], sx1[s], sy1[s])
        for c in cx.indices {
            let dx = x - cx[c], dy = y - cy[c]
            if dx * dx + dy * dy <= cr2[c] { return true }
        }
        return false
    }

    /// The shortest distance from p to any barrier segment (infinity without segments); for
    /// checking that a crossing lies on a barrier.
    public func distance(to p: Point2) -> Double {
        var best = Double.infinity
        for s in sx0.indices {
            best = min(best, segmentDistance(p.x, p.y, sx0[s], sy0[s], sx1[s], sy1[s]))
        }
        return best
    }

    var frame: GridFrame { GridFrame(minX: minX, minY: minY, cellW: cellW, cellH: cellH, cols: cols, rows: rows) }

    /// Whether the edge from (px, py) to (qx, qy) crosses any barrier segment. `stamp` is scratch space
    /// (one entry per segment, initially -1) and `query` a number unique to this call, used to test each
    /// segment once.
    func crosses(_ px: Double, _ py: Double, _ qx: Double, _ qy: Double,
                 stamp: inout [Int32], query: Int32) -> Bool {
        if sx0.isEmpty { return false }
        var hit = false
        frame.forEachCell(px, py, qx, qy) { c in
            if hit { return }
            for k in Int(cellOffsets[c])..<Int(cellOffsets[c + 1]) {
                let s = Int(cellSegments[k])
                if stamp[s] == query { continue }
                stamp[s] = query
                if segmentsCross(px, py, qx, qy, sx0[s], sy0[s], sx1[s], sy1[s]),
                   !atCrossing(px, py, qx, qy, s) { hit = true; return }
            }
        }
        return hit
    }
}

/// The crossing rule of `BarrierIndex`, for one barrier segment rs.
@inline(__always)
func segmentsCross(_ px: Double, _ py: Double, _ qx: Double, _ qy: Double,
                   _ rx: Double, _ ry: Double, _ sx: Double, _ sy: Double) -> Bool {
    if max(px, qx) < min(rx, sx) || min(px, qx) > max(rx, sx)
        || max(py, qy) < min(ry, sy) || min(py, qy) > max(ry, sy) { return false }
    let o3 = orient2d(rx, ry, sx, sy, px, py)
    let o4 = orient2d(rx, ry, sx, sy, qx, qy)
    guard (o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0) else { return false }
    let o1 = orient2d(px, py, qx, qy, rx, ry)
    let o2 = orient2d(px, py, qx, qy, sx, sy)
    return !((o1 > 0 && o2 > 0) || (o1 < 0 && o2 < 0))
}

/// Where segment pq meets the line through rs (pq and rs not parallel: they cross).
@inline(__always)
func meetingPoint(_ px: Double, _ py: Double, _ qx: Double, _ qy: Double,
                  _ rx: Double, _ ry: Double, _ sx: Double, _ sy: Double) -> (Double, Double) {
    let dx = qx - px, dy = qy - py, ex = sx - rx, ey = sy - ry
    let den = dx * ey - dy * ex
    guard den != 0 else { return (px, py) }
    let t = ((rx - px) * ey - (ry - py) * ex) / den
    return (px + t * dx, py + t * dy)
}

/// Distance from p to segment rs.
func segmentDistance(_ px: Double, _ py: Double, _ rx: Double, _ ry: Double, _ sx: Double, _ sy: Double) -> Double {
    let ex = sx - rx, ey = sy - ry
    let len2 = ex * ex + ey * ey
    var t = len2 > 0 ? ((px - rx) * ex + (py - ry) * ey) / len2 : 0
    t = min(1, max(0, t))
    let dx = px - (rx + t * ex), dy = py - (ry + t * ey)
    return (dx * dx + dy * dy).squareRoot()
}

/// A uniform grid over a box; cells are numbered row by row.
struct GridFrame {
    let minX: Double, minY: Double, cellW: Double, cellH: Double, cols: Int, rows: Int

    @inline(__always) func col(_ x: Double) -> Int { min(cols - 1, max(0, Int(((x - minX) / cellW).rounded(.down)))) }
    @inline(__always) func row(_ y: Double) -> Int { min(rows - 1, max(0, Int(((y - minY) / cellH).rounded(.down)))) }

    /// Calls `body` with every cell the segment may pass through (a superset: per row of cells, the
    /// columns spanned by the segment's part in that row, widened by one cell for rounding), clipped to
    /// the grid. Segments entirely outside the grid visit nothing.
    @inline(__always)
    func forEachCell(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ body: (Int) -> Void) {
        let maxX = minX + cellW * Double(cols), maxY = minY + cellH * Double(rows)
        if max(ax, bx) < minX || min(ax, bx) > maxX || max(ay, by) < minY || min(ay, by) > maxY { return }
        let r0 = row(min(ay, by)), r1 = row(max(ay, by))
        if r0 == r1 {
            let c0 = col(min(ax, bx)), c1 = col(max(ax, bx))
            for c in c0...c1 { body(r0 * cols + c) }
            return
        }
        let dxdy = (bx - ax) / (by - ay)
        for r in r0...r1 {
            // x range of the segment within this row's y slab.
            let ylo = max(min(ay, by), minY + cellH * Double(r))
            let yhi = min(max(ay, by), minY + cellH * Double(r + 1))
            let xa = ax + (ylo - ay) * dxdy, xb = ax + (yhi - ay) * dxdy
            let c0 = max(0, col(min(xa, xb)) - 1), c1 = min(cols - 1, col(max(xa, xb)) + 1)
            for c in c0...c1 { body(r * cols + c) }
        }
    }
}

/// A uniform grid over points for nearest-point queries with a filter.
public struct GridIndex {
    let minX: Double, minY: Double, cell: Double
    let nx: Int, ny: Int
    let cellStart: [Int32]
    let items: [Int32]
    let x: [Double], y: [Double]

    public init(x: [Double], y: [Double]) {
        self.x = x; self.y = y
        let n = x.count
        var x0 = Double.infinity, y0 = Double.infinity, x1 = -Double.infinity, y1 = -Double.infinity
        for i in 0..<n { x0 = min(x0, x[i]); x1 = max(x1, x[i]); y0 = min(y0, y[i]); y1 = max(y1, y[i]) }
        if n == 0 { x0 = 0; y0 = 0; x1 = 1; y1 = 1 }
        let w = max(x1 - x0, 1e-9), h = max(y1 - y0, 1e-9)
        var c = max((w * h / Double(max(n, 1))).squareRoot() * 2, 1e-9)
        while (w / c + 1) * (h / c + 1) > Double(2 * n + 16) { c *= 1.5 }
        minX = x0; minY = y0; cell = c
        nx = Int(w / c) + 1; ny = Int(h / c) + 1
        var start = [Int32](repeating: 0, count: nx * ny + 1)
        var cellOf = [Int32](repeating: 0, count: n)
        for i in 0..<n {
            let cx = min(nx - 1, Int((x[i] - x0) / c)), cy = min(ny - 1, Int((y[i] - y0) / c))
            cellOf[i] = Int32(cy * nx + cx); start[Int(cellOf[i]) + 1] += 1
        }
        for i in 0..<(nx * ny) { start[i + 1] += start[i] }
        var fill = Array(start[0..<(nx * ny)])
        var items = [Int32](repeating: 0, count: n)
        for i in 0..<n { let c = Int(cellOf[i]); items[Int(fill[c])] = Int32(i); fill[c] += 1 }
        cellStart = start; self.items = items
    }

    /// The nearest item to (px, py) accepted by `accept`, with its squared distance.
    /// Only items closer than √`within` count.
    public func nearest(_ px: Double, _ py: Double, within: Double = .infinity, accept: (Int32) -> Bool) -> (Int32, Double)? {
        let cx = max(0, min(nx - 1, Int((px - minX) / cell))), cy = max(0, min(ny - 1, Int((py - minY) / cell)))
        var best: Int32 = -1, bestD = Double.infinity
        let maxRing = max(nx, ny)
        var r = 0
        while r <= maxRing {
            // Everything in ring r is at least (r-1)·cell away.
            let reach = Double(r - 1) * cell
            if reach > 0 && reach * reach > min(bestD, within) { break }
            for yy in (cy - r)...(cy + r) where yy >= 0 && yy < ny {
                let edge = yy == cy - r || yy == cy + r
                var xx = cx - r
                while xx <= cx + r {
                    if xx >= 0 && xx < nx {
                        let c = yy * nx + xx
                        for j in Int(cellStart[c])..<Int(cellStart[c + 1]) {
                            let it = items[j]
                            let dx = x[Int(it)] - px, dy = y[Int(it)] - py
                            let d = dx * dx + dy * dy
                            if d < within && (d < bestD || (d == bestD && it < best)) {
                                if accept(it) { best = it; bestD = d }
                            }
                        }
                    }
                    xx += edge ? 1 : max(2 * r, 1)
                }
            }
            r += 1
        }
        return best >= 0 ? (best, bestD) : nil
    }
}

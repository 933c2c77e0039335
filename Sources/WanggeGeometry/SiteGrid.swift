import WanggeModel

/// A uniform bucket grid over points for exact nearest-neighbour queries (pure Swift, Sendable).
struct SiteGrid: Sendable {
    let points: [Point2]
    let minX: Double, minY: Double, cell: Double
    let nx: Int, ny: Int
    /// Sites of bucket b are `order[start[b]..<start[b+1]]`, in increasing site index.
    let start: [Int32]
    let order: [Int32]

    init(_ points: [Point2], perCell: Double = 2) {
        self.points = points
        let box = BoundingBox(xs: points.map(\.x), ys: points.map(\.y))
            ?? BoundingBox(minX: 0, minY: 0, maxX: 0, maxY: 0)
        let width = max(box.maxX - box.minX, 0), height = max(box.maxY - box.minY, 0)
        let n = max(points.count, 1)
        var cell = ((width * height) * perCell / Double(n)).squareRoot()
        if !(cell > 0) || !cell.isFinite { cell = max(width, height) / Double(n) }
        if !(cell > 0) || !cell.isFinite { cell = 1 }
        // Keep the bucket count near n even for long thin extents.
        while (width / cell + 1) * (height / cell + 1) > 4 * Double(n) + 16 { cell *= 1.5 }
        self.cell = cell
        minX = box.minX; minY = box.minY
        nx = Int(width / cell) + 1; ny = Int(height / cell) + 1
        var counts = [Int32](repeating: 0, count: nx * ny + 1)
        var bucketOf = [Int32](repeating: 0, count: points.count)
        for (i, p) in points.enumerated() {
            let ix = min(Int((p.x - box.minX) / cell), nx - 1), iy = min(Int((p.y - box.minY) / cell), ny - 1)
            let b = iy * nx + ix
            bucketOf[i] = Int32(b)
            counts[b + 1] += 1
        }
        for b in 0..<(nx * ny) { counts[b + 1] += counts[b] }
        var fill = counts
        var order = [Int32](repeating: 0, count: points.count)
        for i in points.indices {
            let b = Int(bucketOf[i])
            order[Int(fill[b])] = Int32(i)
            fill[b] += 1
        }
        start = counts
        self.order = order
    }

    /// The nearest site to `p` (lowest index among exact ties), or -1 when there are no sites.
    /// `excluding` skips one site (to find a site's nearest other site).
    func nearest(_ p: Point2, excluding: Int = -1) -> Int {
        guard !points.isEmpty else { return -1 }
        // Project p onto the grid box: distances to cells from the projection bound those from p.
        let px = min(max(p.x, minX), minX + Double(nx) * cell)
        let py = min(max(p.y, minY), minY + Double(ny) * cell)
        let cx = min(Int((px - minX) / cell), nx - 1), cy = min(Int((py - minY) / cell), ny - 1)
        var best = -1
        var bestD = Double.infinity
        var ring = 0
        let maxRing = max(nx, ny)
        while ring <= maxRing {
            let x0 = cx - ring, x1 = cx + ring, y0 = cy - ring, y1 = cy + ring
            for iy in max(y0, 0)...min(y1, ny - 1) {
                let onEdgeRow = iy == y0 || iy == y1
                var ix = max(x0, 0)
                while ix <= min(x1, nx - 1) {
                    let b = iy * nx + ix
                    for slot in Int(start[b])..<Int(start[b + 1]) {
                        let s = Int(order[slot])
                        if s == excluding { continue }
                        let q = points[s]
                        let d = (q.x - p.x) * (q.x - p.x) + (q.y - p.y) * (q.y - p.y)
                        if d < bestD || (d == bestD && s < best) { bestD = d; best = s }
                    }
                    // Interior rows only need the two edge columns of the ring.
                    if onEdgeRow || ix == x1 { ix += 1 } else { ix = max(x1, ix + 1) }
                }
            }
            if best >= 0 {
                let reach = Double(ring) * cell
                if bestD < reach * reach { break }
            }
            ring += 1
        }
        return best
    }

    /// Distance from each site to its nearest other site.
    func nearestNeighbourDistances() -> [Double] {
        points.indices.map { i in
            let j = nearest(points[i], excluding: i)
            guard j >= 0 else { return 0 }
            let dx = points[j].x - points[i].x, dy = points[j].y - points[i].y
            return (dx * dx + dy * dy).squareRoot()
        }
    }
}

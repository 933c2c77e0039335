import WanggeModel
#if canImport(Glibc)
import Glibc
#endif

/// A local planar frame in metres around an origin: x = (lon − lon₀)·kx, y = (lat − lat₀)·ky with the
/// WGS84 metres per degree at the origin. It is affine, so straight lines and point-in-polygon answers
/// are the same in degrees and in this frame; over a district (~10 km) lengths are good to ~0.1%.
struct LocalFrame: Sendable {
    let lon0: Double, lat0: Double, kx: Double, ky: Double

    init(origin: Point2) {
        lon0 = origin.x; lat0 = origin.y
        let a = 6378137.0, e2 = 0.00669437999014
        let phi = origin.y * .pi / 180
        let w = 1 - e2 * sin(phi) * sin(phi)
        kx = .pi / 180 * a * cos(phi) / w.squareRoot()
        ky = .pi / 180 * a * (1 - e2) / (w * w.squareRoot())
    }

    func toLocal(_ p: Point2) -> Point2 { Point2((p.x - lon0) * kx, (p.y - lat0) * ky) }

    /// Back to degrees, rounded to 7 decimals (the precision of every file the sample writes), so the
    /// checks made on a point are made on the very values written.
    func toDegrees(_ p: Point2) -> Point2 { Point2(round7(lon0 + p.x / kx), round7(lat0 + p.y / ky)) }
}

@inline(__always) func round7(_ v: Double) -> Double { (v * 1e7).rounded() / 1e7 }

@inline(__always) func distance(_ a: Point2, _ b: Point2) -> Double {
    let dx = a.x - b.x, dy = a.y - b.y
    return (dx * dx + dy * dy).squareRoot()
}

/// Distance from p to the segment ab.
func segmentDistance(_ p: Point2, _ a: Point2, _ b: Point2) -> Double {
    let dx = b.x - a.x, dy = b.y - a.y
    let len2 = dx * dx + dy * dy
    var t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0
    t = min(max(t, 0), 1)
    return distance(p, Point2(a.x + t * dx, a.y + t * dy))
}

/// Distance from p to a polyline.
func polylineDistance(_ p: Point2, _ line: [Point2]) -> Double {
    var best = Double.infinity
    for i in 1..<line.count { best = min(best, segmentDistance(p, line[i - 1], line[i])) }
    return best
}

/// Whether segments pq and ab properly cross or touch.
func segmentsIntersect(_ p: Point2, _ q: Point2, _ a: Point2, _ b: Point2) -> Bool {
    func orient(_ u: Point2, _ v: Point2, _ w: Point2) -> Double { (v.x - u.x) * (w.y - u.y) - (v.y - u.y) * (w.x - u.x) }
    let d1 = orient(a, b, p), d2 = orient(a, b, q), d3 = orient(p, q, a), d4 = orient(p, q, b)
    return ((d1 > 0) != (d2 > 0) || d1 == 0 || d2 == 0) && ((d3 > 0) != (d4 > 0) || d3 == 0 || d4 == 0)
}

/// Whether the segment pq meets the polyline.
func crosses(_ p: Point2, _ q: Point2, _ line: [Point2]) -> Bool {
    for i in 1..<line.count where segmentsIntersect(p, q, line[i - 1], line[i]) { return true }
    return false
}

/// Signed area of a closed ring (shoelace).
func ringArea(_ ring: [Point2]) -> Double {
    var s = 0.0
    for i in 1..<ring.count { s += ring[i - 1].x * ring[i].y - ring[i].x * ring[i - 1].y }
    return s / 2
}

/// A uniform grid of points for spacing and nearest-neighbour queries, with linked lists per cell
/// (flat arrays, no per-cell allocation), so 10⁵–10⁶ points stay cheap.
struct PointGrid {
    let minX: Double, minY: Double, cell: Double, cols: Int, rows: Int
    private var head: [Int32]
    private var nextInCell: [Int32] = []
    private(set) var points: [Point2] = []

    init(minX: Double, minY: Double, maxX: Double, maxY: Double, cell: Double) {
        var cell = cell
        // Keep the grid to at most ~4M cells.
        while ((maxX - minX) / cell + 1) * ((maxY - minY) / cell + 1) > 4_000_000 { cell *= 1.5 }
        self.minX = minX; self.minY = minY; self.cell = cell
        cols = Int((maxX - minX) / cell) + 1
        rows = Int((maxY - minY) / cell) + 1
        head = [Int32](repeating: -1, count: cols * rows)
    }

    private func cellOf(_ p: Point2) -> (Int, Int) {
        (min(max(Int((p.x - minX) / cell), 0), cols - 1), min(max(Int((p.y - minY) / cell), 0), rows - 1))
    }

    /// Adds a point; its index is the insertion order.
    @discardableResult
    mutating func insert(_ p: Point2) -> Int {
        let (cx, cy) = cellOf(p)
        let index = points.count
        points.append(p)
        nextInCell.append(head[cy * cols + cx])
        head[cy * cols + cx] = Int32(index)
        return index
    }

    /// Calls `body` for every point within `radius` of p (in no particular order).
    func forEach(near p: Point2, radius: Double, _ body: (Int) -> Void) {
        let (x0, y0) = cellOf(Point2(p.x - radius, p.y - radius))
        let (x1, y1) = cellOf(Point2(p.x + radius, p.y + radius))
        for cy in y0...y1 {
            for cx in x0...x1 {
                var i = head[cy * cols + cx]
                while i >= 0 {
                    if distance(points[Int(i)], p) <= radius { body(Int(i)) }
                    i = nextInCell[Int(i)]
                }
            }
        }
    }

    /// Whether some point lies closer than `radius` to p.
    func hasPoint(near p: Point2, within radius: Double) -> Bool {
        var found = false
        forEach(near: p, radius: radius) { _ in found = true }
        return found
    }

    /// The nearest point to p (lowest index on ties), or nil when empty.
    func nearest(to p: Point2) -> Int? {
        guard !points.isEmpty else { return nil }
        let (cx, cy) = cellOf(p)
        var best = -1, bestD = Double.infinity
        var ring = 0
        while true {
            let x0 = cx - ring, x1 = cx + ring, y0 = cy - ring, y1 = cy + ring
            for y in max(y0, 0)...min(y1, rows - 1) {
                for x in max(x0, 0)...min(x1, cols - 1) where x == x0 || x == x1 || y == y0 || y == y1 {
                    var i = head[y * cols + x]
                    while i >= 0 {
                        let d = distance(points[Int(i)], p)
                        if d < bestD || (d == bestD && Int(i) < best) { best = Int(i); bestD = d }
                        i = nextInCell[Int(i)]
                    }
                }
            }
            // Every point outside the searched square is at least `ring * cell` away.
            if best >= 0 && bestD <= Double(ring) * cell { return best }
            if x0 <= 0 && y0 <= 0 && x1 >= cols - 1 && y1 >= rows - 1 { return best >= 0 ? best : nil }
            ring += 1
        }
    }
}

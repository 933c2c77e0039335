import WanggeModel

/// Planar rings (projected metres) of one district with the few measures label placement needs.
struct PlanarShape: Sendable {
    /// All rings of all polygons; inside = odd number of crossings over all of them.
    var rings: [[Point2]]
    var box: BoundingBox

    init(rings: [[Point2]]) {
        self.rings = rings.filter { $0.count >= 4 }
        var xs: [Double] = [], ys: [Double] = []
        for r in self.rings { for p in r { xs.append(p.x); ys.append(p.y) } }
        box = BoundingBox(xs: xs, ys: ys) ?? BoundingBox(minX: 0, minY: 0, maxX: 0, maxY: 0)
    }

    var isEmpty: Bool { rings.isEmpty }

    /// Even-odd point in polygon over every ring (exteriors and holes alike).
    func contains(_ p: Point2) -> Bool {
        var inside = false
        for ring in rings {
            var j = ring.count - 1
            for i in 0..<ring.count {
                let a = ring[i], b = ring[j]
                if (a.y > p.y) != (b.y > p.y), p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
                j = i
            }
        }
        return inside
    }

    /// Distance to the nearest edge, positive inside and negative outside.
    func signedDistance(_ p: Point2) -> Double {
        var best = Double.infinity
        for ring in rings {
            for i in 1..<ring.count {
                let a = ring[i - 1], b = ring[i]
                let dx = b.x - a.x, dy = b.y - a.y
                let len2 = dx * dx + dy * dy
                var t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0
                t = min(max(t, 0), 1)
                let ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y
                best = min(best, ex * ex + ey * ey)
            }
        }
        let d = best.squareRoot()
        return contains(p) ? d : -d
    }

    /// The pole of inaccessibility (centre of the largest inscribed circle) to within `precision`,
    /// by best-first subdivision of square cells. Returns the centre and the circle's radius.
    func poleOfInaccessibility(precision: Double) -> (point: Point2, radius: Double) {
        guard !isEmpty else { return (Point2(0, 0), 0) }
        let w = box.maxX - box.minX, h = box.maxY - box.minY
        let size = max(w, h)
        guard size > 0 else { return (Point2(box.minX, box.minY), 0) }
        struct Cell { var c: Point2; var h: Double; var d: Double; var bound: Double { d + h * 1.414_213_562_373_095 } }
        func cell(_ x: Double, _ y: Double, _ half: Double) -> Cell {
            let c = Point2(x, y); return Cell(c: c, h: half, d: signedDistance(c))
        }
        var heap: [Cell] = []
        func push(_ c: Cell) {
            heap.append(c)
            var i = heap.count - 1
            while i > 0 { let p = (i - 1) / 2; if heap[p].bound >= heap[i].bound { break }; heap.swapAt(p, i); i = p }
        }
        func pop() -> Cell {
            let top = heap[0]; let last = heap.removeLast()
            if !heap.isEmpty {
                heap[0] = last
                var i = 0
                while true {
                    let l = 2 * i + 1, r = l + 1; var m = i
                    if l < heap.count, heap[l].bound > heap[m].bound { m = l }
                    if r < heap.count, heap[r].bound > heap[m].bound { m = r }
                    if m == i { break }
                    heap.swapAt(i, m); i = m
                }
            }
            return top
        }
        let cellSize = min(w, h) > 0 ? min(w, h) : size
        let half = cellSize / 2
        var y = box.minY
        while y < box.maxY { var x = box.minX; while x < box.maxX { push(cell(x + half, y + half, half)); x += cellSize }; y += cellSize }
        var best = cell((box.minX + box.maxX) / 2, (box.minY + box.maxY) / 2, 0)
        let eps = max(precision, size * 1e-9)
        var iterations = 0
        while !heap.isEmpty, iterations < 20_000 {
            iterations += 1
            let c = pop()
            if c.d > best.d { best = c }
            if c.bound - best.d <= eps { continue }
            let q = c.h / 2
            push(cell(c.c.x - q, c.c.y - q, q)); push(cell(c.c.x + q, c.c.y - q, q))
            push(cell(c.c.x - q, c.c.y + q, q)); push(cell(c.c.x + q, c.c.y + q, q))
        }
        return (best.c, max(best.d, 0))
    }

    /// Up to `count` further interior points, well inside and spread out, best first: the centres
    /// of a grid over the box ranked by distance to the boundary. Alternatives for labels that collide.
    func alternativeAnchors(count: Int, grid: Int = 12) -> [(point: Point2, radius: Double)] {
        guard !isEmpty else { return [] }
        let w = box.maxX - box.minX, h = box.maxY - box.minY
        var found: [(point: Point2, radius: Double)] = []
        for j in 0..<grid { for i in 0..<grid {
            let p = Point2(box.minX + (Double(i) + 0.5) * w / Double(grid), box.minY + (Double(j) + 0.5) * h / Double(grid))
            let d = signedDistance(p)
            if d > 0 { found.append((p, d)) }
        } }
        found.sort { $0.radius != $1.radius ? $0.radius > $1.radius : ($0.point.y, $0.point.x) < ($1.point.y, $1.point.x) }
        return Array(found.prefix(count))
    }
}

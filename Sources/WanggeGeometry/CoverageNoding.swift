import WanggeModel

/// Makes a coverage of district polygons share its borders vertex for vertex, so that any
/// pointwise transformation (unprojection, rounding to 7 decimals) moves both sides of a common
/// border identically and opens no gap or overlap.
///
/// Polygons built one district at a time (Voronoi cells dissolved, then clipped) meet along
/// common borders, but one side can hold a vertex the other lacks (a T-junction: a corner of a
/// third district, a point where the clip boundary was cut), or the same corner computed twice
/// a few ulps apart. Straight in the metric CRS, such a border becomes two slightly different
/// curves once unprojected and rounded: the slivers and overlaps of the rounded plan file.
///
/// `node` snaps vertices closer than `tolerance` to one (the first met, in district, polygon,
/// ring, vertex order), drops vertices that only one ring uses and that lie on the line between
/// their neighbours (no shape, and an artefact whose presence depends on the input's last bits),
/// and inserts into every edge the coverage's vertices lying within
/// `tolerance` of it, so every border is the same vertex sequence on both sides. Nothing moves
/// by more than `tolerance`.
public enum CoverageNoding {
    public struct Result: Sendable {
        public var districts: [MultiPolygon]
        /// Vertices moved onto a nearby vertex.
        public var snapped: Int
        /// Vertices inserted into edges of another district (T-junctions closed).
        public var inserted: Int
        /// Vertices used by one ring only and lying on the line between their neighbours, dropped.
        public var dropped: Int
    }

    /// A uniform grid over points: the points (indexes) per cell, as a list per occupied cell
    /// (its last point in `head`, each point's predecessor in `next`).
    private struct Grid {
        let x0: Double, y0: Double, cell: Double
        let nx: Int, ny: Int
        private var head: PointKeyTable
        private var next: [Int32]
        /// Occupied cells (column, row) in order of first use.
        private var occupied: [(Int, Int)] = []

        init(points: [Point2], cell: Double) {
            var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
            for p in points { minX = min(minX, p.x); minY = min(minY, p.y); maxX = max(maxX, p.x); maxY = max(maxY, p.y) }
            if points.isEmpty { minX = 0; minY = 0; maxX = 0; maxY = 0 }
            x0 = minX; y0 = minY
            self.cell = cell
            nx = max(1, Int(((maxX - minX) / cell).rounded(.down)) + 1)
            ny = max(1, Int(((maxY - minY) / cell).rounded(.down)) + 1)
            head = PointKeyTable(expected: points.count)
            next = [Int32](repeating: -1, count: points.count)
        }

        func column(_ x: Double) -> Int { min(max(Int(((x - x0) / cell).rounded(.down)), 0), nx - 1) }
        func row(_ y: Double) -> Int { min(max(Int(((y - y0) / cell).rounded(.down)), 0), ny - 1) }

        mutating func insert(_ i: Int32, _ p: Point2) {
            let (c, r) = (column(p.x), row(p.y))
            let key = Point2Key(x: Int64(c), y: Int64(r))
            if let last = head.value(for: key) { next[Int(i)] = last } else { occupied.append((c, r)) }
            head.set(i, for: key)
        }

        private func forEach(inCell c: Int, _ r: Int, _ body: (Int32) -> Void) {
            var i = head.value(for: Point2Key(x: Int64(c), y: Int64(r))) ?? -1
            while i >= 0 { body(i); i = next[Int(i)] }
        }

        /// Calls `body` with every point index in the cells meeting the box (in no particular order).
        func forEach(minX: Double, minY: Double, maxX: Double, maxY: Double, _ body: (Int32) -> Void) {
            let c0 = column(minX), c1 = column(maxX), r0 = row(minY), r1 = row(maxY)
            if (c1 - c0 + 1) * (r1 - r0 + 1) > occupied.count {
                // A box wider than the occupied cells (a long edge): scan the occupied cells.
                for (c, r) in occupied where c >= c0 && c <= c1 && r >= r0 && r <= r1 { forEach(inCell: c, r, body) }
                return
            }
            for r in r0...r1 { for c in c0...c1 { forEach(inCell: c, r, body) } }
        }
    }

    /// `straight`: how far (same units) a vertex used by one ring only may lie off the line between
    /// its neighbours and still be dropped as carrying no shape; the default, a hundredth of
    /// `tolerance`, is far above floating-point error and far below any real corner.
    /// `dropFrom`: only rings of districts from this index on lose such vertices (a coverage noded
    /// already, passed first, keeps its own; see `CoverageOutput.writtenRegion`).
    /// `cancellation` is asked once per district in each pass.
    public static func node(_ districts: [MultiPolygon], tolerance: Double, straight: Double? = nil,
                            dropFrom: Int = 0, cancellation: Cancellation = .never) throws -> Result {
        let straight = straight ?? tolerance / 100
        // 1. The distinct vertices, snapped within tolerance to the first met.
        var vertices: [Point2] = []
        var snapped = 0
        let snapGrid = max(tolerance, .leastNormalMagnitude)
        let expected = districts.reduce(0) { $0 + $1.pointCount } / 2
        var exact = PointKeyTable(expected: expected)
        // The vertices per snapping cell: the last one in `cellHead`, each one's predecessor in `nextInCell`.
        var cellHead = PointKeyTable(expected: expected)
        var nextInCell: [Int32] = []
        func cellKey(_ p: Point2) -> Point2Key {
            Point2Key(x: Int64((p.x / snapGrid).rounded(.down)), y: Int64((p.y / snapGrid).rounded(.down)))
        }
        func canonical(_ p: Point2) -> Int32 {
            if let i = exact.value(for: Point2Key(p)) { return i }
            let k = cellKey(p)
            // The nearest vertex within tolerance, ties to the lowest index (so the order in which
            // a cell's vertices are visited does not matter).
            var best: Int32 = -1
            var bestD = tolerance * tolerance
            for dy in -1...1 { for dx in -1...1 {
                var i = cellHead.value(for: Point2Key(x: k.x + Int64(dx), y: k.y + Int64(dy))) ?? -1
                while i >= 0 {
                    let q = vertices[Int(i)]
                    let d = (q.x - p.x) * (q.x - p.x) + (q.y - p.y) * (q.y - p.y)
                    if d <= bestD && (best < 0 || d < bestD || i < best) { best = i; bestD = d }
                    i = nextInCell[Int(i)]
                }
            } }
            if best >= 0 { snapped += 1; exact.set(best, for: Point2Key(p)); return best }
            let i = Int32(vertices.count)
            vertices.append(p)
            exact.set(i, for: Point2Key(p))
            nextInCell.append(cellHead.value(for: k) ?? -1)
            cellHead.set(i, for: k)
            return i
        }
        // Rings as vertex indexes (open: no closing repeat), consecutive repeats dropped.
        var rings: [[[[Int32]]]] = try districts.map { area in
            try cancellation.check()
            return area.polygons.map { polygon in
                polygon.rings.map { ring in
                    var ids: [Int32] = []
                    ids.reserveCapacity(ring.count)
                    for p in ring {
                        let i = canonical(p)
                        if ids.last != i { ids.append(i) }
                    }
                    while ids.count > 1 && ids.first == ids.last { ids.removeLast() }
                    return ids
                }
            }
        }
        // Rings that snapping collapsed below three distinct vertices go now (a polygon with its
        // shell), before vertices are counted: a collapsed sliver must not make a vertex look shared.
        rings = rings.map { area in
            area.compactMap { polygon -> [[Int32]]? in
                guard let shell = polygon.first, Set(shell).count >= 3 else { return nil }
                return [shell] + polygon.dropFirst().filter { Set($0).count >= 3 }
            }
        }

        // 2. A vertex used once in the whole coverage and lying on the straight line between its
        // ring neighbours (within `straight`) carries no shape and is dropped: such vertices are
        // artefacts of how the areas were built (where the clip index's grid cut a boundary edge,
        // see ClipIndex), and whether GEOS keeps one depends on the last bits of the input, so
        // keeping them would make the written outline depend on those bits (a projected input
        // read back gave another plan) and round them off the line.
        var uses = [Int32](repeating: 0, count: vertices.count)
        for area in rings { for polygon in area { for ring in polygon { for i in ring { uses[Int(i)] += 1 } } } }
        let straight2 = straight * straight
        var dropped = 0
        for d in rings.indices where d >= dropFrom {
            try cancellation.check()
            for q in rings[d].indices { for r in rings[d][q].indices {
                var ring = rings[d][q][r]
                var j = 0
                while ring.count > 3 && j < ring.count {
                    let i = ring[j]
                    let a = vertices[Int(ring[(j + ring.count - 1) % ring.count])], b = vertices[Int(ring[(j + 1) % ring.count])]
                    let p = vertices[Int(i)]
                    let ex = b.x - a.x, ey = b.y - a.y, len2 = ex * ex + ey * ey
                    if uses[Int(i)] == 1, len2 > 0 {
                        let t = ((p.x - a.x) * ex + (p.y - a.y) * ey) / len2
                        let cx = a.x + t * ex - p.x, cy = a.y + t * ey - p.y
                        if t > 0, t < 1, cx * cx + cy * cy <= straight2 {
                            ring.remove(at: j); dropped += 1; uses[Int(i)] = 0
                            continue
                        }
                    }
                    j += 1
                }
                rings[d][q][r] = ring
            } }
        }

        // 3. Every vertex lying on an edge (within tolerance, strictly inside) goes into it.
        var edgeLength = 0.0, edges = 0
        for area in rings { for polygon in area { for ring in polygon where ring.count > 1 {
            for j in ring.indices {
                let a = vertices[Int(ring[j])], b = vertices[Int(ring[(j + 1) % ring.count])]
                edgeLength += ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot(); edges += 1
            }
        } } }
        let cell = max(edges > 0 ? 2 * edgeLength / Double(edges) : 1, tolerance * 4, .leastNormalMagnitude)
        var grid = Grid(points: vertices, cell: cell)
        // (Dropped vertices are no longer in any ring and must not come back into one.)
        for (i, p) in vertices.enumerated() where uses[i] > 0 { grid.insert(Int32(i), p) }
        var inserted = 0
        let tol2 = tolerance * tolerance
        for d in rings.indices {
            try cancellation.check()
            for q in rings[d].indices { for r in rings[d][q].indices {
                let ring = rings[d][q][r]
                guard ring.count > 1 else { continue }
                var out: [Int32] = []
                out.reserveCapacity(ring.count)
                for j in ring.indices {
                    let ia = ring[j], ib = ring[(j + 1) % ring.count]
                    out.append(ia)
                    let a = vertices[Int(ia)], b = vertices[Int(ib)]
                    let ex = b.x - a.x, ey = b.y - a.y
                    let len2 = ex * ex + ey * ey
                    guard len2 > 0 else { continue }
                    var onEdge: [(t: Double, i: Int32)] = []
                    grid.forEach(minX: min(a.x, b.x) - tolerance, minY: min(a.y, b.y) - tolerance,
                                 maxX: max(a.x, b.x) + tolerance, maxY: max(a.y, b.y) + tolerance) { i in
                        guard i != ia, i != ib else { return }
                        let p = vertices[Int(i)]
                        let t = ((p.x - a.x) * ex + (p.y - a.y) * ey) / len2
                        guard t > 0, t < 1 else { return }
                        let cx = a.x + t * ex - p.x, cy = a.y + t * ey - p.y
                        if cx * cx + cy * cy <= tol2 { onEdge.append((t, i)) }
                    }
                    if !onEdge.isEmpty {
                        onEdge.sort { $0.t != $1.t ? $0.t < $1.t : $0.i < $1.i }
                        for e in onEdge where e.i != out.last { out.append(e.i) }
                        inserted += onEdge.count
                    }
                }
                rings[d][q][r] = out
            } }
        }
        try cancellation.check()

        // 4. Back to coordinates; rings that collapsed below three distinct vertices are dropped
        // (a polygon whose shell collapsed with it).
        let result = rings.map { area in
            MultiPolygon(area.compactMap { polygon -> Polygon? in
                var out: [[Point2]] = []
                for (r, ring) in polygon.enumerated() {
                    guard Set(ring).count >= 3 else {
                        if r == 0 { return nil } else { continue }
                    }
                    var pts = ring.map { vertices[Int($0)] }
                    pts.append(pts[0])
                    out.append(pts)
                }
                return Polygon(rings: out)
            })
        }
        return Result(districts: result, snapped: snapped, inserted: inserted, dropped: dropped)
    }
}

/// A point's exact coordinates as hashable bits (or any two integers).
struct Point2Key: Hashable {
    var x: Int64, y: Int64
    init(x: Int64, y: Int64) { self.x = x; self.y = y }
    init(_ p: Point2) { x = Int64(bitPattern: (p.x + 0).bitPattern); y = Int64(bitPattern: (p.y + 0).bitPattern) }
}

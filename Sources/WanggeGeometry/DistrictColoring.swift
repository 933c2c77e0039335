import CGEOS
import WanggeModel

/// Which districts share a boundary of positive length, and colour indexes so that such
/// neighbours differ (DESIGN section 5: `color`).
public enum DistrictColoring {
    /// Pairs (i < j) of districts whose areas share boundary of length > `minimumLength`
    /// (touching at a point does not count), ascending, with the shared length.
    ///
    /// For a coverage whose neighbours share their boundary vertices exactly — what
    /// `ServiceAreas` and `CoveragePrecision` produce — the shared segments are matched by their
    /// exact endpoints in Swift (linear time). Use `adjacencyByOverlay` for arbitrary polygons.
    /// Throws only `CancellationError` (`cancellation` is asked once per district).
    public static func adjacency(_ districts: [MultiPolygon], minimumLength: Double = 0,
                                 cancellation: Cancellation = .never) throws -> [(Int, Int, Double)] {
        // Vertices numbered by their exact bits; a segment is its two vertex numbers (lower first),
        // owned by the first district met with it. Hash tables of `PointKeyTable` (the lookups
        // were most of the colouring's time with `Dictionary`).
        let expected = districts.reduce(0) { $0 + $1.pointCount }
        var vertex = PointKeyTable(expected: expected / 2)
        var owner = PointKeyTable(expected: expected / 2)
        var pairIndex = PointKeyTable(expected: 64)
        var pairs: [(Int, Int)] = [], lengths: [Double] = []
        func number(_ p: Point2) -> Int64 {
            let key = Point2Key(p)
            if let v = vertex.value(for: key) { return Int64(v) }
            let v = Int32(vertex.count)
            vertex.set(v, for: key)
            return Int64(v)
        }
        for (d, district) in districts.enumerated() {
            try cancellation.check()
            for polygon in district.polygons {
                for ring in polygon.rings where ring.count >= 2 {
                    var a = number(ring[0])
                    for i in 0..<(ring.count - 1) {
                        let p = ring[i], q = ring[i + 1]
                        let b = number(q)
                        defer { a = b }
                        if p == q { continue }
                        let key = Point2Key(x: min(a, b), y: max(a, b))
                        if let other = owner.value(for: key) {
                            let o = Int(other)
                            if o != d {
                                let pair = Point2Key(x: Int64(min(o, d)), y: Int64(max(o, d)))
                                let dx = q.x - p.x, dy = q.y - p.y
                                let length = (dx * dx + dy * dy).squareRoot()
                                if let at = pairIndex.value(for: pair) {
                                    lengths[Int(at)] += length
                                } else {
                                    pairIndex.set(Int32(pairs.count), for: pair)
                                    pairs.append((min(o, d), max(o, d))); lengths.append(length)
                                }
                            }
                        } else {
                            owner.set(Int32(d), for: key)
                        }
                    }
                }
            }
        }
        return pairs.indices.filter { lengths[$0] > minimumLength }
            .map { (pairs[$0].0, pairs[$0].1, lengths[$0]) }
            .sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
    }

    /// Adjacency of arbitrary polygons by GEOS: candidate pairs by boxes, then the length of the
    /// intersection of their boundaries. Slower; independent of shared vertices.
    public static func adjacencyByOverlay(_ districts: [MultiPolygon], minimumLength: Double = 0) throws -> [(Int, Int, Double)] {
        let context = GeometryContext()
        return try adjacencyByOverlay(districts.map { try context.multiPolygon($0) }, minimumLength: minimumLength)
    }

    /// The same for GEOS geometries (one context).
    public static func adjacencyByOverlay(_ districts: [Geometry], minimumLength: Double = 0) throws -> [(Int, Int, Double)] {
        let boxes = try districts.map { try $0.bounds() }
        // Sweep over boxes sorted by minX: candidate pairs whose boxes overlap or touch.
        let order = districts.indices.filter { boxes[$0] != nil }.sorted {
            boxes[$0]!.minX != boxes[$1]!.minX ? boxes[$0]!.minX < boxes[$1]!.minX : $0 < $1
        }
        var boundaries: [Geometry?] = Array(repeating: nil, count: districts.count)
        func boundary(_ i: Int) throws -> Geometry {
            if let b = boundaries[i] { return b }
            let b = try districts[i].boundary()
            boundaries[i] = b
            return b
        }
        var pairs: [(Int, Int, Double)] = []
        for (position, i) in order.enumerated() {
            let a = boxes[i]!
            var prepared: PreparedGeometry?
            for j in order[(position + 1)...] {
                let b = boxes[j]!
                if b.minX > a.maxX { break }
                guard b.minY <= a.maxY, a.minY <= b.maxY else { continue }
                if prepared == nil { prepared = try PreparedGeometry(try boundary(i)) }
                guard try prepared!.intersects(try boundary(j)) else { continue }
                let shared = try boundary(i).intersection(try boundary(j)).length()
                if shared > minimumLength { pairs.append((min(i, j), max(i, j), shared)) }
            }
        }
        pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        return pairs
    }

    /// Greedy DSatur colouring: repeatedly colour the uncoloured district with the most distinct
    /// neighbour colours (ties: more neighbours, then lower index) with the smallest colour its
    /// neighbours do not use. Deterministic. Planar maps usually need 4–5 colours, rarely 6.
    public static func colorDistricts(count: Int, adjacency: [(Int, Int, Double)]) -> [Int] {
        var neighbours = [[Int]](repeating: [], count: count)
        for (i, j, _) in adjacency where i != j {
            neighbours[i].append(j); neighbours[j].append(i)
        }
        for i in 0..<count { neighbours[i] = Array(Set(neighbours[i])).sorted() }
        var color = [Int](repeating: -1, count: count)
        var saturation = [Set<Int>](repeating: [], count: count)
        for _ in 0..<count {
            var best = -1
            for v in 0..<count where color[v] < 0 {
                if best < 0 { best = v; continue }
                let (sv, sb) = (saturation[v].count, saturation[best].count)
                if sv > sb || (sv == sb && neighbours[v].count > neighbours[best].count) { best = v }
            }
            var c = 0
            while saturation[best].contains(c) { c += 1 }
            color[best] = c
            for w in neighbours[best] { saturation[w].insert(c) }
        }
        return color
    }

    /// Adjacency and colours in one call. Throws only `CancellationError`.
    public static func colors(_ districts: [MultiPolygon], cancellation: Cancellation = .never) throws -> [Int] {
        colorDistricts(count: districts.count, adjacency: try adjacency(districts, cancellation: cancellation))
    }
}

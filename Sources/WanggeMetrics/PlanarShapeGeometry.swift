import WanggeModel

/// Plain-Swift planar geometry (an independent check of the GEOS figures, and usable without
/// GEOS): shoelace area, ring length, Andrew's
/// monotone-chain convex hull and Welzl's minimum enclosing circle (iterative form, points in a
/// fixed pseudo-random order so the expected time is linear and the result deterministic).
public struct PlanarShapeGeometry: ShapeGeometry, Sendable {
    public init() {}

    public func hullAndCircleArea(_ shape: MultiPolygon) -> (hull: Double, circle: Double) {
        // Holes lie inside their exterior, so exterior vertices determine hull and circle.
        var points: [Point2] = []
        for polygon in shape.polygons { points.append(contentsOf: polygon.exterior) }
        let hull = Self.convexHull(points)
        let circle = Self.minimumEnclosingCircle(hull)
        return (abs(Self.signedArea(hull + [hull.first ?? Point2(0, 0)])), Double.pi * circle.radius * circle.radius)
    }

    /// Shoelace signed area of a closed ring (counter-clockwise positive).
    public static func signedArea(_ ring: [Point2]) -> Double {
        guard ring.count > 2 else { return 0 }
        // Relative to the first vertex, so large UTM coordinates do not cancel digits.
        let o = ring[0]
        var s = 0.0
        for i in 0..<(ring.count - 1) {
            let a = ring[i], b = ring[i + 1]
            s += (a.x - o.x) * (b.y - o.y) - (b.x - o.x) * (a.y - o.y)
        }
        return s / 2
    }

    /// Length of a closed ring.
    public static func length(_ ring: [Point2]) -> Double {
        guard ring.count > 1 else { return 0 }
        var s = 0.0
        for i in 0..<(ring.count - 1) {
            let dx = ring[i + 1].x - ring[i].x, dy = ring[i + 1].y - ring[i].y
            s += (dx * dx + dy * dy).squareRoot()
        }
        return s
    }

    /// Convex hull, counter-clockwise, not closed, collinear points dropped.
    public static func convexHull(_ input: [Point2]) -> [Point2] {
        let pts = input.sorted { $0.x != $1.x ? $0.x < $1.x : $0.y < $1.y }
        guard pts.count > 2 else { return pts }
        func cross(_ o: Point2, _ a: Point2, _ b: Point2) -> Double {
            (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x)
        }
        var hull: [Point2] = []
        hull.reserveCapacity(pts.count + 1)
        for p in pts {
            while hull.count >= 2 && cross(hull[hull.count - 2], hull[hull.count - 1], p) <= 0 { hull.removeLast() }
            hull.append(p)
        }
        let lower = hull.count + 1
        for p in pts.reversed().dropFirst() {
            while hull.count >= lower && cross(hull[hull.count - 2], hull[hull.count - 1], p) <= 0 { hull.removeLast() }
            hull.append(p)
        }
        hull.removeLast()
        return hull
    }

    /// The smallest circle containing every point.
    public static func minimumEnclosingCircle(_ input: [Point2]) -> (center: Point2, radius: Double) {
        guard !input.isEmpty else { return (Point2(0, 0), 0) }
        // Work relative to the first point for precision, in a fixed shuffled order.
        let o = input[0]
        var pts = input.map { Point2($0.x - o.x, $0.y - o.y) }
        var rng = SplitMix64(seed: 0x5EED_C1C1E)
        if pts.count > 1 {
            for i in stride(from: pts.count - 1, to: 0, by: -1) {
                pts.swapAt(i, Int(rng.next() % UInt64(i + 1)))
            }
        }
        let eps = 1e-9
        func inside(_ c: (Point2, Double), _ p: Point2) -> Bool {
            let dx = p.x - c.0.x, dy = p.y - c.0.y
            return (dx * dx + dy * dy).squareRoot() <= c.1 * (1 + eps) + eps
        }
        func two(_ a: Point2, _ b: Point2) -> (Point2, Double) {
            let c = Point2((a.x + b.x) / 2, (a.y + b.y) / 2)
            return (c, ((a.x - c.x) * (a.x - c.x) + (a.y - c.y) * (a.y - c.y)).squareRoot())
        }
        func three(_ a: Point2, _ b: Point2, _ c: Point2) -> (Point2, Double) {
            let bx = b.x - a.x, by = b.y - a.y, cx = c.x - a.x, cy = c.y - a.y
            let d = 2 * (bx * cy - by * cx)
            if abs(d) < 1e-300 {   // collinear: the widest pair
                let cands = [two(a, b), two(a, c), two(b, c)]
                return cands.max { $0.1 < $1.1 }!
            }
            let b2 = bx * bx + by * by, c2 = cx * cx + cy * cy
            let ux = (cy * b2 - by * c2) / d, uy = (bx * c2 - cx * b2) / d
            return (Point2(a.x + ux, a.y + uy), (ux * ux + uy * uy).squareRoot())
        }
        var c: (Point2, Double) = (pts[0], 0)
        for i in 1..<pts.count where !inside(c, pts[i]) {
            c = (pts[i], 0)
            for j in 0..<i where !inside(c, pts[j]) {
                c = two(pts[i], pts[j])
                for m in 0..<j where !inside(c, pts[m]) {
                    c = three(pts[i], pts[j], pts[m])
                }
            }
        }
        return (Point2(c.0.x + o.x, c.0.y + o.y), c.1)
    }
}



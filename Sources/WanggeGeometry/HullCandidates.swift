import WanggeModel

/// The points of a set that can lie on the boundary of its convex hull (Akl–Toussaint): every point
/// except those strictly inside the polygon spanned by the set's extreme points in eight directions
/// (`HullOctagon`). That polygon's corners are points of the set, so it lies inside the hull and what
/// it holds strictly inside is inside the hull too: GEOS's convex hull of the kept points is the
/// convex hull of all of them, the same coordinates in the same order (GEOS sorts the points it is
/// given around the lowest one and keeps only those on the hull's boundary, and every such point is
/// kept here).
///
/// On a spread-out default region (a hundred thousand hamlets' buffers, ~5 million vertices) this
/// keeps a few thousand points, and GEOS's hull no longer puts millions of coordinates into a set.
enum HullCandidates {
    /// The kept points of `parts` (each an array of points), in order; `boxes[i]` is the box around
    /// `parts[i]` (a part whose box lies strictly inside the octagon is skipped without a look at
    /// its points).
    static func filter(_ parts: [[Point2]], boxes: [BoundingBox]) -> [Point2] {
        precondition(parts.count == boxes.count, "one box per part")
        guard let octagon = HullOctagon(parts) else { return parts.flatMap { $0 } }
        var kept: [Point2] = []
        for (part, box) in zip(parts, boxes) where !octagon.strictlyContains(box) {
            for p in part where !octagon.strictlyContains(p.x, p.y) { kept.append(p) }
        }
        return kept
    }
}

/// The convex polygon spanned by a point set's extreme points in eight directions (least and
/// greatest x, y, x + y and x − y), with a test for lying strictly inside it. It lies inside the
/// set's convex hull (and inside any region holding the points), so whatever it holds strictly
/// inside is strictly inside that hull. "Strictly" keeps a margin of a millionth of the set's
/// extent from every edge, so floating-point rounding never counts a point on the edge as inside.
struct HullOctagon {
    private let edges: [(x: Double, y: Double, dx: Double, dy: Double, limit: Double)]

    /// Nil when the extreme points do not span a polygon (fewer than three distinct ones, or no extent).
    init?(_ parts: [[Point2]]) {
        // Extremes in the eight directions, counter-clockwise from "least y".
        var best = [Point2?](repeating: nil, count: 8)
        var value = [Double](repeating: -.infinity, count: 8)
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        @inline(__always) func offer(_ d: Int, _ key: Double, _ p: Point2) {
            if key > value[d] { value[d] = key; best[d] = p }
        }
        for part in parts {
            for p in part {
                offer(0, -p.y, p); offer(1, p.x - p.y, p); offer(2, p.x, p); offer(3, p.x + p.y, p)
                offer(4, p.y, p); offer(5, p.y - p.x, p); offer(6, -p.x, p); offer(7, -p.x - p.y, p)
                minX = min(minX, p.x); maxX = max(maxX, p.x); minY = min(minY, p.y); maxY = max(maxY, p.y)
            }
        }
        var corners: [Point2] = []
        for case let p? in best where corners.last != p { corners.append(p) }
        while corners.count > 1 && corners.first == corners.last { corners.removeLast() }
        let margin = 1e-6 * max(maxX - minX, maxY - minY)
        guard corners.count >= 3, margin > 0, margin.isFinite else { return nil }
        // Edge e runs from corners[e] to corners[e + 1]; inside is to the left of every edge.
        edges = corners.indices.map { e in
            let a = corners[e], b = corners[(e + 1) % corners.count]
            let dx = b.x - a.x, dy = b.y - a.y
            return (a.x, a.y, dx, dy, margin * (dx * dx + dy * dy).squareRoot())
        }
    }

    /// Whether (x, y) lies more than the margin inside every edge.
    @inline(__always) func strictlyContains(_ x: Double, _ y: Double) -> Bool {
        for e in edges where e.dx * (y - e.y) - e.dy * (x - e.x) <= e.limit { return false }
        return true
    }

    /// Whether the whole box lies strictly inside (its four corners do: the octagon is convex).
    func strictlyContains(_ box: BoundingBox) -> Bool {
        strictlyContains(box.minX, box.minY) && strictlyContains(box.maxX, box.minY)
            && strictlyContains(box.maxX, box.maxY) && strictlyContains(box.minX, box.maxY)
    }
}

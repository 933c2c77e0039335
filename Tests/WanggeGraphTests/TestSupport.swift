import WanggeModel
@testable import WanggeGraph

/// The project's seeded generator, so test inputs are reproducible.
typealias SeededGenerator = SplitMix64

func randomPoints(_ n: Int, seed: UInt64, in range: ClosedRange<Double> = 0...1000) -> ([Double], [Double]) {
    var g = SeededGenerator(seed: seed)
    return ((0..<n).map { _ in Double.random(in: range, using: &g) },
            (0..<n).map { _ in Double.random(in: range, using: &g) })
}

/// Everything a triangulation of distinct points must satisfy, checked independently of the builder.
/// Returns a list of violations (empty when valid).
func triangulationViolations(_ d: Delaunay, x: [Double], y: [Double], globalCheck: Bool = false) -> [String] {
    var problems: [String] = []
    let n = x.count
    let t = d.triangles, h = d.halfedges
    if t.count != h.count { return ["triangles and halfedges differ in length"] }
    if t.isEmpty { return problems }
    // Counter-clockwise triangles.
    for k in 0..<(t.count / 3) {
        let a = Int(t[3 * k]), b = Int(t[3 * k + 1]), c = Int(t[3 * k + 2])
        if orient2d(x[a], y[a], x[b], y[b], x[c], y[c]) <= 0 { problems.append("triangle \(k) not CCW") }
    }
    // Half-edge symmetry.
    var hullEdges = 0
    for e in 0..<h.count {
        let f = Int(h[e])
        if f == -1 { hullEdges += 1; continue }
        if Int(h[f]) != e { problems.append("halfedge \(e) twin not symmetric") }
        if t[e] != t[Delaunay.next(f)] || t[f] != t[Delaunay.next(e)] { problems.append("halfedge \(e) endpoints") }
    }
    if hullEdges != d.hull.count { problems.append("hull edges \(hullEdges) vs hull \(d.hull.count)") }
    // Every point is a vertex.
    var used = [Bool](repeating: false, count: n)
    for v in t { used[Int(v)] = true }
    if used.contains(false) { problems.append("\(used.filter { !$0 }.count) points not triangulated") }
    // Euler: T = 2n - 2 - h.
    if t.count / 3 != 2 * n - 2 - d.hull.count {
        problems.append("Euler: \(t.count / 3) triangles, n \(n), hull \(d.hull.count)")
    }
    // Convex hull, counter-clockwise, no point outside.
    let hull = d.hull.map(Int.init)
    for k in 0..<hull.count {
        let a = hull[k], b = hull[(k + 1) % hull.count], c = hull[(k + 2) % hull.count]
        if orient2d(x[a], y[a], x[b], y[b], x[c], y[c]) < 0 { problems.append("hull not convex at \(b)") }
    }
    // Area: the triangles exactly cover the hull polygon.
    // (Coordinates relative to the first point; tolerance relative to the squared extent.)
    var triArea = 0.0, hullArea = 0.0
    let ox = x[0], oy = y[0]
    let extent = (x.max()! - x.min()!) + (y.max()! - y.min()!)
    for k in 0..<(t.count / 3) {
        let a = Int(t[3 * k]), b = Int(t[3 * k + 1]), c = Int(t[3 * k + 2])
        triArea += ((x[b] - x[a]) * (y[c] - y[a]) - (y[b] - y[a]) * (x[c] - x[a])) / 2
    }
    for k in 0..<hull.count {
        let a = hull[k], b = hull[(k + 1) % hull.count]
        hullArea += ((x[a] - ox) * (y[b] - oy) - (x[b] - ox) * (y[a] - oy)) / 2
    }
    if abs(triArea - hullArea) > 1e-9 * extent * extent { problems.append("area \(triArea) vs hull \(hullArea)") }
    // Local Delaunay property on every interior edge (equivalent to the global empty-circle property).
    for e in 0..<h.count {
        let f = Int(h[e])
        if f < e { continue }
        let a = Int(t[e]), b = Int(t[Delaunay.next(e)]), c = Int(t[Delaunay.prev(e)])
        let p = Int(t[Delaunay.prev(f)])
        if incircle(x[a], y[a], x[b], y[b], x[c], y[c], x[p], y[p]) > 0 {
            problems.append("edge \(a)-\(b) not locally Delaunay")
        }
    }
    if globalCheck {
        for k in 0..<(t.count / 3) {
            let a = Int(t[3 * k]), b = Int(t[3 * k + 1]), c = Int(t[3 * k + 2])
            for p in 0..<n where incircle(x[a], y[a], x[b], y[b], x[c], y[c], x[p], y[p]) > 0 {
                problems.append("point \(p) inside circumcircle of triangle \(k)")
            }
        }
    }
    return problems
}

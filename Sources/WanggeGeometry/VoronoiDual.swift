import CGEOS
import WanggeModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// District regions straight from a triangulation's dual, without building one polygon per site:
/// the Voronoi vertices are the triangles' circumcentres, and a district's boundary is made of the
/// Voronoi edges dual to triangle edges whose two sites lie in different districts (plus the far
/// outer boundary). Each boundary is chained into rings in Swift and turned into polygons by GEOS
/// (BuildArea). Near-equal circumcentres (cocircular sites, as on a grid) are merged so that
/// every shared vertex has one exact coordinate and no edge is degenerate.
struct VoronoiDual {
    /// Voronoi vertex coordinates: merged circumcentres, then far points of the unbounded cells.
    private(set) var vertices: [Point2] = []
    /// Directed boundary edges (vertex ids) per district, the district on the left.
    private(set) var edges: [[(Int32, Int32)]]

    init(sites: [Point2], siteDistrict: [Int32], k: Int, triangulation tri: Triangulation,
         extent: BoundingBox) throws {
        let triangles = tri.triangles
        let triangleCount = triangles.count / 3
        edges = Array(repeating: [], count: k)
        guard triangleCount > 0 else { throw WanggeError(.software, "no triangles") }

        // Circumcentres.
        var centre = [Point2](repeating: Point2(0, 0), count: triangleCount)
        for t in 0..<triangleCount {
            let a = sites[Int(triangles[3 * t])], b = sites[Int(triangles[3 * t + 1])], c = sites[Int(triangles[3 * t + 2])]
            let dx = b.x - a.x, dy = b.y - a.y, ex = c.x - a.x, ey = c.y - a.y
            let bl = dx * dx + dy * dy, cl = ex * ex + ey * ey
            let det = dx * ey - dy * ex
            guard det > 0 else { throw WanggeError(.software, "degenerate triangle \(t)") }
            let d = 0.5 / det
            let p = Point2(a.x + (ey * bl - dy * cl) * d, a.y + (dx * cl - ex * bl) * d)
            guard p.x.isFinite, p.y.isFinite else { throw WanggeError(.software, "degenerate triangle \(t)") }
            centre[t] = p
        }
        // Merge circumcentres closer than eps across shared edges (union-find, smallest root).
        let scale = max(extent.maxX - extent.minX, extent.maxY - extent.minY, 1)
        let eps = 1e-9 * scale
        var parent = Array(0..<Int32(triangleCount))
        func find(_ x: Int32) -> Int32 {
            var x = x
            while parent[Int(x)] != x { parent[Int(x)] = parent[Int(parent[Int(x)])]; x = parent[Int(x)] }
            return x
        }
        for e in 0..<triangles.count {
            let f = Int(tri.twin[e])
            guard f > e else { continue }
            let t = e / 3, u = f / 3
            let p = centre[t], q = centre[u]
            if abs(p.x - q.x) <= eps && abs(p.y - q.y) <= eps {
                let rt = find(Int32(t)), ru = find(Int32(u))
                if rt != ru { if rt < ru { parent[Int(ru)] = rt } else { parent[Int(rt)] = ru } }
            }
        }
        var vertexOf = [Int32](repeating: -1, count: triangleCount)
        vertices.reserveCapacity(triangleCount)
        for t in 0..<triangleCount {
            let r = Int(find(Int32(t)))
            if vertexOf[r] < 0 { vertexOf[r] = Int32(vertices.count); vertices.append(centre[r]) }
            vertexOf[t] = vertexOf[r]
        }

        // Interior Voronoi edges: half-edge a→b (its triangle on the left) gives the edge from
        // its triangle's centre to the twin's, with b's cell on the left.
        var farOfHullEdge: [Int: Int32] = [:]
        var hullNext: [Int32: Int] = [:] // hull vertex a -> hull half-edge leaving a
        let centreX = (extent.minX + extent.maxX) / 2, centreY = (extent.minY + extent.maxY) / 2
        let radius = max(extent.maxX - extent.minX, extent.maxY - extent.minY, 1)
        for e in 0..<triangles.count {
            let a = triangles[e], b = triangles[Triangulation.next(e)]
            let f = Int(tri.twin[e])
            let from = vertexOf[e / 3]
            if f >= 0 {
                let da = siteDistrict[Int(a)], db = siteDistrict[Int(b)]
                guard da != db else { continue }
                let to = vertexOf[f / 3]
                if from != to { edges[Int(db)].append((from, to)) }
            } else {
                // Hull edge: a ray outward (to the right of a→b) from the centre, cut far away.
                let pa = sites[Int(a)], pb = sites[Int(b)]
                var nx = pb.y - pa.y, ny = -(pb.x - pa.x)
                let len = (nx * nx + ny * ny).squareRoot()
                nx /= len; ny /= len
                let c = vertices[Int(from)]
                let reach = 1000 * ((c.x - centreX) * (c.x - centreX) + (c.y - centreY) * (c.y - centreY)).squareRoot()
                    + 1000 * radius
                let far = Int32(vertices.count)
                vertices.append(Point2(c.x + reach * nx, c.y + reach * ny))
                farOfHullEdge[e] = far
                hullNext[a] = e
                let da = siteDistrict[Int(a)], db = siteDistrict[Int(b)]
                if da != db {
                    edges[Int(db)].append((from, far))
                    edges[Int(da)].append((far, from))
                }
            }
        }
        // Outer boundary of each hull site's cell: from the ray of the incoming hull edge to the
        // ray of the outgoing one, through far points in the directions between the two normals
        // (every such point is nearer to the hull vertex than to any other site).
        for (e, farIn) in farOfHullEdge.sorted(by: { $0.key < $1.key }) {
            let b = triangles[Triangulation.next(e)]
            guard let out = hullNext[b], let farOut = farOfHullEdge[out] else {
                throw WanggeError(.software, "open convex hull at site \(b)")
            }
            let pb = sites[Int(b)]
            let pa = sites[Int(triangles[e])], pc = sites[Int(triangles[Triangulation.next(out)])]
            let a1 = angle(of: Point2(pb.y - pa.y, -(pb.x - pa.x)))
            var a2 = angle(of: Point2(pc.y - pb.y, -(pc.x - pb.x)))
            while a2 < a1 { a2 += 2 * Double.pi }
            let steps = Int(((a2 - a1) / (Double.pi / 6)).rounded(.up))
            let reach = 1000 * ((pb.x - centreX) * (pb.x - centreX) + (pb.y - centreY) * (pb.y - centreY)).squareRoot()
                + 1000 * radius
            var previous = farIn
            let db = Int(siteDistrict[Int(b)])
            if steps > 1 {
                for j in 1..<steps {
                    let theta = a1 + (a2 - a1) * Double(j) / Double(steps)
                    let id = Int32(vertices.count)
                    vertices.append(Point2(pb.x + reach * cosine(theta), pb.y + reach * sine(theta)))
                    edges[db].append((previous, id))
                    previous = id
                }
            }
            edges[db].append((previous, farOut))
        }
    }

    /// The district's region (unclipped) as a GEOS geometry; empty polygon when it has no edges.
    func region(of district: Int, context: GeometryContext) throws -> Geometry {
        let rings = chainNodedPaths(edges[district])
        let lines = try context.multiLineString(rings.map { $0.map { vertices[Int($0)] } })
        return try context.wrap(GEOSBuildArea_r(context.handle, lines.pointer), "BuildArea")
    }
}

private func angle(of v: Point2) -> Double { atan2(v.y, v.x) }
private func sine(_ x: Double) -> Double { sin(x) }
private func cosine(_ x: Double) -> Double { cos(x) }

/// Chains directed edges into noded paths: a path ends at every vertex with more than one
/// outgoing edge (where the district touches itself), so the linework is fully noded for
/// GEOS's polygonizer; what remains are simple closed rings.
func chainNodedPaths(_ list: [(Int32, Int32)]) -> [[Int32]] {
    let sorted = list.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
    var firstOut: [Int32: Int] = [:]
    var outDegree: [Int32: Int] = [:]
    for (i, edge) in sorted.enumerated() {
        if firstOut[edge.0] == nil { firstOut[edge.0] = i }
        outDegree[edge.0, default: 0] += 1
    }
    var used = [Bool](repeating: false, count: sorted.count)
    var paths: [[Int32]] = []
    func follow(from i: Int) {
        var path: [Int32] = [sorted[i].0]
        var current = i
        while true {
            used[current] = true
            let to = sorted[current].1
            path.append(to)
            if to == path[0] || outDegree[to, default: 0] != 1 { break }
            guard let next = firstOut[to], !used[next] else { break }
            current = next
        }
        paths.append(path)
    }
    for i in sorted.indices where !used[i] && outDegree[sorted[i].0, default: 0] > 1 { follow(from: i) }
    for i in sorted.indices where !used[i] { follow(from: i) }
    return paths
}

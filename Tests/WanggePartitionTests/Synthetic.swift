// Synthetic sites and graphs for the partition tests (and the speed scratch runs).
import WanggePartition
import WanggeModel
import WanggeGraph

/// A small seeded generator for test data.
struct TestRNG: RandomNumberGenerator {
    var generator: SplitMix64
    init(_ seed: UInt64) { generator = SplitMix64(seed: seed ^ 0xD1B5_4A32_D192_ED03) }
    mutating func next() -> UInt64 { generator.next() }
    mutating func unit() -> Double { generator.unit() }
    mutating func normal() -> Double {
        let u = max(unit(), 1e-300), v = unit()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct Sites {
    var x: [Double] = [], y: [Double] = [], load: [Double] = []
    var group: [Int32]? = nil
    var nest: [Int32]? = nil
    var relA: [Int32] = [], relB: [Int32] = [], relW: [Double] = []
    var offsets: [Int32] = [0], neighbours: [Int32] = []

    func problem(k: Int, tolerance: Double = 0.05, seed: UInt64 = 1, splitGroups: Bool = false,
                 relationTradeOff: Double = 1) -> PartitionProblem {
        PartitionProblem(x: x, y: y, load: load, offsets: offsets, neighbours: neighbours,
                         relationA: relA, relationB: relB, relationWeight: relW, group: group, nest: nest,
                         k: k, tolerance: tolerance, seed: seed, relationTradeOff: relationTradeOff,
                         splitGroups: splitGroups)
    }
}

/// n points uniform in a square of side √n·100 m, unit loads, kNN graph.
func uniformSites(_ n: Int, seed: UInt64, neighbours kn: Int = 6) -> Sites {
    var rng = TestRNG(seed)
    var s = Sites()
    let side = Double(n).squareRoot() * 100
    for _ in 0..<n { s.x.append(rng.unit() * side); s.y.append(rng.unit() * side); s.load.append(1) }
    (s.offsets, s.neighbours) = delaunayGraph(x: s.x, y: s.y)
    return s
}

/// Households clustered in hamlets, in work groups of 5–15 living close together, with kinship
/// relations inside hamlets: like the sample (1312 households, 141 groups).
func clusteredSites(households: Int = 1312, groups: Int = 141, seed: UInt64,
                    spread: Double = 300, groupRadius: Double = 30, fixedArea: Bool = false) -> Sites {
    var rng = TestRNG(seed)
    var sizes = (0..<groups).map { _ in 5 + Int(rng.next() % 11) }
    var sum = sizes.reduce(0, +)
    var i = 0
    while sum != households {
        if sum < households && sizes[i] < 15 { sizes[i] += 1; sum += 1 }
        else if sum > households && sizes[i] > 5 { sizes[i] -= 1; sum -= 1 }
        i = (i + 1) % groups
    }
    let hamlets = max(groups / 5, 1)
    // The village area grows with the household count (1312 households: 6 × 5 km).
    let f = fixedArea ? 1 : (Double(households) / 1312).squareRoot()
    let hx = (0..<hamlets).map { _ in rng.unit() * 6000 * f }, hy = (0..<hamlets).map { _ in rng.unit() * 5000 * f }
    var s = Sites()
    var group: [Int32] = []
    var hamletOf: [Int] = []
    for g in 0..<groups {
        let h = Int(rng.next() % UInt64(hamlets))
        let gx = hx[h] + rng.normal() * spread, gy = hy[h] + rng.normal() * spread
        for _ in 0..<sizes[g] {
            s.x.append(gx + rng.normal() * groupRadius); s.y.append(gy + rng.normal() * groupRadius)
            s.load.append(1); group.append(Int32(g)); hamletOf.append(h)
        }
    }
    s.group = group
    let n = s.x.count
    var inHamlet = [[Int]](repeating: [], count: hamlets)
    for i in 0..<n { inHamlet[hamletOf[i]].append(i) }
    for _ in 0..<(n / 4) {
        // A relative nearby: another household of the same hamlet.
        let a = Int(rng.next() % UInt64(n))
        let pool = inHamlet[hamletOf[a]]
        let b = pool[Int(rng.next() % UInt64(pool.count))]
        if a != b { s.relA.append(Int32(a)); s.relB.append(Int32(b)); s.relW.append(1) }
    }
    (s.offsets, s.neighbours) = delaunayGraph(x: s.x, y: s.y)
    return s
}

/// Symmetric k-nearest-neighbour graph over a grid; with `connect`, components are joined to
/// their nearest other component so the graph is connected (a stand-in for the Delaunay graph).
func knnGraph(x: [Double], y: [Double], k: Int, connect: Bool) -> ([Int32], [Int32]) {
    let n = x.count
    var x0 = Double.infinity, y0 = Double.infinity, x1 = -Double.infinity, y1 = -Double.infinity
    for i in 0..<n { x0 = min(x0, x[i]); x1 = max(x1, x[i]); y0 = min(y0, y[i]); y1 = max(y1, y[i]) }
    let cell = max(((x1 - x0) * (y1 - y0) / Double(n)).squareRoot() * 1.2, 1e-6)
    let nx = Int((x1 - x0) / cell) + 1, ny = Int((y1 - y0) / cell) + 1
    var start = [Int](repeating: 0, count: nx * ny + 1)
    var cellOf = [Int](repeating: 0, count: n)
    for i in 0..<n {
        cellOf[i] = min(ny - 1, Int((y[i] - y0) / cell)) * nx + min(nx - 1, Int((x[i] - x0) / cell))
        start[cellOf[i] + 1] += 1
    }
    for c in 0..<(nx * ny) { start[c + 1] += start[c] }
    var fill = Array(start[0..<(nx * ny)]), items = [Int](repeating: 0, count: n)
    for i in 0..<n { items[fill[cellOf[i]]] = i; fill[cellOf[i]] += 1 }
    var edges: [(Int32, Int32)] = []
    edges.reserveCapacity(n * k)
    var cand: [(Double, Int)] = []
    for i in 0..<n {
        let cx = cellOf[i] % nx, cy = cellOf[i] / nx
        var r = 1
        while true {
            cand.removeAll(keepingCapacity: true)
            for yy in max(0, cy - r)...min(ny - 1, cy + r) {
                for xx in max(0, cx - r)...min(nx - 1, cx + r) {
                    let c = yy * nx + xx
                    for j in start[c]..<start[c + 1] where items[j] != i {
                        let t = items[j]; let dx = x[t] - x[i], dy = y[t] - y[i]
                        cand.append((dx * dx + dy * dy, t))
                    }
                }
            }
            if cand.count >= k || r > max(nx, ny) { break }
            r += 1
        }
        cand.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        for (_, t) in cand.prefix(k) { edges.append((Int32(min(i, t)), Int32(max(i, t)))) }
    }
    if connect {
        // Join components: each non-largest component links to its nearest outside point.
        while true {
            let (off, adj) = csr(n: n, edges: edges)
            var comp = [Int](repeating: -1, count: n), count = 0, queue: [Int] = []
            for s in 0..<n where comp[s] < 0 {
                comp[s] = count; queue = [s]; var h = 0
                while h < queue.count {
                    let u = queue[h]; h += 1
                    for e in Int(off[u])..<Int(off[u + 1]) where comp[Int(adj[e])] < 0 { comp[Int(adj[e])] = count; queue.append(Int(adj[e])) }
                }
                count += 1
            }
            if count <= 1 { break }
            var members = [[Int]](repeating: [], count: count)
            for i in 0..<n { members[comp[i]].append(i) }
            for c in 1..<count {
                var best = (Double.infinity, 0, 0)
                for a in members[c] {
                    for b in 0..<n where comp[b] != c {
                        let dx = x[a] - x[b], dy = y[a] - y[b], d = dx * dx + dy * dy
                        if d < best.0 { best = (d, a, b) }
                    }
                }
                edges.append((Int32(min(best.1, best.2)), Int32(max(best.1, best.2))))
            }
        }
    }
    return csr(n: n, edges: edges)
}

func csr(n: Int, edges: [(Int32, Int32)]) -> ([Int32], [Int32]) {
    let uniq = Set(edges.map { Int64($0.0) << 32 | Int64($0.1) }).sorted()
    var deg = [Int32](repeating: 0, count: n + 1)
    for e in uniq { deg[Int(e >> 32) + 1] += 1; deg[Int(e & 0xFFFF_FFFF) + 1] += 1 }
    for i in 0..<n { deg[i + 1] += deg[i] }
    var fill = Array(deg[0..<n]), adj = [Int32](repeating: 0, count: Int(deg[n]))
    for e in uniq {
        let a = Int(e >> 32), b = Int(e & 0xFFFF_FFFF)
        adj[Int(fill[a])] = Int32(b); fill[a] += 1
        adj[Int(fill[b])] = Int32(a); fill[b] += 1
    }
    return (deg, adj)
}

/// The Delaunay graph (untrimmed, so connected) as CSR; edges longer than `trim` are dropped.
func delaunayGraph(x: [Double], y: [Double], trim: Double = .infinity) -> ([Int32], [Int32]) {
    let d = Delaunay(x: x, y: y)
    var edges: [(Int32, Int32)] = []
    edges.reserveCapacity(d.triangles.count / 2 + d.hull.count)
    for e in 0..<d.triangles.count {
        let a = d.triangles[e], b = d.triangles[Delaunay.next(e)]
        if d.halfedges[e] < 0 || a < b {
            let dx = x[Int(a)] - x[Int(b)], dy = y[Int(a)] - y[Int(b)]
            if (dx * dx + dy * dy).squareRoot() <= trim { edges.append((min(a, b), max(a, b))) }
        }
    }
    return csr(n: x.count, edges: edges)
}

import WanggeModel
import WanggeGraph
import WanggePartition
import WanggeEnsemble

/// A random test input: points in a square, their Delaunay graph with a "river" at x = side/2
/// that only a crossing near the middle lets edges through, optional work groups (connected
/// blocks grown in the graph) and nest units (the two banks).
struct TestInput {
    var problem: PartitionProblem
    var group: [Int32]?
    var nest: [Int32]?
}

func randomInput(sites n: Int, k: Int, seed: UInt64, groupSize: Int?, nest: Bool, tolerance: Double = 0.1) -> TestInput {
    var rng = SplitMix64(seed: seed)
    let side = Double(n).squareRoot() * 100
    var x: [Double] = [], y: [Double] = []
    for _ in 0..<n { x.append(rng.unit() * side); y.append(rng.unit() * side) }
    let d = Delaunay(x: x, y: y)
    var edges = Set<Int64>()
    for e in 0..<d.triangles.count {
        let a = d.triangles[e], b = d.triangles[Delaunay.next(e)]
        let left = x[Int(a)] < side / 2, leftB = x[Int(b)] < side / 2
        if left != leftB {
            let my = (y[Int(a)] + y[Int(b)]) / 2
            if my < 0.4 * side || my > 0.6 * side { continue } // the river, crossed only near the middle
        }
        edges.insert(Int64(min(a, b)) << 32 | Int64(max(a, b)))
    }
    var adj = [[Int32]](repeating: [], count: n)
    for key in edges.sorted() {
        let a = Int(key >> 32), b = Int(key & 0xFFFF_FFFF)
        adj[a].append(Int32(b)); adj[b].append(Int32(a))
    }
    var offsets: [Int32] = [0], neighbours: [Int32] = []
    for a in 0..<n { neighbours += adj[a].sorted(); offsets.append(Int32(neighbours.count)) }
    var group: [Int32]? = nil
    if let size = groupSize {
        var g = [Int32](repeating: -1, count: n)
        var next: Int32 = 0
        for s in 0..<n where g[s] < 0 {
            var queue = [s]; g[s] = next
            var h = 0
            while h < queue.count && queue.count < size {
                let u = queue[h]; h += 1
                for v in adj[u] where g[Int(v)] < 0 && queue.count < size && (x[Int(v)] < side / 2) == (x[s] < side / 2) {
                    g[Int(v)] = next; queue.append(Int(v))
                }
            }
            next += 1
        }
        group = g
    }
    let nestUnits: [Int32]? = nest ? x.map { $0 < side / 2 ? 0 : 1 } : nil
    // A few relations between nearby sites.
    var ra: [Int32] = [], rb: [Int32] = [], rw: [Double] = []
    for s in 0..<n where !adj[s].isEmpty && rng.next() % 3 == 0 {
        ra.append(Int32(s)); rb.append(adj[s][Int(rng.next() % UInt64(adj[s].count))]); rw.append(1 + Double(rng.next() % 3))
    }
    let p = PartitionProblem(x: x, y: y, load: (0..<n).map { _ in Double(1 + rng.next() % 3) }, offsets: offsets,
                             neighbours: neighbours, relationA: ra, relationB: rb, relationWeight: rw, group: group,
                             nest: nestUnits, k: k, tolerance: tolerance, seed: seed, splitGroups: group == nil)
    return TestInput(problem: p, group: group, nest: nestUnits)
}

/// Pieces of each district in the site graph.
func sitePieces(_ p: PartitionProblem, _ district: [Int32]) -> [Int] {
    var seen = [Bool](repeating: false, count: p.siteCount), per = [Int](repeating: 0, count: p.k)
    for s in 0..<p.siteCount where !seen[s] {
        per[Int(district[s])] += 1
        var stack = [s]; seen[s] = true
        while let u = stack.popLast() {
            for e in Int(p.offsets[u])..<Int(p.offsets[u + 1]) {
                let v = Int(p.neighbours[e])
                if !seen[v] && district[v] == district[u] { seen[v] = true; stack.append(v) }
            }
        }
    }
    return per
}

func close(_ a: Double?, _ b: Double?) -> Bool {
    switch (a, b) {
    case (nil, nil): return true
    case let (x?, y?): return abs(x - y) <= 1e-7 * max(1, abs(x), abs(y))
    default: return false
    }
}

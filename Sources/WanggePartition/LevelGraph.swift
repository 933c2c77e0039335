/// One level of the multilevel hierarchy: a CSR graph whose nodes carry load and a centroid,
/// with contiguity edge weights (how many finest edges each stands for) and relation edges.
struct LevelGraph: Sendable {
    var offsets: [Int32]
    var adj: [Int32]
    /// Weight per contiguity adjacency entry (parallel to `adj`).
    var edgeWeight: [Float]
    var load: [Double]
    /// Load-weighted centroid of each node (geometric mean when its load is 0).
    var cx: [Double]
    var cy: [Double]
    /// Mass used for centroids: load, or a tiny positive value for zero-load nodes.
    var mass: [Double]
    /// Symmetric relation CSR (duplicates allowed).
    var relOffsets: [Int32]
    var relAdj: [Int32]
    var relW: [Double]

    var count: Int { load.count }

    @inline(__always) func neighbourRange(_ v: Int) -> Range<Int> {
        Int(offsets[v])..<Int(offsets[v + 1])
    }
    @inline(__always) func relationRange(_ v: Int) -> Range<Int> {
        Int(relOffsets[v])..<Int(relOffsets[v + 1])
    }
}

/// Builds a symmetric CSR from an undirected edge list (each pair given once or twice).
func symmetricCSR(count n: Int, a: [Int32], b: [Int32], w: [Double]) -> (offsets: [Int32], adj: [Int32], w: [Double]) {
    var deg = [Int32](repeating: 0, count: n + 1)
    for i in 0..<a.count where a[i] != b[i] {
        deg[Int(a[i]) + 1] += 1; deg[Int(b[i]) + 1] += 1
    }
    for i in 0..<n { deg[i + 1] += deg[i] }
    var fill = Array(deg[0..<n])
    var adj = [Int32](repeating: 0, count: Int(deg[n]))
    var ww = [Double](repeating: 0, count: Int(deg[n]))
    for i in 0..<a.count where a[i] != b[i] {
        let u = Int(a[i]), v = Int(b[i])
        adj[Int(fill[u])] = b[i]; ww[Int(fill[u])] = w[i]; fill[u] += 1
        adj[Int(fill[v])] = a[i]; ww[Int(fill[v])] = w[i]; fill[v] += 1
    }
    return (deg, adj, ww)
}

/// Disjoint sets over 0..<n with path halving and union by size.
public struct UnionFind {
    private var parent: [Int32]
    private var size: [Int32]

    public init(count: Int) {
        parent = (0..<Int32(count)).map { $0 }
        size = [Int32](repeating: 1, count: count)
    }

    public mutating func find(_ i: Int) -> Int {
        var i = i
        while Int(parent[i]) != i {
            let grand = parent[Int(parent[i])]
            parent[i] = grand
            i = Int(grand)
        }
        return i
    }

    /// Joins the sets of a and b; false when they were already one set.
    @discardableResult
    public mutating func union(_ a: Int, _ b: Int) -> Bool {
        var ra = find(a), rb = find(b)
        if ra == rb { return false }
        if size[ra] < size[rb] { swap(&ra, &rb) }
        parent[rb] = Int32(ra)
        size[ra] += size[rb]
        return true
    }
}

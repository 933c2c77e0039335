/// Households grouped into sites: one site per distinct position (an apartment block holds many
/// households at one coordinate).
///
/// Rule: households with identical coordinates share a site; so do positions closer than
/// `epsilon` (Euclidean, metres), transitively (a chain of positions each within `epsilon` of the next
/// is one site). A site sits at the position of its lowest-index household.
///
/// Site order: along a Hilbert curve over the households' bounding box (a 2^16 × 2^16 grid; within a
/// cell by x, then y), so sites near in space are near in number, which keeps every later stage's memory
/// access local. The numbering depends only on the set of positions, not on the households' order.
public struct SiteMerge: Sendable, Equatable {
    /// Site x and y (metres).
    public var x: [Double]
    public var y: [Double]
    /// Site of each household.
    public var siteOfHousehold: [Int32]
    /// Households of site s: `siteHouseholds[siteHouseholdOffsets[s] ..< siteHouseholdOffsets[s + 1]]`,
    /// in input order.
    public var siteHouseholdOffsets: [Int32]
    public var siteHouseholds: [Int32]

    public var siteCount: Int { x.count }

    public init(x hx: [Double], y hy: [Double], epsilon: Double = 1e-6) {
        precondition(hx.count == hy.count, "x and y differ in length")
        let n = hx.count
        let grid = HilbertGrid(xs: hx, ys: hy, minCell: 4 * max(epsilon, 0))
        var keys = [UInt32](repeating: 0, count: n)
        keys.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let keys = buffer
            forEachChunk(n) { range in for i in range { keys[i] = grid.key(hx[i], hy[i]) } }
        }
        // Households by (key, x, y, index): radix sort by key, then sort runs of equal keys.
        var order = radixOrder(keys)
        var start = 0
        while start < n {
            var end = start + 1
            let k = keys[Int(order[start])]
            while end < n && keys[Int(order[end])] == k { end += 1 }
            if end - start > 1 {
                order[start..<end].sort { a, b in
                    let (i, j) = (Int(a), Int(b))
                    if hx[i] != hx[j] { return hx[i] < hx[j] }
                    if hy[i] != hy[j] { return hy[i] < hy[j] }
                    return a < b
                }
            }
            start = end
        }
        // Unique positions, in that order.
        var uniqueOf = [Int32](repeating: 0, count: n)
        var ux: [Double] = [], uy: [Double] = [], ukey: [UInt32] = []
        for k in 0..<n {
            let i = Int(order[k])
            if k == 0 || hx[i] != ux[ux.count - 1] || hy[i] != uy[uy.count - 1] {
                ux.append(hx[i]); uy.append(hy[i]); ukey.append(keys[i])
            }
            uniqueOf[i] = Int32(ux.count - 1)
        }
        order = []; keys = []
        var sets = UnionFind(count: ux.count)
        if epsilon > 0 { SiteMerge.joinNear(ux, uy, ukey, grid, epsilon, &sets) }
        // Sites numbered in the order of their first unique position.
        var siteOfRoot = [Int32](repeating: -1, count: ux.count)
        var siteOfUnique = [Int32](repeating: 0, count: ux.count)
        var sites: Int32 = 0
        for k in 0..<ux.count {
            let root = sets.find(k)
            if siteOfRoot[root] < 0 { siteOfRoot[root] = sites; sites += 1 }
            siteOfUnique[k] = siteOfRoot[root]
        }
        var siteOfHousehold = [Int32](repeating: 0, count: n)
        var sx = [Double](repeating: .nan, count: Int(sites)), sy = sx
        for h in 0..<n {
            let s = siteOfUnique[Int(uniqueOf[h])]
            siteOfHousehold[h] = s
            if sx[Int(s)].isNaN { sx[Int(s)] = hx[h]; sy[Int(s)] = hy[h] }
        }
        self.x = sx; self.y = sy
        self.siteOfHousehold = siteOfHousehold
        (siteHouseholdOffsets, siteHouseholds) = csrGroups(of: siteOfHousehold, groupCount: Int(sites))
    }

    /// Joins unique positions (sorted by Hilbert key, then x, then y) within `eps` of each other:
    /// candidates are in the same grid cell, or in a neighbouring cell when the position lies within
    /// 2 × eps of the shared cell side (a generous margin for rounding of the cell computation). Grid
    /// cells are at least 4 × eps wide, so no other cell can hold a candidate.
    private static func joinNear(_ ux: [Double], _ uy: [Double], _ ukey: [UInt32], _ grid: HilbertGrid,
                                 _ eps: Double, _ sets: inout UnionFind) {
        let m = ux.count
        let eps2 = eps * eps
        func check(_ k: Int, _ j: Int, _ sets: inout UnionFind) {
            let dx = ux[k] - ux[j], dy = uy[k] - uy[j]
            if dx * dx + dy * dy <= eps2 { sets.union(k, j) }
        }
        for k in 0..<m {
            // Same cell: earlier positions of the run with x within eps.
            var j = k - 1
            while j >= 0 && ukey[j] == ukey[k] && ux[k] - ux[j] <= eps { check(k, j, &sets); j -= 1 }
            // Neighbouring cells, only near a cell side.
            let cx = grid.cellX(ux[k]), cy = grid.cellY(uy[k])
            let left = ux[k] - (grid.minX + Double(cx) * grid.cellW) <= 2 * eps
            let right = (grid.minX + Double(cx + 1) * grid.cellW) - ux[k] <= 2 * eps
            let below = uy[k] - (grid.minY + Double(cy) * grid.cellH) <= 2 * eps
            let above = (grid.minY + Double(cy + 1) * grid.cellH) - uy[k] <= 2 * eps
            if !(left || right || below || above) { continue }
            for dx in -1...1 {
                if (dx == -1 && !left) || (dx == 1 && !right) { continue }
                for dy in -1...1 {
                    if (dx == 0 && dy == 0) || (dy == -1 && !below) || (dy == 1 && !above) { continue }
                    let nx = cx + dx, ny = cy + dy
                    guard (0...65535).contains(nx), (0...65535).contains(ny) else { continue }
                    let key = hilbertKey(UInt32(nx), UInt32(ny))
                    // First position with this key.
                    var lo = 0, hi = m
                    while lo < hi { let mid = (lo + hi) / 2; if ukey[mid] < key { lo = mid + 1 } else { hi = mid } }
                    var q = lo
                    while q < m && ukey[q] == key && ux[q] <= ux[k] + eps {
                        if ux[q] >= ux[k] - eps { check(k, q, &sets) }
                        q += 1
                    }
                }
            }
        }
    }
}

/// Groups items 0..<n by `group[i]` into CSR form: offsets (groupCount + 1) and members, each
/// group's members in increasing order.
func csrGroups(of group: [Int32], groupCount: Int) -> ([Int32], [Int32]) {
    var offsets = [Int32](repeating: 0, count: groupCount + 1)
    for g in group { offsets[Int(g) + 1] += 1 }
    for s in 0..<groupCount { offsets[s + 1] += offsets[s] }
    var fill = Array(offsets.dropLast())
    var members = [Int32](repeating: 0, count: group.count)
    for (i, g) in group.enumerated() {
        members[Int(fill[Int(g)])] = Int32(i)
        fill[Int(g)] += 1
    }
    return (offsets, members)
}

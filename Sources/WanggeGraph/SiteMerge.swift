/// Households grouped into sites: one site per distinct position (an apartment block holds many
/// households at one coordinate).
///
/// Rule: households with identical coordinates share a site; so do positions closer than
/// `epsilon` (Euclidean, metres), transitively (a chain of positions each within `epsilon` of the next
/// is one site). A site sits at the position of its first household (lowest input index), and sites are
/// numbered in the order of their first household, so the result depends only on the input order.
public struct SiteMerge: Sendable, Equatable {
    /// Site x and y (metres): the position of each site's first household.
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
        // 1. Exact duplicates: sort by (x, y, index); runs of equal positions are one point.
        var order = [(Double, Double, Int32)](unsafeUninitializedCapacity: n) { buf, count in
            for i in 0..<n { buf[i] = (hx[i], hy[i], Int32(i)) }
            count = n
        }
        order.sort { a, b in
            if a.0 != b.0 { return a.0 < b.0 }
            if a.1 != b.1 { return a.1 < b.1 }
            return a.2 < b.2
        }
        var uniqueOf = [Int32](repeating: 0, count: n)  // household -> unique position index
        var ux: [Double] = [], uy: [Double] = []
        ux.reserveCapacity(n); uy.reserveCapacity(n)
        for k in 0..<n {
            let (x, y, i) = order[k]
            if k == 0 || x != order[k - 1].0 || y != order[k - 1].1 { ux.append(x); uy.append(y) }
            uniqueOf[Int(i)] = Int32(ux.count - 1)
        }
        order = []
        // 2. Near duplicates among unique positions (sorted by x, then y).
        var sets = UnionFind(count: ux.count)
        if epsilon > 0 {
            SiteMerge.joinNear(ux, uy, epsilon, &sets)
        }
        // 3. Sites in order of first household.
        var siteOfRoot = [Int32](repeating: -1, count: ux.count)
        var siteOfHousehold = [Int32](repeating: 0, count: n)
        var sx: [Double] = [], sy: [Double] = []
        for h in 0..<n {
            let root = sets.find(Int(uniqueOf[h]))
            if siteOfRoot[root] < 0 {
                siteOfRoot[root] = Int32(sx.count)
                sx.append(hx[h]); sy.append(hy[h])
            }
            siteOfHousehold[h] = siteOfRoot[root]
        }
        self.x = sx; self.y = sy
        self.siteOfHousehold = siteOfHousehold
        (siteHouseholdOffsets, siteHouseholds) = csrGroups(of: siteOfHousehold, groupCount: sx.count)
    }

    /// Joins unique positions (sorted by x, then y) that are within `eps` of each other.
    private static func joinNear(_ ux: [Double], _ uy: [Double], _ eps: Double, _ sets: inout UnionFind) {
        let m = ux.count
        let eps2 = eps * eps
        // Runs of equal x.
        var runStart = [Int](repeating: 0, count: m)
        for k in 1..<max(m, 1) where k < m { runStart[k] = ux[k] == ux[k - 1] ? runStart[k - 1] : k }
        for k in 0..<m {
            // Same x: neighbours in y order suffice (transitivity covers the rest).
            if k > 0 && runStart[k] != k && uy[k] - uy[k - 1] <= eps { sets.union(k, k - 1) }
            // Earlier runs with x within eps: binary search each for the y window.
            var r = runStart[k] - 1
            while r >= 0 && ux[k] - ux[r] <= eps {
                let start = runStart[r]
                var lo = start, hi = r + 1
                let yMin = uy[k] - eps
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if uy[mid] < yMin { lo = mid + 1 } else { hi = mid }
                }
                var j = lo
                while j <= r && uy[j] <= uy[k] + eps {
                    let dx = ux[k] - ux[j], dy = uy[k] - uy[j]
                    if dx * dx + dy * dy <= eps2 { sets.union(k, j) }
                    j += 1
                }
                r = start - 1
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

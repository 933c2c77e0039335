/// Merge-split improvement for small level graphs (a village's work groups): two or three
/// neighbouring districts are merged and re-split exactly — every way of cutting their nodes into
/// connected parts inside the band is enumerated and the cheapest kept. When work groups are
/// coarse against the band (groups of 4–20 households, a band 6 households wide) almost no single
/// move or pair exchange is allowed, and these re-splits are the moves that still reach better
/// plans. The enumeration grows connected node sets from the union's first node (each set once),
/// so it is exact; unions of more than `maxUnion` nodes are skipped.
extension Refiner {
    /// Rounds of pair and triple re-splits until none lowers the cost (or `maxRounds`).
    /// Only for coarse nodes (on average at least half as heavy as the band is wide): finer ones
    /// move one at a time well enough, and their unions have too many connected subsets.
    mutating func improveByMergeSplit(maxRounds: Int = 8) {
        guard locked.isEmpty, closed.isEmpty, home.isEmpty, k >= 2, inBand, nodesAreCoarse else { return }
        mergeSplitRounds(maxRounds) { r, group, nodes, workspace, spent in
            r.resplit(group, nodes: nodes, workspace: &workspace, spent: &spent)
        }
    }

    /// Whether nodes are on average at least half as heavy as the band is wide.
    var nodesAreCoarse: Bool { Self.nodesAreCoarse(g.load, lower: lower, upper: upper) }

    /// The criterion itself, shared with the ensemble's choice between ReCom and merge-split.
    static func nodesAreCoarse(_ load: [Double], lower: Double, upper: Double) -> Bool {
        var total = 0.0
        for l in load { total += l }
        return total / Double(max(load.count, 1)) >= (upper - lower) / 2
    }

    /// Rounds over the open district pairs, then triples, until a round changes nothing, within
    /// `MergeSplitWorkspace.callBudget` subsets in all. `resplit` gets each group's nodes in index
    /// order (unions larger than `MergeSplitWorkspace.maxUnion` are skipped) and answers whether
    /// it moved any; district members are kept per round, so a group costs its own size.
    mutating func mergeSplitRounds(_ maxRounds: Int,
                                   _ resplit: (inout Refiner, [Int], [Int32], inout MergeSplitWorkspace, inout Int) -> Bool) {
        var workspace = MergeSplitWorkspace()
        var spent = 0
        for _ in 0..<maxRounds {
            var members = [[Int32]](repeating: [], count: k)
            for v in 0..<g.count { members[Int(part[v])].append(Int32(v)) }
            var improved = false
            for group in districtGroups() where spent < MergeSplitWorkspace.callBudget && group.allSatisfy({ !isClosed($0) }) {
                let size = group.reduce(0) { $0 + members[$1].count }
                guard size <= MergeSplitWorkspace.maxUnion(group.count) else { continue }
                let nodes = group.flatMap { members[$0] }.sorted()
                guard resplit(&self, group, nodes, &workspace, &spent) else { continue }
                improved = true
                for d in group { members[d] = nodes.filter { Int(part[Int($0)]) == d } }
            }
            if !improved { break }
        }
    }

    /// Adjacent district pairs, then triples (a district with two of its neighbours), each
    /// sorted, in a fixed order.
    func districtGroups() -> [[Int]] {
        var touching = [Set<Int>](repeating: [], count: k)
        for v in 0..<g.count {
            let a = Int(part[v])
            for j in g.neighbourRange(v) {
                let b = Int(part[Int(g.adj[j])])
                if b != a { touching[a].insert(b) }
            }
        }
        var pairs: [[Int]] = [], triples = Set<[Int]>()
        for a in 0..<k {
            let ns = touching[a].sorted()
            for b in ns where b > a { pairs.append([a, b]) }
            for i in 0..<ns.count {
                for j in (i + 1)..<max(i + 1, ns.count) { triples.insert([a, ns[i], ns[j]].sorted()) }
            }
        }
        return pairs + triples.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// Re-splits the union of `districts` if a cheaper split exists; answers whether it did.
    mutating func resplit(_ districts: [Int], nodes: [Int32], workspace w: inout MergeSplitWorkspace, spent: inout Int) -> Bool {
        w.load(self, nodes: nodes)
        var visited = 0
        defer { spent += max(visited, 1) }
        var current = 0.0
        let masks = self.masks(of: districts, nodes: nodes)
        for (i, m) in masks.enumerated() {
            current += w.dispersion(m)
            for n in masks[(i + 1)...] { current += w.cut(m, n) }
        }
        guard let best = districts.count == 2 ? w.bestPair(w.all, lower: lower, upper: upper, visited: &visited)
                                              : w.bestTriple(lower: lower, upper: upper, visited: &visited),
              best.cost < current - 1e-9 * (abs(current) + 1) else { return false }
        // Keep each district where most of its nodes already are: fewer relabelled nodes.
        var order = Array(0..<districts.count)
        var assigned = [Int](repeating: -1, count: districts.count), used = Set<Int>()
        order.sort { best.parts[$0].nonzeroBitCount > best.parts[$1].nonzeroBitCount || ($0 < $1 && best.parts[$0].nonzeroBitCount == best.parts[$1].nonzeroBitCount) }
        for p in order {
            var pick = -1, shared = -1
            for (d, m) in masks.enumerated() where !used.contains(d) {
                let s = (m & best.parts[p]).nonzeroBitCount
                if s > shared { shared = s; pick = d }
            }
            assigned[p] = pick; used.insert(pick)
        }
        assign(best.parts, to: assigned.map { districts[$0] }, nodes: nodes)
        return true
    }

    /// Bit sets of the union's nodes (bit i = `nodes[i]`) per district of `districts`.
    func masks(of districts: [Int], nodes: [Int32]) -> [UInt64] {
        var masks = [UInt64](repeating: 0, count: districts.count)
        for (i, v) in nodes.enumerated() { masks[districts.firstIndex(of: Int(part[Int(v)]))!] |= 1 << UInt64(i) }
        return masks
    }

    /// Moves the union's nodes so that the nodes of `sets[j]` are in district `districts[j]`.
    mutating func assign(_ sets: [UInt64], to districts: [Int], nodes: [Int32]) {
        for (m, d) in zip(sets, districts) {
            for i in 0..<nodes.count where m & (1 << UInt64(i)) != 0 && Int(part[Int(nodes[i])]) != d {
                move(Int(nodes[i]), to: d)
            }
        }
    }
}

/// The union's nodes as bit positions, with their loads, centroids and the costs of cutting the
/// edges between them (relation weight and contiguity edges, already priced).
struct MergeSplitWorkspace {
    var count = 0
    var all: UInt64 = 0
    var adjacency: [UInt64] = []
    var load: [Double] = [], mass: [Double] = [], mx: [Double] = [], my: [Double] = [], mq: [Double] = []
    /// Priced cut weight between two union nodes, as sparse rows.
    var pairs: [[(Int, Double)]] = []
    /// The searches stop growing sets after this many subsets per union, and a pass of re-splits
    /// stops after `callBudget` in all: bounded work whatever the atoms (London's 983 MSOAs into
    /// 73 districts run into it; a village's work groups do not).
    static let budget = 20_000
    static let callBudget = 1_000_000
    /// Unions of pairs up to 32 nodes, of triples up to 24.
    static func maxUnion(_ parts: Int) -> Int { parts == 2 ? 32 : 24 }

    mutating func load(_ r: Refiner, nodes: [Int32]) {
        count = nodes.count
        all = count == 64 ? ~0 : (1 << UInt64(count)) - 1
        var index = [Int32: Int]()
        for (i, v) in nodes.enumerated() { index[v] = i }
        adjacency = [UInt64](repeating: 0, count: count)
        pairs = [[(Int, Double)]](repeating: [], count: count)
        load = []; mass = []; mx = []; my = []; mq = []
        // Centroids relative to the union's first node keep the sums well conditioned.
        let ox = r.g.cx[Int(nodes[0])], oy = r.g.cy[Int(nodes[0])]
        for (i, v32) in nodes.enumerated() {
            let v = Int(v32)
            let m = r.g.mass[v], x = r.g.cx[v] - ox, y = r.g.cy[v] - oy
            load.append(r.g.load[v]); mass.append(m); mx.append(m * x); my.append(m * y); mq.append(m * (x * x + y * y))
            var row: [Int: Double] = [:]
            for j in r.g.neighbourRange(v) {
                guard let u = index[r.g.adj[j]] else { continue }
                adjacency[i] |= 1 << UInt64(u)
                row[u, default: 0] += r.edgeCost * Double(r.g.edgeWeight[j])
            }
            for j in r.g.relationRange(v) {
                guard let u = index[r.g.relAdj[j]] else { continue }
                row[u, default: 0] += r.relationCost * r.g.relW[j]
            }
            pairs[i] = row.filter { $0.value != 0 && $0.key != i }.sorted { $0.key < $1.key }
        }
    }

    func dispersion(_ set: UInt64) -> Double {
        var m = 0.0, x = 0.0, y = 0.0, q = 0.0, s = set
        while s != 0 {
            let i = s.trailingZeroBitCount; s &= s - 1
            m += mass[i]; x += mx[i]; y += my[i]; q += mq[i]
        }
        return m > 0 ? max(0, q - (x * x + y * y) / m) : 0
    }

    func sum(_ set: UInt64, of values: [Double]) -> Double {
        var t = 0.0, s = set
        while s != 0 { let i = s.trailingZeroBitCount; s &= s - 1; t += values[i] }
        return t
    }

    /// Priced weight of the edges between two disjoint sets.
    func cut(_ a: UInt64, _ b: UInt64) -> Double {
        var t = 0.0, s = a
        while s != 0 {
            let i = s.trailingZeroBitCount; s &= s - 1
            for (u, w) in pairs[i] where b & (1 << UInt64(u)) != 0 { t += w }
        }
        return t
    }

    func connected(_ set: UInt64) -> Bool { set != 0 && firstPiece(of: set) == set }

    /// The connected part of `set` that holds its lowest node.
    func firstPiece(of set: UInt64) -> UInt64 {
        var reached = set & (~set &+ 1), frontier = reached
        while frontier != 0 {
            var next: UInt64 = 0, s = frontier
            while s != 0 { let i = s.trailingZeroBitCount; s &= s - 1; next |= adjacency[i] }
            next &= set & ~reached
            reached |= next; frontier = next
        }
        return reached
    }

    /// Connected subsets of `within` that contain its lowest node and weigh at most `upper`,
    /// each reported once with its load (the classic extension enumeration).
    func connectedSubsets(of within: UInt64, upper: Double, visited: inout Int, _ visit: (UInt64, Double) -> Void) {
        let root = within.trailingZeroBitCount
        var stack: [(set: UInt64, load: Double, candidates: UInt64, excluded: UInt64)] = []
        let rootBit: UInt64 = 1 << UInt64(root)
        stack.append((rootBit, load[root], adjacency[root] & within & ~rootBit, rootBit))
        while let top = stack.popLast() {
            visited += 1
            visit(top.set, top.load)
            if visited > Self.budget { return }
            var candidates = top.candidates, excluded = top.excluded
            while candidates != 0 {
                let v = candidates.trailingZeroBitCount
                let bit: UInt64 = 1 << UInt64(v)
                candidates &= ~bit
                excluded |= bit
                let l = top.load + load[v]
                if l > upper + 1e-9 * upper { continue }
                let grown = top.set | bit
                stack.append((grown, l, (candidates | adjacency[v]) & within & ~grown & ~excluded, excluded))
            }
        }
    }

    /// The cheapest split of `within` into two connected sets inside the band.
    func bestPair(_ within: UInt64, lower: Double, upper: Double, visited: inout Int) -> (cost: Double, parts: [UInt64])? {
        let total = sum(within, of: load)
        guard total >= 2 * lower - 1e-9 * total, total <= 2 * upper + 1e-9 * total else { return nil }
        var best: (cost: Double, parts: [UInt64])?
        connectedSubsets(of: within, upper: upper, visited: &visited) { s, l in
            guard l >= lower - 1e-9 * upper, total - l >= lower - 1e-9 * upper, total - l <= upper + 1e-9 * upper else { return }
            let rest = within & ~s
            guard connected(rest) else { return }
            let c = dispersion(s) + dispersion(rest) + cut(s, rest)
            if best == nil || c < best!.cost { best = (c, [s, rest]) }
        }
        return best
    }

    /// The cheapest split of the whole union into three connected sets inside the band.
    func bestTriple(lower: Double, upper: Double, visited: inout Int) -> (cost: Double, parts: [UInt64])? {
        var firsts: [UInt64] = []
        connectedSubsets(of: all, upper: upper, visited: &visited) { s, l in if l >= lower - 1e-9 * upper { firsts.append(s) } }
        var best: (cost: Double, parts: [UInt64])?
        for s in firsts {
            let rest = all & ~s
            let head = dispersion(s) + cut(s, rest)
            if let b = best, head >= b.cost { continue }
            if connected(rest) {
                if let pair = bestPair(rest, lower: lower, upper: upper, visited: &visited), best == nil || head + pair.cost < best!.cost {
                    best = (head + pair.cost, [s] + pair.parts)
                }
            } else {
                // Two pieces: each must be a district of its own.
                let piece = firstPiece(of: rest), other = rest & ~piece
                guard connected(other) else { continue }
                let la = sum(piece, of: load), lb = sum(other, of: load)
                guard la >= lower - 1e-9 * upper, la <= upper + 1e-9 * upper,
                      lb >= lower - 1e-9 * upper, lb <= upper + 1e-9 * upper else { continue }
                let c = head + dispersion(piece) + dispersion(other) + cut(piece, other)
                if best == nil || c < best!.cost { best = (c, [s, piece, other]) }
            }
            if visited > Self.budget { break }
        }
        return best
    }
}

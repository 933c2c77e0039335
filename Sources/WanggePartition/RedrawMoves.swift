/// Load of an atom's members whose previous district is the atom's `home` (what moving the
/// atom away from home costs in retention); parallel to `home`.
struct RetentionCost {
    var homeLoad: [Double]

    /// Retention lost (negative: regained) when atom `v` moves from `a` to `b`.
    @inline(__always) func cost(_ v: Int, from a: Int32, to b: Int32, home: [Int32]) -> Double {
        let h = home[v]
        return (h == a ? homeLoad[v] : 0) - (h == b ? homeLoad[v] : 0)
    }
}

/// Redraw moves on the atom graph: contiguity repair that keeps each district's home piece, and
/// the realisation of a flow plan by moving boundary atoms (cheapest to move first).
extension Refiner {
    /// Makes every open district connected in the atom graph: each keeps the piece holding most of
    /// its home load (then the heaviest); other pieces join the open neighbouring district they
    /// share most edge weight with. Pieces with no open neighbour stay (the data force them).
    /// Returns the number of atoms moved.
    mutating func repairPieces(retention: RetentionCost) -> Int {
        var movedAtoms = 0
        for _ in 0..<8 {
            let (piece, count) = Contiguity.pieces(offsets: g.offsets, adj: g.adj, part: part)
            if count <= k { return movedAtoms }
            var homeLoad = [Double](repeating: 0, count: count), pieceLoad = homeLoad
            var pieceDistrict = [Int32](repeating: -1, count: count)
            for v in 0..<g.count {
                let p = Int(piece[v])
                pieceDistrict[p] = part[v]
                pieceLoad[p] += g.mass[v]
                if home[v] == part[v] { homeLoad[p] += retention.homeLoad[v] }
            }
            var mainOf = [Int32](repeating: -1, count: k)
            for p in 0..<count {
                let d = Int(pieceDistrict[p]), m = Int(mainOf[d])
                if m < 0 || homeLoad[p] > homeLoad[m] || (homeLoad[p] == homeLoad[m] && pieceLoad[p] > pieceLoad[m]) {
                    mainOf[d] = Int32(p)
                }
            }
            // Edge weight from each stray piece to each open neighbouring district.
            var border: [Int64: Double] = [:]
            for v in 0..<g.count {
                let p = Int(piece[v]), d = part[v]
                if mainOf[Int(d)] == Int32(p) || isClosed(Int(d)) { continue }
                if !locked.isEmpty && locked[v] { continue }
                for j in g.neighbourRange(v) {
                    let e = part[Int(g.adj[j])]
                    if e == d || isClosed(Int(e)) { continue }
                    border[Int64(p) << 32 | Int64(e), default: 0] += Double(g.edgeWeight[j])
                }
            }
            var best = [Int32](repeating: -1, count: count)
            var bestW = [Double](repeating: 0, count: count)
            for key in border.keys.sorted() {
                let p = Int(key >> 32), w = border[key]!
                if best[p] < 0 || w > bestW[p] { best[p] = Int32(truncatingIfNeeded: key & 0xFFFF_FFFF); bestW[p] = w }
            }
            var changed = false
            for v in 0..<g.count where best[Int(piece[v])] >= 0 {
                if !locked.isEmpty && locked[v] { continue }
                move(v, to: Int(best[Int(piece[v])])); movedAtoms += 1; changed = true
            }
            if !changed { return movedAtoms }
        }
        return movedAtoms
    }

    /// Moves boundary atoms along every planned flow: from `from` to `to`, atoms touching `to`
    /// whose removal keeps `from` connected, cheapest in retention per load first, then the one
    /// then the most compact; an atom may overshoot what is left by `slack`. Returns the load moved.
    @discardableResult
    mutating func realise(_ plan: RedrawFlowPlan, retention: RetentionCost, slack: Double) -> Double {
        // Atoms per district as at the start (atoms gained on the way are not passed on).
        var start = [Int32](repeating: 0, count: k + 1)
        for v in 0..<g.count { start[Int(part[v]) + 1] += 1 }
        for d in 0..<k { start[d + 1] += start[d] }
        var fill = Array(start[0..<k]), list = [Int32](repeating: 0, count: g.count)
        for v in 0..<g.count { let d = Int(part[v]); list[Int(fill[d])] = Int32(v); fill[d] += 1 }

        var movedLoad = 0.0
        struct Option { var ratio: Double; var delta: Double; var v: Int32 }
        var options: [Option] = []
        for flow in plan.flows {
            let a = flow.from, b = flow.to
            var left = flow.load
            // Candidates once per flow (and again when they run out while load is left): atoms of
            // `a` touching `b`, cheapest in retention per load first, then the most compact.
            for _ in 0..<4 where left > 1e-9 {
                options.removeAll(keepingCapacity: true)
                for j in Int(start[Int(a)])..<Int(start[Int(a) + 1]) {
                    let v = Int(list[j])
                    if part[v] != a || (!locked.isEmpty && locked[v]) || g.load[v] <= 0 { continue }
                    guard touches(v, Int(b)) else { continue }
                    let c = retention.cost(v, from: a, to: b, home: home)
                    options.append(Option(ratio: (c / g.load[v] * 100).rounded() / 100, delta: delta(v, to: Int(b)), v: Int32(v)))
                }
                if options.isEmpty { break }
                options.sort { ($0.ratio, $0.delta, $0.v) < ($1.ratio, $1.delta, $1.v) }
                var movedNow = 0
                for o in options {
                    let v = Int(o.v), w = g.load[v]
                    if left <= 1e-9 { break }
                    if part[v] != a || w > left + slack || !touches(v, Int(b)) || !removable(v) { continue }
                    move(v, to: Int(b)); left -= w; movedLoad += w; movedNow += 1
                }
                if movedNow == 0 { break }
            }
        }
        return movedLoad
    }
}

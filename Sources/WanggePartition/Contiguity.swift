/// Contiguity: repair of a partition whose districts fell apart (pieces join the neighbouring
/// district they share most border with), and piece counts for reporting.
enum Contiguity {
    /// Labels connected pieces of every district; returns piece id per node and piece count.
    static func pieces(offsets: [Int32], adj: [Int32], part: [Int32]) -> (piece: [Int32], count: Int) {
        let n = part.count
        var piece = [Int32](repeating: -1, count: n)
        var queue: [Int32] = []
        var count: Int32 = 0
        for s in 0..<n where piece[s] < 0 {
            let d = part[s]
            piece[s] = count; queue.removeAll(keepingCapacity: true); queue.append(Int32(s))
            var h = 0
            while h < queue.count {
                let u = Int(queue[h]); h += 1
                for j in Int(offsets[u])..<Int(offsets[u + 1]) {
                    let t = Int(adj[j])
                    if piece[t] < 0 && part[t] == d { piece[t] = count; queue.append(Int32(t)) }
                }
            }
            count += 1
        }
        return (piece, Int(count))
    }

    /// Pieces per district (1 = contiguous, 0 = empty).
    static func piecesPerDistrict(offsets: [Int32], adj: [Int32], part: [Int32], k: Int) -> [Int] {
        let (piece, count) = pieces(offsets: offsets, adj: adj, part: part)
        var districtOfPiece = [Int32](repeating: -1, count: count)
        for v in 0..<part.count { districtOfPiece[Int(piece[v])] = part[v] }
        var per = [Int](repeating: 0, count: k)
        for d in districtOfPiece where d >= 0 { per[Int(d)] += 1 }
        return per
    }

    /// Makes every district connected in `g` (assumed connected): each district keeps its
    /// heaviest piece; other pieces join the adjacent kept piece they share most edge weight with.
    static func repair(_ g: LevelGraph, part: inout [Int32], k: Int) {
        while true {
            let (piece, count) = pieces(offsets: g.offsets, adj: g.adj, part: part)
            if count <= k { return }
            var pieceLoad = [Double](repeating: 0, count: count)
            var pieceDistrict = [Int32](repeating: -1, count: count)
            for v in 0..<g.count { pieceLoad[Int(piece[v])] += g.mass[v]; pieceDistrict[Int(piece[v])] = part[v] }
            var mainOf = [Int32](repeating: -1, count: k)
            for p in 0..<count {
                let d = Int(pieceDistrict[p])
                let m = mainOf[d]
                if m < 0 || pieceLoad[p] > pieceLoad[Int(m)] { mainOf[d] = Int32(p) }
            }
            // Border weight from each stray piece to adjacent main pieces.
            var best = [Int32](repeating: -1, count: count)
            var bestW = [Double](repeating: 0, count: count)
            var border: [Int64: Double] = [:]
            for v in 0..<g.count {
                let p = Int(piece[v])
                if mainOf[Int(part[v])] == Int32(p) { continue }
                for j in g.neighbourRange(v) {
                    let q = Int(piece[Int(g.adj[j])])
                    let dq = part[Int(g.adj[j])]
                    if mainOf[Int(dq)] != Int32(q) { continue }
                    border[Int64(p) << 32 | Int64(dq), default: 0] += Double(g.edgeWeight[j])
                }
            }
            for key in border.keys.sorted() {
                let p = Int(key >> 32), d = Int32(truncatingIfNeeded: key & 0xFFFF_FFFF)
                let w = border[key]!
                if best[p] < 0 || w > bestW[p] { best[p] = d; bestW[p] = w }
            }
            var changed = false
            for v in 0..<g.count {
                let p = Int(piece[v])
                if best[p] >= 0 { part[v] = best[p]; changed = true }
            }
            if !changed { return }
        }
    }
}

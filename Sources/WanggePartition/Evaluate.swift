/// Figures of a finished partition, at site level.
extension Partitioner {
    static func evaluate(_ p: PartitionProblem, district: [Int32], target: Double) -> PartitionResult {
        let k = p.k, n = p.siteCount
        var loads = [Double](repeating: 0, count: k), sx = loads, sy = loads
        for i in 0..<n {
            let d = Int(district[i]); loads[d] += p.load[i]; sx[d] += p.load[i] * p.x[i]; sy[d] += p.load[i] * p.y[i]
        }
        var dispersion = 0.0
        for i in 0..<n {
            let d = Int(district[i]); guard loads[d] > 0 else { continue }
            let dx = p.x[i] - sx[d] / loads[d], dy = p.y[i] - sy[d] / loads[d]
            dispersion += p.load[i] * (dx * dx + dy * dy)
        }
        var worst = 0.0
        for d in 0..<k { worst = max(worst, abs(loads[d] - target) / target) }
        var cut = 0
        for i in 0..<n {
            for e in Int(p.offsets[i])..<Int(p.offsets[i + 1]) where Int(p.neighbours[e]) > i && district[Int(p.neighbours[e])] != district[i] { cut += 1 }
        }
        var relCut = 0.0, relTotal = 0.0
        for i in 0..<p.relationA.count {
            relTotal += p.relationWeight[i]
            if district[Int(p.relationA[i])] != district[Int(p.relationB[i])] { relCut += p.relationWeight[i] }
        }
        var split = 0
        if let group = p.group {
            let gmax = Int(group.max() ?? -1)
            var first = [Int32](repeating: -1, count: gmax + 1)
            var isSplit = [Bool](repeating: false, count: gmax + 1)
            for i in 0..<n where group[i] >= 0 {
                let g = Int(group[i])
                if first[g] < 0 { first[g] = district[i] } else if first[g] != district[i] { isSplit[g] = true }
            }
            split = isSplit.filter { $0 }.count
        }
        return PartitionResult(district: district, k: k, loads: loads, target: target, worstDeviation: worst,
                               contiguous: [], relationCut: relCut, relationTotal: relTotal,
                               dispersion: dispersion, cutEdges: cut, groupsSplit: split, stageTimes: [],
                               diagnostics: [])
    }
}

extension Partitioner {
    /// A plan found on another graph over the same sites (the banks of a river taken one by one,
    /// without its crossings) judged on this problem's graph: the same figures, contiguity and
    /// balance diagnostics as `partition` gives; the plan's other diagnostics (groups, nesting) are
    /// kept as they were.
    public static func rescore(_ p: PartitionProblem, _ other: PartitionResult) -> PartitionResult {
        let target = p.load.reduce(0, +) / Double(p.k)
        var result = evaluate(p, district: other.district, target: target)
        result.stageTimes = other.stageTimes
        result.diagnostics = other.diagnostics.filter {
            switch $0 {
            case .nonContiguousDistrict, .balanceNotReached: return false
            default: return true
            }
        }
        let piecesPer = Contiguity.piecesPerDistrict(offsets: p.offsets, adj: p.neighbours, part: other.district, k: p.k)
        for d in 0..<p.k where piecesPer[d] > 1 {
            result.diagnostics.append(.nonContiguousDistrict(district: Int32(d), pieces: piecesPer[d]))
        }
        result.contiguous = piecesPer.map { $0 <= 1 }
        if result.worstDeviation > p.tolerance + 1e-9 {
            result.diagnostics.append(.balanceNotReached(worstDeviation: result.worstDeviation, tolerance: p.tolerance))
        }
        return result
    }
}

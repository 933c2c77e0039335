import HeapModule

/// How many districts each unit (nest unit × graph component) gets.
enum UnitAllocation {
    /// Districts per unit minimising the worst deviation maxᵢ |lᵢ/(aᵢ·T) − 1| subject to Σ aᵢ = k and
    /// 1 ≤ aᵢ ≤ sizeᵢ (a unit cannot have more districts than atoms). Largest remainders can give a
    /// unit of 1.53·T one district (+53%) where two give −24%; this picks the allocation whose worst
    /// district is best: bisection on the deviation δ (each unit then allows aᵢ in
    /// [lᵢ/(T(1+δ)), lᵢ/(T(1−δ))]), then the spare districts go one by one to the unit with the
    /// heaviest districts. Deterministic (ties to the lower index).
    static func minMax(loads: [Double], sizes: [Int], k: Int, target: Double) -> [Int] {
        let n = loads.count
        guard n > 0 else { return [] }
        let t = max(target, 1e-300)
        func bounds(_ delta: Double) -> (lo: [Int], hi: [Int]) {
            var lo = [Int](repeating: 1, count: n), hi = sizes.map { max($0, 1) }
            for i in 0..<n {
                let q = loads[i] / t
                lo[i] = max(1, Int((q / (1 + delta) - 1e-9).rounded(.up)))
                if delta < 1 { hi[i] = min(hi[i], Int((q / (1 - delta) + 1e-9).rounded(.down))) }
            }
            return (lo, hi)
        }
        func feasible(_ delta: Double) -> Bool {
            let (lo, hi) = bounds(delta)
            var sumLo = 0, sumHi = 0
            for i in 0..<n {
                if lo[i] > hi[i] { return false }
                sumLo += lo[i]; sumHi += hi[i]
            }
            return sumLo <= k && k <= sumHi
        }
        var low = 0.0, high = 1.0
        while !feasible(high) && high < 1e12 { high *= 4 }
        guard feasible(high) else {
            // Σ sizes < k or more units than k: the caller's other checks report it; share by size.
            return sizes.map { max($0, 1) }
        }
        for _ in 0..<64 {
            let mid = (low + high) / 2
            if feasible(mid) { high = mid } else { low = mid }
        }
        var (alloc, hi) = bounds(high)
        var spare = k - alloc.reduce(0, +)
        var heap = Heap<Remainder>()
        for i in 0..<n where alloc[i] < hi[i] {
            heap.insert(Remainder(value: loads[i] / (Double(alloc[i]) * t), index: i))
        }
        while spare > 0, let top = heap.popMax() {
            let i = top.index
            alloc[i] += 1; spare -= 1
            if alloc[i] < hi[i] { heap.insert(Remainder(value: loads[i] / (Double(alloc[i]) * t), index: i)) }
        }
        return alloc
    }
}

extension Partitioner {
    /// Districts per part (a barrier-separated part of the graph, say) as the partitioner spreads
    /// them: each part at least one, the worst mean deviation smallest (`UnitAllocation.minMax`).
    public static func allocateDistricts(loads: [Double], sizes: [Int], k: Int, target: Double) -> [Int] {
        UnitAllocation.minMax(loads: loads, sizes: sizes, k: k, target: target)
    }
}

/// Balance figures of a plan (DESIGN section 6). T = total load / k.
public struct BalanceFigures: Sendable, Equatable {
    /// Load per district.
    public var loads: [Double]
    /// Target load T = total / k.
    public var target: Double
    /// (L − T) / T per district.
    public var deviations: [Double]
    /// max |deviation|.
    public var maxAbsDeviation: Double
    /// (max L − min L) / T.
    public var range: Double
    /// Coefficient of variation of the loads: population standard deviation / mean (= T).
    public var coefficientOfVariation: Double
}

public enum BalanceMetrics {
    /// Load per district: the sum of `loads[i]` over households assigned to it.
    public static func districtLoads(assignment: [Int32], loads: [Double], districtCount: Int) -> [Double] {
        var out = [Double](repeating: 0, count: districtCount)
        for i in 0..<assignment.count { out[Int(assignment[i])] += loads[i] }
        return out
    }

    /// Deviation, max |deviation|, range and coefficient of variation from district loads.
    /// With no districts or zero total load every figure is 0.
    public static func figures(districtLoads loads: [Double]) -> BalanceFigures {
        let k = loads.count
        let total = loads.reduce(0, +)
        guard k > 0, total > 0 else {
            return BalanceFigures(loads: loads, target: 0, deviations: loads.map { _ in 0 },
                                  maxAbsDeviation: 0, range: 0, coefficientOfVariation: 0)
        }
        let t = total / Double(k)
        let dev = loads.map { ($0 - t) / t }
        let variance = loads.reduce(0) { $0 + ($1 - t) * ($1 - t) } / Double(k)
        return BalanceFigures(loads: loads, target: t, deviations: dev,
                              maxAbsDeviation: dev.map(abs).max() ?? 0,
                              range: ((loads.max() ?? 0) - (loads.min() ?? 0)) / t,
                              coefficientOfVariation: variance.squareRoot() / t)
    }
}

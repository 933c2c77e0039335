/// Dispersion and service-point distances (metric coordinates, metres).
public enum DispersionMetrics {
    /// The weighted centroid of `members` (nil when their weight is 0).
    public static func weightedCentroid(_ members: ArraySlice<Int32>, x: [Double], y: [Double],
                                        weights: [Double]) -> (x: Double, y: Double)? {
        var sw = 0.0, sx = 0.0, sy = 0.0
        for h in members { let i = Int(h); sw += weights[i]; sx += weights[i] * x[i]; sy += weights[i] * y[i] }
        return sw > 0 ? (sx / sw, sy / sw) : nil
    }

    /// Σ w·d² from each member to the members' weighted centroid, m²·(load unit).
    public static func dispersion(_ members: ArraySlice<Int32>, x: [Double], y: [Double], weights: [Double]) -> Double {
        guard let c = weightedCentroid(members, x: x, y: y, weights: weights) else { return 0 }
        var s = 0.0
        for h in members {
            let i = Int(h), dx = x[i] - c.x, dy = y[i] - c.y
            s += weights[i] * (dx * dx + dy * dy)
        }
        return s
    }

    /// Mean (over households, unweighted) and max distance from each member to household `point`.
    public static func serviceDistances(_ members: ArraySlice<Int32>, point: Int,
                                        x: [Double], y: [Double]) -> (mean: Double, max: Double) {
        guard !members.isEmpty else { return (0, 0) }
        var s = 0.0, m = 0.0
        for h in members {
            let i = Int(h), dx = x[i] - x[point], dy = y[i] - y[point]
            let d = (dx * dx + dy * dy).squareRoot()
            s += d; m = Swift.max(m, d)
        }
        return (s / Double(members.count), m)
    }
}

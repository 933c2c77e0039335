#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Convergence figures of one recorded figure over all chains.
public struct ConvergenceFigures: Sendable, Equatable {
    public var figure: String
    /// Split-R̂ (Gelman et al., BDA3 §11.4): each chain's recorded series cut in halves; nil when
    /// the figure is constant (nothing to mix) or there are fewer than 4 values per chain.
    public var rHat: Double?
    /// Effective sample size (Geyer's initial monotone sequence over the multi-chain
    /// autocorrelation, as Stan computes it); nil when constant.
    public var ess: Double?
    public var mean: Double
    public var sd: Double
    public var count: Int
}

public enum Convergence {
    /// R̂ above which the chains are said not to have mixed.
    public static let rHatLimit = 1.05

    /// Split-R̂ and ESS of `chains` (one series per chain, equal lengths).
    public static func figures(_ name: String, chains: [[Double]]) -> ConvergenceFigures {
        let all = chains.flatMap { $0 }
        let n = all.count
        let mean = n > 0 ? all.reduce(0, +) / Double(n) : 0
        var ss = 0.0
        for v in all { ss += (v - mean) * (v - mean) }
        let sd = n > 1 ? (ss / Double(n - 1)).squareRoot() : 0
        var result = ConvergenceFigures(figure: name, rHat: nil, ess: nil, mean: mean, sd: sd, count: n)
        let half = (chains.map(\.count).min() ?? 0) / 2
        // Constant up to rounding (a max deviation summed in another order): nothing to mix.
        guard half >= 2, sd > 1e-12 * max(abs(mean), 1e-300) else { return result }
        var split: [[Double]] = []
        for c in chains { split.append(Array(c[0..<half])); split.append(Array(c[half..<(2 * half)])) }
        let m = Double(split.count), len = Double(half)
        let means = split.map { $0.reduce(0, +) / len }
        let variances = zip(split, means).map { s, mu in s.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / (len - 1) }
        let w = variances.reduce(0, +) / m
        let grand = means.reduce(0, +) / m
        let b = len * means.reduce(0) { $0 + ($1 - grand) * ($1 - grand) } / (m - 1)
        let varPlus = (len - 1) / len * w + b / len
        guard w > 0 else { return result }
        result.rHat = (varPlus / w).squareRoot()
        // Autocovariances per sequence (FFT), combined as in Stan.
        let acov = zip(split, means).map { autocovariance($0, mean: $1) }
        func rho(_ t: Int) -> Double {
            var s = 0.0
            for (j, a) in acov.enumerated() { s += variances[j] * a[t] / a[0] }
            return 1 - (w - s / m) / varPlus
        }
        var sum = 0.0
        var previous = Double.infinity
        var t = 0
        while t + 1 < half {
            var p = rho(t) + rho(t + 1)
            if p <= 0 { break }
            p = min(p, previous); previous = p
            sum += p
            t += 2
        }
        let tau = max(-1 + 2 * sum, 1 / log10(max(m * len, 10)))
        result.ess = m * len / tau
        return result
    }

    /// Biased autocovariance of `x` at every lag (a[0] = variance·(n−1)/n).
    static func autocovariance(_ x: [Double], mean: Double) -> [Double] {
        let n = x.count
        var size = 1
        while size < 2 * n { size <<= 1 }
        var re = [Double](repeating: 0, count: size), im = re
        for i in 0..<n { re[i] = x[i] - mean }
        fft(&re, &im, inverse: false)
        for i in 0..<size { re[i] = re[i] * re[i] + im[i] * im[i]; im[i] = 0 }
        fft(&re, &im, inverse: true)
        return (0..<n).map { re[$0] / Double(size) / Double(n) }
    }

    /// In-place iterative radix-2 FFT (size a power of two); the inverse is unscaled.
    static func fft(_ re: inout [Double], _ im: inout [Double], inverse: Bool) {
        let n = re.count
        var j = 0
        for i in 1..<n {
            var bit = n >> 1
            while j & bit != 0 { j ^= bit; bit >>= 1 }
            j |= bit
            if i < j { re.swapAt(i, j); im.swapAt(i, j) }
        }
        var len = 2
        while len <= n {
            let angle = (inverse ? 2 : -2) * Double.pi / Double(len)
            let wr = cos(angle), wi = sin(angle)
            var start = 0
            while start < n {
                var cr = 1.0, ci = 0.0
                for k in 0..<(len / 2) {
                    let a = start + k, b = a + len / 2
                    let tr = re[b] * cr - im[b] * ci, ti = re[b] * ci + im[b] * cr
                    re[b] = re[a] - tr; im[b] = im[a] - ti
                    re[a] += tr; im[a] += ti
                    let nr = cr * wr - ci * wi
                    ci = cr * wi + ci * wr; cr = nr
                }
                start += len
            }
            len <<= 1
        }
    }

    /// Convergence of every figure of `result` (chains in order).
    public static func figures(of result: EnsembleResult) -> [ConvergenceFigures] {
        EnsembleFigures.columns.indices.compactMap { col in
            let series = result.chains.map { ch in ch.rows.compactMap { $0.figures.values[col] } }
            guard series.allSatisfy({ !$0.isEmpty }) else { return nil }
            return figures(EnsembleFigures.columns[col], chains: series)
        }
    }
}

// WanggeSample: the seeded generator behind `wangge sample` (DESIGN section 9). Everything it draws comes
// from its own generators below, never from the system's randomness, so a seed fixes every byte.
import WanggeModel
#if canImport(Glibc)
import Glibc
#endif

// SplitMix64 (WanggeModel) expands a seed into generator states and stream seeds.

/// xoshiro256** (Blackman, Vigna 2018), seeded through SplitMix64. The uniform and normal draws are
/// written out here (not the standard library's `random(in:using:)`), so the stream of values for a
/// seed cannot change with the Swift version.
public struct SampleRandom: Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    public init(seed: UInt64) {
        var sm = SplitMix64(seed: seed)
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
    }

    /// An independent stream for one stage of the generator: changing how much one stage draws
    /// does not shift the values of another.
    public init(seed: UInt64, stream: UInt64) {
        var sm = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        self.init(seed: sm.next())
    }

    @inline(__always)
    private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    public mutating func next() -> UInt64 {
        let result = Self.rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = Self.rotl(s3, 45)
        return result
    }

    /// Uniform in [0, 1) with 53 random bits.
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in [lo, hi).
    public mutating func uniform(_ lo: Double, _ hi: Double) -> Double { lo + (hi - lo) * uniform() }

    /// Uniform integer in 0..<n (Lemire's multiply-and-reject, unbiased). n must be > 0.
    public mutating func below(_ n: Int) -> Int {
        precondition(n > 0)
        let bound = UInt64(n)
        var m = next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let threshold = (0 &- bound) % bound
            while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
        }
        return Int(m.high)
    }

    /// True with probability p.
    public mutating func chance(_ p: Double) -> Bool { uniform() < p }

    /// Standard normal (Box–Muller, one value per call).
    public mutating func normal() -> Double {
        let u1 = 1 - uniform() // (0, 1]
        let u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }

    /// Index drawn with probability proportional to `weights` (cumulative weights, increasing).
    public mutating func pick(cumulative: [Double]) -> Int {
        let r = uniform() * (cumulative.last ?? 0)
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] > r { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}

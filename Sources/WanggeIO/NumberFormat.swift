/// Deterministic decimal text for output numbers: a fixed number of decimals at most, trailing
/// zeros trimmed, never exponent notation, no negative zero.
enum NumberFormat {
    private static let scales: [Double] = (0...9).map { d in (0..<d).reduce(1.0) { r, _ in r * 10 } }

    /// Appends `v` rounded to `decimals` (0…9) places; non-finite values become `null`.
    static func fixed(_ v: Double, decimals: Int, into out: inout [UInt8]) {
        guard v.isFinite else { out.append(contentsOf: Array("null".utf8)); return }
        var d = decimals
        var scaled = (v * scales[d]).rounded(.toNearestOrAwayFromZero)
        while abs(scaled) >= 9.0e18, d > 0 {
            d -= 1
            scaled = (v * scales[d]).rounded(.toNearestOrAwayFromZero)
        }
        guard abs(scaled) < 9.0e18 else {
            // Beyond Int64: print the integral double digit by digit.
            var digits: [UInt8] = []
            var m = abs(v).rounded()
            while m >= 1 {
                let q = (m / 10).rounded(.down)
                digits.append(UInt8(m - q * 10) + 0x30)
                m = q
            }
            if v < 0 { out.append(UInt8(ascii: "-")) }
            out.append(contentsOf: digits.reversed())
            return
        }
        let n = Int64(scaled)
        if n == 0 { out.append(UInt8(ascii: "0")); return }
        if n < 0 { out.append(UInt8(ascii: "-")) }
        var digits = Array(String(n.magnitude).utf8)
        if d > 0 {
            if digits.count <= d { digits = [UInt8](repeating: 0x30, count: d + 1 - digits.count) + digits }
            let intPart = digits[..<(digits.count - d)]
            var frac = digits[(digits.count - d)...]
            while let last = frac.last, last == 0x30 { frac = frac.dropLast() }
            out.append(contentsOf: intPart)
            if !frac.isEmpty { out.append(UInt8(ascii: ".")); out.append(contentsOf: frac) }
        } else {
            out.append(contentsOf: digits)
        }
    }

    static func fixed(_ v: Double, decimals: Int) -> String {
        var out: [UInt8] = []
        fixed(v, decimals: decimals, into: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

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
        // The digits of |n|, least significant first, at least d + 1 of them (leading zeros), in a
        // stack buffer; then the integral digits, and the decimals without trailing zeros.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { digits in
            var m = n.magnitude
            var count = 0
            while m > 0 { digits[count] = UInt8(truncatingIfNeeded: m % 10) | 0x30; m /= 10; count += 1 }
            while count <= d && d > 0 { digits[count] = 0x30; count += 1 }
            var i = count
            while i > d { i -= 1; out.append(digits[i]) }
            var last = 0
            while last < d && digits[last] == 0x30 { last += 1 }
            guard last < d else { return }
            out.append(UInt8(ascii: "."))
            i = d
            while i > last { i -= 1; out.append(digits[i]) }
        }
    }

    /// Appends the decimal digits of `v` (what `String(v)` gives).
    static func integer(_ v: Int, into out: inout [UInt8]) {
        if v < 0 { out.append(UInt8(ascii: "-")) }
        var m = v.magnitude
        if m < 10 { out.append(UInt8(truncatingIfNeeded: m) | 0x30); return }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var count = 0
            while m > 0 { digits[count] = UInt8(truncatingIfNeeded: m % 10) | 0x30; m /= 10; count += 1 }
            while count > 0 { count -= 1; out.append(digits[count]) }
        }
    }

    static func fixed(_ v: Double, decimals: Int) -> String {
        var out: [UInt8] = []
        fixed(v, decimals: decimals, into: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

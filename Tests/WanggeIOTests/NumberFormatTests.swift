import Testing
@testable import WanggeIO

@Suite struct NumberFormatTests {
    @Test func fixedDecimalsWithoutExponentOrTrailingZeros() {
        #expect(NumberFormat.fixed(116.85, decimals: 7) == "116.85")
        #expect(NumberFormat.fixed(1e-7, decimals: 7) == "0.0000001")
        #expect(NumberFormat.fixed(4e-8, decimals: 7) == "0")
        #expect(NumberFormat.fixed(-4e-8, decimals: 7) == "0")
        #expect(NumberFormat.fixed(-0.0, decimals: 3) == "0")
        #expect(NumberFormat.fixed(-1.25, decimals: 1) == "-1.3")
        #expect(NumberFormat.fixed(1e20, decimals: 6) == "100000000000000000000")
        #expect(NumberFormat.fixed(12, decimals: 6) == "12")
        #expect(NumberFormat.fixed(.nan, decimals: 6) == "null")
    }

    @Test func sevenDecimalCoordinatesSurviveTheRoundTrip() {
        var state: UInt64 = 42
        for _ in 0..<5000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let n = Int64(bitPattern: state >> 1) % 1_800_000_000
            let text = NumberFormat.fixed(Double(n) / 1e7, decimals: 7)
            #expect(!text.contains("e"))
            let back = Double(text)!
            #expect(NumberFormat.fixed(back, decimals: 7) == text)
            #expect((back * 1e7).rounded() == Double(n))
        }
    }

    /// The digits are written straight into the output: the same text as printing the scaled
    /// integer with `String` and cutting it at the decimal point, for any value and 0…9 decimals.
    @Test func digitsMatchThePrintedScaledInteger() {
        func reference(_ v: Double, _ d: Int) -> String {
            let scaled = (v * Double("1" + String(repeating: "0", count: d))!).rounded(.toNearestOrAwayFromZero)
            let n = Int64(scaled)
            if n == 0 { return "0" }
            var digits = String(n.magnitude)
            if d > 0 && digits.count <= d { digits = String(repeating: "0", count: d + 1 - digits.count) + digits }
            var int = String(digits.prefix(digits.count - d)), frac = String(digits.suffix(d))
            while frac.hasSuffix("0") { frac.removeLast() }
            if int.isEmpty { int = "0" }
            return (n < 0 ? "-" : "") + int + (frac.isEmpty ? "" : "." + frac)
        }
        var state: UInt64 = 7
        for i in 0..<3_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let magnitude = Double(state >> 11) / Double(1 << 53) * [1e-9, 1e-3, 1, 180, 1e6, 1e9][i % 6]
            let v = (state & 1 == 0 ? 1 : -1) * magnitude
            let d = Int(state >> 60) % 10
            #expect(NumberFormat.fixed(v, decimals: d) == reference(v, d), "\(v) with \(d) decimals")
        }
    }
}

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
}

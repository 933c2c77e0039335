import Testing
@testable import WanggeGraph

@Suite struct PredicateTests {
    @Test func orientationSignsOnSimpleTriangles() {
        #expect(orient2d(0, 0, 1, 0, 0, 1) > 0)
        #expect(orient2d(0, 0, 0, 1, 1, 0) < 0)
        #expect(orient2d(0, 0, 1, 1, 2, 2) == 0)
    }

    /// Points on the line y = x nudged by one ulp: naive evaluation gets the sign wrong or zero for many
    /// of them; the exact sign follows from which side the nudged point lies on.
    @Test func orientationIsExactNearTheLine() {
        let a = (0.5, 0.5), b = (12.0, 12.0)
        for k in 0..<256 {
            let base = 0.5 + Double(k) * 0x1p-8 * 4
            let above = base.nextUp  // (base, base⁺) lies strictly above y = x
            let below = base.nextDown
            #expect(orient2d(a.0, a.1, b.0, b.1, base, above) > 0)
            #expect(orient2d(a.0, a.1, b.0, b.1, base, below) < 0)
            #expect(orient2d(a.0, a.1, b.0, b.1, base, base) == 0)
        }
    }

    @Test func exactFallbackAgreesWithFilterWhereTheFilterDecides() {
        var g = SeededGenerator(seed: 7)
        for _ in 0..<2000 {
            let v = (0..<6).map { _ in Double.random(in: -1e6...1e6, using: &g) }
            let fast = orient2d(v[0], v[1], v[2], v[3], v[4], v[5])
            let exact = orient2dExactSign(v[0], v[1], v[2], v[3], v[4], v[5])
            #expect((fast > 0 ? 1 : fast < 0 ? -1 : 0) == exact)
        }
    }

    @Test func incircleOnCocircularAndNearlyCocircularPoints() {
        // (±5, 0), (0, ±5), (3, 4) lie on the circle of radius 5 about the origin.
        #expect(incircle(5, 0, 0, 5, -5, 0, 3, 4) == 0)
        #expect(incircle(5, 0, 0, 5, -5, 0, 0, -5) == 0)
        #expect(incircle(5, 0, 0, 5, -5, 0, 0, 0) > 0)
        #expect(incircle(5, 0, 0, 5, -5, 0, 6, 6) < 0)
        // Shifted far from the origin (UTM-like magnitudes): still exact.
        let ox = 500_000.0, oy = 4_000_000.0
        #expect(incircle(ox + 5, oy, ox, oy + 5, ox - 5, oy, ox + 3, oy + 4) == 0)
        #expect(incircle(ox + 5, oy, ox, oy + 5, ox - 5, oy, ox + 3, (oy + 4).nextDown) > 0)
        #expect(incircle(ox + 5, oy, ox, oy + 5, ox - 5, oy, ox + 3, (oy + 4).nextUp) < 0)
    }
}

@Suite struct ExactStageTests {
    /// The allocation-free stage for exact differences agrees with the general exact code, on
    /// grid-like points where many determinants are exactly zero.
    @Test func exactDifferenceStagesAgreeWithGeneralExactCode() {
        var g = SeededGenerator(seed: 77)
        var zeros = 0
        for _ in 0..<4000 {
            let v = (0..<8).map { _ in 400_000 + Double(Int.random(in: 0...6, using: &g)) * 0.25 }
            let o = orient2dExactDifferencesSign(v[0], v[1], v[2], v[3], v[4], v[5])
            #expect(o == orient2dExactSign(v[0], v[1], v[2], v[3], v[4], v[5]))
            let c = incircleExactDifferencesSign(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7])
            let e = incircleExactSign(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7])
            #expect(c == e)
            if e == 0 { zeros += 1 }
        }
        #expect(zeros > 100)
        // Differences that are not exact: the stage declines.
        #expect(incircleExactDifferencesSign(0.1, 0.2, 1e17, 0.3, 0.7, 0.9, 0.5, 1e-17) == nil)
    }

    @Test func incircleNonzeroCasesAgreeOnRandomLargeCoordinates() {
        var g = SeededGenerator(seed: 78)
        for _ in 0..<2000 {
            let v = (0..<8).map { _ in Double.random(in: 500_000...500_050, using: &g) }
            let fast = incircle(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7])
            let exact = incircleExactSign(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7])
            #expect((fast > 0 ? 1 : fast < 0 ? -1 : 0) == exact)
            if let stage = incircleExactDifferencesSign(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]) {
                #expect(stage == exact)
            }
        }
    }
}

import Testing
@testable import WanggeMetrics

@Suite struct BalanceTests {
    @Test func loadsDeviationRangeAndCV() {
        // Households of weight 2 in district 0 (4 of them = 8), 10 of weight 1 in district 1,
        // 6 of weight 2 in district 2 (12): loads 8, 10, 12, T = 30/3 = 10.
        var assignment: [Int32] = [], loads: [Double] = []
        for _ in 0..<4 { assignment.append(0); loads.append(2) }
        for _ in 0..<10 { assignment.append(1); loads.append(1) }
        for _ in 0..<6 { assignment.append(2); loads.append(2) }
        let l = BalanceMetrics.districtLoads(assignment: assignment, loads: loads, districtCount: 3)
        #expect(l == [8, 10, 12])
        let f = BalanceMetrics.figures(districtLoads: l)
        #expect(f.target == 10)
        // (8−10)/10 = −0.2, 0, +0.2; max |dev| 0.2; range (12−8)/10 = 0.4.
        #expect(f.deviations.map { ($0 * 1e12).rounded() / 1e12 } == [-0.2, 0, 0.2])
        #expect(abs(f.maxAbsDeviation - 0.2) < 1e-15)
        #expect(abs(f.range - 0.4) < 1e-15)
        // Population variance (4 + 0 + 4)/3 = 8/3; CV = √(8/3)/10 = 0.16329931618554522.
        #expect(abs(f.coefficientOfVariation - (8.0 / 3).squareRoot() / 10) < 1e-15)
    }

    @Test func emptyPlanIsAllZero() {
        let f = BalanceMetrics.figures(districtLoads: [0, 0])
        #expect(f.maxAbsDeviation == 0 && f.range == 0 && f.coefficientOfVariation == 0)
    }
}

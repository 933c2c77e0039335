import Testing
@testable import WanggeGraph

@Suite struct SiteMergeTests {
    @Test func coincidentHouseholdsShareASiteInOrderOfFirstHousehold() {
        // Households 0, 2, 5 at one block; 1 and 4 at another; 3 alone.
        let x: [Double] = [10, 50, 10, 70, 50, 10]
        let y: [Double] = [20, 60, 20, 80, 60, 20]
        let m = SiteMerge(x: x, y: y)
        #expect(m.siteCount == 3)
        #expect(m.siteOfHousehold == [0, 1, 0, 2, 1, 0])
        #expect(m.siteHouseholdOffsets == [0, 3, 5, 6])
        #expect(m.siteHouseholds == [0, 2, 5, 1, 4, 3])
        #expect(m.x == [10, 50, 70] && m.y == [20, 60, 80])
    }

    @Test func nearbyPositionsMergeTransitivelyWithinEpsilon() {
        // 0 and 1 are 0.6 µm apart, 1 and 2 another 0.6 µm (0 and 2: 1.2 µm, joined through 1);
        // 3 is 2 µm from 2 and stays apart. 4 differs from 0 in y only, by 0.9 µm.
        let x: [Double] = [1000, 1000.0000006, 1000.0000012, 1000.0000032, 1000]
        let y: [Double] = [2000, 2000, 2000, 2000, 1999.9999991]
        let m = SiteMerge(x: x, y: y, epsilon: 1e-6)
        #expect(m.siteOfHousehold == [0, 0, 0, 1, 0])
        #expect(m.x[0] == 1000 && m.y[0] == 2000)  // the first household's position
        let exactOnly = SiteMerge(x: x, y: y, epsilon: 0)
        #expect(exactOnly.siteCount == 5)
    }

    @Test func manyHouseholdsPerSiteCSRIsComplete() {
        var g = SeededGenerator(seed: 5)
        let blocks = (0..<50).map { _ in (Double.random(in: 0...1000, using: &g), Double.random(in: 0...1000, using: &g)) }
        let n = 2000
        let pick = (0..<n).map { _ in Int.random(in: 0..<50, using: &g) }
        let m = SiteMerge(x: pick.map { blocks[$0].0 }, y: pick.map { blocks[$0].1 })
        #expect(m.siteCount == Set(pick).count)
        #expect(m.siteHouseholds.sorted() == (0..<Int32(n)).map { $0 })
        for s in 0..<m.siteCount {
            let hs = m.siteHouseholds[Int(m.siteHouseholdOffsets[s])..<Int(m.siteHouseholdOffsets[s + 1])]
            #expect(hs.elementsEqual(hs.sorted()))
            #expect(hs.allSatisfy { m.siteOfHousehold[Int($0)] == Int32(s) })
            #expect(Set(hs.map { pick[Int($0)] }).count == 1)
        }
        // Sites are numbered by first household.
        let firsts = (0..<m.siteCount).map { m.siteHouseholds[Int(m.siteHouseholdOffsets[$0])] }
        #expect(firsts == firsts.sorted())
    }
}

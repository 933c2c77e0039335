import Testing
@testable import WanggeGraph

@Suite struct SiteMergeTests {
    @Test func coincidentHouseholdsShareASite() {
        // Households 0, 2, 5 at one block; 1 and 4 at another; 3 alone.
        let x: [Double] = [10, 50, 10, 70, 50, 10]
        let y: [Double] = [20, 60, 20, 80, 60, 20]
        let m = SiteMerge(x: x, y: y)
        #expect(m.siteCount == 3)
        let s = m.siteOfHousehold.map(Int.init)
        #expect(s[0] == s[2] && s[2] == s[5] && s[1] == s[4] && Set([s[0], s[1], s[3]]).count == 3)
        #expect(m.siteHouseholdOffsets.count == 4)
        for h in 0..<6 {
            #expect(m.x[s[h]] == x[h] && m.y[s[h]] == y[h])
            let members = m.siteHouseholds[Int(m.siteHouseholdOffsets[s[h]])..<Int(m.siteHouseholdOffsets[s[h] + 1])]
            #expect(members.contains(Int32(h)))
        }
        #expect(Array(m.siteHouseholds[Int(m.siteHouseholdOffsets[s[0]])..<Int(m.siteHouseholdOffsets[s[0] + 1])]) == [0, 2, 5])
    }

    /// Site numbers follow the positions (a Hilbert curve), not the order households come in.
    @Test func siteOrderDoesNotDependOnHouseholdOrder() {
        var g = SeededGenerator(seed: 99)
        let blocks = (0..<300).map { _ in (Double.random(in: 0...5000, using: &g), Double.random(in: 0...5000, using: &g)) }
        let pick = (0..<3000).map { _ in Int.random(in: 0..<300, using: &g) }
        let a = SiteMerge(x: pick.map { blocks[$0].0 }, y: pick.map { blocks[$0].1 })
        let shuffled = pick.shuffled(using: &g)
        let b = SiteMerge(x: shuffled.map { blocks[$0].0 }, y: shuffled.map { blocks[$0].1 })
        #expect(a.x == b.x && a.y == b.y)
        // Consecutive sites are close: the mean step along the order is far below the mean distance
        // between random sites (about 2600 m here).
        var step = 0.0
        for s in 1..<a.siteCount {
            step += ((a.x[s] - a.x[s - 1]) * (a.x[s] - a.x[s - 1]) + (a.y[s] - a.y[s - 1]) * (a.y[s] - a.y[s - 1])).squareRoot()
        }
        #expect(step / Double(a.siteCount - 1) < 800)
    }

    /// Near positions on both sides of a Hilbert grid cell side (and corner) still merge. With the
    /// bounding box 0...65536 m, grid cells are exactly 1 m wide.
    @Test func nearPositionsAcrossGridCellSidesMerge() {
        let x: [Double] = [0, 65536, 100 - 3e-7, 100 + 3e-7, 200 - 3e-7, 200 + 3e-7, 400, 400 + 2e-6]
        let y: [Double] = [0, 65536, 50, 50, 300 - 3e-7, 300 + 3e-7, 10, 10]
        let m = SiteMerge(x: x, y: y)
        let s = m.siteOfHousehold
        #expect(s[2] == s[3])
        #expect(s[4] == s[5])
        #expect(s[6] != s[7])
        #expect(m.siteCount == 6)
    }

    @Test func nearbyPositionsMergeTransitivelyWithinEpsilon() {
        // 0 and 1 are 0.6 µm apart, 1 and 2 another 0.6 µm (0 and 2: 1.2 µm, joined through 1);
        // 3 is 2 µm from 2 and stays apart. 4 differs from 0 in y only, by 0.9 µm.
        let x: [Double] = [1000, 1000.0000006, 1000.0000012, 1000.0000032, 1000]
        let y: [Double] = [2000, 2000, 2000, 2000, 1999.9999991]
        let m = SiteMerge(x: x, y: y, epsilon: 1e-6)
        let s = m.siteOfHousehold
        #expect(s[0] == s[1] && s[1] == s[2] && s[2] == s[4] && s[3] != s[0])
        #expect(m.x[Int(s[1])] == 1000 && m.y[Int(s[1])] == 2000)  // the lowest-index household's position
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
    }
}

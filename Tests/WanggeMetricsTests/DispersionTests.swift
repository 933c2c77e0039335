import Testing
@testable import WanggeMetrics

@Suite struct DispersionTests {
    let x: [Double] = [0, 2, 0, 2], y: [Double] = [0, 0, 2, 2]
    let all: ArraySlice<Int32> = [0, 1, 2, 3]

    @Test func fourCornersUnitWeights() {
        // Centroid (1,1); every corner at d² = 2: Σ = 8.
        #expect(DispersionMetrics.dispersion(all, x: x, y: y, weights: [1, 1, 1, 1]) == 8)
    }

    @Test func fourCornersWeighted() {
        // Weights 1,1,1,3: centroid (8/6, 8/6) = (4/3, 4/3). d²: (0,0) 32/9, (2,0) 20/9, (0,2) 20/9,
        // (2,2) 8/9 × 3 = 24/9. Σ = 96/9 = 32/3.
        let v = DispersionMetrics.dispersion(all, x: x, y: y, weights: [1, 1, 1, 3])
        #expect(abs(v - 32.0 / 3) < 1e-12)
    }

    @Test func serviceDistancesFromACorner() {
        // From (0,0): 0, 2, 2, 2√2 → mean (4 + 2√2)/4 = 1 + √2/2, max 2√2.
        let d = DispersionMetrics.serviceDistances(all, point: 0, x: x, y: y)
        #expect(abs(d.mean - (1 + 2.0.squareRoot() / 2)) < 1e-12)
        #expect(abs(d.max - 2 * 2.0.squareRoot()) < 1e-12)
    }

    @Test func medoidOnALine() {
        // Points 0,1,2,3,10 on a line. Unit weights: Σ|d| is least at the median, x = 2 (index 2).
        // Weight 5 on x = 10: cost at 10 is 10+9+8+7 = 34, at 3 it is 3+2+1+5·7 = 41, so index 4.
        let lx: [Double] = [0, 1, 2, 3, 10], ly = [Double](repeating: 0, count: 5)
        let m: ArraySlice<Int32> = [0, 1, 2, 3, 4]
        #expect(Medoid.medoid(m, x: lx, y: ly, weights: [1, 1, 1, 1, 1]) == 2)
        #expect(Medoid.medoid(m, x: lx, y: ly, weights: [1, 1, 1, 1, 5]) == 4)
        #expect(Medoid.medoid([], x: lx, y: ly, weights: [1, 1, 1, 1, 1]) == nil)
    }

    @Test func approximateMedoidIsNearlyOptimal() {
        // Weiszfeld + nearest candidates against the exact O(m²) search, on clustered clouds.
        var rng = Fixture.Rng(42)
        for _ in 0..<8 {
            let n = rng.int(200...400)
            var x: [Double] = [], y: [Double] = [], w: [Double] = []
            for _ in 0..<n {
                let c = rng.int(0...2)
                x.append(Double(c) * 300 + rng.double(-100...100)); y.append(Double(c % 2) * 200 + rng.double(-80...80))
                w.append(Double(rng.int(1...6)))
            }
            let m = ArraySlice((0..<Int32(n)).map { $0 })
            let exact = Medoid.medoid(m, x: x, y: y, weights: w, exactLimit: Int.max)!
            let approx = Medoid.medoid(m, x: x, y: y, weights: w, exactLimit: 0)!
            let ce = Medoid.cost(of: exact, m, x: x, y: y, weights: w)
            let ca = Medoid.cost(of: approx, m, x: x, y: y, weights: w)
            #expect(ca >= ce - 1e-6)
            #expect(ca <= ce * 1.001)
        }
    }

    /// The exact medoid (which stops summing a candidate once it exceeds the best so far) is the
    /// member of least `cost(of:)`, ties to the lowest index, on random clouds with members listed in
    /// any order, repeated positions (ties) and zero weights; from round 30 on, districts of 64–700
    /// members, whose candidates are first bounded below by cell sums (in some rounds the members
    /// stand in a few tight clusters, where many candidates' bounds come close to the best cost).
    @Test func exactMedoidIsTheLeastCostMember() {
        var rng = Fixture.Rng(7)
        for round in 0..<50 {
            let large = round >= 30
            let n = large ? rng.int(64...700) : rng.int(3...120)
            let clusters = large && round % 2 == 0 ? (0..<rng.int(2...5)).map { _ in (rng.double(-500...500), rng.double(-300...300)) } : []
            var x: [Double] = [], y: [Double] = [], w: [Double] = []
            for i in 0..<n {
                if i > 0 && rng.int(0...4) == 0 {
                    let j = rng.int(0...(i - 1)); x.append(x[j]); y.append(y[j])
                } else if !clusters.isEmpty {
                    let c = clusters[rng.int(0...(clusters.count - 1))]
                    x.append(c.0 + rng.double(-5...5)); y.append(c.1 + rng.double(-5...5))
                } else {
                    x.append(rng.double(-500...500)); y.append(rng.double(-300...300))
                }
                w.append(round % 3 == 0 ? 1 : Double(rng.int(0...4)))
            }
            var m = (0..<Int32(n)).map { $0 }
            for i in stride(from: n - 1, to: 0, by: -1) { m.swapAt(i, rng.int(0...i)) }
            let members = ArraySlice(m.prefix(large ? rng.int(64...n) : rng.int(1...n)))
            var best = -1, bestCost = Double.infinity
            for c in members {
                let v = Medoid.cost(of: Int(c), members, x: x, y: y, weights: w)
                if v < bestCost || (v == bestCost && Int(c) < best) { best = Int(c); bestCost = v }
            }
            #expect(Medoid.medoid(members, x: x, y: y, weights: w) == best)
        }
    }
}

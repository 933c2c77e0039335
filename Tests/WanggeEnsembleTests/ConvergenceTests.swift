import Testing
import WanggeModel
import WanggeEnsemble

@Suite struct ConvergenceTests {
    func ar1(_ n: Int, rho: Double, mean: Double, seed: UInt64) -> [Double] {
        var rng = SplitMix64(seed: seed)
        var x = 0.0, out: [Double] = []
        for _ in 0..<n {
            // Sum of uniforms: roughly normal noise.
            var e = -6.0
            for _ in 0..<12 { e += rng.unit() }
            x = rho * x + e
            out.append(mean + x)
        }
        return out
    }

    @Test func independentChainsGiveRHatNearOneAndFullESS() {
        let c = Convergence.figures("x", chains: [ar1(4000, rho: 0, mean: 0, seed: 1), ar1(4000, rho: 0, mean: 0, seed: 2)])
        #expect(abs(c.rHat! - 1) < 0.01)
        #expect(c.ess! > 6400 && c.ess! < 9600, "\(c.ess!)")
    }

    @Test func correlatedChainsHaveSmallerESS() {
        // AR(1) with ρ = 0.9: ESS ≈ n (1 − ρ)/(1 + ρ) ≈ n/19.
        let c = Convergence.figures("x", chains: [ar1(20_000, rho: 0.9, mean: 0, seed: 3), ar1(20_000, rho: 0.9, mean: 0, seed: 4)])
        let expected = 40_000.0 / 19
        #expect(c.ess! > 0.7 * expected && c.ess! < 1.3 * expected, "\(c.ess!) vs \(expected)")
        #expect(c.rHat! < 1.05)
    }

    @Test func chainsAroundDifferentMeansAreFlagged() {
        let c = Convergence.figures("x", chains: [ar1(2000, rho: 0.5, mean: 0, seed: 5), ar1(2000, rho: 0.5, mean: 3, seed: 6)])
        #expect(c.rHat! > Convergence.rHatLimit)
        let constant = Convergence.figures("x", chains: [[1, 1, 1, 1], [1, 1, 1, 1]])
        #expect(constant.rHat == nil && constant.ess == nil)
    }
}

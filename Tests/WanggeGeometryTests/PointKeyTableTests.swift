import Testing
import PropertyBased
import WanggeModel
@testable import WanggeGeometry

/// The noding's and colouring's hash table agrees with `Dictionary` on any sequence of sets and
/// lookups: through growth, replaced values, keys one apart (neighbouring grid cells, doubles one
/// ulp apart) and negative integers.
@Suite("Point key table")
struct PointKeyTableTests {
    @Test func agreesWithDictionary() async {
        await propertyCheck(count: 30, input: Gen.int(in: 1...5000), Gen.int(in: 0...1_000_000)) { n, seed in
            var rng = TestRandom(seed: UInt64(seed))
            var table = PointKeyTable(expected: Int.random(in: 0...n, using: &rng))
            var reference: [Point2Key: Int32] = [:]
            let spread = Int64.random(in: 1...Int64(n), using: &rng)
            func key() -> Point2Key {
                switch Int.random(in: 0...2, using: &rng) {
                case 0: return Point2Key(x: Int64.random(in: -spread...spread, using: &rng), y: Int64.random(in: -spread...spread, using: &rng))
                case 1: return Point2Key(Point2(1e5 + Double(Int.random(in: 0...40, using: &rng)) * 1e5.ulp, 3.6e6))
                default: return Point2Key(Point2(Double.random(in: -1...1, using: &rng), Double.random(in: -1...1, using: &rng)))
                }
            }
            for _ in 0..<(2 * n) {
                let k = key()
                if Bool.random(using: &rng) {
                    let v = Int32.random(in: 0...Int32.max, using: &rng)
                    table.set(v, for: k); reference[k] = v
                } else {
                    #expect(table.value(for: k) == reference[k])
                }
            }
            #expect(table.count == reference.count)
            for (k, v) in reference { #expect(table.value(for: k) == v) }
        }
    }
}

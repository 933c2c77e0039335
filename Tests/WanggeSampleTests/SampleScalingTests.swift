import Foundation
import Testing
import WanggeModel
@testable import WanggeSample

@Suite struct SampleScalingTests {
    @Test func invariantsHoldAcrossSeedsAndSizes() throws {
        let check = try BoundaryCheck()
        for (households, groups, seed) in [(300, 60, UInt64(11)), (2000, nil, 12), (1312, 141, 99)] {
            let options = SampleOptions(households: households, groups: groups, seed: seed)
            let sample = try Fixture.generator(options).generate()
            let t = sample.households
            #expect(t.count == households && t.groupNames.count == options.groupCount)
            var sizes = [Int](repeating: 0, count: t.groupNames.count)
            for g in t.group { sizes[Int(g)] += 1 }
            #expect(sizes.allSatisfy { $0 >= 1 && $0 <= options.groupCap })
            #expect(try (0..<t.count).allSatisfy { try check.contains(t.lon[$0], t.lat[$0]) })
            #expect(t.members.allSatisfy { (1...7).contains($0) })
            #expect(sample.cadres.count == options.cadreCount && sample.labels.count == 21)
        }
    }

    @Test func cityModeHasApartmentBuildingsAndCommunities() throws {
        let options = SampleOptions(households: 30_000, seed: 3)
        #expect(options.isCity)
        let sample = try Fixture.generator(options).generate()
        let t = sample.households
        #expect(t.count == 30_000 && t.groupNames.count == 3224)
        #expect(t.villageNames.allSatisfy { $0.hasSuffix("社区") } && t.villageNames.count == 10)
        var distinct = Set<[Double]>()
        for i in 0..<t.count { distinct.insert([t.lon[i], t.lat[i]]) }
        #expect(distinct.count < t.count && distinct.count > t.count / 2, "\(distinct.count) distinct points")
        let check = try BoundaryCheck()
        #expect(try (0..<t.count).allSatisfy { try check.contains(t.lon[$0], t.lat[$0]) })
        #expect(sample.cadres.count == Int((30_000.0 * 155 / 1312).rounded()))
    }

    @Test func inconsistentOptionsAreUsageErrors() {
        for options in [SampleOptions(households: 1312, groups: 20), SampleOptions(households: 10, groups: 11),
                        SampleOptions(households: 0), SampleOptions(households: 100, districts: 101),
                        SampleOptions(households: 1312, villages: 500)] {
            let error = #expect(throws: WanggeError.self) { try Fixture.generator(options) }
            #expect(error?.status == .usage)
        }
    }

    @Test func randomStreamsAreDeterministicAndUniform() {
        var a = SampleRandom(seed: 42), b = SampleRandom(seed: 42), c = SampleRandom(seed: 42, stream: 1)
        let xs = (0..<100).map { _ in a.next() }
        #expect(xs == (0..<100).map { _ in b.next() })
        #expect(xs != (0..<100).map { _ in c.next() })
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<70_000 { counts[a.below(7)] += 1 }
        #expect(counts.allSatisfy { abs($0 - 10_000) < 500 }, "\(counts)")
        var sum = 0.0, sumSq = 0.0
        for _ in 0..<50_000 { let z = a.normal(); sum += z; sumSq += z * z }
        #expect(abs(sum / 50_000) < 0.03 && abs(sumSq / 50_000 - 1) < 0.05)
    }
}

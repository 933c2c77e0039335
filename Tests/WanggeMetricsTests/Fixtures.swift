import WanggeModel
@testable import WanggeMetrics

/// Small hand-made plans for the tests.
enum Fixture {
    static func square(_ x0: Double, _ y0: Double, _ side: Double = 1) -> [Point2] {
        [Point2(x0, y0), Point2(x0 + side, y0), Point2(x0 + side, y0 + side), Point2(x0, y0 + side), Point2(x0, y0)]
    }

    /// A plan over households with the given district ids, groups, villages, weights.
    static func plan(ids: [String], assignment: [Int32], districtIds: [String],
                     groups: [String?]? = nil, villages: [String?]? = nil, weights: [Double]? = nil,
                     members: [Int32]? = nil, names: [String]? = nil) -> Plan {
        var t = HouseholdTable(sourceName: "fixture")
        var gi: [String: Int32] = [:], vi: [String: Int32] = [:]
        for (i, id) in ids.enumerated() {
            t.append(id: id, lon: 0, lat: 0, members: members?[i] ?? 1, group: groups?[i] ?? nil,
                     village: villages?[i] ?? nil, groupIndex: &gi, villageIndex: &vi)
        }
        t.weight = weights
        let districts = districtIds.enumerated().map { j, id in
            District(id: id, label: names.map { DistrictLabel(district: id, name: $0[j]) })
        }
        return Plan(metadata: PlanMetadata(districts: districtIds.count), districts: districts,
                    households: t, assignment: assignment)
    }

    /// Deterministic pseudo-random numbers for the tests.
    struct Rng {
        var g: SplitMix64
        init(_ seed: UInt64) { g = SplitMix64(seed: seed) }
        mutating func int(_ r: ClosedRange<Int>) -> Int { r.lowerBound + Int(g.next() % UInt64(r.count)) }
        mutating func double(_ r: ClosedRange<Double>) -> Double {
            r.lowerBound + Double(g.next() >> 11) / Double(1 << 53) * (r.upperBound - r.lowerBound)
        }
    }
}

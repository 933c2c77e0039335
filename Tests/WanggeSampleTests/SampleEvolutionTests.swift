import Foundation
import Testing
import WanggeModel
@testable import WanggeSample

@Suite struct SampleEvolutionTests {
    let base = Fixture.base.households
    let evolved = Fixture.evolved

    func countsByVillage(_ t: HouseholdTable) -> [String: Int] {
        var counts: [String: Int] = [:]
        for v in t.village { counts[t.villageNames[Int(v)], default: 0] += 1 }
        return counts
    }

    @Test func villagesGrowAndShrinkAsSpecified() throws {
        let before = countsByVillage(base), after = countsByVillage(evolved.households)
        #expect(evolved.grownVillages.count == 2)
        let shrunk = try #require(evolved.shrunkVillage)
        let blockVillage = try #require(evolved.apartmentGroups.first?.split(separator: "安").first.map(String.init))
        for v in base.villageNames {
            let b = before[v]!, a = after[v]!
            if evolved.grownVillages.contains(v) {
                let block = v == blockVillage ? evolved.apartmentHouseholds : 0
                #expect(a == b + Int((0.15 * Double(b)).rounded()) + block, "\(v): \(b) → \(a)")
            } else if v == shrunk {
                #expect(a == b - Int((0.10 * Double(b)).rounded()), "\(v): \(b) → \(a)")
            } else {
                #expect(a == b, "\(v) changed: \(b) → \(a)")
            }
        }
        #expect(evolved.households.count == base.count + evolved.added - evolved.removed)
    }

    @Test func unchangedHouseholdsKeepIdAndEverything() {
        let e = evolved.households
        let baseIndex = base.indexById()
        var kept = 0
        for i in 0..<e.count {
            guard let j = baseIndex[e.ids[i]].map(Int.init) else { continue }
            kept += 1
            #expect(e.lon[i] == base.lon[j] && e.lat[i] == base.lat[j] && e.members[i] == base.members[j])
            #expect(e.groupNames[Int(e.group[i])] == base.groupNames[Int(base.group[j])])
            #expect(e.villageNames[Int(e.village[i])] == base.villageNames[Int(base.village[j])])
        }
        #expect(kept == base.count - evolved.removed)
        #expect(Set(e.ids).count == e.count)
        #expect(e.ids.last == "H" + String(base.count + evolved.added))
    }

    @Test func apartmentBlockIsManyHouseholdsAtOneCoordinateInside() throws {
        let e = evolved.households
        let groups = Set(evolved.apartmentGroups.compactMap { e.groupNames.firstIndex(of: $0) })
        #expect(groups.count == evolved.apartmentGroups.count && groups.count == 2)
        let block = (0..<e.count).filter { groups.contains(Int(e.group[$0])) }
        #expect(block.count == evolved.apartmentHouseholds && block.count == 39) // round(3% of 1312)
        #expect(Set(block.map { [e.lon[$0], e.lat[$0]] }).count == 1)
        // No other household shares the block's coordinate.
        let site = [e.lon[block[0]], e.lat[block[0]]]
        #expect((0..<e.count).filter { [e.lon[$0], e.lat[$0]] == site }.count == block.count)
        // Units stay below half a district's target.
        for g in groups { #expect(block.filter { Int(e.group[$0]) == g }.count <= 31) }
        let check = try BoundaryCheck()
        let outside = try (0..<e.count).filter { try !check.contains(e.lon[$0], e.lat[$0]) }
        #expect(outside.isEmpty)
    }
}

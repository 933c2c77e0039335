import Testing
@testable import WanggeModel

@Suite struct ModelTests {
    @Test func defaultDistrictIdsArePaddedToTheWidthOfK() {
        #expect(District.defaultIds(count: 3) == ["D01", "D02", "D03"])
        #expect(District.defaultIds(count: 21).last == "D21")
        #expect(District.defaultIds(count: 3000).first == "D0001")
        #expect(District.defaultIds(count: 3000).last == "D3000")
    }

    @Test func continuingIdsFollowTheExistingSequenceAndPadding() {
        #expect(District.continuingIds(after: District.defaultIds(count: 21), count: 2) == ["D22", "D23"])
        #expect(District.continuingIds(after: ["D01", "D07", "D03"], count: 1) == ["D08"])
        #expect(District.continuingIds(after: ["G001", "G002"], count: 1) == ["G003"])
        #expect(District.continuingIds(after: ["D98", "D99"], count: 2) == ["D100", "D101"])
        // Mixed ids: the most common prefix; ids without a number fall back to "D".
        #expect(District.continuingIds(after: ["片区1", "片区2", "X9"], count: 1) == ["片区3"])
        #expect(District.continuingIds(after: ["north", "south"], count: 1) == ["D01"])
    }

    @Test func errorsNameTheFileFeatureAndField() {
        let e = WanggeError.data("members must be an integer ≥ 1, got -2",
                                 at: SourceLocation(file: "h.geojson", feature: 7, field: "members"))
        #expect(e.description == "h.geojson: feature 7: field 'members': members must be an integer ≥ 1, got -2")
        #expect(e.status.rawValue == 65)
    }

    @Test func householdTableInternsGroupsAndVillages() {
        var t = HouseholdTable(sourceName: "x")
        var gi: [String: Int32] = [:], vi: [String: Int32] = [:]
        t.append(id: "a", lon: 1, lat: 2, group: "g1", village: "v", groupIndex: &gi, villageIndex: &vi)
        t.append(id: "b", lon: 1, lat: 2, group: "g2", village: "v", groupIndex: &gi, villageIndex: &vi)
        t.append(id: "c", lon: 1, lat: 2, group: "g1", village: nil, groupIndex: &gi, villageIndex: &vi)
        #expect(t.group == [0, 1, 0])
        #expect(t.village == [0, 0, -1])
        #expect(t.groupNames == ["g1", "g2"])
        #expect(t.loads == [1, 1, 1])
    }
}

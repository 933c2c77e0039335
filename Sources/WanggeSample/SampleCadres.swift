import WanggeModel
#if canImport(Glibc)
import Glibc
#endif

extension SampleGenerator {
    /// Cadre counts per role. Town leaders: one per district (each is a district's responsible
    /// person). The rest split 40 : 44 : 50 into town cadres, village cadres and party members, which
    /// for the original case (155 cadres, 21 districts) gives 21 + 40 + 44 + 50.
    public static func roleCounts(cadres: Int, districts: Int) -> [(role: CadreRole, count: Int)] {
        let leaders = min(districts, cadres)
        let rest = cadres - leaders
        let shares = [40.0, 44.0, 50.0]
        let raw = shares.map { Double(rest) * $0 / 134 }
        var counts = raw.map { Int($0) }
        let remainders: [Double] = (0..<3).map { raw[$0] - Double(counts[$0]) }
        let order = [0, 1, 2].sorted { (remainders[$0], -$0) > (remainders[$1], -$1) }
        var missing = rest - counts.reduce(0, +)
        for i in order where missing > 0 { counts[i] += 1; missing -= 1 }
        return [(.townLeader, leaders), (.townCadre, counts[0]), (.villageCadre, counts[1]), (.partyMember, counts[2])]
    }

    /// Cadres and district labels.
    /// - Town leaders and town cadres live near the town seat (the centre of the largest village)
    ///   and are linked to villages in turn, largest first.
    /// - Village cadres (villages weighted by work groups) and party members (weighted by households)
    ///   live 5–30 m from a household of their village.
    /// - Labels: districts D01… named 第一片区…, each led by a town leader (name and phone copied).
    func makeCadres(layout: SampleLayout, households table: HouseholdTable,
                    _ rng: inout SampleRandom) -> ([Cadre], [DistrictLabel]) {
        let villageCount = table.villageNames.count
        var members = [[Int]](repeating: [], count: villageCount)
        for i in 0..<table.count { members[Int(table.village[i])].append(i) }
        var groupsPerVillage = [Double](repeating: 0, count: villageCount)
        for v in layout.groupVillage { groupsPerVillage[v] += 1 }
        let bySize = (0..<villageCount).sorted { (members[$0].count, -$0) > (members[$1].count, -$1) }
        let byGroups = cumulative(groupsPerVillage)
        let byHouseholds = cumulative(members.map { Double($0.count) })
        let seat = layout.villageCentres[bySize[0]]
        let seatRadius = min(1500, 0.15 * layout.area.squareRoot())
        let farScale = min(1, (layout.area / Double(options.households)).squareRoot() / 227)

        let total = options.cadreCount
        let width = max(3, String(total).count)
        var cadres: [Cadre] = []
        var turn = 0
        for (role, count) in Self.roleCounts(cadres: total, districts: options.districts) {
            for _ in 0..<count {
                let village: Int
                var home: Point2
                switch role {
                case .townLeader, .townCadre:
                    village = bySize[turn % villageCount]; turn += 1
                    home = nearPoint(seat, minRadius: 50 * farScale, maxRadius: seatRadius, layout: layout, &rng)
                case .villageCadre, .partyMember:
                    village = rng.pick(cumulative: role == .villageCadre ? byGroups : byHouseholds)
                    let h = members[village][rng.below(members[village].count)]
                    let house = layout.frame.toLocal(Point2(table.lon[h], table.lat[h]))
                    home = nearPoint(house, minRadius: 5 * farScale, maxRadius: 30 * farScale, layout: layout, &rng)
                }
                let n = cadres.count + 1
                cadres.append(Cadre(id: "C" + SampleNames.pad(n, width), name: SampleNames.personName(&rng),
                                          role: role, lon: home.x, lat: home.y,
                                          village: table.villageNames[village], phone: SampleNames.phone(n)))
            }
        }
        let leaders = cadres.filter { $0.role == .townLeader }
        let labels = District.defaultIds(count: options.districts).enumerated().map { i, id in
            let leader = i < leaders.count ? leaders[i] : nil
            return DistrictLabel(district: id, name: "第\(SampleNames.chineseNumeral(i + 1))片区",
                                 leader: leader?.name ?? SampleNames.personName(&rng),
                                 phone: leader?.phone ?? SampleNames.phone(total + i + 1))
        }
        return (cadres, labels)
    }

    /// A WGS84 point (7 decimals) at a random distance in [minRadius, maxRadius) from a local point,
    /// inside the boundary and clear of the river; the point itself if none is found in 100 tries.
    func nearPoint(_ centre: Point2, minRadius: Double, maxRadius: Double, layout: SampleLayout,
                   _ rng: inout SampleRandom) -> Point2 {
        for _ in 0..<100 {
            let r = rng.uniform(minRadius, maxRadius), t = rng.uniform(0, 2 * .pi)
            let degrees = layout.frame.toDegrees(Point2(centre.x + r * cos(t), centre.y + r * sin(t)))
            let p = layout.frame.toLocal(degrees)
            if polylineDistance(p, layout.river) >= layout.riverClearance, contains(degrees.x, degrees.y) {
                return degrees
            }
        }
        return layout.frame.toDegrees(centre)
    }

    func cumulative(_ weights: [Double]) -> [Double] {
        var sum = 0.0
        return weights.map { sum += $0; return sum }
    }
}

import Foundation
import WanggeGeometry
import WanggeModel
@testable import WanggeRender

/// A realistic, clearly synthetic plan: an irregular town boundary, households clustered in
/// villages, districts by k-means, service areas from GEOS (Voronoi cells dissolved per district,
/// clipped to the boundary), in WGS84 near Huainan (116.8°E, 32.6°N).
enum SyntheticTown {
    /// The project's SplitMix64 with a Gaussian draw.
    struct Random {
        var generator: SplitMix64
        init(state: UInt64) { generator = SplitMix64(seed: state) }
        mutating func next() -> UInt64 { generator.next() }
        mutating func unit() -> Double { generator.unit() }
        mutating func gaussian() -> Double {
            let u = max(unit(), 1e-12), v = unit()
            return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
        }
    }

    static let villageNames = ["东山", "西岭", "南湖", "北坡", "中心", "桥头", "新村", "老街", "河湾", "竹林", "石门",
                               "柳塘", "杏花", "枣园", "白鹭", "青松", "双井", "三里", "五福", "龙泉", "凤鸣", "金桥",
                               "银杏", "荷塘", "云岭", "松林", "梅岗", "桃源"]
    static let surnames = ["张", "王", "李", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林"]
    static let givenNames = ["伟", "芳", "娜", "洋", "静", "磊", "敏", "强", "杰", "琳", "涛", "丽", "军", "霞", "明"]

    static func boundary(radius: Double) -> [Point2] {
        var ring: [Point2] = []
        for i in 0..<120 {
            let t = Double(i) / 120 * 2 * .pi
            let r = radius * (1 + 0.22 * sin(3 * t) + 0.12 * cos(5 * t + 1))
            ring.append(Point2(r * cos(t) * 1.3, r * sin(t)))
        }
        ring.append(ring[0])
        return ring
    }

    static func plan(households n: Int, districts k: Int, seed: UInt64 = 7) throws -> Plan {
        var rng = Random(state: seed)
        let radius = 2500.0 * max(1, (Double(n) / 1500).squareRoot() / 2)
        let ring = boundary(radius: radius)
        let shape = PlanarShape(rings: [ring])
        func inside() -> Point2 {
            while true {
                let p = Point2((rng.unit() * 2 - 1) * radius * 1.7, (rng.unit() * 2 - 1) * radius * 1.4)
                if shape.signedDistance(p) > radius * 0.05 { return p }
            }
        }
        let villages = (0..<max(6, n / 45)).map { _ in inside() }
        var sites: [Point2] = []
        var village: [Int] = []
        while sites.count < n {
            let v = Int(rng.next() % UInt64(villages.count))
            let spread = radius * 0.07
            let p = Point2(villages[v].x + rng.gaussian() * spread, villages[v].y + rng.gaussian() * spread)
            if shape.signedDistance(p) > 1 { sites.append(p); village.append(v) }
        }
        // k-means (Lloyd), seeded with every (n/k)-th household.
        var centres = (0..<k).map { sites[$0 * n / k] }
        var assignment = [Int32](repeating: 0, count: n)
        for _ in 0..<12 {
            for (i, p) in sites.enumerated() {
                var best = 0, bestD = Double.infinity
                for (c, q) in centres.enumerated() {
                    let d = (p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y)
                    if d < bestD { bestD = d; best = c }
                }
                assignment[i] = Int32(best)
            }
            var sum = [Point2](repeating: Point2(0, 0), count: k), count = [Int](repeating: 0, count: k)
            for (i, p) in sites.enumerated() { let c = Int(assignment[i]); sum[c].x += p.x; sum[c].y += p.y; count[c] += 1 }
            for c in 0..<k where count[c] > 0 { centres[c] = Point2(sum[c].x / Double(count[c]), sum[c].y / Double(count[c])) }
        }
        let areas = try ServiceAreas.build(sites: sites, siteDistrict: assignment, k: k,
                                           clip: MultiPolygon([Polygon(rings: [ring])]))
        let projection = LocalProjection(lon0: 116.8, lat0: 32.6)
        var table = HouseholdTable(sourceName: "synthetic")
        var groups: [String: Int32] = [:], villagesIndex: [String: Int32] = [:]
        for (i, p) in sites.enumerated() {
            let q = projection.unproject(p)
            table.append(id: String(i + 1), idIsNumber: true, lon: q.x, lat: q.y, members: Int32(1 + rng.next() % 5),
                         village: villageNames[village[i] % villageNames.count],
                         groupIndex: &groups, villageIndex: &villagesIndex)
        }
        let ids = District.defaultIds(count: k)
        let districts = (0..<k).map { d in
            let area = MultiPolygon(areas.districts[d].polygons.map { Polygon(rings: $0.rings.map { $0.map(projection.unproject) }) })
            let name = villageNames[d % villageNames.count] + (d >= villageNames.count ? "\(d / villageNames.count + 1)" : "") + "片"
            let leader = surnames[d % surnames.count] + givenNames[(d * 7) % givenNames.count]
            return District(id: ids[d], area: area, color: 0,
                            label: DistrictLabel(district: ids[d], name: name, leader: leader,
                                                 phone: "139" + String(10_000_000 + d * 7_919_113 % 89_999_999)))
        }
        var plan = Plan(metadata: PlanMetadata(districts: k, extra: "\"date\":\"2026-11-28\""), districts: districts,
                        households: table, assignment: assignment)
        let colouring = DistrictColouring(plan: plan)
        for d in 0..<k { plan.districts[d].color = colouring.indices[d] }
        return plan
    }
}

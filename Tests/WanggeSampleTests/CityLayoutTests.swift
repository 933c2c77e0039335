import Foundation
import Testing
import WanggeGraph
import WanggeModel
import WanggeProjection
@testable import WanggeSample

/// City mode (more than 20 000 households): every work group is one spatially coherent patch.
@Suite struct CityLayoutTests {
    static let options = SampleOptions(households: 30_000, seed: 1)
    static let sample: SyntheticSample = try! Fixture.generator(options).generate()

    /// The neighbour graph the partition pipeline builds: projected households, the river and the
    /// boundary ring as barriers.
    static func neighbourGraph(_ sample: SyntheticSample) throws -> NeighbourGraph {
        let t = sample.households
        let crs = try MetricCRS.automatic(longitudes: t.lon, latitudes: t.lat)
        let projector = try Projector(crs: crs)
        let (x, y) = try projector.project(longitudes: t.lon, latitudes: t.lat)
        let barriers = Barriers(lines: [try projector.project(sample.river),
                                        try projector.project(BagongshanBoundary.polygon.exterior)])
        return try NeighbourGraph.build(x: x, y: y, barriers: barriers)
    }

    @Test func workGroupsAreConnectedInTheNeighbourGraph() throws {
        #expect(Self.options.isCity)
        let (connected, groups) = try Self.connectedGroups(Self.sample)
        #expect(Double(connected) >= 0.99 * Double(groups), "\(connected) of \(groups) work groups connected")
    }

    /// A measurement, not a check: `WANGGE_CITY_HOUSEHOLDS=100000 swift test --filter cityScaleFigure`
    /// prints the connected share for a larger city (seed 1, 300 districts as in the benchmarks).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["WANGGE_CITY_HOUSEHOLDS"] != nil))
    func cityScaleFigure() throws {
        let n = Int(ProcessInfo.processInfo.environment["WANGGE_CITY_HOUSEHOLDS"] ?? "") ?? 100_000
        let sample = try Fixture.generator(SampleOptions(households: n, districts: 300, seed: 1)).generate()
        let (connected, groups) = try Self.connectedGroups(sample)
        print("city \(n): \(connected) of \(groups) work groups connected in the neighbour graph")
        #expect(Double(connected) >= 0.99 * Double(groups))
    }

    /// Work groups whose households' sites induce a connected subgraph of the neighbour graph.
    static func connectedGroups(_ sample: SyntheticSample) throws -> (connected: Int, groups: Int) {
        let t = sample.households
        let graph = try neighbourGraph(sample)
        let groups = t.groupNames.count
        var sitesOfGroup = [[Int]](repeating: [], count: groups)
        var groupOfSite = [Int32](repeating: -1, count: graph.siteCount)
        var shared = 0
        for i in 0..<t.count {
            let s = Int(graph.siteOfHousehold[i]), g = t.group[i]
            if groupOfSite[s] == -1 { groupOfSite[s] = g; sitesOfGroup[Int(g)].append(s) } else if groupOfSite[s] != g { shared += 1 }
        }
        #expect(shared == 0, "\(shared) households share a position with another group's")
        var connected = 0
        var seen = [Bool](repeating: false, count: graph.siteCount)
        for g in 0..<groups {
            let sites = sitesOfGroup[g]
            guard let first = sites.first else { continue }
            var stack = [first], reached = 1
            seen[first] = true
            while let s = stack.popLast() {
                for n in graph.neighbours(of: s) where !seen[Int(n)] && groupOfSite[Int(n)] == Int32(g) {
                    seen[Int(n)] = true; reached += 1; stack.append(Int(n))
                }
            }
            if reached == sites.count { connected += 1 }
        }
        return (connected, groups)
    }

    @Test func noHouseholdStandsInsideAnotherGroupsPatch() {
        let t = Self.sample.households
        // Affine in degrees (so convex hulls keep their meaning), metres near the district.
        let k = cos(t.lat[0] * .pi / 180)
        let p = (0..<t.count).map { Point2(t.lon[$0] * k * 111_195, t.lat[$0] * 111_195) }
        let byX = (0..<t.count).sorted { p[$0].x < p[$1].x }
        let xs = byX.map { p[$0].x }
        var members = [[Int]](repeating: [], count: t.groupNames.count)
        for i in 0..<t.count { members[Int(t.group[i])].append(i) }
        var intruders = 0
        for (g, list) in members.enumerated() {
            let hull = convexHull(list.map { p[$0] })
            guard hull.count >= 3 else { continue }
            let minX = hull.map(\.x).min()!, maxX = hull.map(\.x).max()!
            let minY = hull.map(\.y).min()!, maxY = hull.map(\.y).max()!
            var lo = 0, hi = xs.count
            while lo < hi { let m = (lo + hi) / 2; if xs[m] < minX { lo = m + 1 } else { hi = m } }
            for j in byX[lo...] {
                if p[j].x > maxX { break }
                if t.group[j] != Int32(g) && p[j].y >= minY && p[j].y <= maxY && strictlyInside(p[j], hull) {
                    intruders += 1
                }
            }
        }
        #expect(intruders == 0, "\(intruders) households inside another work group's convex hull")
    }

    @Test func groupsRelationsAndBoundaryStayAsBefore() throws {
        let t = Self.sample.households
        var sizes = [Int](repeating: 0, count: t.groupNames.count)
        for g in t.group { sizes[Int(g)] += 1 }
        #expect(sizes.allSatisfy { $0 >= 1 && $0 <= Self.options.groupCap })
        let r = Self.sample.relations
        let inside = (0..<r.a.count).filter { t.group[Int(r.a[$0])] == t.group[Int(r.b[$0])] }.count
        #expect(inside > r.a.count * 8 / 10 && inside < r.a.count, "\(inside) of \(r.a.count) relations inside groups")
        let check = try BoundaryCheck()
        #expect(try (0..<t.count).allSatisfy { try check.contains(t.lon[$0], t.lat[$0]) })
        let again = try Fixture.generator(Self.options).generate().households
        #expect(again.lon == t.lon && again.lat == t.lat && again.group == t.group)
    }
}

/// Andrew's monotone chain, counter-clockwise, without collinear points.
func convexHull(_ points: [Point2]) -> [Point2] {
    let s = points.sorted { ($0.x, $0.y) < ($1.x, $1.y) }
    guard s.count >= 3 else { return s }
    func cross(_ o: Point2, _ a: Point2, _ b: Point2) -> Double { (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x) }
    var lower: [Point2] = [], upper: [Point2] = []
    for q in s {
        while lower.count >= 2 && cross(lower[lower.count - 2], lower[lower.count - 1], q) <= 0 { lower.removeLast() }
        lower.append(q)
    }
    for q in s.reversed() {
        while upper.count >= 2 && cross(upper[upper.count - 2], upper[upper.count - 1], q) <= 0 { upper.removeLast() }
        upper.append(q)
    }
    return Array(lower.dropLast() + upper.dropLast())
}

/// Whether q is inside a counter-clockwise convex polygon, more than a millimetre from its edges.
func strictlyInside(_ q: Point2, _ hull: [Point2]) -> Bool {
    for i in 0..<hull.count {
        let a = hull[i], b = hull[(i + 1) % hull.count]
        let len = hypot(b.x - a.x, b.y - a.y)
        if ((b.x - a.x) * (q.y - a.y) - (b.y - a.y) * (q.x - a.x)) / len <= 1e-3 { return false }
    }
    return true
}

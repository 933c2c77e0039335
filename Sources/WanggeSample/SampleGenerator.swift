import WanggeGeometry
import WanggeModel
#if canImport(Glibc)
import Glibc
#endif

/// A generated sample: everything `wangge sample` writes, as values.
public struct SyntheticSample: Sendable {
    public var options: SampleOptions
    /// Households in village, then work-group order; ids H0001, H0002, … (width fixed by
    /// 1.5 × the count, so the evolved sample's new ids have the same width).
    public var households: HouseholdTable
    /// Kinship ties by household index.
    public var relations: RelationTable
    /// The river barrier, WGS84, from south of the boundary to north of it.
    public var river: [Point2]
    /// Bridges over the river (WGS84), south to north: where hamlets on both banks face each other.
    public var crossings: [Crossing]
    public var cadres: [Cadre]
    public var labels: [DistrictLabel]
    var layout: SampleLayout
    /// First household index of each work group (households of a group are consecutive).
    var groupStart: [Int]
}

/// The seeded generator of the synthetic sample (DESIGN section 9). Deterministic: the same options
/// (including the seed) and boundary give the same sample, value for value.
///
/// The layout: villages spread over the district; work groups (作业组) are hamlets — clusters of
/// houses around a centre, denser near their village's centre, with a few lone farmsteads 120–350 m
/// out; a river crosses the district and no house stands within 25 m of it or across it from its
/// hamlet. Above `SampleOptions.cityThreshold` households the same steps make a city: communities,
/// dense compounds, and apartment buildings (several households at one coordinate), each work group
/// on its own patch, apart from the others (`SampleLayout.isInCell`).
public struct SampleGenerator {
    public let options: SampleOptions
    public let boundary: Polygon
    let contains: Containment

    /// `contains` decides what is inside `boundary` (use `geosContainment`). Throws a usage error
    /// when the options do not fit together.
    /// `boundary` defaults to `options.boundary` (the Bagongshan boundary or the rural square).
    public init(options: SampleOptions, boundary: Polygon? = nil,
                contains: @escaping Containment) throws {
        try options.validate()
        let boundary = boundary ?? options.boundary
        guard boundary.exterior.count >= 4 else { throw WanggeError.data("the sample boundary has no area") }
        self.options = options
        self.boundary = boundary
        self.contains = contains
    }

    /// GEOS's prepared `contains` for a polygon, as a `Containment`. The returned closure keeps its
    /// GEOS context alive; use it on one thread.
    public static func geosContainment(_ polygon: Polygon) throws -> Containment {
        let context = GeometryContext()
        let prepared = try PreparedGeometry(context.polygon(polygon))
        return { lon, lat in (try? prepared.contains(x: lon, y: lat)) ?? false }
    }

    // Independent random streams, one per stage.
    enum Stream: UInt64 { case river = 1, villages, groups, sizes, houses, relations, cadres, evolve }

    func random(_ stream: Stream) -> SampleRandom { SampleRandom(seed: options.seed, stream: stream.rawValue) }

    /// Household members 1–7: a rural Anhui-like distribution with mean ≈ 3.07.
    static let membersCumulative: [Double] = [0.14, 0.41, 0.65, 0.82, 0.93, 0.98, 1.0]

    public func generate() -> SyntheticSample {
        let n = options.households, groups = options.groupCount
        var layout = SampleLayout(boundary: boundary, households: n, city: options.isCity)
        var rng = random(.river)
        makeRiver(&layout, &rng)
        rng = random(.villages)
        placeVillages(&layout, count: options.villageCount, &rng)
        rng = random(.groups)
        placeGroups(&layout, count: groups, meanSize: Double(n) / Double(groups), &rng)
        rng = random(.sizes)
        layout.groupSizes = groupSizes(total: n, groups: layout.groupCentres.count, cap: options.groupCap, &rng)

        let villageNames = SampleNames.villageNames(count: layout.villageCentres.count, city: layout.city)
        var table = HouseholdTable(sourceName: "households.geojson")
        table.villageNames = villageNames
        var perVillage = [Int](repeating: 0, count: villageNames.count)
        table.groupNames = layout.groupVillage.map { v in
            perVillage[v] += 1
            return "\(villageNames[v])\(perVillage[v])组"
        }
        let width = idWidth
        var groupStart: [Int] = []
        rng = random(.houses)
        for g in 0..<layout.groupCentres.count {
            groupStart.append(table.count)
            let points = placeHamlet(group: g, size: layout.groupSizes[g], layout: layout, &rng)
            for p in points {
                appendHousehold(&table, number: table.count + 1, width: width, at: p, group: g,
                                village: layout.groupVillage[g], &rng)
            }
        }
        rng = random(.relations)
        let relations = makeRelations(layout: layout, groupStart: groupStart, count: table.count, &rng)
        rng = random(.cadres)
        let (cadres, labels) = makeCadres(layout: layout, households: table, &rng)
        return SyntheticSample(options: options, households: table, relations: relations,
                               river: layout.river.map { layout.frame.toDegrees($0) },
                               crossings: makeCrossings(layout: layout, households: table), cadres: cadres,
                               labels: labels, layout: layout, groupStart: groupStart)
    }

    var idWidth: Int { max(4, String(Int((Double(options.households) * 1.5).rounded(.up))).count) }

    func appendHousehold(_ table: inout HouseholdTable, number: Int, width: Int, at p: Point2, group: Int,
                         village: Int, _ rng: inout SampleRandom) {
        table.ids.append("H" + SampleNames.pad(number, width))
        table.idIsNumber.append(false)
        table.lon.append(p.x); table.lat.append(p.y)
        table.members.append(Int32(rng.pick(cumulative: Self.membersCumulative) + 1))
        table.group.append(Int32(group)); table.village.append(Int32(village))
        table.extra.append(""); table.sourceIndex.append(Int32(table.ids.count - 1))
    }

    // MARK: Houses

    /// WGS84 positions (7 decimals) of a hamlet's houses.
    func placeHamlet(group g: Int, size: Int, layout: SampleLayout, _ rng: inout SampleRandom) -> [Point2] {
        let centre = layout.groupCentres[g]
        let hamlet = HamletSite(centre: centre, safe: layout.boundaryDistance(centre) - 0.2,
                                river: polylineDistance(centre, layout.river), group: g)
        let sigma = layout.hamletSigma(group: g, size: size)
        var placed: [Point2] = []
        var out: [Point2] = []
        if layout.city && size >= 4 && rng.chance(0.3) {
            // An apartment building: its households share one to three entrance coordinates.
            let entrances = 1 + rng.below(3)
            for _ in 0..<entrances {
                let p = placeHouse(hamlet, sigma: sigma, farmstead: false, placed: placed, layout: layout, &rng)
                placed.append(p.local); out.append(p.degrees)
            }
            return (0..<size).map { out[$0 % entrances] }
        }
        for j in 0..<size {
            let farmstead = !layout.city && size >= 4 && j > 0 && rng.chance(0.05)
            let p = placeHouse(hamlet, sigma: sigma, farmstead: farmstead, placed: placed, layout: layout, &rng)
            placed.append(p.local); out.append(p.degrees)
        }
        return out
    }

    struct HamletSite {
        var centre: Point2
        /// Houses closer than this to the centre are inside the boundary for sure.
        var safe: Double
        /// Distance of the centre to the river.
        var river: Double
        /// The work group; in city mode its houses stay in its cell (`SampleLayout.isInCell`).
        var group: Int
    }

    /// One house near a hamlet centre: spaced from its neighbours, clear of the river and on the
    /// centre's side of it, inside the boundary (GEOS, unless provably inside by distance).
    func placeHouse(_ hamlet: HamletSite, sigma: Double, farmstead: Bool, placed: [Point2], layout: SampleLayout,
                    _ rng: inout SampleRandom) -> (local: Point2, degrees: Point2) {
        let c = hamlet.centre
        var spacing = layout.houseSpacing
        let clearance = layout.riverClearance
        let farScale = min(1, (layout.area / Double(options.households)).squareRoot() / 227)
        for attempt in 0..<200 {
            if attempt > 0 && attempt % 40 == 0 { spacing *= 0.5 }
            var p: Point2
            if farmstead && attempt < 100 {
                let r = rng.uniform(120, 350) * farScale, t = rng.uniform(0, 2 * .pi)
                p = Point2(c.x + r * cos(t), c.y + r * sin(t))
            } else {
                let s = sigma * (1 + Double(attempt) / 50)
                p = Point2(c.x + s * rng.normal(), c.y + s * rng.normal())
            }
            let degrees = layout.frame.toDegrees(p)
            p = layout.frame.toLocal(degrees)
            guard placed.allSatisfy({ distance($0, p) >= spacing }) else { continue }
            if layout.city && !layout.isInCell(p, group: hamlet.group) { continue }
            let dc = distance(p, c)
            if dc + clearance > hamlet.river {
                guard polylineDistance(p, layout.river) >= clearance, !crosses(c, p, layout.river) else { continue }
            }
            if dc >= hamlet.safe && !contains(degrees.x, degrees.y) { continue }
            return (p, degrees)
        }
        return (c, layout.frame.toDegrees(c))
    }

    // MARK: Relations

    /// Kinship ties: about 0.55 per household inside its work group, and for 30% of the groups one tie
    /// to a household of a neighbouring group. Weight 1 (60%), 2 (30%) or 3 (10%). No pair twice.
    func makeRelations(layout: SampleLayout, groupStart: [Int], count: Int, _ rng: inout SampleRandom) -> RelationTable {
        var table = RelationTable()
        var seen = Set<UInt64>()
        func weight() -> Double { let u = rng.uniform(); return u < 0.6 ? 1 : u < 0.9 ? 2 : 3 }
        func add(_ a: Int, _ b: Int, _ w: Double) {
            guard a != b else { return }
            let key = UInt64(min(a, b)) << 32 | UInt64(max(a, b))
            guard seen.insert(key).inserted else { return }
            table.a.append(Int32(a)); table.b.append(Int32(b)); table.weight.append(w)
        }
        let groups = groupStart.count
        for g in 0..<groups {
            let start = groupStart[g], size = layout.groupSizes[g]
            guard size >= 2 else { continue }
            for _ in 0..<Int((0.55 * Double(size)).rounded()) {
                let a = start + rng.below(size)
                var b = start + rng.below(size - 1)
                if b >= a { b += 1 }
                add(a, b, weight())
            }
        }
        var grid = PointGrid(minX: layout.minX, minY: layout.minY, maxX: layout.maxX, maxY: layout.maxY,
                             cell: max(layout.groupSpacing, 0.5))
        for c in layout.groupCentres { grid.insert(c) }
        for g in 0..<groups where rng.chance(0.3) {
            var neighbours: [Int] = []
            grid.forEach(near: layout.groupCentres[g], radius: 2.5 * layout.groupSpacing) { h in
                if h != g { neighbours.append(h) }
            }
            guard !neighbours.isEmpty else { continue }
            neighbours.sort()
            let h = neighbours[rng.below(neighbours.count)]
            add(groupStart[g] + rng.below(layout.groupSizes[g]), groupStart[h] + rng.below(layout.groupSizes[h]), weight())
        }
        return table
    }
}

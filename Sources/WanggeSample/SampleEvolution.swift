import WanggeModel
#if canImport(Glibc)
import Glibc
#endif

/// The sample "one year later" (`wangge sample --evolve`, `households-evolved.geojson`), for redraw.
public struct EvolvedSample: Sendable {
    public var households: HouseholdTable
    /// The two villages that grew by 15% (new houses in their existing hamlets).
    public var grownVillages: [String]
    /// The village that lost 10% of its households (moved away).
    public var shrunkVillage: String?
    /// The work groups (stairwells, 单元) of the new apartment block, and its households (all at one
    /// coordinate).
    public var apartmentGroups: [String]
    public var apartmentHouseholds: Int
    public var added: Int
    public var removed: Int
}

extension SampleGenerator {
    /// Derives the evolved sample from the base one (same options, its own random stream):
    /// - the two villages with most households each gain round(15%) households, placed in their
    ///   existing hamlets (work group drawn by size);
    /// - the third largest village loses round(10%) of its households, drawn at random;
    /// - a new apartment block (安置小区) of round(3% of all) households (at most 400 and three quarters
    ///   of a district), all at ONE
    ///   coordinate, stands near the largest village's centre; its stairwells "<village>安置小区1单元", …
    ///   of at most min(24, half a district) households each are new work groups of that village;
    /// - every other household is unchanged: same id, coordinates, members, group and village.
    /// New ids continue after the base ones (H1313, …), in the order above.
    public func evolve(_ base: SyntheticSample) -> EvolvedSample {
        var rng = random(.evolve)
        let layout = base.layout
        let table = base.households
        let villageCount = table.villageNames.count
        var members = [[Int]](repeating: [], count: villageCount)
        for i in 0..<table.count { members[Int(table.village[i])].append(i) }
        let bySize = (0..<villageCount).sorted { (members[$0].count, -$0) > (members[$1].count, -$1) }
        let grown = Array(bySize.prefix(2))
        let shrunk = villageCount >= 3 ? bySize[2] : nil

        var removed = Set<Int>()
        if let shrunk {
            var pool = members[shrunk]
            let count = Int((0.10 * Double(pool.count)).rounded())
            for k in 0..<count {
                let j = k + rng.below(pool.count - k)
                pool.swapAt(k, j)
                removed.insert(pool[k])
            }
        }
        var out = HouseholdTable(sourceName: "households-evolved.geojson")
        out.groupNames = table.groupNames
        out.villageNames = table.villageNames
        for i in 0..<table.count where !removed.contains(i) {
            out.ids.append(table.ids[i]); out.idIsNumber.append(false)
            out.lon.append(table.lon[i]); out.lat.append(table.lat[i]); out.members.append(table.members[i])
            out.group.append(table.group[i]); out.village.append(table.village[i]); out.extra.append("")
            out.sourceIndex.append(Int32(out.ids.count - 1))
        }

        var number = table.count + 1
        let width = idWidth
        var added = 0
        for v in grown {
            let groups = (0..<layout.groupCentres.count).filter { layout.groupVillage[$0] == v }
            let weights = cumulative(groups.map { Double(layout.groupSizes[$0]) })
            var placed: [Int: [Point2]] = [:]
            for _ in 0..<Int((0.15 * Double(members[v].count)).rounded()) {
                let g = groups[rng.pick(cumulative: weights)]
                if placed[g] == nil {
                    placed[g] = (base.groupStart[g]..<base.groupStart[g] + layout.groupSizes[g]).map {
                        layout.frame.toLocal(Point2(table.lon[$0], table.lat[$0]))
                    }
                }
                let centre = layout.groupCentres[g]
                let site = HamletSite(centre: centre, safe: layout.boundaryDistance(centre) - 0.2,
                                      river: polylineDistance(centre, layout.river), group: g)
                let sigma = layout.hamletSigma(group: g, size: layout.groupSizes[g])
                let p = placeHouse(site, sigma: sigma, farmstead: false, placed: placed[g]!, layout: layout, &rng)
                placed[g]!.append(p.local)
                appendHousehold(&out, number: number, width: width, at: p.degrees, group: g, village: v, &rng)
                number += 1; added += 1
            }
        }

        let blockVillage = bySize[0]
        let blockName = "\(table.villageNames[blockVillage])安置小区"
        let site = apartmentSite(near: layout.villageCentres[blockVillage], layout: layout, &rng)
        // At one coordinate the block is one indivisible site: it must fit in a district, with room
        // (at most three quarters of one, 1.5 × the group cap).
        let blockSize = min(max(2, Int((0.03 * Double(table.count)).rounded())), 400, max(2, 3 * options.groupCap / 2))
        // The block's stairwells (单元) are its work groups, none heavier than half a district.
        let unitCap = max(1, min(options.groupCap, 24))
        let units = (blockSize + unitCap - 1) / unitCap
        var unitGroups: [String] = []
        for u in 0..<units {
            let name = units == 1 ? blockName : "\(blockName)\(u + 1)单元"
            unitGroups.append(name)
            out.groupNames.append(name)
            let group = out.groupNames.count - 1
            // Spread the households evenly over the units.
            let size = blockSize / units + (u < blockSize % units ? 1 : 0)
            for _ in 0..<size {
                appendHousehold(&out, number: number, width: width, at: site, group: group, village: blockVillage, &rng)
                number += 1; added += 1
            }
        }
        return EvolvedSample(households: out, grownVillages: grown.map { table.villageNames[$0] },
                             shrunkVillage: shrunk.map { table.villageNames[$0] }, apartmentGroups: unitGroups,
                             apartmentHouseholds: blockSize, added: added, removed: removed.count)
    }

    /// A spot for the apartment block near a village centre, half a hamlet spacing from every hamlet
    /// centre, clear of the river, inside the boundary.
    func apartmentSite(near centre: Point2, layout: SampleLayout, _ rng: inout SampleRandom) -> Point2 {
        var grid = PointGrid(minX: layout.minX, minY: layout.minY, maxX: layout.maxX, maxY: layout.maxY,
                             cell: max(layout.groupSpacing, 0.5))
        for c in layout.groupCentres { grid.insert(c) }
        var gap = 0.5 * layout.groupSpacing
        for attempt in 0..<400 {
            if attempt > 0 && attempt % 100 == 0 { gap *= 0.5 }
            let r = rng.uniform(0.5, 3) * layout.groupSpacing, t = rng.uniform(0, 2 * .pi)
            let degrees = layout.frame.toDegrees(Point2(centre.x + r * cos(t), centre.y + r * sin(t)))
            let p = layout.frame.toLocal(degrees)
            guard !grid.hasPoint(near: p, within: gap),
                  polylineDistance(p, layout.river) >= 2 * layout.riverClearance,
                  contains(degrees.x, degrees.y) else { continue }
            return degrees
        }
        return layout.frame.toDegrees(centre)
    }
}

import WanggeModel
import WanggeGraph
import WanggePartition
import Foundation

/// Feasibility figures per barrier-separated part of the neighbour graph (DESIGN sections 4, 7):
/// where barriers (with no crossing) cut the households into parts, each part gets whole districts,
/// and balance yields to contiguity when a part's load does not divide into whole districts in the
/// band. For each part: its households and load, the whole range of district counts whose mean
/// load fits the band, the count it was given, cheap exact checks of whether whole work groups
/// make the band unreachable there, and, for a part that cannot be balanced, the closest pair of
/// households across the barrier to a neighbouring part (where a crossing would join them).
///
/// A part is a connected component of the neighbour graph after barrier cuts, joined with the
/// components its work groups (kept whole) and its shared sites reach.
public struct PartFigures: Sendable, Equatable {
    /// How the part is named in messages: its largest village when that names it alone, else
    /// "part i of n"; always with a position.
    public var name: String
    public var households: Int
    public var load: Double
    /// Mean position (WGS84).
    public var lon: Double
    public var lat: Double
    /// The smallest and largest district count whose mean load fits the band (empty when none does).
    public var fitting: ClosedRange<Int>?
    /// The districts the part was given (the plan's districts with most of their load there; in
    /// `validate`, the partitioner's allocation).
    public var given: Int
    /// Why whole work groups make the band unreachable with `given` districts (nil: the cheap
    /// exact checks found nothing; that is not a proof that a contiguous split exists).
    public var groupObstacle: String?
    /// Worst |deviation| of the part's districts in the plan (nil in `validate`).
    public var worstDeviation: Double?
    /// For a part that cannot be balanced: the closest pair of households across the barrier to
    /// the nearest neighbouring part, and what joining the two would allow.
    public var crossing: CrossingHint?

    /// Whether the band is reachable in this part with the count it was given, as far as the
    /// checks can tell.
    public var balanceable: Bool { fitting.map { $0.contains(given) } == true && groupObstacle == nil }

    /// Not balanceable, or its districts in the plan are outside the band.
    public func needsAttention(tolerance: Double) -> Bool {
        !balanceable || (worstDeviation ?? 0) > tolerance + 1e-9
    }
}

/// Where a crossing would join a part that cannot be balanced to a neighbouring part.
public struct CrossingHint: Sendable, Equatable {
    public var fromId: String, fromLon: Double, fromLat: Double
    public var toId: String, toLon: Double, toLat: Double
    /// Metres between the two households.
    public var distance: Double
    /// The neighbouring part's name.
    public var neighbour: String
    /// Whether the two parts together fit the band with their districts put together.
    public var fixes: Bool
}

package enum PartFeasibility {
    /// The figures for every part, in order of each part's first household. `district` (per
    /// household) is the plan's assignment, nil before partitioning.
    package static func figures(households: HouseholdTable, graph: NeighbourGraph, k: Int, tolerance: Double,
                               splitGroups: Bool, district: [Int32]? = nil) -> [PartFigures] {
        let n = households.count
        guard n > 0, graph.componentCount > 1 else { return [] }
        let loads = households.loads
        // Atoms: households sharing a site, and (kept whole) a work group.
        var atomUF = UnionFind(count: n)
        var firstOfSite = [Int32](repeating: -1, count: graph.siteCount)
        var firstOfGroup = [Int32](repeating: -1, count: households.groupNames.count)
        for i in 0..<n {
            let s = Int(graph.siteOfHousehold[i])
            if firstOfSite[s] < 0 { firstOfSite[s] = Int32(i) } else { atomUF.union(i, Int(firstOfSite[s])) }
            let g = households.group[i]
            if !splitGroups && g >= 0 {
                if firstOfGroup[Int(g)] < 0 { firstOfGroup[Int(g)] = Int32(i) } else { atomUF.union(i, Int(firstOfGroup[Int(g)])) }
            }
        }
        // Parts: atoms joined by graph components.
        var partUF = atomUF
        var firstOfComponent = [Int32](repeating: -1, count: graph.componentCount)
        for i in 0..<n {
            let c = Int(graph.componentOfSite[Int(graph.siteOfHousehold[i])])
            if firstOfComponent[c] < 0 { firstOfComponent[c] = Int32(i) } else { partUF.union(i, Int(firstOfComponent[c])) }
        }
        var partIndex = [Int32](repeating: -1, count: n)
        var partOf = [Int32](repeating: -1, count: n)
        var count = 0
        for i in 0..<n {
            let r = partUF.find(i)
            if partIndex[r] < 0 { partIndex[r] = Int32(count); count += 1 }
            partOf[i] = partIndex[r]
        }
        guard count > 1 else { return [] }
        var partLoad = [Double](repeating: 0, count: count), partSize = [Int](repeating: 0, count: count)
        var sumLon = partLoad, sumLat = partLoad
        var atomLoad: [Int: Double] = [:]
        var atomsOfPart = [[Int]](repeating: [], count: count)
        for i in 0..<n {
            let p = Int(partOf[i])
            partLoad[p] += loads[i]; partSize[p] += 1; sumLon[p] += households.lon[i]; sumLat[p] += households.lat[i]
            let a = atomUF.find(i)
            if atomLoad[a] == nil { atomsOfPart[p].append(a) }
            atomLoad[a, default: 0] += loads[i]
        }
        let total = loads.reduce(0, +)
        let target = total / Double(k)
        let lower = (1 - tolerance) * target, upper = (1 + tolerance) * target

        // Districts given: the plan's districts by where most of their load lies, else the allocation.
        var given = [Int](repeating: 0, count: count)
        var worst: [Double]? = nil
        if let district {
            var share: [Int: [Int: Double]] = [:]
            var dLoad = [Double](repeating: 0, count: k)
            for i in 0..<n {
                share[Int(district[i]), default: [:]][Int(partOf[i]), default: 0] += max(loads[i], 1e-12)
                dLoad[Int(district[i])] += loads[i]
            }
            var w = [Double](repeating: 0, count: count)
            for d in share.keys.sorted() {
                let p = share[d]!.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }!.key
                given[p] += 1
                w[p] = max(w[p], abs(dLoad[d] - target) / target)
            }
            worst = w
        } else {
            given = Partitioner.allocateDistricts(loads: partLoad, sizes: atomsOfPart.map(\.count), k: k, target: target)
        }

        // Names: the largest village (by households) when no other part has the same.
        var villageCount = [[Int: Int]](repeating: [:], count: count)
        for i in 0..<n where households.village[i] >= 0 { villageCount[Int(partOf[i])][Int(households.village[i]), default: 0] += 1 }
        let largest = villageCount.map { $0.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key }
        var names: [String] = []
        for p in 0..<count {
            let lon = sumLon[p] / Double(partSize[p]), lat = sumLat[p] / Double(partSize[p])
            let around = "around \(fixed(lon, 5)), \(fixed(lat, 5))"
            if let v = largest[p], largest.filter({ $0 == v }).count == 1 {
                names.append("\"\(households.villageNames[v])\" (part \(p + 1) of \(count), \(around))")
            } else {
                names.append("part \(p + 1) of \(count) (\(around))")
            }
        }

        var out: [PartFigures] = []
        for p in 0..<count {
            let fit = fittingCounts(load: partLoad[p], lower: lower, upper: upper)
            let atomLoads = atomsOfPart[p].map { atomLoad[$0]! }
            let obstacle = groupObstacle(atomLoads, load: partLoad[p], districts: given[p], lower: lower, upper: upper)
            out.append(PartFigures(name: names[p], households: partSize[p], load: partLoad[p],
                                   lon: sumLon[p] / Double(partSize[p]), lat: sumLat[p] / Double(partSize[p]),
                                   fitting: fit, given: given[p], groupObstacle: obstacle,
                                   worstDeviation: worst?[p], crossing: nil))
        }
        // Crossings that would help, for parts that cannot be balanced (or were not, in the plan).
        let stuck = (0..<count).filter { out[$0].needsAttention(tolerance: tolerance) }
        if !stuck.isEmpty {
            var siteOfPart = [Int32](repeating: -1, count: graph.siteCount)
            for i in 0..<n { siteOfPart[Int(graph.siteOfHousehold[i])] = partOf[i] }
            let grid = GridIndex(x: graph.x, y: graph.y)
            var sitesOf = [[Int32]](repeating: [], count: count)
            for s in 0..<graph.siteCount { sitesOf[Int(siteOfPart[s])].append(Int32(s)) }
            for p in stuck {
                // The closest pair to each other part (from the smaller side), then the nearest
                // neighbour whose union with this part fits the band (else the nearest one).
                var pairs: [(q: Int, a: Int32, b: Int32, d: Double)] = []
                for q in 0..<count where q != p {
                    let (from, to) = sitesOf[p].count <= sitesOf[q].count ? (p, q) : (q, p)
                    var best: (Int32, Int32, Double)? = nil
                    for s in sitesOf[from] {
                        if let (t, d) = grid.nearest(graph.x[Int(s)], graph.y[Int(s)], within: best?.2 ?? .infinity,
                                                     accept: { siteOfPart[Int($0)] == Int32(to) }),
                           best == nil || d < best!.2 {
                            best = (s, t, d)
                        }
                    }
                    if let (s, t, d) = best { pairs.append(from == p ? (q, s, t, d) : (q, t, s, d)) }
                }
                pairs.sort { $0.d != $1.d ? $0.d < $1.d : $0.q < $1.q }
                func joined(_ q: Int) -> Bool {
                    let load = partLoad[p] + partLoad[q], c = given[p] + given[q]
                    let loadsBoth = (atomsOfPart[p] + atomsOfPart[q]).map { atomLoad[$0]! }
                    return fittingCounts(load: load, lower: lower, upper: upper)?.contains(c) == true
                        && groupObstacle(loadsBoth, load: load, districts: c, lower: lower, upper: upper) == nil
                }
                // Only the few nearest neighbours count as "nearby".
                guard let pick = pairs.prefix(3).first(where: { joined($0.q) }) ?? pairs.first else { continue }
                let a = Int(graph.households(of: Int(pick.a)).first!), b = Int(graph.households(of: Int(pick.b)).first!)
                out[p].crossing = CrossingHint(fromId: households.ids[a], fromLon: households.lon[a], fromLat: households.lat[a],
                                               toId: households.ids[b], toLon: households.lon[b], toLat: households.lat[b],
                                               distance: pick.d.squareRoot(), neighbour: names[pick.q], fixes: joined(pick.q))
            }
        }
        return out
    }

    /// The district counts c ≥ 1 with load/c inside [lower, upper], or nil when none.
    static func fittingCounts(load: Double, lower: Double, upper: Double) -> ClosedRange<Int>? {
        let eps = 1e-9
        let lo = max(1, Int((load / upper - eps).rounded(.up)))
        let hi = lower > 0 ? Int((load / lower + eps).rounded(.down)) : Int.max / 2
        return lo <= hi ? lo...hi : nil
    }

    /// Cheap exact checks that whole work groups (atoms) cannot make `districts` districts with
    /// loads in [lower, upper]: a group heavier than the upper end; (integer loads) no set of
    /// groups summing into the band; with two districts, no split of the groups into two sums in
    /// the band. nil when none of them rules the band out.
    static func groupObstacle(_ atomLoads: [Double], load: Double, districts: Int, lower: Double, upper: Double) -> String? {
        guard districts >= 1, let heaviest = atomLoads.max() else { return nil }
        if heaviest > upper + 1e-9 {
            return "a work group there has load \(fixed(heaviest, 1)), more than the band's upper end \(fixed(upper, 1))"
        }
        guard atomLoads.allSatisfy({ $0 == $0.rounded() && $0 >= 0 }) else { return nil }
        let lo = Int((lower - 1e-9).rounded(.up)), hi = Int((upper + 1e-9).rounded(.down))
        if lo > hi { return "no whole load lies in the band \(fixed(lower, 1))–\(fixed(upper, 1))" }
        if districts == 1 { return nil }
        // Sums of subsets of the groups up to `cap` (a bitset in a Bool array).
        func sums(cap: Int) -> [Bool] {
            var reach = [Bool](repeating: false, count: cap + 1)
            reach[0] = true
            for w in atomLoads.map({ Int($0) }) where w > 0 && w <= cap {
                for s in stride(from: cap, through: w, by: -1) where reach[s - w] { reach[s] = true }
            }
            return reach
        }
        guard atomLoads.count * (hi + 1) <= 50_000_000 else { return nil }
        let reach = sums(cap: hi)
        if !(lo...hi).contains(where: { reach[$0] }) {
            return "no set of whole work groups there sums to a load in the band \(lo)–\(hi)"
        }
        let whole = Int(load.rounded())
        if districts == 2, atomLoads.count * (whole + 1) <= 50_000_000 {
            let all = sums(cap: whole)
            if !(lo...hi).contains(where: { $0 <= whole && all[$0] && (lo...hi).contains(whole - $0) }) {
                return "whole work groups leave no split into 2 districts of \(lo)–\(hi)"
            }
        }
        return nil
    }

    /// One line per part, for summaries.
    package static func lines(_ parts: [PartFigures], k: Int, tolerance: Double, total: Double, balance: String) -> [String] {
        let target = total / Double(k)
        let lower = (1 - tolerance) * target, upper = (1 + tolerance) * target
        let unit = balance == "households" ? "" : " \(balance)"
        return parts.map { part in
            var s = "\(part.name): \(part.households) households"
            if balance != "households" { s += ", load \(fixed(part.load, 1))\(unit)" }
            s += ", band \(fixed(lower, 1))–\(fixed(upper, 1)); "
            func each(_ c: Int) -> String {
                let mean = part.load / Double(c)
                return "\(c) district\(c == 1 ? "" : "s") → \(fixed(mean, 1)) each (\(signedPercent(mean / target - 1)))"
            }
            s += "given " + each(part.given)
            if let fit = part.fitting {
                if !fit.contains(part.given) {
                    let nearest = part.given < fit.lowerBound ? fit.lowerBound : fit.upperBound
                    s += "; " + each(nearest) + " would fit"
                    s += fit.count > 1 ? " (fits with \(fit.lowerBound)–\(fit.upperBound))" : ""
                } else {
                    s += fit.count > 1 ? ", fits with \(fit.lowerBound)–\(fit.upperBound)" : ", fits"
                }
            } else {
                let c0 = max(1, Int((part.load / target).rounded(.down)))
                let others = [c0, c0 + 1].filter { $0 != part.given }
                if !others.isEmpty { s += "; " + others.map(each).joined(separator: "; ") }
                s += "; no whole number of districts fits the band"
            }
            if let why = part.groupObstacle { s += ", but \(why)" }
            if let w = part.worstDeviation {
                s += "; worst deviation reached \(percentText(w))"
                if part.balanceable && w > tolerance + 1e-9 {
                    s += " (the quick checks find no obstacle; whole groups and connectivity may still leave no "
                        + "\(part.given)-district split: Benchmarks/feasibility/barrier_packing.py proves it either way)"
                }
            }
            if let c = part.crossing {
                s += c.fixes ? "; a crossing would fix it" : "; the nearest place for a crossing is"
                s += " between \(c.fromId) (\(fixed(c.fromLon, 6)), \(fixed(c.fromLat, 6))) and \(c.toId) "
                    + "(\(fixed(c.toLon, 6)), \(fixed(c.toLat, 6))), \(fixed(c.distance, 0)) m apart, joining it to \(c.neighbour)"
                if !c.fixes { s += " (that alone would not make the band reachable)" }
            }
            return s
        }
    }

    /// The one-line warning for parts that cannot be balanced (their figures are in the summary).
    package static func warning(_ stuck: [PartFigures], of count: Int) -> String {
        let list = stuck.prefix(6).map { p in
            "\(p.name): \(p.households) households in \(p.given) district\(p.given == 1 ? "" : "s")"
                + (p.worstDeviation.map { ", worst deviation \(percentText($0))" } ?? "")
        }
        let more = stuck.count > 6 ? " and \(stuck.count - 6) more" : ""
        return "balance gives way to the barriers (no district spans one away from a crossing): \(stuck.count) of \(count) "
            + "parts cannot be balanced: \(list.joined(separator: "; "))\(more); figures under \"parts\" in the summary"
    }

    private static func fixed(_ v: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", v) }
    private static func percentText(_ v: Double) -> String { String(format: "%.1f%%", v * 100) }
    private static func signedPercent(_ v: Double) -> String { (v >= 0 ? "+" : "−") + percentText(abs(v)) }
}

import WanggeGeometry
import WanggeModel

/// Service areas for plans that carry none (any GeoJSON of household points with a `district`
/// property): built as the partition builds them — Voronoi cells of the distinct household sites,
/// dissolved per district, clipped to a region (the boundary, or the default region).
public enum DerivedServiceAreas {
    /// Distinct sites (households at exactly the same metric coordinates merged) and the district of
    /// each: the district holding most of the site's households (ties: the lowest district index).
    /// `mixed` counts sites whose households are in more than one district (such a site cannot be
    /// split by a Voronoi diagram, so its minority households lie outside their district's area).
    public static func sites(x: [Double], y: [Double], assignment: [Int32])
        -> (sites: [Point2], district: [Int32], mixed: Int) {
        let order: [Int] = (0..<x.count).sorted { (a: Int, b: Int) -> Bool in
            if x[a] != x[b] { return x[a] < x[b] }
            if y[a] != y[b] { return y[a] < y[b] }
            return a < b
        }
        var sites: [Point2] = [], district: [Int32] = [], mixed = 0
        var s = 0
        while s < order.count {
            var e = s + 1
            while e < order.count && x[order[e]] == x[order[s]] && y[order[e]] == y[order[s]] { e += 1 }
            var counts: [Int32: Int] = [:]
            for i in order[s..<e] { counts[assignment[i], default: 0] += 1 }
            let best = counts.max { l, r in l.value != r.value ? l.value < r.value : l.key > r.key }!.key
            if counts.count > 1 { mixed += 1 }
            sites.append(Point2(x[order[s]], y[order[s]])); district.append(best)
            s = e
        }
        return (sites, district, mixed)
    }

    /// One service area per district (metric CRS), clipped to `clip`.
    public static func build(x: [Double], y: [Double], assignment: [Int32], districtCount k: Int,
                             clip: MultiPolygon) throws -> (areas: [MultiPolygon], mixedSites: Int) {
        let s = sites(x: x, y: y, assignment: assignment)
        let result = try ServiceAreas.build(sites: s.sites, siteDistrict: s.district, k: k, clip: clip)
        return (result.districts, s.mixed)
    }
}

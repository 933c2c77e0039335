import WanggeGeometry
import WanggeGraph
import WanggeModel

/// Service areas for plans that carry none (any GeoJSON of household points with a `district`
/// property): built as the partition builds them — Voronoi cells of the neighbour graph's sites
/// (coincident households merged), dissolved per district, clipped to a region (the boundary, or
/// WanggeGeometry's `DefaultRegion` over the same sites and Delaunay triangles).
public enum DerivedServiceAreas {
    /// The district of each graph site: the district holding most of its households (ties: the
    /// lowest district index). `mixed` counts sites whose households are in more than one district
    /// (a Voronoi cell cannot be split, so the minority households lie outside their district's area).
    public static func siteDistricts(graph: NeighbourGraph, assignment: [Int32]) -> (district: [Int32], mixed: Int) {
        var district = [Int32](repeating: 0, count: graph.siteCount)
        var mixed = 0
        for s in 0..<graph.siteCount {
            let hh = graph.households(of: s)
            let first = assignment[Int(hh.first!)]
            if hh.allSatisfy({ assignment[Int($0)] == first }) { district[s] = first; continue }
            mixed += 1
            var counts: [Int32: Int] = [:]
            for h in hh { counts[assignment[Int(h)], default: 0] += 1 }
            district[s] = counts.max { l, r in l.value != r.value ? l.value < r.value : l.key > r.key }!.key
        }
        return (district, mixed)
    }

    /// One service area per district (metric CRS), clipped to `clip` (nil: the default region).
    public static func build(graph: NeighbourGraph, assignment: [Int32], districtCount k: Int,
                             clip: MultiPolygon?) throws -> (areas: [MultiPolygon], mixedSites: Int) {
        let sites = (0..<graph.siteCount).map { Point2(graph.x[$0], graph.y[$0]) }
        let region = try clip ?? DefaultRegion.build(sites: sites, triangles: graph.triangles, halfedges: graph.halfedges).region
        let s = siteDistricts(graph: graph, assignment: assignment)
        let result = try ServiceAreas.build(sites: sites, siteDistrict: s.district, k: k, clip: region,
                                            triangles: graph.triangles, halfedges: graph.halfedges)
        return (result.districts, s.mixed)
    }
}

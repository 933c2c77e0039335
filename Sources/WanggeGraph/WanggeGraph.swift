// WanggeGraph: the neighbour-graph stage of the pipeline (read → validate → project → **graph** →
// partition → …). Input: household positions in a metric CRS. Output: `NeighbourGraph`, the trimmed,
// barrier-aware Delaunay graph over merged sites, plus `WeightedGraph` for affinity edges.
//
// Files: Predicates.swift (robust orient2d / incircle), Expansion.swift (exact arithmetic),
// Delaunay.swift (sweep-hull triangulation), DelaunayRepair.swift (insertion of points the sweep could
// not place), SiteMerge.swift, BarrierIndex.swift, EdgeFilter.swift (barriers + trimming),
// NeighbourGraph.swift, WeightedGraph.swift, UnionFind.swift.
import WanggeModel

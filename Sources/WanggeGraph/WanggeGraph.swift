// WanggeGraph: the neighbour-graph stage of the pipeline (read → validate → project → **graph** →
// partition → …). Input: household positions in a metric CRS. Output: `NeighbourGraph`, the trimmed,
// barrier-aware Delaunay graph over merged sites, plus `WeightedGraph` for affinity edges.
//
// Files: Predicates.swift (robust orient2d / incircle: filter, then ExactStages.swift for exact
// coordinate differences, then Expansion.swift's general exact arithmetic), Delaunay.swift + SweepHull.swift
// (sweep-hull triangulation), DelaunayRepair.swift (late insertion of points the sweep could not place),
// SpatialOrder.swift (Hilbert keys, radix sorts), SiteMerge.swift, BarrierIndex.swift, EdgeFilter.swift
// (Delaunay CSR, barrier flags, trimming), NeighbourGraph.swift, WeightedGraph.swift, UnionFind.swift.
import WanggeModel

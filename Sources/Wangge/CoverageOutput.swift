import WanggeModel
import WanggeGeometry
import WanggeProjection

/// The service areas as the plan file holds them: WGS84, 7 decimals, still an exact coverage
/// (DESIGN section 5: neighbours share identical vertices along their common borders, no gap, no
/// overlap). The metric areas are noded first, so both sides of every border are the same vertex
/// sequence (`CoverageNoding`); unprojecting and rounding then move them alike.
package enum CoverageOutput {
    /// Vertices closer than this (metres) are one, and a vertex this close to an edge lies on
    /// it: far below the 7-decimal grid (about a centimetre) and far above the error of the GEOS
    /// overlays that built the areas.
    package static let nodingTolerance = 1e-5

    /// `cancellation` is asked once per district in each pass.
    package static func wgs84(_ areasMetric: [MultiPolygon], projector: Projector,
                             cancellation: Cancellation = .never) throws -> [MultiPolygon] {
        let noded = try CoverageNoding.node(areasMetric, tolerance: nodingTolerance, cancellation: cancellation).districts
        return try written(noded, projector: projector, cancellation: cancellation)
    }

    /// The region the areas tile (`regionMetric`: the boundary as projected, minus polygon
    /// barriers, or the default region) as the written plan draws its outline: noded against the
    /// areas (the points where district borders meet it become vertices, its vertices snap to the
    /// districts' within `nodingTolerance`), then unprojected and rounded to 7 decimals exactly as
    /// the areas are. This is the reference the written districts' union equals (README, "An exact
    /// coverage"): a 7-decimal file cannot put a border's end point exactly on a boundary edge
    /// between two other 7-decimal points, so the outline is the boundary's own vertices plus those
    /// end points, each within half a grid cell's diagonal of the boundary.
    package static func writtenRegion(_ regionMetric: MultiPolygon, areasMetric: [MultiPolygon],
                                     projector: Projector) throws -> MultiPolygon {
        let noded = try CoverageNoding.node(areasMetric, tolerance: nodingTolerance).districts
        // The districts come first, so the region's vertices snap to theirs (never the reverse), and
        // they keep every vertex they were written with; the region may lose its straight ones.
        let region = try CoverageNoding.node(noded + [regionMetric], tolerance: nodingTolerance,
                                         dropFrom: noded.count).districts[noded.count]
        return try written([region], projector: projector)[0]
    }

    /// Unprojected (split at the antimeridian) and rounded to 7 decimals, pointwise.
    /// Each district is unprojected and rounded on its own: many districts are cut into consecutive
    /// runs done side by side on all cores (a PROJ and a GEOS context each, from `projector`'s CRS),
    /// the same districts in the same order as one pass, and the first run's error first.
    static func written(_ metric: [MultiPolygon], projector: Projector,
                        cancellation: Cancellation = .never) throws -> [MultiPolygon] {
        let runs = chunkRanges(metric.count, parts: metric.count >= parallelDistricts ? Parallelism.workers : 1)
        guard runs.count > 1 else { return try written(metric[...], projector: projector, cancellation: cancellation) }
        let crs = projector.crs
        let parts = parallelMap(runs.count) { r in
            Result { try written(metric[runs[r]], projector: Projector(crs: crs), cancellation: cancellation) }
        }
        return try parts.flatMap { try $0.get() }
    }

    /// Districts from which `written` uses all cores.
    static let parallelDistricts = 64

    static func written(_ metric: ArraySlice<MultiPolygon>, projector: Projector,
                        cancellation: Cancellation) throws -> [MultiPolygon] {
        let unprojected = try metric.map {
            try cancellation.check()
            return try Antimeridian.split(projector.unproject($0))
        }
        try cancellation.check()
        return try CoveragePrecision.reduce(unprojected).districts
    }
}

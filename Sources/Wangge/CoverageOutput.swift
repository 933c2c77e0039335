import WanggeModel
import WanggeGeometry
import WanggeProjection

/// The service areas as the plan file holds them: WGS84, 7 decimals, still an exact coverage
/// (DESIGN section 5: neighbours share identical vertices along their common borders, no gap, no
/// overlap). The metric areas are noded first, so both sides of every border are the same vertex
/// sequence (`CoverageNoding`); unprojecting and rounding then move them alike.
enum CoverageOutput {
    /// Vertices closer than this (metres) are one, and a vertex this close to an edge lies on
    /// it: far below the 7-decimal grid (about a centimetre) and far above the error of the GEOS
    /// overlays that built the areas.
    static let nodingTolerance = 1e-5

    static func wgs84(_ areasMetric: [MultiPolygon], projector: Projector) throws -> [MultiPolygon] {
        let noded = CoverageNoding.node(areasMetric, tolerance: nodingTolerance).districts
        let unprojected = try noded.map { try Antimeridian.split(projector.unproject($0)) }
        return try CoveragePrecision.reduce(unprojected).districts
    }
}

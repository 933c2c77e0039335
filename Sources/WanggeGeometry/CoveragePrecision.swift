import CGEOS
import WanggeModel

/// Rounding a coverage of district polygons (normally WGS84 for the plan file) to a grid without
/// opening gaps or making polygons invalid.
public enum CoveragePrecision {
    public struct Result: Sendable {
        public var districts: [MultiPolygon]
        /// Districts that pointwise rounding made invalid and snap-rounding repaired.
        public var repaired: [Int]
        /// Sum of areas before and after (same units as the input, degrees² for WGS84).
        public var areaBefore: Double
        public var areaAfter: Double
    }

    /// Rounds every coordinate to `gridSize` (1e-7° = 7 decimals by default). The coverage is
    /// rounded pointwise, so a vertex shared by neighbouring districts lands on the same grid point
    /// in both and no gap or overlap opens; a district that this makes invalid (a sliver collapsing
    /// or an edge crossing another) is instead snap-rounded by GEOS (`GEOSGeom_setPrecision_r`,
    /// valid output), which can only move its boundary by less than one grid cell. Rings come back
    /// oriented as RFC 7946 asks.
    public static func reduce(_ districts: [MultiPolygon], gridSize: Double = 1e-7) throws -> Result {
        let context = GeometryContext()
        var output: [MultiPolygon] = []
        var repaired: [Int] = []
        var before = 0.0, after = 0.0
        for (d, district) in districts.enumerated() {
            let g = try context.multiPolygon(district)
            before += try g.area()
            var rounded: Geometry
            if let pointwise = try? g.setPrecision(gridSize, mode: .pointwise), try pointwise.isValid() {
                rounded = pointwise
            } else {
                context.clearMessages()
                rounded = try g.setPrecision(gridSize, mode: .validOutput)
                repaired.append(d)
            }
            after += try rounded.area()
            output.append(try rounded.toMultiPolygon().orientedRFC7946())
        }
        return Result(districts: output, repaired: repaired, areaBefore: before, areaAfter: after)
    }
}

import Foundation
import WanggeModel

/// The projection wall maps are drawn in: a local equirectangular projection on the WGS84
/// ellipsoid, centred on the plan's bounding box.
///
/// x = (λ − λ₀)·N(φ₀)·cos φ₀ and y = (φ − φ₀)·M(φ₀), in metres, where M and N are the meridional
/// and prime-vertical radii of curvature at the centre latitude φ₀. North is up, meridians are
/// vertical, and the scale is true along the centre parallel and meridian. Across a district,
/// town or county (tens of kilometres) the scale error stays well under 0.1 %, which is what a
/// scale bar printed on paper can show; it is not meant for continents.
public struct LocalProjection: Sendable, Equatable {
    public let lon0: Double
    public let lat0: Double
    /// Metres per degree of longitude and of latitude at the centre.
    public let metresPerDegreeX: Double
    public let metresPerDegreeY: Double

    public init(lon0: Double, lat0: Double) {
        let a = 6_378_137.0
        let f = 1 / 298.257_223_563
        let e2 = f * (2 - f)
        let phi = lat0 * .pi / 180
        let w = 1 - e2 * sin(phi) * sin(phi)
        let n = a / w.squareRoot()
        let m = a * (1 - e2) / (w * w.squareRoot())
        self.lon0 = lon0; self.lat0 = lat0
        metresPerDegreeX = n * cos(phi) * .pi / 180
        metresPerDegreeY = m * .pi / 180
    }

    /// Centred on the middle of `box` (lon/lat degrees).
    public init(centredOn box: BoundingBox) {
        self.init(lon0: (box.minX + box.maxX) / 2, lat0: (box.minY + box.maxY) / 2)
    }

    /// Metres east and north of the centre.
    @inline(__always)
    public func project(lon: Double, lat: Double) -> Point2 {
        Point2((lon - lon0) * metresPerDegreeX, (lat - lat0) * metresPerDegreeY)
    }

    @inline(__always)
    public func project(_ p: Point2) -> Point2 { project(lon: p.x, lat: p.y) }

    public func unproject(_ p: Point2) -> Point2 {
        Point2(lon0 + p.x / metresPerDegreeX, lat0 + p.y / metresPerDegreeY)
    }
}

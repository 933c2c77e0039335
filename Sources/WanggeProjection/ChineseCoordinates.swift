#if canImport(Glibc)
import Glibc
#endif

/// GCJ-02 ("Mars coordinates", used by Amap/高德, Tencent and other Chinese map apps) and BD-09
/// (Baidu), with their documented forward formulas and iterative inverses. Pure arithmetic, no PROJ.
///
/// - WGS84 → GCJ-02: the widely published offset formula on the Krasovsky ellipsoid
///   (a = 6378245 m, e² = 0.00669342162296594323), a few hundred metres in China.
/// - GCJ-02 → BD-09: polar perturbation z = r + 0.00002·sin(y·π·3000/180),
///   θ = atan2(y, x) + 0.000003·cos(x·π·3000/180), then +0.0065° lon, +0.006° lat.
/// - The inverses iterate p ← p − (forward(p) − target) until the step is below 1e-12° (the forward
///   maps are near the identity, so this converges in a handful of steps to ~1e-12°, far below 0.5 m).
///
/// Outside China GCJ-02 is the identity. "Outside" is the rectangle test used by the common open
/// implementations: longitude outside [72.004, 137.8347] or latitude outside [0.8293, 55.8271].
/// It is coarse (it also covers e.g. Korea, Taiwan and Mongolia), so near those edges results can
/// differ from what an app did; inside mainland China it is exact to the formula.
/// BD-09 is always GCJ-02 plus the Baidu perturbation, also outside that rectangle.
public enum ChineseCoordinates {
    static let a = 6378245.0
    static let ee = 0.00669342162296594323
    static let xPi = Double.pi * 3000.0 / 180.0

    /// The rectangle test described above.
    public static func isOutsideChina(longitude lon: Double, latitude lat: Double) -> Bool {
        lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271
    }

    // MARK: GCJ-02

    public static func wgs84ToGCJ02(longitude lon: Double, latitude lat: Double) -> (longitude: Double, latitude: Double) {
        if isOutsideChina(longitude: lon, latitude: lat) { return (lon, lat) }
        let (dLon, dLat) = offset(longitude: lon, latitude: lat)
        return (lon + dLon, lat + dLat)
    }

    public static func gcj02ToWGS84(longitude lon: Double, latitude lat: Double) -> (longitude: Double, latitude: Double) {
        if isOutsideChina(longitude: lon, latitude: lat) { return (lon, lat) }
        return invert(longitude: lon, latitude: lat, start: (lon, lat), forward: wgs84ToGCJ02)
    }

    /// The GCJ-02 offset (degrees) at a WGS84 position.
    static func offset(longitude lon: Double, latitude lat: Double) -> (Double, Double) {
        let x = lon - 105.0, y = lat - 35.0
        var dLat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt(abs(x))
        dLat += (20.0 * sin(6.0 * x * .pi) + 20.0 * sin(2.0 * x * .pi)) * 2.0 / 3.0
        dLat += (20.0 * sin(y * .pi) + 40.0 * sin(y / 3.0 * .pi)) * 2.0 / 3.0
        dLat += (160.0 * sin(y / 12.0 * .pi) + 320.0 * sin(y * .pi / 30.0)) * 2.0 / 3.0
        var dLon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt(abs(x))
        dLon += (20.0 * sin(6.0 * x * .pi) + 20.0 * sin(2.0 * x * .pi)) * 2.0 / 3.0
        dLon += (20.0 * sin(x * .pi) + 40.0 * sin(x / 3.0 * .pi)) * 2.0 / 3.0
        dLon += (150.0 * sin(x / 12.0 * .pi) + 300.0 * sin(x / 30.0 * .pi)) * 2.0 / 3.0
        let radLat = lat / 180.0 * .pi
        var magic = sin(radLat)
        magic = 1 - ee * magic * magic
        let sqrtMagic = sqrt(magic)
        dLat = (dLat * 180.0) / ((a * (1 - ee)) / (magic * sqrtMagic) * .pi)
        dLon = (dLon * 180.0) / (a / sqrtMagic * cos(radLat) * .pi)
        return (dLon, dLat)
    }

    // MARK: BD-09

    public static func gcj02ToBD09(longitude lon: Double, latitude lat: Double) -> (longitude: Double, latitude: Double) {
        let z = (lon * lon + lat * lat).squareRoot() + 0.00002 * sin(lat * xPi)
        let theta = atan2(lat, lon) + 0.000003 * cos(lon * xPi)
        return (z * cos(theta) + 0.0065, z * sin(theta) + 0.006)
    }

    public static func bd09ToGCJ02(longitude lon: Double, latitude lat: Double) -> (longitude: Double, latitude: Double) {
        // The usual closed-form approximation is the starting point; iteration makes it exact.
        let x = lon - 0.0065, y = lat - 0.006
        let z = (x * x + y * y).squareRoot() - 0.00002 * sin(y * xPi)
        let theta = atan2(y, x) - 0.000003 * cos(x * xPi)
        return invert(longitude: lon, latitude: lat, start: (z * cos(theta), z * sin(theta)), forward: gcj02ToBD09)
    }

    public static func wgs84ToBD09(longitude lon: Double, latitude lat: Double) -> (longitude: Double, latitude: Double) {
        let g = wgs84ToGCJ02(longitude: lon, latitude: lat)
        return gcj02ToBD09(longitude: g.longitude, latitude: g.latitude)
    }

    public static func bd09ToWGS84(longitude lon: Double, latitude lat: Double) -> (longitude: Double, latitude: Double) {
        let g = bd09ToGCJ02(longitude: lon, latitude: lat)
        return gcj02ToWGS84(longitude: g.longitude, latitude: g.latitude)
    }

    // MARK: Inversion

    static func invert(longitude lon: Double, latitude lat: Double, start: (Double, Double),
                       forward: (Double, Double) -> (longitude: Double, latitude: Double)) -> (longitude: Double, latitude: Double) {
        var p = start
        for _ in 0..<40 {
            let f = forward(p.0, p.1)
            let dx = f.longitude - lon, dy = f.latitude - lat
            p = (p.0 - dx, p.1 - dy)
            if abs(dx) < 1e-12 && abs(dy) < 1e-12 { break }
        }
        return (p.0, p.1)
    }
}

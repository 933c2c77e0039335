import CPROJ
import WanggeModel
#if canImport(Glibc)
import Glibc
#endif

/// The metric CRS in which distances, areas and compactness are computed (DESIGN section 4):
/// the UTM zone of the data's centroid unless the user names one with `--crs`; data reaching more
/// than `utmReach` east or west of its centre gets a Lambert azimuthal equal-area CRS centred on it.
/// A plain value: it can cross task boundaries, and each task builds its own `Projector` from it.
public struct MetricCRS: Sendable, Hashable, CustomStringConvertible {
    /// What PROJ is given, and what the plan's `crs` member records, e.g. "EPSG:32650".
    public let definition: String
    /// A human name, e.g. "WGS 84 / UTM zone 50N".
    public let name: String
    /// Metres per unit of the CRS's axes (1 for UTM; 0.3048006096 for US survey feet). `Projector`
    /// always hands out metres, scaling by this factor.
    public let metresPerUnit: Double
    /// True when chosen automatically from the data.
    public let isAutomatic: Bool

    public var description: String { definition }

    /// The EPSG code, when the definition is "EPSG:n".
    public var epsgCode: Int? {
        let parts = definition.split(separator: ":")
        guard parts.count == 2, parts[0].uppercased() == "EPSG" else { return nil }
        return Int(parts[1])
    }

    // MARK: Automatic choice

    /// The WGS 84 UTM zone (or UPS) for a position, by the standard grid rules:
    /// - zone = ⌊(lon + 180) / 6⌋ + 1 with longitude first wrapped into [−180, 180), so 180° is zone 1;
    /// - the two UTM exceptions: south-west Norway (56°–64° N, 3°–12° E) is zone 32, and Svalbard
    ///   (72°–84° N) uses zones 31, 33, 35, 37 only (cut at 9°, 21°, 33° E);
    /// - north of 84° N: UPS North (EPSG:32661); south of 80° S: UPS South (EPSG:32761);
    /// - latitude ≥ 0 is the northern hemisphere, EPSG:326zz; below 0 the southern, EPSG:327zz.
    public static func utm(longitude: Double, latitude: Double) -> MetricCRS {
        if latitude > 84 {
            return MetricCRS(definition: "EPSG:32661", name: "WGS 84 / UPS North (E,N)", metresPerUnit: 1, isAutomatic: true)
        }
        if latitude < -80 {
            return MetricCRS(definition: "EPSG:32761", name: "WGS 84 / UPS South (E,N)", metresPerUnit: 1, isAutomatic: true)
        }
        let lon = wrapLongitude(longitude)
        var zone = Int(((lon + 180) / 6).rounded(.down)) + 1
        zone = min(max(zone, 1), 60)
        if latitude >= 56 && latitude < 64 && lon >= 3 && lon < 12 { zone = 32 }
        if latitude >= 72 && lon >= 0 && lon < 42 {
            zone = lon < 9 ? 31 : lon < 21 ? 33 : lon < 33 ? 35 : 37
        }
        let north = latitude >= 0
        let code = (north ? 32600 : 32700) + zone
        return MetricCRS(definition: "EPSG:\(code)", name: "WGS 84 / UTM zone \(zone)\(north ? "N" : "S")",
                         metresPerUnit: 1, isAutomatic: true)
    }

    /// The UTM zone of the data's centroid. The centroid's latitude is the mean latitude; its longitude
    /// is the circular mean (the direction of Σ(cos λ, sin λ)), so data straddling the antimeridian
    /// (179.9° and −179.9°) centres near 180°, not near 0°. Non-finite coordinates are skipped;
    /// no finite coordinate at all is a data error.
    public static func automatic(longitudes: [Double], latitudes: [Double]) throws -> MetricCRS {
        precondition(longitudes.count == latitudes.count, "longitudes and latitudes must have the same length")
        guard let centre = centroid(longitudes: longitudes, latitudes: latitudes) else {
            throw WanggeError.data("no finite coordinates to choose a UTM zone from")
        }
        if eastWestReach(longitudes: longitudes, latitudes: latitudes, centre: centre) > utmReach {
            return equalArea(centre: centre)
        }
        return utm(longitude: centre.x, latitude: centre.y)
    }

    /// How far (in degrees of longitude at the equator, i.e. |Δλ|·cos φ) data may reach east or west
    /// of the centre and still use UTM: 6°, twice a zone's half-width, where the transverse Mercator
    /// scale error is about 0.5 %. Wider data (a province, a country, a continent) would see
    /// distances and areas stretched by several per cent at its edges in one UTM zone.
    public static let utmReach = 6.0

    /// The largest |Δλ|·cos φ of the points from `centre` (longitudes wrapped, so data straddling
    /// the antimeridian is measured across it).
    public static func eastWestReach(longitudes: [Double], latitudes: [Double], centre: Point2) -> Double {
        var reach = 0.0
        for i in 0..<min(longitudes.count, latitudes.count) {
            let lon = longitudes[i], lat = latitudes[i]
            guard lon.isFinite, lat.isFinite else { continue }
            reach = max(reach, abs(wrapLongitude(lon - centre.x)) * cos(lat * .pi / 180))
        }
        return reach
    }

    /// Lambert azimuthal equal-area centred on the data (EPSG method 9820 as a PROJ string): areas
    /// exact everywhere and distances within about 1–2 % across a continent-sized extent, which no
    /// single UTM zone gives. Chosen automatically when the data reaches beyond `utmReach`.
    public static func equalArea(centre: Point2) -> MetricCRS {
        let lat = (centre.y * 1e4).rounded() / 1e4, lon = (centre.x * 1e4).rounded() / 1e4
        return MetricCRS(definition: "+proj=laea +lat_0=\(lat) +lon_0=\(lon) +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs +type=crs",
                         name: "Lambert azimuthal equal-area centred on \(lon), \(lat) (the data is wider than a UTM zone)",
                         metresPerUnit: 1, isAutomatic: true)
    }

    /// Mean latitude and circular-mean longitude (see `automatic`), or nil without finite points.
    public static func centroid(longitudes: [Double], latitudes: [Double]) -> Point2? {
        var sumSin = 0.0, sumCos = 0.0, sumLat = 0.0, n = 0
        for i in 0..<min(longitudes.count, latitudes.count) {
            let lon = longitudes[i], lat = latitudes[i]
            guard lon.isFinite, lat.isFinite else { continue }
            let r = lon * .pi / 180
            sumSin += sin(r); sumCos += cos(r); sumLat += lat; n += 1
        }
        guard n > 0 else { return nil }
        let lon = (sumSin == 0 && sumCos == 0) ? 0 : atan2(sumSin, sumCos) * 180 / .pi
        return Point2(lon, sumLat / Double(n))
    }

    static func wrapLongitude(_ lon: Double) -> Double {
        var l = (lon + 180).truncatingRemainder(dividingBy: 360)
        if l < 0 { l += 360 }
        return l - 180
    }

    // MARK: Explicit choice

    /// The CRS a user named with `--crs` (any definition PROJ knows: "EPSG:32650", a PROJ string, WKT).
    /// It must be a projected CRS with linear axes: a geographic CRS (degrees) is refused, because
    /// distances and areas need metres. An unknown CRS is a usage error quoting PROJ's message.
    public static func named(_ text: String, context: ProjectionContext = ProjectionContext()) throws -> MetricCRS {
        let definition = text.trimmingSpaces()
        guard !definition.isEmpty else { throw WanggeError.usage("--crs: empty CRS name") }
        let ctx = context.handle
        context.resetErrors()
        guard var crs = proj_create(ctx, definition) else {
            throw WanggeError.usage("--crs: unknown CRS '\(definition)': \(context.errorMessage())")
        }
        defer { proj_destroy(crs) }
        // Look through wrappers to the horizontal CRS.
        var owned: [OpaquePointer] = []
        defer { owned.forEach { proj_destroy($0) } }
        for _ in 0..<3 {
            let type = proj_get_type(crs)
            if type == PJ_TYPE_BOUND_CRS, let source = proj_get_source_crs(ctx, crs) {
                owned.append(source); crs = source
            } else if type == PJ_TYPE_COMPOUND_CRS, let horizontal = proj_crs_get_sub_crs(ctx, crs, 0) {
                owned.append(horizontal); crs = horizontal
            } else { break }
        }
        let type = proj_get_type(crs)
        let name = proj_get_name(crs).map { String(cString: $0) } ?? definition
        switch type {
        case PJ_TYPE_PROJECTED_CRS:
            break
        case PJ_TYPE_GEOGRAPHIC_2D_CRS, PJ_TYPE_GEOGRAPHIC_3D_CRS, PJ_TYPE_GEOGRAPHIC_CRS:
            throw WanggeError.usage(
                "--crs: '\(definition)' (\(name)) is a geographic CRS in degrees; distances need a projected CRS "
                + "in metres, e.g. --crs EPSG:32650, or leave --crs out to use the UTM zone of the data")
        default:
            throw WanggeError.usage(
                "--crs: '\(definition)' (\(name)) is not a projected CRS; give one in metres, e.g. --crs EPSG:32650")
        }
        var factor = 1.0
        if let cs = proj_crs_get_coordinate_system(ctx, crs) {
            defer { proj_destroy(cs) }
            var conversion = 0.0
            if proj_cs_get_axis_info(ctx, cs, 0, nil, nil, nil, &conversion, nil, nil, nil) != 0, conversion > 0 {
                factor = conversion
            }
        }
        var canonical = definition
        if let auth = proj_get_id_auth_name(crs, 0), let code = proj_get_id_code(crs, 0),
           proj_get_type(crs) == type, definition.contains(":"), !definition.contains(" ") {
            canonical = "\(String(cString: auth)):\(String(cString: code))"
        }
        return MetricCRS(definition: canonical, name: name, metresPerUnit: factor, isAutomatic: false)
    }

    /// `--crs` when given, else the automatic UTM zone of the points.
    public static func choose(_ text: String?, longitudes: [Double], latitudes: [Double],
                              context: ProjectionContext = ProjectionContext()) throws -> MetricCRS {
        if let text { return try named(text, context: context) }
        return try automatic(longitudes: longitudes, latitudes: latitudes)
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}

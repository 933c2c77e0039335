import CGDAL
import WanggeModel

// The only files that import CGDAL are those in WanggeIO/OGR. Every GDAL handle is owned by one
// of the classes below, freed in `deinit`, created and used inside one call (never stored in a
// value that crosses threads: none of these types is Sendable). GDAL's error handler stack is
// thread-local, so `OGR.quietly` can be used from several threads at once.

enum OGR {
    /// Registers GDAL's drivers once per process (a Swift `static let` runs its initialiser once,
    /// thread-safely).
    private static let registered: Void = { GDALAllRegister() }()

    static func register() { _ = registered }

    /// Runs `body` with GDAL's own messages silenced (collected by the caller through `lastError`).
    static func quietly<T>(_ body: () throws -> T) rethrows -> T {
        register()
        CPLPushErrorHandler(CPLQuietErrorHandler)
        defer { CPLPopErrorHandler() }
        CPLErrorReset()
        return try body()
    }

    /// GDAL's last error message on this thread, or `fallback`.
    static func lastError(_ fallback: String) -> String {
        guard let m = CPLGetLastErrorMsg() else { return fallback }
        let s = String(cString: m)
        return s.isEmpty ? fallback : s
    }

    /// Runs `body` with GDAL configuration options set for this thread only, restored after.
    static func withConfig<T>(_ options: [String: String], _ body: () throws -> T) rethrows -> T {
        register()
        var saved: [(String, String?)] = []
        for (k, v) in options.sorted(by: { $0.key < $1.key }) {
            saved.append((k, CPLGetThreadLocalConfigOption(k, nil).map { String(cString: $0) }))
            CPLSetThreadLocalConfigOption(k, v)
        }
        defer { for (k, v) in saved { CPLSetThreadLocalConfigOption(k, v) } }
        return try body()
    }

    /// A NULL-terminated option list (`CSLAddString`), freed after `body`.
    static func withOptions<T>(_ options: [String], _ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) throws -> T) rethrows -> T {
        var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = nil
        for o in options { list = CSLAddString(list, o) }
        defer { CSLDestroy(list) }
        return try body(list)
    }
}

/// An open GDAL vector dataset (`GDALDatasetH`), closed in `deinit`.
final class OGRDataset {
    let handle: GDALDatasetH
    let path: String

    private init(handle: GDALDatasetH, path: String) { self.handle = handle; self.path = path }

    deinit { GDALClose(handle) }

    /// Opens `path` read-only as a vector dataset; 66 naming the file when GDAL cannot.
    static func open(_ path: String, options: [String] = []) throws -> OGRDataset {
        try OGR.quietly {
            let opened = OGR.withOptions(options) { list in
                GDALOpenEx(path, UInt32(GDAL_OF_VECTOR | GDAL_OF_READONLY), nil,
                           UnsafeRawPointer(list)?.assumingMemoryBound(to: UnsafePointer<CChar>?.self), nil)
            }
            guard let h = opened else {
                throw WanggeError(.noInput, "cannot open input: " + OGR.lastError("not a vector file GDAL can read"),
                                  at: SourceLocation(file: path))
            }
            return OGRDataset(handle: h, path: path)
        }
    }

    /// Opens `path` when GDAL knows it as a vector source other than CSV, else nil (quietly).
    static func openIfVector(_ path: String) -> OGRDataset? {
        OGR.quietly {
            guard let h = GDALOpenEx(path, UInt32(GDAL_OF_VECTOR | GDAL_OF_READONLY), nil, nil, nil) else { return nil }
            let d = OGRDataset(handle: h, path: path)
            return d.driverName == "CSV" ? nil : d
        }
    }

    /// Creates a new dataset with `driver` (e.g. "GPKG", "ESRI Shapefile", "FlatGeobuf").
    static func create(_ path: String, driver: String, errorPath: String) throws -> OGRDataset {
        try OGR.quietly {
            guard let drv = GDALGetDriverByName(driver) else {
                throw WanggeError(.cannotCreate, "cannot write output: GDAL has no \(driver) driver", at: SourceLocation(file: errorPath))
            }
            guard let h = GDALCreate(drv, path, 0, 0, 0, GDT_Unknown, nil) else {
                throw WanggeError(.cannotCreate, "cannot write output: " + OGR.lastError("GDAL could not create it"),
                                  at: SourceLocation(file: errorPath))
            }
            return OGRDataset(handle: h, path: path)
        }
    }

    var driverName: String {
        guard let drv = GDALGetDatasetDriver(handle), let name = GDALGetDriverShortName(drv) else { return "" }
        return String(cString: name)
    }

    var layerCount: Int { Int(GDALDatasetGetLayerCount(handle)) }

    /// Layer handles belong to the dataset: valid while it is open.
    func layer(_ i: Int) -> OGRLayerH? { GDALDatasetGetLayer(handle, Int32(i)) }

    func layer(named name: String) -> OGRLayerH? { GDALDatasetGetLayerByName(handle, name) }

    var layerNames: [String] {
        (0..<layerCount).compactMap { layer($0).map { String(cString: OGR_L_GetName($0)) } }
    }
}

/// A feature (`OGRFeatureH`), destroyed in `deinit`.
final class OGRFeature {
    let handle: OGRFeatureH
    init(_ handle: OGRFeatureH) { self.handle = handle }
    deinit { OGR_F_Destroy(handle) }
}

/// A spatial reference (`OGRSpatialReferenceH`) with the traditional lon/lat axis order, released in `deinit`.
final class OGRSpatialReference {
    let handle: OGRSpatialReferenceH

    /// WGS84 (EPSG:4326) as lon, lat.
    static func wgs84() -> OGRSpatialReference? {
        guard let h = OSRNewSpatialReference(nil) else { return nil }
        let srs = OGRSpatialReference(h)
        guard OSRImportFromEPSG(h, 4326) == OGRERR_NONE else { return nil }
        OSRSetAxisMappingStrategy(h, OAMS_TRADITIONAL_GIS_ORDER)
        return srs
    }

    /// A copy of a layer's CRS (the layer keeps its own).
    static func clone(_ h: OGRSpatialReferenceH) -> OGRSpatialReference? {
        OSRClone(h).map(OGRSpatialReference.init)
    }

    private init(_ handle: OGRSpatialReferenceH) {
        self.handle = handle
        OSRSetAxisMappingStrategy(handle, OAMS_TRADITIONAL_GIS_ORDER)
    }

    deinit { OSRRelease(handle) }

    func isSame(_ other: OGRSpatialReference) -> Bool { OSRIsSame(handle, other.handle) != 0 }

    var name: String {
        if let auth = OSRGetAuthorityName(handle, nil), let code = OSRGetAuthorityCode(handle, nil) {
            return String(cString: auth) + ":" + String(cString: code)
        }
        return OSRGetName(handle).map { String(cString: $0) } ?? "its CRS"
    }
}

/// A coordinate transformation (`OGRCoordinateTransformationH`) from a layer's CRS to WGS84 lon/lat.
final class OGRTransformation {
    let handle: OGRCoordinateTransformationH
    let sourceName: String

    init?(from source: OGRSpatialReference, to target: OGRSpatialReference) {
        guard let h = OCTNewCoordinateTransformation(source.handle, target.handle) else { return nil }
        handle = h
        sourceName = source.name
    }

    deinit { OCTDestroyCoordinateTransformation(handle) }
}

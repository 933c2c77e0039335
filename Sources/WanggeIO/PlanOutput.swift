#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WanggeModel

/// Where a plan goes, by the extension of `-o`: `.geojson`/`.json` (and any other name) the
/// single-file GeoJSON plan (the default, `PlanWriter`), `.gpkg` a GeoPackage with layers
/// `districts`, `households`, `barriers` (when given) and the `wangge_plan` table, `.shp` the
/// Shapefiles `NAME_districts.shp` and `NAME_households.shp` (UTF-8 .cpg), `.fgb` the FlatGeobufs
/// `NAME_districts.fgb` and `NAME_households.fgb`. Every file is written aside and renamed.
public enum PlanOutput {
    public enum Format: Sendable, Equatable { case geojson, geopackage, shapefile, flatgeobuf }

    public static func format(of path: String) -> Format {
        switch InputFile.pathExtension(path) {
        case "gpkg": return .geopackage
        case "shp": return .shapefile
        case "fgb": return .flatgeobuf
        default: return .geojson
        }
    }

    /// Whether `report`, `redraw` and `poster` can read this format back (GeoJSON and GeoPackage).
    public static func isReadable(_ format: Format) -> Bool { format == .geojson || format == .geopackage }

    /// Writes `plan` to `path` in the format its extension names; `barriers` (WGS84) go into a
    /// GeoPackage's `barriers` layer.
    public static func write(_ plan: Plan, to path: String, options: PlanWriteOptions = PlanWriteOptions(),
                             barriers: Barriers? = nil) throws {
        switch format(of: path) {
        case .geojson: try PlanWriter.write(plan, to: path, options: options)
        case .geopackage: try OGRPlanWriter.write(plan, to: path, format: .geopackage, options: options, barriers: barriers)
        case .shapefile: try OGRPlanWriter.write(plan, to: path, format: .shapefile, options: options, barriers: nil)
        case .flatgeobuf: try OGRPlanWriter.write(plan, to: path, format: .flatgeobuf, options: options, barriers: nil)
        }
    }

    /// The files `write` creates for `path` (one, or two for Shapefile and FlatGeobuf; a
    /// Shapefile's .shx/.dbf/.prj/.cpg go with each .shp).
    public static func files(for path: String) -> [String] {
        switch format(of: path) {
        case .geojson, .geopackage: return [path]
        case .shapefile: return OGRPlanWriter.files(for: path, format: .shapefile)
        case .flatgeobuf: return OGRPlanWriter.files(for: path, format: .flatgeobuf)
        }
    }

    /// `--layers DIR`: `DIR/districts.geojson` (the district features) and `DIR/households.geojson`
    /// (the household features), each a FeatureCollection with the `wangge` member, written with
    /// the GeoJSON plan's own encoder (same properties, same coordinates). The directory is
    /// created when missing (its parent must exist).
    public static func writeLayers(_ plan: Plan, directory: String, options: PlanWriteOptions = PlanWriteOptions()) throws {
        if mkdir(directory, 0o755) != 0 && errno != EEXIST {
            throw WanggeError(.cannotCreate, "cannot create the directory: \(String(cString: strerror(errno)))",
                              at: SourceLocation(file: directory))
        }
        let dir = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        try OutputFile.write(path: dir + "/districts.geojson") { file in
            var enc = PlanWriter.Encoder(plan: plan, options: options)
            try file.withBuffer { enc.header(into: &$0) }
            for d in plan.districts.indices { try file.withBuffer { enc.district(d, into: &$0) } }
            try file.withBuffer { enc.footer(into: &$0) }
        }
        try OutputFile.write(path: dir + "/households.geojson") { file in
            var enc = PlanWriter.Encoder(plan: plan, options: options)
            try file.withBuffer { enc.header(into: &$0) }
            for i in 0..<plan.households.count { try file.withBuffer { enc.household(i, into: &$0) } }
            try file.withBuffer { enc.footer(into: &$0) }
        }
    }
}

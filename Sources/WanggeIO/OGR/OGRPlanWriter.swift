#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CGDAL
import WanggeModel

/// Writes a plan through OGR as separate layers: GeoPackage (`districts`, `households`,
/// `barriers` when given, and a one-row `wangge_plan` table holding the `wangge` member),
/// Shapefile (`NAME_districts.shp`, `NAME_households.shp`, UTF-8 .cpg) or FlatGeobuf
/// (`NAME_districts.fgb`, `NAME_households.fgb`).
///
/// The features and their properties are exactly those of the GeoJSON plan (`PlanWriter`'s
/// encoder writes each feature, and its properties become fields), so every property the
/// GeoJSON plan carries, under the same name, reaches the other formats too: field types are
/// taken from the values (integers, reals, strings; lists and objects as JSON text, marked as
/// JSON in a GeoPackage). Coordinates are the GeoJSON plan's (7 decimals). Shapefile field
/// names are cut to 10 characters by the format.
///
/// Atomic like every output: a GeoPackage is written to a temporary file next to it and renamed;
/// Shapefiles and FlatGeobufs (several files) are written into a temporary directory next to
/// them and each file renamed into place at the end, so a failed run leaves none of them.
enum OGRPlanWriter {
    static let metadataLayer = "wangge_plan"

    static func cannotCreate(_ path: String, _ code: Int32) -> WanggeError {
        WanggeError(.cannotCreate, "cannot write output: \(String(cString: strerror(code)))", at: SourceLocation(file: path))
    }

    enum Format {
        case geopackage, shapefile, flatgeobuf
        var driver: String {
            switch self {
            case .geopackage: return "GPKG"
            case .shapefile: return "ESRI Shapefile"
            case .flatgeobuf: return "FlatGeobuf"
            }
        }
        var ext: String {
            switch self {
            case .geopackage: return "gpkg"
            case .shapefile: return "shp"
            case .flatgeobuf: return "fgb"
            }
        }
    }

    static func write(_ plan: Plan, to path: String, format: Format, options: PlanWriteOptions, barriers: Barriers?) throws {
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[..<$0]) } ?? "."
        let file = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let base = file.hasSuffix("." + format.ext) || file.lowercased().hasSuffix("." + format.ext)
            ? String(file.dropLast(format.ext.count + 1)) : file
        guard !base.isEmpty else { throw cannotCreate(path, EISDIR) }
        let prefix = (dir.isEmpty ? "" : dir + "/") + ".\(file).\(getpid())"

        switch format {
        case .geopackage:
            var temp = ""
            for attempt in 0..<100 {
                temp = "\(prefix).\(attempt).tmp.gpkg"
                if access(temp, F_OK) != 0 { break }
            }
            do {
                try OGR.quietly {
                    let ds = try OGRDataset.create(temp, driver: format.driver, errorPath: path)
                    try writeLayers(plan, into: (ds, ds), format: format, names: ("districts", "households"),
                                    options: options, barriers: barriers, path: path)
                }
                guard rename(temp, path) == 0 else { throw cannotCreate(path, errno) }
            } catch {
                for suffix in ["", "-journal", "-wal", "-shm"] { unlink(temp + suffix) }
                throw error
            }
        case .shapefile, .flatgeobuf:
            var temp = ""
            var made = false
            for attempt in 0..<100 {
                temp = "\(prefix).\(attempt).tmp"
                if mkdir(temp, 0o755) == 0 { made = true; break }
                if errno != EEXIST { break }
            }
            guard made else { throw cannotCreate(path, errno) }
            defer {
                for name in directoryEntries(temp) { unlink(temp + "/" + name) }
                rmdir(temp)
            }
            // One dataset per file (FlatGeobuf holds one layer per file; a .shp path makes one Shapefile).
            try OGR.quietly {
                let districts = try OGRDataset.create("\(temp)/\(base)_districts.\(format.ext)", driver: format.driver, errorPath: path)
                let households = try OGRDataset.create("\(temp)/\(base)_households.\(format.ext)", driver: format.driver, errorPath: path)
                try writeLayers(plan, into: (districts, households), format: format,
                                names: (base + "_districts", base + "_households"), options: options, barriers: nil, path: path)
            }
            let target = dir.isEmpty ? "" : dir + "/"
            for name in directoryEntries(temp).sorted() {
                guard rename(temp + "/" + name, target + name) == 0 else { throw cannotCreate(target + name, errno) }
            }
        }
    }

    /// The files `write` produces for `path` (for messages and tests).
    static func files(for path: String, format: Format) -> [String] {
        guard format != .geopackage else { return [path] }
        let stem = path.lowercased().hasSuffix("." + format.ext) ? String(path.dropLast(format.ext.count + 1)) : path
        return [stem + "_districts." + format.ext, stem + "_households." + format.ext]
    }

    private static func directoryEntries(_ dir: String) -> [String] {
        guard let d = opendir(dir) else { return [] }
        defer { closedir(d) }
        var names: [String] = []
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    // MARK: Layers

    private static func writeLayers(_ plan: Plan, into datasets: (OGRDataset, OGRDataset), format: Format, names: (String, String),
                                    options: PlanWriteOptions, barriers: Barriers?, path: String) throws {
        guard let wgs84 = OGRSpatialReference.wgs84() else {
            throw WanggeError(.cannotCreate, "cannot write output: GDAL has no EPSG:4326", at: SourceLocation(file: path))
        }
        let ds = datasets.0
        let inTransaction = format == .geopackage && GDALDatasetStartTransaction(ds.handle, 0) == OGRERR_NONE
        // Districts.
        let districtFeatures: (inout PlanWriter.Encoder, Int, inout [UInt8]) -> Void = { enc, d, out in enc.district(d, into: &out) }
        try writeLayer(plan, options: options, count: plan.districts.count, feature: districtFeatures,
                       into: ds, name: names.0, polygons: true, format: format, srs: wgs84, path: path)
        let householdFeatures: (inout PlanWriter.Encoder, Int, inout [UInt8]) -> Void = { enc, i, out in enc.household(i, into: &out) }
        try writeLayer(plan, options: options, count: plan.households.count, feature: householdFeatures,
                       into: datasets.1, name: names.1, polygons: false, format: format, srs: wgs84, path: path)
        if format == .geopackage {
            if let barriers, !barriers.isEmpty { try writeBarriers(barriers, into: ds, srs: wgs84, path: path) }
            try writeMetadata(plan, options: options, into: ds, path: path)
        }
        if inTransaction, GDALDatasetCommitTransaction(ds.handle) != OGRERR_NONE {
            throw failure(path, "could not commit the GeoPackage")
        }
    }

    private static func failure(_ path: String, _ what: String) -> WanggeError {
        WanggeError(.cannotCreate, "cannot write output: " + OGR.lastError(what), at: SourceLocation(file: path))
    }

    /// A field's type, widened as values are seen: integer < real < string; lists/objects: JSON text.
    enum FieldKind: Int, Comparable {
        case unknown, integer, real, string, json
        static func < (a: FieldKind, b: FieldKind) -> Bool { a.rawValue < b.rawValue }

        func merged(with value: FieldKind) -> FieldKind {
            if self == .unknown { return value }
            if value == .unknown || value == self { return self }
            if (self == .integer && value == .real) || (self == .real && value == .integer) { return .real }
            return max(self, value) == .json ? .json : .string
        }
    }

    struct Schema {
        var names: [String] = []
        var kinds: [FieldKind] = []
        var widths: [Int] = []
        var index: [String: Int] = [:]
        var multi = false

        mutating func see(_ name: String, _ kind: FieldKind, width: Int) {
            if let i = index[name] {
                kinds[i] = kinds[i].merged(with: kind); widths[i] = max(widths[i], width)
            } else {
                index[name] = names.count
                names.append(name); kinds.append(kind); widths.append(width)
            }
        }
    }

    static func kind(_ tape: JSONTape, _ v: Int) -> FieldKind {
        switch tape.kind(v) {
        case .null: return .unknown
        case .number:
            guard tape.isInteger(v), Int64(tape.literal(v)) != nil else { return .real }
            return .integer
        case .string: return .string
        case .bool, .array, .object: return .json
        }
    }

    /// One feature as its GeoJSON plan encoding, parsed.
    private static func tape(_ enc: inout PlanWriter.Encoder, _ i: Int,
                             _ feature: (inout PlanWriter.Encoder, Int, inout [UInt8]) -> Void, _ buf: inout [UInt8]) throws -> JSONTape {
        buf.removeAll(keepingCapacity: true)
        feature(&enc, i, &buf)
        let start = buf.firstIndex(of: UInt8(ascii: "{")) ?? 0
        return try JSONSource(path: "", bytes: Array(buf[start...])).parseDocument()
    }

    private static func writeLayer(_ plan: Plan, options: PlanWriteOptions, count: Int,
                                   feature: (inout PlanWriter.Encoder, Int, inout [UInt8]) -> Void,
                                   into ds: OGRDataset, name: String, polygons: Bool, format: Format,
                                   srs: OGRSpatialReference, path: String) throws {
        // Pass 1: the fields, in order of first appearance, and their types.
        var schema = Schema()
        var buf: [UInt8] = []
        var enc = PlanWriter.Encoder(plan: plan, options: options)
        for i in 0..<count {
            let t = try tape(&enc, i, feature, &buf)
            if let p = t.member(0, "properties"), t.kind(p) == .object {
                t.forEachMember(p) { k, v in
                    let width = t.kind(v) == .string ? t.string(v).utf8.count : (t.kind(v) == .null ? 0 : t.serialized(v).utf8.count)
                    schema.see(t.string(k), kind(t, v), width: width)
                }
            }
            if polygons, let g = t.member(0, "geometry"), t.kind(g) == .object, let ty = t.member(g, "type"),
               t.string(ty) == "MultiPolygon" { schema.multi = true }
        }
        let geometryType: OGRwkbGeometryType = polygons ? (schema.multi ? wkbMultiPolygon : wkbPolygon) : wkbPoint
        var layerOptions: [String] = []
        switch format {
        case .geopackage: layerOptions = ["FID=fid"]         // keeps an integer `id` a field
        case .shapefile: layerOptions = ["ENCODING=UTF-8"]   // writes the .cpg
        case .flatgeobuf: break
        }
        let created = OGR.withOptions(layerOptions) { GDALDatasetCreateLayer(ds.handle, name, srs.handle, geometryType, $0) }
        guard let layer = created else { throw failure(path, "could not create layer \(name)") }
        for (i, field) in schema.names.enumerated() {
            let type: OGRFieldType
            switch schema.kinds[i] {
            case .integer: type = OFTInteger64
            case .real: type = OFTReal
            default: type = OFTString
            }
            guard let fd = OGR_Fld_Create(field, type) else { throw failure(path, "could not create field \(field)") }
            defer { OGR_Fld_Destroy(fd) }
            if schema.kinds[i] == .json { OGR_Fld_SetSubType(fd, OFSTJSON) }
            if format == .shapefile && type == OFTString { OGR_Fld_SetWidth(fd, Int32(min(254, max(1, schema.widths[i])))) }
            guard OGR_L_CreateField(layer, fd, 1) == OGRERR_NONE else { throw failure(path, "could not create field \(field) in \(name)") }
        }
        // Pass 2: the features.
        enc = PlanWriter.Encoder(plan: plan, options: options)
        let defn = OGR_L_GetLayerDefn(layer)
        for i in 0..<count {
            let t = try tape(&enc, i, feature, &buf)
            guard let h = OGR_F_Create(defn) else { throw failure(path, "could not create a feature") }
            let f = OGRFeature(h)
            if let g = t.member(0, "geometry"), let geometry = OGRGeometryBuilder.geometry(t, g) {
                var geom = geometry
                if polygons, schema.multi, OGR_GT_Flatten(OGR_G_GetGeometryType(geom)) == wkbPolygon {
                    geom = OGR_G_ForceToMultiPolygon(geom)
                }
                OGR_F_SetGeometryDirectly(f.handle, geom)
            }
            if let p = t.member(0, "properties"), t.kind(p) == .object {
                t.forEachMember(p) { k, v in
                    guard let j = schema.index[t.string(k)] else { return }
                    let field = Int32(j)
                    switch (schema.kinds[j], t.kind(v)) {
                    case (_, .null): OGR_F_SetFieldNull(f.handle, field)
                    case (.integer, _): OGR_F_SetFieldInteger64(f.handle, field, Int64(t.literal(v)) ?? 0)
                    case (.real, _): OGR_F_SetFieldDouble(f.handle, field, t.double(v))
                    case (_, .string): OGR_F_SetFieldString(f.handle, field, t.string(v))
                    case (_, .number): OGR_F_SetFieldString(f.handle, field, t.literal(v))
                    default: OGR_F_SetFieldString(f.handle, field, t.serialized(v))
                    }
                }
            }
            guard OGR_L_CreateFeature(layer, f.handle) == OGRERR_NONE else {
                throw failure(path, "could not write feature \(i) of \(name)")
            }
        }
    }

    private static func writeBarriers(_ barriers: Barriers, into ds: OGRDataset, srs: OGRSpatialReference, path: String) throws {
        guard let layer = GDALDatasetCreateLayer(ds.handle, "barriers", srs.handle, wkbUnknown, nil) else {
            throw failure(path, "could not create layer barriers")
        }
        // kind: "line", "area" or "crossing" (as in a barriers file: a crossing's name and radius in metres).
        for (name, type) in [("kind", OFTString), ("name", OFTString), ("radius", OFTReal)] {
            guard let fd = OGR_Fld_Create(name, type) else { throw failure(path, "could not create field \(name)") }
            defer { OGR_Fld_Destroy(fd) }
            guard OGR_L_CreateField(layer, fd, 1) == OGRERR_NONE else { throw failure(path, "could not create field \(name)") }
        }
        let defn = OGR_L_GetLayerDefn(layer)
        func add(_ geometry: OGRGeometryH, _ kind: String, name: String? = nil, radius: Double? = nil) throws {
            guard let h = OGR_F_Create(defn) else { OGR_G_DestroyGeometry(geometry); throw failure(path, "could not create a feature") }
            let f = OGRFeature(h)
            OGR_F_SetGeometryDirectly(f.handle, geometry)
            OGR_F_SetFieldString(f.handle, 0, kind)
            if let name { OGR_F_SetFieldString(f.handle, 1, name) }
            if let radius { OGR_F_SetFieldDouble(f.handle, 2, radius) }
            guard OGR_L_CreateFeature(layer, f.handle) == OGRERR_NONE else { throw failure(path, "could not write a barrier") }
        }
        for line in barriers.lines { try add(OGRGeometryBuilder.line(line), "line") }
        for polygon in barriers.polygons { try add(OGRGeometryBuilder.polygon(polygon), "area") }
        for c in barriers.crossings {
            let point = OGR_G_CreateGeometry(wkbPoint)!
            OGR_G_SetPoint_2D(point, 0, c.position.x, c.position.y)
            try add(point, "crossing", name: c.name, radius: c.radius)
        }
    }

    /// The `wangge` member as a one-row table, a column per member (as the GeoJSON plan writes it).
    private static func writeMetadata(_ plan: Plan, options: PlanWriteOptions, into ds: OGRDataset, path: String) throws {
        var enc = PlanWriter.Encoder(plan: plan, options: options)
        var header: [UInt8] = []
        enc.header(into: &header)
        header.append(contentsOf: Array("]}".utf8))
        let t = try JSONSource(path: "", bytes: header).parseDocument()
        guard let w = t.member(0, "wangge"), t.kind(w) == .object else { return }
        guard let layer = GDALDatasetCreateLayer(ds.handle, metadataLayer, nil, wkbNone, nil) else {
            throw failure(path, "could not create table \(metadataLayer)")
        }
        var kinds: [FieldKind] = []
        try t.forEachMember(w) { k, v in
            let kind = kind(t, v)
            kinds.append(kind)
            let type: OGRFieldType = kind == .integer ? OFTInteger64 : kind == .real ? OFTReal : OFTString
            guard let fd = OGR_Fld_Create(t.string(k), type) else { throw failure(path, "could not create a field") }
            defer { OGR_Fld_Destroy(fd) }
            if kind == .json { OGR_Fld_SetSubType(fd, OFSTJSON) }
            guard OGR_L_CreateField(layer, fd, 1) == OGRERR_NONE else { throw failure(path, "could not create a field") }
        }
        guard let h = OGR_F_Create(OGR_L_GetLayerDefn(layer)) else { throw failure(path, "could not create a feature") }
        let f = OGRFeature(h)
        var j: Int32 = 0
        t.forEachMember(w) { _, v in
            switch kinds[Int(j)] {
            case .unknown: OGR_F_SetFieldNull(f.handle, j)
            case .integer: OGR_F_SetFieldInteger64(f.handle, j, Int64(t.literal(v)) ?? 0)
            case .real: OGR_F_SetFieldDouble(f.handle, j, t.double(v))
            case .string: OGR_F_SetFieldString(f.handle, j, t.string(v))
            case .json: OGR_F_SetFieldString(f.handle, j, t.serialized(v))
            }
            j += 1
        }
        guard OGR_L_CreateFeature(layer, f.handle) == OGRERR_NONE else { throw failure(path, "could not write \(metadataLayer)") }
    }
}

/// OGR geometries (owned by the caller) from GeoJSON geometry nodes and from model values.
enum OGRGeometryBuilder {
    static func geometry(_ t: JSONTape, _ g: Int) -> OGRGeometryH? {
        guard t.kind(g) == .object, let ty = t.member(g, "type"), let c = t.member(g, "coordinates") else { return nil }
        func points(_ arr: Int, into geom: OGRGeometryH) {
            for p in t.elements(arr) {
                let xy = t.elements(p)
                if xy.count >= 2 { OGR_G_AddPoint_2D(geom, t.double(xy[0]), t.double(xy[1])) }
            }
        }
        func polygon(_ rings: Int) -> OGRGeometryH? {
            guard let poly = OGR_G_CreateGeometry(wkbPolygon) else { return nil }
            for r in t.elements(rings) {
                guard let ring = OGR_G_CreateGeometry(wkbLinearRing) else { continue }
                points(r, into: ring)
                OGR_G_AddGeometryDirectly(poly, ring)
            }
            return poly
        }
        switch t.string(ty) {
        case "Point":
            let xy = t.elements(c)
            guard xy.count >= 2, let p = OGR_G_CreateGeometry(wkbPoint) else { return nil }
            OGR_G_SetPoint_2D(p, 0, t.double(xy[0]), t.double(xy[1]))
            return p
        case "LineString":
            guard let l = OGR_G_CreateGeometry(wkbLineString) else { return nil }
            points(c, into: l)
            return l
        case "Polygon":
            return polygon(c)
        case "MultiPolygon":
            guard let m = OGR_G_CreateGeometry(wkbMultiPolygon) else { return nil }
            for p in t.elements(c) { if let poly = polygon(p) { OGR_G_AddGeometryDirectly(m, poly) } }
            return m
        default:
            return nil
        }
    }

    static func line(_ pts: [Point2]) -> OGRGeometryH {
        let l = OGR_G_CreateGeometry(wkbLineString)!
        for p in pts { OGR_G_AddPoint_2D(l, p.x, p.y) }
        return l
    }

    static func polygon(_ polygon: Polygon) -> OGRGeometryH {
        let poly = OGR_G_CreateGeometry(wkbPolygon)!
        for r in polygon.rings {
            let ring = OGR_G_CreateGeometry(wkbLinearRing)!
            for p in r { OGR_G_AddPoint_2D(ring, p.x, p.y) }
            if let f = r.first, f != r.last { OGR_G_AddPoint_2D(ring, f.x, f.y) }
            OGR_G_AddGeometryDirectly(poly, ring)
        }
        return poly
    }
}

import CGDAL
import WanggeModel

/// Reads one layer of an OGR vector source (Shapefile, GeoPackage, FlatGeobuf, KML, Excel …) as the
/// GeoJSON or CSV bytes Wangge's own readers take, so every format goes through the same checks
/// and messages (file, feature or line, field). Features keep the layer's order: feature N of the
/// messages is the N-th feature of the layer (0-based), and for spreadsheets line N is row N.
///
/// - Geometries are converted to WGS84 lon/lat when the layer has a CRS other than WGS84 (a
///   Shapefile's .prj, a GeoPackage's srs), unless `honourCRS` is off (`--input-crs` given).
/// - Null fields are left out, as if the property were absent.
/// - Integer fields become JSON integers, Real fields numbers, JSON-subtype strings (a GeoPackage
///   written by Wangge) their JSON value, everything else a string.
/// - A layer without an `id` field but with a named FID column (GeoPackage `fid`, where ogr2ogr
///   moves integer ids) gives its FID as the `id`.
struct OGRLayerReader {
    let dataset: OGRDataset
    let layer: OGRLayerH
    let transform: OGRTransformation?
    private var fields: [Field] = []
    private let fidAsId: Bool
    /// Spreadsheets (XLSX, ODS): the FID is the row number.
    let fidIsRow: Bool

    struct Field {
        var index: Int32
        var name: String
        var key: [UInt8]    // `"name":` as JSON
        var type: OGRFieldType
        var subType: OGRFieldSubType
    }

    /// The layer for `role` in `dataset`: `requested` (`--layer`), else the only layer, else the one
    /// named like the role (`households`, `boundary`, `barriers`), else a usage error listing them.
    init(dataset: OGRDataset, requested: String?, role: String, honourCRS: Bool) throws {
        self.dataset = dataset
        let file = SourceLocation(file: dataset.path)
        let names = dataset.layerNames
        var chosen: OGRLayerH?
        if let requested {
            guard let l = dataset.layer(named: requested) else {
                throw WanggeError(.noInput, "no layer \(JSONEscapes.quoted(requested)); its layers: \(names.joined(separator: ", "))", at: file)
            }
            chosen = l
        } else if names.count == 1 {
            chosen = dataset.layer(0)
        } else if let l = dataset.layer(named: role) {
            chosen = l
        }
        guard let layer = chosen else {
            if names.isEmpty { throw WanggeError.data("no layers in the file", at: file) }
            throw WanggeError(.usage, "the file holds \(names.count) layers (\(names.joined(separator: ", "))) and none is named \(JSONEscapes.quoted(role)): choose one with --layer NAME", at: file)
        }
        self.layer = layer
        fidIsRow = ["XLSX", "ODS", "XLS"].contains(dataset.driverName)

        var transform: OGRTransformation?
        if honourCRS, let srsHandle = OGR_L_GetSpatialRef(layer), let source = OGRSpatialReference.clone(srsHandle),
           let wgs84 = OGRSpatialReference.wgs84(), !source.isSame(wgs84) {
            guard let t = OGRTransformation(from: source, to: wgs84) else {
                throw WanggeError.data("cannot convert the layer's CRS (\(source.name)) to WGS84: " + OGR.lastError("PROJ has no transformation"), at: file)
            }
            transform = t
        }
        self.transform = transform

        let defn = OGR_L_GetLayerDefn(layer)
        let n = OGR_FD_GetFieldCount(defn)
        var hasId = false
        for i in 0..<n {
            guard let fd = OGR_FD_GetFieldDefn(defn, i) else { continue }
            let name = String(cString: OGR_Fld_GetNameRef(fd))
            if name == "id" { hasId = true }
            fields.append(Field(index: i, name: name, key: Array((JSONEscapes.quoted(name) + ":").utf8),
                                type: OGR_Fld_GetType(fd), subType: OGR_Fld_GetSubType(fd)))
        }
        let fidColumn = OGR_L_GetFIDColumn(layer).map { String(cString: $0) } ?? ""
        fidAsId = !hasId && !fidColumn.isEmpty && !fidIsRow
    }

    var layerName: String { String(cString: OGR_L_GetName(layer)) }

    var hasGeometry: Bool { OGR_L_GetGeomType(layer) != wkbNone }

    var fieldNames: [String] { (fidAsId ? ["id"] : []) + fields.map(\.name) }

    /// Calls `body(index, feature)` for each feature in layer order.
    func forEachFeature(_ body: (Int, OGRFeatureH) throws -> Void) rethrows {
        OGR_L_ResetReading(layer)
        var i = 0
        while let h = OGR_L_GetNextFeature(layer) {
            let f = OGRFeature(h)
            try body(i, f.handle)
            i += 1
        }
    }

    // MARK: GeoJSON

    /// The layer as a GeoJSON FeatureCollection (with `members` as further top-level members).
    func featureCollection(members: String = "") throws -> [UInt8] {
        var out: [UInt8] = Array("{\"type\":\"FeatureCollection\",".utf8)
        if !members.isEmpty { out.append(contentsOf: Array(members.utf8)); out.append(UInt8(ascii: ",")) }
        out.append(contentsOf: Array("\"features\":[".utf8))
        try appendFeatures(into: &out)
        out.append(contentsOf: Array("\n]}\n".utf8))
        return out
    }

    /// Appends the layer's features as GeoJSON Features, comma-separated when `out` already has some.
    func appendFeatures(into out: inout [UInt8], first: Bool = true) throws {
        var first = first
        try forEachFeature { i, f in
            out.append(contentsOf: Array((first ? "\n" : ",\n").utf8))
            first = false
            try appendFeature(f, index: i, into: &out)
        }
    }

    func appendFeature(_ f: OGRFeatureH, index: Int, into out: inout [UInt8]) throws {
        out.append(contentsOf: Array("{\"type\":\"Feature\",\"geometry\":".utf8))
        if let g = OGR_F_GetGeometryRef(f) {
            if let transform, OGR_G_Transform(g, transform.handle) != OGRERR_NONE {
                throw WanggeError.data("cannot convert the geometry from \(transform.sourceName) to WGS84",
                                       at: SourceLocation(file: dataset.path, feature: index, field: "geometry"))
            }
            OGRGeometryJSON.append(g, into: &out)
        } else {
            out.append(contentsOf: Array("null".utf8))
        }
        out.append(contentsOf: Array(",\"properties\":{".utf8))
        appendProperties(f, into: &out)
        out.append(contentsOf: Array("}}".utf8))
    }

    /// The feature's non-null fields as JSON object members (no braces).
    func appendProperties(_ f: OGRFeatureH, into out: inout [UInt8]) {
        var first = true
        if fidAsId {
            out.append(contentsOf: Array("\"id\":\(OGR_F_GetFID(f))".utf8))
            first = false
        }
        for field in fields where OGR_F_IsFieldSetAndNotNull(f, field.index) != 0 {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(contentsOf: field.key)
            switch field.type {
            case OFTInteger where field.subType == OFSTBoolean:
                out.append(contentsOf: Array((OGR_F_GetFieldAsInteger(f, field.index) != 0 ? "true" : "false").utf8))
            case OFTInteger, OFTInteger64:
                out.append(contentsOf: Array(String(OGR_F_GetFieldAsInteger64(f, field.index)).utf8))
            case OFTReal:
                OGRGeometryJSON.number(OGR_F_GetFieldAsDouble(f, field.index), into: &out)
            case OFTString where field.subType == OFSTJSON:
                let text = String(cString: OGR_F_GetFieldAsString(f, field.index))
                let bytes = Array(text.utf8)
                if (try? JSONSource(path: "", bytes: bytes).parseDocument()) != nil {
                    out.append(contentsOf: bytes)
                } else {
                    out.append(contentsOf: Array(JSONEscapes.quoted(text).utf8))
                }
            default:
                out.append(contentsOf: Array(JSONEscapes.quoted(String(cString: OGR_F_GetFieldAsString(f, field.index))).utf8))
            }
        }
    }

    // MARK: CSV (tables without geometry: spreadsheets)

    /// The table as CSV with a header row. For spreadsheets, blank lines keep line N = row N.
    func csv() -> [UInt8] {
        var out: [UInt8] = []
        out.append(contentsOf: Array(fieldNames.map { CSVText.field($0) }.joined(separator: ",").utf8))
        out.append(0x0A)
        var line = 2
        forEachFeature { _, f in
            if fidIsRow {
                let row = Int(OGR_F_GetFID(f))
                while line < row { out.append(0x0A); line += 1 }
            }
            var cells: [String] = []
            if fidAsId { cells.append(String(OGR_F_GetFID(f))) }
            for field in fields {
                guard OGR_F_IsFieldSetAndNotNull(f, field.index) != 0 else { cells.append(""); continue }
                switch field.type {
                case OFTInteger, OFTInteger64: cells.append(String(OGR_F_GetFieldAsInteger64(f, field.index)))
                case OFTReal:
                    var b: [UInt8] = []
                    OGRGeometryJSON.number(OGR_F_GetFieldAsDouble(f, field.index), into: &b)
                    cells.append(String(decoding: b, as: UTF8.self))
                default: cells.append(String(cString: OGR_F_GetFieldAsString(f, field.index)))
                }
            }
            out.append(contentsOf: Array(cells.map { CSVText.field($0) }.joined(separator: ",").utf8))
            out.append(0x0A)
            line += 1
        }
        return out
    }
}

/// OGR geometries as GeoJSON geometry objects, coordinates in full precision (shortest text that
/// reads back as the same double). Curves are linearised; unsupported types are written with
/// their OGR name so that the readers name them in their message.
enum OGRGeometryJSON {
    static func number(_ v: Double, into out: inout [UInt8]) {
        if v.isFinite {
            if v == v.rounded(), abs(v) < 1e15 { out.append(contentsOf: Array(String(Int64(v)).utf8)) }
            else { out.append(contentsOf: Array("\(v)".utf8)) }
        } else {
            out.append(contentsOf: Array("null".utf8))
        }
    }

    private static func position(_ g: OGRGeometryH, _ i: Int32, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        number(OGR_G_GetX(g, i), into: &out)
        out.append(UInt8(ascii: ","))
        number(OGR_G_GetY(g, i), into: &out)
        out.append(UInt8(ascii: "]"))
    }

    private static func positions(_ g: OGRGeometryH, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        let n = OGR_G_GetPointCount(g)
        for i in 0..<n {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            position(g, i, &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    private static func parts(_ g: OGRGeometryH, _ out: inout [UInt8], _ each: (OGRGeometryH, inout [UInt8]) -> Void) {
        out.append(UInt8(ascii: "["))
        let n = OGR_G_GetGeometryCount(g)
        for i in 0..<n {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            if let part = OGR_G_GetGeometryRef(g, i) { each(part, &out) }
        }
        out.append(UInt8(ascii: "]"))
    }

    private static func polygonRings(_ g: OGRGeometryH, _ out: inout [UInt8]) {
        parts(g, &out) { ring, o in positions(ring, &o) }
    }

    static func append(_ g: OGRGeometryH, into out: inout [UInt8]) {
        let type = OGR_GT_Flatten(OGR_G_GetGeometryType(g))
        func head(_ name: String) { out.append(contentsOf: Array("{\"type\":\"\(name)\",\"coordinates\":".utf8)) }
        switch type {
        case wkbPoint:
            head("Point")
            if OGR_G_IsEmpty(g) != 0 { out.append(contentsOf: Array("[]".utf8)) } else { position(g, 0, &out) }
        case wkbLineString, wkbLinearRing:
            head("LineString"); positions(g, &out)
        case wkbPolygon:
            head("Polygon"); polygonRings(g, &out)
        case wkbMultiPoint:
            head("MultiPoint"); parts(g, &out) { p, o in position(p, 0, &o) }
        case wkbMultiLineString:
            head("MultiLineString"); parts(g, &out) { l, o in positions(l, &o) }
        case wkbMultiPolygon:
            head("MultiPolygon"); parts(g, &out) { p, o in polygonRings(p, &o) }
        case wkbGeometryCollection:
            out.append(contentsOf: Array("{\"type\":\"GeometryCollection\",\"geometries\":".utf8))
            parts(g, &out) { p, o in append(p, into: &o) }
            out.append(UInt8(ascii: "}"))
            return
        case wkbCircularString, wkbCompoundCurve, wkbCurvePolygon, wkbMultiCurve, wkbMultiSurface:
            if let linear = OGR_G_GetLinearGeometry(g, 0, nil) {
                defer { OGR_G_DestroyGeometry(linear) }
                append(linear, into: &out)
                return
            }
            head(String(cString: OGR_G_GetGeometryName(g))); out.append(contentsOf: Array("[]".utf8))
        default:
            head(String(cString: OGR_G_GetGeometryName(g))); out.append(contentsOf: Array("[]".utf8))
        }
        out.append(UInt8(ascii: "}"))
    }
}

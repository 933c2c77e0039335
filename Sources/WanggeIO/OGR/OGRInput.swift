#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WanggeModel

/// Which reader takes an input file: Wangge's own streaming GeoJSON and CSV readers (faster:
/// Benchmarks/README.md, "Reading through OGR"), or GDAL/OGR for every other vector format.
enum InputRoute: Equatable {
    case geojson, csv, ogr

    /// Extensions of formats OGR reads (Shapefile and its parts, GeoPackage, FlatGeobuf, KML,
    /// spreadsheets, GML, GPX, SQLite, MapInfo, zipped Shapefiles).
    static let ogrExtensions: Set<String> = ["shp", "dbf", "shz", "gpkg", "fgb", "kml", "kmz", "xlsx", "xls", "ods",
                                             "gml", "gpx", "sqlite", "tab", "mif", "gdb", "zip"]
    /// Spreadsheets: tables whose rows are lines in messages (line N = row N).
    static let spreadsheetExtensions: Set<String> = ["xlsx", "xls", "ods"]

    /// `.geojson`/`.json` and `.csv`/`.txt`/`.tsv` go to the own readers, the extensions above
    /// (and directories: a folder of Shapefiles) to OGR; anything else is sniffed: JSON when the
    /// first byte is `{` or `[`, OGR when GDAL opens it as a vector source, CSV otherwise.
    static func of(_ path: String) -> InputRoute {
        let ext = InputFile.pathExtension(path)
        switch ext {
        case "geojson", "json": return .geojson
        case "csv", "txt", "tsv": return .csv
        default: break
        }
        if ogrExtensions.contains(ext) || isDirectory(path) { return .ogr }
        let head = headBytes(path)
        if HouseholdReader.detectFormat(path: "", bytes: head) == .geojson { return .geojson }
        if !head.isEmpty, OGRDataset.openIfVector(path) != nil { return .ogr }
        return .csv
    }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    private static func headBytes(_ path: String) -> [UInt8] {
        var head = [UInt8](repeating: 0, count: 256)
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        let n = head.withUnsafeMutableBytes { posixRead(fd, $0.baseAddress, $0.count) }
        return Array(head.prefix(max(n, 0)))
    }
}

/// Inputs read through OGR, handed to the own readers as GeoJSON (or CSV for spreadsheets).
enum OGRInput {
    private static func open(_ path: String) throws -> OGRDataset { try OGRDataset.open(path) }

    /// Households from a point layer (as GeoJSON) or a table with lon/lat columns (as CSV).
    /// Spreadsheets always have a header row (the CSV rule), whatever GDAL would guess: the
    /// option is set for this thread while the sheet is read (GDAL reads sheets lazily).
    static func households(path: String, options: HouseholdReadOptions) throws -> HouseholdTable {
        guard InputRoute.spreadsheetExtensions.contains(InputFile.pathExtension(path)) else {
            return try readHouseholds(path: path, options: options)
        }
        return try OGR.withConfig(["OGR_XLSX_HEADERS": "FORCE", "OGR_ODS_HEADERS": "FORCE", "OGR_XLS_HEADERS": "FORCE"]) {
            try readHouseholds(path: path, options: options)
        }
    }

    private static func readHouseholds(path: String, options: HouseholdReadOptions) throws -> HouseholdTable {
        let dataset = try open(path)
        let reader = try OGRLayerReader(dataset: dataset, requested: options.layer, role: "households",
                                        honourCRS: options.honourSourceCRS)
        if reader.hasGeometry {
            let bytes = try reader.featureCollection()
            return try HouseholdReader.readGeoJSON(JSONSource(path: path, bytes: bytes), options: options)
        }
        return try HouseholdCSVReader.read(CSVReader(path: path, bytes: reader.csv()), options: options)
    }

    /// A boundary or barriers file's layer as a GeoJSON source (`role` names the preferred layer).
    static func geometrySource(path: String, role: String, layer: String? = nil, honourCRS: Bool) throws -> JSONSource {
        let dataset = try open(path)
        let reader = try OGRLayerReader(dataset: dataset, requested: layer, role: role, honourCRS: honourCRS)
        return JSONSource(path: path, bytes: try reader.featureCollection())
    }

    /// A plan written as GeoPackage (or any OGR source with the same layers): the `wangge_plan`
    /// table's row becomes the `wangge` member, then the `households` layer's features (so that
    /// feature N in messages is the N-th household), then the `districts` layer's.
    static func plan(path: String) throws -> JSONSource {
        let dataset = try open(path)
        let names = dataset.layerNames
        var members = ""
        if names.contains(OGRPlanWriter.metadataLayer) {
            let meta = try OGRLayerReader(dataset: dataset, requested: OGRPlanWriter.metadataLayer, role: "", honourCRS: false)
            var body: [UInt8] = []
            var rows = 0
            meta.forEachFeature { _, f in
                if rows == 0 { meta.appendProperties(f, into: &body) }
                rows += 1
            }
            if rows > 0 { members = "\"wangge\":{" + String(decoding: body, as: UTF8.self) + "}" }
        }
        let householdLayer = names.contains("households") ? "households" : (names.count == 1 ? names[0] : nil)
        guard let householdLayer else {
            throw WanggeError.data("not a Wangge plan: no \"households\" layer; its layers: \(names.joined(separator: ", "))",
                                   at: SourceLocation(file: path))
        }
        var out: [UInt8] = Array("{\"type\":\"FeatureCollection\",".utf8)
        if !members.isEmpty { out.append(contentsOf: Array(members.utf8)); out.append(UInt8(ascii: ",")) }
        out.append(contentsOf: Array("\"features\":[".utf8))
        let households = try OGRLayerReader(dataset: dataset, requested: householdLayer, role: "households", honourCRS: true)
        try households.appendFeatures(into: &out)
        if names.contains("districts") {
            let districts = try OGRLayerReader(dataset: dataset, requested: "districts", role: "districts", honourCRS: true)
            try districts.appendFeatures(into: &out, first: out.last == UInt8(ascii: "["))
        }
        out.append(contentsOf: Array("\n]}\n".utf8))
        return JSONSource(path: path, bytes: out)
    }
}

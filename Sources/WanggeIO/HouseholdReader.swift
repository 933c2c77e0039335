import WanggeModel

/// Reads households from GeoJSON (a FeatureCollection of Points) or CSV (with a header) with the
/// own readers, and from every other vector format (Shapefile, GeoPackage, Excel …) through OGR.
public enum HouseholdReader {
    /// Reads and checks a households file. Throws `WanggeError` 66 when it cannot be opened and
    /// 65 (naming the file, feature index or line, and field) when its content is wrong.
    public static func read(path: String, options: HouseholdReadOptions = HouseholdReadOptions()) throws -> HouseholdTable {
        try readIndexed(path: path, options: options).table
    }

    /// `read(path:options:)`, with the id → row map its checks built (the table's `indexById()`)
    /// when the reader keeps one (own GeoJSON reader), so relations need not hash the ids again.
    public static func readIndexed(path: String, options: HouseholdReadOptions = HouseholdReadOptions()) throws
        -> (table: HouseholdTable, index: IdIndex?) {
        if options.format == nil, InputRoute.of(path) == .ogr { return (try OGRInput.households(path: path, options: options), nil) }
        let bytes = try InputFile.read(path)
        switch options.format ?? detectFormat(path: path, bytes: bytes) {
        case .csv: return (try HouseholdCSVReader.read(CSVReader(path: path, bytes: bytes), options: options), nil)
        case .geojson: return try readGeoJSONIndexed(JSONSource(path: path, bytes: bytes), options: options)
        }
    }

    /// Reads households from bytes already in memory; `path` names them in messages.
    public static func read(bytes: [UInt8], path: String, options: HouseholdReadOptions = HouseholdReadOptions()) throws -> HouseholdTable {
        switch options.format ?? detectFormat(path: path, bytes: bytes) {
        case .csv: return try HouseholdCSVReader.read(CSVReader(path: path, bytes: bytes), options: options)
        case .geojson: return try readGeoJSON(JSONSource(path: path, bytes: bytes), options: options)
        }
    }

    /// `.geojson`/`.json` → GeoJSON, `.csv` → CSV, otherwise JSON when the first non-blank byte is `{`.
    public static func detectFormat(path: String, bytes: [UInt8]) -> HouseholdFormat {
        switch InputFile.pathExtension(path) {
        case "geojson", "json": return .geojson
        case "csv", "txt", "tsv": return .csv
        default: break
        }
        var p = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { p = 3 }
        while p < bytes.count, bytes[p] == 0x20 || bytes[p] == 0x0A || bytes[p] == 0x0D || bytes[p] == 0x09 { p += 1 }
        return p < bytes.count && (bytes[p] == UInt8(ascii: "{") || bytes[p] == UInt8(ascii: "[")) ? .geojson : .csv
    }

    static func readGeoJSON(_ source: JSONSource, options: HouseholdReadOptions,
                            workers: Int = Parallelism.workers) throws -> HouseholdTable {
        try readGeoJSONIndexed(source, options: options, workers: workers).table
    }

    static func readGeoJSONIndexed(_ source: JSONSource, options: HouseholdReadOptions,
                                   workers: Int = Parallelism.workers) throws -> (table: HouseholdTable, index: IdIndex) {
        var builder = HouseholdTableBuilder(path: source.path, options: options, byLine: false)
        builder.reserve(source.bytes.count / 160)
        var decoder = HouseholdFeatureDecoder(builder: builder)
        var pieces: [HouseholdColumns] = []
        // Large files: the features are parsed and decoded into columns on all cores (pieces in file
        // order), then joined as below; anything unexpected falls back to the plain stream.
        try source.streamFeatureCollection(wholeArray: { first in
            guard let whole = source.decodeFeatures(from: first, chunks: workers > 1 ? 2 * workers : 1,
                                                    decoder: decoder) else { return nil }
            pieces = whole.pieces
            return (whole.count, whole.end)
        }) { index, tape in
            let f = try decoder.decode(tape, index)
            try builder.append(id: f.id, idIsNumber: f.idIsNumber, lon: f.lon, lat: f.lat, members: f.members,
                               group: f.group, village: f.village, weight: f.weight, extra: f.extra, at: index)
        }
        if pieces.isEmpty { return (try builder.finish(), IdIndex(builder.idIndex)) }
        if let fast = try joinPieces(pieces, into: &builder, workers: max(workers, 1)) { return fast }
        // An id was refused: added one by one, the first refused id is reported as always.
        builder = HouseholdTableBuilder(path: source.path, options: options, byLine: false)
        builder.reserve(pieces.reduce(0) { $0 + $1.count })
        var index = 0
        for piece in pieces {
            for r in 0..<piece.count {
                try builder.append(id: piece.ids[r], idIsNumber: piece.idIsNumber[r], lon: piece.lon[r], lat: piece.lat[r],
                                   members: piece.members[r], group: piece.group.name(r), village: piece.village.name(r),
                                   weight: piece.weight[r], extra: piece.extra[r], at: index)
                index += 1
            }
        }
        return (try builder.finish(), IdIndex(builder.idIndex))
    }

    /// The pieces' columns joined into the table as `builder.append` would add their rows, with the
    /// id map built on other threads meanwhile (its ids hashed in `workers` ranges). Nil when any id
    /// is refused (empty, too long, a duplicate): the caller then adds the rows one by one to a fresh
    /// builder, which reports the first of those errors as always.
    private static func joinPieces(_ pieces: [HouseholdColumns], into builder: inout HouseholdTableBuilder,
                                   workers: Int) throws -> (table: HouseholdTable, index: IdIndex)? {
        guard pieces.allSatisfy(\.idsAcceptable) else { return nil }
        var ids: [String] = []
        ids.reserveCapacity(pieces.reduce(0) { $0 + $1.count })
        for piece in pieces { ids += piece.ids }
        let allIds = ids
        let index = BackgroundJob { IdIndex.build(allIds, parts: workers) }
        builder.append(pieces, ids: allIds)
        guard let built = index.value.index else { return nil }
        return (try builder.finish(), built)
    }
}

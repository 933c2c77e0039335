#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WanggeModel

extension HouseholdReader {
    /// Where household `i` of `table` came from, for messages of later stages: its feature index
    /// (GeoJSON) or line (CSV) from `sourceIndex`, in the table's file, with `field`. The format
    /// is taken from the file's extension, or sniffed from its first bytes.
    public static func location(ofHousehold i: Int, in table: HouseholdTable, field: String? = nil) -> SourceLocation {
        let index = i < table.sourceIndex.count ? Int(table.sourceIndex[i]) : i
        switch sourceFormat(of: table.sourceName) {
        case .csv: return SourceLocation(file: table.sourceName, line: index, field: field)
        case .geojson: return SourceLocation(file: table.sourceName, feature: index, field: field)
        }
    }

    /// The format of a households file by extension, else by its first bytes (GeoJSON when unreadable).
    public static func sourceFormat(of path: String) -> HouseholdFormat {
        switch InputFile.pathExtension(path) {
        case "geojson", "json": return .geojson
        case "csv", "txt", "tsv": return .csv
        case let ext where InputRoute.spreadsheetExtensions.contains(ext): return .csv
        case let ext where InputRoute.ogrExtensions.contains(ext): return .geojson
        default: break
        }
        var head = [UInt8](repeating: 0, count: 256)
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return .geojson }
        defer { close(fd) }
        let n = head.withUnsafeMutableBytes { posixRead(fd, $0.baseAddress, $0.count) }
        return detectFormat(path: path, bytes: Array(head.prefix(max(n, 0))))
    }
}

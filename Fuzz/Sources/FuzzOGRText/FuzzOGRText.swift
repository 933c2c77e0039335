import CGDALVSI
import Support

/// The OGR route (HouseholdReader, GeometryReader on KML/GML/GPX): the first byte picks the
/// format, the rest becomes an in-memory file GDAL opens by name (/vsimem/), so what is fuzzed
/// is Wangge's conversion of OGR's features into its own GeoJSON and CSV readers, not a disk.
/// GDAL failing to open the bytes at all is 66 ("cannot open input"), a file of several layers none
/// of which has the role's name is 64 ("choose one with --layer NAME"), everything else 65.
let formats = ["kml", "gml", "gpx"]

/// A mutated schemaLocation or xlink must not reach the network.
let offline: Void = {
    for (key, value) in [("GML_DOWNLOAD_WFS_SCHEMA", "NO"), ("GML_SKIP_RESOLVE_ELEMS", "ALL"), ("GDAL_HTTP_TIMEOUT", "1"),
                         ("CPL_CURL_ENABLED", "NO"), ("GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR")] {
        CPLSetConfigOption(key, value)
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOGRText(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    fuzz(start, count, alsoAllowed: [.noInput, .usage]) { bytes in
        _ = offline
        guard let selector = bytes.first else { return }
        let dir = "/vsimem/wangge-fuzz"
        let path = "\(dir)/input.\(formats[Int(selector) % formats.count])"
        let body = Array(bytes.dropFirst())
        // VSIFileFromMemBuffer copies nothing: the buffer must outlive the file (removed below).
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(body.count, 1))
        buffer.initialize(from: body, count: body.count)
        defer { buffer.deallocate() }
        guard let file = VSIFileFromMemBuffer(path, buffer, vsi_l_offset(body.count), 0) else { fatalError("no /vsimem/ file") }
        VSIFCloseL(file)
        defer { VSIRmdirRecursive(dir) }
        let households = Result { try HouseholdReader.read(path: path) }
        let boundary = Result { try GeometryReader.readBoundary(path: path) }
        _ = try GeometryReader.readBarriers(path: path)
        _ = try boundary.get()
        let table = try households.get()
        precondition(table.count > 0 && Set(table.ids).count == table.count)
        precondition(table.lon.allSatisfy { $0.isFinite && abs($0) <= 180 } && table.lat.allSatisfy { $0.isFinite && abs($0) <= 90 })
    }
}

/// SwiftPM links a debug executable's `main` to `FuzzOGRText_main`; it hands over to libFuzzer's driver.
@_cdecl("FuzzOGRText_main")
public func fuzzOGRTextMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzzOGRText)
}

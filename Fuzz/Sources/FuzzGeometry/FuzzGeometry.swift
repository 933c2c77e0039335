import Support

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGeometry(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    fuzz(start, count) { bytes in
        let barriers = Result { try GeometryReader.readBarriers(bytes: bytes, path: "barriers.geojson") }
        _ = try GeometryReader.readBoundary(bytes: bytes, path: "boundary.geojson")
        _ = try barriers.get()
    }
}

/// SwiftPM links a debug executable's `main` to `FuzzGeometry_main`; it hands over to libFuzzer's driver.
@_cdecl("FuzzGeometry_main")
public func fuzzGeometryMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzzGeometry)
}

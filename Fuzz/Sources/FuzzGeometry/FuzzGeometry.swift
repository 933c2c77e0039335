import Support

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGeometry(_ start: UnsafeRawPointer?, _ count: Int) -> Int32 {
    fuzz(start, count) { bytes in
        let barriers = Result { try GeometryReader.readBarriers(bytes: bytes, path: "barriers.geojson") }
        _ = try GeometryReader.readBoundary(bytes: bytes, path: "boundary.geojson")
        _ = try barriers.get()
    }
}

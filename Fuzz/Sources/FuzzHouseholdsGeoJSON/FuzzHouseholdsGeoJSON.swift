import Support

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHouseholdsGeoJSON(_ start: UnsafeRawPointer?, _ count: Int) -> Int32 {
    fuzz(start, count) { bytes in
        let table = try HouseholdReader.read(bytes: bytes, path: "households.geojson")
        precondition(table.count > 0 && table.ids.count == table.lon.count && table.lon.count == table.lat.count)
        precondition(table.lon.allSatisfy { $0.isFinite && abs($0) <= 180 } && table.lat.allSatisfy { $0.isFinite && abs($0) <= 90 })
    }
}

import Support

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHouseholdsGeoJSON(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    fuzz(start, count) { bytes in
        let table = try HouseholdReader.read(bytes: bytes, path: "households.geojson")
        precondition(table.count > 0 && table.ids.count == table.lon.count && table.lon.count == table.lat.count)
        precondition(table.lon.allSatisfy { $0.isFinite && abs($0) <= 180 } && table.lat.allSatisfy { $0.isFinite && abs($0) <= 90 })
    }
}

/// SwiftPM links a debug executable's `main` to `FuzzHouseholdsGeoJSON_main`; it hands over to libFuzzer's driver.
@_cdecl("FuzzHouseholdsGeoJSON_main")
public func fuzzHouseholdsGeoJSONMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzzHouseholdsGeoJSON)
}

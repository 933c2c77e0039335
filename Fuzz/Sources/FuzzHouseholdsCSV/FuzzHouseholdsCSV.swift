import Support

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHouseholdsCSV(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    fuzz(start, count) { bytes in
        let table = try HouseholdReader.read(bytes: bytes, path: "households.csv")
        precondition(table.count > 0 && Set(table.ids).count == table.count)
        precondition(table.lon.allSatisfy { $0.isFinite && abs($0) <= 180 } && table.lat.allSatisfy { $0.isFinite && abs($0) <= 90 })
    }
}

/// SwiftPM links a debug executable's `main` to `FuzzHouseholdsCSV_main`; it hands over to libFuzzer's driver.
@_cdecl("FuzzHouseholdsCSV_main")
public func fuzzHouseholdsCSVMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzzHouseholdsCSV)
}

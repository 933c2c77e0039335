import Support

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHouseholdsCSV(_ start: UnsafeRawPointer?, _ count: Int) -> Int32 {
    fuzz(start, count) { bytes in
        let table = try HouseholdReader.read(bytes: bytes, path: "households.csv")
        precondition(table.count > 0 && Set(table.ids).count == table.count)
        precondition(table.lon.allSatisfy { $0.isFinite && abs($0) <= 180 } && table.lat.allSatisfy { $0.isFinite && abs($0) <= 90 })
    }
}

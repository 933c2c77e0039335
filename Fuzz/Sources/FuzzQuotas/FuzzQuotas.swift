import Support

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQuotas(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    fuzz(start, count) { bytes in
        let quotas = try QuotaReader.read(bytes: bytes, path: "quotas.csv")
        for q in quotas.values {
            precondition(q.minHouseholds >= 0 && q.minGroups >= 0)
            precondition(q.maxHouseholds.map { $0 >= q.minHouseholds } ?? true && q.maxGroups.map { $0 >= q.minGroups } ?? true)
        }
    }
}

/// SwiftPM links a debug executable's `main` to `FuzzQuotas_main`; it hands over to libFuzzer's driver.
@_cdecl("FuzzQuotas_main")
public func fuzzQuotasMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzzQuotas)
}

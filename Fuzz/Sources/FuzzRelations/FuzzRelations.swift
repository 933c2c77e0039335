import Support

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRelations(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    fuzz(start, count) { bytes in
        let r = try RelationReader.read(bytes: bytes, path: "relations.csv", households: fuzzHouseholds)
        precondition(r.a.count == r.b.count && r.b.count == r.weight.count)
        precondition(zip(r.a, r.b).allSatisfy { $0 != $1 && Int($0) < fuzzHouseholds.count && Int($1) < fuzzHouseholds.count })
        precondition(r.weight.allSatisfy { $0.isFinite && $0 > 0 })
    }
}

/// SwiftPM links a debug executable's `main` to `FuzzRelations_main`; it hands over to libFuzzer's driver.
@_cdecl("FuzzRelations_main")
public func fuzzRelationsMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzzRelations)
}

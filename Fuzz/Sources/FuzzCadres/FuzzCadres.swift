import Support

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCadres(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    fuzz(start, count) { bytes in
        let cadres = try CadreReader.read(bytes: bytes, path: "cadres.csv")
        precondition(Set(cadres.map(\.id)).count == cadres.count)
    }
}

/// SwiftPM links a debug executable's `main` to `FuzzCadres_main`; it hands over to libFuzzer's driver.
@_cdecl("FuzzCadres_main")
public func fuzzCadresMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzzCadres)
}

import Support

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    fuzz(start, count) { bytes in
        // The whole-document parser and the streaming one must agree on what is valid JSON for a
        // FeatureCollection; both must answer with 65 or a value, never crash.
        let whole = Result { try JSONCheck.parse(bytes: bytes, path: "f.json") }
        _ = try? JSONCheck.streamFeatures(bytes: bytes, path: "f.json")
        _ = try whole.get()
    }
}

/// SwiftPM links a debug executable's `main` to `FuzzJSON_main`; it hands over to libFuzzer's driver.
@_cdecl("FuzzJSON_main")
public func fuzzJSONMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzzJSON)
}

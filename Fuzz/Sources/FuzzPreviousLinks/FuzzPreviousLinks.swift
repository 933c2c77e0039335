import Support

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPreviousLinks(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    fuzz(start, count) { bytes in
        let links = try LinkPairsReader.read(bytes: bytes, path: "links.csv")
        precondition(links.allSatisfy { !$0.key.isEmpty && !$0.value.isEmpty })
    }
}

/// SwiftPM links a debug executable's `main` to `FuzzPreviousLinks_main`; it hands over to libFuzzer's driver.
@_cdecl("FuzzPreviousLinks_main")
public func fuzzPreviousLinksMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzzPreviousLinks)
}

import Support

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLabels(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    fuzz(start, count) { bytes in
        let labels = try LabelReader.read(bytes: bytes, path: "labels.csv")
        precondition(Set(labels.map(\.district)).count == labels.count)
    }
}

/// SwiftPM links a debug executable's `main` to `FuzzLabels_main`; it hands over to libFuzzer's driver.
@_cdecl("FuzzLabels_main")
public func fuzzLabelsMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzzLabels)
}

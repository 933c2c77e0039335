import Support

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLabels(_ start: UnsafeRawPointer?, _ count: Int) -> Int32 {
    fuzz(start, count) { bytes in
        let labels = try LabelReader.read(bytes: bytes, path: "labels.csv")
        precondition(Set(labels.map(\.district)).count == labels.count)
    }
}

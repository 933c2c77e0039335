import Support

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCadres(_ start: UnsafeRawPointer?, _ count: Int) -> Int32 {
    fuzz(start, count) { bytes in
        let cadres = try CadreReader.read(bytes: bytes, path: "cadres.csv")
        precondition(Set(cadres.map(\.id)).count == cadres.count)
    }
}

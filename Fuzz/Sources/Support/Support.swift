@_exported import WanggeIO
@_exported import WanggeModel

/// Runs one fuzz input through `body`. A `WanggeError` with exit 65 (bad data) is the expected
/// answer to hostile bytes; any other error, a crash, a leak or a hang is a finding.
/// `alsoAllowed` widens the accepted statuses (the OGR target: 66 when GDAL cannot open the bytes at all).
public func fuzz(_ start: UnsafePointer<UInt8>?, _ count: Int, alsoAllowed: Set<ExitStatus> = [],
                 _ body: ([UInt8]) throws -> Void) -> Int32 {
    let bytes = count == 0 || start == nil ? [] : Array(UnsafeBufferPointer(start: start, count: count))
    do {
        try body(bytes)
    } catch let error as WanggeError {
        guard error.status == .dataError || alsoAllowed.contains(error.status) else { fatalError("unexpected exit status \(error.status) for bad data: \(error)") }
        // Every message must name the input.
        guard error.location.file != nil else { fatalError("an error without a file: \(error)") }
    } catch {
        fatalError("an error that is not a WanggeError: \(error)")
    }
    return 0
}

/// A small household table for the readers that resolve ids (relations).
public let fuzzHouseholds: HouseholdTable = {
    var text = "id,lon,lat\n"
    for i in 0..<8 { text += "h\(i),116.\(40 + i),39.9\n" }
    text += "1,116.5,39.9\ncaf\u{E9},116.6,39.9\n"
    return try! HouseholdReader.read(bytes: Array(text.utf8), path: "households.csv")
}()

/// One input to the code under test, as libFuzzer calls it.
public typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: FuzzCallback) -> Int32

/// Runs libFuzzer's driver (command line flags as for any libFuzzer binary) on `callback`.
public func runFuzzer(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                      _ callback: FuzzCallback) -> Int32 {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, callback)
}

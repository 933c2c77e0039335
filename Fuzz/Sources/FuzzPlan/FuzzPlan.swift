import Support

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlan(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    fuzz(start, count) { bytes in
        let plan = try PlanReader.read(bytes: bytes, path: "plan.geojson")
        // What was read writes back, and the written plan reads again.
        let written = PlanWriter.encode(plan)
        let again = try PlanReader.read(bytes: written, path: "rewritten.geojson")
        precondition(again.households.ids == plan.households.ids, "a plan that does not survive writing and reading")
    }
}

/// SwiftPM links a debug executable's `main` to `FuzzPlan_main`; it hands over to libFuzzer's driver.
@_cdecl("FuzzPlan_main")
public func fuzzPlanMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzzPlan)
}

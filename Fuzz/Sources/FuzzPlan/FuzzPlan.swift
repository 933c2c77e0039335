import Support

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlan(_ start: UnsafeRawPointer?, _ count: Int) -> Int32 {
    fuzz(start, count) { bytes in
        let plan = try PlanReader.read(bytes: bytes, path: "plan.geojson")
        // What was read writes back, and the written plan reads again.
        let written = PlanWriter.encode(plan)
        let again = try PlanReader.read(bytes: written, path: "rewritten.geojson")
        precondition(again.households.ids == plan.households.ids, "a plan that does not survive writing and reading")
    }
}

/// How to partition (DESIGN section 4): the options of `wangge partition` beyond the inputs.
public struct PartitionOptions: Sendable, Equatable {
    /// Number of districts (`-k`, `--districts`).
    public var k: Int = 21
    /// Allowed relative deviation of each district's load from total/k.
    public var tolerance: Double = 0.05
    /// Allow work groups to be split (`--split-groups`); by default they are kept whole when the
    /// group field exists.
    public var splitGroups: Bool = false
    public var seed: UInt64 = 1
    /// Relation cut against dispersion (`--relation-weight`): 0 ignores relations; larger values keep
    /// more relatives together at some cost in compactness.
    public var relationWeight: Double = 1
    /// Build service-area polygons (off only for benchmarks of the partition alone).
    public var serviceAreas: Bool = true
    /// Keep each district inside one village (`--nest`); used by the library calls (the CLI passes
    /// its `nest` flag to the pipeline directly).
    public var nest: Bool = false

    public init() {}
}

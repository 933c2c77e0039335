/// Where the inputs are and how to read them: the options `validate`, `partition` and `redraw`
/// share (DESIGN section 3).
public struct InputOptions: Sendable, Equatable {
    public var householdsPath: String
    public var relationsPath: String?
    public var boundaryPath: String?
    public var barriersPath: String?
    /// `--layer`: the households layer of a source with several (GeoPackage…).
    public var layer: String?
    public var labelsPath: String?
    /// Work-group property or column (`--group-field`).
    public var groupField: String = "group"
    /// Nesting unit property (`--nest-field`); nil: no nesting (the `village` property is still read).
    public var nestField: String?
    public var lonField: String = "lon"
    public var latField: String = "lat"
    /// `households`, `members` or a numeric property.
    public var balance: String = "households"
    /// `--input-crs`: nil or "wgs84" for WGS84, "gcj02", "bd09", or any CRS PROJ knows.
    public var inputCRS: String?
    /// `--crs`: the metric CRS for distances; nil: the UTM zone of the data's centroid.
    public var metricCRS: String?
    /// `--clip-outside`: drop (and report) households outside the boundary instead of failing.
    public var clipOutside: Bool = false
    /// `redraw`: relation pairs naming ids that are not among the households are set aside
    /// (`Inputs.unknownRelations`) for the caller to judge, instead of refused.
    public var keepUnknownRelationIds: Bool = false

    public init(householdsPath: String) { self.householdsPath = householdsPath }

    /// The property that holds the nesting unit when reading (village by default).
    var villageField: String { nestField ?? "village" }
}

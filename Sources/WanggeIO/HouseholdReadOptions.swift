/// How to read a households file (`wangge validate/partition/redraw` options).
public struct HouseholdReadOptions: Sendable, Equatable {
    /// The input's format; nil picks it from the extension (`.geojson`/`.json` vs `.csv`) or sniffs the content.
    public var format: HouseholdFormat?
    /// Property (GeoJSON) or column (CSV) holding the work group (`--group-field`).
    public var groupField: String
    /// Property or column holding the village or other nesting unit (`--nest-field`).
    public var villageField: String
    /// CSV coordinate columns (`--lon-field`, `--lat-field`).
    public var lonField: String
    public var latField: String
    /// The balance rule (`--balance`): "households" (weight nil), "members" (weight = members), or a
    /// numeric property whose values (finite, ≥ 0) become the weights.
    public var balance: String
    /// Check that coordinates are WGS84 degrees (lon −180…180, lat −90…90). The pipeline turns it off
    /// when `--input-crs` is a projected CRS; coordinates must be finite either way.
    public var checkCoordinateRange: Bool
    /// The layer to read from a source with several (GeoPackage…; `--layer`); nil: the only
    /// layer, or the one named `households`.
    public var layer: String?
    /// Convert from the source's own CRS (a Shapefile's .prj, a GeoPackage's srs) to WGS84. Off
    /// when `--input-crs` says what the coordinates are.
    public var honourSourceCRS: Bool = true

    public init(format: HouseholdFormat? = nil, groupField: String = "group", villageField: String = "village",
                lonField: String = "lon", latField: String = "lat", balance: String = "households",
                checkCoordinateRange: Bool = true) {
        self.format = format; self.groupField = groupField; self.villageField = villageField
        self.lonField = lonField; self.latField = latField; self.balance = balance
        self.checkCoordinateRange = checkCoordinateRange
    }
}

public enum HouseholdFormat: String, Sendable, Equatable {
    case geojson, csv
}

import ArgumentParser
import Wangge
import WanggeModel
import WanggeIO
import WanggeProjection
import WanggeGraph
import WanggePartition
import WanggeGeometry
import WanggeMetrics
import WanggeRender
import WanggeSample
import WanggeLink
import WanggeEnsemble

/// Input options shared by `validate`, `partition` and `redraw` (DESIGN section 3).
struct InputArguments: ParsableArguments {
    @Argument(help: "Households: .geojson/.json (Points) or .csv (id, lon, lat …); or .shp, .gpkg, .fgb, .kml, .xlsx (lon, lat columns) and other GDAL vector formats.")
    var households: String

    @Option(help: "The households layer when the file holds several (GeoPackage); default: the only layer, or the one named households.")
    var layer: String?

    @Option(help: "Relations CSV: a,b[,weight] household id pairs (header optional).")
    var relations: String?

    @Option(help: ArgumentHelp("Boundary GeoJSON (Polygon/MultiPolygon) the service areas tile.",
                               discussion: "Without it, the default region: with r = twice the median nearest-neighbour distance, the Delaunay triangles whose edges are all at most 3r, grown by r, plus a disc of radius r around every other household; holes filled; separate parts are closed into their convex hull."))
    var boundary: String?

    @Option(help: "Barriers (GeoJSON or any GDAL vector format: rivers, railways: LineStrings/Polygons) that neighbours do not cross.")
    var barriers: String?

    @Option(help: "Property or CSV column holding the work group (kept whole unless --split-groups).")
    var groupField = "group"

    @Option(help: "Property whose units districts never cross (e.g. village).")
    var nestField: String?

    @Option(help: "CSV column holding the longitude (or easting with --input-crs).")
    var lonField = "lon"

    @Option(help: "CSV column holding the latitude (or northing with --input-crs).")
    var latField = "lat"

    @Option(help: "Balance rule: households, members, or a numeric property.")
    var balance = "households"

    @Option(help: "CRS of the input coordinates: wgs84 (default), gcj02, bd09, or any CRS PROJ knows (EPSG:NNNN).")
    var inputCrs: String?

    @Option(help: "Metric CRS for distances (EPSG:NNNN); default: the UTM zone of the data's centroid.")
    var crs: String?

    @Flag(help: "Drop (and report) households outside --boundary instead of failing.")
    var clipOutside = false

    @Flag(name: .shortAndLong, help: "No progress messages on stderr.")
    var quiet = false

    var inputOptions: InputOptions {
        var o = InputOptions(householdsPath: households)
        o.relationsPath = relations; o.layer = layer; o.boundaryPath = boundary; o.barriersPath = barriers
        o.groupField = groupField; o.nestField = nestField; o.lonField = lonField; o.latField = latField
        o.balance = balance; o.inputCRS = inputCrs; o.metricCRS = crs; o.clipOutside = clipOutside
        return o
    }
}

/// Partition options shared by `partition` and `redraw` (DESIGN section 4).
struct PartitionArguments: ParsableArguments {
    @Option(name: [.customShort("k"), .customLong("districts")],
            help: "Number of districts (default 21; for redraw, the previous plan's).")
    var districts: Int?

    @Option(help: "Allowed deviation of each district's load from total/k (0.05 = ±5%).")
    var tolerance = 0.05

    @Flag(help: "Allow work groups to be split between districts.")
    var splitGroups = false

    @Option(help: "Weight of kinship ties against compactness: 0 ignores relations, larger keeps more relatives together.")
    var relationWeight = 1.0

    @Option(help: "Seed: the same input, options and seed give byte-identical output.")
    var seed: UInt64 = 1

    @Option(help: "District labels CSV: district,name,leader,phone[,...].")
    var labels: String?

    var partitionOptions: PartitionOptions {
        var o = PartitionOptions()
        o.k = districts ?? 21; o.tolerance = tolerance; o.splitGroups = splitGroups
        o.relationWeight = relationWeight; o.seed = seed
        return o
    }
}

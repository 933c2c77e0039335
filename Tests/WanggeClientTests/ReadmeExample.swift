// BEGIN README EXAMPLE
import Wangge

/// Draws 21 districts over households held as values (rows from a database, say), then writes
/// them as a GeoPackage for QGIS.
func drawDistricts(_ households: [Household], relations: [Relation], boundary: MultiPolygon?,
                   geoPackage path: String) async throws -> PlanOutcome {
    var options = PartitionOptions()
    options.k = 21              // districts
    options.tolerance = 0.05    // each load within ±5% of the mean
    let input = PlanInput(households: households, relations: relations, boundary: boundary)
    let outcome = try await partition(input, options: options) { stage in
        print("wangge:", stage.rawValue)    // read, project, graph, partition, …
    }
    for district in outcome.plan.districts {
        // Its id, its service area (WGS84 polygons, plain values) and its size.
        print(district.id, district.area.polygons.count, district.areaKm2)
    }
    try await writePlan(outcome.plan, to: path)
    return outcome
}
// END README EXAMPLE

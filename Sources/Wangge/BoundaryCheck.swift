import WanggeModel
import WanggeGeometry
import WanggeIO

/// Checks of the households against the boundary (DESIGN sections 3 and 10), done with GEOS.
enum BoundaryCheck {
    /// The boundary, repaired with MakeValid when GEOS finds it invalid (with a warning naming the
    /// reason); an empty or non-areal repair is refused.
    static func validated(_ boundary: MultiPolygon, file: String) throws -> (MultiPolygon, String?) {
        let context = GeometryContext()
        let g = try context.multiPolygon(boundary)
        if try g.isValid() { return (boundary, nil) }
        let reason = try g.validityReason()
        let repaired = try g.makeValid()
        let areal = try repaired.toMultiPolygon()
        guard !areal.isEmpty, try context.multiPolygon(areal).area() > 0 else {
            throw WanggeError.data("the boundary is not a valid polygon (\(reason)) and cannot be repaired",
                                   at: SourceLocation(file: file))
        }
        return (areal, "\(file): the boundary was not valid (\(reason)); repaired with GEOS MakeValid")
    }

    /// Indexes of households not covered by the boundary.
    static func householdsOutside(_ households: HouseholdTable, boundary: MultiPolygon,
                                  workers: Int = Parallelism.workers) throws -> [Int] {
        // Large tables in one slice per core, each with its own GEOS context and prepared boundary.
        let slices = chunkRanges(households.count, parts: households.count >= 100_000 ? max(workers, 1) : 1)
        let lon = households.lon, lat = households.lat
        let found = parallelMap(slices.count) { c in
            Result { () throws -> [Int] in
                let context = GeometryContext()
                let prepared = try PreparedGeometry(context.multiPolygon(boundary))
                var outside: [Int] = []
                for i in slices[c] where !(try prepared.covers(x: lon[i], y: lat[i])) { outside.append(i) }
                return outside
            }
        }
        return try found.flatMap { try $0.get() }
    }

    /// A household strictly inside a polygon barrier (a lake, a rail yard: a hole no district owns)
    /// is a data error naming the household and the barrier feature.
    static func householdsInsidePolygonBarriers(_ households: HouseholdTable, _ barriers: Barriers, file: String) throws {
        guard !barriers.polygons.isEmpty else { return }
        let context = GeometryContext()
        for (p, polygon) in barriers.polygons.enumerated() {
            let prepared = try PreparedGeometry(context.polygon(polygon))
            var inside: [Int] = []
            for i in 0..<households.count where try prepared.contains(x: households.lon[i], y: households.lat[i]) {
                inside.append(i)
            }
            guard !inside.isEmpty else { continue }
            let shown = inside.prefix(10).map { i in
                "\(households.ids[i]) (\(HouseholdReader.location(ofHousehold: i, in: households).description))"
            }.joined(separator: ", ")
            let more = inside.count > 10 ? " and \(inside.count - 10) more" : ""
            let feature = p < barriers.polygonFeatures.count ? barriers.polygonFeatures[p] : p
            throw WanggeError.data("\(inside.count) household(s) stand inside this polygon barrier (a hole no district "
                                   + "owns): \(shown)\(more)",
                                   at: SourceLocation(file: file, feature: feature, field: "geometry"))
        }
    }

    static func describeOutside(_ outside: [Int], households: HouseholdTable, file: String, dropped: Bool) -> String {
        let shown = outside.prefix(10).map { i in
            "\(households.ids[i]) (\(HouseholdReader.location(ofHousehold: i, in: households).description))"
        }.joined(separator: ", ")
        let more = outside.count > 10 ? " and \(outside.count - 10) more" : ""
        let what = dropped ? "outside the boundary \(file), dropped (--clip-outside)" : "outside the boundary \(file)"
        return "\(outside.count) household(s) \(what): \(shown)\(more)"
    }

    /// The error for households outside the boundary; when every household is outside but would be
    /// inside with longitude and latitude swapped, it says so.
    static func outsideError(_ outside: [Int], households: HouseholdTable, boundary: MultiPolygon,
                             file: String) throws -> WanggeError {
        var message = describeOutside(outside, households: households, file: file, dropped: false)
        if outside.count == households.count {
            let context = GeometryContext()
            let prepared = try PreparedGeometry(context.multiPolygon(boundary))
            var swappedInside = 0
            for i in 0..<households.count where try prepared.covers(x: households.lat[i], y: households.lon[i]) {
                swappedInside += 1
            }
            if swappedInside == households.count {
                message = "every household is outside the boundary, but all would be inside with longitude and "
                    + "latitude swapped: the coordinates are probably in lat,lon order (GeoJSON and Wangge's CSV "
                    + "expect lon,lat)"
            }
        }
        message += "; use --clip-outside to drop them and continue"
        return WanggeError.data(message, at: SourceLocation(file: households.sourceName))
    }
}

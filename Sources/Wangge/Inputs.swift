import WanggeModel
import WanggeIO
import WanggeProjection
import WanggeGeometry

/// Everything read and checked, in WGS84 and in the metric CRS: the "read → validate → project"
/// part of the pipeline.
public struct Inputs: Sendable {
    public var households: HouseholdTable
    public var relations: RelationTable
    /// Boundary in WGS84 (repaired with MakeValid when it was invalid), or nil.
    public var boundary: MultiPolygon?
    public var barriers: Barriers
    public var labels: [DistrictLabel]
    /// The balance rule: "households", "members" or a numeric property.
    public var balance: String
    /// The metric CRS and the households, boundary and barriers in it.
    public var crs: MetricCRS
    public var x: [Double]
    public var y: [Double]
    public var boundaryMetric: MultiPolygon?
    public var barriersMetric: Barriers
    /// Warnings for the user (boundary repaired, households dropped by --clip-outside …).
    public var warnings: [String]
    /// With `keepUnknownRelationIds`: relation pairs left out because they name unknown ids.
    public var unknownRelations: UnknownRelationIds? = nil

    /// Reads, converts, validates and projects the inputs named in `options`.
    public static func load(_ options: InputOptions) throws -> Inputs {
        try load(options, control: .none)
    }

    /// `load` with progress (`.read`, then `.project`) and cancellation between the steps.
    public static func load(_ options: InputOptions, control: RunControl) throws -> Inputs {
        try control.enter(.read)
        let inputCRS = try options.inputCRS.map { try InputCRS(parsing: $0) } ?? .wgs84
        let geographic: Bool
        switch inputCRS {
        case .proj: geographic = false
        default: geographic = true
        }
        var readOptions = HouseholdReadOptions(groupField: options.groupField, villageField: options.villageField,
                                               lonField: options.lonField, latField: options.latField,
                                               balance: options.balance, checkCoordinateRange: geographic)
        readOptions.format = nil
        readOptions.layer = options.layer
        // A source's own CRS (.prj, GeoPackage srs) is honoured unless --input-crs overrides it.
        let honourSourceCRS = options.inputCRS == nil
        readOptions.honourSourceCRS = honourSourceCRS
        // The relations file needs no households to be tokenised: it is read on another thread while
        // the households are; its errors are kept and thrown below, where reading it would throw them.
        let relationRecords = options.relationsPath.map { path in BackgroundJob { RelationRecords(path: path) } }
        let (read, readIndex) = try HouseholdReader.readIndexed(path: options.householdsPath, options: readOptions)
        var households = read

        try convertToWGS84(&households, from: inputCRS)
        let boundary = try options.boundaryPath.map { path -> MultiPolygon in
            let raw = try GeometryReader.readBoundary(path: path, checkRange: geographic,
                                                       honourSourceCRS: honourSourceCRS)
            return try convertToWGS84(raw, from: inputCRS, file: path)
        }
        let barriers = try options.barriersPath.map { path -> Barriers in
            let raw = try GeometryReader.readBarriers(path: path, checkRange: geographic,
                                                       honourSourceCRS: honourSourceCRS)
            return try convertToWGS84(raw, from: inputCRS, file: path)
        } ?? Barriers()
        return try checked(households: households, householdsFile: options.householdsPath,
                           boundary: boundary, boundaryFile: options.boundaryPath ?? "boundary",
                           barriers: barriers, barriersFile: options.barriersPath,
                           clipOutside: options.clipOutside, balance: options.balance, metricCRS: options.metricCRS,
                           control: control,
                           relations: { households in
                               var relations = RelationTable()
                               var unknownRelations: UnknownRelationIds? = nil
                               if let records = relationRecords?.value {
                                   // The reader's id index is the table's while no household was dropped.
                                   let index = households.count == read.count ? readIndex : nil
                                   let resolved = try RelationReader.resolve(records, households: households, index: index,
                                                                             keepUnknown: options.keepUnknownRelationIds)
                                   relations = resolved.table
                                   if options.keepUnknownRelationIds { unknownRelations = resolved.unknown }
                               }
                               return (relations, unknownRelations)
                           },
                           labels: { try options.labelsPath.map { try LabelReader.read(path: $0) } ?? [] })
    }

    /// What follows reading, shared by files and values: the boundary checked (repaired) and the
    /// households inside it, polygon barriers empty of households, relations and labels, the metric
    /// CRS chosen and everything projected, crossings on their barriers. `barriersFile` nil: no
    /// barriers were given (their checks are skipped, as with no `--barriers`).
    static func checked(households input: HouseholdTable, householdsFile: String,
                        boundary input2: MultiPolygon?, boundaryFile: String,
                        barriers: Barriers, barriersFile: String?, clipOutside: Bool, balance: String,
                        metricCRS: String?, control: RunControl,
                        relations readRelations: (HouseholdTable) throws -> (RelationTable, UnknownRelationIds?),
                        labels readLabels: () throws -> [DistrictLabel]) throws -> Inputs {
        var households = input
        var boundary = input2
        var warnings: [String] = []
        if let b = boundary {
            let path = boundaryFile
            let (repaired, note) = try BoundaryCheck.validated(b, file: path)
            boundary = repaired
            if let note { warnings.append(note) }
            let outside = try BoundaryCheck.householdsOutside(households, boundary: repaired)
            if !outside.isEmpty {
                if clipOutside {
                    warnings.append(BoundaryCheck.describeOutside(outside, households: households, file: path,
                                                                  dropped: true))
                    households = households.removing(outside)
                } else {
                    throw try BoundaryCheck.outsideError(outside, households: households,
                                                         boundary: repaired, file: path)
                }
            }
        }
        guard !households.isEmpty else {
            throw WanggeError.data("no households left to partition", at: SourceLocation(file: householdsFile))
        }
        if let path = barriersFile { try BoundaryCheck.householdsInsidePolygonBarriers(households, barriers, file: path) }
        let (relations, unknownRelations) = try readRelations(households)
        let labels = try readLabels()

        try control.enter(.project)
        let projector = try Projector(longitudes: households.lon, latitudes: households.lat, crs: metricCRS)
        let (x, y) = try Projector.project(longitudes: households.lon, latitudes: households.lat, crs: projector.crs)
        let boundaryMetric = try boundary.map { try projector.project(WalkingBarriers.densified($0)) }
        let barriersMetric = try projector.project(barriers)
        if let path = barriersFile { try WalkingBarriers.checkCrossings(barriersMetric, file: path) }
        return Inputs(households: households, relations: relations, boundary: boundary, barriers: barriers,
                      labels: labels, balance: balance, crs: projector.crs, x: x, y: y, boundaryMetric: boundaryMetric,
                      barriersMetric: barriersMetric, warnings: warnings, unknownRelations: unknownRelations)
    }

    private static func convertToWGS84(_ t: inout HouseholdTable, from crs: InputCRS) throws {
        if crs == .wgs84 { return }
        do { try crs.toWGS84(x: &t.lon, y: &t.lat) } catch let e as WanggeError {
            // PROJ names the point by its index in the table: say where it is in the file.
            guard let i = e.location.feature, i < t.count else { throw e }
            throw WanggeError(e.status, e.message, at: HouseholdReader.location(ofHousehold: i, in: t, field: "geometry"))
        }
        for i in 0..<t.count where !(t.lon[i] >= -180 && t.lon[i] <= 180 && t.lat[i] >= -90 && t.lat[i] <= 90) {
            throw WanggeError.data("coordinate converted from \(crs) is outside WGS84 range (\(t.lon[i]), \(t.lat[i]))",
                                   at: HouseholdReader.location(ofHousehold: i, in: t, field: "geometry"))
        }
    }

    private static func convertToWGS84(_ m: MultiPolygon, from crs: InputCRS, file: String) throws -> MultiPolygon {
        if crs == .wgs84 { return m }
        return try crs.toWGS84(m)
    }

    private static func convertToWGS84(_ b: Barriers, from crs: InputCRS, file: String) throws -> Barriers {
        if crs == .wgs84 { return b }
        return try crs.toWGS84(b)
    }
}

extension HouseholdTable {
    /// The table without the households at `drop` (sorted indexes), other columns kept aligned.
    func removing(_ drop: [Int]) -> HouseholdTable {
        var keep = [Bool](repeating: true, count: count)
        for i in drop { keep[i] = false }
        var t = self
        func filter<T>(_ a: [T]) -> [T] { a.indices.filter { keep[$0] }.map { a[$0] } }
        t.ids = filter(ids); t.idIsNumber = filter(idIsNumber); t.lon = filter(lon); t.lat = filter(lat)
        t.members = filter(members); t.group = filter(group); t.village = filter(village)
        t.extra = filter(extra); t.sourceIndex = filter(sourceIndex); t.weight = weight.map(filter)
        return t
    }
}

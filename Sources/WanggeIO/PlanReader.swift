import WanggeModel

/// How to read a plan file back.
public struct PlanReadOptions: Sendable, Equatable {
    public var groupField: String
    public var villageField: String
    /// The balance rule for household weights; nil takes the plan's own (`wangge.balance`), or
    /// "households" when the plan has no `wangge` member.
    public var balance: String?
    public var checkCoordinateRange: Bool
    public init(groupField: String = "group", villageField: String = "village", balance: String? = nil,
                checkCoordinateRange: Bool = true) {
        self.groupField = groupField; self.villageField = villageField; self.balance = balance
        self.checkCoordinateRange = checkCoordinateRange
    }
}

/// Reads plan files written by `PlanWriter`, also after hand edits (QGIS drops the `wangge` member
/// but keeps properties): district features become `District`s (unknown properties kept in
/// `District.extra`), household features keep their order and properties. A plain GeoJSON of
/// household Points with a `district` property is a plan without polygons. A file with neither a
/// `wangge` member, nor `kind` properties, nor `district` on its points is not a Wangge plan (65).
public enum PlanReader {
    /// Reads a GeoJSON plan with the own reader, a GeoPackage plan (layers `households`,
    /// `districts`, table `wangge_plan`) through OGR.
    public static func read(path: String, options: PlanReadOptions = PlanReadOptions()) throws -> Plan {
        if InputRoute.of(path) == .ogr { return try read(OGRInput.plan(path: path), options: options) }
        return try read(JSONSource(path: path), options: options)
    }

    public static func read(bytes: [UInt8], path: String, options: PlanReadOptions = PlanReadOptions()) throws -> Plan {
        try read(JSONSource(path: path, bytes: bytes), options: options)
    }

    private static let kindKeyBytes = Array("kind".utf8)

    private struct PendingDistrict {
        var district: District
        var servicePoint: Point2?
        var feature: Int
    }

    static func read(_ source: JSONSource, options: PlanReadOptions) throws -> Plan {
        let path = source.path
        var metadata: PlanMetadata?
        var balance = options.balance ?? "households"
        var builder: HouseholdTableBuilder?
        var decoder: HouseholdFeatureDecoder?
        var districts: [PendingDistrict] = []
        var districtIndex: [String: Int] = [:]
        var assignmentIds: [Int32] = []     // interned district id per household
        var internedIds: [String] = []
        var internIndex: [String: Int32] = [:]
        var lastDistrict: (id: String, index: Int32)?
        var sawKind = false
        var firstWithoutDistrict: Int?
        var sawDistrictProperty = false

        func makeBuilder() {
            var ho = HouseholdReadOptions(format: .geojson, groupField: options.groupField, villageField: options.villageField,
                                          balance: balance, checkCoordinateRange: options.checkCoordinateRange)
            ho.balance = balance
            var b = HouseholdTableBuilder(path: path, options: ho, byLine: false)
            b.reserve(source.bytes.count / 200)
            decoder = HouseholdFeatureDecoder(builder: b, planProperties: true)
            builder = b
        }

        do {
            try source.streamFeatureCollection(onMember: { name, tape in
                guard name == "wangge" else { return }
                metadata = try readMetadata(tape, path)
                if options.balance == nil, builder == nil { balance = metadata!.balance }
            }, onFeature: { index, tape in
                let loc = SourceLocation(file: path, feature: index)
                let (geometry, properties, _) = try HouseholdFeatureDecoder.parts(tape, index) { m, field in
                    WanggeError.data(m, at: SourceLocation(file: path, feature: index, field: field))
                }
                var kind: String?
                if let p = properties, tape.kind(p) == .object, let k = tape.member(p, Self.kindKeyBytes) {
                    sawKind = true
                    kind = tape.kind(k) == .string ? tape.string(k) : tape.serialized(k)
                }
                let isPoint = geometry.map { g in
                    tape.kind(g) == .object && tape.member(g, HouseholdFeatureDecoder.typeKey).map { tape.stringEquals($0, HouseholdFeatureDecoder.pointWord) } == true
                } ?? false
                switch kind ?? (isPoint ? "household" : nil) {
                case "household":
                    if builder == nil { makeBuilder() }
                    let f = try decoder!.decode(tape, index)
                    try builder!.append(id: f.id, idIsNumber: f.idIsNumber, lon: f.lon, lat: f.lat, members: f.members,
                                        group: f.group, village: f.village, weight: f.weight, extra: f.extra, at: index)
                    if f.hasDistrict { sawDistrictProperty = true }
                    if let d = f.district, !d.isEmpty {
                        if let last = lastDistrict, last.id == d { assignmentIds.append(last.index) }
                        else if let j = internIndex[d] { assignmentIds.append(j); lastDistrict = (d, j) } else {
                            let j = Int32(internedIds.count)
                            internedIds.append(d); internIndex[d] = j; assignmentIds.append(j); lastDistrict = (d, j)
                        }
                    } else {
                        if firstWithoutDistrict == nil { firstWithoutDistrict = index }
                        assignmentIds.append(-1)
                    }
                case "district":
                    let d = try readDistrict(tape, geometry, properties, index, path, options.checkCoordinateRange)
                    if let before = districtIndex[d.district.id] {
                        throw WanggeError.data("district \(JSONEscapes.quoted(d.district.id)) appears twice (also feature \(districts[before].feature))",
                                               at: SourceLocation(file: path, feature: index, field: "district"))
                    }
                    districtIndex[d.district.id] = districts.count
                    districts.append(d)
                case let other?:
                    throw WanggeError.data("unknown feature kind \(JSONEscapes.quoted(other)); expected \"district\" or \"household\"",
                                           at: SourceLocation(file: path, feature: index, field: "kind"))
                case nil:
                    throw WanggeError.data("a feature without \"kind\" that is not a household Point", at: loc)
                }
            })
        } catch let e as WanggeError where e.status == .dataError && e.message.hasPrefix("not a GeoJSON FeatureCollection") {
            throw WanggeError.data("not a Wangge plan (\(e.message))", at: e.location)
        }

        if metadata == nil && !sawKind && !sawDistrictProperty {
            throw WanggeError.data("not a Wangge plan: no \"wangge\" member, no \"kind\" properties and no \"district\" property on its points",
                                   at: SourceLocation(file: path))
        }
        if let f = firstWithoutDistrict {
            throw WanggeError.data("household without a district", at: SourceLocation(file: path, feature: f, field: "district"))
        }
        guard let builder else {
            throw WanggeError.data("the plan has no households", at: SourceLocation(file: path))
        }
        var households = try builder.finish()
        if households.weight == nil, balance == "members" { households.weight = households.members.map(Double.init) }

        // Districts: those with features in file order, then ids only used by households, sorted.
        var all = districts.map(\.district)
        var index = districtIndex
        for id in internedIds.sorted() where index[id] == nil {
            index[id] = all.count
            all.append(District(id: id))
        }
        let map = internedIds.map { Int32(index[$0]!) }
        let assignment = assignmentIds.map { map[Int($0)] }

        // Service points: the household of that district at the written position (else the nearest), in one pass.
        var bestIndex = [Int32](repeating: -1, count: districts.count)
        var bestDist = [Double](repeating: .infinity, count: districts.count)
        let targets = districts.map(\.servicePoint)
        for i in 0..<households.count {
            let d = Int(assignment[i])
            guard d < targets.count, let sp = targets[d] else { continue }
            let dx = households.lon[i] - sp.x, dy = households.lat[i] - sp.y
            let dist = dx * dx + dy * dy
            if dist < bestDist[d] { bestDist[d] = dist; bestIndex[d] = Int32(i) }
        }
        for d in districts.indices { all[d].servicePoint = bestIndex[d] }

        let meta = metadata ?? PlanMetadata(districts: all.count, balance: balance)
        return Plan(metadata: meta, districts: all, households: households, assignment: assignment)
    }

    static func readMetadata(_ tape: JSONTape, _ path: String) throws -> PlanMetadata {
        let loc = SourceLocation(file: path, field: "wangge")
        guard tape.kind(0) == .object else {
            throw WanggeError.data("not a Wangge plan: \"wangge\" is \(tape.describeKind(0)), not an object", at: loc)
        }
        var m = PlanMetadata(districts: 0)
        var extra: [UInt8] = []
        try tape.forEachMember(0) { k, v in
            let name = tape.string(k)
            func bad(_ what: String) -> WanggeError {
                .data("\"wangge\".\(name) must be \(what), got \(tape.describeKind(v))", at: loc)
            }
            switch name {
            case "version":
                guard tape.kind(v) == .string else { throw bad("a string") }
                m.version = tape.string(v)
            case "districts":
                guard tape.isInteger(v), let n = Int(tape.literal(v)), n >= 0 else { throw bad("a whole number") }
                m.districts = n
            case "balance":
                guard tape.kind(v) == .string else { throw bad("a string") }
                m.balance = tape.string(v)
            case "tolerance":
                guard tape.kind(v) == .number else { throw bad("a number") }
                m.tolerance = tape.double(v)
            case "seed":
                guard tape.isInteger(v), let s = UInt64(tape.literal(v)) else { throw bad("a whole number ≥ 0") }
                m.seed = s
            case "metric_crs", "crs": // "crs" in plans written before it was renamed
                guard tape.kind(v) == .string else { throw bad("a string") }
                if name == "metric_crs" || m.crs.isEmpty { m.crs = tape.string(v) }
            default:
                if !extra.isEmpty { extra.append(UInt8(ascii: ",")) }
                tape.serializeString(k, into: &extra)
                extra.append(UInt8(ascii: ":"))
                tape.serialize(v, into: &extra)
            }
        }
        m.extra = String(decoding: extra, as: UTF8.self)
        return m
    }

    private static func readDistrict(_ tape: JSONTape, _ geometry: Int?, _ properties: Int?, _ index: Int,
                                     _ path: String, _ checkRange: Bool) throws -> PendingDistrict {
        func at(_ field: String?) -> SourceLocation { SourceLocation(file: path, feature: index, field: field) }
        var district = District(id: "")
        var servicePoint: Point2?
        var hasId = false
        var hasColorIndex = false
        var serviceLon: Double?, serviceLat: Double?
        var name: String?, leader: String?, phone: String?
        var extra: [UInt8] = []
        if let p = properties, tape.kind(p) == .object {
            try tape.forEachMember(p) { k, v in
                let key = tape.string(k)
                func text() -> String {
                    switch tape.kind(v) {
                    case .string: return tape.string(v)
                    case .null: return ""
                    case .number: return tape.literal(v)
                    default: return tape.serialized(v)
                    }
                }
                switch key {
                case "kind", "households", "members", "load", "deviation", "fill": return // derived
                case "district":
                    guard tape.kind(v) == .string || tape.kind(v) == .number else {
                        throw WanggeError.data("district must be a string, got \(tape.describeKind(v))", at: at("district"))
                    }
                    district.id = text(); hasId = true
                case "color_index", "color": // "color" in plans written before it was renamed
                    guard tape.kind(v) == .null || tape.isInteger(v) else {
                        throw WanggeError.data("\(key) must be a whole number, got \(tape.describeKind(v))", at: at(key))
                    }
                    if key == "color_index" || !hasColorIndex {
                        district.color = tape.kind(v) == .null ? 0 : Int(tape.literal(v)) ?? 0
                    }
                    if key == "color_index" { hasColorIndex = true }
                case "service_lon", "service_lat":
                    if tape.kind(v) == .null { return }
                    guard tape.kind(v) == .number else {
                        throw WanggeError.data("\(key) must be a number, got \(tape.describeKind(v))", at: at(key))
                    }
                    if key == "service_lon" { serviceLon = tape.double(v) } else { serviceLat = tape.double(v) }
                case "area_km2":
                    guard tape.kind(v) == .null || tape.kind(v) == .number else {
                        throw WanggeError.data("area_km2 must be a number, got \(tape.describeKind(v))", at: at("area_km2"))
                    }
                    district.areaKm2 = tape.kind(v) == .null ? 0 : tape.double(v)
                case "service_point":
                    if tape.kind(v) == .null { return }
                    servicePoint = try CoordinateReader(tape: tape, location: at("service_point"), checkRange: checkRange).position(v)
                case "name": name = text()
                case "leader": leader = text()
                case "phone": phone = text()
                default:
                    if !extra.isEmpty { extra.append(UInt8(ascii: ",")) }
                    tape.serializeString(k, into: &extra)
                    extra.append(UInt8(ascii: ":"))
                    tape.serialize(v, into: &extra)
                }
            }
        }
        // service_lon/service_lat (what GIS tools keep) win over the service_point list.
        if let lon = serviceLon, let lat = serviceLat { servicePoint = Point2(lon, lat) }
        guard hasId, !district.id.isEmpty else {
            throw WanggeError.data("district feature without a \"district\" id", at: at("district"))
        }
        if name != nil || leader != nil || phone != nil {
            district.label = DistrictLabel(district: district.id, name: name ?? "", leader: leader ?? "", phone: phone ?? "")
        }
        district.extra = String(decoding: extra, as: UTF8.self)
        if let g = geometry, tape.kind(g) != .null {
            let reader = CoordinateReader(tape: tape, location: at("geometry"), checkRange: checkRange)
            guard tape.kind(g) == .object, let t = tape.member(g, "type"), let c = tape.member(g, "coordinates") else {
                throw WanggeError.data("district geometry must be a Polygon or MultiPolygon", at: at("geometry"))
            }
            switch tape.kind(t) == .string ? tape.string(t) : "" {
            case "Polygon": district.area = MultiPolygon([try reader.polygon(c)])
            case "MultiPolygon":
                guard tape.kind(c) == .array else { throw WanggeError.data("MultiPolygon coordinates must be an array", at: at("geometry")) }
                district.area = MultiPolygon(try tape.elements(c).map { try reader.polygon($0) })
            default:
                throw WanggeError.data("district geometry must be a Polygon or MultiPolygon", at: at("geometry"))
            }
        }
        return PendingDistrict(district: district, servicePoint: servicePoint, feature: index)
    }
}

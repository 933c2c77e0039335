import WanggeModel

/// One household feature's decoded fields, before table-level checks.
struct HouseholdFeature {
    var id: String = ""
    var idIsNumber = false
    var hasId = false
    var lon = 0.0
    var lat = 0.0
    var members: Int32 = 1
    var group: String?
    var village: String?
    var weight = 1.0
    var extra = ""
    /// `kind` and `district` properties (plan files).
    var kind: String?
    var district: String?
    var hasDistrict = false
}

/// Decodes a GeoJSON Point feature into household fields, naming the feature and field in errors.
/// Properties other than id, members, the group and village fields (and, for plans, kind and
/// district) go to `extra` as canonical JSON, in file order.
struct HouseholdFeatureDecoder {
    let builder: HouseholdTableBuilder
    let idKey = Array("id".utf8)
    let membersKey = Array("members".utf8)
    let groupKey: [UInt8]
    let villageKey: [UInt8]
    let weightKey: [UInt8]?
    private let kindKey = Array("kind".utf8)
    private let districtKey = Array("district".utf8)
    /// Read `kind` and `district` as plan properties instead of passing them through.
    let planProperties: Bool
    var extraBuffer: [UInt8] = []

    init(builder: HouseholdTableBuilder, planProperties: Bool = false) {
        self.builder = builder
        self.planProperties = planProperties
        groupKey = Array(builder.options.groupField.utf8)
        villageKey = Array(builder.options.villageField.utf8)
        weightKey = builder.weightField.flatMap { $0 == "members" ? nil : Array($0.utf8) }
        extraBuffer.reserveCapacity(256)
    }

    private func err(_ message: String, _ index: Int, _ field: String? = nil) -> WanggeError {
        .data(message, at: builder.location(index, field: field))
    }

    /// Checks the feature's `type` and returns its geometry, properties and top-level id nodes.
    static func parts(_ tape: JSONTape, _ index: Int, _ err: (String, String?) -> WanggeError) throws
        -> (geometry: Int?, properties: Int?, id: Int?) {
        guard tape.kind(0) == .object else { throw err("a feature must be an object, got \(tape.describeKind(0))", nil) }
        var geometry: Int?, properties: Int?, id: Int?, type: Int?
        tape.forEachMember(0) { k, v in
            if tape.stringEquals(k, Self.typeKey) { type = v }
            else if tape.stringEquals(k, Self.geometryKey) { geometry = v }
            else if tape.stringEquals(k, Self.propertiesKey) { properties = v }
            else if tape.stringEquals(k, Self.idKeyStatic) { id = v }
        }
        guard let type, tape.kind(type) == .string, tape.stringEquals(type, Self.featureWord) else {
            let got = type.map { tape.kind($0) == .string ? JSONEscapes.quoted(tape.string($0)) : tape.describeKind($0) } ?? "missing"
            throw err("not a GeoJSON Feature: \"type\" is \(got)", "type")
        }
        if let p = properties, tape.kind(p) != .object, tape.kind(p) != .null {
            throw err("\"properties\" must be an object or null, got \(tape.describeKind(p))", "properties")
        }
        return (geometry, properties, id)
    }

    static let typeKey = Array("type".utf8)
    static let geometryKey = Array("geometry".utf8)
    static let propertiesKey = Array("properties".utf8)
    static let idKeyStatic = Array("id".utf8)
    static let featureWord = Array("Feature".utf8)
    static let pointWord = Array("Point".utf8)
    static let coordinatesKey = Array("coordinates".utf8)

    /// The Point's lon/lat, with geometry errors named.
    func point(_ tape: JSONTape, _ geometry: Int?, _ index: Int) throws -> (Double, Double) {
        guard let g = geometry else { throw err("the feature has no \"geometry\"; households must be Points", index, "geometry") }
        guard tape.kind(g) == .object else {
            if tape.kind(g) == .null { throw err("null geometry; households must be Points with coordinates", index, "geometry") }
            throw err("geometry must be an object, got \(tape.describeKind(g))", index, "geometry")
        }
        var type: Int?, coords: Int?
        tape.forEachMember(g) { k, v in
            if tape.stringEquals(k, Self.typeKey) { type = v } else if tape.stringEquals(k, Self.coordinatesKey) { coords = v }
        }
        guard let type, tape.kind(type) == .string else { throw err("geometry has no \"type\"", index, "geometry") }
        guard tape.stringEquals(type, Self.pointWord) else {
            throw err("geometry is a \(tape.string(type)); households must be Points", index, "geometry")
        }
        guard let c = coords, tape.kind(c) == .array, tape.count(c) >= 2 else {
            throw err("Point coordinates must be an array [lon, lat]", index, "geometry")
        }
        let x = c + 1
        let y = tape.nodes[x].after
        guard tape.kind(x) == .number, tape.kind(Int(y)) == .number else {
            throw err("Point coordinates must be numbers", index, "geometry")
        }
        let lon = tape.double(x), lat = tape.double(Int(y))
        try builder.checkCoordinates(lon, lat, at: index, lonField: "geometry", latField: "geometry")
        return (lon, lat)
    }

    /// A group/village name from a string or number value (nil for null or no value).
    static func name(_ tape: JSONTape, _ v: Int?) -> String? {
        guard let v else { return nil }
        switch tape.kind(v) {
        case .string: return tape.string(v)
        case .number: return tape.literal(v)
        default: return nil
        }
    }

    /// Checks that a group/village value is a string, a number or null; returns its node.
    private func nameNode(_ tape: JSONTape, _ v: Int, _ index: Int, _ field: String) throws -> Int {
        switch tape.kind(v) {
        case .null, .string, .number: return v
        default: throw err("\(field) must be a string or a number, got \(tape.describeKind(v))", index, field)
        }
    }

    /// A string id with no escape that starts and ends with a visible ASCII character, which
    /// trimming would leave as it is (most ids): its text, without the trimming pass. Nil otherwise.
    static func plainId(_ tape: JSONTape, _ v: Int) -> String? {
        let n = tape.nodes[v]
        guard !n.flag, n.end > n.start else { return nil }
        let first = tape.bytes[n.start], last = tape.bytes[n.end - 1]
        guard first > 0x20, first < 0x7F, last > 0x20, last < 0x7F else { return nil }
        return tape.string(v)
    }

    /// Decodes the whole feature.
    mutating func decode(_ tape: JSONTape, _ index: Int) throws -> HouseholdFeature {
        let (feature, groupNode, villageNode) = try decodeFields(tape, index)
        var f = feature
        f.group = Self.name(tape, groupNode)
        f.village = Self.name(tape, villageNode)
        return f
    }

    /// Decodes and checks the feature, leaving its group and village as value nodes of the tape
    /// (checked to be a string, a number or null) for the caller to read or intern.
    mutating func decodeFields(_ tape: JSONTape, _ index: Int) throws
        -> (feature: HouseholdFeature, group: Int?, village: Int?) {
        var f = HouseholdFeature()
        var groupNode: Int?, villageNode: Int?
        let (geometry, properties, topId) = try Self.parts(tape, index) { m, field in err(m, index, field) }
        (f.lon, f.lat) = try point(tape, geometry, index)
        extraBuffer.removeAll(keepingCapacity: true)
        var idNode = topId
        var weightNode: Int?
        var membersNode: Int?
        if let p = properties, tape.kind(p) == .object {
            var propertyId: Int?
            try tape.forEachMember(p) { k, v in
                if tape.stringEquals(k, idKey) { if propertyId == nil { propertyId = v }; return }
                if tape.stringEquals(k, membersKey) { membersNode = v; return }
                if tape.stringEquals(k, groupKey) { groupNode = try nameNode(tape, v, index, builder.options.groupField); return }
                if tape.stringEquals(k, villageKey) { villageNode = try nameNode(tape, v, index, builder.options.villageField); return }
                if planProperties {
                    if tape.stringEquals(k, kindKey) { f.kind = tape.kind(v) == .string ? tape.string(v) : tape.serialized(v); return }
                    if tape.stringEquals(k, districtKey) {
                        f.hasDistrict = true
                        switch tape.kind(v) {
                        case .string: f.district = tape.string(v)
                        case .number: f.district = tape.literal(v)
                        case .null: f.district = nil
                        default: throw err("district must be a string, got \(tape.describeKind(v))", index, "district")
                        }
                        return
                    }
                }
                if let wk = weightKey, tape.stringEquals(k, wk) { weightNode = v }
                if !extraBuffer.isEmpty { extraBuffer.append(UInt8(ascii: ",")) }
                tape.serializeString(k, into: &extraBuffer)
                extraBuffer.append(UInt8(ascii: ":"))
                tape.serialize(v, into: &extraBuffer)
            }
            if let propertyId { idNode = propertyId }
        }
        // id
        guard let idv = idNode, tape.kind(idv) != .null else { throw err("missing id", index, "id") }
        switch tape.kind(idv) {
        case .string:
            f.id = Self.plainId(tape, idv) ?? String(tape.string(idv).trimmingSpaces)
        case .number:
            guard tape.isInteger(idv) else { throw err("id must be a string or an integer, got \(tape.literal(idv))", index, "id") }
            f.id = tape.literal(idv)
            f.idIsNumber = true
        default:
            throw err("id must be a string or an integer, got \(tape.describeKind(idv))", index, "id")
        }
        f.hasId = true
        // members
        if let m = membersNode {
            switch tape.kind(m) {
            case .null: break
            case .number: f.members = try builder.members(tape.double(m), text: tape.literal(m), at: index)
            default: throw err("members must be an integer ≥ 1, got \(tape.describeKind(m))", index, "members")
            }
        }
        // weight
        if weightKey != nil {
            if let w = weightNode, tape.kind(w) == .number {
                f.weight = try builder.weight(tape.double(w), text: tape.literal(w), at: index)
            } else {
                f.weight = try builder.weight(nil, text: weightNode.map { tape.describeKind($0) } ?? "nothing (missing)", at: index)
            }
        }
        f.extra = extraBuffer.isEmpty ? "" : String(decoding: extraBuffer, as: UTF8.self)
        return (f, groupNode, villageNode)
    }
}

extension HouseholdFeatureDecoder: FeatureDecoding {
    func emptyPiece(capacity: Int) -> HouseholdColumns { HouseholdColumns(capacity: capacity) }

    mutating func decode(_ tape: JSONTape, _ index: Int, into piece: inout HouseholdColumns) throws {
        let (f, group, village) = try decodeFields(tape, index)
        piece.append(f, group: group, village: village, tape: tape)
    }
}

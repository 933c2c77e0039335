/// The shape nearly every household file has, decoded straight from the bytes without a tape.
///
/// A large file's pieces spend most of their time building a tape for each feature and walking it
/// (`JSONScanner.parseValue`, then `HouseholdFeatureDecoder.decodeFields`). A feature of the common
/// shape — `"type": "Feature"` first, then `"geometry": {"type": "Point", "coordinates": [lon, lat]}`
/// and `"properties": {…}` in either order, whitespace anywhere JSON allows it — is decoded here in
/// one pass with the same scanner, so the same bytes are accepted and give the same household.
/// Anything else (another member, escapes, nested values, a repeated field, a value the tape
/// decoder would refuse) returns nil with nothing appended, and the caller parses the feature
/// into a tape as before: errors are always found and named by the tape decoder.
extension HouseholdFeatureDecoder {
    /// Decodes the feature starting at `start` (its `{`) into `piece` and returns the position
    /// after its `}`, or returns nil, appending nothing, when it is not of the common shape.
    mutating func decodeDirect(_ buf: UnsafeBufferPointer<UInt8>, at start: Int, _ index: Int,
                               into piece: inout HouseholdColumns) -> Int? {
        if planProperties { return nil }
        var s = JSONScanner(buf, at: start)
        guard s.token(UInt8(ascii: "{")), s.word(Self.typeKey), s.token(UInt8(ascii: ":")),
              s.word(Self.featureWord) else { return nil }
        var point: (lon: Double, lat: Double)?
        var fields: DirectProperties?
        for _ in 0..<2 {
            guard s.token(UInt8(ascii: ",")), let (ks, ke) = s.plainString(), s.token(UInt8(ascii: ":")) else { return nil }
            if point == nil, same(buf, ks, ke, Self.geometryKey) {
                guard let p = s.pointGeometry() else { return nil }
                point = p
            } else if fields == nil, same(buf, ks, ke, Self.propertiesKey) {
                guard let f = properties(&s) else { return nil }
                fields = f
            } else {
                return nil
            }
        }
        guard s.token(UInt8(ascii: "}")), let point, let fields, let id = fields.id else { return nil }
        guard (try? builder.checkCoordinates(point.lon, point.lat, at: index, lonField: "geometry",
                                             latField: "geometry")) != nil else { return nil }
        if weightKey != nil && fields.weight == nil { return nil }

        var f = HouseholdFeature()
        f.lon = point.lon
        f.lat = point.lat
        f.hasId = true
        switch id {
        case let .string(a, b):
            // A plain id (what `plainId` takes); others are trimmed by the tape decoder.
            guard b > a, buf[a] > 0x20, buf[a] < 0x7F, buf[b - 1] > 0x20, buf[b - 1] < 0x7F else { return nil }
            f.id = String(decoding: UnsafeBufferPointer(rebasing: buf[a..<b]), as: UTF8.self)
        case let .number(a, b, isInteger):
            guard isInteger else { return nil }
            f.id = String(decoding: UnsafeBufferPointer(rebasing: buf[a..<b]), as: UTF8.self)
            f.idIsNumber = true
        default:
            return nil
        }
        switch fields.members {
        case nil, .null?: break
        case let .number(a, b, isInteger)?:
            // A whole number written as digits, 1 … 999 999 999 (others go to `members(_:text:at:)`).
            guard isInteger, b - a <= 9, buf[a] != UInt8(ascii: "-") else { return nil }
            var v: Int32 = 0
            for p in a..<b { v = v * 10 + Int32(buf[p] &- 0x30) }
            guard v >= 1 else { return nil }
            f.members = v
        default:
            return nil
        }
        if case let .number(a, b, _)? = fields.weight {
            let v = JSONNumber.parseDouble(buf, a, b)
            guard v.isFinite, v >= 0 else { return nil }
            f.weight = v
        } else if fields.weight != nil {
            return nil
        }
        guard Self.nameIsDirect(fields.group), Self.nameIsDirect(fields.village) else { return nil }
        f.extra = extraBuffer.isEmpty ? "" : String(decoding: extraBuffer, as: UTF8.self)
        piece.appendFields(f)
        Self.appendName(fields.group, buf, to: &piece.group)
        Self.appendName(fields.village, buf, to: &piece.village)
        return s.pos
    }

    /// The property values the household takes (each seen at most once), the others written to
    /// `extraBuffer` as the tape decoder writes them. Nil when the object is not one the direct
    /// path takes.
    private mutating func properties(_ s: inout JSONScanner) -> DirectProperties? {
        guard s.token(UInt8(ascii: "{")) else { return nil }
        extraBuffer.removeAll(keepingCapacity: true)
        var fields = DirectProperties()
        s.skipWhitespace()
        if s.peek == UInt8(ascii: "}") {
            s.pos += 1
            return fields
        }
        let buf = s.buf
        while true {
            guard let (ks, ke) = s.plainString(), s.token(UInt8(ascii: ":")), let value = s.scalarValue() else { return nil }
            // The tape decoder's order of matching: id, members, group, village, then the others.
            if same(buf, ks, ke, idKey) {
                guard fields.id == nil else { return nil }
                fields.id = value
            } else if same(buf, ks, ke, membersKey) {
                guard fields.members == nil else { return nil }
                fields.members = value
            } else if same(buf, ks, ke, groupKey) {
                guard fields.group == nil else { return nil }
                fields.group = value
            } else if same(buf, ks, ke, villageKey) {
                guard fields.village == nil else { return nil }
                fields.village = value
            } else {
                if let wk = weightKey, same(buf, ks, ke, wk) {
                    guard fields.weight == nil else { return nil }
                    fields.weight = value
                }
                if !extraBuffer.isEmpty { extraBuffer.append(UInt8(ascii: ",")) }
                extraBuffer.append(UInt8(ascii: "\""))
                extraBuffer.append(contentsOf: UnsafeBufferPointer(rebasing: buf[ks..<ke]))
                extraBuffer.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
                value.serialize(buf, into: &extraBuffer)
            }
            if s.token(UInt8(ascii: ",")) { continue }
            if s.token(UInt8(ascii: "}")) { return fields }
            return nil
        }
    }

    /// Whether a group or village value is one the tape decoder takes: a string, a number or null.
    private static func nameIsDirect(_ v: DirectValue?) -> Bool {
        switch v {
        case nil, .null?, .string?, .number?: return true
        case .bool?: return false
        }
    }

    private static func appendName(_ v: DirectValue?, _ buf: UnsafeBufferPointer<UInt8>, to names: inout InternedNames) {
        switch v {
        case let .string(a, b)?, let .number(a, b, _)?: names.appendRaw(buf, a, b)
        default: names.appendNone()
        }
    }

}

/// Whether `buf[a..<b]` is `word`.
private func same(_ buf: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int, _ word: [UInt8]) -> Bool {
    guard b - a == word.count else { return false }
    var j = 0
    while j < word.count {
        if buf[a + j] != word[j] { return false }
        j += 1
    }
    return true
}

/// A scalar JSON value by its byte range: a string's content (no escapes), a number's literal.
enum DirectValue {
    case string(Int, Int)
    case number(Int, Int, isInteger: Bool)
    case bool(Bool)
    case null

    /// The value's canonical JSON text, as `JSONTape.serialize` writes it.
    func serialize(_ buf: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        switch self {
        case let .string(a, b):
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[a..<b]))
            out.append(UInt8(ascii: "\""))
        case let .number(a, b, _): out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[a..<b]))
        case let .bool(v): out.append(contentsOf: (v ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        }
    }
}

private struct DirectProperties {
    var id: DirectValue?
    var members: DirectValue?
    var group: DirectValue?
    var village: DirectValue?
    var weight: DirectValue?
}

private extension JSONScanner {
    /// Consumes `c` after optional whitespace.
    mutating func token(_ c: UInt8) -> Bool {
        skipWhitespace()
        guard peek == c else { return false }
        pos += 1
        return true
    }

    /// A string without escapes after optional whitespace: its content's range.
    mutating func plainString() -> (Int, Int)? {
        skipWhitespace()
        guard peek == UInt8(ascii: "\""), let (a, b, escaped) = try? scanString(), !escaped else { return nil }
        return (a, b)
    }

    /// The string `word` (without escapes) after optional whitespace.
    mutating func word(_ word: [UInt8]) -> Bool {
        guard let (a, b) = plainString() else { return false }
        return same(buf, a, b, word)
    }

    /// A string without escapes, a number, true, false or null after optional whitespace.
    mutating func scalarValue() -> DirectValue? {
        skipWhitespace()
        let c = peek
        if c == UInt8(ascii: "\"") {
            guard let (a, b) = plainString() else { return nil }
            return .string(a, b)
        }
        if c == UInt8(ascii: "-") || c &- 0x30 < 10 {
            let a = pos
            guard let isInteger = try? scanNumber() else { return nil }
            return .number(a, pos, isInteger: isInteger)
        }
        if literal("true") { return .bool(true) }
        if literal("false") { return .bool(false) }
        if literal("null") { return .null }
        return nil
    }

    /// Consumes `word` when the bytes at `pos` spell it.
    mutating func literal(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard pos + n <= buf.count else { return false }
        let w = word.utf8Start
        for j in 0..<n where buf[pos + j] != w[j] { return false }
        pos += n
        return true
    }

    /// `{"type": "Point", "coordinates": [lon, lat]}` (members in that order, two numbers).
    mutating func pointGeometry() -> (lon: Double, lat: Double)? {
        guard token(UInt8(ascii: "{")), word(HouseholdFeatureDecoder.typeKey), token(UInt8(ascii: ":")),
              word(HouseholdFeatureDecoder.pointWord), token(UInt8(ascii: ",")),
              word(HouseholdFeatureDecoder.coordinatesKey), token(UInt8(ascii: ":")), token(UInt8(ascii: "[")),
              case let .number(xa, xb, _)? = scalarValue(), token(UInt8(ascii: ",")),
              case let .number(ya, yb, _)? = scalarValue(), token(UInt8(ascii: "]")), token(UInt8(ascii: "}"))
        else { return nil }
        return (JSONNumber.parseDouble(buf, xa, xb), JSONNumber.parseDouble(buf, ya, yb))
    }
}

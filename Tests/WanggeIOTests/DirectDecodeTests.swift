import Testing
import PropertyBased
@testable import WanggeIO
import WanggeModel

/// The direct decoding of common-shape features (`HouseholdFeatureDecoder.decodeDirect`) gives
/// exactly what the tape decoder gives, and takes nothing else.
@Suite struct DirectDecodeTests {
    /// One feature's text from a choice of each part: whitespace, member order, and every kind of
    /// value a household file holds, the ones the direct path leaves to the tape included.
    static func feature(_ c: [Int]) -> String {
        let ws = ["", " ", "\n  ", "\t"][c[0] % 4]
        func obj(_ members: [String]) -> String { "{" + ws + members.joined(separator: ws + "," + ws) + ws + "}" }
        func m(_ k: String, _ v: String) -> String { "\"\(k)\"" + ws + ":" + ws + v }
        let ids = ["\"h\(c[1])\"", "\(c[1])", "\(c[1]).5", "\" h1 \"", "\"h\\\"x\"", "null", nil, "\"\"", "-4", "\"村7\""]
        let members = ["3", "null", nil, "0", "2.0", "-1", "1e2", "\"3\"", "999999999", "1000000000", "12"]
        let names = ["\"蔡岗社区1组\"", "7", "null", "\"\"", "\"a\\u00e9\"", "true", nil, "\"G\(c[1] % 3)\"", "1.50"]
        let extras = [nil, m("note", "\"x y\""), m("flag", "true") + "," + m("off", "false"), m("n", "null"),
                      m("x", "1.5e3"), m("arr", "[1]"), m("obj", "{}"), m("pop", "2.5"), m("pop", "-1"), m("pop", "\"x\""),
                      m("id", "\"again\""), m("group", "\"again\""), m("ke\\u0079", "1"), m("pop", "0")]
        let coordinates = ["[116.1,32.2]", "[116.1" + ws + "," + ws + "32.2]", "[116.1,32.2,5]", "[200,32]",
                           "[-0.5e-3,51.25]", "[116,\"32\"]"]
        var properties: [String] = []
        if let id = ids[c[2] % ids.count] { properties.append(m("id", id)) }
        if let v = members[c[3] % members.count] { properties.append(m("members", v)) }
        if let v = names[c[4] % names.count] { properties.append(m("group", v)) }
        if let v = extras[c[5] % extras.count] { properties.append(v) }
        if let v = names[c[6] % names.count] { properties.append(m("village", v)) }
        if c[7] % 3 == 0 { properties.reverse() }
        let geometry = c[8] % 9 == 0 ? obj([m("coordinates", "[116.1,32.2]"), m("type", "\"Point\"")])
            : obj([m("type", "\"Point\""), m("coordinates", coordinates[c[9] % coordinates.count])])
        let body = c[10] % 7 == 0 ? "null" : obj(properties)
        var members2 = [m("geometry", geometry), m("properties", body)]
        if c[7] % 2 == 1 { members2.reverse() }
        switch c[11] % 11 {
        case 0: members2.append(m("id", "5"))
        case 1: members2.insert(m("bbox", "[1,2,3,4]"), at: 1)
        case 2: return obj([m("geometry", geometry), m("type", "\"Feature\""), m("properties", body)])
        default: break
        }
        return obj([m("type", "\"Feature\"")] + members2)
    }

    static func decoder(balance: String) -> HouseholdFeatureDecoder {
        var options = HouseholdReadOptions()
        options.balance = balance
        return HouseholdFeatureDecoder(builder: HouseholdTableBuilder(path: "h.geojson", options: options, byLine: false))
    }

    /// A piece's rows as text, names resolved.
    static func rows(_ p: HouseholdColumns) -> [String] {
        (0..<p.count).map { i in
            "\(p.ids[i])|\(p.idIsNumber[i])|\(p.lon[i].bitPattern)|\(p.lat[i].bitPattern)|\(p.members[i])|"
                + "\(p.weight[i].bitPattern)|\(p.extra[i])|\(p.group.name(i) ?? "-")|\(p.village.name(i) ?? "-")"
        }
    }

    /// Decodes `text` both ways: the direct path's rows and end (nil when it declined), the tape's
    /// rows (nil when it refused the feature).
    static func bothWays(_ text: String, balance: String) -> (direct: [String], end: Int?, tape: [String]?) {
        let bytes = Array(text.utf8)
        var direct = decoder(balance: balance), viaTape = decoder(balance: balance)
        var piece = direct.emptyPiece(capacity: 1), tapePiece = viaTape.emptyPiece(capacity: 1)
        let end = bytes.withUnsafeBufferPointer { direct.decodeDirect($0, at: 0, 0, into: &piece) }
        var tape = JSONTape(bytes: bytes)
        let decoded: Bool = bytes.withUnsafeBufferPointer { buf in
            var s = JSONScanner(buf)
            do {
                try s.parseValue(into: &tape.nodes, depth: 2)
                try viaTape.decode(tape, 0, into: &tapePiece)
                return true
            } catch {
                return false
            }
        }
        return (rows(piece), end, decoded ? rows(tapePiece) : nil)
    }

    @Test func directDecodingAgreesWithTheTape() async {
        let parts = Gen.int(in: 0...1_000).array(of: 12)
        await propertyCheck(count: 3_000, input: parts, Gen.int(in: 0...1)) { choice, b in
            let text = Self.feature(choice)
            let balance = b == 0 ? "households" : "pop"
            let (direct, end, tape) = Self.bothWays(text, balance: balance)
            if let end {
                #expect(end == text.utf8.count, "\(text)")
                #expect(tape != nil && direct == tape!, "\(text)\n\(direct)\n\(String(describing: tape))")
            } else {
                #expect(direct.isEmpty, "declined but appended: \(text)")
            }
        }
    }

    /// Bytes of a common-shape feature changed at random (replaced, dropped, doubled): whatever the
    /// direct path takes, it decodes as the tape does, and it never reads past the feature.
    @Test func mutatedFeaturesAreDeclinedOrDecodedAsTheTapeDoes() async {
        let base = Array(#"{"type":"Feature","geometry":{"type":"Point","coordinates":[116.7797169,32.6880990]},"properties":{"id":"H1","members":2,"group":"蔡岗1组","village":"蔡岗","note":"x"}}"#.utf8)
        let alphabet = Array(#"{}[]:,"\ 0123456789-+.eE蔡tfnul"#.utf8)
        await propertyCheck(count: 4_000, input: Gen.int(in: 0...(base.count - 1)).array(of: 1...3),
                            Gen.int(in: 0...(alphabet.count - 1)), Gen.int(in: 0...2)) { positions, letter, how in
            var bytes = base
            for p in positions.sorted(by: >) where p < bytes.count {
                switch how {
                case 0: bytes[p] = alphabet[letter]
                case 1: bytes.remove(at: p)
                default: bytes.insert(bytes[p], at: p)
                }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            guard Array(text.utf8) == bytes else { return } // a broken UTF-8 sequence: the scanner's own tests
            let (direct, end, tape) = Self.bothWays(text, balance: "households")
            if let end {
                #expect(end <= bytes.count)
                #expect(tape != nil && direct == tape!, "\(text)")
            } else {
                #expect(direct.isEmpty)
            }
        }
    }

    /// The shapes the direct path is for are taken by it (not all left to the tape), with the
    /// values the tape gives.
    @Test(arguments: [
        #"{"type":"Feature","geometry":{"type":"Point","coordinates":[116.7797169,32.6880990]},"properties":{"id":"H0000001","members":2,"group":"蔡岗社区1组","village":"蔡岗社区"}}"#,
        #"{ "type": "Feature", "properties": { "id": 17, "group": 3, "village": null, "note": "x", "ok": true, "no": false }, "geometry": { "type": "Point", "coordinates": [ -0.1275, 51.507 ] } }"#,
        #"{"type":"Feature","geometry":{"type":"Point","coordinates":[1e-2,-5]},"properties":{"id":"a","members":null,"group":"","pop":2.5}}"#,
    ])
    func commonShapesTakeTheDirectPath(text: String) {
        let (direct, end, tape) = Self.bothWays(text, balance: text.contains("pop") ? "pop" : "households")
        #expect(end == text.utf8.count)
        #expect(direct.count == 1 && direct == tape)
    }

    @Test func directPathDeclinesWhatTheTapeMustJudge() {
        let declined = [
            #"{"type":"Feature","geometry":{"type":"Point","coordinates":[116,32]},"properties":{"id":" h1 "}}"#, // trimmed
            #"{"type":"Feature","geometry":{"type":"Point","coordinates":[116,32]},"properties":{"id":"h","members":0}}"#,
            #"{"type":"Feature","geometry":{"type":"Point","coordinates":[116,32,4]},"properties":{"id":"h"}}"#,
            #"{"type":"Feature","geometry":{"type":"Point","coordinates":[116,32]},"properties":{"id":"h","id":"k"}}"#,
            #"{"type":"Feature","geometry":{"type":"Point","coordinates":[116,32]},"properties":{"id":"h\u0031"}}"#,
            #"{"type":"Feature","geometry":{"type":"Point","coordinates":[116,32]},"properties":{"id":"h","t":[1]}}"#,
            #"{"type":"Feature","id":1,"geometry":{"type":"Point","coordinates":[116,32]},"properties":{"id":"h"}}"#,
            #"{"type":"Feature","geometry":{"type":"Point","coordinates":[116,95]},"properties":{"id":"h"}}"#,
            #"{"type":"Feature","geometry":{"type":"Point","coordinates":[116,32]},"properties":{"id":"h","group":true}}"#,
        ]
        for text in declined {
            let (direct, end, _) = Self.bothWays(text, balance: "households")
            #expect(end == nil && direct.isEmpty, "\(text)")
        }
    }

    /// A large file of common-shape features, read in pieces (the direct path) and on one thread
    /// (the tape), gives one table.
    @Test func largeCommonShapeFileReadsTheSameInPiecesAndWhole() throws {
        let bytes = ParallelIOTests.namedCollection(16_000, group: { i in i % 3 == 0 ? "\(i / 30)" : "\"组\(i / 30)\"" },
                                                    village: { i in i % 11 == 0 ? "null" : "\"村\(i / 500)\"" })
        let table = try ParallelIOTests.readEveryWay(bytes)
        #expect(table.count == 16_000 && table.groupNames.contains("组1") && table.groupNames.contains("0"))
        #expect(table.village.contains(-1))
    }
}

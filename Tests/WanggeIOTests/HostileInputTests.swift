import Foundation
import Testing
@testable import WanggeIO
import WanggeModel

/// Hostile data and resource limits at the readers (issue 16 items 3 and 5): every case ends in a
/// table or a 65 naming file, feature/line and field, never a crash; memory stays proportional to
/// the input (the inputs here are generated, up to ~100 MB).
@Suite struct HostileInputTests {
    func households(_ text: String, _ name: String = "h.geojson") throws -> HouseholdTable {
        try HouseholdReader.read(bytes: Array(text.utf8), path: name)
    }

    // MARK: Ids

    /// Ids are compared as Unicode text (canonical equivalence, as if NFC-normalised) after trimming
    /// white space, ASCII or Unicode (no-break space, ideographic space U+3000); ids that differ only
    /// in normalisation or surrounding white space are duplicates (65 naming both places).
    @Test(arguments: [
        ("caf\u{E9}", "cafe\u{301}"),       // NFC vs NFD
        ("A1", " A1\t"),                    // ASCII white space
        ("A1", "A1\u{3000}"),               // ideographic space from a CJK spreadsheet
        ("A1", "\u{A0}A1"),                 // no-break space
        ("A1", "\u{FEFF}A1"),               // a stray byte order mark
        ("户1", "户1\r\n"),                 // line break pasted with the id
    ])
    func idsDifferingOnlyInNormalisationOrWhitespaceAreDuplicates(_ pair: (String, String)) throws {
        let json = { (s: String) -> String in
            var out: [UInt8] = []
            JSONEscapes.escape(Array(s.utf8), into: &out)
            return "\"" + String(decoding: out, as: UTF8.self) + "\""
        }
        let text = collection([point(116.40, 39.90, "\"id\":\(json(pair.0))"), point(116.41, 39.90, "\"id\":\(json(pair.1))")])
        let e = expectError { _ = try households(text) }
        #expect(e?.status == .dataError)
        #expect(e?.location == SourceLocation(file: "h.geojson", feature: 1, field: "id"))
        #expect(e?.message.contains("duplicate id") == true)
        #expect(e?.message.contains("also used by feature 0") == true)
        // The same in CSV (quoted, so the white space reaches the reader).
        let csv = "id,lon,lat\n\"\(pair.0)\",116.40,39.90\n\"\(pair.1)\",116.41,39.90\n"
        let c = expectError { _ = try HouseholdReader.read(bytes: Array(csv.utf8), path: "h.csv") }
        #expect(c?.location == SourceLocation(file: "h.csv", line: 3, field: "id"))
        #expect(c?.message.contains("also used by line 2") == true)
    }

    /// A padded id in the relations file finds its household.
    @Test func relationIdsAreTrimmedTheSameWay() throws {
        let t = try households(collection([point(116.40, 39.90, "\"id\":\"A1\""), point(116.41, 39.90, "\"id\":\"caf\u{E9}\"")]))
        #expect(t.ids == ["A1", "caf\u{E9}"])
        let r = try RelationReader.read(bytes: Array("a,b\nA1\u{3000},cafe\u{301}\n".utf8), path: "r.csv", households: t)
        #expect(r.count == 1)
        #expect(r.a == [0] && r.b == [1])
    }

    // MARK: Coordinates

    @Test(arguments: [
        ("NaN", "longitude is NaN, not a finite number"),
        ("inf", "longitude is ∞, not a finite number"),
        ("-Infinity", "longitude is −∞, not a finite number"),
        ("1e999", "longitude is ∞, not a finite number"),
        ("1e308", "longitude 1e+308 is outside −180…180"),
        ("181", "longitude 181.0 is outside −180…180"),
    ])
    func nonFiniteHugeAndOutOfRangeLongitudes(_ value: (String, String)) throws {
        let csv = "id,lon,lat\na,116.40,39.90\nb,\(value.0),39.90\n"
        let e = expectError { _ = try HouseholdReader.read(bytes: Array(csv.utf8), path: "h.csv") }
        #expect(e?.status == .dataError)
        #expect(e?.location == SourceLocation(file: "h.csv", line: 3, field: "lon"))
        #expect(e?.message.hasPrefix(value.1) == true, "\(e?.message ?? "")")
    }

    @Test func latitudeOutOfRangeAndSwapped() throws {
        let e = expectError { _ = try households(collection([point(39.9, 116.4, "\"id\":\"a\"")])) }
        #expect(e?.location == SourceLocation(file: "h.geojson", feature: 0, field: "geometry"))
        #expect(e?.message.contains("latitude 116.4 is outside −90…90 (are longitude and latitude swapped?)") == true)
        // JSON has no NaN; a huge literal overflows to ∞ and is named as such.
        let inf = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[116.4,1e400]},\"properties\":{\"id\":\"a\"}}]}"
        #expect(expectError { _ = try households(inf) }?.message == "latitude is ∞, not a finite number")
    }

    /// −0.0 is an ordinary coordinate (0); it reads and compares as 0.
    @Test func negativeZeroIsZero() throws {
        let t = try households(collection([point(-0.0, -0.0, "\"id\":\"a\""), point(0.001, 0.001, "\"id\":\"b\"")]))
        #expect(t.lon[0] == 0 && t.lat[0] == 0)
    }

    // MARK: Resource limits

    /// 10⁶ opening brackets: refused at nesting level 257 (no recursion deeper than that, so no
    /// stack overflow), 65 with the byte position.
    @Test func deeplyNestedJSONIsRefused() throws {
        for open in ["[", "{\"a\":"] {
            let text = String(repeating: open, count: 1_000_000)
            let e = expectError { _ = try households(text) }
            #expect(e?.status == .dataError)
            #expect(e?.message.contains("nesting deeper than 256 levels") == true, "\(e?.message ?? "")")
        }
        // As a property value, inside an otherwise valid household.
        let nested = collection([point(116.4, 39.9, "\"id\":\"a\",\"x\":" + String(repeating: "[", count: 300) + String(repeating: "]", count: 300))])
        #expect(expectError { _ = try households(nested) }?.message.contains("nesting deeper than 256 levels") == true)
    }

    /// An enormous string (16 MB id) and an enormous number (10⁶ digits): a clear 65, memory a small
    /// multiple of the file.
    @Test func enormousJSONValues() throws {
        let big = String(repeating: "x", count: 16 << 20)
        let e = expectError { _ = try households(collection([point(116.4, 39.9, "\"id\":\"\(big)\"")])) }
        #expect(e?.status == .dataError)
        #expect(e?.location.field == "id")
        #expect(e?.message.contains("longer than") == true, "\(e?.message.prefix(200) ?? "")")
        let digits = "1" + String(repeating: "0", count: 1_000_000)
        let n = expectError { _ = try households(collection([point(116.4, 39.9, "\"id\":\(digits)")])) }
        #expect(n?.status == .dataError)
        #expect(n?.location.field == "id")
        let m = expectError { _ = try households(collection([point(116.4, 39.9, "\"id\":\"a\",\"members\":\(digits)")])) }
        #expect(m?.location.field == "members")
        #expect(m?.message.contains("too large") == true)
    }

    /// A CSV line of 100 MB (one unquoted field, then one quoted field): 65 naming the line and the
    /// field limit, without building a 100 MB string per field.
    @Test func hundredMegabyteCSVLine() throws {
        var bytes = Array("id,lon,lat,note\na,116.40,39.90,ok\nb,116.41,39.90,".utf8)
        bytes.append(contentsOf: [UInt8](repeating: UInt8(ascii: "y"), count: 100 << 20))
        bytes.append(contentsOf: Array("\nc,116.42,39.9,ok\n".utf8))
        let e = expectError { _ = try HouseholdReader.read(bytes: bytes, path: "h.csv") }
        #expect(e?.status == .dataError)
        #expect(e?.location.file == "h.csv")
        #expect(e?.location.line == 3)
        #expect(e?.message.contains("field longer than") == true, "\(e?.message.prefix(200) ?? "")")
        var quoted = Array("id,lon,lat\n\"".utf8)
        quoted.append(contentsOf: [UInt8](repeating: UInt8(ascii: "z"), count: 100 << 20))
        quoted.append(contentsOf: Array("\",116.4,39.9\n".utf8))
        let q = expectError { _ = try HouseholdReader.read(bytes: quoted, path: "q.csv") }
        #expect(q?.location.line == 2)
        #expect(q?.message.contains("field longer than") == true)
    }

    /// 10⁶ relation rows all on one household: read in memory proportional to the rows (three
    /// arrays), every pair kept.
    @Test func millionRelationPairsOnOneHousehold() throws {
        let n = 1000
        let t = try households(collection((0..<n).map { point(116.4 + Double($0 % 40) * 1e-4, 39.9 + Double($0 / 40) * 1e-4, "\"id\":\"h\($0)\"") }))
        var csv: [UInt8] = Array("a,b,weight\n".utf8)
        csv.reserveCapacity(16 << 20)
        for r in 0..<1_000_000 { csv.append(contentsOf: Array("h0,h\(1 + r % (n - 1)),1\n".utf8)) }
        let rel = try RelationReader.read(bytes: csv, path: "r.csv", households: t)
        #expect(rel.count == 1_000_000)
        #expect(rel.a.allSatisfy { $0 == 0 })
    }
}

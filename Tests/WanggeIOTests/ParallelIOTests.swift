import Foundation
import Testing
@testable import WanggeIO
import WanggeModel

/// Reading and writing on several threads gives what one thread gives, byte for byte, errors included.
@Suite struct ParallelIOTests {
    /// A FeatureCollection of `n` households with awkward content for a parallel reader: nested arrays
    /// of objects (a `{` after a `,` inside a feature, where a cut may be guessed), strings holding
    /// `,{` and escapes, numeric and string ids, varied whitespace between features. `change` edits
    /// one feature's properties text.
    static func collection(_ n: Int, change: (index: Int, properties: String)? = nil) -> [UInt8] {
        var s = "{\"type\":\"FeatureCollection\",\"name\":\"test\",\"features\":[\n"
        for i in 0..<n {
            if i > 0 { s += i % 7 == 0 ? ",\n  " : "," }
            let id = i % 5 == 0 ? "\(i)" : "\"h\(i)\""
            let lon = 116.5 + Double(i % 1000) * 1e-4, lat = 32.5 + Double(i / 1000) * 1e-4
            var properties = "\"id\":\(id),\"members\":\(1 + i % 4),\"group\":\"G\(i / 10)\",\"village\":\"村\(i / 100)\","
                + "\"tags\":[{\"a\":\(i)},{\"b\":\"x,{y\"}],\"note\":\"say \\\"hi\\\" ,{\\n\""
            if let change, change.index == i { properties = change.properties }
            s += "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[\(lon),\(lat)]},"
                + "\"properties\":{\(properties)}}"
        }
        s += "\n],\"crs\":null}\n"
        return Array(s.utf8)
    }

    static func read(_ bytes: [UInt8], workers: Int) throws -> HouseholdTable {
        try HouseholdReader.readGeoJSON(JSONSource(path: "h.geojson", bytes: bytes), options: HouseholdReadOptions(),
                                        workers: workers)
    }

    /// `n` features with the given group and village values (JSON text), padded past the size read
    /// in pieces.
    static func namedCollection(_ n: Int, group: (Int) -> String, village: (Int) -> String) -> [UInt8] {
        var s = "{\"type\":\"FeatureCollection\",\"features\":["
        for i in 0..<n {
            if i > 0 { s += "," }
            s += "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[116.5,\(32.5 + Double(i) * 1e-5)]},"
                + "\"properties\":{\"id\":\"h\(i)\",\"group\":\(group(i)),\"village\":\(village(i)),\"pad\":\"\(String(repeating: "x", count: 40))\"}}"
        }
        return Array((s + "]}").utf8)
    }

    /// The table read on 1, 2 and 4 threads, which must be the same; the file must be large enough
    /// to be read in pieces.
    static func readEveryWay(_ bytes: [UInt8]) throws -> HouseholdTable {
        #expect(bytes.count > 1 << 20, "large enough for the parallel pass")
        let one = try read(bytes, workers: 1), two = try read(bytes, workers: 2), four = try read(bytes, workers: 4)
        #expect(one == two && one == four)
        return one
    }

    @Test func parallelReadGivesTheSingleThreadedTable() throws {
        let bytes = Self.collection(12_000)
        #expect(bytes.count > 1 << 20, "large enough for the parallel pass")
        // The guessed cuts are proven and used (not the sequential fallback).
        let source = JSONSource(path: "h.geojson", bytes: bytes)
        let first = bytes.firstIndex(of: UInt8(ascii: "["))! + 2
        let decoded = source.decodeFeatures(from: first, chunks: 4,
                                            decoder: HouseholdFeatureDecoder(builder: HouseholdTableBuilder(
                                                path: "h.geojson", options: HouseholdReadOptions(), byLine: false)))
        #expect(decoded?.count == 12_000 && decoded?.pieces.count == 4)
        let one = try Self.read(bytes, workers: 1), two = try Self.read(bytes, workers: 2)
        #expect(one == two)
        #expect(one.count == 12_000 && one.ids[5] == "5" && one.ids[6] == "h6")
        #expect(one.extra[3] == #""tags":[{"a":3},{"b":"x,{y"}],"note":"say \"hi\" ,{\n""#)
    }

    @Test func namesAreInternedInOrderOfFirstUseAcrossPieces() throws {
        // Groups that come back in every piece (cycling), are new in later pieces, are written with
        // an escape (the same name as the plain spelling), as numbers (12 is "12"), empty or null;
        // villages that change on every row. The parallel reader interns each piece on its own and
        // must give the table (names, their order, every row's index) the one-thread reader gives.
        let n = 16_000
        let one = try Self.readEveryWay(Self.namedCollection(n, group: { i in
            switch i % 11 {
            case 0: "\"G\\u00e9\(i % 37)\""       // escaped: the same name as "Gé…" below
            case 1: "\(i % 37)"                    // a number
            case 2: "\"\""                         // empty: no group
            case 3: "null"
            case 4: "\"new\(i / 1_000)\""          // a name first used late in the file
            default: "\"Gé\(i % 37)\""
            }
        }, village: { i in "\"村\((i * 7919) % 101)\"" }))
        #expect(one.groupNames.prefix(4) == ["Gé0", "1", "new0", "Gé5"])
        #expect(one.group[2] == -1 && one.group[3] == -1 && one.group[0] == one.group[one.groupNames.firstIndex(of: "Gé0")!])
        #expect(one.groupNames.filter { $0.hasPrefix("new") }.count == 16)
        #expect(Set(one.village).count == 101 && one.villageNames.count == 101)
    }

    /// Pieces intern names by their bytes; the join merges names equal as Strings (canonical
    /// equivalence) as the one-thread reader does: by bytes when every name is in canonical form
    /// (ASCII and CJK ideographs; here escaped and raw spellings of 蔡 and numbers), as Strings when
    /// one is not (é composed and decomposed; the compatibility ideograph U+F900, which is 豈 U+8C48).
    @Test(arguments: [false, true])
    func namesEqualAsStringsAreOneNameWhateverThePieces(withNonCanonicalNames: Bool) throws {
        let spellings: [[String]] = withNonCanonicalNames
            ? [["\"caf\u{E9}\"", "\"cafe\u{301}\"", "\"caf\\u00e9\""], ["\"\u{F900}村\"", "\"\u{8C48}村\""], ["\"x\""]]
            : [["\"蔡岗1组\"", "\"\\u8521岗1组\""], ["12", "\"12\""], ["\"G7\"", "\"G\\u0037\""]]
        let n = 15_000
        // Each name in its several spellings, in every piece; a new name now and then.
        let name = { (i: Int) -> String in
            i % 13 == 0 ? "\"n\(i / 500)\"" : spellings[(i / 3) % spellings.count][i % spellings[(i / 3) % spellings.count].count]
        }
        let one = try Self.readEveryWay(Self.namedCollection(n, group: name, village: name))
        #expect(one.groupNames.count == spellings.count + Set((0..<n).filter { $0 % 13 == 0 }.map { $0 / 500 }).count)
        #expect(one.groupNames == one.villageNames && one.group == one.village)
        for (r, spelled) in spellings.enumerated() {
            // Every row of name r, whatever its spelling, is in one group.
            let rows = (0..<n).filter { $0 % 13 != 0 && ($0 / 3) % spellings.count == r }
            #expect(Set(rows.map { one.group[$0] }).count == 1, "\(spelled)")
            #expect(Set(rows.map { $0 % spelled.count }).count == spelled.count)
        }
    }

    /// An index of ASCII ids answers as the table's own dictionary of Strings for every key: its ids,
    /// ids it does not hold, and keys that are not ASCII, some of which equal an ASCII id as Strings.
    @Test func asciiIdIndexAnswersAsTheDictionary() throws {
        let ids = (0..<40_000).map { $0 % 3 == 0 ? "\($0)" : "H\($0)" } + ["K", "a;b", "`", ""]
        let own = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, Int32($0)) })
        let index = try #require(IdIndex.build(ids, parts: 2).index)
        let keys = ids + ["H40000", "h1", "k", "\u{212A}", "a\u{37E}b", "\u{1FEF}", "\u{212A}\u{301}", "H\u{301}1",
                          "\u{E9}", "蔡", "", "H1 "]
        for key in keys { #expect(index[key] == own[key], "\(key.unicodeScalars.map { $0.value })") }
        #expect(index["\u{212A}"] == own["K"] && index["a\u{37E}b"] == own["a;b"] && index["\u{1FEF}"] == own["`"])
        // The first repeat, as one by one: "H5" again at the end (and a Kelvin sign, not ASCII, in a
        // second set: one dictionary, which finds it equal to "K").
        #expect(IdIndex.build(ids + ["x", "H5"], parts: 2).firstDuplicate == ids.count + 1)
        #expect(IdIndex.build(["K", "b", "\u{212A}"], parts: 2).firstDuplicate == 2)
    }

    @Test func asciiEquivalentsAreTheStringsOwn() {
        #expect(AsciiIdTable.asciiEquivalent("a\u{212A}b") == "aKb")
        #expect(AsciiIdTable.asciiEquivalent("\u{37E}\u{1FEF}") == ";`")
        for key in ["\u{E9}", "e\u{301}", "\u{212A}\u{301}", "\u{212B}", "蔡", "\u{FF21}"] {
            #expect(AsciiIdTable.asciiEquivalent(key) == nil, "\(key.unicodeScalars.map { $0.value })")
        }
    }

    @Test func byteInternerNumbersDistinctBytesInOrderOfFirstUse() {
        var t = ByteInterner()
        let keys = (0..<5_000).map { Array("k\($0 % 1_777)".utf8) } + [[], Array("蔡".utf8)]
        var seen: [[UInt8]: Int32] = [:]
        for key in keys {
            let (entry, isNew) = key.withUnsafeBufferPointer { t.intern($0) }
            #expect(isNew == (seen[key] == nil))
            if isNew { #expect(Int(entry) == seen.count); seen[key] = entry } else { #expect(entry == seen[key]) }
        }
        let text = { (e: Int) in String(decoding: t.bytes[t.starts[e]..<t.starts[e + 1]], as: UTF8.self) }
        #expect(t.count == 1_779 && text(1_778) == "蔡" && text(1_777) == "" && text(5) == "k5")
    }

    @Test func canonicalTextIsASCIIAndCJKIdeographs() {
        for text in ["", "G12", "蔡岗社区1组", "\u{3400}\u{4DBF}\u{9FFF}"] { #expect(ByteInterner.isCanonical(Array(text.utf8)), "\(text)") }
        for text in ["caf\u{E9}", "cafe\u{301}", "\u{212A}", "\u{F900}", "한", "\u{1F600}", "\u{3000}"] {
            #expect(!ByteInterner.isCanonical(Array(text.utf8)), "\(text)")
        }
    }

    @Test func aLargeFileIsReadWholeInRangesSideBySide() throws {
        // Above the size read on all cores, with a length that does not divide evenly: every byte in
        // place, the ranges' joins included.
        let size = InputFile.parallelReadBytes + 12_345
        var bytes = [UInt8](repeating: 0, count: size)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for i in 0..<size {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            bytes[i] = UInt8(truncatingIfNeeded: state >> 33)
        }
        let path = NSTemporaryDirectory() + "wangge-large-\(UUID().uuidString).bin"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let read = try InputFile.read(path)
        #expect(read.count == size)
        #expect(read == bytes)
    }

    @Test func aGuessedCutInsideAFeatureFallsBackToTheSameTable() throws {
        // Every feature holds a long array of objects that are themselves valid household Features, so
        // a guessed cut lands inside a feature on a candidate that passes the trial decode: only the
        // chaining proof can catch it.
        var s = "{\"type\":\"FeatureCollection\",\"features\":["
        let objects = (0..<400).map {
            "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[117,33]},\"properties\":{\"id\":\"fake\($0)\"}}"
        }.joined(separator: ",")
        for i in 0..<60 {
            if i > 0 { s += "," }
            s += "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[116.5,\(32.5 + Double(i) * 1e-3)]},"
                + "\"properties\":{\"id\":\(i),\"list\":[\(objects)]}}"
        }
        s += "]}"
        let bytes = Array(s.utf8)
        let source = JSONSource(path: "h.geojson", bytes: bytes)
        let first = bytes.firstIndex(of: UInt8(ascii: "["))! + 1
        let decoder = HouseholdFeatureDecoder(builder: HouseholdTableBuilder(path: "h.geojson", options: HouseholdReadOptions(),
                                                                             byLine: false))
        #expect(source.decodeFeatures(from: first, chunks: 7, decoder: decoder, minimumBytes: 0) == nil)
        let table = try HouseholdReader.readGeoJSON(source, options: HouseholdReadOptions(), workers: 4)
        #expect(table.count == 60 && table.ids.last == "59")
    }

    @Test func errorsNameTheSameFeatureWhateverTheThreads() throws {
        let cases: [(Int, String)] = [
            (9_000, "\"id\":\"x\",\"members\":0"),  // bad members deep in the second half
            (11_000, "\"id\":\"h6\""),              // duplicate of feature 6
            (10_500, "\"id\":\"y\",\"members\":tru"), // malformed JSON
            (8_000, "\"id\":\"  \""),               // an id that is empty once trimmed
        ]
        for (index, properties) in cases {
            let bytes = Self.collection(12_000, change: (index, properties))
            var messages: [String] = []
            for workers in [1, 2] {
                do {
                    _ = try Self.read(bytes, workers: workers)
                    Issue.record("feature \(index) should fail")
                } catch let e as WanggeError {
                    messages.append("\(e.status) \(e.description)")
                }
            }
            #expect(messages.count == 2 && messages[0] == messages[1])
            #expect(messages.first?.contains(index == 10_500 ? "line" : "feature \(index)") == true, "\(messages)")
        }
    }

    /// Two ids equal as Strings but not as bytes (the Kelvin sign and "K") are a duplicate whatever the
    /// threads, reported at the same feature.
    @Test func canonicallyEqualIdsAreDuplicatesWhateverTheThreads() throws {
        let text = String(decoding: Self.collection(12_000, change: (11_000, "\"id\":\"\u{212A}\"")), as: UTF8.self)
            .replacingOccurrences(of: "\"id\":\"h6\",", with: "\"id\":\"K\",")
        var messages: [String] = []
        for workers in [1, 2] {
            #expect(throws: WanggeError.self) { _ = try Self.read(Array(text.utf8), workers: workers) }
            do { _ = try Self.read(Array(text.utf8), workers: workers) } catch { messages.append("\(error)") }
        }
        #expect(messages.count == 2 && messages[0] == messages[1] && messages[0].contains("feature 11000"), "\(messages)")
    }

    @Test func parallelPlanWriterGivesTheSameBytes() throws {
        let households = try Self.read(Self.collection(5_000), workers: 1)
        let districts = (0..<3).map { d in
            District(id: "D\(d)", area: MultiPolygon(), color: d, servicePoint: Int32(d), areaKm2: 1, label: nil)
        }
        let plan = Plan(metadata: PlanMetadata(districts: 3), districts: districts, households: households,
                        assignment: (0..<households.count).map { Int32($0 % 3) })
        let dir = NSTemporaryDirectory() + "wangge-parallel-writer-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var files: [Data] = []
        for (workers, block) in [(1, 32_768), (2, 300), (3, 1_000)] {
            let path = dir + "/plan-\(workers).geojson"
            try OutputFile.write(path: path) { file in
                try PlanWriter.encode(plan, options: PlanWriteOptions(), into: &file, workers: workers, block: block)
            }
            files.append(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        #expect(files[0] == files[1] && files[0] == files[2])
        #expect(files[0] == Data(PlanWriter.encode(plan)))
    }

    /// The id map built on other threads is the table's own, and finds the first repeated id.
    @Test func idIndexBuiltBesideTheJoinIsTheTablesIndex() throws {
        let (table, index) = try HouseholdReader.readGeoJSONIndexed(JSONSource(path: "h.geojson", bytes: Self.collection(12_000)),
                                                                    options: HouseholdReadOptions(), workers: 2)
        let own = table.indexById()
        #expect(table.ids.allSatisfy { index[$0] == own[$0] } && index["h12000"] == nil)
        let ids = ["a", "b", "c", "d", "b", "a", "e"]
        for parts in 1...3 { #expect(IdIndex.build(ids, parts: parts).firstDuplicate == 4) }
        #expect(IdIndex.build(["x", "y"], parts: 2).index?["y"] == 1)
    }

    /// Ids compare as Strings (canonical equivalence), as the table's own map does, whatever the
    /// parts: the Kelvin sign "\u{212A}" is the id "K" and "e\u{301}" is "é", although their bytes
    /// differ.
    @Test func idIndexComparesIdsAsStringsWhateverTheParts() {
        let kelvin = "\u{212A}", composed = "\u{E9}", decomposed = "e\u{301}"
        #expect([kelvin: 0]["K"] == 0 && [composed: 0][decomposed] == 0)
        for parts in 1...3 {
            #expect(IdIndex.build(["a", "K", "b", kelvin], parts: parts).firstDuplicate == 3)
            #expect(IdIndex.build([composed, "x", decomposed], parts: parts).firstDuplicate == 2)
            let ascii = IdIndex.build((0..<100).map { "h\($0)" } + ["K"], parts: parts).index
            #expect(ascii?[kelvin] == 100 && ascii?["K"] == 100 && ascii?["h7"] == 7 && ascii?["h\u{37}"] == 7)
            #expect(ascii?["k"] == nil && ascii?[decomposed] == nil)
        }
    }

    /// Names that need escaping are written escaped, whatever the threads (they are quoted once per plan).
    @Test func namesNeedingEscapesAreWrittenTheSame() throws {
        var households = try Self.read(Self.collection(2_000), workers: 1)
        households.groupNames[0] = "say \"hi\"\t\\ 组"
        let districts = [District(id: "D\"1", area: MultiPolygon(), color: 0, servicePoint: 0, areaKm2: 1, label: nil)]
        let plan = Plan(metadata: PlanMetadata(districts: 1), districts: districts, households: households,
                        assignment: [Int32](repeating: 0, count: households.count))
        let dir = NSTemporaryDirectory() + "wangge-escapes-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try OutputFile.write(path: dir + "/p.geojson") { file in
            try PlanWriter.encode(plan, options: PlanWriteOptions(), into: &file, workers: 2, block: 100)
        }
        for excel in [false, true] {
            try PlanWriter.writeCSV(plan, to: dir + "/one.csv", excel: excel, parallelFrom: Int.max)
            try PlanWriter.writeCSV(plan, to: dir + "/many.csv", excel: excel, parallelFrom: 10)
            let one = try Data(contentsOf: URL(fileURLWithPath: dir + "/one.csv"))
            #expect(one == (try Data(contentsOf: URL(fileURLWithPath: dir + "/many.csv"))))
            #expect(String(decoding: one, as: UTF8.self).hasPrefix(excel ? "\u{FEFF}id,district\r\n0,\"D\"\"1\"\r\nh1," : "id,district\n0,\"D\"\"1\"\nh1,"))
        }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: dir + "/p.geojson"))
        #expect(bytes == Data(PlanWriter.encode(plan)))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains(#""district":"D\"1","members":1,"group":"say \"hi\"\t\\ 组""#))
    }
}

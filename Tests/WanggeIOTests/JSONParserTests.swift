import Testing
@testable import WanggeIO
import WanggeModel

@Suite struct JSONParserTests {
    private func parse(_ text: String) throws -> JSONTape {
        try JSONSource(path: "t.json", bytes: Array(text.utf8)).parseDocument()
    }

    private func syntaxError(_ text: String) -> WanggeError? {
        expectError { _ = try parse(text) }
    }

    @Test func parsesNestedValuesAndDecodesStrings() throws {
        let t = try parse(#" { "a" : [1, -2.5e3, true, false, null], "s": "x\"y\\z\/\b\f\n\r\t\u00e9\ud83d\ude00", "o": {} } "#)
        #expect(t.kind(0) == .object)
        #expect(t.count(0) == 3)
        let a = try #require(t.member(0, "a"))
        let els = t.elements(a)
        #expect(els.count == 5)
        #expect(t.double(els[0]) == 1 && t.isInteger(els[0]))
        #expect(t.double(els[1]) == -2500 && !t.isInteger(els[1]))
        #expect(t.kind(els[2]) == .bool && t.bool(els[2]))
        #expect(t.kind(els[4]) == .null)
        let s = try #require(t.member(0, "s"))
        #expect(t.string(s) == "x\"y\\z/\u{8}\u{c}\n\r\té😀")
        #expect(t.kind(try #require(t.member(0, "o"))) == .object)
    }

    @Test func serialisesCanonically() throws {
        let t = try parse(#"{ "b" : [ 1.50 , 2E+3, "\u0041\n\u001f\/" ], "a":{"x" :null} }"#)
        // Members keep their order, numbers their literal text, strings minimal escapes.
        #expect(t.serialized(0) == #"{"b":[1.50,2E+3,"A\n\u001f/"],"a":{"x":null}}"#)
        // Canonical text re-parses to the same canonical text.
        let again = try parse(t.serialized(0))
        #expect(again.serialized(0) == t.serialized(0))
    }

    @Test func rejectsWhatRFC8259Forbids() {
        let cases: [(String, String)] = [
            ("[01]", "leading zeros"),
            ("[1,]", "expected a value"),
            ("{\"a\":1,}", "member name"),
            ("[1.]", "digit must follow"),
            ("[-]", "'-' must be followed"),
            ("[1e]", "exponent"),
            ("[\"a\u{01}b\"]", "control character"),
            (#"["\x"]"#, "invalid escape"),
            (#"["\ud83d"]"#, "high surrogate"),
            (#"["\ude00"]"#, "lone low surrogate"),
            (#"["\u12G4"]"#, #"invalid \u escape"#),
            ("[tru]", "invalid literal"),
            ("{'a':1}", "member name"),
            ("[1] [2]", "after the JSON value"),
            ("[NaN]", "expected a value"),
            ("\"abc", "unterminated string"),
        ]
        for (text, message) in cases {
            let e = syntaxError(text)
            #expect(e?.status == .dataError, "\(text)")
            #expect(e?.message.contains(message) == true, "\(text): \(e?.message ?? "-")")
        }
    }

    @Test func rejectsInvalidUTF8() {
        for bytes: [UInt8] in [[0x22, 0xC3, 0x28, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xC0, 0xAF, 0x22], [0x22, 0xF5, 0x80, 0x80, 0x80, 0x22]] {
            let e = expectError { _ = try JSONSource(path: "u.json", bytes: bytes).parseDocument() }
            #expect(e?.message.contains("UTF-8") == true)
        }
    }

    @Test func limitsNestingDepth() throws {
        let ok = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        _ = try parse(ok)
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        #expect(syntaxError(deep)?.message.contains("nesting deeper") == true)
    }

    @Test func reportsLineAndColumnOfTheError() {
        let e = syntaxError("{\n  \"a\": 1,\n  \"b\": ,\n}")
        #expect(e?.location == WanggeModel.SourceLocation(file: "t.json", line: 3))
        #expect(e?.message.contains("line 3, column 8") == true)
        // Columns count characters, not bytes.
        let u = syntaxError("{\"名字\": x}")
        #expect(u?.message.contains("line 1, column 8") == true)
    }

    @Test func numbersParseExactlyLikeTheStandardLibrary() {
        // Deterministic pseudo-random literals, fast path and fallback alike.
        var state: UInt64 = 0x9E3779B97F4A7C15
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 11 }
        var literals = ["0", "-0", "0.1", "116.8501234", "1e22", "1e23", "123456789012345678901234567890",
                        "2.2250738585072014e-308", "4.9e-324", "1.7976931348623157e308", "0.30000000000000004"]
        for _ in 0..<2000 {
            let mant = next() % 10_000_000_000_000_000
            let frac = Int(next() % 20)
            var s = String(mant)
            if frac < s.count { s.insert(".", at: s.index(s.endIndex, offsetBy: -frac)) }
            if next() % 3 == 0 { s += "e\(Int(next() % 80) - 40)" }
            if next() % 2 == 0 { s = "-" + s }
            if s.hasPrefix(".") || s.hasPrefix("-.") { continue }
            literals.append(s)
        }
        for s in literals {
            let bytes = Array(s.utf8)
            let v = bytes.withUnsafeBufferPointer { JSONNumber.parseDouble($0, 0, $0.count) }
            #expect(v.bitPattern == Double(s)!.bitPattern, "\(s)")
        }
    }
}

import WanggeModel

/// A JSON input file: whole-document parsing for small files and streaming of a
/// FeatureCollection's features (one small tape per feature) for large ones.
struct JSONSource {
    let path: String
    let bytes: [UInt8]

    init(path: String) throws {
        self.path = path
        self.bytes = try InputFile.read(path)
    }

    init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// The error for a syntax error: file, line, and the column in the message.
    func malformed(_ e: JSONSyntaxError) -> WanggeError {
        let (line, column) = InputFile.lineColumn(bytes, e.offset)
        return .data("malformed JSON at line \(line), column \(column): \(e.message)",
                     at: SourceLocation(file: path, line: line))
    }

    /// Parses the whole file into one tape.
    func parseDocument() throws -> JSONTape {
        var tape = JSONTape(bytes: bytes)
        if bytes.isEmpty { throw WanggeError.data("empty file (no JSON value)", at: SourceLocation(file: path)) }
        do {
            try bytes.withUnsafeBufferPointer { buf throws(JSONSyntaxError) in
                var s = JSONScanner(buf)
                s.skipBOM()
                tape.nodes.reserveCapacity(64)
                try s.parseValue(into: &tape.nodes)
                s.skipWhitespace()
                if !s.atEnd { throw s.error("unexpected \(s.describeHere()) after the JSON value") }
            }
        } catch {
            throw malformed(error)
        }
        return tape
    }

    /// Streams a FeatureCollection: `onMember(name, tape)` for each top-level member other than
    /// `type` and `features` (in file order), `onFeature(index, tape)` for each element of
    /// `features` with the feature's value at the tape's root. Reports a document that is not a
    /// FeatureCollection (wrong top level, wrong or missing `type`, missing `features`).
    /// Returns the number of features.
    @discardableResult
    func streamFeatureCollection(onMember: (String, JSONTape) throws -> Void = { _, _ in },
                                 onFeature: (Int, JSONTape) throws -> Void) throws -> Int {
        let file = SourceLocation(file: path)
        if bytes.isEmpty { throw WanggeError.data("empty file (no JSON value)", at: file) }
        var featureCount = 0
        var sawFeatures = false
        var sawType = false
        do {
            try bytes.withUnsafeBufferPointer { buf in
                var s = JSONScanner(buf)
                s.skipBOM()
                s.skipWhitespace()
                if s.peek != UInt8(ascii: "{") {
                    // Report syntax errors first, then the wrong shape.
                    var scratch = JSONTape(bytes: bytes)
                    try s.parseValue(into: &scratch.nodes)
                    s.skipWhitespace()
                    if !s.atEnd { throw s.error("unexpected \(s.describeHere()) after the JSON value") }
                    throw WanggeError.data("not a GeoJSON FeatureCollection: the top level is \(scratch.describeKind(0)), not an object", at: file)
                }
                s.pos += 1
                s.skipWhitespace()
                var tape = JSONTape(bytes: bytes)
                if s.peek == UInt8(ascii: "}") {
                    s.pos += 1
                } else {
                    while true {
                        s.skipWhitespace()
                        guard s.peek == UInt8(ascii: "\"") else {
                            throw s.error("expected a member name in double quotes, found \(s.describeHere())")
                        }
                        tape.nodes.removeAll(keepingCapacity: true)
                        let (ks, ke, kesc) = try s.scanString()
                        tape.nodes.append(.init(kind: .string, flag: kesc, start: ks, end: ke, after: 1, count: 0))
                        let key = tape.string(0)
                        try s.expect(UInt8(ascii: ":"), "':' after a member name")
                        s.skipWhitespace()
                        if key == "features" && s.peek == UInt8(ascii: "[") {
                            sawFeatures = true
                            s.pos += 1
                            s.skipWhitespace()
                            if s.peek == UInt8(ascii: "]") {
                                s.pos += 1
                            } else {
                                while true {
                                    tape.nodes.removeAll(keepingCapacity: true)
                                    try s.parseValue(into: &tape.nodes, depth: 2)
                                    try onFeature(featureCount, tape)
                                    featureCount += 1
                                    s.skipWhitespace()
                                    if s.peek == UInt8(ascii: ",") { s.pos += 1; continue }
                                    if s.peek == UInt8(ascii: "]") { s.pos += 1; break }
                                    throw s.error("expected ',' or ']' in an array, found \(s.describeHere())")
                                }
                            }
                        } else {
                            tape.nodes.removeAll(keepingCapacity: true)
                            try s.parseValue(into: &tape.nodes, depth: 1)
                            if key == "features" {
                                throw WanggeError.data("not a GeoJSON FeatureCollection: \"features\" is \(tape.describeKind(0)), not an array", at: file)
                            }
                            if key == "type" {
                                sawType = true
                                guard tape.kind(0) == .string, tape.string(0) == "FeatureCollection" else {
                                    let what = tape.kind(0) == .string ? JSONEscapes.quoted(tape.string(0)) : tape.describeKind(0)
                                    throw WanggeError.data("not a GeoJSON FeatureCollection: \"type\" is \(what)", at: file)
                                }
                            } else {
                                try onMember(key, tape)
                            }
                        }
                        s.skipWhitespace()
                        if s.peek == UInt8(ascii: ",") { s.pos += 1; continue }
                        if s.peek == UInt8(ascii: "}") { s.pos += 1; break }
                        throw s.error("expected ',' or '}' in an object, found \(s.describeHere())")
                    }
                }
                s.skipWhitespace()
                if !s.atEnd { throw s.error("unexpected \(s.describeHere()) after the JSON value") }
            }
        } catch let e as JSONSyntaxError {
            throw malformed(e)
        }
        if !sawType {
            throw WanggeError.data("not a GeoJSON FeatureCollection: no \"type\": \"FeatureCollection\" member", at: file)
        }
        if !sawFeatures {
            throw WanggeError.data("not a GeoJSON FeatureCollection: no \"features\" array", at: file)
        }
        return featureCount
    }
}

/// The strict JSON scanner on its own (for fuzzing and checks): parses `bytes` as one JSON value
/// and returns how many values it holds, or throws the 65 a reader would (with line and column).
public enum JSONCheck {
    public static func parse(bytes: [UInt8], path: String = "<bytes>") throws -> Int {
        let tape = try JSONSource(path: path, bytes: bytes).parseDocument()
        var out: [UInt8] = []
        tape.serialize(tape.root, into: &out)
        return tape.nodes.count
    }

    /// Streams `bytes` as a FeatureCollection (the large-file path) and returns the feature count.
    public static func streamFeatures(bytes: [UInt8], path: String = "<bytes>") throws -> Int {
        try JSONSource(path: path, bytes: bytes).streamFeatureCollection { _, tape in
            var out: [UInt8] = []
            tape.serialize(tape.root, into: &out)
        }
    }
}

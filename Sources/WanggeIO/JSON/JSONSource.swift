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
    ///
    /// `wholeArray`, when given, is first offered the non-empty `features` array (the position of its
    /// first element): it returns how many features it took and the position just after the array's
    /// `]`, or nil to have them streamed through `onFeature` one by one as usual.
    @discardableResult
    func streamFeatureCollection(onMember: (String, JSONTape) throws -> Void = { _, _ in },
                                 wholeArray: ((Int) -> (count: Int, end: Int)?)? = nil,
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
                            } else if let taken = wholeArray?(s.pos) {
                                featureCount += taken.count
                                s.pos = taken.end
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

/// Decodes features (each one's value at the tape's root) into a piece that collects them;
/// `index` only names a feature in errors.
protocol FeatureDecoding: Sendable {
    associatedtype Piece: Sendable
    /// An empty piece for about `capacity` features.
    func emptyPiece(capacity: Int) -> Piece
    mutating func decode(_ tape: JSONTape, _ index: Int, into piece: inout Piece) throws
    /// Decodes the feature starting at `start` straight from the bytes when it has a shape the
    /// decoder knows, as `decode` would, returning the position after it; nil (nothing added)
    /// otherwise, and the caller parses it into a tape.
    mutating func decodeDirect(_ buf: UnsafeBufferPointer<UInt8>, at start: Int, _ index: Int,
                               into piece: inout Piece) -> Int?
}

extension FeatureDecoding {
    func decodeDirect(_ buf: UnsafeBufferPointer<UInt8>, at start: Int, _ index: Int, into piece: inout Piece) -> Int? {
        nil
    }
}

extension JSONSource {
    /// Decodes the elements of a `features` array side by side in `chunks` pieces, in file order.
    /// `first` is the position of the first element. Piece boundaries are guessed (a `{` after a `,`
    /// near each cut whose value decodes as a feature) and proven: every piece parses whole elements
    /// from its start and must land exactly on the next piece's start, and only the last may reach the
    /// array's `]` — so a guess inside a feature (a nested array of objects) is caught. Returns the pieces (in file order), how many features they hold, and the position
    /// after `]`, or nil when a guess was wrong, the input is small, or any piece met an error: the
    /// caller then streams the array sequentially, which reports the first error with its feature
    /// index, exactly as without this pass.
    func decodeFeatures<D: FeatureDecoding>(from first: Int, chunks: Int, decoder: D,
                                           minimumBytes: Int = 1 << 20) -> (pieces: [D.Piece], count: Int, end: Int)? {
        guard chunks > 1, bytes.count - first >= minimumBytes else { return nil }
        var starts = [first]
        let span = bytes.count - first
        var trial = JSONTape(bytes: bytes)
        for c in 1..<chunks {
            var p = max(first + span / chunks * c, starts[starts.count - 1] + 1)
            var found: Int?
            var tried = 0
            while p < bytes.count, tried < Self.maxCutTrials {
                if bytes[p] == UInt8(ascii: "{") {
                    var q = p - 1
                    while q > first, bytes[q] == 0x20 || bytes[q] == 0x0A || bytes[q] == 0x0D || bytes[q] == 0x09 { q -= 1 }
                    if bytes[q] == UInt8(ascii: ",") {
                        if startsFeature(at: p, decoder: decoder, tape: &trial) { found = p; break }
                        tried += 1
                    }
                }
                p += 1
            }
            guard let found else { break }
            starts.append(found)
        }
        guard starts.count > 1 else { return nil }
        let cuts = starts
        let pieces = parallelMap(cuts.count) { c -> (piece: D.Piece, count: Int, end: Int)? in
            self.decodePiece(from: cuts[c], stop: c + 1 < cuts.count ? cuts[c + 1] : nil, decoder: decoder)
        }
        var whole: [D.Piece] = []
        var count = 0
        for piece in pieces {
            guard let piece else { return nil }
            whole.append(piece.piece)
            count += piece.count
        }
        return (whole, count, pieces[pieces.count - 1]!.end)
    }

    /// How many `,{` candidates one cut may try before the pass gives up on it.
    static var maxCutTrials: Int { 256 }

    /// Whether one value parses at `p`, decodes as a feature and is followed by `,` or `]`: a cheap
    /// filter that skips `,{` inside a feature (an array of objects, a string holding `,{`). It only
    /// picks candidates; the chaining check of `decodeFeatures` still proves every cut.
    private func startsFeature<D: FeatureDecoding>(at p: Int, decoder: D, tape: inout JSONTape) -> Bool {
        var decoder = decoder
        tape.nodes.removeAll(keepingCapacity: true)
        return bytes.withUnsafeBufferPointer { buf -> Bool in
            var s = JSONScanner(buf, at: p)
            do {
                try s.parseValue(into: &tape.nodes, depth: 2)
                var scratch = decoder.emptyPiece(capacity: 1)
                try decoder.decode(tape, 0, into: &scratch)
            } catch {
                return false
            }
            s.skipWhitespace()
            return s.peek == UInt8(ascii: ",") || s.peek == UInt8(ascii: "]")
        }
    }

    /// Whole elements from `start` until the next element starts exactly at `stop` (or, with `stop`
    /// nil, until the array's `]`). Nil for anything else.
    private func decodePiece<D: FeatureDecoding>(from start: Int, stop: Int?, decoder: D) -> (piece: D.Piece, count: Int, end: Int)? {
        var decoder = decoder
        var tape = JSONTape(bytes: bytes)
        var piece = decoder.emptyPiece(capacity: ((stop ?? bytes.count) - start) / 128)
        return bytes.withUnsafeBufferPointer { buf -> (piece: D.Piece, count: Int, end: Int)? in
            var s = JSONScanner(buf, at: start)
            var index = 0
            // Features of a shape the decoder knows skip the tape; after many that do not, the
            // piece stops asking.
            var misses = 0
            while true {
                if misses < 256 || misses < index / 2, let end = decoder.decodeDirect(buf, at: s.pos, index, into: &piece) {
                    s.pos = end
                } else {
                    misses += 1
                    tape.nodes.removeAll(keepingCapacity: true)
                    do {
                        try s.parseValue(into: &tape.nodes, depth: 2)
                        try decoder.decode(tape, index, into: &piece)
                    } catch {
                        return nil
                    }
                }
                index += 1
                s.skipWhitespace()
                if s.peek == UInt8(ascii: ",") {
                    s.pos += 1
                    s.skipWhitespace()
                    if let stop {
                        if s.pos == stop { return (piece, index, stop) }
                        if s.pos > stop { return nil }
                    }
                    continue
                }
                if s.peek == UInt8(ascii: "]"), stop == nil { return (piece, index, s.pos + 1) }
                return nil
            }
        }
    }
}

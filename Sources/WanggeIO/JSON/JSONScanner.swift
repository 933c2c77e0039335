/// A syntax error at a byte offset; `JSONSource` turns it into a located `WanggeError`.
struct JSONSyntaxError: Error {
    var offset: Int
    var message: String
}

/// Strict RFC 8259 parsing of UTF-8 bytes into a `JSONTape`: exact grammar, valid UTF-8 in
/// strings, escapes including surrogate pairs, no raw control characters, a nesting limit.
struct JSONScanner {
    static let maxDepth = 256

    let buf: UnsafeBufferPointer<UInt8>
    var pos: Int

    init(_ buf: UnsafeBufferPointer<UInt8>, at pos: Int = 0) { self.buf = buf; self.pos = pos }

    @inline(__always)
    mutating func skipWhitespace() {
        while pos < buf.count {
            let c = buf[pos]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { pos += 1 } else { return }
        }
    }

    /// Skips a UTF-8 byte order mark at the start (RFC 8259 §8.1 lets parsers ignore it).
    mutating func skipBOM() {
        if buf.count >= 3, buf[0] == 0xEF, buf[1] == 0xBB, buf[2] == 0xBF, pos == 0 { pos = 3 }
    }

    var atEnd: Bool { pos >= buf.count }
    var peek: UInt8 { pos < buf.count ? buf[pos] : 0 }

    func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        JSONSyntaxError(offset: offset ?? pos, message: message)
    }

    func describeHere() -> String {
        if pos >= buf.count { return "end of input" }
        let c = buf[pos]
        if c >= 0x21 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        return byteName(c)
    }

    private func byteName(_ c: UInt8) -> Swift.String {
        let hex = Array("0123456789ABCDEF")
        return "byte 0x" + Swift.String(hex[Int(c >> 4)]) + Swift.String(hex[Int(c & 15)])
    }

    /// Expects `c` (after whitespace) and consumes it.
    mutating func expect(_ c: UInt8, _ what: String) throws(JSONSyntaxError) {
        skipWhitespace()
        guard pos < buf.count, buf[pos] == c else { throw error("expected \(what), found \(describeHere())") }
        pos += 1
    }

    /// Parses one value (after optional whitespace) and appends its nodes.
    mutating func parseValue(into nodes: inout [JSONTape.Node], depth: Int = 0) throws(JSONSyntaxError) {
        skipWhitespace()
        guard pos < buf.count else { throw error("expected a value, found end of input") }
        let c = buf[pos]
        switch c {
        case UInt8(ascii: "{"): try parseObject(into: &nodes, depth: depth + 1)
        case UInt8(ascii: "["): try parseArray(into: &nodes, depth: depth + 1)
        case UInt8(ascii: "\""):
            let (s, e, esc) = try scanString()
            nodes.append(.init(kind: .string, flag: esc, start: s, end: e, after: Int32(nodes.count + 1), count: 0))
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let s = pos
            let isInt = try scanNumber()
            nodes.append(.init(kind: .number, flag: isInt, start: s, end: pos, after: Int32(nodes.count + 1), count: 0))
        case UInt8(ascii: "t"):
            try literal("true")
            nodes.append(.init(kind: .bool, flag: true, start: pos - 4, end: pos, after: Int32(nodes.count + 1), count: 0))
        case UInt8(ascii: "f"):
            try literal("false")
            nodes.append(.init(kind: .bool, flag: false, start: pos - 5, end: pos, after: Int32(nodes.count + 1), count: 0))
        case UInt8(ascii: "n"):
            try literal("null")
            nodes.append(.init(kind: .null, flag: false, start: pos - 4, end: pos, after: Int32(nodes.count + 1), count: 0))
        default:
            throw error("expected a value, found \(describeHere())")
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let start = pos
        let n = word.utf8CodeUnitCount
        let w = word.utf8Start
        for j in 0..<n {
            guard pos < buf.count, buf[pos] == w[j] else {
                throw error("invalid literal (expected '\(word)')", at: start)
            }
            pos += 1
        }
    }

    private mutating func parseObject(into nodes: inout [JSONTape.Node], depth: Int) throws(JSONSyntaxError) {
        if depth > Self.maxDepth { throw error("nesting deeper than \(Self.maxDepth) levels") }
        let me = nodes.count
        let start = pos
        nodes.append(.init(kind: .object, flag: false, start: start, end: start, after: 0, count: 0))
        pos += 1
        skipWhitespace()
        var count: Int32 = 0
        if peek == UInt8(ascii: "}") {
            pos += 1
        } else {
            while true {
                skipWhitespace()
                guard peek == UInt8(ascii: "\"") else {
                    throw error("expected a member name in double quotes, found \(describeHere())")
                }
                let (s, e, esc) = try scanString()
                nodes.append(.init(kind: .string, flag: esc, start: s, end: e, after: Int32(nodes.count + 1), count: 0))
                try expect(UInt8(ascii: ":"), "':' after a member name")
                try parseValue(into: &nodes, depth: depth)
                count += 1
                skipWhitespace()
                if peek == UInt8(ascii: ",") { pos += 1; continue }
                if peek == UInt8(ascii: "}") { pos += 1; break }
                throw error("expected ',' or '}' in an object, found \(describeHere())")
            }
        }
        nodes[me].end = pos
        nodes[me].after = Int32(nodes.count)
        nodes[me].count = count
    }

    private mutating func parseArray(into nodes: inout [JSONTape.Node], depth: Int) throws(JSONSyntaxError) {
        if depth > Self.maxDepth { throw error("nesting deeper than \(Self.maxDepth) levels") }
        let me = nodes.count
        nodes.append(.init(kind: .array, flag: false, start: pos, end: pos, after: 0, count: 0))
        pos += 1
        skipWhitespace()
        var count: Int32 = 0
        if peek == UInt8(ascii: "]") {
            pos += 1
        } else {
            while true {
                try parseValue(into: &nodes, depth: depth)
                count += 1
                skipWhitespace()
                if peek == UInt8(ascii: ",") { pos += 1; continue }
                if peek == UInt8(ascii: "]") { pos += 1; break }
                throw error("expected ',' or ']' in an array, found \(describeHere())")
            }
        }
        nodes[me].end = pos
        nodes[me].after = Int32(nodes.count)
        nodes[me].count = count
    }

    /// Scans a string starting at the opening quote; returns its content range and whether it has escapes.
    mutating func scanString() throws(JSONSyntaxError) -> (Int, Int, Bool) {
        let open = pos
        pos += 1
        let start = pos
        var escaped = false
        while true {
            guard pos < buf.count else { throw error("unterminated string", at: open) }
            let c = buf[pos]
            if c == UInt8(ascii: "\"") { break }
            if c == UInt8(ascii: "\\") {
                escaped = true
                try scanEscape()
                continue
            }
            if c < 0x20 { throw error("control character (byte \(c)) in a string must be escaped") }
            if c < 0x80 { pos += 1; continue }
            try scanUTF8()
        }
        let end = pos
        pos += 1
        return (start, end, escaped)
    }

    private mutating func scanEscape() throws(JSONSyntaxError) {
        let at = pos
        guard pos + 1 < buf.count else { throw error("unterminated string escape", at: at) }
        let e = buf[pos + 1]
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
             UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            pos += 2
        case UInt8(ascii: "u"):
            let v = try hex4(at: pos + 2, escapeAt: at)
            pos += 6
            if v >= 0xDC00 && v <= 0xDFFF {
                throw error("lone low surrogate \\u\(hexText(v)) in a string", at: at)
            }
            if v >= 0xD800 && v <= 0xDBFF {
                guard pos + 1 < buf.count, buf[pos] == UInt8(ascii: "\\"), buf[pos + 1] == UInt8(ascii: "u") else {
                    throw error("high surrogate \\u\(hexText(v)) not followed by a low surrogate", at: at)
                }
                let low = try hex4(at: pos + 2, escapeAt: pos)
                guard low >= 0xDC00 && low <= 0xDFFF else {
                    throw error("high surrogate \\u\(hexText(v)) not followed by a low surrogate", at: at)
                }
                pos += 6
            }
        default:
            throw error("invalid escape '\\\(Character(Unicode.Scalar(e)))' in a string", at: at)
        }
    }

    private func hexText(_ v: UInt32) -> Swift.String {
        let s = Swift.String(v, radix: 16, uppercase: true)
        return Swift.String(repeating: "0", count: max(0, 4 - s.count)) + s
    }

    private func hex4(at p: Int, escapeAt: Int) throws(JSONSyntaxError) -> UInt32 {
        guard p + 4 <= buf.count else { throw error("incomplete \\u escape", at: escapeAt) }
        var v: UInt32 = 0
        for j in 0..<4 {
            guard let d = JSONEscapes.hexValue(buf[p + j]) else { throw error("invalid \\u escape", at: escapeAt) }
            v = v << 4 | UInt32(d)
        }
        return v
    }

    /// Validates one multi-byte UTF-8 sequence at `pos` (no overlongs, no surrogates, ≤ U+10FFFF).
    private mutating func scanUTF8() throws(JSONSyntaxError) {
        let c = buf[pos]
        guard let (need, lo, hi) = utf8Lead(c) else { throw error("invalid UTF-8 (\(byteName(c)))") }
        guard pos + need < buf.count else { throw error("invalid UTF-8 (truncated sequence)") }
        let b1 = buf[pos + 1]
        guard b1 >= lo && b1 <= hi else { throw error("invalid UTF-8 (\(byteName(c)) followed by \(byteName(b1)))") }
        if need >= 2 { guard buf[pos + 2] & 0xC0 == 0x80 else { throw error("invalid UTF-8 sequence") } }
        if need == 3 { guard buf[pos + 3] & 0xC0 == 0x80 else { throw error("invalid UTF-8 sequence") } }
        pos += need + 1
    }

    /// Scans a number per RFC 8259; returns whether it is an integer literal.
    mutating func scanNumber() throws(JSONSyntaxError) -> Bool {
        let start = pos
        if buf[pos] == UInt8(ascii: "-") { pos += 1 }
        guard pos < buf.count, buf[pos] &- 0x30 < 10 else { throw error("invalid number: '-' must be followed by a digit", at: start) }
        if buf[pos] == 0x30 {
            pos += 1
            if pos < buf.count, buf[pos] &- 0x30 < 10 { throw error("invalid number: leading zeros are not allowed", at: start) }
        } else {
            while pos < buf.count, buf[pos] &- 0x30 < 10 { pos += 1 }
        }
        var isInt = true
        if pos < buf.count, buf[pos] == UInt8(ascii: ".") {
            isInt = false
            pos += 1
            guard pos < buf.count, buf[pos] &- 0x30 < 10 else { throw error("invalid number: a digit must follow '.'", at: start) }
            while pos < buf.count, buf[pos] &- 0x30 < 10 { pos += 1 }
        }
        if pos < buf.count, buf[pos] | 0x20 == UInt8(ascii: "e") {
            isInt = false
            pos += 1
            if pos < buf.count, buf[pos] == UInt8(ascii: "+") || buf[pos] == UInt8(ascii: "-") { pos += 1 }
            guard pos < buf.count, buf[pos] &- 0x30 < 10 else { throw error("invalid number: exponent without digits", at: start) }
            while pos < buf.count, buf[pos] &- 0x30 < 10 { pos += 1 }
        }
        return isInt
    }
}

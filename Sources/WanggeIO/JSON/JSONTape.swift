/// A parsed JSON value as a flat "tape" of nodes over the original bytes: no per-value
/// allocation, strings and numbers are decoded only when asked for. Node 0 is the root.
///
/// Objects store their members as alternating key (string) and value nodes; every node knows
/// the index just past its subtree (`after`), so siblings are reached without recursion.
struct JSONTape {
    enum Kind: UInt8 { case null, bool, number, string, array, object }

    struct Node {
        var kind: Kind
        /// string: contains escapes; bool: the value; number: is an integer literal (no fraction/exponent).
        var flag: Bool
        /// Byte range in `bytes`: a string's content between the quotes, a number's literal,
        /// or a container's opening to closing bracket (inclusive of both).
        var start: Int
        var end: Int
        /// Index of the first node after this node's subtree.
        var after: Int32
        /// Members (object) or elements (array).
        var count: Int32
    }

    let bytes: [UInt8]
    var nodes: [Node] = []

    init(bytes: [UInt8]) { self.bytes = bytes }

    var root: Int { 0 }

    func kind(_ i: Int) -> Kind { nodes[i].kind }
    func count(_ i: Int) -> Int { Int(nodes[i].count) }

    /// Calls `body(key, value)` for each member of object `i`, in file order.
    @inline(__always)
    func forEachMember(_ i: Int, _ body: (Int, Int) throws -> Void) rethrows {
        var k = i + 1
        let end = Int(nodes[i].after)
        while k < end {
            let v = k + 1
            try body(k, v)
            k = Int(nodes[v].after)
        }
    }

    /// Element node indexes of array `i`.
    func elements(_ i: Int) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(Int(nodes[i].count))
        var k = i + 1
        let end = Int(nodes[i].after)
        while k < end { out.append(k); k = Int(nodes[k].after) }
        return out
    }

    /// The value node of member `key` in object `i`, or nil (first match).
    func member(_ i: Int, _ key: String) -> Int? { member(i, Array(key.utf8)) }

    func member(_ i: Int, _ keyBytes: [UInt8]) -> Int? {
        var k = i + 1
        let end = Int(nodes[i].after)
        while k < end {
            let v = k + 1
            if stringEquals(k, keyBytes) { return v }
            k = Int(nodes[v].after)
        }
        return nil
    }

    /// Whether string node `i` equals `utf8` (compares bytes; decodes only when escaped).
    func stringEquals(_ i: Int, _ utf8: [UInt8]) -> Bool {
        let n = nodes[i]
        guard n.kind == .string else { return false }
        if n.flag { return Array(string(i).utf8) == utf8 }
        guard n.end - n.start == utf8.count else { return false }
        return bytes.withUnsafeBufferPointer { b in
            utf8.withUnsafeBufferPointer { k in
                var j = 0
                while j < k.count {
                    if b[n.start + j] != k[j] { return false }
                    j += 1
                }
                return true
            }
        }
    }

    /// The decoded text of string node `i`.
    func string(_ i: Int) -> String {
        let n = nodes[i]
        if !n.flag {
            return bytes.withUnsafeBufferPointer {
                String(decoding: UnsafeBufferPointer(rebasing: $0[n.start..<n.end]), as: UTF8.self)
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(n.end - n.start)
        JSONEscapes.unescape(bytes, n.start, n.end, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The literal text of a number node (exactly as written).
    func literal(_ i: Int) -> String {
        let n = nodes[i]
        return bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[n.start..<n.end]), as: UTF8.self)
        }
    }

    /// The value of number node `i` as a Double.
    func double(_ i: Int) -> Double {
        let n = nodes[i]
        return bytes.withUnsafeBufferPointer { JSONNumber.parseDouble($0, n.start, n.end) }
    }

    func isInteger(_ i: Int) -> Bool { nodes[i].kind == .number && nodes[i].flag }
    func bool(_ i: Int) -> Bool { nodes[i].flag }

    /// A short name of the value's type for messages ("a string", "an object", …).
    func describeKind(_ i: Int) -> String {
        switch nodes[i].kind {
        case .null: return "null"
        case .bool: return nodes[i].flag ? "true" : "false"
        case .number: return "the number \(literal(i))"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// Appends the canonical minified JSON text of node `i`: no whitespace, strings escaped
    /// minimally (quote, backslash, control characters), numbers exactly as written, members in order.
    func serialize(_ i: Int, into out: inout [UInt8]) {
        let n = nodes[i]
        switch n.kind {
        case .null: out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        case .bool: out.append(contentsOf: n.flag ? Array("true".utf8) : Array("false".utf8))
        case .number: out.append(contentsOf: bytes[n.start..<n.end])
        case .string: serializeString(i, into: &out)
        case .array:
            out.append(UInt8(ascii: "["))
            var k = i + 1
            var first = true
            while k < Int(n.after) {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                serialize(k, into: &out)
                k = Int(nodes[k].after)
            }
            out.append(UInt8(ascii: "]"))
        case .object:
            out.append(UInt8(ascii: "{"))
            var first = true
            forEachMember(i) { k, v in
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                serializeString(k, into: &out)
                out.append(UInt8(ascii: ":"))
                serialize(v, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// A string node as canonical JSON (quotes included). Unescaped strings are copied as they are:
    /// the parser has already refused raw control characters in them.
    func serializeString(_ i: Int, into out: inout [UInt8]) {
        let n = nodes[i]
        out.append(UInt8(ascii: "\""))
        if !n.flag {
            out.append(contentsOf: bytes[n.start..<n.end])
        } else {
            var raw: [UInt8] = []
            JSONEscapes.unescape(bytes, n.start, n.end, into: &raw)
            JSONEscapes.escape(raw, into: &out)
        }
        out.append(UInt8(ascii: "\""))
    }

    func serialized(_ i: Int) -> String {
        var out: [UInt8] = []
        serialize(i, into: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

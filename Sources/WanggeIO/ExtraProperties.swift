/// Pass-through properties (`extra`: a JSON object body without braces) written next to the
/// properties a writer owns: members whose names the writer sets itself are left out, so that
/// the output never holds a key twice (e.g. a households input that already had `district`).
public struct ExtraFilter: Sendable {
    let reserved: [String]
    private let patterns: [[UInt8]]

    public init(reserved: [String]) {
        self.reserved = reserved
        patterns = reserved.map { Array(JSONEscapes.quoted($0).utf8) + [UInt8(ascii: ":")] }
    }

    public func apply(_ extra: String) -> String {
        guard !extra.isEmpty else { return extra }
        var text = extra
        // Cheap test first: does any reserved name appear as `"name":` at all?
        let hit = text.withUTF8 { buf in patterns.contains { Self.contains(buf, $0) } }
        guard hit else { return extra }
        let wrapped = [UInt8(ascii: "{")] + Array(extra.utf8) + [UInt8(ascii: "}")]
        guard let tape = try? JSONSource(path: "", bytes: wrapped).parseDocument(), tape.kind(0) == .object else {
            return extra
        }
        var out: [UInt8] = []
        tape.forEachMember(0) { k, v in
            if reserved.contains(tape.string(k)) { return }
            if !out.isEmpty { out.append(UInt8(ascii: ",")) }
            tape.serializeString(k, into: &out)
            out.append(UInt8(ascii: ":"))
            tape.serialize(v, into: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        var i = 0
        let first = needle[0]
        while i + needle.count <= haystack.count {
            if haystack[i] == first {
                var j = 1
                while j < needle.count, haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}

/// JSON string escaping, both ways, on UTF-8 bytes.
enum JSONEscapes {
    /// Decodes the escapes of a string's content `bytes[start..<end]` (already validated by the scanner).
    static func unescape(_ bytes: [UInt8], _ start: Int, _ end: Int, into out: inout [UInt8]) {
        var p = start
        while p < end {
            let c = bytes[p]
            if c != UInt8(ascii: "\\") { out.append(c); p += 1; continue }
            let e = bytes[p + 1]
            p += 2
            switch e {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(bytes, p)
                p += 4
                if scalar >= 0xD800 && scalar <= 0xDBFF {
                    // The scanner guarantees a following \uDC00–\uDFFF.
                    let low = hex4(bytes, p + 2)
                    p += 6
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                appendUTF8(scalar, &out)
            default: out.append(e) // " \ /
            }
        }
    }

    static func hex4(_ bytes: [UInt8], _ p: Int) -> UInt32 {
        var v: UInt32 = 0
        for j in 0..<4 { v = v << 4 | UInt32(hexValue(bytes[p + j]) ?? 0) }
        return v
    }

    static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x41 + 10
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }

    static func appendUTF8(_ s: UInt32, _ out: inout [UInt8]) {
        switch s {
        case 0..<0x80: out.append(UInt8(s))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (s >> 6))); out.append(UInt8(0x80 | (s & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (s >> 12))); out.append(UInt8(0x80 | ((s >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (s & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (s >> 18))); out.append(UInt8(0x80 | ((s >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((s >> 6) & 0x3F))); out.append(UInt8(0x80 | (s & 0x3F)))
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `raw` (UTF-8 text) escaped for a JSON string, without the quotes: only `"`, `\`
    /// and control characters are escaped; everything else, non-ASCII included, is kept as is.
    static func escape<S: Sequence<UInt8>>(_ raw: S, into out: inout [UInt8]) {
        for c in raw {
            switch c {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\\")); out.append(c)
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(c)
            case 0x0A: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
            case 0x08: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "f"))
            case 0..<0x20:
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hexDigits[Int(c >> 4)]); out.append(hexDigits[Int(c & 15)])
            default: out.append(c)
            }
        }
    }

    /// `escape(s.utf8, into:)`, copying `s` whole when nothing in it needs escaping (the usual case).
    static func escape(_ s: String, into out: inout [UInt8]) {
        var s = s
        s.withUTF8 { buf in
            if buf.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
                out.append(contentsOf: buf)
            } else {
                escape(buf, into: &out)
            }
        }
    }

    /// `s` as a quoted JSON string.
    static func quoted(_ s: String) -> String {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        escape(s.utf8, into: &out)
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }
}

/// `s` as a JSON string literal (RFC 8259): quotes, backslash and control characters escaped
/// (short forms for \n, \r, \t; \u00XX for the rest), everything else as is.
public func jsonQuoted(_ s: String) -> String {
    var r = "\""
    for u in s.unicodeScalars {
        switch u {
        case "\"": r += "\\\""
        case "\\": r += "\\\\"
        case "\n": r += "\\n"
        case "\r": r += "\\r"
        case "\t": r += "\\t"
        default:
            if u.value < 0x20 {
                let hex = String(u.value, radix: 16)
                r += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else { r.unicodeScalars.append(u) }
        }
    }
    return r + "\""
}

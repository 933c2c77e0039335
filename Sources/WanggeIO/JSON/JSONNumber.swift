#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Number literals: exact decimal-to-double conversion with a fast path for the common case.
enum JSONNumber {
    private static let powersOf10: [Double] = (0...22).map { e in
        var v = 1.0
        for _ in 0..<e { v *= 10 }
        return v
    }

    /// Parses a number literal in `buf[start..<end]` (JSON grammar, or the relaxed CSV grammar
    /// accepted by `parseLenient`). Correctly rounded: when the significand has at most 15 digits
    /// and the decimal exponent is within ±22 the result is one exact IEEE operation (Clinger's
    /// fast path); otherwise it falls back to `strtod`.
    static func parseDouble(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double {
        var p = start
        var negative = false
        if p < end, buf[p] == UInt8(ascii: "-") { negative = true; p += 1 }
        else if p < end, buf[p] == UInt8(ascii: "+") { p += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        var sawDigit = false
        while p < end, buf[p] &- 0x30 < 10 {
            sawDigit = true
            if mantissa != 0 || buf[p] != 0x30 { digits += 1 }
            if digits <= 19 { mantissa = mantissa &* 10 &+ UInt64(buf[p] &- 0x30) } else { exponent += 1 }
            p += 1
        }
        if p < end, buf[p] == UInt8(ascii: ".") {
            p += 1
            while p < end, buf[p] &- 0x30 < 10 {
                sawDigit = true
                if mantissa != 0 || buf[p] != 0x30 { digits += 1 }
                if digits <= 19 { mantissa = mantissa &* 10 &+ UInt64(buf[p] &- 0x30); exponent -= 1 }
                p += 1
            }
        }
        if p < end, buf[p] | 0x20 == UInt8(ascii: "e") {
            p += 1
            var eNeg = false
            if p < end, buf[p] == UInt8(ascii: "-") { eNeg = true; p += 1 }
            else if p < end, buf[p] == UInt8(ascii: "+") { p += 1 }
            var e = 0
            while p < end, buf[p] &- 0x30 < 10 {
                if e < 100_000 { e = e * 10 + Int(buf[p] &- 0x30) }
                p += 1
            }
            exponent += eNeg ? -e : e
        }
        if sawDigit, p == end, digits <= 15, exponent >= -22, exponent <= 22 {
            var v = Double(mantissa)
            if exponent < 0 { v /= powersOf10[-exponent] } else { v *= powersOf10[exponent] }
            return negative ? -v : v
        }
        return slowParse(buf, start, end)
    }

    private static func slowParse(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double {
        var text = [CChar](repeating: 0, count: end - start + 1)
        for j in start..<end { text[j - start] = CChar(bitPattern: buf[j]) }
        return text.withUnsafeBufferPointer { p -> Double in
            var endPtr: UnsafeMutablePointer<CChar>?
            let v = strtod(p.baseAddress!, &endPtr)
            let used = endPtr.map { $0 - UnsafeMutablePointer(mutating: p.baseAddress!) } ?? 0
            return used == end - start ? v : .nan
        }
    }

    /// Parses free text as a number for CSV cells and the like: surrounding spaces allowed,
    /// an optional sign, digits with an optional fraction and exponent, or nan/inf spellings
    /// (which give NaN/±∞ so that callers can name them). nil when it is not a number at all.
    static func parseLenient<S: StringProtocol>(_ text: S) -> Double? {
        var s = String(text)
        let fast: Double?? = s.withUTF8 { buf -> Double?? in
            var a = 0, b = buf.count
            while a < b, buf[a] == 0x20 || buf[a] == 0x09 { a += 1 }
            while b > a, buf[b - 1] == 0x20 || buf[b - 1] == 0x09 { b -= 1 }
            if a == b { return .some(nil) }
            if isLenientNumber(buf, a, b) { return .some(parseDouble(buf, a, b)) }
            return nil
        }
        if let fast { return fast }
        switch s.trimmingSpaces.lowercased() {
        case "nan", "+nan", "-nan": return .nan
        case "inf", "+inf", "infinity", "+infinity", "∞", "+∞": return .infinity
        case "-inf", "-infinity", "-∞": return -.infinity
        default: return nil
        }
    }

    /// [+-]? digits [. digits]? ([eE][+-]?digits)?  with at least one digit in the significand;
    /// ".5" and "5." are allowed.
    static func isLenientNumber(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var p = start
        if p < end, b[p] == UInt8(ascii: "-") || b[p] == UInt8(ascii: "+") { p += 1 }
        var digits = 0
        while p < end, b[p] &- 0x30 < 10 { p += 1; digits += 1 }
        if p < end, b[p] == UInt8(ascii: ".") {
            p += 1
            while p < end, b[p] &- 0x30 < 10 { p += 1; digits += 1 }
        }
        if digits == 0 { return false }
        if p < end, b[p] | 0x20 == UInt8(ascii: "e") {
            p += 1
            if p < end, b[p] == UInt8(ascii: "-") || b[p] == UInt8(ascii: "+") { p += 1 }
            var ed = 0
            while p < end, b[p] &- 0x30 < 10 { p += 1; ed += 1 }
            if ed == 0 { return false }
        }
        return p == end
    }

    /// Whether `text` is a JSON integer literal: -?(0|[1-9][0-9]*).
    static func isIntegerLiteral<S: Collection<UInt8>>(_ text: S) -> Bool {
        var it = text.makeIterator()
        guard var c = it.next() else { return false }
        if c == UInt8(ascii: "-") { guard let n = it.next() else { return false }; c = n }
        guard c &- 0x30 < 10 else { return false }
        if c == 0x30 { return it.next() == nil }
        while let n = it.next() { if n &- 0x30 >= 10 { return false } }
        return true
    }
}

extension StringProtocol {
    /// The text without leading and trailing white space: ASCII spaces and tabs on the fast path,
    /// and any Unicode White_Space (no-break space U+00A0, ideographic space U+3000 that CJK
    /// spreadsheets pad with, line breaks) or a stray byte order mark U+FEFF. Ids, field names and
    /// numbers are trimmed with it, so "A1", " A1" and "A1\u{3000}" are one id (and so a duplicate).
    var trimmingSpaces: Substring {
        let s = Substring(self)
        let u = s.utf8
        var a = u.startIndex, b = u.endIndex
        while a < b, u[a] == 0x20 || u[a] == 0x09 { a = u.index(after: a) }
        while b > a {
            let p = u.index(before: b)
            if u[p] == 0x20 || u[p] == 0x09 { b = p } else { break }
        }
        var t = s[a..<b]
        func unusual(_ c: UInt8?) -> Bool { c.map { $0 >= 0x80 || ($0 >= 0x0A && $0 <= 0x0D) } ?? false }
        guard unusual(t.utf8.first) || unusual(t.utf8.last) else { return t }
        func space(_ c: Unicode.Scalar) -> Bool { c.properties.isWhitespace || c == "\u{FEFF}" }
        while let c = t.unicodeScalars.first, space(c) { t = Substring(t.unicodeScalars.dropFirst()) }
        while let c = t.unicodeScalars.last, space(c) { t = Substring(t.unicodeScalars.dropLast()) }
        return t
    }
}

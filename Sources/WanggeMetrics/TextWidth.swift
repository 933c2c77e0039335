/// Terminal column width of text: East Asian wide and fullwidth characters (CJK ideographs, kana,
/// Hangul, fullwidth forms, CJK punctuation) take 2 columns, combining marks and zero-width
/// characters 0, everything else 1. Counted per grapheme cluster, from its first scalar.
public enum TextWidth {
    public static func columns(_ s: String) -> Int {
        var w = 0
        for ch in s {
            guard let first = ch.unicodeScalars.first else { continue }
            w += width(of: first)
        }
        return w
    }

    static func width(of u: Unicode.Scalar) -> Int {
        let v = u.value
        if v == 0x200B || v == 0x200C || v == 0x200D || v == 0xFEFF { return 0 }
        switch u.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return 0
        default: break
        }
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// `s` padded with spaces to `width` columns, on the right (left-aligned) or on the left.
    public static func pad(_ s: String, to width: Int, right alignRight: Bool) -> String {
        let fill = String(repeating: " ", count: max(0, width - columns(s)))
        return alignRight ? fill + s : s + fill
    }
}

/// The shape of a UTF-8 sequence by its lead byte (RFC 3629 table 3-7): how many continuation bytes
/// follow and the range of the first one (excluding overlongs, surrogates and code points above
/// U+10FFFF). nil for a byte that cannot start a multi-byte sequence.
@inline(__always)
func utf8Lead(_ c: UInt8) -> (need: Int, lo: UInt8, hi: UInt8)? {
    switch c {
    case 0xC2...0xDF: return (1, 0x80, 0xBF)
    case 0xE0: return (2, 0xA0, 0xBF)
    case 0xE1...0xEC, 0xEE...0xEF: return (2, 0x80, 0xBF)
    case 0xED: return (2, 0x80, 0x9F)
    case 0xF0: return (3, 0x90, 0xBF)
    case 0xF1...0xF3: return (3, 0x80, 0xBF)
    case 0xF4: return (3, 0x80, 0x8F)
    default: return nil
    }
}

/// Whole-buffer UTF-8 validation (shortest forms, no surrogates, ≤ U+10FFFF).
enum UTF8Check {
    /// The offset of the first byte of the first invalid sequence, or nil when all is valid.
    static func firstInvalid(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var p = 0
        let n = b.count
        while p < n {
            // ASCII fast path, 8 bytes at a time.
            while p + 8 <= n {
                let w = UnsafeRawPointer(b.baseAddress! + p).loadUnaligned(as: UInt64.self)
                if w & 0x8080_8080_8080_8080 != 0 { break }
                p += 8
            }
            guard p < n else { return nil }
            let c = b[p]
            if c < 0x80 { p += 1; continue }
            var need = 0
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; hi = 0x9F
            case 0xF0: need = 3; lo = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; hi = 0x8F
            default: return p
            }
            guard p + need < n, b[p + 1] >= lo, b[p + 1] <= hi else { return p }
            if need >= 2, b[p + 2] & 0xC0 != 0x80 { return p }
            if need == 3, b[p + 3] & 0xC0 != 0x80 { return p }
            p += need + 1
        }
        return nil
    }
}

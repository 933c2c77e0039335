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
            guard let (need, lo, hi) = utf8Lead(c) else { return p }
            guard p + need < n, b[p + 1] >= lo, b[p + 1] <= hi else { return p }
            if need >= 2, b[p + 2] & 0xC0 != 0x80 { return p }
            if need == 3, b[p + 3] & 0xC0 != 0x80 { return p }
            p += need + 1
        }
        return nil
    }
}

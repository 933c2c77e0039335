import WanggeModel

/// Streams a `ByteBuffer` to an `AtomicFile` (WanggeModel, the one crash-safe writer: temporary
/// file in the same directory, fsync, rename, fsync of the directory) in chunks of ~1 MiB.
/// Dropping it uncommitted deletes the temporary file. Not Sendable: one writer, one thread.
final class AtomicFileWriter {
    let file: AtomicFile
    private var error: (any Error)?

    init(path: String) throws { file = try AtomicFile(path: path) }

    var path: String { file.path }
    var temporaryPath: String { file.temporaryPath }

    /// Writes out a filled buffer (and empties it) once it holds 1 MiB or more, or when forced.
    /// A write error is kept and thrown by `commit`.
    func drain(_ buffer: inout ByteBuffer, force: Bool = false) {
        guard force || buffer.bytes.count >= 1 << 20 else { return }
        if error == nil, !buffer.bytes.isEmpty {
            do { try file.write(buffer.bytes) } catch { self.error = error }
        }
        buffer.bytes.removeAll(keepingCapacity: true)
    }

    func commit(_ rest: inout ByteBuffer) throws {
        drain(&rest, force: true)
        if let error { file.abandon(); throw error }
        try file.commit()
    }
}

/// Bytes being assembled for a file: writers fill it line by line and hand it to the
/// `AtomicFileWriter` in large chunks (a value, so no class access checks in the inner loops).
struct ByteBuffer {
    var bytes: [UInt8] = []

    init(capacity: Int = 1 << 21) { bytes.reserveCapacity(capacity) }

    mutating func append(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ other: [UInt8]) { bytes.append(contentsOf: other) }

    /// A number with exactly 7 decimals (values are already rounded to 1e-7).
    mutating func appendFixed7(_ v: Double) {
        var scaled = Int64((v * 1e7).rounded())
        if scaled < 0 { bytes.append(UInt8(ascii: "-")); scaled = -scaled }
        appendInteger(scaled / 10_000_000)
        bytes.append(UInt8(ascii: "."))
        let frac = scaled % 10_000_000
        var divisor: Int64 = 1_000_000
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(frac / divisor % 10))
            divisor /= 10
        }
    }

    mutating func appendInteger(_ v: Int64) {
        if v < 0 { bytes.append(UInt8(ascii: "-")); appendInteger(-v); return }
        if v >= 10 { appendInteger(v / 10) }
        bytes.append(UInt8(ascii: "0") + UInt8(v % 10))
    }

    /// A JSON string literal.
    mutating func appendJSONString(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\\")); bytes.append(b)
            case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(b)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: Array("\\u00".utf8))
                bytes.append(hex[Int(b >> 4)]); bytes.append(hex[Int(b & 15)])
            default: bytes.append(b)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A CSV field, quoted when needed.
    mutating func appendCSV(_ s: String) {
        let needsQuotes = s.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
        guard needsQuotes else { append(s); return }
        bytes.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            if b == UInt8(ascii: "\"") { bytes.append(b) }
            bytes.append(b)
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

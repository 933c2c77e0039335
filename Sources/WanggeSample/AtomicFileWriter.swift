import WanggeModel
#if canImport(Glibc)
import Glibc
#endif

/// Streams bytes to `<dir>/.<name>.tmp-<pid>` in chunks of ~1 MiB and renames the file into place
/// on `commit()`, so a failed run never leaves a partial file. Dropping it uncommitted deletes the
/// temporary file. Not Sendable: one writer, one thread.
final class AtomicFileWriter {
    let path: String
    let temporaryPath: String
    private var file: UnsafeMutablePointer<FILE>?
    private var failed = false

    init(path: String) throws {
        self.path = path
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        temporaryPath = "\(dir)/.\(name).tmp-\(getpid())"
        guard let f = fopen(temporaryPath, "wb") else {
            throw WanggeError(.cannotCreate, "cannot create the file: \(String(cString: strerror(errno)))",
                              at: SourceLocation(file: path))
        }
        file = f
    }

    deinit {
        if let file {
            fclose(file)
            unlink(temporaryPath)
        }
    }

    /// Writes out a filled buffer (and empties it) once it holds 1 MiB or more, or when forced.
    func drain(_ buffer: inout ByteBuffer, force: Bool = false) {
        guard force || buffer.bytes.count >= 1 << 20 else { return }
        if let file, !buffer.bytes.isEmpty {
            let written = buffer.bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
            if written != buffer.bytes.count { failed = true }
        }
        buffer.bytes.removeAll(keepingCapacity: true)
    }

    func commit(_ rest: inout ByteBuffer) throws {
        drain(&rest, force: true)
        guard let f = file else { return }
        file = nil
        let closed = fclose(f)
        guard !failed, closed == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw WanggeError(.cannotCreate, "cannot write the file: \(reason)", at: SourceLocation(file: path))
        }
        guard rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw WanggeError(.cannotCreate, "cannot rename the finished file into place: \(reason)",
                              at: SourceLocation(file: path))
        }
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

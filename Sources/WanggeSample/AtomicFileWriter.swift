import WanggeModel
#if canImport(Glibc)
import Glibc
#endif

/// Streams bytes to `<dir>/.<name>.tmp-<pid>` through a 1 MiB buffer and renames the file into place
/// on `commit()`, so a failed run never leaves a partial file. Dropping it uncommitted deletes the
/// temporary file. Not Sendable: one writer, one thread.
final class AtomicFileWriter {
    let path: String
    let temporaryPath: String
    private var file: UnsafeMutablePointer<FILE>?
    private var buffer: [UInt8] = []
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
        buffer.reserveCapacity(1 << 20)
    }

    deinit {
        if let file {
            fclose(file)
            unlink(temporaryPath)
        }
    }

    func write(_ s: String) {
        var s = s
        s.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= 1 << 20 { flush() }
    }

    func write(bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { flush() }
    }

    /// A number with exactly 7 decimals (values are already rounded to 1e-7).
    func writeFixed7(_ v: Double) {
        var scaled = Int64((v * 1e7).rounded())
        if scaled < 0 { buffer.append(UInt8(ascii: "-")); scaled = -scaled }
        writeInteger(scaled / 10_000_000)
        buffer.append(UInt8(ascii: "."))
        var frac = scaled % 10_000_000
        var digits = [UInt8](repeating: UInt8(ascii: "0"), count: 7)
        for k in stride(from: 6, through: 0, by: -1) { digits[k] = UInt8(ascii: "0") + UInt8(frac % 10); frac /= 10 }
        buffer.append(contentsOf: digits)
    }

    func writeInteger(_ v: Int64) {
        if v < 0 { buffer.append(UInt8(ascii: "-")); writeInteger(-v); return }
        if v >= 10 { writeInteger(v / 10) }
        buffer.append(UInt8(ascii: "0") + UInt8(v % 10))
    }

    private func flush() {
        guard let file, !buffer.isEmpty else { return }
        let written = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        if written != buffer.count { failed = true }
        buffer.removeAll(keepingCapacity: true)
    }

    func commit() throws {
        flush()
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

/// JSON string literal.
func jsonString(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
        switch u {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if u.value < 0x20 {
                let hex = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(u)
            }
        }
    }
    return out + "\""
}

/// CSV field, quoted when needed.
func csvField(_ s: String) -> String {
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
    return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WanggeModel

/// Writes an output file atomically: into a temporary file in the same directory, renamed over
/// the destination at the end. Any failure removes the temporary file and throws 73 naming the path.
public struct OutputFile {
    let path: String
    private let tempPath: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    static let flushSize = 1 << 20

    private init(path: String, tempPath: String, fd: Int32) {
        self.path = path; self.tempPath = tempPath; self.fd = fd
        buffer.reserveCapacity(Self.flushSize + 4096)
    }

    /// Writes `path` with what `produce` appends to the buffer it is given; `produce` may call
    /// `flush` on the writer passed to it to keep memory small for large outputs.
    public static func write(path: String, _ produce: (inout OutputFile) throws -> Void) throws {
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[..<$0]) } ?? "."
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !base.isEmpty else { throw cannotCreate(path, EISDIR) }
        var fd: Int32 = -1
        var tempPath = ""
        for attempt in 0..<100 {
            tempPath = (dir.isEmpty ? "" : dir + "/") + ".\(base).\(getpid()).\(attempt).tmp"
            fd = open(tempPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else { throw cannotCreate(path, errno) }
        var file = OutputFile(path: path, tempPath: tempPath, fd: fd)
        do {
            try produce(&file)
            try file.flush()
            let closed = close(file.fd)
            file.fd = -1
            guard closed == 0 else { throw cannotCreate(path, errno) }
            guard rename(tempPath, path) == 0 else { throw cannotCreate(path, errno) }
        } catch {
            if file.fd >= 0 { close(file.fd) }
            unlink(tempPath)
            throw error
        }
    }

    static func cannotCreate(_ path: String, _ code: Int32) -> WanggeError {
        WanggeError(.cannotCreate, "cannot write output: \(String(cString: strerror(code)))", at: SourceLocation(file: path))
    }

    /// Appends bytes, flushing to disk when the buffer is large.
    public mutating func append<S: Sequence<UInt8>>(_ bytes: S) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.flushSize { try flush() }
    }

    public mutating func append(_ text: String) throws { try append(text.utf8) }

    /// Gives direct access to the pending buffer (cheap appends), then flushes when large.
    mutating func withBuffer(_ body: (inout [UInt8]) throws -> Void) throws {
        try body(&buffer)
        if buffer.count >= Self.flushSize { try flush() }
    }

    mutating func flush() throws {
        var written = 0
        while written < buffer.count {
            let n = buffer.withUnsafeBytes { raw in
                posixWrite(fd, raw.baseAddress! + written, raw.count - written)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw Self.cannotCreate(path, errno)
            }
            written += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

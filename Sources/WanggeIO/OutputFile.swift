import WanggeModel

/// A buffered output file on top of `AtomicFile` (WanggeModel), the one crash-safe writer:
/// temporary file in the same directory, fsync, rename, fsync of the directory. Any failure
/// removes the temporary file and throws 73 naming the path.
public struct OutputFile {
    let file: AtomicFile
    private var buffer: [UInt8] = []
    static let flushSize = 1 << 20

    private init(file: AtomicFile) {
        self.file = file
        buffer.reserveCapacity(Self.flushSize + 4096)
    }

    /// Writes `path` with what `produce` appends to the buffer it is given; `produce` may call
    /// `flush` on the writer passed to it to keep memory small for large outputs.
    public static func write(path: String, _ produce: (inout OutputFile) throws -> Void) throws {
        var out = OutputFile(file: try AtomicFile(path: path))
        do {
            try produce(&out)
            try out.flush()
            try out.file.commit()
        } catch {
            out.file.abandon()
            throw error
        }
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

    /// Appends bytes already encoded elsewhere: large ones go to the file as they are (after what
    /// the buffer holds), without a copy into the buffer.
    mutating func append(encoded bytes: [UInt8]) throws {
        if bytes.count < Self.flushSize / 4 { try withBuffer { $0.append(contentsOf: bytes) }; return }
        try flush()
        try file.write(bytes)
    }

    mutating func flush() throws {
        try file.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

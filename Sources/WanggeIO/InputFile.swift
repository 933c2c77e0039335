#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WanggeModel

/// Reading whole input files as bytes, with sysexits 66 when a file cannot be opened or read.
public enum InputFile {
    public static func read(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw cannotOpen(path, errno) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw cannotOpen(path, errno) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw cannotOpen(path, EISDIR) }
        // A regular file straight into the array (no zeroing, no copy); whatever follows (a file
        // that grew, a pipe, whose size is 0) in chunks.
        let size = (st.st_mode & S_IFMT) == S_IFREG ? Int(st.st_size) : 0
        var atEnd = false
        var bytes = try [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
            if size >= parallelReadBytes, Parallelism.workers > 1 {
                // A large file in one range per core, read side by side: most of the time goes to
                // the kernel's first touch of the array's pages, which each thread pays for its own.
                count = try readRanges(fd, into: buffer.baseAddress!, size: size, path: path)
                // pread leaves the offset alone: what follows is read from where the ranges end.
                guard lseek(fd, off_t(count), SEEK_SET) >= 0 else { throw cannotOpen(path, errno) }
            }
            while count < size {
                let n = posixRead(fd, buffer.baseAddress! + count, size - count)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw cannotOpen(path, errno)
                }
                if n == 0 { atEnd = true; break }
                count += n
            }
        }
        var chunk = [UInt8](repeating: 0, count: atEnd ? 0 : 1 << 16)
        while !atEnd {
            let n = chunk.withUnsafeMutableBytes { posixRead(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw cannotOpen(path, errno)
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }

    /// Files at least this large are read on all cores.
    static let parallelReadBytes = 16 << 20

    /// Reads `size` bytes of `fd` with `pread`, one range per core, into `base`; returns how many
    /// bytes were read before the file ended (all of them unless it shrank meanwhile).
    private static func readRanges(_ fd: Int32, into base: UnsafeMutablePointer<UInt8>, size: Int,
                                   path: String) throws -> Int {
        let ranges = chunkRanges(size, parts: Parallelism.workers)
        nonisolated(unsafe) let target = base
        let outcomes = parallelMap(ranges.count) { p -> (read: Int, error: Int32) in
            var at = ranges[p].lowerBound
            while at < ranges[p].upperBound {
                let n = pread(fd, target + at, ranges[p].upperBound - at, off_t(at))
                if n < 0 {
                    if errno == EINTR { continue }
                    return (at - ranges[p].lowerBound, errno)
                }
                if n == 0 { break }
                at += n
            }
            return (at - ranges[p].lowerBound, 0)
        }
        if let failed = outcomes.first(where: { $0.error != 0 }) { throw cannotOpen(path, failed.error) }
        // Ranges are whole up to the first short one (the file shrank): keep that prefix only.
        var total = 0
        for (p, o) in outcomes.enumerated() {
            total += o.read
            if o.read < ranges[p].count { break }
        }
        return total
    }

    static func cannotOpen(_ path: String, _ code: Int32) -> WanggeError {
        WanggeError(.noInput, "cannot open input: \(String(cString: strerror(code)))", at: SourceLocation(file: path))
    }

    /// 1-based line and column (in characters) of byte `offset`.
    static func lineColumn(_ bytes: [UInt8], _ offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        let end = min(offset, bytes.count)
        var i = 0
        while i < end {
            if bytes[i] == 0x0A { line += 1; lineStart = i + 1 }
            i += 1
        }
        var column = 1
        var j = lineStart
        while j < end {
            if bytes[j] & 0xC0 != 0x80 { column += 1 }
            j += 1
        }
        return (line, column)
    }

    /// Whether the file's extension names a format.
    static func pathExtension(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return ext(path) }
        return ext(String(path[path.index(after: slash)...]))
    }

    private static func ext(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }
}

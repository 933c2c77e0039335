#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one crash-safe writer behind every output file (plans, CSV, reports, wall maps, samples,
/// graph exports), done the way SQLite and git do it:
///
/// 1. the bytes go to `.NAME.wangge-tmp-PID-RANDOM` in the destination's directory (same file
///    system, so the rename is atomic), created with `O_EXCL`;
/// 2. the file is `fsync`ed, closed, and renamed over `NAME`;
/// 3. the directory is `fsync`ed, so the rename itself survives a power cut.
///
/// A reader therefore sees the old file or the complete new one, never a partial or empty file
/// under the real name. A failure (or dropping the writer before `commit`) removes the temporary
/// file. A temporary file left by a killed run (SIGKILL, power cut) never has the real name, so
/// nothing reads it; the next run that writes the same target removes those whose process no
/// longer exists. Not Sendable: one writer, one thread.
public final class AtomicFile {
    /// The destination.
    public let path: String
    /// Where the bytes go until `commit`.
    public let temporaryPath: String
    private let directory: String
    private var fd: Int32
    private var finished = false

    /// What every temporary name contains after `.NAME` (for tests and for the stale-file sweep).
    public static let marker = ".wangge-tmp-"

    /// Creates the temporary file for `path` (73 naming `path` when it cannot), after removing
    /// temporary files of the same target that dead processes left behind.
    public init(path: String) throws {
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[..<$0]) } ?? "."
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !base.isEmpty, base != ".", base != ".." else { throw Self.failure(path, "is a directory", EISDIR) }
        self.path = path
        directory = dir.isEmpty ? "/" : dir
        Self.removeStaleTemporaries(in: directory, name: base)
        var fd: Int32 = -1
        var temporary = ""
        for _ in 0..<16 {
            let random = String(UInt64.random(in: 0...UInt64.max), radix: 16)
            temporary = (dir.isEmpty ? "/" : dir + "/") + "." + base + Self.marker + "\(getpid())-" + random
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else { throw Self.failure(path, "cannot create", errno) }
        self.fd = fd
        temporaryPath = temporary
    }

    deinit { abandon() }

    /// Appends raw bytes (retrying short writes and EINTR).
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard fd >= 0, !finished else { throw Self.failure(path, "write after close", EBADF) }
        var done = 0
        while done < bytes.count {
            let n = Self.posixWrite(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                let code = errno
                abandon()
                throw Self.failure(path, "cannot write", code)
            }
            done += n
        }
    }

    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Makes the file durable and gives it its real name: fsync, close, rename, fsync the directory.
    public func commit() throws {
        guard !finished else { return }
        if fd < 0 {
            // Written by path (`write(to:_:)`): reopen to flush what the library wrote.
            fd = open(temporaryPath, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { let code = errno; abandon(); throw Self.failure(path, "cannot reopen", code) }
        }
        if fsync(fd) != 0 { let code = errno; abandon(); throw Self.failure(path, "cannot sync", code) }
        let closed = close(fd)
        fd = -1
        if closed != 0 { let code = errno; abandon(); throw Self.failure(path, "cannot close", code) }
        if rename(temporaryPath, path) != 0 {
            let code = errno; abandon(); throw Self.failure(path, "cannot rename into place", code)
        }
        finished = true
        // The rename is only durable once the directory entry is on disk. Some file systems
        // cannot sync a directory (EINVAL); the file itself is complete either way.
        let dirFD = open(directory, O_RDONLY | O_CLOEXEC)
        if dirFD >= 0 {
            let synced = fsync(dirFD)
            let code = errno
            close(dirFD)
            if synced != 0 && code != EINVAL && code != ENOTSUP && code != EROFS {
                throw Self.failure(path, "cannot sync the directory after the rename", code)
            }
        }
    }

    /// Removes the temporary file (a failed or abandoned write); the destination is untouched.
    public func abandon() {
        guard !finished else { return }
        finished = true
        if fd >= 0 { close(fd); fd = -1 }
        unlink(temporaryPath)
    }

    /// Writes `path` through a library that opens files by name (cairo): `body` gets the
    /// temporary path to write, then the file is committed as above. A WanggeError that names the
    /// temporary path is re-pointed at `path`.
    public static func write(to path: String, _ body: (String) throws -> Void) throws {
        let file = try AtomicFile(path: path)
        close(file.fd)
        file.fd = -1
        do {
            try body(file.temporaryPath)
        } catch var error as WanggeError {
            file.abandon()
            if error.location.file == file.temporaryPath { error.location.file = path }
            throw error
        } catch {
            file.abandon()
            throw error
        }
        try file.commit()
    }

    /// Removes `.NAME.wangge-tmp-PID-*` files in `directory` whose process is gone (a killed run).
    /// Files of live processes (a concurrent run) are left alone; nothing ever reads them.
    static func removeStaleTemporaries(in directory: String, name: String) {
        let prefix = "." + name + marker
        guard let dir = opendir(directory) else { return }
        defer { closedir(dir) }
        var stale: [String] = []
        while let entry = readdir(dir) {
            let entryName = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            guard entryName.hasPrefix(prefix) else { continue }
            let rest = entryName.dropFirst(prefix.count)
            guard let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[..<dash]), pid > 0 else { continue }
            if pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH { stale.append(entryName) }
        }
        for entryName in stale { unlink(directory + "/" + entryName) }
    }

    static func failure(_ path: String, _ what: String, _ code: Int32) -> WanggeError {
        WanggeError(.cannotCreate, "cannot write output (\(what)): \(String(cString: strerror(code)))",
                    at: SourceLocation(file: path))
    }

    @inline(__always) static func posixWrite(_ fd: Int32, _ buf: UnsafeRawPointer, _ n: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.write(fd, buf, n)
        #else
        return Darwin.write(fd, buf, n)
        #endif
    }
}

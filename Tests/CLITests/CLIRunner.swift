import Foundation
import Testing

/// Runs the built `wangge` binary: `$WANGGE_BIN`, else the `wangge` built beside this test executable
/// (same build directory, so the same flags and sanitizers: `make test` builds it before `swift test`),
/// else `.build/debug/wangge` under the package root.
enum CLI {
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static let binary: String = {
        if let env = ProcessInfo.processInfo.environment["WANGGE_BIN"], !env.isEmpty { return env }
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            let beside = URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("wangge").path
            if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        }
        return packageRoot.appendingPathComponent(".build/debug/wangge").path
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `wangge` (or `executable`) with the arguments; `environment` entries replace the
    /// inherited ones.
    static func run(_ arguments: [String], in directory: String? = nil, executable: String? = nil,
                    environment: [String: String] = [:]) throws -> Result {
        let bin = binary
        guard FileManager.default.isExecutableFile(atPath: bin) else {
            throw CLIError.missingBinary(bin)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable ?? bin)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        // Output goes to files (no pipe can fill up and block the child).
        let base = NSTemporaryDirectory() + "wangge-cli-out-" + UUID().uuidString
        _ = FileManager.default.createFile(atPath: base + ".out", contents: nil)
        _ = FileManager.default.createFile(atPath: base + ".err", contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: base + ".out")
            try? FileManager.default.removeItem(atPath: base + ".err")
        }
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: base + ".out"))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: base + ".err"))
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close(); try err.close()
        let stdout = try String(contentsOfFile: base + ".out", encoding: .utf8)
        let stderr = try String(contentsOfFile: base + ".err", encoding: .utf8)
        return Result(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }

    enum CLIError: Error, CustomStringConvertible {
        case missingBinary(String)
        var description: String {
            switch self {
            case .missingBinary(let p): return "no wangge binary at \(p): run `swift build --product wangge` (or `make test`), or set WANGGE_BIN"
            }
        }
    }
}

/// A temporary directory for one test's inputs; its listing shows what a run left behind.
final class Scratch {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "wangge-cli-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func file(_ name: String, _ text: String) -> String {
        let p = path + "/" + name
        precondition(FileManager.default.createFile(atPath: p, contents: Data(text.utf8)), "cannot write \(p)")
        return p
    }

    var listing: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }
}

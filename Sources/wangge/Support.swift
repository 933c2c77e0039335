import ArgumentParser
import Wangge
import WanggeModel
import WanggeIO
import WanggeProjection
import WanggeGraph
import WanggePartition
import WanggeGeometry
import WanggeMetrics
import WanggeRender
import WanggeSample
import WanggeLink
import WanggeEnsemble
#if canImport(Glibc)
import Glibc
#endif

/// Runs a command body and turns a `WanggeError` into its message on stderr and its sysexits
/// status, so every subcommand fails the same way.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as WanggeError {
        Diagnostics.error(error.description)
        throw ExitCode(error.status.rawValue)
    }
}

/// Messages for the user on stderr; progress is silenced by `-q`.
enum Diagnostics {
    nonisolated(unsafe) static var quiet = false

    static func error(_ message: String) { write("wangge: error: \(message)\n") }
    static func warning(_ message: String) { write("wangge: warning: \(message)\n") }
    static func progress(_ message: String) { if !quiet { write("\(message)\n") } }

    private static func write(_ s: String) {
        var s = s
        s.withUTF8 { buf in _ = Glibc.write(2, buf.baseAddress, buf.count) }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Time per pipeline stage, in order: wall clock, or — with the environment variable
/// `WANGGE_STAGE_CLOCK=cpu` — the CPU time of the whole process (all threads), which a loaded
/// machine inflates far less (for benchmarks such as `Benchmarks/growth.sh`).
public struct Stopwatch: Sendable {
    public private(set) var stages: [(stage: String, seconds: Double)] = []
    private let cpu: Bool
    private var mark: Double

    public init() {
        cpu = getenv("WANGGE_STAGE_CLOCK").map { String(cString: $0) } == "cpu"
        mark = 0
        mark = now()
    }

    private func now() -> Double {
        var ts = timespec()
        clock_gettime(cpu ? CLOCK_PROCESS_CPUTIME_ID : CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    /// Ends the current stage under `name` and starts the next.
    public mutating func lap(_ name: String) {
        let t = now()
        stages.append((name, t - mark))
        mark = t
    }

    public var total: Double { stages.reduce(0) { $0 + $1.seconds } }
}

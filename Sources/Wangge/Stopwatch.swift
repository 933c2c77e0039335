/// Wall-clock time per pipeline stage, in order.
public struct Stopwatch: Sendable {
    public private(set) var stages: [(stage: String, seconds: Double)] = []
    private let clock = ContinuousClock()
    private var mark: ContinuousClock.Instant

    public init() { mark = clock.now }

    /// Ends the current stage under `name` and starts the next.
    public mutating func lap(_ name: String) {
        let now = clock.now
        let d = now - mark
        stages.append((name, Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18))
        mark = now
    }

    public var total: Double { stages.reduce(0) { $0 + $1.seconds } }
}

import Synchronization

/// A cooperative cancellation check for the synchronous core: the long loops (partition trials and
/// refinement rounds, redraw moves, ensemble chains) ask `isCancelled` between steps and stop early;
/// the stage that started them then throws `CancellationError`. The async library API (module
/// `Wangge`) builds one from `Task` cancellation; `.never` is the default everywhere else, so the CLI
/// and every existing caller behave exactly as before.
public struct Cancellation: Sendable {
    private let flag: (@Sendable () -> Bool)?

    /// A check that asks `isCancelled` (called often: keep it cheap, e.g. an atomic load).
    public init(_ isCancelled: @escaping @Sendable () -> Bool) { flag = isCancelled }
    private init() { flag = nil }

    /// Never cancelled.
    public static let never = Cancellation()

    public var isCancelled: Bool { flag?() ?? false }

    /// A check that answers "cancelled" from its `n`-th question on (n ≥ 1): cancels a run at a
    /// reproducible point inside a stage, for tests and for measuring where the checks are.
    public static func afterChecks(_ n: Int) -> Cancellation {
        let asked = CheckCounter()
        return Cancellation { asked.next() >= n }
    }

    /// Throws `CancellationError` when cancelled.
    public func check() throws {
        if let flag, flag() { throw CancellationError() }
    }
}

/// Counts the questions asked of `Cancellation.afterChecks` (from any thread).
private final class CheckCounter: Sendable {
    private let count = Atomic<Int>(0)
    func next() -> Int { count.add(1, ordering: .relaxed).newValue }
}

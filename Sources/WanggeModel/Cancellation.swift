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

    /// Throws `CancellationError` when cancelled.
    public func check() throws {
        if let flag, flag() { throw CancellationError() }
    }
}

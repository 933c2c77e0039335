import WanggeModel
import Dispatch
import Synchronization

/// The stages of the pipeline, in the order data flows through them (DESIGN section 2). Progress
/// events name the stage that starts; a call reports only the stages it runs, always in this order.
public enum PipelineStage: String, Sendable, CaseIterable, Comparable {
    case read, project, graph, partition
    case serviceAreas = "service areas"
    case metrics, write

    public static func < (a: PipelineStage, b: PipelineStage) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A progress callback: called with each stage as it starts, on the thread doing the work.
public typealias ProgressHandler = @Sendable (PipelineStage) -> Void

/// Progress and cancellation for one run, handed down the synchronous pipeline: `enter` reports a
/// stage and throws `CancellationError` when the run was cancelled; the long loops inside a stage
/// ask `cancellation` between steps.
public struct RunControl: Sendable {
    public var cancellation: Cancellation
    public var progress: ProgressHandler?

    public init(cancellation: Cancellation = .never, progress: ProgressHandler? = nil) {
        self.cancellation = cancellation; self.progress = progress
    }

    /// No progress, never cancelled (what the CLI and the synchronous entry points use).
    public static let none = RunControl()

    /// Checks for cancellation, then reports `stage`.
    public func enter(_ stage: PipelineStage) throws {
        try cancellation.check()
        progress?(stage)
    }
}

/// Set once when the calling task is cancelled; read by the synchronous core through `Cancellation`.
final class CancellationFlag: Sendable {
    private let value = Atomic<Bool>(false)
    func set() { value.store(true, ordering: .relaxed) }
    var isSet: Bool { value.load(ordering: .relaxed) }
}

/// Runs the synchronous `body` on a Dispatch worker (not on the caller's cooperative thread) and
/// returns its result; cancelling the calling task sets the flag `body` sees through its
/// `RunControl`, so it stops at the next check and the call throws `CancellationError`.
func runCancellable<T: Sendable>(progress: ProgressHandler?,
                                 _ body: @escaping @Sendable (RunControl) throws -> T) async throws -> T {
    let flag = CancellationFlag()
    let control = RunControl(cancellation: Cancellation { flag.isSet }, progress: progress)
    return try await withTaskCancellationHandler {
        try Task.checkCancellation()
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try body(control) })
            }
        }
    } onCancel: {
        flag.set()
    }
}

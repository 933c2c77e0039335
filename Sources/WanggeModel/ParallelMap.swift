import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How many threads the pipeline's parallel steps use: the environment variable `WANGGE_THREADS`
/// when it is a positive integer (1 = everything on one thread), else the number of online cores.
/// Every parallel step gives the same result, byte for byte, whatever this is.
public enum Parallelism {
    public static let workers: Int = {
        if let text = getenv("WANGGE_THREADS").map({ String(cString: $0) }), let n = Int(text), n >= 1 { return n }
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }()
}

/// `(0..<count).map(body)` on all cores (sequentially when `Parallelism.workers` is 1). Each index
/// writes only its own slot, so the result is the same as the sequential map whatever the
/// scheduling: parallel and deterministic.
public func parallelMap<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
    guard count > 1, Parallelism.workers > 1 else { return (0..<count).map(body) }
    var results = [T?](repeating: nil, count: count)
    results.withUnsafeMutableBufferPointer { buffer in
        nonisolated(unsafe) let slots = buffer
        DispatchQueue.concurrentPerform(iterations: count) { i in slots[i] = body(i) }
    }
    return results.map { $0! }
}

/// Runs two independent jobs side by side (on two cores when there are two) and returns both
/// results; when either throws, the first job's error wins, as if they had run one after the other.
public func concurrently<A: Sendable, B: Sendable>(_ first: @Sendable () throws -> A,
                                                   _ second: @Sendable () throws -> B) throws -> (A, B) {
    let results = parallelMap(2) { i -> EitherResult<A, B> in
        i == 0 ? .first(Result { try first() }) : .second(Result { try second() })
    }
    guard case let .first(a) = results[0], case let .second(b) = results[1] else { fatalError("unreachable") }
    return (try a.get(), try b.get())
}

private enum EitherResult<A: Sendable, B: Sendable>: Sendable {
    case first(Result<A, any Error>)
    case second(Result<B, any Error>)
}

/// `0..<count` cut into at most `parts` consecutive ranges of nearly equal length (none empty).
public func chunkRanges(_ count: Int, parts: Int) -> [Range<Int>] {
    let parts = max(1, min(parts, count))
    guard count > 0 else { return [] }
    return (0..<parts).map { p in (count * p / parts)..<(count * (p + 1) / parts) }
}

/// A job started on another thread at once (a plain queue thread, not a `parallelMap` slot, so
/// `parallelMap` calls made meanwhile still get every core); `value` waits for its result. A job that
/// no thread has started when its value is asked for (queued behind other jobs while the cores are
/// busy) runs then, in the caller's thread, instead of being waited for. With `Parallelism.workers`
/// 1 it runs on the spot, in the caller's thread.
public final class BackgroundJob<T: Sendable>: @unchecked Sendable {
    private let done = DispatchGroup()
    /// Set by the one thread that runs the body (at once when it runs on the spot).
    private let claimed: Atomic<Bool>
    /// Read and released only by the thread that claimed the job, so what it captures is freed once run.
    private var body: (@Sendable () -> T)?
    private var result: T?

    public convenience init(_ body: @escaping @Sendable () -> T) {
        self.init(inBackground: true, body)
    }

    /// `inBackground` false: runs `body` on the spot, in the caller's thread (as with one worker).
    public init(inBackground: Bool, _ body: @escaping @Sendable () -> T) {
        if Parallelism.workers == 1 || !inBackground {
            claimed = Atomic(true)
            result = body()
            return
        }
        claimed = Atomic(false)
        self.body = body
        done.enter()
        DispatchQueue.global().async { self.runUnlessClaimed() }
    }

    /// Runs the body when no thread has yet: exactly one of the queue thread and `value` does.
    private func runUnlessClaimed() {
        guard claimed.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged,
              let run = body else { return }
        body = nil
        result = run()
        done.leave()
    }

    /// The job's result (running it here when it has not started, else waiting for it).
    public var value: T {
        runUnlessClaimed()
        done.wait()
        return result!
    }
}

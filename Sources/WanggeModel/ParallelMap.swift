import Dispatch

/// `(0..<count).map(body)` on all cores. Each index writes only its own slot, so the result is the
/// same as the sequential map whatever the scheduling: parallel and deterministic.
public func parallelMap<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
    guard count > 1 else { return (0..<count).map(body) }
    var results = [T?](repeating: nil, count: count)
    results.withUnsafeMutableBufferPointer { buffer in
        nonisolated(unsafe) let slots = buffer
        DispatchQueue.concurrentPerform(iterations: count) { i in slots[i] = body(i) }
    }
    return results.map { $0! }
}

import WanggeModel

/// Runs `body` on consecutive ranges of `0..<count` on all cores (one range, inline, when there are
/// fewer than `minimum` items per range or one worker). The ranges must write disjoint memory; the
/// result is then the same as one pass in order, whatever the scheduling.
func forEachChunk(_ count: Int, minimum: Int = 1 << 15, _ body: @Sendable (Range<Int>) -> Void) {
    let parts = min(4 * Parallelism.workers, count / max(minimum, 1))
    guard parts > 1, Parallelism.workers > 1 else {
        if count > 0 { body(0..<count) }
        return
    }
    let ranges = chunkRanges(count, parts: parts)
    _ = parallelMap(ranges.count) { body(ranges[$0]) }
}

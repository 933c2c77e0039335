import Testing
import WanggeModel
@testable import WanggePartition

@Suite struct PartitionCancellationTests {
    /// Cancelled at many points of the multilevel trials (coarsening, the initial partition, each
    /// refinement level), the partition throws `CancellationError`: an attempt cancelled between
    /// levels holds a coarser level's part, which must never be judged as a whole one (it was, and
    /// the run trapped on an index out of range).
    @Test func cancelledAnywhereInTheTrialsThrows() throws {
        // More than 2,000 sites: the trials coarsen at least once.
        var problem = uniformSites(2_400, seed: 7).problem(k: 6)
        for n in [1, 2, 3, 4, 5, 6, 8, 10, 13, 17, 21, 27, 34, 44, 55, 70, 89] {
            problem.cancellation = .afterChecks(n)
            #expect(throws: CancellationError.self, "cancelled at check \(n)") {
                try Partitioner.partition(problem)
            }
        }
    }
}

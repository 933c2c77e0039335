import Testing
import WanggeModel
import WanggePartition

@Suite struct RedrawTests {
    /// A plan over 3000 sites, then a year later: 5% moved out, 400 new sites in the north-east.
    func evolved(seed: UInt64) throws -> (old: PartitionResult, sites: Sites, previous: [Int32]) {
        let base = uniformSites(3000, seed: seed)
        let old = try Partitioner.partition(base.problem(k: 10, seed: 1, splitGroups: true))
        var rng = TestRNG(seed + 100)
        var next = Sites()
        var previous: [Int32] = []
        for i in 0..<base.x.count where rng.unit() > 0.05 {
            next.x.append(base.x[i]); next.y.append(base.y[i]); next.load.append(1); previous.append(old.district[i])
        }
        let side = base.x.max()!
        for _ in 0..<400 {
            next.x.append(side * (0.7 + 0.3 * rng.unit())); next.y.append(side * (0.7 + 0.3 * rng.unit()))
            next.load.append(1); previous.append(-1)
        }
        (next.offsets, next.neighbours) = delaunayGraph(x: next.x, y: next.y)
        return (old, next, previous)
    }

    @Test func unchangedInputMovesNothing() throws {
        let sites = uniformSites(2000, seed: 3)
        let p = sites.problem(k: 8, seed: 1, splitGroups: true)
        let plan = try Partitioner.partition(p)
        let again = try Partitioner.redraw(p, previous: plan.district)
        #expect(again.movedSites == 0)
        #expect(again.movedLoad == 0)
        #expect(again.coreRetention == 1)
        #expect(again.partition.district == plan.district)
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func growthIsAbsorbedWithFewMoves(seed: UInt64) throws {
        let (_, sites, previous) = try evolved(seed: seed)
        let p = sites.problem(k: 10, tolerance: 0.05, seed: 1, splitGroups: true)
        let r = try Partitioner.redraw(p, previous: previous)
        let c = check(p, r.partition)
        #expect(c.assignedOnce && c.nonEmpty)
        #expect(c.worstDeviation <= 0.05 + 1e-9, "worst \(c.worstDeviation)")
        #expect(c.nonContiguous == 0)
        // Independent count of moved households.
        var moved = 0, old = 0
        for i in 0..<previous.count where previous[i] >= 0 {
            old += 1
            if r.partition.district[i] != previous[i] { moved += 1 }
        }
        #expect(moved == r.movedSites)
        #expect(abs(r.coreRetention - (1 - Double(moved) / Double(old))) < 1e-12)
        #expect(r.newSites == 400)
        // A fresh partition would reshuffle far more; redraw keeps most households in place.
        #expect(r.coreRetention > 0.8, "retention \(r.coreRetention)")
    }

    @Test func frozenDistrictsStayExactly() throws {
        let (_, sites, previous) = try evolved(seed: 4)
        let p = sites.problem(k: 10, tolerance: 0.05, seed: 1, splitGroups: true)
        let frozen: Set<Int32> = [0, 9]
        let r = try Partitioner.redraw(p, previous: previous, freeze: frozen)
        #expect(check(p, r.partition).assignedOnce)
        for i in 0..<previous.count {
            if previous[i] >= 0 && frozen.contains(previous[i]) { #expect(r.partition.district[i] == previous[i]) }
            if frozen.contains(r.partition.district[i]) { #expect(previous[i] == r.partition.district[i]) }
        }
        #expect(r.partition.district.count == previous.count)
    }

    @Test func previousIdsOutOfRangeAreRejected() {
        let sites = uniformSites(100, seed: 1)
        let p = sites.problem(k: 4, splitGroups: true)
        #expect(throws: (any Error).self) { try Partitioner.redraw(p, previous: [Int32](repeating: 7, count: 100)) }
    }

    /// A site heavier than a district may be (a big new apartment block) cannot be placed by a
    /// redraw either: the same data error as for a partition, naming it.
    @Test func aSiteHeavierThanADistrictIsADataError() throws {
        var sites = uniformSites(400, seed: 2)
        let p0 = sites.problem(k: 4, splitGroups: true)
        let plan = try Partitioner.partition(p0)
        sites.load[17] = 150                       // target is now (399 + 150) / 4 ≈ 137
        let p = sites.problem(k: 4, splitGroups: true)
        let error = #expect(throws: WanggeError.self) { try Partitioner.redraw(p, previous: plan.district) }
        #expect(error?.status == .dataError)
        #expect(error?.description.contains("site 17") == true)
    }
}

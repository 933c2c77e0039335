import Testing
import WanggeModel
import WanggePartition

@Suite struct PartitionDiagnosticsTests {
    @Test func kOutOfRangeIsAUsageError() {
        let sites = uniformSites(50, seed: 1)
        #expect(throws: WanggeError.self) { try Partitioner.partition(sites.problem(k: 0)) }
        do { _ = try Partitioner.partition(sites.problem(k: 51)); Issue.record("no error") } catch let e as WanggeError {
            #expect(e.status == .usage)
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func kAboveAtomsIsADataError() {
        var sites = uniformSites(60, seed: 2)
        sites.group = (0..<60).map { Int32($0 / 10) }      // 6 groups
        do { _ = try Partitioner.partition(sites.problem(k: 7, tolerance: 0.5)); Issue.record("no error") } catch let e as WanggeError {
            #expect(e.status == .dataError)
            #expect(e.message.contains("6"))
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func heavyGroupIsNamed() {
        var sites = uniformSites(100, seed: 3)
        sites.group = (0..<100).map { $0 < 30 ? 0 : Int32(1 + $0) }
        var p = sites.problem(k: 5)
        p.groupNames = ["Big group"] + (1...200).map { "g\($0)" }
        do { _ = try Partitioner.partition(p); Issue.record("no error") } catch let e as WanggeError {
            #expect(e.status == .dataError)
            #expect(e.message.contains("Big group"))
        } catch { Issue.record("unexpected \(error)") }
        // Allowed when groups may be split.
        p.splitGroups = true
        #expect(throws: Never.self) { try Partitioner.partition(p) }
    }

    /// 400 sites on the mainland and `islandSize` on an island far away, no edge between them.
    static func mainlandAndIsland(_ islandSize: Int) -> Sites {
        var sites = uniformSites(400, seed: 4)
        let island = uniformSites(islandSize, seed: 5)
        let base = Int32(sites.x.count)
        sites.x += island.x.map { $0 + 1e5 }; sites.y += island.y; sites.load += island.load
        sites.neighbours += island.neighbours.map { $0 + base }
        sites.offsets += island.offsets.dropFirst().map { $0 + Int32(sites.offsets.last!) - 0 }
        return sites
    }

    /// Contiguity comes before balance (DESIGN section 4): with no more parts than districts, a
    /// light island keeps a district of its own and balance gives way, reported with the best figure.
    @Test func islandTooSmallKeepsADistrictOfItsOwn() throws {
        let sites = Self.mainlandAndIsland(5)
        let p = sites.problem(k: 4, tolerance: 0.05, seed: 1, splitGroups: true)
        let r = try Partitioner.partition(p)
        let c = check(p, r)
        #expect(c.assignedOnce && c.nonEmpty)
        #expect(c.nonContiguous == 0)
        #expect(r.contiguous.allSatisfy { $0 })
        // The island alone (5 sites), the mainland's 400 in three districts.
        let islandDistricts = Set((400..<405).map { r.district[$0] })
        #expect(islandDistricts.count == 1)
        #expect(r.district.filter { $0 == islandDistricts.first! }.count == 5)
        #expect(r.worstDeviation > 0.05)
        #expect(r.diagnostics.contains(.balanceNotReached(worstDeviation: r.worstDeviation, tolerance: 0.05)))
    }

    /// With more parts than districts contiguity must give way somewhere: light parts are joined
    /// to their nearest neighbour, balance is kept, and the split district is reported.
    @Test func morePartsThanDistrictsAreBridgedAndReported() throws {
        var sites = Self.mainlandAndIsland(5)
        let third = uniformSites(4, seed: 6)
        let base = Int32(sites.x.count)
        sites.x += third.x.map { $0 - 1e5 }; sites.y += third.y; sites.load += third.load
        sites.neighbours += third.neighbours.map { $0 + base }
        sites.offsets += third.offsets.dropFirst().map { $0 + Int32(sites.offsets.last!) - 0 }
        let p = sites.problem(k: 2, tolerance: 0.05, seed: 1, splitGroups: true)
        let r = try Partitioner.partition(p)
        let c = check(p, r)
        #expect(c.assignedOnce && c.nonEmpty)
        #expect(c.worstDeviation <= 0.05 + 1e-9)
        #expect(c.nonContiguous >= 1)
        #expect(r.diagnostics.contains { if case .disconnectedGraph(components: 3, bridged: _) = $0 { true } else { false } })
        #expect(r.contiguous.filter { !$0 }.count == c.nonContiguous)
    }

    @Test func unreachableBalanceIsReportedWithBestFigure() throws {
        // Three sites on a line with loads 5, 4, 3 into two districts: best is 5 | 7.
        let p = PartitionProblem(x: [0, 1, 2], y: [0, 0, 0], load: [5, 4, 3], offsets: [0, 1, 3, 4],
                                 neighbours: [1, 0, 2, 1], k: 2, tolerance: 0.05)
        let r = try Partitioner.partition(p)
        #expect(Set(r.loads) == [5, 7])
        #expect(abs(r.worstDeviation - 1.0 / 6.0) < 1e-9)
        #expect(r.diagnostics.contains(.balanceNotReached(worstDeviation: r.worstDeviation, tolerance: 0.05)))
    }

    @Test func moreNestUnitsThanDistrictsIsReported() throws {
        var sites = uniformSites(600, seed: 6)
        let maxX = sites.x.max()!
        sites.nest = sites.x.map { Int32(min(5, Int($0 / maxX * 6))) }
        let p = sites.problem(k: 3, tolerance: 0.05, seed: 1, splitGroups: true)
        let r = try Partitioner.partition(p)
        #expect(check(p, r).assignedOnce)
        #expect(r.diagnostics.contains { if case .nestUnitsMerged(units: 6, merged: _, k: 3) = $0 { true } else { false } })
    }
}

@Suite struct PartitionEdgeCaseTests {
    @Test func everySiteItsOwnDistrict() throws {
        let sites = uniformSites(30, seed: 7)
        let p = sites.problem(k: 30, tolerance: 0.05, splitGroups: true)
        let r = try Partitioner.partition(p)
        #expect(Set(r.district).count == 30)
        #expect(r.worstDeviation < 1e-12)
    }

    @Test func graphWithoutEdgesStillAssignsEverySite() throws {
        var sites = uniformSites(500, seed: 8)
        sites.offsets = [Int32](repeating: 0, count: 501); sites.neighbours = []
        let p = sites.problem(k: 5, tolerance: 0.05, splitGroups: true)
        let r = try Partitioner.partition(p)
        let c = check(p, r)
        #expect(c.assignedOnce && c.nonEmpty)
        #expect(c.worstDeviation <= 0.05 + 1e-9)
        #expect(r.diagnostics.contains { if case .disconnectedGraph = $0 { true } else { false } })
    }

    @Test func zeroTotalLoadIsADataError() {
        var sites = uniformSites(20, seed: 9)
        sites.load = [Double](repeating: 0, count: 20)
        #expect(throws: WanggeError.self) { try Partitioner.partition(sites.problem(k: 2, splitGroups: true)) }
    }

    @Test func weightedLoadsWithZerosBalance() throws {
        var sites = uniformSites(3000, seed: 10)
        var rng = TestRNG(10)
        sites.load = sites.load.map { _ in Double(rng.next() % 7) }     // 0…6 people
        let p = sites.problem(k: 12, tolerance: 0.05, splitGroups: true)
        let r = try Partitioner.partition(p)
        let c = check(p, r)
        #expect(c.assignedOnce && c.nonEmpty)
        #expect(c.worstDeviation <= 0.05 + 1e-9)
        #expect(c.nonContiguous == 0)
    }
}

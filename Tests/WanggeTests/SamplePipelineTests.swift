import Testing
import Foundation
import Wangge
import WanggeModel
import WanggeIO
import WanggeProjection
import WanggeGraph
import WanggePartition
import WanggeGeometry
import WanggeMetrics
import WanggeRender
import WanggeSample
import WanggeLink
import WanggeEnsemble

/// The main job on the bundled sample: every rule of DESIGN sections 4 and 5, checked on the result.
@Suite struct SamplePipelineTests {
    static let run: Result<(Inputs, PipelineResult), any Error> = Result {
        let inputs = try Inputs.load(Sample.options())
        var options = PartitionOptions()
        options.k = 21
        return (inputs, try PartitionPipeline.run(inputs, options: options, nest: false))
    }

    @Test func everyHouseholdInExactlyOneOf21NonEmptyDistricts() throws {
        let (inputs, result) = try Self.run.get()
        let plan = result.plan
        #expect(plan.households.count == 1312 && inputs.households.count == 1312)
        #expect(plan.assignment.count == 1312)
        #expect(plan.districts.count == 21)
        let counts = plan.assignment.reduce(into: [Int](repeating: 0, count: 21)) { $0[Int($1)] += 1 }
        #expect(counts.allSatisfy { $0 > 0 })
        #expect(counts.reduce(0, +) == 1312)
    }

    @Test func balancedWithinFivePercentGroupsWholeAndContiguous() throws {
        let (_, result) = try Self.run.get()
        let r = result.report.plan
        #expect(r.maxAbsDeviation <= 0.05 + 1e-12)
        #expect(r.groupsSplit == 0)
        #expect(r.groups == 141)
        #expect(r.noncontiguous == [])
        // Relations are kept together far more often than not.
        #expect((r.relationCutFraction ?? 1) < 0.10)
    }

    /// Issue 3's quality bar against the peers of `Benchmarks/peers/compare_peers.py` on this sample
    /// (k = 21, same points and graph): pymetis (ufactor 50) cuts 4.88% of the relation weight,
    /// k-means-constrained (60–65 households per cluster) reaches a dispersion of 598.02 km²·load.
    /// Both peers break Wangge's hard rules (METIS splits 14 groups, k-means-constrained leaves 7
    /// districts in pieces); Wangge must beat METIS's cut and stay within 25% of the dispersion.
    @Test func beatsMETISOnRelationCutAndStaysNearCapacitatedKMeansOnDispersion() throws {
        let (_, result) = try Self.run.get()
        let r = result.report.plan
        #expect((r.relationCutFraction ?? 1) < 0.0488)
        #expect(r.dispersion / 1e6 <= 1.25 * 598.02, "dispersion \(r.dispersion / 1e6) km²·load")
    }

    /// The bar does not hang on one lucky seed: with merge-split re-splits most seeds reach it
    /// (the others trade dispersion for a lower relation cut, which ranks first).
    @Test func dispersionBarHoldsForMostSeeds() throws {
        let inputs = try Inputs.load(Sample.options())
        var reached = 0
        for seed: UInt64 in 2...5 {
            var options = PartitionOptions()
            options.seed = seed
            let r = try PartitionPipeline.run(inputs, options: options, nest: false).report.plan
            #expect(r.maxAbsDeviation <= 0.05 + 1e-12 && r.noncontiguous == [] && r.groupsSplit == 0)
            #expect((r.relationCutFraction ?? 1) < 0.0488)
            if r.dispersion / 1e6 <= 1.25 * 598.02 { reached += 1 }
        }
        #expect(reached >= 3, "\(reached) of seeds 2–5 within 25% of k-means-constrained's dispersion")
    }

    @Test func serviceAreasTileTheBoundaryAndHoldTheirHouseholds() throws {
        let (inputs, result) = try Self.run.get()
        let context = GeometryContext()
        let boundary = try context.multiPolygon(inputs.boundaryMetric!)
        let areas = try result.areasMetric.map { try context.multiPolygon($0) }
        let sum = try areas.reduce(0) { try $0 + $1.area() }
        #expect(abs(sum - (try boundary.area())) / (try boundary.area()) < 1e-9)
        for a in areas { #expect(try a.isValid()) }
        for i in 0..<areas.count {
            for j in (i + 1)..<areas.count where try areas[i].intersects(areas[j]) {
                #expect(try areas[i].intersection(areas[j]).area() < 1e-6)
            }
        }
        let prepared = try areas.map { try PreparedGeometry($0) }
        for h in 0..<inputs.households.count {
            let d = Int(result.plan.assignment[h])
            #expect(try prepared[d].covers(x: inputs.x[h], y: inputs.y[h]), "household \(h) outside its district")
        }
        // Written coordinates (WGS84, 7 decimals) still tile: union area against the boundary.
        let wgs = try result.plan.districts.map { try context.multiPolygon($0.area) }
        let wgsSum = try wgs.reduce(0) { try $0 + $1.area() }
        let wgsBoundary = try context.multiPolygon(inputs.boundary!).area()
        #expect(abs(wgsSum - wgsBoundary) / wgsBoundary < 1e-6)
        for g in wgs { #expect(try g.isValid()) }
    }

    /// Issue 12: the river is a border between service areas everywhere except at its bridges: no
    /// area whose households all live on one bank has river line, away from the bridges' discs, with
    /// itself on both sides. A district whose households live on both banks (joined through a bridge)
    /// may own both banks of a stretch (a valid polygon cannot have a slit); every area is one polygon.
    @Test func noServiceAreaCrossesTheRiverAwayFromABridge() throws {
        let (inputs, result) = try Self.run.get()
        #expect(inputs.barriersMetric.crossings.count >= 2)
        var noBridges = inputs.barriersMetric
        noBridges.crossings = []
        let banks = try NeighbourGraph.build(x: inputs.x, y: inputs.y, barriers: noBridges,
                                             region: WalkingBarriers.region(inputs.boundaryMetric))
        var banksOf = [Set<Int32>](repeating: [], count: 21)
        for h in 0..<inputs.households.count {
            banksOf[Int(result.plan.assignment[h])].insert(banks.componentOfSite[Int(banks.siteOfHousehold[h])])
        }
        let inside = try barrierLengthInside(result.areasMetric, barriers: inputs.barriersMetric)
        for (d, length) in inside.enumerated() where banksOf[d].count == 1 {
            #expect(length == 0, "\(result.plan.districts[d].id): \(length) m of river inside, away from bridges")
        }
        #expect(result.areasMetric.allSatisfy { $0.polygons.count == 1 })
        // Without the cut (plain Voronoi cells) six one-bank areas ran across the river.
        let plain = try ServiceAreas.build(sites: (0..<banks.siteCount).map { Point2(banks.x[$0], banks.y[$0]) },
                                           siteDistrict: result.partition.district, k: 21,
                                           clip: ClipRegion.covering(inputs.boundaryMetric!, sites: []).0)
        let before = try barrierLengthInside(plain.districts, barriers: inputs.barriersMetric)
        #expect(before.indices.filter { banksOf[$0].count == 1 && before[$0] > 0 }.count >= 3)
    }

    /// Without --boundary the default region closes the scattered hamlets into one polygon, so
    /// districts that span hamlets still get one-piece service areas (the separate hamlet patches
    /// used to leave every district in pieces).
    @Test func withoutABoundaryEveryServiceAreaIsOnePiece() throws {
        var o = Sample.options()
        o.boundaryPath = nil
        let inputs = try Inputs.load(o)
        let result = try PartitionPipeline.run(inputs, options: PartitionOptions(), nest: false)
        #expect(result.plan.districts.count == 21)
        #expect(result.plan.districts.allSatisfy { $0.area.polygons.count == 1 })
        #expect((result.report.plan.multipart ?? []).isEmpty)
        #expect(result.report.plan.noncontiguous == [])
    }

    @Test func neighbouringDistrictsHaveDifferentColours() throws {
        let (_, result) = try Self.run.get()
        let pairs = try DistrictColoring.adjacency(result.areasMetric, minimumLength: 1e-6)
        #expect(!pairs.isEmpty)
        for (i, j, _) in pairs { #expect(result.plan.districts[i].color != result.plan.districts[j].color) }
        #expect(Set(result.plan.districts.map(\.color)).count <= 6)
    }

    @Test func labelsAndServicePointsAreFilledIn() throws {
        let (_, result) = try Self.run.get()
        for (d, district) in result.plan.districts.enumerated() {
            #expect(district.label?.district == district.id)
            let sp = Int(district.servicePoint)
            #expect(sp >= 0 && Int(result.plan.assignment[sp]) == d)
            #expect(district.areaKm2 > 0)
        }
    }

    @Test func sameInputAndSeedGiveIdenticalBytes() throws {
        let (inputs, first) = try Self.run.get()
        var options = PartitionOptions()
        options.k = 21
        let second = try PartitionPipeline.run(inputs, options: options, nest: false)
        #expect(PlanWriter.encode(first.plan) == PlanWriter.encode(second.plan))
    }
}

import Foundation
import Testing
@testable import Wangge
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

@Suite struct ClipRegionTests {
    let square = MultiPolygon([Polygon(rings: [[Point2(0, 0), Point2(100, 0), Point2(100, 100), Point2(0, 100), Point2(0, 0)]])])

    @Test func sitesInsideLeaveTheRegionAlone() throws {
        let (region, grown) = try ClipRegion.covering(square, sites: [Point2(10, 10), Point2(100, 50)])
        #expect(grown.isEmpty)
        #expect(region == square)
    }

    @Test func aSiteMillimetresOutsideIsCoveredByATinyPatch() throws {
        let sites = [Point2(50, 50), Point2(100.002, 40)]
        let (region, grown) = try ClipRegion.covering(square, sites: sites)
        #expect(grown == [1])
        let g = try GeometryContext().multiPolygon(region)
        let p = try PreparedGeometry(g)
        #expect(try p.covers(x: 100.002, y: 40))
        #expect(abs(try g.area() - 10_000) < 0.01)
        #expect(try g.isValid())
    }

    @Test func aSiteFarOutsideIsAnError() throws {
        #expect(throws: WanggeError.self) { try ClipRegion.covering(square, sites: [Point2(120, 50)]) }
    }
}

@Suite struct ParallelMapTests {
    @Test func parallelMapEqualsTheSequentialMapInOrder() {
        let n = 10_000
        let squares = parallelMap(n) { i in i * i + (i % 7) }
        #expect(squares == (0..<n).map { $0 * $0 + ($0 % 7) })
        #expect(parallelMap(0) { $0 }.isEmpty)
        #expect(parallelMap(1) { $0 + 41 } == [41])
    }

    /// A job not sent to the background has run when it is created (as with one worker).
    @Test func aJobNotInTheBackgroundRunsOnTheSpot() {
        final class Box: @unchecked Sendable { var ran = false }
        let box = Box()
        let job = BackgroundJob(inBackground: false) { box.ran = true; return 7 }
        #expect(box.ran)
        #expect(job.value == 7 && BackgroundJob { 6 * 7 }.value == 42)
    }

    /// Each job's body runs exactly once and gives its value, whether a queue thread or the caller of
    /// `value` (taking over a job no thread has started) runs it: the queue threads are held busy by
    /// jobs that wait for a signal, and the jobs queued behind them are asked for at once.
    @Test(.timeLimit(.minutes(1))) func aJobRunsOnceWhoeverRunsIt() {
        final class Gate: @unchecked Sendable {
            let open = DispatchSemaphore(value: 0)
            let lock = NSLock()
            var runs: [Int: Int] = [:]
            func ran(_ i: Int) { lock.lock(); runs[i, default: 0] += 1; lock.unlock() }
        }
        let gate = Gate()
        let holders = (0..<8).map { _ in BackgroundJob { gate.open.wait(); return 0 } }
        let jobs = (0..<200).map { i in BackgroundJob { gate.ran(i); return i * i } }
        // Every value arrives while the holders still hold their threads.
        #expect(jobs.enumerated().allSatisfy { $0.element.value == $0.offset * $0.offset })
        for _ in holders { gate.open.signal() }
        #expect(holders.allSatisfy { $0.value == 0 })
        gate.lock.lock(); let runs = gate.runs; gate.lock.unlock()
        #expect(runs.count == 200 && runs.values.allSatisfy { $0 == 1 })
    }
}

/// The service areas are unprojected and rounded in runs of districts side by side: the same
/// districts, in the same order, as one pass.
@Suite struct CoverageOutputTests {
    @Test func writtenInRunsEqualsOnePass() throws {
        let projector = try Projector(longitudes: [116.3, 116.4], latitudes: [33.2, 33.3])
        // 120 districts: squares of a 12 × 10 grid, some with a hole, around (116.35°E, 33.25°N).
        let origin = try projector.project(longitudes: [116.35], latitudes: [33.25])
        let areas = (0..<120).map { d -> MultiPolygon in
            let x0 = origin.x[0] + Double(d % 12) * 137.5, y0 = origin.y[0] + Double(d / 12) * 91.25
            func ring(_ a: Double, _ b: Double, _ c: Double, _ e: Double) -> [Point2] {
                [Point2(a, b), Point2(c, b), Point2(c, e), Point2(a, e), Point2(a, b)]
            }
            var rings = [ring(x0, y0, x0 + 137.5, y0 + 91.25)]
            if d % 5 == 0 { rings.append(Array(ring(x0 + 20, y0 + 20, x0 + 40.123, y0 + 33.3).reversed())) }
            return MultiPolygon([Polygon(rings: rings)])
        }
        let runs = try CoverageOutput.written(areas, projector: projector)
        let onePass = try CoverageOutput.written(areas[...], projector: projector, cancellation: .never)
        #expect(runs == onePass)
        #expect(runs.count == 120 && runs.allSatisfy { !$0.isEmpty })
    }
}

import Foundation
import PropertyBased
import Testing
import WanggeModel
@testable import WanggeGraph

@Suite struct DelaunayTests {
    @Test func randomPointSetsAreDelaunayTriangulations() async {
        let points = zip(Gen.double(in: 0...1000), Gen.double(in: 0...1000)).array(of: 3...150)
        await propertyCheck(count: 60, input: points) { pts in
            let (x, y) = distinct(pts)
            guard x.count >= 3 else { return }
            let d = Delaunay(x: x, y: y)
            if d.isCollinear { return }
            #expect(triangulationViolations(d, x: x, y: y, globalCheck: true) == [])
        }
    }

    /// Integer coordinates in a tiny range: many collinear and cocircular quadruples.
    @Test func degenerateIntegerPointSetsAreDelaunayTriangulations() async {
        let points = zip(Gen.int(in: 0...6), Gen.int(in: 0...6)).array(of: 3...60)
        await propertyCheck(count: 80, input: points) { pts in
            let (x, y) = distinct(pts.map { (Double($0.0), Double($0.1)) })
            guard x.count >= 3 else { return }
            let d = Delaunay(x: x, y: y)
            if d.isCollinear {
                // Then the points really are collinear.
                for k in 2..<x.count { #expect(orient2d(x[0], y[0], x[1], y[1], x[k], y[k]) == 0) }
                return
            }
            #expect(triangulationViolations(d, x: x, y: y, globalCheck: true) == [])
        }
    }

    @Test func grid100x100() {
        var x: [Double] = [], y: [Double] = []
        for i in 0..<100 { for j in 0..<100 { x.append(500_000 + Double(i) * 10); y.append(3_000_000 + Double(j) * 10) } }
        let d = Delaunay(x: x, y: y)
        #expect(triangulationViolations(d, x: x, y: y) == [])
        #expect(d.hull.count == 396)  // every boundary point of the grid is on the hull
        #expect(d.triangleCount == 2 * 99 * 99)
    }

    @Test func shuffledGridWithLateInsertions() {
        // A 30 × 30 grid with a third of the interior points forced through the late-insertion fallback,
        // which then meets points lying exactly on existing edges.
        var x: [Double] = [], y: [Double] = []
        for i in 0..<30 { for j in 0..<30 { x.append(Double(i)); y.append(Double(j)) } }
        var late = Set<Int32>()
        for i in 1..<29 { for j in 1..<29 where (i * 7 + j * 3) % 3 == 0 { late.insert(Int32(i * 30 + j)) } }
        let d = Delaunay(x: x, y: y, forcedLate: late)
        #expect(d.lateInsertions == late.count)
        #expect(triangulationViolations(d, x: x, y: y) == [])
    }

    @Test func randomPointsWithLateInsertions() {
        let (x, y) = randomPoints(2000, seed: 11)
        let hull = Set(Delaunay(x: x, y: y).hull)
        let late = Set((0..<Int32(2000)).filter { $0 % 5 == 0 && !hull.contains($0) })
        let d = Delaunay(x: x, y: y, forcedLate: late)
        #expect(d.lateInsertions == late.count)
        #expect(triangulationViolations(d, x: x, y: y) == [])
    }

    @Test func collinearPointsGiveThePathAlongTheLine() {
        // y = 2x + 1 with x in a shuffled order.
        let xs: [Double] = [5, -3, 0, 12, 7, 1, -8, 2]
        let ys = xs.map { 2 * $0 + 1 }
        let d = Delaunay(x: xs, y: ys)
        #expect(d.isCollinear)
        #expect(d.hull.map { xs[Int($0)] } == xs.sorted())
    }

    @Test func fewPoints() {
        #expect(Delaunay(x: [], y: []).hull == [])
        #expect(Delaunay(x: [1], y: [1]).hull == [0])
        #expect(Delaunay(x: [3, 1], y: [0, 0]).hull == [1, 0])
        let d = Delaunay(x: [0, 0, 1], y: [0, 1, 0])
        #expect(d.triangleCount == 1)
        #expect(Set(d.triangles) == [0, 1, 2])
        #expect(triangulationViolations(d, x: [0, 0, 1], y: [0, 1, 0]) == [])
    }

    @Test func cocircularPoints() {
        // 12 lattice points on the circle of radius 5, plus its centre; then without the centre.
        let ring: [(Double, Double)] = [(5, 0), (4, 3), (3, 4), (0, 5), (-3, 4), (-4, 3), (-5, 0), (-4, -3),
                                        (-3, -4), (0, -5), (3, -4), (4, -3)]
        for withCentre in [true, false] {
            let pts = withCentre ? ring + [(0, 0)] : ring
            let x = pts.map(\.0), y = pts.map(\.1)
            let d = Delaunay(x: x, y: y)
            #expect(triangulationViolations(d, x: x, y: y, globalCheck: true) == [])
            #expect(d.hull.count == 12)
        }
    }

    @Test func nearlyCollinearPoints() {
        // Points on a long line with perturbations of a few ulps: a naive orientation test fails here.
        var x: [Double] = [], y: [Double] = []
        for k in 0..<200 {
            let t = 500_000 + Double(k) * 0.37
            x.append(t)
            var v = 3_000_000 + Double(k) * 0.37
            if k % 3 == 1 { v = v.nextUp } else if k % 3 == 2 { v = v.nextDown.nextDown }
            y.append(v)
        }
        let d = Delaunay(x: x, y: y)
        if !d.isCollinear { #expect(triangulationViolations(d, x: x, y: y) == []) }
    }

    @Test func nearlyCocircularPointsOnABigCircle() {
        // 720 points on a circle of 1 km around a UTM-like centre: cocircular up to rounding.
        var x: [Double] = [], y: [Double] = []
        for k in 0..<720 {
            let a = Double(k) / 720 * 2 * Double.pi
            x.append(500_000 + 1000 * cos(a)); y.append(3_000_000 + 1000 * sin(a))
        }
        let d = Delaunay(x: x, y: y)
        #expect(triangulationViolations(d, x: x, y: y) == [])
        #expect(d.triangleCount == 2 * 720 - 2 - d.hull.count)
    }

    @Test func collinearPointsAndOneApex() {
        // 100 points on a line and one point off it: a fan of 99 triangles.
        let x = (0..<100).map { Double($0) * 3 } + [150], y = [Double](repeating: 7, count: 100) + [40]
        let d = Delaunay(x: x, y: y)
        #expect(triangulationViolations(d, x: x, y: y, globalCheck: true) == [])
        #expect(d.triangleCount == 99)
        #expect(d.hull.count == 101)
    }

    @Test func eulerOnRandomPoints() {
        let (x, y) = randomPoints(5000, seed: 3)
        let d = Delaunay(x: x, y: y)
        #expect(d.triangleCount == 2 * 5000 - 2 - d.hull.count)
        #expect(triangulationViolations(d, x: x, y: y) == [])
    }

    private func distinct(_ pts: [(Double, Double)]) -> ([Double], [Double]) {
        var seen = Set<[Double]>()
        var x: [Double] = [], y: [Double] = []
        for p in pts where seen.insert([p.0, p.1]).inserted { x.append(p.0); y.append(p.1) }
        return (x, y)
    }

    /// The sweep asks the cancellation check every 65,536 points: on 70,000 points a check that fires
    /// at once stops it with `CancellationError`; one that never fires gives the plain triangulation.
    @Test func sweepStopsWhenCancelled() throws {
        let (x, y) = randomPoints(70_000, seed: 9)
        #expect(throws: CancellationError.self) { try Delaunay(x: x, y: y, cancellation: .afterChecks(1)) }
        let checked = try Delaunay(x: x, y: y, cancellation: .afterChecks(2))
        #expect(checked.triangles == Delaunay(x: x, y: y).triangles)
    }
}

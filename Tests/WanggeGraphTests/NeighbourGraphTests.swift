import Foundation
import PropertyBased
import Testing
import WanggeModel
@testable import WanggeGraph

@Suite struct NeighbourGraphTests {
    /// Symmetric, sorted, loop-free, duplicate-free CSR whose lengths match the coordinates.
    func checkCSR(_ g: NeighbourGraph) {
        #expect(g.offsets.count == g.siteCount + 1)
        for s in 0..<g.siteCount {
            let nb = g.neighbours(of: s)
            #expect(zip(nb, nb.dropFirst()).allSatisfy { $0 < $1 })
            #expect(!nb.contains(Int32(s)))
            for k in Int(g.offsets[s])..<Int(g.offsets[s + 1]) {
                let t = Int(g.neighbours[k])
                #expect(g.neighbours(of: t).contains(Int32(s)))
                let d = ((g.x[s] - g.x[t]) * (g.x[s] - g.x[t]) + (g.y[s] - g.y[t]) * (g.y[s] - g.y[t])).squareRoot()
                #expect(abs(g.lengths[k] - d) <= 1e-9 * max(1, d))
            }
        }
    }

    func delaunayEdgeSet(_ g: NeighbourGraph) -> Set<[Int32]> {
        var edges = Set<[Int32]>()
        for e in 0..<g.triangles.count {
            let a = g.triangles[e], b = g.triangles[Delaunay.next(e)]
            edges.insert([min(a, b), max(a, b)])
        }
        return edges
    }

    func edgeSet(_ g: NeighbourGraph) -> Set<[Int32]> {
        var edges = Set<[Int32]>()
        for s in 0..<g.siteCount { for t in g.neighbours(of: s) where Int32(s) < t { edges.insert([Int32(s), t]) } }
        return edges
    }

    @Test func untrimmedGraphIsTheDelaunayGraph() throws {
        let (x, y) = randomPoints(3000, seed: 21)
        let g = try NeighbourGraph.build(x: x, y: y, options: GraphOptions(trim: false))
        checkCSR(g)
        #expect(edgeSet(g) == delaunayEdgeSet(g))
        #expect(g.edgeCount == g.delaunayEdgeCount)
        #expect(g.componentCount == 1 && g.trimmedEdgeCount == 0 && g.barrierEdgeCount == 0)
    }

    @Test func householdsAtOneSpotAreOneSite() throws {
        let x: [Double] = [0, 100, 0, 50, 0], y: [Double] = [0, 0, 0, 80, 0]
        let g = try NeighbourGraph.build(x: x, y: y)
        #expect(g.siteCount == 3)
        let s = g.siteOfHousehold
        #expect(s[0] == s[2] && s[2] == s[4] && Set([s[0], s[1], s[3]]).count == 3)
        #expect(Array(g.households(of: Int(s[0]))) == [0, 2, 4])
        #expect(g.edgeCount == 3)
        checkCSR(g)
    }

    /// Two tight villages 5 km apart: every Delaunay edge between them is longer than 3 × the median
    /// edge at both ends and than the floor, so all are trimmed except the shortest one, which is put
    /// back because without it the villages would be disconnected.
    @Test func trimmingKeepsOnlyTheShortestLinkBetweenDistantClusters() throws {
        let (ax, ay) = randomPoints(80, seed: 1, in: 0...200)
        let (bx, by) = randomPoints(80, seed: 2, in: 0...200)
        let x = ax + bx.map { $0 + 5000 }, y = ay + by
        // (A 300 m floor: no edge inside a village, at most 283 m, can be trimmed.)
        let g = try NeighbourGraph.build(x: x, y: y, options: GraphOptions(trimFactor: 3, trimFloor: 300))
        checkCSR(g)
        let inA = { (s: Int32) in g.x[Int(s)] < 2500 }
        let cross = delaunayEdgeSet(g).filter { inA($0[0]) != inA($0[1]) }
        let kept = edgeSet(g).filter { inA($0[0]) != inA($0[1]) }
        #expect(cross.count >= 2)
        #expect(kept.count == 1)
        let len = { (e: [Int32]) -> Double in
            let (s, t) = (Int(e[0]), Int(e[1]))
            return ((g.x[s] - g.x[t]) * (g.x[s] - g.x[t]) + (g.y[s] - g.y[t]) * (g.y[s] - g.y[t])).squareRoot()
        }
        #expect(len(kept.first!) == cross.map(len).min())
        #expect(g.componentCount == 1)
        #expect(g.restoredEdgeCount >= 1)
        #expect(g.trimmedEdgeCount == delaunayEdgeSet(g).count - edgeSet(g).count)
        // Inside each village nothing is trimmed: the village graphs are their own Delaunay graphs' edges.
        #expect(edgeSet(g).filter { inA($0[0]) == inA($0[1]) } == delaunayEdgeSet(g).filter { inA($0[0]) == inA($0[1]) })
    }

    /// A lone farm 1 km from a village keeps its edges: they are long for the village houses but
    /// typical for the farm itself (the rule needs "long at both ends").
    @Test func loneFarmStaysConnectedByAllItsEdges() throws {
        let (vx, vy) = randomPoints(60, seed: 4, in: 0...150)
        let x = vx + [1150], y = vy + [75]
        let g = try NeighbourGraph.build(x: x, y: y)
        let farm = Int(g.siteOfHousehold[60])
        let delaunayFarm = delaunayEdgeSet(g).filter { $0.contains(Int32(farm)) }.count
        #expect(g.neighbours(of: farm).count == delaunayFarm)
        #expect(g.componentCount == 1)
    }

    /// A hamlet of three houses 2 km from a village: its links to the village are long at both ends
    /// (its own scale comes from its short internal edges), so only the shortest one is kept.
    @Test func distantHamletKeepsOneLink() throws {
        let (vx, vy) = randomPoints(60, seed: 8, in: 0...300)
        let x = vx + [2300, 2330, 2310], y = vy + [150, 160, 190]
        let g = try NeighbourGraph.build(x: x, y: y)
        let hamlet = Set((60..<63).map { g.siteOfHousehold[$0] })
        let links = edgeSet(g).filter { hamlet.contains($0[0]) != hamlet.contains($0[1]) }
        #expect(links.count == 1)
        #expect(g.componentCount == 1)
        #expect(edgeSet(g).filter { hamlet.contains($0[0]) && hamlet.contains($0[1]) }.count == 3)
    }

    /// Trimming never splits a component: on clustered points with a random river, the components with
    /// trimming equal those without.
    @Test func trimmingNeverAddsComponents() async {
        let input = zip(Gen.int(in: 1...6), Gen.int(in: 0...1_000_000), Gen.double(in: 0...1000), Gen.double(in: 0...1000))
        await propertyCheck(count: 25, input: input) { clusters, seed, r0, r1 in
            var g = SeededGenerator(seed: UInt64(seed))
            var x: [Double] = [], y: [Double] = []
            for _ in 0..<clusters {
                let cx = Double.random(in: 0...10_000, using: &g), cy = Double.random(in: 0...10_000, using: &g)
                let spread = Double.random(in: 20...400, using: &g)
                for _ in 0..<Int.random(in: 1...80, using: &g) {
                    x.append(cx + Double.random(in: -spread...spread, using: &g))
                    y.append(cy + Double.random(in: -spread...spread, using: &g))
                }
            }
            let river = Barriers(lines: [[Point2(r0 * 10, 0), Point2(5000, 5000), Point2(r1 * 10, 10_000)]])
            let trimmed = try? NeighbourGraph.build(x: x, y: y, barriers: river)
            let untrimmed = try? NeighbourGraph.build(x: x, y: y, barriers: river, options: GraphOptions(trim: false))
            guard let trimmed, let untrimmed else { Issue.record("build failed"); return }
            #expect(trimmed.componentCount == untrimmed.componentCount)
            #expect(trimmed.componentOfSite == untrimmed.componentOfSite)
            #expect(trimmed.edgeCount + trimmed.trimmedEdgeCount == untrimmed.edgeCount)
        }
    }

    @Test func trimmingRespectsTheFloor() throws {
        // Same two villages, but only 600 m apart and a 1 km floor: nothing is trimmed.
        let (ax, ay) = randomPoints(40, seed: 1, in: 0...100)
        let (bx, by) = randomPoints(40, seed: 2, in: 0...100)
        let g = try NeighbourGraph.build(x: ax + bx.map { $0 + 600 }, y: ay + by,
                                         options: GraphOptions(trimFactor: 3, trimFloor: 1000))
        #expect(g.trimmedEdgeCount == 0)
        #expect(edgeSet(g) == delaunayEdgeSet(g))
    }

    /// A river along x = 500.5 through the whole area removes exactly the Delaunay edges whose ends lie
    /// on different banks and leaves two components, one per bank.
    @Test func riverRemovesExactlyTheCrossingEdges() throws {
        let (x, y) = randomPoints(1500, seed: 9)
        let river = Barriers(lines: [[Point2(500.5, -10), Point2(500.5, 400), Point2(500.5, 1010)]])
        let g = try NeighbourGraph.build(x: x, y: y, barriers: river, options: GraphOptions(trim: false))
        checkCSR(g)
        let west = { (s: Int32) in g.x[Int(s)] < 500.5 }
        let all = delaunayEdgeSet(g)
        let crossing = all.filter { west($0[0]) != west($0[1]) }
        #expect(!crossing.isEmpty)
        #expect(edgeSet(g) == all.subtracting(crossing))
        #expect(g.barrierEdgeCount == crossing.count)
        #expect(g.componentCount == 2)
        for s in 0..<g.siteCount {
            #expect(g.componentOfSite[s] == g.componentOfSite[0] || west(Int32(s)) != west(0))
        }
    }

    /// The grid index agrees with testing every edge against every barrier segment, for a wiggly
    /// river polyline and a lake polygon with a hole.
    @Test func barrierIndexAgreesWithBruteForce() throws {
        var g = SeededGenerator(seed: 13)
        var river: [Point2] = []
        for k in 0...300 { river.append(Point2(Double(k) * 3.4, 500 + 120 * sin(Double(k) / 17) + Double.random(in: -5...5, using: &g))) }
        let lake = Polygon(rings: [
            [Point2(200, 200), Point2(400, 210), Point2(380, 420), Point2(190, 380), Point2(200, 200)],
            [Point2(260, 260), Point2(300, 260), Point2(300, 300), Point2(260, 260)],
        ])
        let barriers = Barriers(lines: [river], polygons: [lake])
        let (x, y) = randomPoints(4000, seed: 17)
        let graph = try NeighbourGraph.build(x: x, y: y, barriers: barriers, options: GraphOptions(trim: false))
        var segments: [(Point2, Point2)] = []
        for k in 1..<river.count { segments.append((river[k - 1], river[k])) }
        for ring in lake.rings { for k in 1..<ring.count { segments.append((ring[k - 1], ring[k])) } }
        var expected = Set<[Int32]>()
        for e in delaunayEdgeSet(graph) {
            let (p, q) = (Int(e[0]), Int(e[1]))
            let hit = segments.contains { s in
                segmentsCross(graph.x[p], graph.y[p], graph.x[q], graph.y[q], s.0.x, s.0.y, s.1.x, s.1.y)
            }
            if !hit { expected.insert(e) }
        }
        #expect(edgeSet(graph) == expected)
        #expect(graph.barrierEdgeCount == delaunayEdgeSet(graph).count - expected.count)
        // The public single-edge query agrees.
        let index = BarrierIndex(barriers)
        for e in delaunayEdgeSet(graph).prefix(3000) {
            let (p, q) = (Int(e[0]), Int(e[1]))
            #expect(index.crosses(Point2(graph.x[p], graph.y[p]), Point2(graph.x[q], graph.y[q])) == !expected.contains(e))
        }
        #expect(graph.barrierEdgeCount > 100)
    }

    /// The Delaunay graph listed in ranges of half-edges side by side is the one listed in one range,
    /// and its rows hold exactly the triangulation's edges (both ways; hull edges too).
    @Test func siteGraphListedInRangesIsTheTriangulations() throws {
        let (x, y) = randomPoints(40_000, seed: 5, in: 0...10_000)
        let d = try Delaunay(x: x, y: y)
        let ranged = SiteCSR(d, x: x, y: y, parallelFrom: 1), whole = SiteCSR(d, x: x, y: y, parallelFrom: .max)
        #expect(ranged.offsets == whole.offsets && ranged.neighbours == whole.neighbours)
        #expect(ranged.lengths == whole.lengths && ranged.reverse == whole.reverse)
        var expected = Set<Int64>()
        for e in 0..<d.triangles.count {
            let a = Int64(d.triangles[e]), b = Int64(d.triangles[Delaunay.next(e)])
            expected.insert(a << 32 | b); expected.insert(b << 32 | a)
        }
        var listed = Set<Int64>()
        for s in 0..<ranged.vertexCount {
            for k in Int(ranged.offsets[s])..<Int(ranged.offsets[s + 1]) { listed.insert(Int64(s) << 32 | Int64(ranged.neighbours[k])) }
        }
        #expect(listed == expected && ranged.neighbours.count == expected.count)
    }

    /// A graph large enough to be built in several chunks (more than 2 × 2^15 sites; on several
    /// cores): every row sorted, each entry's length and reverse entry right, the medians those of
    /// each row sorted on its own, the barrier flags those of the single-edge query for every edge,
    /// the trim flags those of the rule edge by edge, and the filtered rows the kept entries in order.
    @Test func graphBuiltInChunksAgreesEntryByEntry() throws {
        let (x, y) = randomPoints(70_000, seed: 21, in: 0...20_000)
        let g = SiteCSR(try Delaunay(x: x, y: y), x: x, y: y)
        for s in 0..<g.vertexCount {
            let lo = Int(g.offsets[s]), hi = Int(g.offsets[s + 1])
            for k in lo..<hi {
                let t = Int(g.neighbours[k]), r = Int(g.reverse[k])
                if k > lo && g.neighbours[k - 1] >= g.neighbours[k] { Issue.record("row \(s) not increasing") }
                if Int(g.neighbours[r]) != s || Int(g.reverse[r]) != k { Issue.record("entry \(k): wrong reverse") }
                if g.lengths[k] != ((x[s] - x[t]) * (x[s] - x[t]) + (y[s] - y[t]) * (y[s] - y[t])).squareRoot() {
                    Issue.record("entry \(k): wrong length")
                }
            }
        }
        let median = medianLengths(g, include: { _ in true })
        for s in stride(from: 0, to: g.vertexCount, by: 7) {
            let row = g.lengths[Int(g.offsets[s])..<Int(g.offsets[s + 1])].sorted()
            #expect(median[s] == row[row.count / 2])
        }
        var river: [Point2] = []
        for k in 0...400 { river.append(Point2(Double(k) * 50, 10_000 + 3000 * sin(Double(k) / 40))) }
        let index = BarrierIndex(Barriers(lines: [river]))
        let crossing = barrierFlags(index, x: x, y: y, graph: g)
        var crossed = 0
        for s in 0..<g.vertexCount {
            for k in Int(g.offsets[s])..<Int(g.offsets[s + 1]) {
                let t = Int(g.neighbours[k])
                let hit = index.crosses(Point2(x[s], y[s]), Point2(x[t], y[t]))
                if crossing[k] != hit || crossing[Int(g.reverse[k])] != hit { Issue.record("edge \(s)–\(t): barrier flag") }
                if hit && s < t { crossed += 1 }
            }
        }
        #expect(crossed > 100)
        let (trimmed, _) = trimFlags(g, removed: crossing, factor: 1.5, floor: 0)
        let m1 = median
        let m = medianLengths(g, include: { k in !(g.lengths[k] > 1.5 * m1[Int(g.neighbours[k])]) }, fallback: m1)
        var candidates = 0
        for s in 0..<g.vertexCount {
            for k in Int(g.offsets[s])..<Int(g.offsets[s + 1]) where !crossing[k] {
                let t = Int(g.neighbours[k]), len = g.lengths[k]
                if len > 1.5 * m[s] && len > 1.5 * m[t] { candidates += 1 } else if trimmed[k] { Issue.record("entry \(k) trimmed") }
            }
        }
        #expect(candidates > 100)
        let drop = (0..<g.neighbours.count).map { crossing[$0] || trimmed[$0] }
        let (offsets, neighbours, lengths) = g.filtered(dropping: drop)
        var expected: [Int32] = [], expectedLengths: [Double] = []
        for s in 0..<g.vertexCount {
            for k in Int(g.offsets[s])..<Int(g.offsets[s + 1]) where !drop[k] {
                expected.append(g.neighbours[k]); expectedLengths.append(g.lengths[k])
            }
            if Int(offsets[s + 1]) != expected.count { Issue.record("row \(s): wrong offset") }
        }
        #expect(neighbours == expected)
        #expect(lengths == expectedLengths)
    }

    @Test func crossingRule() {
        // Proper crossing.
        #expect(segmentsCross(0, 0, 2, 2, 0, 2, 2, 0))
        // A household standing on the barrier line: touching at the edge's own end does not cross.
        #expect(!segmentsCross(1, 1, 3, 3, 0, 2, 2, 0))
        // Running along the barrier does not cross.
        #expect(!segmentsCross(0, 0, 1, 0, -1, 0, 5, 0))
        // Passing through a barrier vertex crosses.
        #expect(segmentsCross(0, 0, 2, 0, 1, -1, 1, 0))
        // Disjoint.
        #expect(!segmentsCross(0, 0, 1, 0, 2, -1, 2, 1))
    }

    @Test func collinearSitesFormAPath() throws {
        let x: [Double] = [30, 10, 20, 0, 40, 10], y: [Double] = [3, 1, 2, 0, 4, 1]
        let g = try NeighbourGraph.build(x: x, y: y)
        #expect(g.siteCount == 5)
        #expect(g.triangles.isEmpty)
        #expect(g.edgeCount == 4)
        // Site of x = 0 is a path end; x = 20 has the x = 10 and x = 30 sites as neighbours.
        let site = { (xv: Double) in Int32(g.x.firstIndex(of: xv)!) }
        #expect(g.neighbours(of: Int(site(0))).count == 1)
        #expect(Set(g.neighbours(of: Int(site(20)))) == [site(10), site(30)])
        #expect(g.componentCount == 1)
        checkCSR(g)
    }

    @Test func tinyInputs() throws {
        let empty = try NeighbourGraph.build(x: [], y: [])
        #expect(empty.siteCount == 0 && empty.componentCount == 0 && empty.offsets == [0])
        let one = try NeighbourGraph.build(x: [5, 5], y: [6, 6])
        #expect(one.siteCount == 1 && one.edgeCount == 0 && one.componentCount == 1)
        let two = try NeighbourGraph.build(x: [0, 3000], y: [0, 0])
        #expect(two.edgeCount == 1 && two.componentCount == 1)
    }

    @Test func nonFiniteCoordinateIsADataError() {
        #expect(throws: WanggeError.self) { try NeighbourGraph.build(x: [0, .nan], y: [0, 1]) }
        do {
            _ = try NeighbourGraph.build(x: [0, 1, 2], y: [0, .infinity, 1])
        } catch let error as WanggeError {
            #expect(error.status == .dataError && error.location.feature == 1)
        } catch { Issue.record("unexpected error \(error)") }
    }

    @Test func buildIsDeterministic() throws {
        let (x, y) = randomPoints(2000, seed: 33)
        let barriers = Barriers(lines: [[Point2(0, 0), Point2(1000, 1000)]])
        let a = try NeighbourGraph.build(x: x, y: y, barriers: barriers)
        let b = try NeighbourGraph.build(x: x, y: y, barriers: barriers)
        #expect(a.neighbours == b.neighbours && a.offsets == b.offsets && a.triangles == b.triangles)
        #expect(a.componentOfSite == b.componentOfSite)
    }

    @Test func componentsAreNumberedByLowestSite() {
        // 0-1, 2 alone, 3-4-5 with 5-3.
        let offsets: [Int32] = [0, 1, 2, 2, 4, 6, 8]
        let neighbours: [Int32] = [1, 0, 4, 5, 3, 5, 3, 4]
        let (comp, count) = connectedComponents(offsets: offsets, neighbours: neighbours)
        #expect(count == 3)
        #expect(comp == [0, 0, 1, 2, 2, 2])
    }

    /// A slot cut into the region from below, its tip just under the edge a–b: the edge stays inside
    /// the region, but a site p above its midpoint makes it non-Gabriel, and the Voronoi cells of a
    /// and b meet only below p's circumcentre — in the slot, outside the region. With the region the
    /// edge goes (a and b stay connected through p); without it, or when a–b alone joins two parts of
    /// the graph, it stays.
    @Test func edgesWhoseCellsMeetOnlyOutsideTheRegionAreDropped() throws {
        let x: [Double] = [-1, 1, 0, -4, 4, -4, 4], y: [Double] = [1, 1, 1.3, -4, -4, 4, 4]
        let square = [Point2(-5, -5), Point2(5, -5), Point2(5, 5), Point2(-5, 5), Point2(-5, -5)]
        let slot = [Point2(-0.2, -5), Point2(-0.2, 0.8), Point2(0.2, 0.8), Point2(0.2, -5)]
        let outline = [Point2(-5, -5)] + slot + [Point2(5, -5), Point2(5, 5), Point2(-5, 5), Point2(-5, -5)]
        let region = Barriers(lines: [outline])
        // Edges named by household index (sites are renumbered in spatial order).
        func edges(_ g: NeighbourGraph) -> Set<[Int32]> {
            let h = (0..<Int32(g.siteCount)).map { s in Int32(g.siteOfHousehold.firstIndex(of: s)!) }
            return Set(edgeSet(g).map { [min(h[Int($0[0])], h[Int($0[1])]), max(h[Int($0[0])], h[Int($0[1])])] })
        }
        let free = try NeighbourGraph.build(x: x, y: y, barriers: Barriers(lines: [square]), options: GraphOptions(trim: false))
        #expect(edges(free).contains([0, 1]))
        let walls = try NeighbourGraph.build(x: x, y: y, barriers: region, options: GraphOptions(trim: false))
        #expect(edges(walls).contains([0, 1]))
        let clipped = try NeighbourGraph.build(x: x, y: y, barriers: region, region: region, options: GraphOptions(trim: false))
        checkCSR(clipped)
        #expect(!edges(clipped).contains([0, 1]))
        #expect(edges(clipped).isSuperset(of: [[0, 2], [1, 2]]))
        // The top corners' cells meet only above y = 5.6 (p's circumcentre with them), outside the
        // square: that edge goes too; no other.
        #expect(edges(clipped) == edges(walls).subtracting([[0, 1], [5, 6]]))
        #expect(clipped.componentCount == 1)
        // Without p, a–b is what joins the two sides: it is kept.
        let xs = x.enumerated().filter { $0.offset != 2 }.map(\.element), ys = y.enumerated().filter { $0.offset != 2 }.map(\.element)
        let lone = try NeighbourGraph.build(x: xs, y: ys, barriers: region, region: region, options: GraphOptions(trim: false))
        #expect(edges(lone).contains([0, 1]))
        #expect(lone.componentCount == 1)
    }

    /// The dual check in ranges side by side flags the edges the check in one range flags: 20 000
    /// random sites in a comb (a square with 40 slots from below), whose teeth make many Voronoi
    /// cells meet outside the region only.
    @Test func dualCheckInRangesFlagsWhatOneRangeFlags() throws {
        var rng = SeededGenerator(seed: 17)
        let n = 20_000
        let x = (0..<n).map { _ in Double.random(in: 0..<1000, using: &rng) }
        let y = (0..<n).map { _ in Double.random(in: 0..<1000, using: &rng) }
        var outline = [Point2(-1, -1)]
        for t in 0..<40 {
            let left = Double(t) * 25 + 12
            outline += [Point2(left, -1), Point2(left, 600), Point2(left + 0.5, 600), Point2(left + 0.5, -1)]
        }
        outline += [Point2(1001, -1), Point2(1001, 1001), Point2(-1, 1001), Point2(-1, -1)]
        // Sites inside a slot would stand outside the region: moved off the slots.
        let xs = x.map { v -> Double in
            let r = (v - 12).truncatingRemainder(dividingBy: 25)
            return r >= 0 && r <= 0.5 && v < 1000 ? v + 1 : v
        }
        let d = try Delaunay(x: xs, y: y)
        let g = SiteCSR(d, x: xs, y: y)
        let region = BarrierIndex(Barriers(lines: [outline]))
        let one = dualOutsideFlags(d, x: xs, y: y, graph: g, region: region, minimumChunk: Int.max)
        let many = dualOutsideFlags(d, x: xs, y: y, graph: g, region: region, minimumChunk: 4_096)
        #expect(one == many)
        let flagged = one.filter { $0 }.count
        #expect(flagged > 100 && flagged < one.count / 10, "\(flagged) of \(one.count)")
    }

    /// The build checks for cancellation between its steps: cancelled at the second check it stops
    /// inside the stage with `CancellationError`; a check that never fires changes nothing.
    @Test func buildStopsWhenCancelledBetweenSteps() throws {
        let (x, y) = randomPoints(2000, seed: 5)
        #expect(throws: CancellationError.self) {
            try NeighbourGraph.build(x: x, y: y, cancellation: .afterChecks(2))
        }
        let plain = try NeighbourGraph.build(x: x, y: y)
        let checked = try NeighbourGraph.build(x: x, y: y, cancellation: .afterChecks(Int.max))
        #expect(plain.offsets == checked.offsets && plain.neighbours == checked.neighbours)
    }
}

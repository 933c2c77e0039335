import Foundation
import Synchronization
import Testing
import Wangge

/// A client of the library: only `import Wangge` (no @testable, no stage module). The sample is read
/// from sample-geo/ into arrays here; every API call takes values.
@Suite struct ClientTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test func readmeExampleIsThisFile() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("ReadmeExample.swift"), encoding: .utf8)
        let section = try #require(readme.range(of: "## Use as a library"))
        let fence = try #require(readme.range(of: "```swift\n", range: section.upperBound..<readme.endIndex))
        let end = try #require(readme.range(of: "\n```", range: fence.upperBound..<readme.endIndex))
        let inReadme = String(readme[fence.upperBound..<end.lowerBound])
        let begin = try #require(source.range(of: "// BEGIN README EXAMPLE\n"))
        let stop = try #require(source.range(of: "\n// END README EXAMPLE"))
        #expect(inReadme == String(source[begin.upperBound..<stop.lowerBound]))
    }

    @Test func partitionRedrawLinkReportAndWrite() async throws {
        let sample = try Sample.load(Self.root)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wangge-client-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }

        // Partition (the README example) and write a GeoPackage.
        let gpkg = dir.appendingPathComponent("plan.gpkg").path
        let outcome = try await drawDistricts(sample.households, relations: sample.relations,
                                              boundary: sample.boundary, geoPackage: gpkg)
        let drawn = outcome.plan
        #expect(drawn.districts.count == 21)
        #expect(drawn.households.count == sample.households.count)
        #expect(drawn.assignment.allSatisfy { $0 >= 0 && $0 < 21 })
        #expect(drawn.districts.allSatisfy { !$0.area.isEmpty })
        let loads = drawn.districtLoads(), mean = Double(sample.households.count) / 21
        #expect(loads.allSatisfy { abs($0 / mean - 1) <= 0.05 + 1e-9 })
        let header = try #require(FileHandle(forReadingAtPath: gpkg)?.readData(ofLength: 16))
        #expect(String(decoding: header, as: UTF8.self) == "SQLite format 3\u{0}")

        // The plan scored again from values (relations, boundary): the figures the partition reported
        // (areas measured on the written WGS84 polygons, so shapes agree to rounding).
        let input = PlanInput(households: sample.households, relations: sample.relations, boundary: sample.boundary)
        let scored = try await report(drawn, input: input)
        #expect(scored.districts.map(\.households) == outcome.report.districts.map(\.households))
        #expect(scored.districts.map(\.components) == outcome.report.districts.map(\.components))
        #expect(scored.plan.relationWeightCut == outcome.report.plan.relationWeightCut)
        #expect(scored.plan.cutEdges == outcome.report.plan.cutEdges)
        for (a, b) in zip(scored.districts, outcome.report.districts) {
            #expect(abs((a.polsbyPopper ?? 0) - (b.polsbyPopper ?? 0)) < 1e-3)
        }
        // GeoJSON bytes round-trip through the reader.
        let back = try plan(fromGeoJSON: geoJSON(drawn))
        #expect(back.assignment == drawn.assignment)

        // Redraw after the population changed: most households keep their district.
        var options = PartitionOptions()
        options.k = 21
        let evolved = PlanInput(households: sample.evolved, boundary: sample.boundary)
        let redrawn = try await redraw(evolved, previous: drawn, options: options)
        let summary = try #require(redrawn.redraw)
        #expect(redrawn.plan.households.count == sample.evolved.count)
        #expect(summary.inBoth > 0 && summary.retained * 10 >= summary.inBoth * 8)
        let comparison = compare(outcome.report, redrawn.report, titles: ("before", "after"))
        #expect(comparison.render(format: .table).contains("after"))

        // Link cadres; the linked plan draws as a wall map.
        var linkOptions = LinkOptions()
        linkOptions.labels = sample.labels
        let linked = try await link(drawn, cadres: sample.cadres, options: linkOptions)
        #expect(Set(linked.duties.map(\.district)).count == 21)
        #expect(linked.unlinked.isEmpty)
        let png = dir.appendingPathComponent("wall.png").path
        try await writePoster(linked.plan, to: png, options: PosterOptions(paper: .a4, dpi: 50, barriers: sample.barriers))
        let magic = try #require(FileHandle(forReadingAtPath: png)?.readData(ofLength: 8))
        #expect(Array(magic) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let csv = dir.appendingPathComponent("plan.csv").path
        try await writeCSV(linked.plan, to: csv)
        #expect(try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n").count == sample.households.count + 1)
    }

    @Test func progressArrivesInStageOrder() async throws {
        let sample = try Sample.load(Self.root)
        let seen = Mutex<[PipelineStage]>([])
        var options = PartitionOptions()
        options.k = 5
        let input = PlanInput(households: Array(sample.households.prefix(300)), boundary: nil)
        let outcome = try await partition(input, options: options) { stage in seen.withLock { $0.append(stage) } }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("wangge-progress-\(getpid()).geojson").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await writePlan(outcome.plan, to: path) { stage in seen.withLock { $0.append(stage) } }
        #expect(seen.withLock { $0 } == [.read, .project, .graph, .partition, .serviceAreas, .metrics, .write])
        #expect(seen.withLock { $0 } == PipelineStage.allCases)
    }

    /// The run is held at the start of the partition stage until the task is cancelled, so the
    /// cancellation lands mid-way every time; the call ends with CancellationError, nothing else.
    @Test func cancellingStopsThePartition() async throws {
        let sample = try Sample.load(Self.root)
        let reached = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        let later = Mutex<[PipelineStage]>([])
        var options = PartitionOptions()
        options.k = 21
        let input = PlanInput(households: sample.households, relations: sample.relations, boundary: sample.boundary)
        let task = Task {
            try await partition(input, options: options) { stage in
                if stage == .partition { reached.signal(); release.wait() }
                if stage > .partition { later.withLock { $0.append(stage) } }
            }
        }
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async { reached.wait(); c.resume() }
        }
        task.cancel()
        release.signal()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(later.withLock { $0 }.isEmpty)
    }

    /// Several partitions at once on separate inputs give the plans they give one at a time.
    @Test func concurrentPartitionsMatchSequentialOnes() async throws {
        let sample = try Sample.load(Self.root)
        let sorted = sample.households.sorted { $0.longitude < $1.longitude }
        let parts = (0..<3).map { i in Array(sorted[(i * sorted.count / 3)..<((i + 1) * sorted.count / 3)]) }
        var four = PartitionOptions()
        four.k = 4
        let options = four
        var sequential: [[UInt8]] = []
        for p in parts { sequential.append(geoJSON(try await partition(PlanInput(households: p), options: options).plan)) }
        let concurrent = try await withThrowingTaskGroup(of: (Int, [UInt8]).self) { group in
            for (i, p) in parts.enumerated() {
                group.addTask { (i, geoJSON(try await partition(PlanInput(households: p), options: options).plan)) }
            }
            var out = [[UInt8]](repeating: [], count: parts.count)
            for try await (i, bytes) in group { out[i] = bytes }
            return out
        }
        #expect(concurrent == sequential)
    }

    @Test func badValuesNameTheirPlace() async throws {
        var hh = [Household(id: "a", longitude: 116.78, latitude: 32.68), Household(id: "b", longitude: 116.79, latitude: 32.69)]
        hh.append(Household(id: "c", longitude: 216.0, latitude: 32.7))
        let error = await #expect(throws: WanggeError.self) { try await partition(PlanInput(households: hh)) }
        #expect(error?.location == SourceLocation(file: "households", feature: 2, field: "lon"))
        #expect(error?.status == .dataError)
        let unknown = await #expect(throws: WanggeError.self) {
            try await partition(PlanInput(households: Array(hh.prefix(2)), relations: [Relation("a", "zz")]))
        }
        #expect(unknown?.location == SourceLocation(file: "relations", feature: 0, field: "b"))
    }
}

/// The bundled sample as arrays (households, relations, boundary, river, cadres, labels).
struct Sample {
    var households: [Household], evolved: [Household], relations: [Relation]
    var boundary: MultiPolygon, barriers: Barriers, cadres: [Cadre], labels: [DistrictLabel]

    static func load(_ root: URL) throws -> Sample {
        let dir = root.appendingPathComponent("sample-geo")
        func json(_ name: String) throws -> [[String: Any]] {
            let data = try Data(contentsOf: dir.appendingPathComponent(name))
            let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
            return object["features"] as! [[String: Any]]
        }
        func csv(_ name: String) throws -> [[String]] {
            let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            return text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        }
        func households(_ name: String) throws -> [Household] {
            try json(name).map { f in
                let p = f["properties"] as! [String: Any], c = (f["geometry"] as! [String: Any])["coordinates"] as! [Double]
                return Household(id: p["id"] as! String, longitude: c[0], latitude: c[1], members: p["members"] as? Int ?? 1,
                                 group: p["group"] as? String, village: p["village"] as? String)
            }
        }
        func ring(_ r: Any) -> [Point2] { (r as! [[Double]]).map { Point2($0[0], $0[1]) } }
        let b = try json("bagongshan-boundary.geojson")[0]["geometry"] as! [String: Any]
        let boundary = MultiPolygon([Polygon(rings: (b["coordinates"] as! [Any]).map(ring))])
        var barriers = Barriers()
        for f in try json("river.geojson") {
            let g = f["geometry"] as! [String: Any], p = f["properties"] as? [String: Any] ?? [:]
            if g["type"] as? String == "LineString" { barriers.lines.append(ring(g["coordinates"]!)) }
            if g["type"] as? String == "Point" {
                let c = g["coordinates"] as! [Double]
                barriers.crossings.append(Crossing(position: Point2(c[0], c[1]), radius: p["radius"] as? Double ?? 60,
                                                   name: p["name"] as? String))
            }
        }
        let cadres = try csv("cadres.csv").map { r in
            Cadre(id: r[0], name: r[1], role: CadreRole(parsing: r[2])!, lon: Double(r[3])!, lat: Double(r[4])!,
                  village: r[5], phone: r[6])
        }
        let labels = try csv("labels.csv").map { DistrictLabel(district: $0[0], name: $0[1], leader: $0[2], phone: $0[3]) }
        return Sample(households: try households("households.geojson"), evolved: try households("households-evolved.geojson"),
                      relations: try csv("relations.csv").map { Relation($0[0], $0[1], weight: Double($0[2]) ?? 1) },
                      boundary: boundary, barriers: barriers, cadres: cadres, labels: labels)
    }
}

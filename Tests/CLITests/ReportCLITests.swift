import Foundation
import Testing

/// End-to-end tests of `wangge report` and `wangge compare`: they run the built binary
/// (`swift build --product wangge` first; `CLI.binary` finds it) on the hand-made plans in ReportFixtures/.
@Suite struct ReportCLITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("ReportFixtures")

    struct Run { var status: Int32; var stdout: String; var stderr: String }

    static func wangge(_ args: [String]) throws -> Run {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                   stderr: String(decoding: e, as: UTF8.self))
    }

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func reportsAWanggePlanAsJSON() throws {
        let r = try Self.wangge(["report", Self.fixture("plan-a.geojson"), "--relations", Self.fixture("relations.csv"),
                                 "--format", "json", "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let root = try Self.json(r.stdout)
        let plan = try #require(root["plan"] as? [String: Any])
        #expect(plan["households"] as? Int == 12 && plan["districts"] as? Int == 2)
        #expect(plan["max_abs_deviation"] as? Double == 0)
        #expect(plan["noncontiguous_districts"] as? [String] == [])
        #expect(plan["multipart_districts"] as? [String] == [])
        // Relation 2–3 (weight 2 of 4) crosses D01/D02.
        #expect(plan["relation_cut_fraction"] as? Double == 0.5)
        // The district polygons are 0.002° × 0.003° (lon × lat) rectangles at 23°N: sides in the
        // ratio a:b = 0.002·cos 23° : 0.003, and Polsby-Popper of an a×b rectangle is
        // 4π·ab/(2(a+b))² = π·ab/(a+b)² = 0.7404 (UTM scale and the ellipsoid shift it by < 0.002).
        let a = 0.002 * cos(23 * Double.pi / 180), b = 0.003
        let pp = try #require(plan["polsby_popper_mean"] as? Double)
        #expect(abs(pp - Double.pi * a * b / ((a + b) * (a + b))) < 0.003)
        #expect(root["stability"] is NSNull)
    }

    @Test func reportsPlainPointsWithoutPolygons() throws {
        let r = try Self.wangge(["report", Self.fixture("plain-points.geojson"), "--format", "json", "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let root = try Self.json(r.stdout)
        let plan = try #require(root["plan"] as? [String: Any])
        // D01 has 7 households, D02 5: T = 6, deviation ±1/6.
        #expect(abs((plan["max_abs_deviation"] as? Double ?? 0) - 1.0 / 6) < 1e-12)
        // h8 sits on the eastern edge, surrounded by D02.
        #expect(plan["noncontiguous_districts"] as? [String] == ["D01"])
        // Built service areas: D01's Voronoi cells are in two pieces as well.
        #expect(plan["multipart_districts"] as? [String] == ["D01"])
        let districts = try #require(root["districts"] as? [[String: Any]])
        #expect(districts.map { $0["households"] as? Int } == [7, 5])
        #expect(districts.allSatisfy { ($0["area_km2"] as? Double ?? 0) > 0 })
    }

    @Test func reportsStabilityAgainstAPreviousPlan() throws {
        let r = try Self.wangge(["report", Self.fixture("plan-b.geojson"), "--previous", Self.fixture("plan-a.geojson"),
                                 "--format", "json", "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let st = try #require(try Self.json(r.stdout)["stability"] as? [String: Any])
        // One household of 12 moved (household 3 from D02 to D01).
        #expect(st["moved"] as? Int == 1 && st["households_in_both"] as? Int == 12)
        #expect(abs((st["core_retention"] as? Double ?? 0) - 11.0 / 12) < 1e-12)
    }

    @Test func tableAndCSV() throws {
        let t = try Self.wangge(["report", Self.fixture("plan-a.geojson"), "-q"])
        #expect(t.status == 0, "\(t.stderr)")
        #expect(t.stdout.contains("Max |deviation|") && t.stdout.contains("东片"))
        let c = try Self.wangge(["report", Self.fixture("plan-a.geojson"), "--format", "csv", "-q"])
        let lines = c.stdout.split(separator: "\n")
        #expect(lines.count == 3 && lines[0].hasPrefix("district,name,households"))
    }

    @Test func compareMarksTheBalancedPlan() throws {
        let r = try Self.wangge(["compare", Self.fixture("plan-a.geojson"), Self.fixture("plan-b.geojson"), "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let line = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("Max |deviation|") })
        #expect(line.contains("◀") && !line.contains("▶"))
        let j = try Self.json(try Self.wangge(["compare", Self.fixture("plan-b.geojson"), Self.fixture("plan-a.geojson"),
                                               "--format", "json", "-q"]).stdout)
        let rows = try #require(j["rows"] as? [[String: Any]])
        #expect(rows.first { $0["key"] as? String == "max_abs_deviation" }?["winner"] as? String == "b")
    }

    @Test func badInputsExitWithSysexits() throws {
        #expect(try Self.wangge(["report", Self.fixture("plan-a.geojson"), "--format", "xml"]).status == 64)
        let missing = try Self.wangge(["report", Self.fixture("no-such-plan.geojson")])
        #expect(missing.status == 66 && missing.stderr.contains("no-such-plan.geojson"))
        #expect(try Self.wangge(["report", Self.fixture("relations.csv")]).status == 65)
    }

    @Test func writesTheOutputFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wangge-report-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("report.json").path
        let r = try Self.wangge(["report", Self.fixture("plan-a.geojson"), "--format", "json", "-o", out, "-q"])
        #expect(r.status == 0 && r.stdout.isEmpty)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(try Self.json(text)["schema"] as? String == "wangge-report/1")
        // Deterministic: a second run writes the same bytes.
        let again = try Self.wangge(["report", Self.fixture("plan-a.geojson"), "--format", "json", "-q"])
        #expect(again.stdout == text)
    }
}

import Foundation
import Testing

/// End-to-end: `wangge ensemble` on the sample (byte-identical for one seed, summary written),
/// then `wangge report --ensemble` places a partition's figures among the sampled plans and draws
/// the histograms.
@Suite struct EnsembleCLITests {
    static let sample = CLI.packageRoot.appendingPathComponent("sample-geo").path

    static func temporaryDirectory() throws -> String {
        let dir = NSTemporaryDirectory() + "wangge-ensemble-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func ensembleIsReproducibleAndReportPlacesThePlan() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let inputs = ["\(Self.sample)/households.geojson", "--relations", "\(Self.sample)/relations.csv",
                      "--barriers", "\(Self.sample)/river.geojson", "-k", "21", "-q"]
        let plan = "\(dir)/plan.geojson"
        let p = try CLI.run(["partition"] + inputs + ["-o", plan])
        #expect(p.status == 0, "\(p.stderr)")
        var outputs: [Data] = []
        for name in ["a", "b"] {
            let r = try CLI.run(["ensemble"] + inputs + ["--start", plan, "--steps", "100", "--chains", "2", "--seed", "5",
                                                         "--save-plans", "\(dir)/plans-\(name)", "--save-every", "50",
                                                         "-o", "\(dir)/\(name).csv"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("split-R̂"))
            outputs.append(try Data(contentsOf: URL(fileURLWithPath: "\(dir)/\(name).csv")))
        }
        #expect(outputs[0] == outputs[1])
        let text = String(decoding: outputs[0], as: UTF8.self)
        let lines = text.split(separator: "\n")
        #expect(lines[0] == "chain,step,accepted,max_deviation,relation_cut,dispersion,polsby_popper,cut_edges,groups_split,villages_split")
        #expect(lines.count == 1 + 2 * 90) // burn-in 10 of 100 steps per chain
        let saved = try FileManager.default.contentsOfDirectory(atPath: "\(dir)/plans-a").sorted()
        #expect(saved == ["chain0-step100.csv", "chain0-step50.csv", "chain1-step100.csv", "chain1-step50.csv"])
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(dir)/a.csv.summary.json"))) as? [String: Any]
        #expect(summary?["method"] as? String == "merge-split")
        #expect((summary?["figures"] as? [String: Any])?["relation_cut"] != nil)

        let r = try CLI.run(["report", plan, "--relations", "\(Self.sample)/relations.csv", "--barriers", "\(Self.sample)/river.geojson",
                             "--ensemble", "\(dir)/a.csv", "--format", "json", "--plot", "\(dir)/plots", "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let placed = try #require(root["ensemble"] as? [[String: Any]])
        #expect(placed.map { $0["figure"] as? String } == ["max_deviation", "relation_cut", "dispersion", "polsby_popper",
                                                            "cut_edges", "groups_split", "villages_split"])
        // The start plan is the plan itself: its cut edges equal the chains' at step 0, so the
        // plan's value lies within the ensemble's range.
        for p in placed {
            let v = try #require(p["plan"] as? Double), lo = try #require(p["ensemble_min"] as? Double)
            let pct = try #require(p["percentile"] as? Double)
            #expect(pct >= 0 && pct <= 100)
            if p["figure"] as? String == "groups_split" { #expect(v == 0 && lo == 0 && pct == 50) }
        }
        for f in ["relation_cut.png", "relation_cut.svg", "dispersion.png"] {
            let data = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/plots/\(f)"))
            #expect(data.count > 1000)
        }
        let png = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/plots/dispersion.png"))
        #expect(Array(png.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])

        // A malformed ensemble file: data error naming the line.
        try "chain,step,accepted,max_deviation\n0,1,1,abc\n".write(toFile: "\(dir)/bad.csv", atomically: true, encoding: .utf8)
        let bad = try CLI.run(["report", plan, "--ensemble", "\(dir)/bad.csv", "-q"])
        #expect(bad.status == 65 && bad.stderr.contains("line 2"), "\(bad.stderr)")
        let missing = try CLI.run(["ensemble"] + inputs + ["--start", "\(dir)/nope.geojson", "--steps", "10", "-o", "\(dir)/x.csv"])
        #expect(missing.status == 66 && !FileManager.default.fileExists(atPath: "\(dir)/x.csv"))
    }
}

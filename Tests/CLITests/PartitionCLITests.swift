import Foundation
import Testing

/// `wangge partition` and `wangge redraw` end to end on the bundled sample, through the binary.
@Suite struct PartitionCLITests {
    static func sample(_ name: String) -> String { CLI.packageRoot.appendingPathComponent("sample-geo/\(name)").path }
    static var inputs: [String] {
        [sample("households.geojson"), "--relations", sample("relations.csv"),
         "--boundary", sample("bagongshan-boundary.geojson"), "--barriers", sample("river.geojson")]
    }

    @Test func partitionWritesAPlanOgrinfoReads() throws {
        let dir = Scratch()
        let plan = dir.path + "/plan.geojson", csv = dir.path + "/plan.csv"
        let r = try CLI.run(["partition"] + Self.inputs + ["-k", "21", "--labels", Self.sample("labels.csv"),
                                                          "-o", plan, "--csv", csv, "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("21/21 within ±5.0%"))
        #expect(r.stdout.contains("work groups split 0/141"))
        #expect(dir.listing == ["plan.csv", "plan.geojson"])
        let rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
        // With labels the rows carry the district's name (labels.csv: D01 第一片区).
        #expect(rows.first == "id,district,name" && rows.count == 1313)
        #expect(rows.dropFirst().allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == 3 })
        #expect(rows.contains { $0.hasSuffix(",D01,第一片区") })

        let ogrinfo = ["/usr/bin/ogrinfo", "/usr/local/bin/ogrinfo"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let ogrinfo else {
            print("ogrinfo (gdal-bin) not installed: skipping the GDAL check")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ogrinfo)
        process.arguments = ["-al", "-so", plan]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out; process.standardError = err
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let warnings = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(!warnings.contains("Warning") && !warnings.contains("ERROR"), "\(warnings)")
        #expect(text.contains("Feature Count: 1333"))   // 21 districts + 1312 households
        #expect(text.contains("WGS 84"))
    }

    @Test func sameSeedSameBytes() throws {
        let dir = Scratch()
        for name in ["a", "b"] {
            let r = try CLI.run(["partition"] + Self.inputs + ["-o", "\(dir.path)/\(name).geojson", "--seed", "7", "-q"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let a = try Data(contentsOf: URL(fileURLWithPath: dir.path + "/a.geojson"))
        let b = try Data(contentsOf: URL(fileURLWithPath: dir.path + "/b.geojson"))
        #expect(a == b)
    }

    /// Reading (a file over the parallel reader's 1 MB), medoids and shapes run on two threads or one:
    /// the same plan, CSV and summary, byte for byte. A rural prefecture without a boundary.
    @Test func oneThreadOrTwoGiveTheSameBytes() throws {
        let dir = Scratch()
        let data = dir.path + "/rural"
        let s = try CLI.run(["sample", "--layout", "rural", "--households", "8000", "--districts", "24", "--seed", "3",
                             "-o", data, "-q"])
        #expect(s.status == 0, "\(s.stderr)")
        let size = try FileManager.default.attributesOfItem(atPath: data + "/households.geojson")[.size] as? Int ?? 0
        #expect(size > 1 << 20)
        var summaries: [String] = []
        for (name, threads) in [("one", "1"), ("two", "2")] {
            let r = try CLI.run(["partition", data + "/households.geojson", "-k", "24", "--relations", data + "/relations.csv",
                                 "--barriers", data + "/river.geojson", "-o", "\(dir.path)/\(name).geojson",
                                 "--csv", "\(dir.path)/\(name).csv"], environment: ["WANGGE_THREADS": threads])
            #expect(r.status == 0, "\(r.stderr)")
            summaries.append(r.stdout.replacingOccurrences(of: "/\(name).", with: "/PLAN.")
                .split(separator: "\n").filter { !$0.hasPrefix("time") }.joined(separator: "\n"))
        }
        for ext in ["geojson", "csv"] {
            let one = try Data(contentsOf: URL(fileURLWithPath: "\(dir.path)/one.\(ext)"))
            let two = try Data(contentsOf: URL(fileURLWithPath: "\(dir.path)/two.\(ext)"))
            #expect(!one.isEmpty && one == two, "\(ext) differs")
        }
        #expect(summaries[0] == summaries[1])
    }

    @Test func badRequestsExitWithSysexitsAndLeaveNothing() throws {
        let dir = Scratch()
        let plan = dir.path + "/plan.geojson"
        let zero = try CLI.run(["partition"] + Self.inputs + ["-k", "0", "-o", plan, "-q"])
        #expect(zero.status == 64 && zero.stderr.contains("-k 0"))
        let many = try CLI.run(["partition", Self.sample("households.geojson"), "-k", "5000", "-o", plan, "-q"])
        #expect(many.status == 64 && many.stderr.contains("1312"))
        let missing = try CLI.run(["partition", dir.path + "/nope.geojson", "-o", plan, "-q"])
        #expect(missing.status == 66 && missing.stderr.contains("nope.geojson"))
        let unwritable = try CLI.run(["partition"] + Self.inputs + ["-o", dir.path + "/no/such/dir/plan.geojson", "-q"])
        #expect(unwritable.status == 73 && unwritable.stderr.contains("plan.geojson"))
        let bomAlone = try CLI.run(["partition", Self.sample("households.geojson"), "-o", plan, "--csv-bom", "-q"])
        #expect(bomAlone.status == 64 && bomAlone.stderr.contains("--csv"))
        let heavy = try CLI.run(["partition", Self.sample("households.geojson"), "-k", "200", "-o", plan, "-q"])
        #expect(heavy.status == 65 && heavy.stderr.contains("work group"))
        #expect(dir.listing.isEmpty)
    }

    @Test func outsideTheBoundaryIsListedAndClipOutsideReports() throws {
        let dir = Scratch()
        let households = dir.file("h.geojson", """
        {"type":"FeatureCollection","features":[
        {"type":"Feature","geometry":{"type":"Point","coordinates":[116.80,32.65]},"properties":{"id":"in1"}},
        {"type":"Feature","geometry":{"type":"Point","coordinates":[116.81,32.66]},"properties":{"id":"in2"}},
        {"type":"Feature","geometry":{"type":"Point","coordinates":[117.50,32.65]},"properties":{"id":"far"}}]}
        """)
        let plan = dir.path + "/plan.geojson"
        let failed = try CLI.run(["partition", households, "--boundary", Self.sample("bagongshan-boundary.geojson"),
                                  "-k", "2", "-o", plan, "-q"])
        #expect(failed.status == 65)
        #expect(failed.stderr.contains("far") && failed.stderr.contains("feature 2"))
        #expect(!FileManager.default.fileExists(atPath: plan))
        let clipped = try CLI.run(["partition", households, "--boundary", Self.sample("bagongshan-boundary.geojson"),
                                   "-k", "2", "-o", plan, "--clip-outside", "-q"])
        #expect(clipped.status == 0, "\(clipped.stderr)")
        #expect(clipped.stderr.contains("far") && clipped.stderr.contains("dropped"))
    }

    @Test func redrawOfAnUnchangedPlanMovesNobody() throws {
        let dir = Scratch()
        let plan = dir.path + "/plan.geojson", plan2 = dir.path + "/plan2.geojson"
        #expect(try CLI.run(["partition"] + Self.inputs + ["-o", plan, "-q"]).status == 0)
        let r = try CLI.run(["redraw"] + Self.inputs + ["--previous", plan, "-o", plan2, "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("core retention 100.0%") && r.stdout.contains("0 moved"))
        let text = try String(contentsOfFile: plan2, encoding: .utf8)
        #expect(text.contains("\"redraw\":{") && text.contains("\"households_moved\":0"))
        let bad = try CLI.run(["redraw"] + Self.inputs + ["--previous", plan, "-o", plan2, "--freeze", "D99", "-q"])
        #expect(bad.status == 64 && bad.stderr.contains("D99"))
        // Another k removes the lightest district (reported on stderr) and writes 20 districts.
        let otherK = try CLI.run(["redraw"] + Self.inputs + ["--previous", plan, "-o", plan2, "-k", "20", "-q"])
        #expect(otherK.status == 0, "\(otherK.stderr)")
        #expect(otherK.stderr.contains("--districts 20: removed D"))
        let text20 = try String(contentsOfFile: plan2, encoding: .utf8)
        #expect(text20.contains("\"districts\":20") && text20.contains("\"districts_removed\":{\"D"))
    }
}

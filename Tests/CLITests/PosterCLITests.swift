import Foundation
import Testing

/// End-to-end tests of `wangge poster` on a small hand-written plan (two square districts, six
/// households): formats, options, labels, exit statuses, and nothing left behind on failure.
@Suite struct PosterCLITests {
    /// Two 0.002° squares side by side near 113°E 23°N; households h1–h3 in D01, h4–h6 in D02.
    static let plan: String = {
        func square(_ x0: Double) -> String {
            let x1 = x0 + 0.002
            return "[[[\(x0),23.0],[\(x1),23.0],[\(x1),23.002],[\(x0),23.002],[\(x0),23.0]]]"
        }
        func district(_ id: String, _ x0: Double, _ color: Int) -> String {
            """
            {"type":"Feature","geometry":{"type":"Polygon","coordinates":\(square(x0))},
             "properties":{"kind":"district","district":"\(id)","color":\(color)}}
            """
        }
        func household(_ id: Int, _ lon: Double, _ d: String) -> String {
            """
            {"type":"Feature","geometry":{"type":"Point","coordinates":[\(lon),23.0005]},
             "properties":{"kind":"household","id":\(id),"district":"\(d)","members":\(id % 3 + 1)}}
            """
        }
        let features = [district("D01", 113.0, 0), district("D02", 113.002, 1)]
            + (1...3).map { household($0, 113.0003 + Double($0) * 0.0004, "D01") }
            + (4...6).map { household($0, 113.0023 + Double($0 - 3) * 0.0004, "D02") }
        return """
        {"type":"FeatureCollection","wangge":{"version":"0.1.0","districts":2,"balance":"households",
         "tolerance":0.05,"seed":1,"crs":"EPSG:32649","date":"2026-11-28","title":"某镇网格图"},
         "features":[\(features.joined(separator: ",\n"))]}
        """
    }()

    @Test(arguments: ["pdf", "svg", "png"])
    func writesEachFormat(ext: String) throws {
        let dir = Scratch()
        let plan = dir.file("plan.geojson", Self.plan)
        let r = try CLI.run(["poster", plan, "-o", dir.path + "/wall." + ext, "--paper", "A4", "--dpi", "50"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("A4"))
        #expect(dir.listing == ["plan.geojson", "wall." + ext])
        let head = try #require(FileManager.default.contents(atPath: dir.path + "/wall." + ext)).prefix(8)
        switch ext {
        case "pdf": #expect(head.starts(with: Data("%PDF".utf8)))
        case "png": #expect(head.starts(with: Data([0x89, 0x50, 0x4E, 0x47])))
        default: #expect(head.starts(with: Data("<?xml".utf8)))
        }
    }

    @Test func labelsTitleAndDateReachThePDF() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") else { return }
        let dir = Scratch()
        let plan = dir.file("plan.geojson", Self.plan)
        let labels = dir.file("labels.csv", "district,name,leader,phone\nD01,东山片,张伟,13800001111\nD02,西岭片,王芳,13800002222\n")
        let out = dir.path + "/wall.pdf"
        let r = try CLI.run(["poster", plan, "-o", out, "--labels", labels, "--title", "测试网格图", "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        p.arguments = [out, dir.path + "/wall.txt"]
        try p.run(); p.waitUntilExit()
        let text = try String(contentsOfFile: dir.path + "/wall.txt", encoding: .utf8)
        for s in ["测试网格图", "东山片", "西岭片", "张伟", "13800002222", "2026-11-28"] {
            #expect(text.contains(s), "\(s) missing")
        }
    }

    @Test func titleDefaultsToThePlans() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") else { return }
        let dir = Scratch()
        let plan = dir.file("plan.geojson", Self.plan)
        let out = dir.path + "/wall.pdf"
        #expect(try CLI.run(["poster", plan, "-o", out, "-q"]).status == 0)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        p.arguments = [out, dir.path + "/wall.txt"]
        try p.run(); p.waitUntilExit()
        let text = try String(contentsOfFile: dir.path + "/wall.txt", encoding: .utf8)
        #expect(text.contains("某镇网格图"))
    }

    @Test func unknownLabelDistrictIsAWarning() throws {
        let dir = Scratch()
        let plan = dir.file("plan.geojson", Self.plan)
        let labels = dir.file("labels.csv", "district,name,leader,phone\nD09,无,无,1\n")
        let r = try CLI.run(["poster", plan, "-o", dir.path + "/wall.svg", "--labels", labels])
        #expect(r.status == 0)
        #expect(r.stderr.contains("D09"))
    }

    static let badOptions: [[String]] = [["--paper", "B5"], ["--landscape", "--portrait"], ["--dpi", "5"]]

    @Test(arguments: badOptions)
    func badOptionsAreUsageErrors(extra: [String]) throws {
        let status: Int32 = 64
        let dir = Scratch()
        let plan = dir.file("plan.geojson", Self.plan)
        let r = try CLI.run(["poster", plan, "-o", dir.path + "/wall.png"] + extra)
        #expect(r.status == status, "\(r.stderr)")
        #expect(r.stderr.contains("wangge: error:"))
        #expect(dir.listing == ["plan.geojson"])
    }

    @Test func failuresLeaveNothingBehind() throws {
        let dir = Scratch()
        let plan = dir.file("plan.geojson", Self.plan)
        let wrongExtension = try CLI.run(["poster", plan, "-o", dir.path + "/wall.jpg"])
        #expect(wrongExtension.status == 64)
        let missingPlan = try CLI.run(["poster", dir.path + "/none.geojson", "-o", dir.path + "/wall.pdf"])
        #expect(missingPlan.status == 66)
        let missingDirectory = try CLI.run(["poster", plan, "-o", dir.path + "/no/wall.pdf"])
        #expect(missingDirectory.status == 73)
        #expect(missingDirectory.stderr.contains("no/wall.pdf"))
        let notAPlan = dir.file("bad.geojson", "{\"type\":\"FeatureCollection\",\"features\":[]}")
        let bad = try CLI.run(["poster", notAPlan, "-o", dir.path + "/wall.pdf"])
        #expect(bad.status == 65, "\(bad.stderr)")
        #expect(dir.listing == ["bad.geojson", "plan.geojson"])
    }
}

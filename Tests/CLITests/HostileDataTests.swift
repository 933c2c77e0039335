import Foundation
import Testing

/// Hostile data through the whole pipeline (issue 16 item 3; README "Bad input"): each case ends in
/// a plan, a plan with a warning, or an exit status naming the cause, never a crash. The readers'
/// own cases (ids, coordinates, resource limits) are in WanggeIOTests/HostileInputTests.
@Suite struct HostileDataTests {
    static func households(_ points: [(Double, Double)]) -> String {
        let features = points.enumerated().map { i, p in
            "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[\(p.0),\(p.1)]},\"properties\":{\"id\":\"h\(i)\"}}"
        }
        return "{\"type\":\"FeatureCollection\",\"features\":[\n" + features.joined(separator: ",\n") + "\n]}\n"
    }

    static func polygonFile(_ rings: [[(Double, Double)]], multi: Bool = false) -> String {
        let text = rings.map { "[" + $0.map { "[\($0.0),\($0.1)]" }.joined(separator: ",") + "]" }
        let coordinates = multi ? "[" + text.map { "[\($0)]" }.joined(separator: ",") + "]" : "[" + text.joined(separator: ",") + "]"
        return "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"\(multi ? "MultiPolygon" : "Polygon")\",\"coordinates\":\(coordinates)},\"properties\":{}}]}"
    }

    /// 10 × 10 households 0.001° apart around (116.4, 39.9).
    static let grid: [(Double, Double)] = {
        var points: [(Double, Double)] = []
        for i in 0..<100 {
            let lon: Double = 116.4 + 0.001 * Double(i % 10)
            let lat: Double = 39.9 + 0.001 * Double(i / 10)
            points.append((lon, lat))
        }
        return points
    }()
    static let x0 = 116.3995, y0 = 39.8995, x1 = 116.4095, y1 = 39.9095

    func partition(_ dir: Scratch, _ households: String, _ extra: [String]) throws -> CLI.Result {
        let input = dir.file("h.geojson", households)
        return try CLI.run(["partition", input, "-o", dir.path + "/plan.geojson"] + extra)
    }

    func plan(_ dir: Scratch) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: dir.path + "/plan.geojson"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func districtCount(_ dir: Scratch) throws -> Int {
        let features = try #require(try plan(dir)["features"] as? [[String: Any]])
        return features.filter { ($0["properties"] as? [String: Any])?["kind"] as? String == "district" }.count
    }

    @Test func allHouseholdsAtOneCoordinate() throws {
        let dir = Scratch()
        let same = Self.households(Array(repeating: (116.4, 39.9), count: 30))
        let one = try partition(dir, same, ["-k", "1", "-q"])
        #expect(one.status == 0, Comment(rawValue: one.stderr))
        #expect(try districtCount(dir) == 1)
        let three = try partition(dir, same, ["-k", "3", "-q"])
        #expect(three.status == 64)
        #expect(three.stderr.contains("only 1 distinct location"))
    }

    @Test func allHouseholdsOnOneLine() throws {
        let dir = Scratch()
        let r = try partition(dir, Self.households((0..<40).map { (i: Int) -> (Double, Double) in (116.4 + Double(i) * 1e-4, 39.9) }), ["-k", "4"])
        #expect(r.status == 0, Comment(rawValue: r.stderr))
        #expect(try districtCount(dir) == 4)
        #expect(r.stdout.contains("4/4 districts connected"))
    }

    @Test func twoHouseholdsTwoDistrictsAndKEqualToTheSites() throws {
        let dir = Scratch()
        let two = try partition(dir, Self.households([(116.4, 39.9), (116.401, 39.9)]), ["-k", "2"])
        #expect(two.status == 0, Comment(rawValue: two.stderr))
        #expect(try districtCount(dir) == 2)
        let ten = Self.households(Array(Self.grid[0..<5] + Self.grid[10..<15]))
        let k10 = try partition(dir, ten, ["-k", "10"])
        #expect(k10.status == 0, Comment(rawValue: k10.stderr))
        #expect(try districtCount(dir) == 10)
        let k11 = try partition(dir, ten, ["-k", "11"])
        #expect(k11.status == 64)
        #expect(k11.stderr.contains("between 1 and the number of households (10)"))
    }

    /// A bow-tie is repaired with MakeValid (a warning) into two triangles: households outside them are
    /// named (65, with the --clip-outside advice); with --clip-outside they are dropped and named.
    @Test func bowTieBoundary() throws {
        let dir = Scratch()
        let b = dir.file("b.geojson", Self.polygonFile([[(Self.x0, Self.y0), (Self.x1, Self.y1), (Self.x1, Self.y0), (Self.x0, Self.y1), (Self.x0, Self.y0)]]))
        let refused = try partition(dir, Self.households(Self.grid), ["-k", "4", "--boundary", b])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("household(s) outside the boundary"))
        #expect(refused.stderr.contains("--clip-outside"))
        let clipped = try partition(dir, Self.households(Self.grid), ["-k", "4", "--boundary", b, "--clip-outside"])
        #expect(clipped.status == 0, Comment(rawValue: clipped.stderr))
        #expect(clipped.stderr.contains("repaired with GEOS MakeValid"))
        #expect(clipped.stderr.contains("dropped (--clip-outside)"))
    }

    /// Households in a hole are outside the boundary (65 naming them); the boundary's hole survives
    /// into the service areas when they are dropped.
    @Test func boundaryWithAHole() throws {
        let dir = Scratch()
        let outer = [(Self.x0, Self.y0), (Self.x1, Self.y0), (Self.x1, Self.y1), (Self.x0, Self.y1), (Self.x0, Self.y0)]
        let hole = [(116.4025, 39.9025), (116.4025, 39.9065), (116.4065, 39.9065), (116.4065, 39.9025), (116.4025, 39.9025)]
        let b = dir.file("b.geojson", Self.polygonFile([outer, hole]))
        let refused = try partition(dir, Self.households(Self.grid), ["-k", "4", "--boundary", b])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("16 household(s) outside the boundary"))
        let clipped = try partition(dir, Self.households(Self.grid), ["-k", "4", "--boundary", b, "--clip-outside", "-q"])
        #expect(clipped.status == 0, Comment(rawValue: clipped.stderr))
        #expect(try districtCount(dir) == 4)
    }

    /// Two islands (a MultiPolygon) of 40 households each and k=2: a plan of one district per island
    /// (the neighbour graph's two components).
    @Test func boundaryOfTwoIslandsAndASpike() throws {
        let dir = Scratch()
        let a = [(Self.x0, Self.y0), (116.4045, Self.y0), (116.4045, Self.y1), (Self.x0, Self.y1), (Self.x0, Self.y0)]
        let b = [(116.4055, Self.y0), (Self.x1, Self.y0), (Self.x1, Self.y1), (116.4055, Self.y1), (116.4055, Self.y0)]
        let islands = dir.file("i.geojson", Self.polygonFile([a, b], multi: true))
        let onIslands = Self.grid.indices.filter { (i: Int) -> Bool in i % 10 != 4 && i % 10 != 5 }.map { (i: Int) -> (Double, Double) in Self.grid[i] }
        let r = try partition(dir, Self.households(onIslands), ["-k", "2", "--boundary", islands])
        #expect(r.status == 0, Comment(rawValue: r.stderr))
        #expect(r.stdout.contains("2/2 districts connected"))
        // A zero-width spike is a self-intersection: repaired with a warning, then a plan.
        let spike = dir.file("s.geojson", Self.polygonFile([[(Self.x0, Self.y0), (Self.x1, Self.y0), (Self.x1, 39.904), (116.43, 39.904),
                                                           (Self.x1, 39.904), (Self.x1, Self.y1), (Self.x0, Self.y1), (Self.x0, Self.y0)]]))
        let s = try partition(dir, Self.households(Self.grid), ["-k", "4", "--boundary", spike])
        #expect(s.status == 0, Comment(rawValue: s.stderr))
        #expect(s.stderr.contains("repaired with GEOS MakeValid"))
        #expect(try districtCount(dir) == 4)
    }

    /// A barrier that is a closed ring around some households cuts them off: a plan with a warning
    /// naming the parts (contiguity comes before balance: the enclosed households keep a district of their own).
    @Test func barrierRingAroundHouseholds() throws {
        let dir = Scratch()
        let ring = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[116.4015,39.9015],[116.4045,39.9015],[116.4045,39.9045],[116.4015,39.9045],[116.4015,39.9015]]},\"properties\":{}}]}"
        let r = try partition(dir, Self.households(Self.grid), ["-k", "4", "--barriers", dir.file("r.geojson", ring)])
        #expect(r.status == 0, Comment(rawValue: r.stderr))
        #expect(r.stderr.contains("balance gives way to the barriers"))
        #expect(r.stderr.contains("2 of 2 parts cannot be balanced"))
        #expect(try districtCount(dir) == 4)
    }

    /// A hand-edited previous plan: overlapping district polygons do not matter to redraw (it starts
    /// from the memberships, and draws new polygons); a repeated household id is 65 naming both features.
    @Test func previousPlanWithOverlapsOrRepeatedIds() throws {
        let dir = Scratch()
        let input = dir.file("h.geojson", Self.households(Self.grid))
        let first = try CLI.run(["partition", input, "-k", "4", "-o", dir.path + "/old.geojson", "-q"])
        try #require(first.status == 0, Comment(rawValue: first.stderr))
        let text = try String(contentsOfFile: dir.path + "/old.geojson", encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        let districtLines = lines.indices.filter { lines[$0].contains("\"kind\":\"district\"") }
        try #require(districtLines.count == 4)
        // District 1 takes a polygon covering everything (overlapping all others).
        let whole = "{\"type\":\"Polygon\",\"coordinates\":[[[116.399,39.899],[116.411,39.899],[116.411,39.911],[116.399,39.911],[116.399,39.899]]]}"
        let l = lines[districtLines[0]]
        let g0 = try #require(l.range(of: "\"geometry\":")), g1 = try #require(l.range(of: ",\"properties\""))
        lines[districtLines[0]] = String(l[..<g0.upperBound]) + whole + String(l[g1.lowerBound...])
        dir.file("overlap.geojson", lines.joined(separator: "\n"))
        let r = try CLI.run(["redraw", input, "--previous", dir.path + "/overlap.geojson", "-k", "4", "-o", dir.path + "/plan.geojson", "-q"])
        #expect(r.status == 0, Comment(rawValue: r.stderr))
        #expect(try districtCount(dir) == 4)
        // Household h5 takes h4's id.
        let repeated = text.replacingOccurrences(of: "\"id\":\"h5\"", with: "\"id\":\"h4\"")
        dir.file("repeat.geojson", repeated)
        let d = try CLI.run(["redraw", input, "--previous", dir.path + "/repeat.geojson", "-k", "4", "-o", dir.path + "/r.geojson", "-q"])
        #expect(d.status == 65)
        #expect(d.stderr.contains("repeat.geojson: feature"))
        #expect(d.stderr.contains("duplicate id \"h4\""))
        #expect(!dir.listing.contains("r.geojson"))
    }

    /// Households across China (55° of longitude): one UTM zone would stretch distances by up to ~20 %
    /// at the edges, so the metric CRS is a Lambert azimuthal equal-area centred on the data, recorded
    /// in the plan's `crs` and reused by `report`.
    @Test func continentWideDataUsesAnEqualAreaCRS() throws {
        let dir = Scratch()
        var rng = SplitMix(seed: 5)
        var points: [(Double, Double)] = []
        for _ in 0..<200 {
            let lon: Double = 75 + rng.unit() * 55
            let lat: Double = 20 + rng.unit() * 30
            points.append((lon, lat))
        }
        let r = try partition(dir, Self.households(points), ["-k", "3", "-q"])
        #expect(r.status == 0, Comment(rawValue: r.stderr))
        let crs = try #require((try plan(dir)["wangge"] as? [String: Any])?["metric_crs"] as? String)
        #expect(crs.hasPrefix("+proj=laea"), "\(crs)")
        let report = try CLI.run(["report", dir.path + "/plan.geojson", "-q"])
        #expect(report.status == 0, Comment(rawValue: report.stderr))
    }

    /// Households straddling the antimeridian (Fiji): one UTM zone at 180°, coordinates written back
    /// within −180…180.
    @Test func dataStraddlingTheAntimeridian() throws {
        let dir = Scratch()
        var rng = SplitMix(seed: 9)
        var points: [(Double, Double)] = []
        for _ in 0..<120 {
            let lon: Double = 179.95 + rng.unit() * 0.1
            let lat: Double = -17 + rng.unit() * 0.05
            points.append((lon > 180 ? lon - 360 : lon, lat))
        }
        let r = try partition(dir, Self.households(points), ["-k", "3", "-q"])
        #expect(r.status == 0, Comment(rawValue: r.stderr))
        let p = try plan(dir)
        #expect((p["wangge"] as? [String: Any])?["metric_crs"] as? String == "EPSG:32701")
        // Every longitude written (district rings and household points) is within −180…180.
        var longitudes: [Double] = []
        func collect(_ value: Any) {
            if let pair = value as? [Any], pair.count == 2, let lon = pair[0] as? Double, pair[1] is Double {
                longitudes.append(lon)
            } else if let list = value as? [Any] {
                list.forEach(collect)
            }
        }
        for feature in try #require(p["features"] as? [[String: Any]]) {
            collect((feature["geometry"] as? [String: Any])?["coordinates"] as Any)
        }
        #expect(longitudes.count > 120)
        #expect(longitudes.allSatisfy { abs($0) <= 180 })
        #expect(try districtCount(dir) == 3)
    }
}

import Foundation
import Testing

/// GIS formats end to end (GDAL/OGR): the sample converted with `ogr2ogr` to Shapefile,
/// GeoPackage, Excel and a projected Shapefile gives the plan the GeoJSON gives; plans written as
/// GeoPackage, Shapefile and FlatGeobuf open in `ogrinfo` as separate polygon and point layers;
/// `ogr2ogr` round trips keep counts, geometry and Chinese names. k = 4 keeps each run short.
@Suite struct GISFormatsCLITests {
    static func sample(_ name: String) -> String { PartitionCLITests.sample(name) }

    /// A GDAL command-line tool (gdal-bin, installed by `make test`).
    static func tool(_ name: String) throws -> String {
        let path = ["/usr/bin/\(name)", "/usr/local/bin/\(name)"].first { FileManager.default.isExecutableFile(atPath: $0) }
        return try #require(path, "\(name) (Debian gdal-bin) is needed: `make test` installs it")
    }

    /// Runs a GDAL tool; returns stdout, expecting exit 0.
    @discardableResult
    static func gdal(_ name: String, _ arguments: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try tool(name))
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out; process.standardError = err
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(name) \(arguments.joined(separator: " ")): \(errors)", sourceLocation: sourceLocation)
        return text
    }

    static func partition(_ households: String, _ extra: [String], to plan: String) throws -> CLI.Result {
        try CLI.run(["partition", households, "-k", "4", "--relations", sample("relations.csv"), "-q", "-o", plan] + extra)
    }

    /// Numbers in `a` and `b` equal within `tolerance` (relative, at least 1e-7 absolute: one unit
    /// of the 7th decimal), everything between them identical.
    static func sameUpToRounding(_ a: String, _ b: String, tolerance: Double = 1e-7) -> Bool {
        let number = try! NSRegularExpression(pattern: "-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?")
        func split(_ s: String) -> (text: [String], numbers: [Double]) {
            let ns = s as NSString
            var text: [String] = [], numbers: [Double] = [], last = 0
            for m in number.matches(in: s, range: NSRange(location: 0, length: ns.length)) {
                text.append(ns.substring(with: NSRange(location: last, length: m.range.location - last)))
                numbers.append(Double(ns.substring(with: m.range))!)
                last = m.range.location + m.range.length
            }
            text.append(ns.substring(from: last))
            return (text, numbers)
        }
        let (ta, na) = split(a), (tb, nb) = split(b)
        guard ta == tb, na.count == nb.count else { return false }
        return zip(na, nb).allSatisfy { abs($0 - $1) <= max(tolerance, 1e-9 * max(abs($0), abs($1))) }
    }

    @Test func partitionReadsShapefileGeoPackageExcelLikeGeoJSON() throws {
        let dir = Scratch()
        let households = Self.sample("households.geojson")
        let boundary = Self.sample("bagongshan-boundary.geojson"), river = Self.sample("river.geojson")
        // Fixtures made by GDAL itself from the bundled GeoJSON.
        try Self.gdal("ogr2ogr", ["-lco", "ENCODING=UTF-8", dir.path + "/h.shp", households])
        try Self.gdal("ogr2ogr", ["-f", "GPKG", dir.path + "/h.gpkg", households])
        try Self.gdal("ogr2ogr", ["-f", "XLSX", dir.path + "/h.xlsx", households, "-nln", "households", "-dialect", "SQLite", "-sql",
                                  "SELECT id, ST_X(geometry) AS lon, ST_Y(geometry) AS lat, members, \"group\", village FROM households"])
        try Self.gdal("ogr2ogr", ["-t_srs", "EPSG:32650", "-lco", "ENCODING=UTF-8", dir.path + "/utm.shp", households])
        try Self.gdal("ogr2ogr", ["-t_srs", "EPSG:32650", dir.path + "/boundary-utm.shp", boundary])
        try Self.gdal("ogr2ogr", ["-f", "GPKG", dir.path + "/river.gpkg", river, "-nln", "barriers"])

        let geo = [ "--boundary", boundary, "--barriers", river]
        let reference = dir.path + "/from-geojson.geojson"
        let r0 = try Self.partition(households, geo, to: reference)
        #expect(r0.status == 0, "\(r0.stderr)")
        let expected = try String(contentsOfFile: reference, encoding: .utf8)
        for input in ["h.shp", "h.gpkg", "h.xlsx"] {
            let plan = dir.path + "/from-\(input).geojson"
            let r = try Self.partition(dir.path + "/" + input, geo, to: plan)
            #expect(r.status == 0, "\(input): \(r.stderr)")
            #expect(try String(contentsOfFile: plan, encoding: .utf8) == expected, "\(input): not the same plan bytes")
        }
        // A projected Shapefile (its .prj says UTM 50N) and a projected boundary, a GeoPackage of
        // barriers: converted back to WGS84 on read, the plan is the same up to coordinate rounding.
        let projected = dir.path + "/from-utm.geojson"
        let r = try Self.partition(dir.path + "/utm.shp", ["--boundary", dir.path + "/boundary-utm.shp",
                                                          "--barriers", dir.path + "/river.gpkg"], to: projected)
        #expect(r.status == 0, "\(r.stderr)")
        // The same vertices in the same order: the noding drops the collinear vertices where the clip
        // index's grid cut the boundary (whether GEOS kept one depended on the last bits of the
        // input), and every ring starts at its lowest vertex.
        let projectedText = try String(contentsOfFile: projected, encoding: .utf8)
        #expect(Self.sameUpToRounding(projectedText, expected), "the plan from the projected Shapefile differs beyond rounding")
        #expect(!dir.listing.contains { $0.hasPrefix(".") }, "temporary files left: \(dir.listing)")
    }

    @Test func planAsGeoPackageShapefileFlatGeobufOpensAsSeparateLayers() throws {
        let dir = Scratch()
        let labels = dir.file("labels.csv", "district,name,leader,phone\nD01,第一片区,石文,138\nD02,第二片区,李梅,139\nD03,第三片区,王刚,137\nD04,第四片区,赵兰,136\n")
        let inputs = ["--boundary", Self.sample("bagongshan-boundary.geojson"), "--barriers", Self.sample("river.geojson"),
                      "--labels", labels]
        let gpkg = dir.path + "/out/plan.gpkg"
        try FileManager.default.createDirectory(atPath: dir.path + "/out", withIntermediateDirectories: true)
        let r = try Self.partition(Self.sample("households.geojson"), inputs + ["--layers", dir.path + "/out/layers"], to: gpkg)
        #expect(r.status == 0, "\(r.stderr)")

        let info = try Self.gdal("ogrinfo", ["-so", gpkg, "districts", "households", "barriers", "wangge_plan"])
        let layers = info.components(separatedBy: "Layer name: ").dropFirst().map { block in
            (name: String(block.prefix { $0 != "\n" }), text: block)
        }
        #expect(layers.map(\.name) == ["districts", "households", "barriers", "wangge_plan"])
        let districts = try #require(layers.first { $0.name == "districts" }).text
        #expect(districts.contains("Geometry: Polygon") && districts.contains("Feature Count: 4"))
        for field in ["kind: String", "district: String", "households: Integer64", "members: Integer64", "load: ",
                      "deviation: Real", "area_km2: Real", "name: String", "leader: String", "phone: String"] {
            #expect(districts.contains("\n" + field), "districts layer lacks \(field)")
        }
        let households = try #require(layers.first { $0.name == "households" }).text
        #expect(households.contains("Geometry: Point") && households.contains("Feature Count: 1312"))
        for field in ["id: String", "district: String", "members: Integer64", "group: String", "village: String"] {
            #expect(households.contains("\n" + field), "households layer lacks \(field)")
        }
        // The river line and its two bridges (crossings, with name and radius).
        #expect(try #require(layers.first { $0.name == "barriers" }).text.contains("Feature Count: 3"))
        let bridges = try Self.gdal("ogrinfo", ["-q", gpkg, "barriers", "-where", "kind = 'crossing'"])
        #expect(bridges.components(separatedBy: "radius (Real) = ").count == 3, "\(bridges)")
        let meta = try Self.gdal("ogrinfo", ["-q", gpkg, "wangge_plan"])
        #expect(meta.contains("districts (Integer64) = 4") && meta.contains("balance (String) = households"))
        // The GeoPackage plan reads back: report gives what the GeoJSON plan gives.
        let geojson = dir.path + "/out/plan.geojson"
        #expect(try Self.partition(Self.sample("households.geojson"), inputs, to: geojson).status == 0)
        // The README's command for the districts of the single-file plan, to a Shapefile: names kept.
        try Self.gdal("ogr2ogr", ["-lco", "ENCODING=UTF-8", "-where", "kind = 'district'", dir.path + "/out/d.shp", geojson])
        let fromPlan = try Self.gdal("ogrinfo", ["-q", "-al", dir.path + "/out/d.shp"])
        #expect(fromPlan.components(separatedBy: "OGRFeature(d)").count == 5 && fromPlan.contains("POLYGON"))
        #expect(fromPlan.contains("name (String) = 第二片区") && fromPlan.contains("leader (String) = 李梅"), "\(fromPlan)")
        for ext in ["shp", "shx", "dbf", "prj", "cpg"] { try FileManager.default.removeItem(atPath: dir.path + "/out/d.\(ext)") }
        let fromGeoJSON = try CLI.run(["report", geojson, "--format", "json", "-q"])
        let fromGeoPackage = try CLI.run(["report", gpkg, "--format", "json", "-q"])
        #expect(fromGeoJSON.status == 0 && fromGeoPackage.status == 0, "\(fromGeoPackage.stderr)")
        #expect(fromGeoJSON.stdout == fromGeoPackage.stdout && !fromGeoJSON.stdout.isEmpty)

        // --layers: one FeatureCollection per layer, the GeoJSON plan's features split in two.
        let plan = try String(contentsOfFile: geojson, encoding: .utf8)
        let d = try String(contentsOfFile: dir.path + "/out/layers/districts.geojson", encoding: .utf8)
        let h = try String(contentsOfFile: dir.path + "/out/layers/households.geojson", encoding: .utf8)
        let planLines = plan.split(separator: "\n").map { $0.hasSuffix(",") ? $0.dropLast() : $0 }
        let layerLines = (d + h).split(separator: "\n").map { $0.hasSuffix(",") ? $0.dropLast() : $0 }
        #expect(Set(planLines.filter { $0.hasPrefix("{\"type\":\"Feature\"") }) == Set(layerLines.filter { $0.hasPrefix("{\"type\":\"Feature\"") }))
        #expect(d.components(separatedBy: "\"kind\":\"district\"").count == 5)
        #expect(h.components(separatedBy: "\"kind\":\"household\"").count == 1313)

        // Shapefile and FlatGeobuf: NAME_districts + NAME_households, Chinese names kept (.cpg).
        for ext in ["shp", "fgb"] {
            let r = try Self.partition(Self.sample("households.geojson"), inputs, to: dir.path + "/out/plan.\(ext)")
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("plan_districts.\(ext)") && r.stdout.contains("plan_households.\(ext)"))
            let d = try Self.gdal("ogrinfo", ["-so", "-al", dir.path + "/out/plan_districts.\(ext)"])
            #expect(d.contains("Geometry: Polygon") && d.contains("Feature Count: 4"), "\(d)")
            let h = try Self.gdal("ogrinfo", ["-so", "-al", dir.path + "/out/plan_households.\(ext)"])
            #expect(h.contains("Geometry: Point") && h.contains("Feature Count: 1312"), "\(h)")
            let names = try Self.gdal("ogrinfo", ["-q", "-al", "-where", "district = 'D02'", dir.path + "/out/plan_districts.\(ext)"])
            #expect(names.contains("name (String) = 第二片区") && names.contains("leader (String) = 李梅"), "\(names)")
        }
        #expect(FileManager.default.fileExists(atPath: dir.path + "/out/plan_districts.cpg"))
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path + "/out").filter { $0.hasPrefix(".") }
        #expect(left.isEmpty, "temporary files left: \(left)")
    }

    @Test func ogr2ogrRoundTripsKeepCountsGeometryAndChineseNames() throws {
        let dir = Scratch()
        let labels = dir.file("labels.csv", "district,name,leader,phone\nD01,第一片区,石文,138\nD02,第二片区,李梅,139\nD03,第三片区,王刚,137\nD04,第四片区,赵兰,136\n")
        let r = try Self.partition(Self.sample("households.geojson"), ["--labels", labels, "--layers", dir.path + "/layers"],
                                   to: dir.path + "/plan.shp")
        #expect(r.status == 0, "\(r.stderr)")
        let districts = dir.path + "/layers/districts.geojson"
        // GeoJSON → GeoPackage → GeoJSON; GeoJSON → Shapefile (UTF-8) → GeoJSON; GeoJSON → KML → GeoJSON;
        // and Wangge's own Shapefile (its .cpg, no option) → GeoJSON.
        try Self.gdal("ogr2ogr", ["-f", "GPKG", dir.path + "/d.gpkg", districts])
        try Self.gdal("ogr2ogr", ["-f", "GeoJSON", dir.path + "/from-gpkg.geojson", dir.path + "/d.gpkg"])
        // The README's command as a user runs it (GDAL 3.6's Shapefile driver writes ISO-8859-1
        // unless told otherwise: without the option the names come back as question marks).
        try Self.gdal("ogr2ogr", ["-lco", "ENCODING=UTF-8", dir.path + "/d.shp", districts])
        try Self.gdal("ogr2ogr", [dir.path + "/latin1.shp", districts])
        let latin1 = try Self.gdal("ogrinfo", ["-q", "-al", "-where", "district = 'D02'", dir.path + "/latin1.shp"])
        #expect(!latin1.contains("第二片区") && !FileManager.default.fileExists(atPath: dir.path + "/latin1.cpg"),
                "GDAL now keeps UTF-8 in Shapefiles by default: update the README's note on -lco ENCODING=UTF-8")
        try Self.gdal("ogr2ogr", ["-f", "GeoJSON", dir.path + "/from-shp.geojson", dir.path + "/d.shp"])
        try Self.gdal("ogr2ogr", ["-f", "KML", dir.path + "/d.kml", districts])
        try Self.gdal("ogr2ogr", ["-f", "GeoJSON", dir.path + "/from-kml.geojson", dir.path + "/d.kml"])
        try Self.gdal("ogr2ogr", ["-f", "GeoJSON", dir.path + "/from-own-shp.geojson", dir.path + "/plan_districts.shp"])

        let original = try Self.polygons(districts)
        #expect(original.count == 4)
        for copy in ["from-gpkg", "from-shp", "from-kml", "from-own-shp"] {
            let got = try Self.polygons(dir.path + "/\(copy).geojson")
            #expect(got.count == original.count, "\(copy): \(got.count) features")
            for (name, rings) in original {
                let back = got[name]
                #expect(back != nil, "\(copy): \(name) lost")
                guard let back else { continue }
                // Same vertices (as sets of rounded positions: Shapefile may reorient rings).
                #expect(Set(back.flatMap { $0 }) == Set(rings.flatMap { $0 }), "\(copy): \(name) geometry changed")
            }
        }
        // Wangge's households Shapefile reads back as the same households (ids, groups in Chinese).
        try Self.gdal("ogr2ogr", ["-f", "GeoJSON", dir.path + "/hh.geojson", dir.path + "/plan_households.shp"])
        let hh = try String(contentsOfFile: dir.path + "/hh.geojson", encoding: .utf8)
        #expect(hh.components(separatedBy: "\"kind\": \"household\"").count == 1313)
        #expect(hh.contains("蔡岗村1组"))
    }

    /// District name → its rings as positions rounded to 7 decimals ("x,y"), from a GeoJSON file.
    static func polygons(_ path: String) throws -> [String: [[String]]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let features = try #require(json["features"] as? [[String: Any]])
        var out: [String: [[String]]] = [:]
        for f in features {
            let props = f["properties"] as? [String: Any] ?? [:]
            // KML keeps the name as "Name" (its <name>), other formats as "name".
            guard let name = (props["name"] ?? props["Name"]) as? String else { continue }
            let geometry = try #require(f["geometry"] as? [String: Any])
            var polys: [[[[Double]]]] = []
            switch geometry["type"] as? String {
            case "Polygon": polys = [try #require(geometry["coordinates"] as? [[[Double]]])]
            case "MultiPolygon": polys = try #require(geometry["coordinates"] as? [[[[Double]]]])
            default: Issue.record("\(path): \(name) is not a polygon")
            }
            out[name] = polys.flatMap { $0 }.map { ring in ring.map { String(format: "%.7f,%.7f", $0[0], $0[1]) } }
        }
        return out
    }

    @Test func badInputsThroughOGRNameFileFeatureAndField() throws {
        let dir = Scratch()
        // A Shapefile whose 3rd feature has a duplicate id, a GeoPackage with members 0, an Excel
        // sheet with a text longitude, a GeoPackage with two layers and no --layer.
        let csv = dir.file("h.csv", "id,lon,lat,members\nA,116.78,32.68,1\nB,116.79,32.69,2\nA,116.80,32.70,1\n")
        try Self.gdal("ogr2ogr", ["-f", "ESRI Shapefile", dir.path + "/dup.shp", csv, "-oo", "X_POSSIBLE_NAMES=lon",
                                  "-oo", "Y_POSSIBLE_NAMES=lat", "-oo", "AUTODETECT_TYPE=YES"])
        let dup = try CLI.run(["validate", dir.path + "/dup.shp"])
        #expect(dup.status == 65)
        #expect(dup.stderr.contains("dup.shp: feature 2: field 'id': duplicate id \"A\": also used by feature 0"), "\(dup.stderr)")

        let zero = dir.file("zero.csv", "id,lon,lat,members\nA,116.78,32.68,1\nB,116.79,32.69,0\n")
        try Self.gdal("ogr2ogr", ["-f", "GPKG", dir.path + "/zero.gpkg", zero, "-nln", "households", "-oo", "X_POSSIBLE_NAMES=lon",
                                  "-oo", "Y_POSSIBLE_NAMES=lat", "-oo", "AUTODETECT_TYPE=YES"])
        let z = try CLI.run(["validate", dir.path + "/zero.gpkg"])
        #expect(z.status == 65)
        #expect(z.stderr.contains("zero.gpkg: feature 1: field 'members': members must be ≥ 1, got 0"), "\(z.stderr)")

        let text = dir.file("text.csv", "id,lon,lat\nA,116.78,32.68\nB,east,32.69\n")
        try Self.gdal("ogr2ogr", ["-f", "XLSX", dir.path + "/text.xlsx", text, "-nln", "households"])
        let x = try CLI.run(["validate", dir.path + "/text.xlsx"])
        #expect(x.status == 65)
        #expect(x.stderr.contains("text.xlsx: line 3: field 'lon': longitude must be a number, got \"east\""), "\(x.stderr)")

        try Self.gdal("ogr2ogr", ["-f", "GPKG", dir.path + "/two.gpkg", zero, "-nln", "a"])
        try Self.gdal("ogr2ogr", ["-f", "GPKG", "-update", dir.path + "/two.gpkg", zero, "-nln", "b"])
        let two = try CLI.run(["validate", dir.path + "/two.gpkg"])
        #expect(two.status == 64)
        #expect(two.stderr.contains("holds 2 layers (a, b)") && two.stderr.contains("--layer"), "\(two.stderr)")
        let wrong = try CLI.run(["validate", dir.path + "/two.gpkg", "--layer", "c"])
        #expect(wrong.status == 66 && wrong.stderr.contains("no layer \"c\""), "\(wrong.stderr)")

        let missing = try CLI.run(["validate", dir.path + "/nothing.shp"])
        #expect(missing.status == 66 && missing.stderr.contains("nothing.shp"), "\(missing.stderr)")
        // A points file given as boundary: named, 65.
        let boundary = try CLI.run(["validate", Self.sample("households.geojson"), "--boundary", dir.path + "/dup.shp"])
        #expect(boundary.status == 65 && boundary.stderr.contains("dup.shp: feature 0: field 'geometry'"), "\(boundary.stderr)")
    }

    /// Found by `FuzzOGRText` (a 10 s timeout under ASan, 2 Dec 2026): a GML barrier whose `srsName` is
    /// garbled. GDAL hands the name to PROJ, whose database search for it takes about 1 s in a release
    /// build and 7 s under ASan (PROJ's own cost, not a loop in Wangge); the run must still end with
    /// exit 65 naming the file, the feature and what is wrong (without a CRS the lat/lon order is
    /// taken as lon/lat, so the position is out of range).
    @Test func gmlBarrierWithAGarbledSrsNameEndsNamingTheFeature() throws {
        let dir = Scratch()
        let gml = dir.file("garbled.gml", """
<?xml version="1.0" encoding="utf-8" ?>
<ogr:FeatureCollection gml:id="c" xmlns:ogr="http://ogr.maptools.org/" xmlns:gml="http://www.opengis.net/gml/3.2">
  <ogr:featureMember>
    <ogr:boundary gml:id="boundary.0">
      <ogr:geometryProperty><gml:Polygon srsName="urn:ogc:def:crs:EPSGGDAL_DISABLE_READDIR_Ory.geom.0"><gml:exterior><gml:LinearRing><gml:posList>32.6 116.8 32.6 116.9 32.7 116.9 32.7 116.8 32.6 116.8</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></ogr:geometryProperty>
    </ogr:boundary>
  </ogr:featureMember>
</ogr:FeatureCollection>
""")
        let r = try CLI.run(["validate", Self.sample("households.geojson"), "--barriers", gml])
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.contains("garbled.gml: feature 0: field 'geometry'"), "\(r.stderr)")
        #expect(r.stderr.contains("outside WGS84"), "\(r.stderr)")
    }
}

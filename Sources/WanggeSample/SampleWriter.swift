import WanggeModel
#if canImport(Glibc)
import Glibc
#endif

/// The files of `sample-geo/` (BRIEF "Sample file names"), written atomically into a directory.
public enum SampleWriter {
    /// Writes households.geojson, relations.csv, river.geojson, cadres.csv and labels.csv (and for the
    /// rural layout boundary.geojson, its square), and
    /// households-evolved.geojson when `evolved` is given. Creates the directory if needed.
    /// Returns the paths written, in order.
    @discardableResult
    public static func write(_ sample: SyntheticSample, evolved: EvolvedSample? = nil,
                             to directory: String) throws -> [String] {
        try makeDirectory(directory)
        var paths: [String] = []
        func path(_ name: String) -> String { directory.hasSuffix("/") ? directory + name : directory + "/" + name }
        paths.append(try writeHouseholds(sample.households, to: path("households.geojson")))
        paths.append(try writeRelations(sample.relations, ids: sample.households.ids, to: path("relations.csv")))
        paths.append(try writeRiver(sample.river, crossings: sample.crossings, to: path("river.geojson")))
        paths.append(try writeCadres(sample.cadres, to: path("cadres.csv")))
        paths.append(try writeLabels(sample.labels, to: path("labels.csv")))
        if sample.options.layout == .rural {
            paths.append(try writeBoundary(sample.options.boundary, to: path("boundary.geojson")))
        }
        if let evolved {
            paths.append(try writeHouseholds(evolved.households, to: path("households-evolved.geojson")))
        }
        return paths
    }

    public static func makeDirectory(_ directory: String) throws {
        var prefix = directory.hasPrefix("/") ? "/" : ""
        for part in directory.split(separator: "/") {
            prefix += part + "/"
            var st = stat()
            if stat(prefix, &st) == 0 {
                guard (st.st_mode & S_IFMT) == S_IFDIR else {
                    throw WanggeError(.cannotCreate, "not a directory", at: SourceLocation(file: String(prefix.dropLast())))
                }
                continue
            }
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw WanggeError(.cannotCreate, "cannot create the directory: \(String(cString: strerror(errno)))",
                                  at: SourceLocation(file: String(prefix.dropLast())))
            }
        }
    }

    /// RFC 7946 FeatureCollection of Points, one feature per line, coordinates with 7 decimals,
    /// properties id, members, group, village.
    public static func writeHouseholds(_ table: HouseholdTable, to path: String) throws -> String {
        let out = try AtomicFileWriter(path: path)
        var b = ByteBuffer()
        func json(_ s: String) -> [UInt8] { var j = ByteBuffer(capacity: 64); j.appendJSONString(s); return j.bytes }
        let groupJSON = table.groupNames.map(json)
        let villageJSON = table.villageNames.map(json)
        b.append("{\"type\":\"FeatureCollection\",\"features\":[\n")
        for i in 0..<table.count {
            if i > 0 { b.append(",\n") }
            b.append("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[")
            b.appendFixed7(table.lon[i]); b.append(","); b.appendFixed7(table.lat[i])
            b.append("]},\"properties\":{\"id\":")
            b.appendJSONString(table.ids[i])
            b.append(",\"members\":"); b.appendInteger(Int64(table.members[i]))
            if table.group[i] >= 0 { b.append(",\"group\":"); b.append(groupJSON[Int(table.group[i])]) }
            if table.village[i] >= 0 { b.append(",\"village\":"); b.append(villageJSON[Int(table.village[i])]) }
            b.append("}}")
            out.drain(&b)
        }
        b.append("\n]}\n")
        try out.commit(&b)
        return path
    }

    /// `a,b,weight` with household ids.
    public static func writeRelations(_ relations: RelationTable, ids: [String], to path: String) throws -> String {
        let out = try AtomicFileWriter(path: path)
        var b = ByteBuffer()
        b.append("a,b,weight\n")
        for r in 0..<relations.count {
            b.appendCSV(ids[Int(relations.a[r])]); b.append(",")
            b.appendCSV(ids[Int(relations.b[r])]); b.append(",")
            b.appendInteger(Int64(relations.weight[r].rounded()))
            b.append("\n")
            out.drain(&b)
        }
        try out.commit(&b)
        return path
    }

    /// One LineString feature, the river barrier, then one Point feature per crossing (`kind: crossing`,
    /// `name`, `radius` in metres).
    public static func writeRiver(_ river: [Point2], crossings: [Crossing] = [], to path: String) throws -> String {
        let out = try AtomicFileWriter(path: path)
        var b = ByteBuffer()
        b.append("{\"type\":\"FeatureCollection\",\"features\":[\n")
        b.append("{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[")
        for (i, p) in river.enumerated() {
            b.append(i == 0 ? "[" : ",[")
            b.appendFixed7(p.x); b.append(","); b.appendFixed7(p.y); b.append("]")
        }
        b.append("]},\"properties\":{\"kind\":\"river\",\"name\":\"synthetic river\"}}")
        for c in crossings {
            b.append(",\n{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[")
            b.appendFixed7(c.position.x); b.append(","); b.appendFixed7(c.position.y)
            b.append("]},\"properties\":{\"kind\":\"crossing\",\"name\":")
            b.appendJSONString(c.name ?? "")
            b.append(",\"radius\":"); b.appendInteger(Int64(c.radius.rounded())); b.append("}}")
        }
        b.append("\n]}\n")
        try out.commit(&b)
        return path
    }

    /// One Polygon feature: the area the sample was drawn in (the rural layout's square).
    public static func writeBoundary(_ polygon: Polygon, to path: String) throws -> String {
        let out = try AtomicFileWriter(path: path)
        var b = ByteBuffer()
        b.append("{\"type\":\"FeatureCollection\",\"features\":[\n")
        b.append("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[")
        for (r, ring) in polygon.rings.enumerated() {
            b.append(r == 0 ? "[" : ",[")
            for (i, p) in ring.enumerated() {
                b.append(i == 0 ? "[" : ",[")
                b.appendFixed7(p.x); b.append(","); b.appendFixed7(p.y); b.append("]")
            }
            b.append("]")
        }
        b.append("]},\"properties\":{\"name\":\"synthetic prefecture\"}}\n]}\n")
        try out.commit(&b)
        return path
    }

    /// `id,name,role,lon,lat,village,phone`; roles town_leader, town_cadre, village_cadre, party_member.
    public static func writeCadres(_ cadres: [Cadre], to path: String) throws -> String {
        let out = try AtomicFileWriter(path: path)
        var b = ByteBuffer()
        b.append("id,name,role,lon,lat,village,phone\n")
        for c in cadres {
            b.appendCSV(c.id); b.append(","); b.appendCSV(c.name); b.append(","); b.append(c.role.rawValue)
            b.append(","); b.appendFixed7(c.lon); b.append(","); b.appendFixed7(c.lat)
            b.append(","); b.appendCSV(c.village); b.append(","); b.appendCSV(c.phone); b.append("\n")
            out.drain(&b)
        }
        try out.commit(&b)
        return path
    }

    /// `district,name,leader,phone`.
    public static func writeLabels(_ labels: [DistrictLabel], to path: String) throws -> String {
        let out = try AtomicFileWriter(path: path)
        var b = ByteBuffer()
        b.append("district,name,leader,phone\n")
        for l in labels {
            b.appendCSV(l.district); b.append(","); b.appendCSV(l.name); b.append(",")
            b.appendCSV(l.leader); b.append(","); b.appendCSV(l.phone); b.append("\n")
        }
        try out.commit(&b)
        return path
    }
}

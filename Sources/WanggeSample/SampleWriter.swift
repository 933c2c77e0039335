import WanggeModel
#if canImport(Glibc)
import Glibc
#endif

/// The files of `sample-geo/` (BRIEF "Sample file names"), written atomically into a directory.
public enum SampleWriter {
    /// Writes households.geojson, relations.csv, river.geojson, cadres.csv and labels.csv, and
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
        paths.append(try writeRiver(sample.river, to: path("river.geojson")))
        paths.append(try writeCadres(sample.cadres, to: path("cadres.csv")))
        paths.append(try writeLabels(sample.labels, to: path("labels.csv")))
        if let evolved {
            paths.append(try writeHouseholds(evolved.households, to: path("households-evolved.geojson")))
        }
        return paths
    }

    static func makeDirectory(_ directory: String) throws {
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
        out.write("{\"type\":\"FeatureCollection\",\"features\":[\n")
        let groupJSON = table.groupNames.map(jsonString)
        let villageJSON = table.villageNames.map(jsonString)
        for i in 0..<table.count {
            out.write(i == 0 ? "" : ",\n")
            out.write("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[")
            out.writeFixed7(table.lon[i]); out.write(","); out.writeFixed7(table.lat[i])
            out.write("]},\"properties\":{\"id\":")
            out.write(jsonString(table.ids[i]))
            out.write(",\"members\":"); out.writeInteger(Int64(table.members[i]))
            if table.group[i] >= 0 { out.write(",\"group\":"); out.write(groupJSON[Int(table.group[i])]) }
            if table.village[i] >= 0 { out.write(",\"village\":"); out.write(villageJSON[Int(table.village[i])]) }
            out.write("}}")
        }
        out.write("\n]}\n")
        try out.commit()
        return path
    }

    /// `a,b,weight` with household ids.
    public static func writeRelations(_ relations: RelationTable, ids: [String], to path: String) throws -> String {
        let out = try AtomicFileWriter(path: path)
        out.write("a,b,weight\n")
        for r in 0..<relations.count {
            out.write(csvField(ids[Int(relations.a[r])])); out.write(",")
            out.write(csvField(ids[Int(relations.b[r])])); out.write(",")
            out.writeInteger(Int64(relations.weight[r].rounded()))
            out.write("\n")
        }
        try out.commit()
        return path
    }

    /// One LineString feature: the river barrier.
    public static func writeRiver(_ river: [Point2], to path: String) throws -> String {
        let out = try AtomicFileWriter(path: path)
        out.write("{\"type\":\"FeatureCollection\",\"features\":[\n")
        out.write("{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[")
        for (i, p) in river.enumerated() {
            out.write(i == 0 ? "[" : ",[")
            out.writeFixed7(p.x); out.write(","); out.writeFixed7(p.y); out.write("]")
        }
        out.write("]},\"properties\":{\"kind\":\"river\",\"name\":\"synthetic river\"}}\n]}\n")
        try out.commit()
        return path
    }

    /// `id,name,role,lon,lat,village,phone`; roles town_leader, town_cadre, village_cadre, party_member.
    public static func writeCadres(_ cadres: [SampleCadre], to path: String) throws -> String {
        let out = try AtomicFileWriter(path: path)
        out.write("id,name,role,lon,lat,village,phone\n")
        for c in cadres {
            out.write(csvField(c.id) + "," + csvField(c.name) + "," + c.role.rawValue + ",")
            out.writeFixed7(c.lon); out.write(","); out.writeFixed7(c.lat)
            out.write("," + csvField(c.village) + "," + csvField(c.phone) + "\n")
        }
        try out.commit()
        return path
    }

    /// `district,name,leader,phone`.
    public static func writeLabels(_ labels: [DistrictLabel], to path: String) throws -> String {
        let out = try AtomicFileWriter(path: path)
        out.write("district,name,leader,phone\n")
        for l in labels {
            out.write([l.district, l.name, l.leader, l.phone].map(csvField).joined(separator: ",") + "\n")
        }
        try out.commit()
        return path
    }
}

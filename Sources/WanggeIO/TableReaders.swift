import WanggeModel

/// Small CSV tables: district labels and cadres.
public enum LabelReader {
    /// `district,name,leader,phone[,...]`. A header row (first field `district`) maps columns by
    /// name and names the extra columns; without one, columns are taken in that order and extras
    /// are named `column5`, … Errors: missing or duplicate district ids.
    public static func read(path: String) throws -> [DistrictLabel] {
        try read(CSVReader(path: path))
    }

    /// The same from bytes already in memory (`path` names them in messages).
    public static func read(bytes: [UInt8], path: String) throws -> [DistrictLabel] {
        try read(CSVReader(path: path, bytes: bytes))
    }

    static func read(_ csv: CSVReader) throws -> [DistrictLabel] {
        var header: CSVHeader?
        var labels: [DistrictLabel] = []
        var seen: [String: Int] = [:]
        var first = true
        try csv.forEachRecord { fields, line in
            if first {
                first = false
                if fields.first.map({ $0.trimmingSpaces.lowercased() }) == "district" {
                    header = CSVHeader(fields.map { $0.lowercased() == "district" ? "district" : $0 })
                    return
                }
            }
            let names = header?.names ?? ["district", "name", "leader", "phone"]
            func value(_ name: String, _ fallback: Int) -> String {
                let col = header.map { $0.column(name) } ?? fallback
                guard let c = col, c < fields.count else { return "" }
                return String(fields[c].trimmingSpaces)
            }
            let district = value("district", 0)
            guard !district.isEmpty else {
                throw WanggeError.data("empty district id", at: SourceLocation(file: csv.path, line: line, field: "district"))
            }
            if let before = seen[district] {
                throw WanggeError.data("district \(JSONEscapes.quoted(district)) is labelled twice (also line \(before))",
                                       at: SourceLocation(file: csv.path, line: line, field: "district"))
            }
            seen[district] = line
            var extra: [(key: String, value: String)] = []
            let known: Set<String> = ["district", "name", "leader", "phone"]
            for i in 0..<fields.count {
                let key = i < names.count ? names[i] : "column\(i + 1)"
                if header == nil ? i < 4 : known.contains(key) { continue }
                extra.append((key, String(fields[i].trimmingSpaces)))
            }
            labels.append(DistrictLabel(district: district, name: value("name", 1), leader: value("leader", 2),
                                        phone: value("phone", 3), extra: extra))
        }
        return labels
    }
}

public enum CadreReader {
    /// `id,name,role,lon,lat[,village,phone]`; a header (first field `id`) maps columns by name.
    /// Errors: missing/duplicate ids, unknown roles, coordinates not finite or out of range.
    /// A `.geojson`/`.json` file (or one starting with `{`) is read as a FeatureCollection of
    /// Points with properties `id`, `name`, `role`, `village`, `phone`, through the household reader.
    public static func read(path: String, checkRange: Bool = true) throws -> [Cadre] {
        let bytes = try InputFile.read(path)
        if HouseholdReader.detectFormat(path: path, bytes: bytes) == .geojson {
            return try readGeoJSON(bytes: bytes, path: path, checkRange: checkRange)
        }
        return try read(CSVReader(path: path, bytes: bytes), checkRange: checkRange)
    }

    static func readGeoJSON(bytes: [UInt8], path: String, checkRange: Bool) throws -> [Cadre] {
        let table = try HouseholdReader.read(bytes: bytes, path: path,
                                             options: HouseholdReadOptions(format: .geojson, checkCoordinateRange: checkRange))
        var cadres: [Cadre] = []
        cadres.reserveCapacity(table.count)
        for i in 0..<table.count {
            var props: [String: String] = [:]
            let body = table.extra[i]
            if !body.isEmpty, let tape = try? JSONSource(path: path, bytes: Array(("{" + body + "}").utf8)).parseDocument() {
                for key in ["name", "role", "phone"] {
                    guard let v = tape.member(0, key) else { continue }
                    switch tape.kind(v) {
                    case .string: props[key] = tape.string(v)
                    case .number: props[key] = tape.literal(v)
                    default: break
                    }
                }
            }
            let roleText = (props["role"] ?? "").trimmingSpaces
            guard let role = CadreRole(parsing: String(roleText)) else {
                throw WanggeError.data("unknown role \(JSONEscapes.quoted(String(roleText))); expected one of "
                                       + CadreRole.allCases.map(\.rawValue).joined(separator: ", "),
                                       at: HouseholdReader.location(ofHousehold: i, in: table, field: "role"))
            }
            let v = Int(table.village[i])
            cadres.append(Cadre(id: table.ids[i], name: props["name"] ?? "", role: role, lon: table.lon[i], lat: table.lat[i],
                                village: v >= 0 ? table.villageNames[v] : "", phone: props["phone"] ?? ""))
        }
        return cadres
    }

    public static func read(bytes: [UInt8], path: String, checkRange: Bool = true) throws -> [Cadre] {
        try read(CSVReader(path: path, bytes: bytes), checkRange: checkRange)
    }

    static func read(_ csv: CSVReader, checkRange: Bool) throws -> [Cadre] {
        var header: CSVHeader?
        var cadres: [Cadre] = []
        var seen: [String: Int] = [:]
        var first = true
        try csv.forEachRecord { fields, line in
            if first {
                first = false
                if fields.first.map({ $0.trimmingSpaces.lowercased() }) == "id" { header = CSVHeader(fields); return }
            }
            func value(_ name: String, _ fallback: Int) -> String {
                let col = header.map { $0.column(name) } ?? fallback
                guard let c = col, c < fields.count else { return "" }
                return String(fields[c].trimmingSpaces)
            }
            func at(_ field: String) -> SourceLocation { SourceLocation(file: csv.path, line: line, field: field) }
            let id = value("id", 0)
            guard !id.isEmpty else { throw WanggeError.data("empty cadre id", at: at("id")) }
            if let before = seen[id] {
                throw WanggeError.data("duplicate cadre id \(JSONEscapes.quoted(id)): also line \(before)", at: at("id"))
            }
            seen[id] = line
            let roleText = value("role", 2)
            guard let role = CadreRole(parsing: roleText) else {
                throw WanggeError.data("unknown role \(JSONEscapes.quoted(roleText)); expected one of "
                                       + CadreRole.allCases.map(\.rawValue).joined(separator: ", "), at: at("role"))
            }
            var coords: [Double] = []
            for (name, col, lo, hi) in [("lon", 3, -180.0, 180.0), ("lat", 4, -90.0, 90.0)] {
                let t = value(name, col)
                guard let v = JSONNumber.parseLenient(t), v.isFinite else {
                    throw WanggeError.data("\(name) must be a finite number, got \(JSONEscapes.quoted(t))", at: at(name))
                }
                if checkRange, v < lo || v > hi { throw WanggeError.data("\(name) \(v) is outside \(lo)…\(hi)", at: at(name)) }
                coords.append(v)
            }
            cadres.append(Cadre(id: id, name: value("name", 1), role: role, lon: coords[0], lat: coords[1],
                                village: value("village", 5), phone: value("phone", 6)))
        }
        return cadres
    }
}

public enum QuotaReader {
    /// `role,min_households,max_households,min_groups,max_groups` (header optional); an empty
    /// field leaves a maximum unbounded (a minimum 0). Roles not listed keep their defaults.
    /// Errors: unknown roles, a role listed twice, negative or non-integer counts, min > max.
    public static func read(path: String) throws -> [CadreRole: CadreQuota] {
        try read(CSVReader(path: path))
    }

    /// Reads a quota table from bytes already in memory; `path` names them in messages.
    public static func read(bytes: [UInt8], path: String) throws -> [CadreRole: CadreQuota] {
        try read(CSVReader(path: path, bytes: bytes))
    }

    static func read(_ csv: CSVReader) throws -> [CadreRole: CadreQuota] {
        var table = CadreQuota.defaultTable
        var seen: [CadreRole: Int] = [:]
        var header: CSVHeader?
        var first = true
        try csv.forEachRecord { fields, line in
            if first {
                first = false
                if fields.first.map({ $0.trimmingSpaces.lowercased() }) == "role" { header = CSVHeader(fields); return }
            }
            func value(_ name: String, _ fallback: Int) -> String {
                let col = header.map { $0.column(name) } ?? fallback
                guard let c = col, c < fields.count else { return "" }
                return String(fields[c].trimmingSpaces)
            }
            func at(_ field: String) -> SourceLocation { SourceLocation(file: csv.path, line: line, field: field) }
            let roleText = value("role", 0)
            guard let role = CadreRole(parsing: roleText) else {
                throw WanggeError.data("unknown role \(JSONEscapes.quoted(roleText)); expected one of "
                                       + CadreRole.allCases.map(\.rawValue).joined(separator: ", "), at: at("role"))
            }
            if let before = seen[role] {
                throw WanggeError.data("role \(role.rawValue) is listed twice (also line \(before))", at: at("role"))
            }
            seen[role] = line
            func count(_ name: String, _ col: Int) throws -> Int? {
                let t = value(name, col)
                if t.isEmpty { return nil }
                guard let n = Int(t), n >= 0 else {
                    throw WanggeError.data("\(name) must be a whole number ≥ 0 or empty, got \(JSONEscapes.quoted(t))", at: at(name))
                }
                return n
            }
            let q = CadreQuota(minHouseholds: try count("min_households", 1) ?? 0, maxHouseholds: try count("max_households", 2),
                               minGroups: try count("min_groups", 3) ?? 0, maxGroups: try count("max_groups", 4))
            if let m = q.maxHouseholds, m < q.minHouseholds {
                throw WanggeError.data("max_households \(m) is below min_households \(q.minHouseholds)", at: at("max_households"))
            }
            if let m = q.maxGroups, m < q.minGroups {
                throw WanggeError.data("max_groups \(m) is below min_groups \(q.minGroups)", at: at("max_groups"))
            }
            table[role] = q
        }
        return table
    }
}

public enum LinkPairsReader {
    /// Previous household → cadre links from a CSV with columns `id` (or `household`) and
    /// `contact` (or `cadre`). Errors: missing columns, empty ids, a household listed twice.
    public static func read(path: String) throws -> [String: String] {
        try read(CSVReader(path: path))
    }

    /// Reads previous links from bytes already in memory; `path` names them in messages.
    public static func read(bytes: [UInt8], path: String) throws -> [String: String] {
        try read(CSVReader(path: path, bytes: bytes))
    }

    static func read(_ csv: CSVReader) throws -> [String: String] {
        var header: CSVHeader?
        var pairs: [String: String] = [:]
        var idCol = 0, contactCol = 1
        try csv.forEachRecord { fields, line in
            if header == nil {
                let h = CSVHeader(fields)
                guard let i = h.column("id") ?? h.column("household"), let c = h.column("contact") ?? h.column("cadre") else {
                    throw WanggeError.data("previous links need a header with columns id (or household) and contact (or cadre)",
                                           at: SourceLocation(file: csv.path, line: line))
                }
                header = h; idCol = i; contactCol = c
                return
            }
            let id = idCol < fields.count ? String(fields[idCol].trimmingSpaces) : ""
            let contact = contactCol < fields.count ? String(fields[contactCol].trimmingSpaces) : ""
            guard !id.isEmpty else { throw WanggeError.data("empty household id", at: SourceLocation(file: csv.path, line: line, field: "id")) }
            if contact.isEmpty { return }
            guard pairs.updateValue(contact, forKey: id) == nil else {
                throw WanggeError.data("household \(JSONEscapes.quoted(id)) is listed twice", at: SourceLocation(file: csv.path, line: line, field: "id"))
            }
        }
        return pairs
    }
}

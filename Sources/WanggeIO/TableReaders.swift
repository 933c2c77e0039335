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
    public static func read(path: String, checkRange: Bool = true) throws -> [Cadre] {
        try read(CSVReader(path: path), checkRange: checkRange)
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

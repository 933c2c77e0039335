import WanggeModel

/// Households from CSV with a header row: `id`, the coordinate columns, optional `members`, group,
/// village and balance columns; other columns go to `extra` as JSON strings (numbers stay text).
enum HouseholdCSVReader {
    static func read(_ csv: CSVReader, options: HouseholdReadOptions) throws -> HouseholdTable {
        var builder = HouseholdTableBuilder(path: csv.path, options: options, byLine: true)
        var header: CSVHeader?
        var idCol = 0, lonCol = 0, latCol = 0
        var membersCol: Int?, groupCol: Int?, villageCol: Int?, weightCol: Int?
        var extraCols: [(Int, [UInt8])] = []
        var extraBuffer: [UInt8] = []
        builder.reserve(csv.bytes.count / 64)
        try csv.forEachRecord { fields, line in
            guard let h = header else {
                let h = CSVHeader(fields)
                var seenNames = Set<String>()
                for name in h.names where !seenNames.insert(name).inserted {
                    throw WanggeError.data("the header names column '\(name)' twice",
                                           at: SourceLocation(file: csv.path, line: line, field: name))
                }
                func need(_ name: String, _ what: String) throws -> Int {
                    guard let c = h.column(name) else {
                        throw WanggeError.data("the header has no '\(name)' column (\(what)); columns: \(h.names.joined(separator: ","))",
                                               at: SourceLocation(file: csv.path, line: line, field: name))
                    }
                    return c
                }
                idCol = try need("id", "household ids")
                lonCol = try need(options.lonField, "longitude; set it with --lon-field")
                latCol = try need(options.latField, "latitude; set it with --lat-field")
                membersCol = h.column("members")
                groupCol = h.column(options.groupField)
                villageCol = h.column(options.villageField)
                if let wf = builder.weightField, wf != "members" {
                    weightCol = try need(wf, "the --balance field")
                }
                let known = Set([idCol, lonCol, latCol] + [membersCol, groupCol, villageCol].compactMap { $0 })
                for (i, name) in h.names.enumerated() where !known.contains(i) {
                    var key: [UInt8] = [UInt8(ascii: "\"")]
                    JSONEscapes.escape(name.utf8, into: &key)
                    key.append(contentsOf: Array("\":".utf8))
                    extraCols.append((i, key))
                }
                header = h
                return
            }
            guard fields.count == h.names.count else {
                throw WanggeError.data("expected \(h.names.count) fields as in the header, got \(fields.count)",
                                       at: SourceLocation(file: csv.path, line: line))
            }
            let id = String(fields[idCol].trimmingSpaces)
            let idIsNumber = id.utf8.count <= 15 && JSONNumber.isIntegerLiteral(id.utf8)
            let lonText = fields[lonCol], latText = fields[latCol]
            guard let lon = JSONNumber.parseLenient(lonText) else {
                throw WanggeError.data("longitude must be a number, got \(JSONEscapes.quoted(lonText))",
                                       at: SourceLocation(file: csv.path, line: line, field: options.lonField))
            }
            guard let lat = JSONNumber.parseLenient(latText) else {
                throw WanggeError.data("latitude must be a number, got \(JSONEscapes.quoted(latText))",
                                       at: SourceLocation(file: csv.path, line: line, field: options.latField))
            }
            try builder.checkCoordinates(lon, lat, at: line, lonField: options.lonField, latField: options.latField)
            var members: Int32 = 1
            if let mc = membersCol {
                let t = fields[mc].trimmingSpaces
                if !t.isEmpty {
                    guard let v = JSONNumber.parseLenient(t) else {
                        throw WanggeError.data("members must be an integer ≥ 1, got \(JSONEscapes.quoted(String(t)))",
                                               at: SourceLocation(file: csv.path, line: line, field: "members"))
                    }
                    members = try builder.members(v, text: String(t), at: line)
                }
            }
            var weight = 1.0
            if let wc = weightCol {
                let t = fields[wc]
                weight = try builder.weight(JSONNumber.parseLenient(t), text: JSONEscapes.quoted(t), at: line)
            }
            extraBuffer.removeAll(keepingCapacity: true)
            for (i, key) in extraCols {
                if !extraBuffer.isEmpty { extraBuffer.append(UInt8(ascii: ",")) }
                extraBuffer.append(contentsOf: key)
                extraBuffer.append(UInt8(ascii: "\""))
                JSONEscapes.escape(fields[i].utf8, into: &extraBuffer)
                extraBuffer.append(UInt8(ascii: "\""))
            }
            let group = groupCol.map { String(fields[$0].trimmingSpaces) }
            let village = villageCol.map { String(fields[$0].trimmingSpaces) }
            try builder.append(id: id, idIsNumber: idIsNumber, lon: lon, lat: lat, members: members,
                               group: group, village: village, weight: weight,
                               extra: String(decoding: extraBuffer, as: UTF8.self), at: line)
        }
        if header == nil {
            throw WanggeError.data("no households: the file is empty (a header row with id,\(options.lonField),\(options.latField) is needed)",
                                   at: SourceLocation(file: csv.path))
        }
        return try builder.finish()
    }
}

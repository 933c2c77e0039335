import WanggeModel

/// Names of the household properties a plan writes back (the fields they were read from).
public struct PlanWriteOptions: Sendable, Equatable {
    public var groupField: String
    public var villageField: String
    public init(groupField: String = "group", villageField: String = "village") {
        self.groupField = groupField; self.villageField = villageField
    }
}

/// Writes plan files (DESIGN section 5): one RFC 7946 FeatureCollection with the `wangge`
/// foreign member, one feature per district, then one per household, one feature per line.
/// Coordinates have at most 7 decimals; exterior rings are written counter-clockwise and holes
/// clockwise whatever the input orientation.
public enum PlanWriter {
    /// Writes `plan` to `path` atomically (73 naming the path when it cannot).
    public static func write(_ plan: Plan, to path: String, options: PlanWriteOptions = PlanWriteOptions()) throws {
        try OutputFile.write(path: path) { file in
            try encode(plan, options: options, into: &file)
        }
    }

    /// The plan file's bytes (for tests and in-memory use).
    public static func encode(_ plan: Plan, options: PlanWriteOptions = PlanWriteOptions()) -> [UInt8] {
        var out: [UInt8] = []
        var enc = Encoder(plan: plan, options: options)
        enc.header(into: &out)
        for d in plan.districts.indices { enc.district(d, into: &out) }
        for i in 0..<plan.households.count { enc.household(i, into: &out) }
        enc.footer(into: &out)
        return out
    }

    static func encode(_ plan: Plan, options: PlanWriteOptions, into file: inout OutputFile,
                       workers: Int = Parallelism.workers, block: Int = householdBlock) throws {
        var enc = Encoder(plan: plan, options: options)
        try file.withBuffer { enc.header(into: &$0) }
        for d in plan.districts.indices { try file.withBuffer { enc.district(d, into: &$0) } }
        let n = plan.households.count
        if workers > 1 && n >= 2 * block {
            // Households in blocks encoded side by side, written in order: the same bytes as one by
            // one, with at most two rounds of blocks in memory (the next round is encoded while this
            // one is written).
            let first = enc
            let roundSize = 2 * workers * block
            let encodeRound: @Sendable (Int) -> [[UInt8]] = { start in
                let size = min(n - start, roundSize)
                let round = chunkRanges(size, parts: 2 * workers).map { ($0.lowerBound + start)..<($0.upperBound + start) }
                return parallelMap(round.count) { c -> [UInt8] in
                    var e = first
                    e.featuresWritten = first.featuresWritten + round[c].lowerBound
                    var bytes: [UInt8] = []
                    bytes.reserveCapacity(round[c].count * 220)
                    for i in round[c] { e.household(i, into: &bytes) }
                    return bytes
                }
            }
            var start = 0
            var pending = BackgroundJob { encodeRound(0) }
            while start < n {
                let pieces = pending.value
                start += roundSize
                if start < n {
                    let next = start
                    pending = BackgroundJob { encodeRound(next) }
                }
                for piece in pieces { try file.append(encoded: piece) }
            }
            enc.featuresWritten += n
        } else {
            for i in 0..<n { try file.withBuffer { enc.household(i, into: &$0) } }
        }
        try file.withBuffer { enc.footer(into: &$0) }
    }

    /// Households per block when the plan is encoded on several threads.
    static let householdBlock = 32_768

    /// `id,district` rows for spreadsheets (`--csv`), plus `name` (the district's label) when the
    /// districts have labels, atomically. `excel` starts the file with a UTF-8 byte order mark and
    /// ends lines with CRLF, so Excel on Windows opens Chinese text right (`--csv-bom`).
    public static func writeCSV(_ plan: Plan, to path: String, excel: Bool = false) throws {
        try writeCSV(plan, to: path, excel: excel, parallelFrom: 1 << 16)
    }

    /// `writeCSV`, on several threads from `parallelFrom` households on.
    static func writeCSV(_ plan: Plan, to path: String, excel: Bool, parallelFrom: Int) throws {
        let eol = Array((excel ? "\r\n" : "\n").utf8)
        let withNames = plan.districts.contains { $0.label != nil }
        let ids = plan.districts.map { Array(CSVText.field($0.id).utf8) }
        let names = plan.districts.map { Array(CSVText.field($0.label?.name ?? "").utf8) }
        let n = plan.households.count
        // Rows in blocks formatted side by side, written in order (the same bytes as row by row).
        let blocks = chunkRanges(n, parts: n >= parallelFrom ? 4 * Parallelism.workers : 1)
        let texts = parallelMap(blocks.count) { c -> [UInt8] in
            var out: [UInt8] = []
            out.reserveCapacity(blocks[c].count * 24)
            for i in blocks[c] {
                let a = Int(plan.assignment[i])
                let known = a >= 0 && a < ids.count
                out.append(contentsOf: CSVText.field(plan.households.ids[i]).utf8)
                out.append(UInt8(ascii: ","))
                if known { out.append(contentsOf: ids[a]) }
                if withNames {
                    out.append(UInt8(ascii: ","))
                    if known { out.append(contentsOf: names[a]) }
                }
                out.append(contentsOf: eol)
            }
            return out
        }
        try OutputFile.write(path: path) { file in
            try file.append((excel ? "\u{FEFF}" : "") + (withNames ? "id,district,name" : "id,district"))
            try file.append(eol)
            for text in texts { try file.append(text) }
        }
    }

    struct Encoder {
        let plan: Plan
        let options: PlanWriteOptions
        var featuresWritten = 0
        private var counts: [Int] = []
        private var members: [Int] = []
        private var loads: [Double] = []
        private var target = 0.0
        private let groupKey: [UInt8]
        private let villageKey: [UInt8]
        private let householdFilter: ExtraFilter
        /// District ids, group and village names as quoted JSON strings, escaped once for all
        /// the households that name them.
        private let districtIds: QuotedStrings
        private let groupNames: QuotedStrings
        private let villageNames: QuotedStrings
        static let districtKeys = ["kind", "district", "households", "members", "load", "deviation", "area_km2",
                                   "color_index", "fill", "service_lon", "service_lat", "service_point",
                                   "color"] // what older plans called color_index

        static let labelKeys = ["name", "leader", "phone"]
        static let metadataKeys = ["version", "districts", "balance", "tolerance", "seed", "metric_crs",
                                   "crs"] // what older plans called metric_crs

        init(plan: Plan, options: PlanWriteOptions) {
            self.plan = plan
            self.options = options
            let k = plan.districts.count
            counts = [Int](repeating: 0, count: k)
            members = [Int](repeating: 0, count: k)
            loads = [Double](repeating: 0, count: k)
            let h = plan.households
            var total = 0.0
            for i in 0..<h.count {
                let load = h.weight?[i] ?? 1
                total += load
                let a = Int(plan.assignment[i])
                guard a >= 0 && a < k else { continue }
                counts[a] += 1
                members[a] += Int(h.members[i])
                loads[a] += load
            }
            target = k > 0 ? total / Double(k) : 0
            groupKey = Array(JSONEscapes.quoted(options.groupField).utf8)
            villageKey = Array(JSONEscapes.quoted(options.villageField).utf8)
            householdFilter = ExtraFilter(reserved: ["kind", "id", "district", "members", options.groupField, options.villageField])
            districtIds = QuotedStrings(plan.districts.map(\.id))
            groupNames = QuotedStrings(h.groupNames)
            villageNames = QuotedStrings(h.villageNames)
        }

        mutating func header(into out: inout [UInt8]) {
            let m = plan.metadata
            out.append(contentsOf: "{\"type\":\"FeatureCollection\",\n\"wangge\":{\"version\":".utf8)
            str(m.version, &out)
            out.append(contentsOf: ",\"districts\":\(m.districts),\"balance\":".utf8)
            str(m.balance, &out)
            out.append(contentsOf: ",\"tolerance\":".utf8)
            NumberFormat.fixed(m.tolerance, decimals: 6, into: &out)
            out.append(contentsOf: ",\"seed\":\(m.seed),\"metric_crs\":".utf8)
            str(m.crs, &out)
            let extra = ExtraFilter(reserved: Self.metadataKeys).apply(m.extra)
            if !extra.isEmpty { out.append(UInt8(ascii: ",")); out.append(contentsOf: extra.utf8) }
            out.append(contentsOf: "},\n\"features\":[".utf8)
        }

        mutating func footer(into out: inout [UInt8]) {
            out.append(contentsOf: "\n]}\n".utf8)
        }

        private mutating func featureStart(_ out: inout [UInt8]) {
            out.append(contentsOf: featuresWritten == 0 ? "\n".utf8 : ",\n".utf8)
            featuresWritten += 1
        }

        private func str(_ s: String, _ out: inout [UInt8]) {
            out.append(UInt8(ascii: "\""))
            JSONEscapes.escape(s, into: &out)
            out.append(UInt8(ascii: "\""))
        }

        private func key(_ k: String, _ out: inout [UInt8]) {
            out.append(UInt8(ascii: ","))
            str(k, &out)
            out.append(UInt8(ascii: ":"))
        }

        private func position(_ x: Double, _ y: Double, _ out: inout [UInt8]) {
            out.append(UInt8(ascii: "["))
            NumberFormat.fixed(x, decimals: 7, into: &out)
            out.append(UInt8(ascii: ","))
            NumberFormat.fixed(y, decimals: 7, into: &out)
            out.append(UInt8(ascii: "]"))
        }

        private func ring(_ pts: [Point2], counterClockwise: Bool, _ out: inout [UInt8]) {
            var ring = pts
            if let f = ring.first, f != ring.last { ring.append(f) }
            let area = RingOrientation.signedArea(ring)
            if (area > 0) != counterClockwise, area != 0 { ring.reverse() }
            out.append(UInt8(ascii: "["))
            for (j, p) in ring.enumerated() {
                if j > 0 { out.append(UInt8(ascii: ",")) }
                position(p.x, p.y, &out)
            }
            out.append(UInt8(ascii: "]"))
        }

        private func polygon(_ p: Polygon, _ out: inout [UInt8]) {
            out.append(UInt8(ascii: "["))
            for (r, pts) in p.rings.enumerated() {
                if r > 0 { out.append(UInt8(ascii: ",")) }
                ring(pts, counterClockwise: r == 0, &out)
            }
            out.append(UInt8(ascii: "]"))
        }

        private func geometry(_ area: MultiPolygon, _ out: inout [UInt8]) {
            let polys = area.polygons.filter { !$0.rings.isEmpty }
            switch polys.count {
            case 0: out.append(contentsOf: "null".utf8)
            case 1:
                out.append(contentsOf: "{\"type\":\"Polygon\",\"coordinates\":".utf8)
                polygon(polys[0], &out)
                out.append(UInt8(ascii: "}"))
            default:
                out.append(contentsOf: "{\"type\":\"MultiPolygon\",\"coordinates\":[".utf8)
                for (j, p) in polys.enumerated() {
                    if j > 0 { out.append(UInt8(ascii: ",")) }
                    polygon(p, &out)
                }
                out.append(contentsOf: "]}".utf8)
            }
        }

        mutating func district(_ d: Int, into out: inout [UInt8]) {
            featureStart(&out)
            let district = plan.districts[d]
            out.append(contentsOf: "{\"type\":\"Feature\",\"geometry\":".utf8)
            geometry(district.area, &out)
            out.append(contentsOf: ",\"properties\":{\"kind\":\"district\"".utf8)
            key("district", &out); str(district.id, &out)
            key("households", &out); out.append(contentsOf: String(counts[d]).utf8)
            key("members", &out); out.append(contentsOf: String(members[d]).utf8)
            key("load", &out); NumberFormat.fixed(loads[d], decimals: 6, into: &out)
            key("deviation", &out); NumberFormat.fixed(target > 0 ? (loads[d] - target) / target : 0, decimals: 6, into: &out)
            key("area_km2", &out); NumberFormat.fixed(district.areaKm2, decimals: 6, into: &out)
            key("color_index", &out); out.append(contentsOf: String(district.color).utf8)
            key("fill", &out); str(DistrictFills.hex(district.color), &out)
            let sp = Int(district.servicePoint)
            if sp >= 0 && sp < plan.households.count {
                let (lon, lat) = (plan.households.lon[sp], plan.households.lat[sp])
                key("service_lon", &out); NumberFormat.fixed(lon, decimals: 7, into: &out)
                key("service_lat", &out); NumberFormat.fixed(lat, decimals: 7, into: &out)
                key("service_point", &out); position(lon, lat, &out)
            } else {
                for k in ["service_lon", "service_lat", "service_point"] { key(k, &out); out.append(contentsOf: "null".utf8) }
            }
            if let label = district.label {
                key("name", &out); str(label.name, &out)
                key("leader", &out); str(label.leader, &out)
                key("phone", &out); str(label.phone, &out)
                for (k, v) in label.extra where !Self.districtKeys.contains(k) && !Self.labelKeys.contains(k) {
                    key(k, &out); str(v, &out)
                }
            }
            var reserved = Self.districtKeys
            if district.label != nil { reserved += Self.labelKeys + (district.label?.extra.map(\.key) ?? []) }
            let extra = ExtraFilter(reserved: reserved).apply(district.extra)
            if !extra.isEmpty { out.append(UInt8(ascii: ",")); out.append(contentsOf: extra.utf8) }
            out.append(contentsOf: "}}".utf8)
        }

        mutating func household(_ i: Int, into out: inout [UInt8]) {
            featureStart(&out)
            out.append(contentsOf: "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":".utf8)
            position(plan.households.lon[i], plan.households.lat[i], &out)
            out.append(contentsOf: "},\"properties\":{\"kind\":\"household\",\"id\":".utf8)
            if plan.households.idIsNumber[i] {
                var id = plan.households.ids[i]
                id.withUTF8 { out.append(contentsOf: $0) }
            } else {
                str(plan.households.ids[i], &out)
            }
            out.append(contentsOf: ",\"district\":".utf8)
            let a = Int(plan.assignment[i])
            if a >= 0 && a < districtIds.count { districtIds.append(a, into: &out) } else { out.append(contentsOf: "null".utf8) }
            out.append(contentsOf: ",\"members\":".utf8)
            NumberFormat.integer(Int(plan.households.members[i]), into: &out)
            let g = Int(plan.households.group[i])
            if g >= 0 {
                out.append(UInt8(ascii: ",")); out.append(contentsOf: groupKey); out.append(UInt8(ascii: ":"))
                groupNames.append(g, into: &out)
            }
            let v = Int(plan.households.village[i])
            if v >= 0 {
                out.append(UInt8(ascii: ",")); out.append(contentsOf: villageKey); out.append(UInt8(ascii: ":"))
                villageNames.append(v, into: &out)
            }
            let extra = householdFilter.apply(plan.households.extra[i])
            if !extra.isEmpty { out.append(UInt8(ascii: ",")); out.append(contentsOf: extra.utf8) }
            out.append(contentsOf: "}}".utf8)
        }
    }
}

/// Strings as quoted JSON (escaped once), one after the other in one buffer.
struct QuotedStrings: Sendable {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    init(_ strings: [String]) {
        ends.reserveCapacity(strings.count)
        for s in strings {
            bytes.append(UInt8(ascii: "\""))
            JSONEscapes.escape(s, into: &bytes)
            bytes.append(UInt8(ascii: "\""))
            ends.append(bytes.count)
        }
    }

    var count: Int { ends.count }

    /// Appends the `i`th string, quoted.
    func append(_ i: Int, into out: inout [UInt8]) {
        let start = i == 0 ? 0 : ends[i - 1]
        bytes.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[start..<ends[i]])) }
    }
}

/// Ring orientation by the shoelace formula (positive = counter-clockwise with y up).
public enum RingOrientation {
    public static func signedArea(_ ring: [Point2]) -> Double {
        guard ring.count >= 3 else { return 0 }
        var s = 0.0
        let x0 = ring[0].x, y0 = ring[0].y // shift for precision
        for j in 0..<(ring.count - 1) {
            let a = ring[j], b = ring[j + 1]
            s += (a.x - x0) * (b.y - y0) - (b.x - x0) * (a.y - y0)
        }
        return s / 2
    }
}

/// CSV output quoting (RFC 4180).
public enum CSVText {
    public static func field(_ s: String) -> String {
        let needs = s.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            || s.first == " " || s.last == " "
        guard needs else { return s }
        var out = "\""
        for ch in s { if ch == "\"" { out += "\"\"" } else { out.append(ch) } }
        return out + "\""
    }
}

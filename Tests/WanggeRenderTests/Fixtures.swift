import Foundation
import WanggeModel

/// Plans built in code: a grid of square districts with households near the corners of each square.
enum Fixtures {
    static let names = ["东山片", "西岭片", "南湖片", "北坡片", "中心片", "桥头片", "新村片", "老街片", "河湾片",
                        "竹林片", "石门片", "柳塘片"]
    static let leaders = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄强", "周杰", "吴琳", "徐涛", "孙丽"]

    /// `columns × rows` square districts of `cell` degrees, south-west corner at (lon0, lat0).
    /// District index = row * columns + column; colours form a proper 4-colouring unless `colour` overrides.
    static func grid(columns: Int = 3, rows: Int = 3, cell: Double = 0.01, lon0: Double = 113.5, lat0: Double = 24.0,
                     labels: Bool = true, colour: ((Int, Int) -> Int)? = nil) -> Plan {
        var households = HouseholdTable(sourceName: "fixture")
        var groups: [String: Int32] = [:], villages: [String: Int32] = [:]
        var districts: [District] = []
        var assignment: [Int32] = []
        let ids = District.defaultIds(count: columns * rows)
        for r in 0..<rows {
            for c in 0..<columns {
                let d = r * columns + c
                let x0 = lon0 + Double(c) * cell, y0 = lat0 + Double(r) * cell
                let x1 = lon0 + Double(c + 1) * cell, y1 = lat0 + Double(r + 1) * cell
                let ring = [Point2(x0, y0), Point2(x1, y0), Point2(x1, y1), Point2(x0, y1), Point2(x0, y0)]
                let label = labels ? DistrictLabel(district: ids[d], name: names[d % names.count], leader: leaders[d % leaders.count],
                                                   phone: "1380000" + String(1000 + d)) : nil
                districts.append(District(id: ids[d], area: MultiPolygon([Polygon(rings: [ring])]),
                                          color: colour?(c, r) ?? ((c % 2) + 2 * (r % 2)), label: label))
                // Households near the four corners (never near the centre, where labels go), d+1 each.
                for k in 0...d {
                    let corner = k % 4
                    let fx = corner % 2 == 0 ? 0.08 : 0.92, fy = corner < 2 ? 0.08 : 0.92
                    let jitter = Double(k / 4) * 0.015
                    households.append(id: "h\(d)-\(k)", lon: x0 + (fx + (corner % 2 == 0 ? jitter : -jitter)) * cell,
                                      lat: y0 + fy * cell, members: Int32(1 + k % 4),
                                      groupIndex: &groups, villageIndex: &villages)
                    assignment.append(Int32(d))
                }
            }
        }
        return Plan(metadata: PlanMetadata(districts: districts.count), districts: districts, households: households,
                    assignment: assignment)
    }

    /// Grid-adjacent pairs (sharing an edge) of `grid(columns:rows:)`.
    static func gridNeighbours(columns: Int, rows: Int) -> [(Int, Int)] {
        var pairs: [(Int, Int)] = []
        for r in 0..<rows { for c in 0..<columns {
            let d = r * columns + c
            if c + 1 < columns { pairs.append((d, d + 1)) }
            if r + 1 < rows { pairs.append((d, d + columns)) }
        } }
        return pairs
    }

    static func temporaryDirectory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wangge-render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.path
    }
}

/// Runs a command-line tool; nil when it is not installed.
enum Tool {
    static func path(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    static var popplerAvailable: Bool { ["pdfinfo", "pdffonts", "pdftotext"].allSatisfy { path($0) != nil } }

    static func run(_ name: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path(name) ?? "/usr/bin/\(name)")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

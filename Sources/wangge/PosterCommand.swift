import ArgumentParser
import Foundation
import Wangge
import WanggeModel
import WanggeProjection
import WanggeGraph
import WanggePartition
import WanggeGeometry
import WanggeMetrics
import WanggeSample
import WanggeLink
import WanggeEnsemble
import WanggeIO
import WanggeRender

struct PosterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poster",
        abstract: "Draw a plan as a printable wall map (网组片服务片区示意图): PDF, SVG or PNG.",
        discussion: """
        The output's extension picks the format: .pdf (vector, fonts embedded), .svg (vector) or .png \
        (raster at --dpi). The map shows each service area filled from a colour-blind-safe palette (Paul \
        Tol's "light" scheme; neighbouring districts never share a colour; the plan's fill colours are the \
        same), household dots, each district's number and name at the centre of the largest circle inside \
        it, a legend table (district, name, households, people, leader, phone), the title, a scale bar, a \
        north arrow and a footer with the data date and Wangge's version. Text is set in Noto Sans CJK SC \
        (Debian: fonts-noto-cjk).

        The map is drawn in a local equirectangular projection of WGS84 centred on the plan (north up, true \
        scale at the centre; error well under 0.1 % across a town), scaled to fill the paper. The paper is \
        turned to whichever way draws the map larger unless --landscape or --portrait is given.

        Names, leaders and phones come from the plan; --labels adds or replaces them from a CSV \
        district,name,leader,phone. The data date is --date, else the plan's "date" in its wangge member, \
        else the plan file's modification day (UTC).

        Exit status: 0 done, 64 bad options, 65 bad plan or labels, 66 input cannot be opened, 73 output \
        cannot be written (nothing is left behind).

        Examples (run from the directory holding sample-geo/):
          wangge poster plan.geojson -o wall.pdf --paper A1 \\
            --labels sample-geo/labels.csv --barriers sample-geo/river.geojson
          wangge poster plan.geojson -o wall.png --paper A3 --dpi 150 \\
            --title \"八公山镇网格示意图\"
        """)

    @Argument(help: "Plan GeoJSON written by 'wangge partition' or 'wangge redraw'.")
    var plan: String

    @Option(name: .shortAndLong, help: "Output file: .pdf, .svg or .png.")
    var output: String

    @Option(help: "Paper size: A0, A1, A2, A3 or A4.")
    var paper = "A1"

    @Flag(help: "Turn the paper landscape (default: whichever fits the map best).")
    var landscape = false

    @Flag(help: "Turn the paper portrait.")
    var portrait = false

    @Option(help: "Title (default: the plan's \"title\" in its wangge member, else 网组片服务片区示意图).")
    var title: String?

    @Option(help: "District labels CSV: district,name,leader,phone.")
    var labels: String?

    @Option(help: "Barriers GeoJSON (rivers, railways) to draw over the districts.")
    var barriers: String?

    @Option(help: "PNG resolution in dots per inch.")
    var dpi: Double = 150

    @Option(help: "Data date for the footer, e.g. 2026-11-28.")
    var date: String?

    @Flag(inversion: .prefixedNo, help: "Draw the team board (each district's cadres: name, role, duty, phone) as a second PDF page, or NAME-team.png|svg (default: when the plan has links).")
    var team: Bool?

    @Flag(name: .shortAndLong, help: "No progress messages.")
    var quiet = false

    func run() throws {
        Diagnostics.quiet = quiet
        try reportingErrors {
            guard let paperSize = PaperSize(name: paper) else {
                throw WanggeError.usage("--paper must be one of A0, A1, A2, A3, A4, not '\(paper)'")
            }
            guard !(landscape && portrait) else { throw WanggeError.usage("--landscape and --portrait exclude each other") }
            guard PosterFormat(path: output) != nil else {
                throw WanggeError.usage("the output '\(output)' must end in .pdf, .svg or .png")
            }
            guard dpi >= 10, dpi <= 1200 else { throw WanggeError.usage("--dpi must be between 10 and 1200, not \(dpi)") }
            var plan = try PlanReader.read(path: self.plan)
            if let labels {
                let unknown = Self.apply(try LabelReader.read(path: labels), to: &plan)
                if !unknown.isEmpty {
                    Diagnostics.warning("\(labels): no district \(unknown.joined(separator: ", ")) in the plan; those labels are ignored")
                }
            }
            var teams: [TeamBoardDistrict] = []
            let links = try PlanLinks.read(plan)
            if team == true && links == nil {
                throw WanggeError.data("--team needs a linked plan (run 'wangge link' first)", at: SourceLocation(file: self.plan))
            }
            if let links, team ?? true { teams = Self.board(plan, links) }
            let options = PosterOptions(paper: paperSize, orientation: landscape ? .landscape : portrait ? .portrait : .automatic,
                                        title: title ?? Self.metadataString("title", of: plan), dpi: dpi, dataDate: date ?? Self.dataDate(of: plan, path: self.plan),
                                        barriers: try barriers.map { try GeometryReader.readBarriers(path: $0) } ?? Barriers(), teams: teams)
            let layout = try Poster.write(plan, to: output, options: options)
            if layout.recoloured {
                Diagnostics.warning("the plan's colours let neighbouring districts share a fill; the map re-coloured them")
            }
            let colliding = layout.labels.filter(\.collides).map(\.number)
            if !colliding.isEmpty {
                Diagnostics.warning("labels of \(colliding.joined(separator: ", ")) overlap others; try larger paper")
            }
            if layout.legend.omittedRows > 0 {
                Diagnostics.warning("the legend has no room for \(layout.legend.omittedRows) districts; try larger paper")
            }
            Diagnostics.progress("""
                poster: \(output): \(paperSize.rawValue) \(layout.landscape ? "landscape" : "portrait"), \
                \(plan.districts.count) districts, \(plan.households.count) households, \
                scale 1:\(Int(layout.scaleDenominator.rounded())), scale bar \(layout.scaleBar.label)
                """)
        }
    }

    /// The team board's blocks: per district its leader first, then town cadres, village cadres, party members.
    static func board(_ plan: Plan, _ links: PlanLinks) -> [TeamBoardDistrict] {
        let order = Dictionary(uniqueKeysWithValues: CadreRole.allCases.enumerated().map { ($1, $0) })
        return plan.districts.map { d in
            let rows = links.duties.filter { $0.district == d.id }
                .sorted { ($0.isLeader ? 0 : 1, order[$0.cadre.role]!, $0.cadre.id) < ($1.isLeader ? 0 : 1, order[$1.cadre.role]!, $1.cadre.id) }
            let name = d.label?.name ?? ""
            return TeamBoardDistrict(heading: d.id + (name.isEmpty ? "" : " " + name) + "  （\(rows.count)人）", members: rows.map { r in
                var duty: [String] = []
                if r.isLeader { duty.append("负责人") }
                if !r.linkedVillage.isEmpty && (r.isLeader || r.cadre.role == .villageCadre) { duty.append("联系" + r.linkedVillage) }
                if r.groups > 0 { duty.append("\(r.groups)组") }
                duty.append("\(r.households)户")
                return .init(name: r.cadre.name, role: r.cadre.role.chineseName,
                             duty: duty.joined(separator: "·"), phone: r.cadre.phone)
            })
        }
    }

    /// Puts each label on the district with its id; returns the ids that name no district, sorted.
    static func apply(_ labels: [DistrictLabel], to plan: inout Plan) -> [String] {
        var index: [String: Int] = [:]
        for (i, d) in plan.districts.enumerated() { index[d.id] = i }
        var unknown: [String] = []
        for label in labels {
            if let i = index[label.district] { plan.districts[i].label = label } else { unknown.append(label.district) }
        }
        return unknown.sorted()
    }

    /// A string member of the plan's `wangge` object (e.g. "title", "date"), if it has one.
    static func metadataString(_ key: String, of plan: Plan) -> String? {
        guard !plan.metadata.extra.isEmpty,
              let object = try? JSONSerialization.jsonObject(with: Data(("{" + plan.metadata.extra + "}").utf8)),
              let members = object as? [String: Any], let value = members[key] as? String, !value.isEmpty
        else { return nil }
        return value
    }

    /// The plan's `"date"` member (its first ten characters, YYYY-MM-DD) if it has one, else the
    /// file's modification day in UTC.
    static func dataDate(of plan: Plan, path: String) -> String? {
        if let date = metadataString("date", of: plan) { return String(date.prefix(10)) }
        guard let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date else {
            return nil
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day], from: modified)
        guard let y = c.year, let m = c.month, let d = c.day else { return nil }
        return String(format: "%04d-%02d-%02d", y, m, d)
    }
}

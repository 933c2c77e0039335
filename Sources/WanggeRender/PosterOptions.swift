import WanggeModel

/// ISO 216 paper sizes for wall maps.
public enum PaperSize: String, CaseIterable, Sendable {
    case a0 = "A0", a1 = "A1", a2 = "A2", a3 = "A3", a4 = "A4"

    /// Short and long side in millimetres.
    public var millimetres: (short: Double, long: Double) {
        switch self {
        case .a0: (841, 1189)
        case .a1: (594, 841)
        case .a2: (420, 594)
        case .a3: (297, 420)
        case .a4: (210, 297)
        }
    }

    /// Short and long side in PostScript points (1/72 inch), the unit every surface draws in.
    public var points: (short: Double, long: Double) {
        let mm = millimetres
        return (mm.short * pointsPerMillimetre, mm.long * pointsPerMillimetre)
    }

    /// Parses "A1" or "a1".
    public init?(name: String) { self.init(rawValue: name.uppercased()) }
}

/// Points per millimetre (72 / 25.4).
public let pointsPerMillimetre = 72.0 / 25.4

/// Which way the paper is turned. `.automatic` picks the one that draws the map largest.
public enum PaperOrientation: String, Sendable {
    case automatic, landscape, portrait
}

/// The output format, chosen by the output file's extension.
public enum PosterFormat: String, CaseIterable, Sendable {
    case pdf, svg, png

    /// The format for `path`'s extension (case-insensitive), or nil when it is none of pdf, svg, png.
    public init?(path: String) {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        self.init(rawValue: path[path.index(after: dot)...].lowercased())
    }
}

/// What the wall map shows and how it is printed.
public struct PosterOptions: Sendable, Equatable {
    public var paper: PaperSize
    public var orientation: PaperOrientation
    /// The title; nil uses "网组片服务片区示意图" (`PosterOptions.defaultTitle`).
    public var title: String?
    /// Raster resolution for PNG, dots per inch (PDF and SVG are vector).
    public var dpi: Double
    /// The date of the data, printed in the footer (e.g. "2026-11-28"); nil leaves it out.
    public var dataDate: String?
    /// Rivers, railways and other barriers (WGS84) drawn over the districts, so the wall map shows
    /// why a boundary runs where it does.
    public var barriers: Barriers
    /// Each district's team (四联 board), drawn as a second page (PDF) or a second file
    /// `NAME-team.png|svg`; empty draws none.
    public var teams: [TeamBoardDistrict]

    public init(paper: PaperSize = .a1, orientation: PaperOrientation = .automatic, title: String? = nil,
                dpi: Double = 150, dataDate: String? = nil, barriers: Barriers = Barriers(), teams: [TeamBoardDistrict] = []) {
        self.paper = paper; self.orientation = orientation; self.title = title
        self.dpi = dpi; self.dataDate = dataDate; self.barriers = barriers; self.teams = teams
    }

    /// The title used when none is given.
    public static let defaultTitle = "网组片服务片区示意图"
}

/// One district's block on the team board: its cadres with role, duty and phone.
public struct TeamBoardDistrict: Sendable, Equatable {
    public struct Member: Sendable, Equatable {
        public var name: String
        public var role: String
        public var duty: String
        public var phone: String
        public init(name: String, role: String, duty: String, phone: String) {
            self.name = name; self.role = role; self.duty = duty; self.phone = phone
        }
    }
    public var heading: String
    public var members: [Member]
    public init(heading: String, members: [Member]) { self.heading = heading; self.members = members }
}

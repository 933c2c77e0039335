import WanggeModel

/// A rectangle on the page, in points, origin at the top-left corner, y growing downwards
/// (cairo's user space for every surface).
public struct PageRect: Sendable, Equatable {
    public var x: Double, y: Double, width: Double, height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    public var centre: Point2 { Point2(x + width / 2, y + height / 2) }
    public func intersects(_ o: PageRect) -> Bool { x < o.maxX && o.x < maxX && y < o.maxY && o.y < maxY }
    public func contains(_ o: PageRect) -> Bool { o.x >= x && o.y >= y && o.maxX <= maxX && o.maxY <= maxY }
    public func insetBy(_ d: Double) -> PageRect { PageRect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d) }
}

/// A district's label as placed: its number (the district id) over its name.
public struct PlacedLabel: Sendable, Equatable {
    /// Index into the plan's districts.
    public var district: Int
    public var number: String
    public var name: String
    /// Where the label is centred, on the page and in WGS84 lon/lat.
    public var anchor: Point2
    public var lonLat: Point2
    /// The label's box on the page.
    public var box: PageRect
    /// Font size of the number line in points; the name line is 80 % of it.
    public var fontSize: Double
    /// Radius of the empty circle around the anchor inside the district, in points.
    public var clearance: Double
    /// True when no place free of other labels was found (it is drawn anyway).
    public var collides: Bool
}

/// One line of the legend table.
public struct LegendRow: Sendable, Equatable {
    public var district: Int
    public var id: String
    public var name: String
    public var households: Int
    public var members: Int
    public var leader: String
    public var phone: String
    public var fill: RGB
}

/// The legend table's geometry: rows flow down `columnsOfRows` blocks placed side by side.
public struct LegendGeometry: Sendable, Equatable {
    public var frame: PageRect
    public var fontSize: Double
    public var rowHeight: Double
    /// Column headers and their widths (points), the first one holds the colour swatch and id.
    public var headers: [String]
    public var columnWidths: [Double]
    public var blockWidth: Double
    public var rowsPerBlock: Int
    public var blocks: Int
    /// Where the table starts (below the legend title).
    public var tableOrigin: Point2
    /// Rows that did not fit even at the smallest font size (then listed as "…").
    public var omittedRows: Int
}

/// A scale bar of a round length.
public struct ScaleBar: Sendable, Equatable {
    /// Ground length in metres (1, 2 or 5 × 10ⁿ).
    public var metres: Double
    /// Length on the page in points.
    public var length: Double
    public var segments: Int
    /// Left end of the bar on the page.
    public var origin: Point2
    /// "500 m", "2 km".
    public var label: String

    /// The longest round length (1, 2, 5 × 10ⁿ metres) not longer than `maxMetres`.
    public static func roundLength(notExceeding maxMetres: Double) -> Double {
        guard maxMetres > 0, maxMetres.isFinite else { return 1 }
        var p = 1.0
        while p * 10 <= maxMetres { p *= 10 }
        while p > maxMetres { p /= 10 }
        for m in [5.0, 2.0, 1.0] where m * p <= maxMetres { return m * p }
        return p
    }

    /// "750 m", "1 km", "2.5 km".
    public static func format(metres: Double) -> String {
        if metres >= 1000 {
            let km = metres / 1000
            return km == km.rounded() ? "\(Int(km)) km" : "\(km) km"
        }
        return metres == metres.rounded() ? "\(Int(metres)) m" : "\(metres) m"
    }
}

/// Everything a wall map shows and where: computed once, then drawn to any surface.
public struct PosterLayout: Sendable {
    public var options: PosterOptions
    /// Page size in points (after orientation).
    public var pageWidth: Double
    public var pageHeight: Double
    public var landscape: Bool
    public var title: String
    public var subtitle: String
    public var footerLeft: String
    public var footerRight: String
    /// Margins of the printable area, title block and footer baseline area.
    public var contentFrame: PageRect
    public var titleFrame: PageRect
    public var footerFrame: PageRect
    public var mapFrame: PageRect
    public var legend: LegendGeometry
    public var legendRows: [LegendRow]
    public var scaleBar: ScaleBar
    /// North arrow's box (north is straight up in the drawing projection).
    public var northArrow: PageRect
    public var projection: LocalProjection
    /// Points on the page per projected metre, and the printed scale 1:denominator.
    public var pointsPerMetre: Double
    public var scaleDenominator: Double
    /// The map transform: `originPage` is where the projected point `originMetres` (the map
    /// box's west x and north y, in metres) lands on the page.
    var originPage: Point2
    var originMetres: Point2
    /// Palette fill per district.
    public var fills: [RGB]
    public var recoloured: Bool
    public var labels: [PlacedLabel]
    /// Household dot radius in points.
    public var dotRadius: Double
    /// Font sizes (points) for title, subtitle, footer.
    public var titleSize: Double
    public var subtitleSize: Double
    public var footerSize: Double
    /// Line widths in points.
    public var outlineWidth: Double

    /// Where a projected point (metres) lands on the page.
    @inline(__always)
    public func pagePoint(metres p: Point2) -> Point2 {
        Point2(originPage.x + (p.x - originMetres.x) * pointsPerMetre, originPage.y + (originMetres.y - p.y) * pointsPerMetre)
    }

    /// Where a WGS84 lon/lat lands on the page.
    @inline(__always)
    public func pagePoint(lon: Double, lat: Double) -> Point2 {
        pagePoint(metres: projection.project(lon: lon, lat: lat))
    }

    /// The raster size of a PNG at `options.dpi`.
    public var pixelSize: (width: Int, height: Int) {
        let k = options.dpi / 72
        return (Int((pageWidth * k).rounded()), Int((pageHeight * k).rounded()))
    }
}

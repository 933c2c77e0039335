import Foundation
import WanggeModel

extension PosterLayout {
    /// Lays out the wall map of `plan`: page orientation, map frame, legend, scale bar and labels.
    /// Throws a data error when the plan has no districts or nothing to draw.
    public init(plan: Plan, options: PosterOptions) throws {
        self = try PosterLayoutBuilder(plan: plan, options: options, measure: TextMeasure()).build()
    }
}

/// The steps of `PosterLayout.init(plan:options:)`.
struct PosterLayoutBuilder {
    let plan: Plan
    let options: PosterOptions
    let measure: TextMeasure

    /// Type scale: 1 on A1, smaller on smaller paper (A4 ≈ 0.54), so text stays legible.
    var typeScale: Double { pow(options.paper.points.short / PaperSize.a1.points.short, 0.6) }

    func build() throws -> PosterLayout {
        guard !plan.districts.isEmpty else { throw WanggeError.data("the plan has no districts to draw") }
        let s = typeScale
        let geo = try ProjectedPlan(plan: plan)
        let rows = legendRows(fills: geo.colouring.indices.map { Palette.fills[$0] })
        let legendCells = LegendCells(rows: rows, measure: measure)

        // Title, subtitle, footer.
        let title = options.title ?? PosterOptions.defaultTitle
        let totalMembers = rows.reduce(0) { $0 + $1.members }
        let subtitle = "\(plan.districts.count) 个片区 · \(rows.reduce(0) { $0 + $1.households }) 户 · \(totalMembers) 人"
        let titleSize = 40 * s, subtitleSize = 18 * s, footerSize = 10 * s
        let margin = max(8, 14 * s) * pointsPerMillimetre

        // Try both orientations (unless forced) and both legend placements; keep the largest map.
        let orientations: [Bool] = switch options.orientation {
        case .automatic: [false, true]
        case .portrait: [false]
        case .landscape: [true]
        }
        var best: PageChoice?
        for landscape in orientations {
            for placement in [LegendPlacement.right, .bottom] {
                let choice = pageChoice(landscape: landscape, placement: placement, margin: margin,
                                        titleHeight: titleSize * 1.45 + subtitleSize * 1.6, footerHeight: footerSize * 2.2,
                                        extent: geo.extent, cells: legendCells)
                if let c = choice, best == nil || c.pointsPerMetre > best!.pointsPerMetre * 1.0001 { best = c }
            }
        }
        guard let page = best else { throw WanggeError(.software, "the map does not fit on \(options.paper.rawValue) paper") }

        // Map transform: centre the projected box in the map frame.
        let k = page.pointsPerMetre
        let box = geo.extent
        let originPage = Point2(page.map.x + (page.map.width - (box.maxX - box.minX) * k) / 2,
                                page.map.y + (page.map.height - (box.maxY - box.minY) * k) / 2)
        let originMetres = Point2(box.minX, box.maxY)
        let denominator = 1 / (k * 0.0254 / 72)

        // Scale bar and north arrow in the panel's extras box.
        let extras = page.extras
        let barMax = min(extras.width * 0.62, 260 * s)
        let metres = ScaleBar.roundLength(notExceeding: barMax / k)
        let lead = metres / pow(10, floor(log10(metres)) )
        let bar = ScaleBar(metres: metres, length: metres * k, segments: lead.rounded() == 2 ? 4 : 5,
                           origin: Point2(extras.x + 8 * s, extras.maxY - 52 * s), label: ScaleBar.format(metres: metres))
        let arrowH = min(70 * s, extras.height - 12 * s), arrowW = arrowH * 0.6
        let north = PageRect(x: extras.maxX - arrowW - 6 * s, y: extras.maxY - arrowH - 4 * s, width: arrowW, height: arrowH)

        let mapArea = page.map.width * page.map.height
        let dot = min(max(0.18 * (mapArea / Double(max(plan.households.count, 1))).squareRoot(), 0.35), 1.8 * s)

        var layout = PosterLayout(
            options: options, pageWidth: page.width, pageHeight: page.height, landscape: page.landscape,
            title: title, subtitle: subtitle,
            footerLeft: options.dataDate.map { "数据日期：\($0)" } ?? "",
            footerRight: "Wangge \(wanggeVersion) · WGS84，局部等距圆柱投影，上北下南 · 比例尺按 \(options.paper.rawValue) 原尺寸打印",
            contentFrame: page.content, titleFrame: page.title, footerFrame: page.footer,
            mapFrame: page.map, legend: page.legend, legendRows: rows, scaleBar: bar, northArrow: north,
            projection: geo.projection, pointsPerMetre: k, scaleDenominator: denominator,
            originPage: originPage, originMetres: originMetres,
            fills: geo.colouring.indices.map { Palette.fills[$0] }, recoloured: geo.colouring.recoloured,
            labels: [], dotRadius: dot, titleSize: titleSize, subtitleSize: subtitleSize, footerSize: footerSize,
            outlineWidth: 0.75 * s)
        layout.labels = LabelPlacer(layout: layout, geo: geo, measure: measure, typeScale: s).place()
        return layout
    }

    /// 12345 → "12 300": three significant digits, thin-spaced thousands.
    static func roundedScale(_ d: Double) -> String {
        guard d.isFinite, d >= 1 else { return "1" }
        let magnitude = pow(10, max(0, floor(log10(d)) - 2))
        var digits = String(Int((d / magnitude).rounded() * magnitude))
        var groups: [String] = []
        while digits.count > 3 { groups.insert(String(digits.suffix(3)), at: 0); digits.removeLast(3) }
        groups.insert(digits, at: 0)
        return groups.joined(separator: " ")
    }

    func legendRows(fills: [RGB]) -> [LegendRow] {
        var households = [Int](repeating: 0, count: plan.districts.count)
        var members = households
        for (i, d) in plan.assignment.enumerated() where d >= 0 && Int(d) < households.count && i < plan.households.count {
            households[Int(d)] += 1
            members[Int(d)] += Int(plan.households.members[i])
        }
        return plan.districts.enumerated().map { i, d in
            LegendRow(district: i, id: d.id, name: d.label?.name ?? "", households: households[i], members: members[i],
                      leader: d.label?.leader ?? "", phone: d.label?.phone ?? "", fill: fills[i])
        }
    }
}

enum LegendPlacement { case right, bottom }

/// One candidate page arrangement.
struct PageChoice {
    var landscape: Bool
    var width: Double, height: Double
    var content: PageRect, title: PageRect, footer: PageRect, map: PageRect, extras: PageRect
    var legend: LegendGeometry
    var pointsPerMetre: Double
}

extension PosterLayoutBuilder {
    func pageChoice(landscape: Bool, placement: LegendPlacement, margin: Double, titleHeight: Double,
                    footerHeight: Double, extent: BoundingBox, cells: LegendCells) -> PageChoice? {
        let s = typeScale
        let paper = options.paper.points
        let (w, h) = landscape ? (paper.long, paper.short) : (paper.short, paper.long)
        let content = PageRect(x: margin, y: margin, width: w - 2 * margin, height: h - 2 * margin)
        let title = PageRect(x: content.x, y: content.y, width: content.width, height: titleHeight)
        let footer = PageRect(x: content.x, y: content.maxY - footerHeight, width: content.width, height: footerHeight)
        let gap = 10 * s
        let body = PageRect(x: content.x, y: title.maxY + gap, width: content.width,
                            height: footer.y - gap - (title.maxY + gap))
        let extrasHeight = 110 * s, extrasWidth = (placement == .right ? 320 : 230) * s
        let largest = 17 * s, nominal = 12.5 * s, smallest = max(5.0, 7 * s)
        var map: PageRect, extras: PageRect, legend: LegendGeometry

        switch placement {
        case .right:
            guard let fit = cells.fitRight(body: body, extrasHeight: extrasHeight, minWidth: extrasWidth,
                                           largest: largest, nominal: nominal, smallest: smallest) else { return nil }
            legend = fit
            map = PageRect(x: body.x, y: body.y, width: body.width - fit.frame.width - gap, height: body.height)
            extras = PageRect(x: fit.frame.x, y: fit.frame.maxY - extrasHeight, width: fit.frame.width, height: extrasHeight)
        case .bottom:
            guard let fit = cells.fitBottom(body: body, extrasWidth: extrasWidth, largest: largest, nominal: nominal,
                                            smallest: smallest) else { return nil }
            legend = fit
            map = PageRect(x: body.x, y: body.y, width: body.width, height: body.height - fit.frame.height - gap)
            extras = PageRect(x: body.maxX - extrasWidth, y: fit.frame.y, width: extrasWidth, height: fit.frame.height)
        }
        guard map.width > 50, map.height > 50 else { return nil }
        let ew = max(extent.maxX - extent.minX, 1), eh = max(extent.maxY - extent.minY, 1)
        let inner = map.insetBy(8 * s)
        let k = min(inner.width / ew, inner.height / eh)
        return PageChoice(landscape: landscape, width: w, height: h, content: content, title: title, footer: footer,
                          map: map, extras: extras, legend: legend, pointsPerMetre: k)
    }
}

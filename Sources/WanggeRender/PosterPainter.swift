import CCairo
import WanggeModel

/// Draws a laid-out wall map onto a cairo context, in points. The one drawing code path for PDF,
/// SVG and PNG: only the surface differs.
struct PosterPainter {
    let layout: PosterLayout
    let plan: Plan
    let cr: CairoContext
    let measure: TextMeasure

    enum Align { case left, centre, right }

    func paint() throws {
        measure.context.update(for: cr)
        let c = cr.pointer
        cairo_set_source_rgb(c, 1, 1, 1)
        cairo_paint(c)
        paintTitle()
        cairo_save(c)
        cairo_rectangle(c, layout.mapFrame.x, layout.mapFrame.y, layout.mapFrame.width, layout.mapFrame.height)
        cairo_clip(c)
        paintFills()
        paintBarriers()
        paintHouseholds()
        paintOutlines()
        paintCrossings()
        paintLabels()
        cairo_restore(c)
        paintFrame()
        paintLegend()
        paintScaleBar()
        paintNorthArrow()
        paintFooter()
        try cr.check()
    }

    // MARK: text

    func setColour(_ rgb: RGB, alpha: Double = 1) {
        cairo_set_source_rgba(cr.pointer, rgb.red, rgb.green, rgb.blue, alpha)
    }

    /// Draws `text` with its box's top at `y`, aligned on `x`. Returns the box.
    @discardableResult
    func text(_ text: String, size: Double, bold: Bool = false, x: Double, y: Double, align: Align = .left,
              colour: RGB = Palette.ink, halo: Double = 0) -> PageRect {
        guard !text.isEmpty else { return PageRect(x: x, y: y, width: 0, height: 0) }
        let c = cr.pointer
        let layout = measure.layout(text, size: size, bold: bold)
        let (w, h) = layout.size
        let left = switch align { case .left: x; case .centre: x - w / 2; case .right: x - w }
        if halo > 0 {
            cairo_new_path(c)
            cairo_move_to(c, left, y)
            pango_cairo_layout_path(c, layout.pointer)
            setColour(Palette.halo, alpha: 0.85)
            cairo_set_line_width(c, halo)
            cairo_set_line_join(c, CAIRO_LINE_JOIN_ROUND)
            cairo_stroke(c)
        }
        cairo_move_to(c, left, y)
        setColour(colour)
        pango_cairo_show_layout(c, layout.pointer)
        cairo_new_path(c)
        return PageRect(x: left, y: y, width: w, height: h)
    }

    // MARK: map

    func ringPath(_ ring: [Point2]) {
        guard let first = ring.first else { return }
        let c = cr.pointer
        let p0 = layout.pagePoint(lon: first.x, lat: first.y)
        cairo_move_to(c, p0.x, p0.y)
        for q in ring.dropFirst() {
            let p = layout.pagePoint(lon: q.x, lat: q.y)
            cairo_line_to(c, p.x, p.y)
        }
        cairo_close_path(c)
    }

    func districtPath(_ d: District) {
        cairo_new_path(cr.pointer)
        for polygon in d.area.polygons { for ring in polygon.rings { ringPath(ring) } }
    }

    func paintFills() {
        let c = cr.pointer
        cairo_set_fill_rule(c, CAIRO_FILL_RULE_EVEN_ODD)
        for (i, d) in plan.districts.enumerated() where !d.area.isEmpty {
            districtPath(d)
            setColour(layout.fills[i])
            cairo_fill(c)
        }
    }

    /// Household dots: each a zero-length segment stroked with round caps, which cairo, PDF and
    /// SVG all draw as a filled circle, at a fraction of the size of four Bézier arcs per dot.
    func paintHouseholds() {
        let c = cr.pointer
        let h = plan.households
        // Districts without a service area (a plan of points only) show as dots in their fill.
        let arealess = Set(plan.districts.indices.filter { plan.districts[$0].area.isEmpty })
        if !arealess.isEmpty {
            cairo_set_line_cap(c, CAIRO_LINE_CAP_ROUND)
            cairo_set_line_width(c, 4 * layout.dotRadius)
            var members = [[Int]](repeating: [], count: plan.districts.count)
            for i in 0..<min(h.count, plan.assignment.count) {
                let d = Int(plan.assignment[i])
                if d >= 0, d < members.count, arealess.contains(d) { members[d].append(i) }
            }
            for d in arealess.sorted() {
                cairo_new_path(c)
                for i in members[d] {
                    let p = layout.pagePoint(lon: h.lon[i], lat: h.lat[i])
                    cairo_move_to(c, p.x, p.y)
                    cairo_line_to(c, p.x, p.y)
                }
                setColour(layout.fills[d])
                cairo_stroke(c)
            }
        }
        cairo_new_path(c)
        for i in 0..<h.count {
            let p = layout.pagePoint(lon: h.lon[i], lat: h.lat[i])
            cairo_move_to(c, p.x, p.y)
            cairo_line_to(c, p.x, p.y)
        }
        cairo_set_line_cap(c, CAIRO_LINE_CAP_ROUND)
        cairo_set_line_width(c, 2 * layout.dotRadius)
        setColour(Palette.householdDot, alpha: h.count > 20_000 ? 0.5 : 0.7)
        cairo_stroke(c)
        cairo_set_line_cap(c, CAIRO_LINE_CAP_BUTT)
    }

    /// Barriers as dark blue lines (polygons: their rings), under the household dots.
    func paintBarriers() {
        let barriers = layout.options.barriers
        guard !barriers.isEmpty else { return }
        let c = cr.pointer
        cairo_set_line_width(c, layout.outlineWidth * 3)
        cairo_set_line_join(c, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(c, CAIRO_LINE_CAP_ROUND)
        setColour(Palette.water)
        cairo_new_path(c)
        let lines = barriers.lines + barriers.polygons.flatMap(\.rings)
        for line in lines {
            guard let first = line.first else { continue }
            let p0 = layout.pagePoint(lon: first.x, lat: first.y)
            cairo_move_to(c, p0.x, p0.y)
            for q in line.dropFirst() {
                let p = layout.pagePoint(lon: q.x, lat: q.y)
                cairo_line_to(c, p.x, p.y)
            }
        }
        cairo_stroke(c)
        cairo_set_line_cap(c, CAIRO_LINE_CAP_BUTT)
    }

    /// Crossings (bridges, fords) as a bridge mark: a white deck with dark parapets laid across the
    /// river's line at the crossing, with the crossing's name beside it when short (≤ 6 characters).
    func paintCrossings() {
        let barriers = layout.options.barriers
        guard !barriers.crossings.isEmpty else { return }
        let c = cr.pointer
        let lines = barriers.lines + barriers.polygons.flatMap(\.rings)
        let riverWidth = layout.outlineWidth * 3
        let half = max(4 * riverWidth, 3), deck = max(1.6 * riverWidth, 1.5)
        for crossing in barriers.crossings {
            let p = layout.pagePoint(lon: crossing.position.x, lat: crossing.position.y)
            // The direction of the nearest barrier segment (on the page); the deck runs across it.
            var best = Double.infinity, ux = 1.0, uy = 0.0
            for line in lines {
                for (a, b) in zip(line, line.dropFirst()) {
                    let pa = layout.pagePoint(lon: a.x, lat: a.y), pb = layout.pagePoint(lon: b.x, lat: b.y)
                    let dx = pb.x - pa.x, dy = pb.y - pa.y, len2 = dx * dx + dy * dy
                    guard len2 > 0 else { continue }
                    let t = max(0, min(1, ((p.x - pa.x) * dx + (p.y - pa.y) * dy) / len2))
                    let qx = pa.x + t * dx - p.x, qy = pa.y + t * dy - p.y
                    let d = qx * qx + qy * qy
                    if d < best { best = d; let l = len2.squareRoot(); ux = dx / l; uy = dy / l }
                }
            }
            let nx = -uy, ny = ux // across the river
            cairo_new_path(c)
            cairo_move_to(c, p.x - nx * half - ux * deck, p.y - ny * half - uy * deck)
            cairo_line_to(c, p.x + nx * half - ux * deck, p.y + ny * half - uy * deck)
            cairo_line_to(c, p.x + nx * half + ux * deck, p.y + ny * half + uy * deck)
            cairo_line_to(c, p.x - nx * half + ux * deck, p.y - ny * half + uy * deck)
            cairo_close_path(c)
            setColour(Palette.halo)
            cairo_fill(c)
            cairo_set_line_width(c, max(layout.outlineWidth * 1.2, 0.6))
            cairo_set_line_cap(c, CAIRO_LINE_CAP_ROUND)
            setColour(Palette.outline)
            for side in [-1.0, 1.0] {
                // Parapets, with the wing-walls a bridge symbol has at both ends.
                let ox = ux * deck * side, oy = uy * deck * side
                cairo_move_to(c, p.x - nx * half + ox + (ux * side - nx) * deck * 0.8,
                              p.y - ny * half + oy + (uy * side - ny) * deck * 0.8)
                cairo_line_to(c, p.x - nx * half + ox, p.y - ny * half + oy)
                cairo_line_to(c, p.x + nx * half + ox, p.y + ny * half + oy)
                cairo_line_to(c, p.x + nx * half + ox + (ux * side + nx) * deck * 0.8,
                              p.y + ny * half + oy + (uy * side + ny) * deck * 0.8)
            }
            cairo_stroke(c)
            cairo_set_line_cap(c, CAIRO_LINE_CAP_BUTT)
            if let name = crossing.name, !name.isEmpty, name.count <= 6 {
                let size = max(layout.dotRadius * 5, 5)
                text(name, size: size, x: p.x + abs(nx) * half + deck * 2, y: p.y - size * 0.6, align: .left,
                     colour: Palette.water, halo: max(1, size * 0.25))
            }
        }
    }

    func paintOutlines() {
        let c = cr.pointer
        cairo_set_line_width(c, layout.outlineWidth)
        cairo_set_line_join(c, CAIRO_LINE_JOIN_ROUND)
        setColour(Palette.outline)
        for d in plan.districts where !d.area.isEmpty {
            districtPath(d)
            cairo_stroke(c)
        }
    }

    func paintLabels() {
        for label in layout.labels {
            let f = label.fontSize
            let top = label.box.y
            let numberBox = text(label.number, size: f, bold: true, x: label.anchor.x, y: top, align: .centre,
                                 halo: max(1.2, f * 0.22))
            text(label.name, size: f * LabelPlacer.nameRatio, x: label.anchor.x, y: numberBox.maxY, align: .centre,
                 halo: max(1.2, f * 0.2))
        }
    }

    func paintFrame() {
        let c = cr.pointer
        let m = layout.mapFrame
        cairo_rectangle(c, m.x, m.y, m.width, m.height)
        setColour(Palette.frame)
        cairo_set_line_width(c, layout.outlineWidth)
        cairo_stroke(c)
    }

    // MARK: furniture

    func paintTitle() {
        let t = layout.titleFrame
        let box = text(layout.title, size: layout.titleSize, bold: true, x: t.centre.x, y: t.y, align: .centre)
        text(layout.subtitle, size: layout.subtitleSize, x: t.centre.x, y: box.maxY + layout.subtitleSize * 0.2,
             align: .centre, colour: RGB(hex: 0x444444))
    }

    func paintFooter() {
        let f = layout.footerFrame
        let y = f.maxY - layout.footerSize * 1.5
        text(layout.footerLeft, size: layout.footerSize, x: f.x, y: y, colour: RGB(hex: 0x444444))
        text(layout.footerRight, size: layout.footerSize, x: f.maxX, y: y, align: .right, colour: RGB(hex: 0x444444))
    }

    func paintLegend() {
        let c = cr.pointer
        let g = layout.legend
        let f = g.fontSize
        text("图例", size: f * 1.25, bold: true, x: g.frame.x, y: g.frame.y)
        let rows = layout.legendRows
        let rowH = g.rowHeight
        let shown = min(rows.count, g.blocks * g.rowsPerBlock)
        let numeric: Set<String> = ["户数", "人数"]
        for block in 0..<g.blocks {
            let x0 = g.tableOrigin.x + Double(block) * (g.blockWidth + 1.6 * f)
            var y = g.tableOrigin.y
            // Header row and its rule.
            var x = x0
            for (j, header) in g.headers.enumerated() {
                let w = g.columnWidths[j]
                if numeric.contains(header) {
                    text(header, size: f, bold: true, x: x + w - 1.1 * f, y: y + 0.3 * f, align: .right)
                } else {
                    text(header, size: f, bold: true, x: x, y: y + 0.3 * f)
                }
                x += w
            }
            y += rowH
            rule(x0, y, g.blockWidth - 1.1 * f, width: layout.outlineWidth)
            let range = (block * g.rowsPerBlock)..<min(shown, (block + 1) * g.rowsPerBlock)
            for r in range {
                if (r - range.lowerBound) % 2 == 1 {
                    // Every other row lightly shaded, so a row can be followed across the table.
                    cairo_rectangle(c, x0, y, g.blockWidth - 1.1 * f, rowH)
                    setColour(RGB(hex: 0xF0F0F0)); cairo_fill(c)
                }
                paintRow(LegendCells.texts(rows[r]), fill: rows[r].fill, x0: x0, y: y, bold: false)
                y += rowH
            }
            if block == g.blocks - 1 {
                if g.omittedRows > 0 {
                    text("…… 另有 \(g.omittedRows) 个片区未列出", size: f, x: x0, y: y + 0.3 * f)
                    y += rowH
                }
                rule(x0, y + 0.15 * f, g.blockWidth - 1.1 * f, width: layout.outlineWidth)
                paintRow(LegendCells.totalsTexts(rows), fill: nil, x0: x0, y: y + 0.3 * f, bold: true)
            }
        }
    }

    private func rule(_ x: Double, _ y: Double, _ w: Double, width: Double) {
        let c = cr.pointer
        cairo_move_to(c, x, y); cairo_line_to(c, x + w, y)
        setColour(Palette.legendRule)
        cairo_set_line_width(c, width)
        cairo_stroke(c)
    }

    private func paintRow(_ texts: [String], fill: RGB?, x0: Double, y: Double, bold: Bool) {
        let c = cr.pointer
        let g = layout.legend
        let f = g.fontSize
        let columns = columnsShown()
        var x = x0
        for (j, col) in columns.enumerated() {
            let w = g.columnWidths[j]
            let ty = y + 0.3 * f
            if col == 0 {
                var tx = x
                if let fill {
                    cairo_rectangle(c, x, y + 0.3 * f, LegendCells.swatchWidth(f), f * 1.05)
                    setColour(fill); cairo_fill_preserve(c)
                    setColour(Palette.outline); cairo_set_line_width(c, layout.outlineWidth * 0.7); cairo_stroke(c)
                    tx += LegendCells.swatchWidth(f) + 0.4 * f
                }
                text(texts[col], size: f, bold: true, x: tx, y: ty)
            } else if col == 2 || col == 3 {
                text(texts[col], size: f, bold: bold, x: x + w - 1.1 * f, y: ty, align: .right)
            } else {
                text(texts[col], size: f, bold: bold, x: x, y: ty)
            }
            x += w
        }
    }

    /// Column numbers (0…5) in the order the legend shows them, recovered from its headers.
    private func columnsShown() -> [Int] {
        let all = ["片区", "名称", "户数", "人数", "负责人", "电话"]
        return layout.legend.headers.compactMap { all.firstIndex(of: $0) }
    }

    func paintScaleBar() {
        let c = cr.pointer
        let b = layout.scaleBar
        let s = layout.outlineWidth / 0.75
        let h = 8 * s
        let seg = b.length / Double(b.segments)
        for i in 0..<b.segments {
            cairo_rectangle(c, b.origin.x + Double(i) * seg, b.origin.y, seg, h)
            setColour(i % 2 == 0 ? Palette.ink : Palette.halo)
            cairo_fill_preserve(c)
            setColour(Palette.ink)
            cairo_set_line_width(c, 0.7 * s)
            cairo_stroke(c)
        }
        let f = 12 * s
        text("比例尺 1:\(PosterLayoutBuilder.roundedScale(layout.scaleDenominator))", size: f, bold: true,
             x: b.origin.x, y: b.origin.y - f * 1.9)
        text("0", size: f, x: b.origin.x, y: b.origin.y + h + 2 * s, align: .centre)
        text(b.label, size: f, x: b.origin.x + b.length, y: b.origin.y + h + 2 * s, align: .centre)
    }

    func paintNorthArrow() {
        let c = cr.pointer
        let r = layout.northArrow
        let s = layout.outlineWidth / 0.75
        let f = 12 * s
        let labelBox = text("N 北", size: f, bold: true, x: r.centre.x, y: r.y, align: .centre)
        let top = Point2(r.centre.x, labelBox.maxY + 2 * s)
        let bottom = r.maxY
        let notch = Point2(r.centre.x, bottom - (bottom - top.y) * 0.28)
        let halfW = r.width / 2
        // Left half dark, right half light, outlined: readable in black-and-white prints.
        cairo_move_to(c, top.x, top.y); cairo_line_to(c, r.centre.x - halfW, bottom); cairo_line_to(c, notch.x, notch.y)
        cairo_close_path(c)
        setColour(Palette.ink); cairo_fill(c)
        cairo_move_to(c, top.x, top.y); cairo_line_to(c, r.centre.x + halfW, bottom); cairo_line_to(c, notch.x, notch.y)
        cairo_close_path(c)
        setColour(Palette.halo); cairo_fill_preserve(c)
        cairo_move_to(c, top.x, top.y); cairo_line_to(c, r.centre.x - halfW, bottom); cairo_line_to(c, notch.x, notch.y)
        cairo_close_path(c)
        setColour(Palette.ink); cairo_set_line_width(c, 0.8 * s); cairo_set_line_join(c, CAIRO_LINE_JOIN_MITER)
        cairo_stroke(c)
    }
}

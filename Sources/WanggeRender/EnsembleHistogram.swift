import CCairo
import WanggeModel

/// One histogram of an ensemble figure with the plan's value marked (`wangge report --plot DIR`):
/// bars of the ensemble's values, a red line at the plan's value with its percentile, a bilingual
/// title. PNG (at `dpi`) or SVG, by the path's extension; written atomically.
public enum EnsembleHistogram {
    public static func draw(values: [Double], mark: Double?, percentile: Double?, titleChinese: String, titleEnglish: String,
                            axisLabel: String, to path: String, dpi: Double = 150) throws {
        guard !values.isEmpty else { throw WanggeError.data("no ensemble values to draw for \(titleEnglish)") }
        let width = 480.0, height = 320.0
        try AtomicFile.write(to: path) { tmp in
            if path.lowercased().hasSuffix(".svg") {
                let s = try CairoSurface.svg(path: tmp, width: width, height: height)
                try paint(on: s, scale: 1)
                try s.finish(path: tmp)
            } else {
                let k = dpi / 72
                let s = try CairoSurface.image(width: Int((width * k).rounded()), height: Int((height * k).rounded()))
                try paint(on: s, scale: k)
                try s.writePNG(path: tmp)
            }
        }

        func paint(on surface: CairoSurface, scale: Double) throws {
            let cr = CairoContext(surface: surface)
            let c = cr.pointer
            cairo_scale(c, scale, scale)
            cairo_set_source_rgb(c, 1, 1, 1); cairo_paint(c)
            let measure = TextMeasure()
            measure.context.update(for: cr)
            func text(_ s: String, _ x: Double, _ y: Double, size: Double, bold: Bool = false, centre: Bool = false,
                      rgb: (Double, Double, Double) = (0.1, 0.1, 0.1)) {
                let layout = measure.layout(s, size: size, bold: bold)
                let w = layout.size.width
                cairo_move_to(c, centre ? x - w / 2 : x, y)
                cairo_set_source_rgb(c, rgb.0, rgb.1, rgb.2)
                pango_cairo_show_layout(c, layout.pointer)
                cairo_new_path(c)
            }
            text(titleChinese, width / 2, 8, size: 15, bold: true, centre: true)
            text(titleEnglish, width / 2, 30, size: 11, centre: true)
            // Plot area and bins.
            let left = 56.0, right = width - 20, top = 58.0, bottom = height - 52
            var lo = values.min()!, hi = values.max()!
            if let mark { lo = min(lo, mark); hi = max(hi, mark) }
            let integral = values.allSatisfy { $0 == $0.rounded() } && hi - lo <= 60
            var bins: Int
            if integral { lo -= 0.5; hi += 0.5; bins = max(1, Int(hi - lo)) } else {
                if hi - lo <= 0 { lo -= 0.5; hi += 0.5 }
                bins = max(5, min(40, Int(Double(values.count).squareRoot())))
                let pad = (hi - lo) * 0.02; lo -= pad; hi += pad
            }
            var counts = [Int](repeating: 0, count: bins)
            for v in values { counts[min(bins - 1, max(0, Int((v - lo) / (hi - lo) * Double(bins))))] += 1 }
            let top1 = Double(counts.max() ?? 1)
            func px(_ v: Double) -> Double { left + (v - lo) / (hi - lo) * (right - left) }
            cairo_set_source_rgb(c, 0.27, 0.46, 0.71)
            for (i, n) in counts.enumerated() where n > 0 {
                let x0 = px(lo + Double(i) * (hi - lo) / Double(bins)), x1 = px(lo + Double(i + 1) * (hi - lo) / Double(bins))
                let h = Double(n) / top1 * (bottom - top)
                cairo_rectangle(c, x0 + 0.5, bottom - h, max(x1 - x0 - 1, 0.5), h)
            }
            cairo_fill(c)
            // Axes and ticks.
            cairo_set_source_rgb(c, 0.2, 0.2, 0.2); cairo_set_line_width(c, 1)
            cairo_move_to(c, left, top); cairo_line_to(c, left, bottom); cairo_line_to(c, right, bottom); cairo_stroke(c)
            for i in 0...4 {
                let v = lo + Double(i) / 4 * (hi - lo)
                let x = px(v)
                cairo_move_to(c, x, bottom); cairo_line_to(c, x, bottom + 4); cairo_stroke(c)
                text(tick(v), x, bottom + 6, size: 8, centre: true)
            }
            text("0", left - 12, bottom - 6, size: 8)
            text("\(Int(top1))", left - 30, top - 5, size: 8)
            text(axisLabel, width / 2, height - 24, size: 9, centre: true)
            if let mark {
                let x = px(mark)
                cairo_set_source_rgb(c, 0.84, 0.15, 0.16); cairo_set_line_width(c, 2)
                cairo_move_to(c, x, top - 4); cairo_line_to(c, x, bottom); cairo_stroke(c)
                let label = "方案 plan" + (percentile.map { " · P\(Int($0.rounded()))" } ?? "")
                let w = measure.size(label, size: 9).width
                let lx = x + 4 + w > right ? x - 4 - w : x + 4
                text(label, lx, top - 4, size: 9, bold: true, rgb: (0.84, 0.15, 0.16))
            }
            try cr.check()
        }
    }

    static func tick(_ v: Double) -> String {
        let a = abs(v)
        if a >= 1e6 { return "\((v / 1e6 * 10).rounded() / 10)M" }
        if a >= 1000 { return String(Int(v.rounded())) }
        if a >= 10 { return "\((v * 10).rounded() / 10)" }
        return "\((v * 1000).rounded() / 1000)"
    }
}

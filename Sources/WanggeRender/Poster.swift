import CCairo
import Foundation
import WanggeModel

/// Wall maps (网组片服务片区示意图) of a plan: PDF (vector), SVG (vector) or PNG (raster).
public enum Poster {
    /// Lays out and draws `plan` into `path`, in the format its extension names (pdf, svg, png).
    /// The file is written under a temporary name in the same directory and renamed when complete,
    /// so a failure leaves nothing behind. Returns the layout that was drawn.
    @discardableResult
    public static func write(_ plan: Plan, to path: String, options: PosterOptions = PosterOptions()) throws -> PosterLayout {
        guard let format = PosterFormat(path: path) else {
            throw WanggeError.usage("the output '\(path)' must end in .pdf, .svg or .png")
        }
        guard options.dpi >= 10, options.dpi <= 1200 else {
            throw WanggeError.usage("--dpi must be between 10 and 1200, not \(options.dpi)")
        }
        let measure = TextMeasure()
        let layout = try PosterLayoutBuilder(plan: plan, options: options, measure: measure).build()
        try AtomicFile.write(to: path) { temporary in
            try draw(layout, plan: plan, format: format, to: temporary, measure: measure)
        }
        if !options.teams.isEmpty && format != .pdf {
            try AtomicFile.write(to: teamPath(path)) { temporary in
                try drawTeamFile(layout, plan: plan, format: format, to: temporary, measure: measure)
            }
        }
        return layout
    }

    /// Draws `plan` into a raster in memory (the PNG path without the file).
    public static func raster(_ plan: Plan, options: PosterOptions = PosterOptions()) throws -> (PosterLayout, RasterImage) {
        let measure = TextMeasure()
        let layout = try PosterLayoutBuilder(plan: plan, options: options, measure: measure).build()
        let surface = try imageSurface(layout)
        try paint(layout, plan: plan, on: surface, measure: measure)
        cairo_surface_flush(surface.pointer)
        return (layout, RasterImage(surface: surface))
    }

    static func imageSurface(_ layout: PosterLayout) throws -> CairoSurface {
        let (w, h) = layout.pixelSize
        guard w <= 32_767, h <= 32_767 else {
            throw WanggeError.usage("\(w)×\(h) pixels is too large for PNG; lower --dpi or use PDF")
        }
        return try CairoSurface.image(width: w, height: h)
    }

    /// Draws in points; an image surface is scaled to `dpi`.
    static func paint(_ layout: PosterLayout, plan: Plan, on surface: CairoSurface, measure: TextMeasure) throws {
        let cr = CairoContext(surface: surface)
        let k = cairo_surface_get_type(surface.pointer) == CAIRO_SURFACE_TYPE_IMAGE ? layout.options.dpi / 72 : 1
        cairo_scale(cr.pointer, k, k)
        try PosterPainter(layout: layout, plan: plan, cr: cr, measure: measure).paint()
    }

    static func draw(_ layout: PosterLayout, plan: Plan, format: PosterFormat, to path: String, measure: TextMeasure) throws {
        switch format {
        case .pdf:
            let surface = try CairoSurface.pdf(path: path, width: layout.pageWidth, height: layout.pageHeight)
            surface.setPDFMetadata(CAIRO_PDF_METADATA_TITLE, layout.title)
            surface.setPDFMetadata(CAIRO_PDF_METADATA_CREATOR, "Wangge \(wanggeVersion)")
            // A fixed creation date keeps the output byte-identical for identical input.
            surface.setPDFMetadata(CAIRO_PDF_METADATA_CREATE_DATE, pdfDate(layout.options.dataDate))
            try paint(layout, plan: plan, on: surface, measure: measure)
            if !layout.options.teams.isEmpty {
                cairo_surface_show_page(surface.pointer)
                let cr = CairoContext(surface: surface)
                try PosterPainter(layout: layout, plan: plan, cr: cr, measure: measure).paintTeamBoard()
            }
            try surface.finish(path: path)
        case .svg:
            let surface = try CairoSurface.svg(path: path, width: layout.pageWidth, height: layout.pageHeight)
            try paint(layout, plan: plan, on: surface, measure: measure)
            try surface.finish(path: path)
        case .png:
            let surface = try imageSurface(layout)
            try paint(layout, plan: plan, on: surface, measure: measure)
            try surface.writePNG(path: path)
        }
    }

    /// Where a PNG or SVG poster's team board goes: `wall.png` → `wall-team.png`.
    public static func teamPath(_ path: String) -> String {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return path + "-team" }
        return String(path[..<dot]) + "-team" + String(path[dot...])
    }

    static func drawTeamFile(_ layout: PosterLayout, plan: Plan, format: PosterFormat, to path: String, measure: TextMeasure) throws {
        let surface: CairoSurface
        switch format {
        case .svg: surface = try CairoSurface.svg(path: path, width: layout.pageWidth, height: layout.pageHeight)
        default: surface = try imageSurface(layout)
        }
        let cr = CairoContext(surface: surface)
        if format == .png { cairo_scale(cr.pointer, layout.options.dpi / 72, layout.options.dpi / 72) }
        try PosterPainter(layout: layout, plan: plan, cr: cr, measure: measure).paintTeamBoard()
        if format == .png { try surface.writePNG(path: path) } else { try surface.finish(path: path) }
    }

    /// "2026-11-28" → "2026-11-28T00:00:00Z"; anything else → the epoch.
    static func pdfDate(_ date: String?) -> String {
        if let date, date.count == 10, date.split(separator: "-").count == 3 { return date + "T00:00:00Z" }
        return "1970-01-01T00:00:00Z"
    }
}

/// An 8-bit RGB raster (a drawn poster, or a PNG read back), for checking pixels.
public struct RasterImage: Sendable {
    public let width: Int
    public let height: Int
    /// 0xAARRGGBB per pixel, row by row (cairo's ARGB32, premultiplied; opaque pixels are plain).
    public let pixels: [UInt32]

    init(surface: CairoSurface) {
        let s = surface.pointer
        cairo_surface_flush(s)
        width = Int(cairo_image_surface_get_width(s))
        height = Int(cairo_image_surface_get_height(s))
        let stride = Int(cairo_image_surface_get_stride(s))
        var px = [UInt32](repeating: 0, count: width * height)
        if let data = cairo_image_surface_get_data(s) {
            let format = cairo_image_surface_get_format(s)
            for y in 0..<height {
                for x in 0..<width {
                    let p = data + y * stride + x * 4
                    if format == CAIRO_FORMAT_RGB24 {
                        px[y * width + x] = 0xFF00_0000 | (UnsafeRawPointer(p).loadUnaligned(as: UInt32.self) & 0x00FF_FFFF)
                    } else {
                        px[y * width + x] = UnsafeRawPointer(p).loadUnaligned(as: UInt32.self)
                    }
                }
            }
        }
        pixels = px
    }

    /// Reads a PNG file.
    public init(pngAt path: String) throws {
        self.init(surface: try CairoSurface.png(path: path))
        if width == 0 { throw WanggeError(.noInput, "cannot read PNG", at: SourceLocation(file: path)) }
    }

    /// The colour at pixel (x, y).
    public func rgb(x: Int, y: Int) -> (red: UInt8, green: UInt8, blue: UInt8) {
        let v = pixels[y * width + x]
        return (UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF))
    }
}

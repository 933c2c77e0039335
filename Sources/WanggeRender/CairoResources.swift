import CCairo
import WanggeModel

// Cairo and pango objects are C resources: each wrapper owns one reference and releases it in
// deinit, so every path out of a render (errors included) frees them. They are not Sendable:
// a render creates and uses them on one thread.

/// A cairo surface (PDF, SVG or image).
final class CairoSurface {
    let pointer: OpaquePointer

    private init(_ pointer: OpaquePointer) { self.pointer = pointer }
    deinit { cairo_surface_destroy(pointer) }

    static func pdf(path: String, width: Double, height: Double) throws -> CairoSurface {
        try checked(CairoSurface(cairo_pdf_surface_create(path, width, height)), path: path)
    }

    static func svg(path: String, width: Double, height: Double) throws -> CairoSurface {
        let s = try checked(CairoSurface(cairo_svg_surface_create(path, width, height)), path: path)
        cairo_svg_surface_set_document_unit(s.pointer, CAIRO_SVG_UNIT_PT)
        return s
    }

    static func image(width: Int, height: Int) throws -> CairoSurface {
        try checked(CairoSurface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height))), path: nil)
    }

    static func png(path: String) throws -> CairoSurface {
        try checked(CairoSurface(cairo_image_surface_create_from_png(path)), path: path)
    }

    private static func checked(_ s: CairoSurface, path: String?) throws -> CairoSurface {
        let status = cairo_surface_status(s.pointer)
        guard status == CAIRO_STATUS_SUCCESS else {
            let what = String(cString: cairo_status_to_string(status))
            throw WanggeError(path == nil ? .software : .cannotCreate, "cannot create the drawing surface: \(what)",
                              at: SourceLocation(file: path))
        }
        return s
    }

    func setPDFMetadata(_ key: cairo_pdf_metadata_t, _ value: String) {
        cairo_pdf_surface_set_metadata(pointer, key, value)
    }

    /// Flushes and closes the surface (writes the end of a PDF/SVG file); reports cairo's status.
    func finish(path: String?) throws {
        cairo_surface_finish(pointer)
        let status = cairo_surface_status(pointer)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw WanggeError(.cannotCreate, "cannot write the drawing: \(String(cString: cairo_status_to_string(status)))",
                              at: SourceLocation(file: path))
        }
    }

    func writePNG(path: String) throws {
        let status = cairo_surface_write_to_png(pointer, path)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw WanggeError(.cannotCreate, "cannot write PNG: \(String(cString: cairo_status_to_string(status)))",
                              at: SourceLocation(file: path))
        }
    }
}

/// A cairo drawing context.
final class CairoContext {
    let pointer: OpaquePointer
    init(surface: CairoSurface) { pointer = cairo_create(surface.pointer) }
    deinit { cairo_destroy(pointer) }

    func check() throws {
        let status = cairo_status(pointer)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw WanggeError(.software, "drawing failed: \(String(cString: cairo_status_to_string(status)))")
        }
    }
}

/// A pango font description.
final class FontDescription {
    let pointer: OpaquePointer
    /// `family` at `size` points (absolute, so it does not depend on any resolution), optionally bold.
    init(family: String, size: Double, bold: Bool) {
        pointer = pango_font_description_new()
        pango_font_description_set_family(pointer, family)
        pango_font_description_set_weight(pointer, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_font_description_set_absolute_size(pointer, size * Double(PANGO_SCALE))
    }
    deinit { pango_font_description_free(pointer) }
}

/// A pango context whose metrics do not depend on the output device: hinting of metrics is off,
/// so a text measures the same on the layout pass, in a PDF and in a PNG at any dpi.
final class TextContext {
    let pointer: OpaquePointer

    init() {
        let map = pango_cairo_font_map_get_default() // borrowed, owned by pango
        pointer = pango_font_map_create_context(map)
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        pango_cairo_context_set_font_options(pointer, options) // copies
        cairo_font_options_destroy(options)
        pango_cairo_context_set_resolution(pointer, 72)
    }
    deinit { g_object_unref(UnsafeMutableRawPointer(pointer)) }

    /// Binds the context to `cr`'s current transformation before drawing.
    func update(for cr: CairoContext) { pango_cairo_update_context(cr.pointer, pointer) }
}

/// One laid-out piece of text.
final class TextLayout {
    let pointer: OpaquePointer

    init(_ text: String, font: FontDescription, context: TextContext) {
        pointer = pango_layout_new(context.pointer)
        pango_layout_set_font_description(pointer, font.pointer)
        pango_layout_set_text(pointer, text, -1)
    }
    deinit { g_object_unref(UnsafeMutableRawPointer(pointer)) }

    /// Logical width and height in points.
    var size: (width: Double, height: Double) {
        var ink = PangoRectangle(), logical = PangoRectangle()
        pango_layout_get_extents(pointer, &ink, &logical)
        return (Double(logical.width) / Double(PANGO_SCALE), Double(logical.height) / Double(PANGO_SCALE))
    }
}

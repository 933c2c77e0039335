/// Measures text in points with the fonts wall maps print with. Layout uses it to size the legend
/// and labels; drawing uses the same context settings, so what was measured is what is drawn.
final class TextMeasure {
    let context = TextContext()
    private var fonts: [FontKey: FontDescription] = [:]

    struct FontKey: Hashable { var size: Double; var bold: Bool }

    /// Noto Sans CJK SC (from fonts-noto-cjk) covers Chinese and Latin text alike.
    static let family = "Noto Sans CJK SC"

    func font(size: Double, bold: Bool = false) -> FontDescription {
        let key = FontKey(size: size, bold: bold)
        if let f = fonts[key] { return f }
        let f = FontDescription(family: Self.family, size: size, bold: bold)
        fonts[key] = f
        return f
    }

    func layout(_ text: String, size: Double, bold: Bool = false) -> TextLayout {
        TextLayout(text, font: font(size: size, bold: bold), context: context)
    }

    func size(_ text: String, size: Double, bold: Bool = false) -> (width: Double, height: Double) {
        layout(text, size: size, bold: bold).size
    }
}

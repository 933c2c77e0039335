import CCairo
import WanggeModel

extension PosterPainter {
    /// The team board (四联 contact list): the poster's title, then one block per district — its
    /// heading and one line per cadre: name, role, duty, phone — flowed into columns, the font
    /// sized so that every block fits the page.
    func paintTeamBoard() throws {
        measure.context.update(for: cr)
        let c = cr.pointer
        cairo_set_source_rgb(c, 1, 1, 1)
        cairo_paint(c)
        let teams = layout.options.teams
        let margin = min(layout.pageWidth, layout.pageHeight) * 0.04
        let titleSize = layout.titleSize * 0.8
        let title = text(layout.title + " · 片区联系干部（四联）", size: titleSize, bold: true,
                         x: layout.pageWidth / 2, y: margin, align: .centre)
        let top = title.maxY + titleSize * 0.6
        let usableH = layout.pageHeight - top - margin, usableW = layout.pageWidth - 2 * margin
        let lines = teams.reduce(0) { $0 + $1.members.count + 2 }
        // Columns: as many as keep a line readable; the font follows from the lines per column.
        var columns = 1, size = 0.0
        for n in 1...6 {
            let perColumn = (Double(lines) / Double(n)).rounded(.up) + 2
            let s = min(14, usableH / (perColumn * 1.45), usableW / Double(n) / 34)
            if s > size { size = s; columns = n }
        }
        let lineH = size * 1.45
        let colW = usableW / Double(columns)
        let widths = [0.19, 0.15, 0.40, 0.26]
        var col = 0
        var y = top
        for district in teams {
            let need = Double(district.members.count + 2) * lineH
            if y + need > top + usableH + 0.5, y > top { col += 1; y = top }
            let x0 = margin + Double(col) * colW
            setColour(RGB(hex: 0x3B5B8C))
            cairo_rectangle(c, x0, y, colW * 0.97, lineH)
            cairo_fill(c)
            text(district.heading, size: size, bold: true, x: x0 + size * 0.3, y: y + size * 0.2, colour: RGB(hex: 0xFFFFFF))
            y += lineH
            for m in district.members {
                var x = x0 + size * 0.3
                for (i, t) in [m.name, m.role, m.duty, m.phone].enumerated() {
                    text(t, size: size, x: x, y: y + size * 0.2)
                    x += colW * 0.97 * widths[i]
                }
                y += lineH
            }
            y += lineH
        }
        try cr.check()
    }
}

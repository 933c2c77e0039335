import WanggeModel

/// The legend's texts measured once at 10 pt; sizes at other font sizes scale linearly
/// (metric hinting is off, see `TextContext`).
struct LegendCells {
    static let reference = 10.0
    let rows: [LegendRow]
    let headers: [String]
    /// Which of the six columns (片区, 名称, 户数, 人数, 负责人, 电话) are shown: name, leader and
    /// phone only when some district has one.
    let columns: [Int]
    /// Widths at 10 pt per shown column (column 0 includes the swatch).
    let widths10: [Double]
    let titleText = "图例"

    init(rows: [LegendRow], measure: TextMeasure) {
        self.rows = rows
        let all = ["片区", "名称", "户数", "人数", "负责人", "电话"]
        var columns = [0]
        if rows.contains(where: { !$0.name.isEmpty }) { columns.append(1) }
        columns += [2, 3]
        if rows.contains(where: { !$0.leader.isEmpty }) { columns.append(4) }
        if rows.contains(where: { !$0.phone.isEmpty }) { columns.append(5) }
        self.columns = columns
        headers = columns.map { all[$0] }
        let r = Self.reference
        var widths = headers.map { measure.size($0, size: r, bold: true).width }
        let totals = Self.totalsTexts(rows)
        for row in rows {
            let texts = Self.texts(row)
            for (j, c) in columns.enumerated() { widths[j] = max(widths[j], measure.size(texts[c], size: r).width) }
        }
        for (j, c) in columns.enumerated() { widths[j] = max(widths[j], measure.size(totals[c], size: r, bold: true).width) }
        widths[0] += Self.swatchWidth(r) + 0.4 * r
        widths10 = widths
    }

    static func swatchWidth(_ f: Double) -> Double { 1.5 * f }

    /// The six cell texts of a row.
    static func texts(_ row: LegendRow) -> [String] {
        [row.id, row.name, String(row.households), String(row.members), row.leader, row.phone]
    }

    static func totalsTexts(_ rows: [LegendRow]) -> [String] {
        ["合计", "", String(rows.reduce(0) { $0 + $1.households }), String(rows.reduce(0) { $0 + $1.members }), "", ""]
    }

    func padding(_ f: Double) -> Double { 1.1 * f }
    func rowHeight(_ f: Double) -> Double { 1.6 * f }
    func titleHeight(_ f: Double) -> Double { 2.2 * f }
    func blockGap(_ f: Double) -> Double { 1.6 * f }
    func columnWidths(_ f: Double) -> [Double] { widths10.map { $0 * f / Self.reference + padding(f) } }
    func blockWidth(_ f: Double) -> Double { columnWidths(f).reduce(0, +) }
    /// Header row, rows, totals row.
    func tableHeight(rows n: Int, _ f: Double) -> Double { rowHeight(f) * Double(n + 2) + 0.5 * f }

    private func geometry(frame: PageRect, f: Double, rowsPerBlock: Int, blocks: Int, omitted: Int) -> LegendGeometry {
        LegendGeometry(frame: frame, fontSize: f, rowHeight: rowHeight(f), headers: headers, columnWidths: columnWidths(f),
                       blockWidth: blockWidth(f), rowsPerBlock: rowsPerBlock, blocks: blocks,
                       tableOrigin: Point2(frame.x, frame.y + titleHeight(f)), omittedRows: omitted)
    }

    /// A legend panel on the right of `body`, the table above an extras box of `extrasHeight`.
    /// The font starts at `largest` while one block of rows fits in at most 30 % of the width (a
    /// wall map is read from a step away), then shrinks towards `smallest`, flowing into more
    /// blocks, until the panel takes at most 45 % of the width.
    func fitRight(body: PageRect, extrasHeight: Double, minWidth: Double, largest: Double, nominal: Double,
                  smallest: Double) -> LegendGeometry? {
        let n = max(rows.count, 1)
        var f = largest
        while true {
            let free = body.height - extrasHeight - titleHeight(f) - tableHeight(rows: 0, f)
            let perBlock = Int(free / rowHeight(f))
            if perBlock >= 1 {
                let blocks = (n + perBlock - 1) / perBlock
                let rowsPerBlock = (n + blocks - 1) / blocks
                let width = Double(blocks) * blockWidth(f) + Double(blocks - 1) * blockGap(f)
                let last = f * 0.92 < smallest
                let accept = f > nominal ? (blocks == 1 && width <= body.width * 0.3) : width <= body.width * 0.45
                if accept || last {
                    let maxBlocks = max(1, Int((body.width * 0.45 + blockGap(f)) / (blockWidth(f) + blockGap(f))))
                    let used = min(blocks, maxBlocks)
                    let shownWidth = Double(used) * blockWidth(f) + Double(used - 1) * blockGap(f)
                    let panelWidth = max(shownWidth, minWidth)
                    let frame = PageRect(x: body.maxX - panelWidth, y: body.y, width: panelWidth, height: body.height)
                    return geometry(frame: frame, f: f, rowsPerBlock: used < blocks ? perBlock : rowsPerBlock, blocks: used,
                                    omitted: max(0, n - used * perBlock))
                }
            } else if f * 0.92 < smallest { return nil }
            f *= 0.92
        }
    }

    /// A legend strip along the bottom of `body`, the extras box at its right end. The font
    /// shrinks until the strip takes at most 40 % of the height.
    func fitBottom(body: PageRect, extrasWidth: Double, largest: Double, nominal: Double,
                   smallest: Double) -> LegendGeometry? {
        let n = max(rows.count, 1)
        var f = largest
        while true {
            let room = body.width - extrasWidth - blockGap(f)
            let maxBlocks = Int((room + blockGap(f)) / (blockWidth(f) + blockGap(f)))
            if maxBlocks >= 1 {
                let rowsPerBlock = (n + maxBlocks - 1) / maxBlocks
                let blocks = (n + rowsPerBlock - 1) / rowsPerBlock
                var height = titleHeight(f) + tableHeight(rows: rowsPerBlock, f)
                let last = f * 0.92 < smallest
                if height <= body.height * (f > nominal ? 0.25 : 0.4) || last {
                    var shown = rowsPerBlock
                    if height > body.height * 0.4 {
                        shown = max(1, Int((body.height * 0.4 - titleHeight(f) - tableHeight(rows: 0, f)) / rowHeight(f)))
                        height = titleHeight(f) + tableHeight(rows: shown, f)
                    }
                    let frame = PageRect(x: body.x, y: body.maxY - height, width: body.width, height: height)
                    return geometry(frame: frame, f: f, rowsPerBlock: shown, blocks: min(blocks, maxBlocks),
                                    omitted: max(0, n - min(blocks, maxBlocks) * shown))
                }
            } else if f * 0.92 < smallest { return nil }
            f *= 0.92
        }
    }
}

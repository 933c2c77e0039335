import Foundation

/// The redraw lines of the summary: retention, moves and loads before → after.
package enum RedrawText {
    package static func text(_ s: RedrawSummary, ids: [String]) -> String {
        var lines: [String] = []
        lines.append(String(format: "redraw       core retention %.1f%% (%d of %d households kept their district), %d moved, %d added, %d removed",
                            s.coreRetention * 100, s.retained, s.inBoth, s.moved, s.added, s.removed))
        var row: [String] = []
        for (d, id) in ids.enumerated() {
            row.append("\(id) \(Int(s.loadsBefore[d].rounded()))→\(Int(s.loadsAfter[d].rounded()))")
            if row.count == 7 { lines.append("  " + row.joined(separator: "  ")); row = [] }
        }
        if !row.isEmpty { lines.append("  " + row.joined(separator: "  ")) }
        return lines.joined(separator: "\n") + "\n"
    }
}

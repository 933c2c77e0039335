import Foundation
import Testing
import WanggeModel
@testable import WanggeRender

/// The PDF as poppler-utils sees it. Skipped (with this reason) when poppler-utils is absent.
@Suite(.serialized, .enabled(if: Tool.popplerAvailable, "poppler-utils (pdfinfo, pdffonts, pdftotext) not installed"))
struct PosterPDFTests {
    @Test(arguments: [(PaperSize.a1, PaperOrientation.automatic), (.a3, .landscape), (.a4, .portrait)])
    func pageHasTheRequestedPaperSize(paper: PaperSize, orientation: PaperOrientation) throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/wall.pdf"
        let layout = try Poster.write(Fixtures.grid(), to: path, options: PosterOptions(paper: paper, orientation: orientation))
        let info = try Tool.run("pdfinfo", [path])
        let line = try #require(info.split(separator: "\n").first { $0.hasPrefix("Page size:") })
        let numbers = line.split(whereSeparator: { $0 == " " }).compactMap { Double($0) }
        #expect(numbers.count == 2)
        let (w, h) = (numbers[0], numbers[1])
        let mm = paper.millimetres
        let expected = layout.landscape ? (mm.long, mm.short) : (mm.short, mm.long)
        #expect(abs(w / pointsPerMillimetre - expected.0) < 0.5 && abs(h / pointsPerMillimetre - expected.1) < 0.5,
                "\(line) is not \(paper.rawValue)")
        if orientation == .landscape { #expect(w > h) }
        if orientation == .portrait { #expect(h > w) }
        let pages = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }
        #expect(pages?.dropFirst(6).trimmingCharacters(in: .whitespaces) == "1")
    }

    @Test func embedsACJKFontAndItsTextHasTheDistrictNames() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/wall.pdf"
        let plan = Fixtures.grid()
        try Poster.write(plan, to: path, options: PosterOptions(paper: .a2, dataDate: "2026-11-28"))
        let fonts = try Tool.run("pdffonts", [path])
        let cjk = fonts.split(separator: "\n").filter { $0.contains("NotoSansCJK") }
        #expect(!cjk.isEmpty, "no Noto Sans CJK font in:\n\(fonts)")
        // Columns: name type encoding emb sub uni object ID; every CJK font is embedded.
        for line in cjk {
            let fields = line.split(separator: " ")
            #expect(fields.count >= 5 && fields[fields.count - 5] == "yes", "not embedded: \(line)")
        }
        let text = try Tool.run("pdftotext", ["-layout", path, "-"])
        #expect(text.contains(PosterOptions.defaultTitle))
        for d in plan.districts {
            let label = try #require(d.label)
            #expect(text.contains(label.name), "\(label.name) missing from the PDF text")
            #expect(text.contains(label.leader), "\(label.leader) missing from the PDF text")
            #expect(text.contains(label.phone), "\(label.phone) missing from the PDF text")
            #expect(text.contains(d.id))
        }
        #expect(text.contains("2026-11-28"))
        #expect(text.contains("Wangge \(wanggeVersion)"))
    }

    @Test func customTitleIsPrinted() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/wall.pdf"
        try Poster.write(Fixtures.grid(), to: path, options: PosterOptions(paper: .a4, title: "八公山镇网格图"))
        let text = try Tool.run("pdftotext", [path, "-"])
        #expect(text.contains("八公山镇网格图"))
        #expect(!text.contains(PosterOptions.defaultTitle))
    }
}

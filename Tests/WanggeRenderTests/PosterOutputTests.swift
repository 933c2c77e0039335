import Foundation
import Testing
import WanggeModel
@testable import WanggeRender

struct PosterOutputTests {
    @Test func formatComesFromTheExtension() {
        #expect(PosterFormat(path: "out/wall.PDF") == .pdf)
        #expect(PosterFormat(path: "wall.svg") == .svg)
        #expect(PosterFormat(path: "a.b/wall.png") == .png)
        #expect(PosterFormat(path: "wall.jpg") == nil)
        #expect(PosterFormat(path: "out.d/wall") == nil)
    }

    @Test func unknownExtensionIsAUsageErrorAndWritesNothing() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: WanggeError.self) { try Poster.write(Fixtures.grid(), to: dir + "/wall.jpg") }
        do { try Poster.write(Fixtures.grid(), to: dir + "/wall.jpg") } catch let e as WanggeError { #expect(e.status == .usage) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    @Test(arguments: ["pdf", "svg", "png"])
    func unwritableDestinationFailsCleanly(ext: String) throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/missing/wall." + ext
        do {
            try Poster.write(Fixtures.grid(), to: path, options: PosterOptions(paper: .a4, dpi: 50))
            Issue.record("writing into a missing directory succeeded")
        } catch let e as WanggeError {
            #expect(e.status == .cannotCreate)
            #expect(e.location.file == path)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    @Test func svgIsAVectorDocumentOfThePaperSize() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/wall.svg"
        let layout = try Poster.write(Fixtures.grid(), to: path, options: PosterOptions(paper: .a3))
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        #expect(svg.hasPrefix("<?xml"))
        let width = try #require(svg.firstRange(of: "width=\"").map { svg[$0.upperBound...].prefix { $0 != "p" && $0 != "\"" } })
        let height = try #require(svg.firstRange(of: "height=\"").map { svg[$0.upperBound...].prefix { $0 != "p" && $0 != "\"" } })
        #expect(abs(try #require(Double(width)) - layout.pageWidth) < 0.01)
        #expect(abs(try #require(Double(height)) - layout.pageHeight) < 0.01)
        #expect(svg.contains("width=\"\(width)pt\""))
        #expect(svg.contains("<path"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["wall.svg"])
    }

    @Test func emptyPlanIsADataError() {
        let plan = Plan(metadata: PlanMetadata(districts: 0), districts: [], households: HouseholdTable(), assignment: [])
        #expect(throws: WanggeError.self) { try PosterLayout(plan: plan, options: PosterOptions()) }
    }
}

import Foundation
import Testing
@testable import WanggeModel

/// The one crash-safe writer: temporary name, rename on commit, nothing left on failure, stale
/// temporary files of dead processes removed by the next write of the same target.
@Suite struct AtomicFileTests {
    let dir: String = {
        let d = NSTemporaryDirectory() + "wangge-atomic-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }()
    var listing: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted() }

    @Test func writesUnderATemporaryNameUntilCommit() throws {
        let path = dir + "/plan.geojson"
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        let file = try AtomicFile(path: path)
        #expect(file.temporaryPath.hasPrefix(dir + "/.plan.geojson.wangge-tmp-\(getpid())-"))
        try file.write(Array("new content".utf8))
        // Until the commit the real name still holds the old file.
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        #expect(listing.count == 2)
        try file.commit()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new content")
        #expect(listing == ["plan.geojson"])
    }

    @Test func abandonedOrFailedWritesLeaveNothing() throws {
        let path = dir + "/a.csv"
        do {
            let file = try AtomicFile(path: path)
            try file.write(Array("partial".utf8))
        }  // dropped without commit
        #expect(listing.isEmpty)
        struct Boom: Error {}
        #expect(throws: Boom.self) { try AtomicFile.write(to: path) { tmp in
            try Data("partial".utf8).write(to: URL(fileURLWithPath: tmp)); throw Boom()
        } }
        #expect(listing.isEmpty)
        let missing = dir + "/no/such/dir/x.csv"
        let e = #expect(throws: WanggeError.self) { try AtomicFile(path: missing) }
        #expect(e?.status == .cannotCreate)
        #expect(e?.location.file == missing)
    }

    @Test func staleTemporariesOfDeadProcessesAreRemoved() throws {
        // A process that has exited: its pid names a killed writer.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/true")
        try p.run(); p.waitUntilExit()
        let dead = p.processIdentifier
        let stale = ".wall.png.wangge-tmp-\(dead)-1f2e3d"
        let live = ".wall.png.wangge-tmp-1-abc"        // pid 1 is alive: a concurrent run, left alone
        let other = ".other.png.wangge-tmp-\(dead)-99"  // another target: not this run's business
        for name in [stale, live, other] { try Data("x".utf8).write(to: URL(fileURLWithPath: dir + "/" + name)) }
        try AtomicFile.write(to: dir + "/wall.png") { tmp in try Data("png".utf8).write(to: URL(fileURLWithPath: tmp)) }
        #expect(listing == [live, other, "wall.png"].sorted())
    }
}

import Foundation
import Testing
@testable import WanggeIO
import WanggeModel

/// Paths of the bundled fixtures.
enum Fixture {
    static func path(_ name: String) -> String {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent(name).path
    }
}

/// A fresh temporary directory per test, for generated inputs and outputs.
final class TempDir {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "wangge-io-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` (UTF-8) to `name` and returns its path.
    @discardableResult
    func file(_ name: String, _ text: String) -> String { file(name, bytes: Array(text.utf8)) }

    @discardableResult
    func file(_ name: String, bytes: [UInt8]) -> String {
        let p = path + "/" + name
        precondition(FileManager.default.createFile(atPath: p, contents: Data(bytes)), "cannot write \(p)")
        return p
    }

    var listing: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }
}

/// Runs `body`, expecting a `WanggeError`; returns it (or records a failure and returns nil).
func expectError(_ body: () throws -> Void, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> WanggeError? {
    do {
        try body()
        Issue.record("expected an error, got none", sourceLocation: sourceLocation)
    } catch let e as WanggeError {
        return e
    } catch {
        Issue.record("expected a WanggeError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

/// A GeoJSON FeatureCollection of household features given as JSON object texts.
func collection(_ features: [String]) -> String {
    "{\"type\":\"FeatureCollection\",\"features\":[\n" + features.joined(separator: ",\n") + "\n]}\n"
}

/// A household Point feature with the given properties body.
func point(_ lon: Double, _ lat: Double, _ properties: String) -> String {
    "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[\(lon),\(lat)]},\"properties\":{\(properties)}}"
}

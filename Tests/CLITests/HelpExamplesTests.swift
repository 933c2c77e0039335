import Foundation
import Testing

/// Issue 13, item 6: help that pastes. Every command's help has whole paragraphs (no hard line
/// breaks inside), example lines that fit the terminal, the exit codes, no pointers at internal
/// files; and every example, pasted into bash in a directory holding the sample, exits 0.
@Suite(.serialized) struct HelpExamplesTests {
    /// In the order the examples build on each other (partition writes plan.geojson, redraw
    /// plan-2.geojson, report and compare read them, sample last: it rewrites sample-geo/).
    static let commands: [(name: String, exitCodes: [Int])] = [
        ("validate", [0, 64, 65, 66]), ("partition", [0, 64, 65, 66, 73]), ("redraw", [0, 64, 65, 66, 73]),
        ("report", [0, 64, 65, 66, 73]), ("compare", [0, 64, 65, 66, 73]), ("poster", [0, 64, 65, 66, 73]),
        ("sample", [0, 64, 73]),
    ]

    /// The example commands of a help text: the indented lines starting with "wangge " under the
    /// "Examples" heading, with backslash continuations joined.
    static func examples(_ help: String) -> [String] {
        let lines = help.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { $0.hasPrefix("Examples") }) else { return [] }
        var commands: [String] = []
        var current: String?
        for line in lines[(start + 1)...] {
            let text = line.trimmingCharacters(in: .whitespaces)
            if current == nil {
                guard text.hasPrefix("wangge ") else { if text.isEmpty { continue } else { break } }
                current = ""
            }
            if text.hasSuffix("\\") {
                current! += String(text.dropLast()) + " "
            } else {
                commands.append(current! + text); current = nil
            }
        }
        return commands
    }

    static func bash(_ command: String, in directory: String) throws -> CLI.Result {
        let binDir = URL(fileURLWithPath: CLI.binary).deletingLastPathComponent().path
        let path = binDir + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        return try CLI.run(["-c", command], in: directory, executable: "/bin/bash", environment: ["PATH": path])
    }

    @Test func helpTextIsWholeParagraphsWithExitCodesAndNoInternalPointers() throws {
        for (name, codes) in Self.commands {
            let r = try CLI.run([name, "--help"])
            #expect(r.status == 0, "\(name) --help")
            let help = r.stdout
            #expect(!help.contains("DESIGN") && !help.contains(".swift"), "\(name): points at internal files")
            #expect(help.contains("Exit status: 0"), "\(name): no exit status")
            for code in codes where code != 0 { #expect(help.contains(" \(code) "), "\(name): exit code \(code) missing") }
            // Discussion paragraphs are not broken by hand: the parser wraps at 80 columns, so a
            // line that ends well short of 80 while the next one continues the sentence is a
            // hard break (a paragraph's last line ends in '.' or ')').
            let lines = help.components(separatedBy: "\n")
            let overview = lines.prefix { !$0.hasPrefix("USAGE:") }
            for (i, line) in overview.enumerated() where i + 1 < overview.count {
                let next = overview[overview.index(overview.startIndex, offsetBy: i + 1)]
                guard !line.isEmpty, !next.isEmpty, !line.hasPrefix("  "), !next.hasPrefix("  "),
                      !line.hasPrefix("OVERVIEW") else { continue }
                #expect(line.count >= 60, "\(name): hard line break after \"\(line)\"")
            }
            let examples = Self.examples(help)
            #expect(!examples.isEmpty, "\(name): no examples")
            let start = try #require(lines.firstIndex { $0.hasPrefix("Examples") })
            for line in lines[(start + 1)...].prefix(while: { !$0.isEmpty }) {
                #expect(line.count < 78, "\(name): example line of \(line.count) columns: \(line)")
            }
        }
    }

    @Test func everyExampleRunsWhenPastedIntoAShell() throws {
        let scratch = Scratch()
        let sample = CLI.packageRoot.appendingPathComponent("sample-geo").path
        try FileManager.default.copyItem(atPath: sample, toPath: scratch.path + "/sample-geo")
        var ran = 0
        for (name, _) in Self.commands {
            let help = try CLI.run([name, "--help"]).stdout
            for command in Self.examples(help) {
                let r = try Self.bash(command, in: scratch.path)
                #expect(r.status == 0, "\(command)\nexit \(r.status): \(r.stderr.suffix(500))")
                ran += 1
            }
        }
        #expect(ran >= 10)
        // What the examples promise is there.
        for file in ["plan.geojson", "plan.csv", "plan-2.geojson", "report.json", "wall.pdf", "wall.png",
                     "town/households.geojson", "sample-geo/households-evolved.geojson", "compare.csv"] {
            #expect(FileManager.default.fileExists(atPath: scratch.path + "/" + file), "\(file) missing")
        }
        // --excel: the CSV opens in Excel with a byte order mark and CRLF, with names.
        let csv = try Data(contentsOf: URL(fileURLWithPath: scratch.path + "/plan.csv"))
        #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: csv.dropFirst(3).prefix(18), as: UTF8.self) == "id,district,name\r\n")
    }
}

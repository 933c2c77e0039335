import ArgumentParser
import Wangge

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "compare", abstract: "(not yet available)")
    func run() throws {
        try reportingErrors { throw WanggeError(.software, "'wangge compare' is not available in this build yet") }
    }
}

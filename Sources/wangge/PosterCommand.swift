import ArgumentParser
import Wangge

struct PosterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "poster", abstract: "(not yet available)")
    func run() throws {
        try reportingErrors { throw WanggeError(.software, "'wangge poster' is not available in this build yet") }
    }
}

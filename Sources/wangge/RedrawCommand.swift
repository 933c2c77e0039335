import ArgumentParser
import Wangge

struct RedrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "redraw", abstract: "(not yet available)")
    func run() throws {
        try reportingErrors { throw WanggeError(.software, "'wangge redraw' is not available in this build yet") }
    }
}

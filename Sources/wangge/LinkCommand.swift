import ArgumentParser
import Wangge

struct LinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "link", abstract: "(not yet available)")
    func run() throws {
        try reportingErrors { throw WanggeError(.software, "'wangge link' is not available in this build yet") }
    }
}

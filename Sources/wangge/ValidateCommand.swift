import ArgumentParser
import Wangge

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "validate", abstract: "(not yet available)")
    func run() throws {
        try reportingErrors { throw WanggeError(.software, "'wangge validate' is not available in this build yet") }
    }
}

import ArgumentParser
import Wangge

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "(not yet available)")
    func run() throws {
        try reportingErrors { throw WanggeError(.software, "'wangge report' is not available in this build yet") }
    }
}

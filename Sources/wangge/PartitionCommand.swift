import ArgumentParser
import Wangge

struct PartitionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "partition", abstract: "(not yet available)")
    func run() throws {
        try reportingErrors { throw WanggeError(.software, "'wangge partition' is not available in this build yet") }
    }
}
